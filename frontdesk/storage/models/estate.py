"""The estate: buildings, rooms, the households living in them, owners and phones."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.storage.base import Base, UTCDateTime, utcnow


class Estate(Base):
    __tablename__ = "estate"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)


class Building(Base):
    __tablename__ = "building"
    __table_args__ = (UniqueConstraint("estate_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    estate_id: Mapped[int] = mapped_column(ForeignKey("estate.id"))
    code: Mapped[str] = mapped_column(String(16))


class Room(Base):
    """A room (房号) ``building-unit-room``; the area is in hundredths of m²."""

    __tablename__ = "room"
    __table_args__ = (CheckConstraint("area_centi_m2 > 0", name="area_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"))
    unit: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(48), unique=True)
    area_centi_m2: Mapped[int]


class Household(Base):
    """Who lives in (or owns) a room; at most one current household per room."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), unique=True)
    move_in_date: Mapped[date | None] = mapped_column(Date)
    occupied: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    room: Mapped[Room] = relationship()
    owners: Mapped[list[Owner]] = relationship(
        back_populates="household", order_by="Owner.id", cascade="all, delete-orphan"
    )


class Owner(Base):
    """An owner of a household; ``initials`` are the pinyin initials (刘兵 → lb)."""

    __tablename__ = "owner"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    initials: Mapped[str] = mapped_column(String(64), index=True, default="")
    primary: Mapped[bool] = mapped_column(default=True)

    household: Mapped[Household] = relationship(back_populates="owners")
    phones: Mapped[list[OwnerPhone]] = relationship(
        back_populates="owner", order_by="OwnerPhone.position", cascade="all, delete-orphan"
    )


class OwnerPhone(Base):
    """A phone number; ``reversed_digits`` lets a search by the last digits use an index."""

    __tablename__ = "owner_phone"
    __table_args__ = (Index("ix_owner_phone_reversed_digits", "reversed_digits"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)
    number: Mapped[str] = mapped_column(String(32))
    reversed_digits: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(default=0)

    owner: Mapped[Owner] = relationship(back_populates="phones")
