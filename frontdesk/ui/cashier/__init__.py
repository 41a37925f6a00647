"""The cashier screen (F2): household search, bills, payment with change, the receipt."""
