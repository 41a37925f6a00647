"""The visitor log: who came, to see whom, why, and when they left.

``phone`` is the number as normalised (digits, an optional leading ``+``);
``phone_digits`` its digits and ``phone_reversed`` the digits reversed, so a
filter by the beginning or by the last digits of a number is an index range
scan. ``room_text`` is what is shown for the place visited: the room code
when ``room_id`` names a room, otherwise free text (a department, a room the
estate does not know). An anonymised visit keeps its time, room, purpose and
counts but not who the visitor was.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.storage.base import Base, UTCDateTime, utcnow

PURPOSES = (
    "fee",
    "enquiry",
    "complaint",
    "repair",
    "delivery",
    "guest",
    "contractor",
    "other",
)


class VisitorVisit(Base):
    """One visit: signed in by a clerk, signed out by a clerk or automatically."""

    __tablename__ = "visitor_visit"
    __table_args__ = (
        CheckConstraint(
            "purpose IN ('fee', 'enquiry', 'complaint', 'repair', 'delivery', 'guest', "
            "'contractor', 'other')",
            name="purpose",
        ),
        CheckConstraint("people >= 1", name="people_positive"),
        Index("ix_visitor_visit_signed_in_at_id", "signed_in_at", "id"),
        Index("ix_visitor_visit_phone_digits", "phone_digits", "signed_in_at"),
        Index("ix_visitor_visit_phone_reversed", "phone_reversed"),
        Index("ix_visitor_visit_room_text", "room_text", "signed_in_at"),
        Index("ix_visitor_visit_name", "name", "signed_in_at"),
        Index("ix_visitor_visit_signed_out_at", "signed_out_at", "signed_in_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    phone_digits: Mapped[str] = mapped_column(String(16), default="")
    phone_reversed: Mapped[str] = mapped_column(String(16), default="")
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), index=True)
    room_text: Mapped[str] = mapped_column(String(64), default="")
    purpose: Mapped[str] = mapped_column(String(16))
    people: Mapped[int] = mapped_column(default=1)
    id_checked: Mapped[bool] = mapped_column(default=False)
    car_plate: Mapped[str] = mapped_column(String(16), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    auto_signed_out: Mapped[bool] = mapped_column(default=False)
    recorded_by: Mapped[str] = mapped_column(String(32))  # staff number of the clerk
    signed_out_by: Mapped[str] = mapped_column(String(32), default="")  # or "system"
    anonymised: Mapped[bool] = mapped_column(default=False)
