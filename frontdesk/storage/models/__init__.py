"""Every table of the application; importing this registers them all on ``Base``."""

from frontdesk.storage.base import Base
from frontdesk.storage.models.audit import AuditEvent, AuditHead
from frontdesk.storage.models.estate import Building, Estate, Household, Owner, OwnerPhone, Room
from frontdesk.storage.models.staff import Staff

__all__ = [
    "AuditEvent",
    "AuditHead",
    "Base",
    "Building",
    "Estate",
    "Household",
    "Owner",
    "OwnerPhone",
    "Room",
    "Staff",
]
