"""frontdesk: the front desk of a residential property-management office."""

__version__ = "0.1.0"
