"""Matters (工单): complaints, enquiries, repairs and messages, their deadlines and call-backs."""
