"""The printer: its settings screen (F9), the spool control and warning, receipt copies."""
