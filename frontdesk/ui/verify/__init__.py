"""Screen F10: is a receipt's verification code genuine, and which payment is it?"""
