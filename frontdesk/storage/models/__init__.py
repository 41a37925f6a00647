"""Every table of the application; importing this registers them all on ``Base``."""

from frontdesk.storage.base import Base

# Reception (issue 5) and field work (issue 6): each module registers its own tables.
from frontdesk.storage.models import calls, matters, visitors, visits  # noqa: F401
from frontdesk.storage.models.audit import AuditEvent, AuditHead
from frontdesk.storage.models.billing import Bill, FeeItem, FeeRate
from frontdesk.storage.models.cashbox import CashMovement, CashSession
from frontdesk.storage.models.estate import Building, Estate, Household, Owner, OwnerPhone, Room
from frontdesk.storage.models.matters import Matter, MatterCounter, MatterEvent, StaffMessage
from frontdesk.storage.models.payments import (
    Allocation,
    Payment,
    PaymentReversal,
    PaymentTender,
    PrepayEntry,
    ReceiptCounter,
)
from frontdesk.storage.models.printing import AppSecret, PrintJob
from frontdesk.storage.models.staff import Staff
from frontdesk.storage.models.visitors import VisitorVisit
from frontdesk.storage.models.visits import HomeVisit, HomeVisitEvent

__all__ = [
    "Allocation",
    "AppSecret",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Bill",
    "Building",
    "CashMovement",
    "CashSession",
    "Estate",
    "FeeItem",
    "FeeRate",
    "HomeVisit",
    "HomeVisitEvent",
    "Household",
    "Matter",
    "MatterCounter",
    "MatterEvent",
    "Owner",
    "OwnerPhone",
    "Payment",
    "PaymentReversal",
    "PaymentTender",
    "PrepayEntry",
    "PrintJob",
    "ReceiptCounter",
    "Room",
    "Staff",
    "StaffMessage",
    "VisitorVisit",
]
