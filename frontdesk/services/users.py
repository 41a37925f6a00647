"""Staff accounts and login.

Every public function is one user action in one transaction. Roles are
checked here, not only hidden in the GUI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.passwords import hash_password, verify_password
from frontdesk.errors import AuthError, PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.actors import ROLE_NAMES as ROLE_NAMES
from frontdesk.services.actors import SYSTEM as SYSTEM
from frontdesk.services.actors import Actor as Actor
from frontdesk.services.actors import LoginPolicy as LoginPolicy
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Staff
from frontdesk.storage.models.staff import ROLES

_STAFF_NO = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_DEFAULT_POLICY = LoginPolicy()


def require(actor: Actor, *roles: str) -> None:
    """Raise PermissionDenied unless ``actor`` has one of ``roles`` (admin always may)."""
    if not actor.can(*roles):
        wanted = "、".join(ROLE_NAMES[r] for r in roles)
        raise PermissionDenied(
            f"{actor.name}（{ROLE_NAMES.get(actor.role, actor.role)}）无权执行此操作，需要：{wanted}。"
        )


@dataclass(frozen=True)
class StaffInfo:
    """A staff account as shown in lists (never the password hash)."""

    staff_no: str
    name: str
    role: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def _check_new_account(staff_no: str, name: str, role: str) -> None:
    if not _STAFF_NO.match(staff_no):
        raise ValidationError("工号只能包含字母、数字、- 和 _，长度 1–32。")
    if not name.strip():
        raise ValidationError("姓名不能为空。")
    if role not in ROLES:
        raise ValidationError(f"未知角色“{role}”，可选：{', '.join(ROLES)}。")


def _check_password(password: str, policy: LoginPolicy) -> None:
    if len(password) < policy.min_password_length:
        raise ValidationError(f"密码至少需要 {policy.min_password_length} 个字符。")


def add_user(
    db: Database,
    actor: Actor,
    staff_no: str,
    name: str,
    role: str,
    password: str,
    policy: LoginPolicy = _DEFAULT_POLICY,
) -> StaffInfo:
    """Create a staff account. Raises ValidationError if the staff number is taken."""
    require(actor, "admin")
    _check_new_account(staff_no, name, role)
    _check_password(password, policy)
    with db.begin() as s:
        if s.scalar(select(Staff.id).where(Staff.staff_no == staff_no)) is not None:
            raise ValidationError(f"工号 {staff_no} 已存在。")
        staff = Staff(
            staff_no=staff_no, name=name.strip(), role=role, password_hash=hash_password(password)
        )
        s.add(staff)
        s.flush()
        audit.record(
            s, actor.staff_no, "user.add", "staff", staff_no, {"name": staff.name, "role": role}
        )
        return _info(staff)


def count_users(db: Database) -> int:
    with db.read() as s:
        return len(s.scalars(select(Staff.id)).all())


def has_admin(db: Database) -> bool:
    with db.read() as s:
        return s.scalar(select(Staff.id).where(Staff.role == "admin", Staff.active)) is not None


def list_users(db: Database, actor: Actor) -> list[StaffInfo]:
    require(actor, "admin", "supervisor")
    with db.read() as s:
        return [_info(st) for st in s.scalars(select(Staff).order_by(Staff.staff_no))]


def disable_user(db: Database, actor: Actor, staff_no: str) -> StaffInfo:
    """Deactivate an account; the last active administrator cannot be disabled."""
    require(actor, "admin")
    with db.begin() as s:
        staff = _get(s, staff_no)
        if staff.role == "admin" and staff.active:
            others = s.scalars(
                select(Staff.id).where(Staff.role == "admin", Staff.active, Staff.id != staff.id)
            ).all()
            if not others:
                raise ValidationError("不能停用最后一个有效的管理员账号。")
        staff.active = False
        audit.record(s, actor.staff_no, "user.disable", "staff", staff_no)
        return _info(staff)


def enable_user(db: Database, actor: Actor, staff_no: str) -> StaffInfo:
    require(actor, "admin")
    with db.begin() as s:
        staff = _get(s, staff_no)
        staff.active = True
        staff.failed_logins = 0
        staff.locked_until = None
        audit.record(s, actor.staff_no, "user.enable", "staff", staff_no)
        return _info(staff)


def set_password(
    db: Database, actor: Actor, staff_no: str, password: str, policy: LoginPolicy = _DEFAULT_POLICY
) -> None:
    """Set a new password (admin for anyone; anyone for themselves) and lift a lockout."""
    if actor.staff_no != staff_no:
        require(actor, "admin")
    _check_password(password, policy)
    with db.begin() as s:
        staff = _get(s, staff_no)
        staff.password_hash = hash_password(password)
        staff.failed_logins = 0
        staff.locked_until = None
        audit.record(s, actor.staff_no, "user.passwd", "staff", staff_no)


def authenticate(
    db: Database,
    staff_no: str,
    password: str,
    policy: LoginPolicy = _DEFAULT_POLICY,
    desk: str = "",
) -> Actor:
    """Check a login; count failures and lock the account after too many.

    Raises:
        AuthError: empty fields, unknown account, wrong password, disabled or locked.
    """
    staff_no = staff_no.strip()
    if not staff_no or not password:
        raise AuthError("请输入工号和密码。")
    now = utcnow()
    failure: AuthError | None = None
    with db.begin() as s:
        staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
        if staff is None:
            audit.record(
                s, staff_no, "login.failed", "staff", staff_no, {"reason": "unknown", "desk": desk}
            )
            failure = AuthError("工号或密码错误。")
        elif not staff.active:
            audit.record(
                s, staff_no, "login.failed", "staff", staff_no, {"reason": "disabled", "desk": desk}
            )
            failure = AuthError("该账号已停用，请联系管理员。")
        elif staff.locked_until is not None and staff.locked_until > now:
            minutes = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
            audit.record(
                s, staff_no, "login.failed", "staff", staff_no, {"reason": "locked", "desk": desk}
            )
            failure = AuthError(
                f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员。"
            )
        elif not verify_password(password, staff.password_hash):
            staff.failed_logins += 1
            details: dict[str, object] = {
                "reason": "password",
                "desk": desk,
                "count": staff.failed_logins,
            }
            if staff.failed_logins >= policy.max_failed:
                staff.locked_until = now + policy.lockout
                staff.failed_logins = 0
                details["locked"] = True
                minutes = int(policy.lockout.total_seconds() // 60)
                failure = AuthError(
                    f"密码连续错误 {policy.max_failed} 次，账号已锁定 {minutes} 分钟。"
                )
            else:
                left = policy.max_failed - staff.failed_logins
                failure = AuthError(f"工号或密码错误（再错 {left} 次将锁定账号）。")
            audit.record(s, staff_no, "login.failed", "staff", staff_no, details)
        else:
            staff.failed_logins = 0
            staff.locked_until = None
            staff.last_login_at = now
            audit.record(s, staff_no, "login", "staff", staff_no, {"desk": desk})
            return Actor(staff.staff_no, staff.name, staff.role, staff.id)
    raise failure


def record_logout(db: Database, actor: Actor, reason: str = "user", desk: str = "") -> None:
    with db.begin() as s:
        audit.record(
            s, actor.staff_no, "logout", "staff", actor.staff_no, {"reason": reason, "desk": desk}
        )


def _get(s: Session, staff_no: str) -> Staff:
    staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
    if staff is None:
        raise ValidationError(f"没有工号为 {staff_no} 的账号。")
    return staff


def _info(staff: Staff) -> StaffInfo:
    return StaffInfo(
        staff.staff_no,
        staff.name,
        staff.role,
        staff.active,
        staff.locked_until,
        staff.last_login_at,
    )
