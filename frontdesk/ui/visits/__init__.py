"""Home fee-collection visits: booking, the agenda, the day before and the outcome."""
