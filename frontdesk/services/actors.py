"""Who acts and under which login rules: plain data, no database.

Kept apart from ``frontdesk.services.users`` (which re-exports every name here)
so that the login dialog can be built before SQLAlchemy has been imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

ROLE_NAMES = {"clerk": "客服专员", "cashier": "收费员", "supervisor": "主管", "admin": "管理员"}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in staff member, or the admin command line."""

    staff_no: str
    name: str
    role: str
    staff_id: int | None = None

    def can(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


SYSTEM = Actor(staff_no="system", name="frontdesk-admin", role="admin")


@dataclass(frozen=True)
class LoginPolicy:
    max_failed: int = 5
    lockout: timedelta = timedelta(minutes=15)
    min_password_length: int = 6
