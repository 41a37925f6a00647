"""Overdue-fee calls: the call queue, making a call, promises and letters."""
