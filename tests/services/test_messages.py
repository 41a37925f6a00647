"""Messages (留言) for a colleague."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from frontdesk.errors import ValidationError
from frontdesk.services import messages
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import StaffMessage
from tests.factories import make_staff


def test_take_list_and_read(db: Database) -> None:
    clerk = make_staff(db, "C101", "clerk", "李娜")
    boss = make_staff(db, "S001", "supervisor", "张强")
    first = messages.take_message(
        db,
        clerk,
        to_staff_no="S001",
        caller_name="刘兵",
        callback_phone="138 0000 1234",
        body="请回电，关于停车位",
        read_back=True,
    )
    messages.take_message(
        db,
        clerk,
        to_staff_no="S001",
        caller_name="王五",
        callback_phone="",
        body="明天再来",
        read_back=False,
    )
    assert messages.unread_count(db, "S001") == 2
    assert messages.unread_count(db, "C101") == 0
    mine = messages.list_messages(db, boss)
    assert {m.caller_name for m in mine} == {"刘兵", "王五"}
    assert mine[-1].taken_by == "李娜（C101）"
    messages.mark_read(db, boss, first)
    messages.mark_read(db, boss, first)  # again is harmless
    assert messages.unread_count(db, "S001") == 1
    assert [m.caller_name for m in messages.list_messages(db, boss, unread_only=True)] == ["王五"]
    listed = messages.list_messages(db, boss)
    assert listed[0].read_at is None and listed[1].read_at is not None  # unread first
    with pytest.raises(ValidationError, match="不是留给您的"):
        messages.mark_read(db, clerk, first)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"to_staff_no": "NOBODY"}, "同事"),
        ({"to_staff_no": ""}, "哪位同事"),
        ({"caller_name": " "}, "留言人"),
        ({"body": ""}, "留言内容"),
        ({"callback_phone": "abc"}, "回电号码"),
    ],
)
def test_bad_message_changes_nothing(db: Database, kwargs: dict[str, str], message: str) -> None:
    clerk = make_staff(db, "C101", "clerk", "李娜")
    make_staff(db, "S001", "supervisor", "张强")
    args: dict[str, object] = dict(
        to_staff_no="S001",
        caller_name="刘兵",
        callback_phone="13800001234",
        body="回电",
        read_back=True,
    )
    args.update(kwargs)
    with pytest.raises(ValidationError, match=message):
        messages.take_message(db, clerk, **args)  # type: ignore[arg-type]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StaffMessage)) == 0
