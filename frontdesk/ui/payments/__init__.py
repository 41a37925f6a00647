"""Screen F4: the day's payments at this desk, their receipts, voids (作废) and refunds (退款)."""
