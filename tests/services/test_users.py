"""Staff accounts and login: hashing, roles checked in the service, lockout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from frontdesk.errors import AuthError, PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.users import (
    SYSTEM,
    Actor,
    LoginPolicy,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    list_users,
    set_password,
)
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, Staff


def test_add_and_login(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    actor = authenticate(db, "C001", "pass-1234", desk="前台1")
    assert (actor.staff_no, actor.name, actor.role) == ("C001", "刘兵", "cashier")


def test_password_is_hashed_and_never_logged(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    with db.read() as s:
        stored = s.scalar(select(Staff.password_hash).where(Staff.staff_no == "C001"))
        details = " ".join(s.scalars(select(AuditEvent.details)))
    assert stored is not None and stored.startswith("scrypt$") and "pass-1234" not in stored
    assert "pass-1234" not in details


@pytest.mark.parametrize(
    ("staff_no", "name", "role", "password", "message"),
    [
        ("", "刘兵", "cashier", "pass-1234", "工号"),
        ("C 01", "刘兵", "cashier", "pass-1234", "工号"),
        ("C001", "  ", "cashier", "pass-1234", "姓名"),
        ("C001", "刘兵", "boss", "pass-1234", "未知角色"),
        ("C001", "刘兵", "cashier", "123", "密码至少"),
    ],
)
def test_bad_accounts_are_refused(
    db: Database, admin: Actor, staff_no: str, name: str, role: str, password: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        add_user(db, admin, staff_no, name, role, password)
    assert [u.staff_no for u in list_users(db, admin)] == ["A001"]


def test_duplicate_staff_number(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    with pytest.raises(ValidationError, match="已存在"):
        add_user(db, admin, "C001", "刘斌", "clerk", "pass-1234")


def test_roles_are_checked_in_the_service(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    cashier = authenticate(db, "C001", "pass-1234")
    with pytest.raises(PermissionDenied):
        add_user(db, cashier, "C002", "刘斌", "admin", "pass-1234")
    with pytest.raises(PermissionDenied):
        list_users(db, cashier)
    with pytest.raises(PermissionDenied):
        set_password(db, cashier, "A001", "new-pass-1")
    set_password(db, cashier, "C001", "my-new-pass")  # one's own password is allowed
    assert authenticate(db, "C001", "my-new-pass").staff_no == "C001"


@pytest.mark.parametrize(("user", "password"), [("", "x"), ("C001", ""), ("   ", "")])
def test_empty_login_fields(db: Database, user: str, password: str) -> None:
    with pytest.raises(AuthError, match="请输入工号和密码"):
        authenticate(db, user, password)


def test_wrong_password_then_lockout(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    policy = LoginPolicy(max_failed=3, lockout=timedelta(minutes=15))
    with pytest.raises(AuthError, match="再错 2 次"):
        authenticate(db, "C001", "wrong", policy)
    with pytest.raises(AuthError, match="再错 1 次"):
        authenticate(db, "C001", "wrong", policy)
    with pytest.raises(AuthError, match="已锁定 15 分钟"):
        authenticate(db, "C001", "wrong", policy)
    with pytest.raises(AuthError, match="已锁定"):
        authenticate(db, "C001", "pass-1234", policy)  # even the right password
    with db.read() as s:
        failed = s.scalars(select(AuditEvent).where(AuditEvent.action == "login.failed")).all()
    assert len(failed) == 4


def test_lockout_expires(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    policy = LoginPolicy(max_failed=1, lockout=timedelta(minutes=15))
    with pytest.raises(AuthError):
        authenticate(db, "C001", "wrong", policy)
    with db.begin() as s:  # pretend the 15 minutes are over
        s.execute(text("UPDATE staff SET locked_until = NULL WHERE staff_no = 'C001'"))
    assert authenticate(db, "C001", "pass-1234", policy).staff_no == "C001"


def test_admin_lifts_lock_with_new_password(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    with pytest.raises(AuthError):
        authenticate(db, "C001", "wrong", LoginPolicy(max_failed=1))
    set_password(db, admin, "C001", "fresh-pass")
    assert authenticate(db, "C001", "fresh-pass").staff_no == "C001"


def test_unknown_and_disabled_accounts(db: Database, admin: Actor) -> None:
    with pytest.raises(AuthError, match="工号或密码错误"):
        authenticate(db, "NOPE", "whatever")
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    disable_user(db, admin, "C001")
    with pytest.raises(AuthError, match="停用"):
        authenticate(db, "C001", "pass-1234")
    enable_user(db, admin, "C001")
    assert authenticate(db, "C001", "pass-1234").staff_no == "C001"


def test_last_admin_cannot_be_disabled(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationError, match="最后一个"):
        disable_user(db, admin, "A001")
    add_user(db, SYSTEM, "A002", "副管理员", "admin", "admin-pass")
    disable_user(db, admin, "A001")


def test_account_changes_and_logins_are_audited(db: Database, admin: Actor) -> None:
    add_user(db, admin, "C001", "刘兵", "cashier", "pass-1234")
    authenticate(db, "C001", "pass-1234")
    with pytest.raises(AuthError):
        authenticate(db, "C001", "bad")
    with db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        assert audit.verify(s).ok
    assert actions == ["user.add", "user.add", "login", "login.failed"]
