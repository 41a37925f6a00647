"""Finding a household at the counter, as the cashier types.

One text box takes any of:

* a room code prefix: ``3``, ``3-2``, ``3-2-12`` (full-width digits and dashes too);
* an owner's name, or its beginning (``刘``, ``刘兵``), or failing that a part of it (``斌``);
* the pinyin initials of the name (``lb`` finds 刘兵, 刘斌 and 刘冰), optionally
  after the first characters (``刘b``);
* the last four or more digits of a phone number (``1234``).

Every search is an index range scan bounded by the limit: ``room.code``,
``owner.name``, ``owner.initials`` and ``owner_phone.reversed_digits`` are
indexed, and a prefix is searched as ``col >= :p AND col < :p_next`` (SQLite's
``LIKE`` ignores ASCII case and never uses a plain index). On PostgreSQL the
range is only used when the database collation compares text code point by
code point (``C``, ``POSIX``, ``C.UTF-8``); under a linguistic collation a
``LIKE 'p%'`` keeps the results right. The one unindexed search, the name
substring scan, runs only when no name starts with what was typed, and stops
at the limit.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, Engine, Select, and_, bindparam, func, select, text
from sqlalchemy.orm import Session

from frontdesk.domain.households import pinyin_initials
from frontdesk.storage.database import Database
from frontdesk.storage.models import Household, Owner, OwnerPhone, Room

__all__ = [
    "MIN_PHONE_DIGITS",
    "HouseholdHit",
    "SearchQuery",
    "mask_phone",
    "parse_query",
    "search_households",
]

MIN_PHONE_DIGITS: Final = 4
MAX_QUERY_CHARS: Final = 64
MAX_LIMIT: Final = 200

QueryKind = Literal["empty", "room", "digits", "initials", "name"]

_DASHES: Final = str.maketrans(dict.fromkeys("‐‑‒–—―−－", "-"))
_ROOM_RE: Final = re.compile(r"^[0-9]+(?:-[0-9]*){1,2}$")
_DIGITS_RE: Final = re.compile(r"^[0-9]+$")
_LETTERS_RE: Final = re.compile(r"^[a-z]+$")
# A name's first characters followed by initials of the rest: 刘b, 欧阳x.
_NAME_THEN_INITIALS_RE: Final = re.compile(r"^([^\x00-\x7f]+)([a-z]+)$")


@dataclass(frozen=True)
class HouseholdHit:
    """One household found: enough to tell same-sounding names apart.

    ``owners`` is every owner, the primary one first, joined with ``、``;
    ``phones_masked`` their phone numbers masked (``138****1234``), the one
    that matched a phone search first, joined with ``、``.
    """

    household_id: int
    room: str
    owners: str
    phones_masked: str
    area_centi_m2: int
    occupied: bool


@dataclass(frozen=True)
class SearchQuery:
    """What was typed, understood: ``kind`` and the normalised ``text``."""

    kind: QueryKind
    text: str


def parse_query(raw: str) -> SearchQuery:
    """Normalise what was typed and decide what it looks like.

    Full-width characters become ASCII (NFKC), dashes of every kind become
    ``-``, spaces around dashes and inside digit strings go, letters are
    lower-cased. Digits with one or two dashes are a room prefix (leading zeros
    of finished parts dropped, as room codes are stored without them); plain
    digits are a room prefix or a phone tail; ASCII letters are initials;
    anything else is a name.
    """
    s = unicodedata.normalize("NFKC", raw).translate(_DASHES).strip()[:MAX_QUERY_CHARS]
    if not s:
        return SearchQuery("empty", "")
    compact = re.sub(r"\s+", "", s)
    if _ROOM_RE.match(compact):
        parts = compact.split("-")
        # "03-02-12" is room 3-2-12…; the part being typed keeps its digits.
        done = [str(int(p)) for p in parts[:-1]]
        return SearchQuery("room", "-".join([*done, parts[-1]]))
    if _DIGITS_RE.match(compact):
        return SearchQuery("digits", compact)
    lowered = s.lower()
    if _LETTERS_RE.match(lowered):
        return SearchQuery("initials", lowered)
    return SearchQuery("name", re.sub(r"\s+", " ", s))


def mask_phone(number: str) -> str:
    """A phone number with its middle hidden: ``13800001234`` → ``138****1234``.

    Numbers of ten digits or more keep the first three and last four digits;
    shorter ones only the last four. A leading ``+`` is kept.
    """
    plus = "+" if number.strip().startswith("+") else ""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) <= 4:
        return plus + digits
    if len(digits) >= 10:
        return plus + digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return plus + "*" * (len(digits) - 4) + digits[-4:]


def search_households(db: Database, text: str, *, limit: int = 20) -> list[HouseholdHit]:
    """The households matching what the cashier typed, best first, at most ``limit``.

    Room prefixes come in room-code order; names, initials and phone tails in
    the order of the indexed column (same-named owners by when they were
    entered). Names found by their beginning come first; only when there are
    none are names containing the text looked for. A household appears once,
    even when several of its owners or phones match.
    """
    query = parse_query(text)
    limit = max(0, min(limit, MAX_LIMIT))
    if query.kind == "empty" or limit == 0:
        return []
    with db.read() as s:
        finder = _Finder(s, limit)
        if query.kind == "room":
            finder.rooms(query.text)
            digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
            if len(digits) >= 7:  # 138-0000-1234 is a phone number, not a room
                finder.phone_tail(digits)
        elif query.kind == "digits":
            if len(query.text) >= MIN_PHONE_DIGITS:
                finder.phone_tail(query.text)
            finder.rooms(query.text)
        elif query.kind == "initials":
            finder.owners("initials", query.text)
            # Latin names (John Smith) by their beginning too.
            finder.owners("name", query.text)
            finder.owners("name", query.text.capitalize())
        else:
            finder.names(query.text)
        return finder.hits()


# ---------------------------------------------------------------- the finder
#
# The statements are built once, with bound parameters, so a keystroke costs
# the database work and little else; they run on the session's connection.

_Mode = Literal["range", "like"]


def _starts(column: Any, mode: _Mode, name: str) -> ColumnElement[bool]:
    """``column`` starts with the bound prefix ``name`` (see ``_prefix_params``)."""
    if mode == "range":
        return and_(column >= bindparam(f"{name}_lo"), column < bindparam(f"{name}_hi"))
    return column.like(bindparam(f"{name}_like"), escape="\\")  # type: ignore[no-any-return]


def _prefix_params(prefix: str, mode: _Mode, name: str) -> dict[str, str]:
    if mode == "range":
        return {f"{name}_lo": prefix, f"{name}_hi": prefix[:-1] + chr(ord(prefix[-1]) + 1)}
    return {f"{name}_like": _like_escape(prefix) + "%"}


_OWNER_COLUMNS = {"name": Owner.name, "initials": Owner.initials}


@cache
def _rooms_query(mode: _Mode) -> Select[int]:
    return (
        select(Household.id)
        .join(Room, Room.id == Household.room_id)
        .where(_starts(Room.code, mode, "p"))
        .order_by(Room.code)
        .limit(bindparam("n"))
    )


@cache
def _phones_query(mode: _Mode) -> Select[int, str]:
    return (
        select(Owner.household_id, OwnerPhone.number)
        .join(Owner, Owner.id == OwnerPhone.owner_id)
        .where(_starts(OwnerPhone.reversed_digits, mode, "p"))
        .order_by(OwnerPhone.reversed_digits, OwnerPhone.id)
        .limit(bindparam("n"))
    )


@cache
def _owners_query(column: str, mode: _Mode) -> Select[int]:
    col = _OWNER_COLUMNS[column]
    return (
        select(Owner.household_id)
        .where(_starts(col, mode, "p"))
        .order_by(col, Owner.id)
        .limit(bindparam("n"))
    )


@cache
def _name_then_initials_query(mode: _Mode) -> Select[int]:
    return (
        select(Owner.household_id)
        .where(_starts(Owner.initials, mode, "p"), _starts(Owner.name, mode, "q"))
        .order_by(Owner.initials, Owner.id)
        .limit(bindparam("n"))
    )


@cache
def _substring_query(dialect: str) -> Select[int]:
    contains = func.strpos if dialect == "postgresql" else func.instr
    return (
        select(Owner.household_id)
        .where(
            contains(Owner.name, bindparam("name")) > 0,
            Owner.household_id.not_in(bindparam("seen", expanding=True)),
        )
        .limit(bindparam("n"))
    )


@cache
def _details_query() -> Select[int, bool, str, int, int, str, str]:
    return (
        select(
            Household.id,
            Household.occupied,
            Room.code,
            Room.area_centi_m2,
            Owner.id,
            Owner.name,
            OwnerPhone.number,
        )
        .join(Room, Room.id == Household.room_id)
        .outerjoin(Owner, Owner.household_id == Household.id)
        .outerjoin(OwnerPhone, OwnerPhone.owner_id == Owner.id)
        .where(Household.id.in_(bindparam("ids", expanding=True)))
        .order_by(
            Household.id,
            Owner.primary.desc(),
            Owner.id,
            OwnerPhone.position,
            OwnerPhone.id,
        )
    )


class _Finder:
    """Collects household ids in order, without repeats, up to the limit."""

    def __init__(self, s: Session, limit: int) -> None:
        self.conn = s.connection()
        self.dialect = self.conn.dialect.name
        self.mode: _Mode = "range"
        if self.dialect == "postgresql" and not _pg_codepoint_order(s):
            self.mode = "like"
        self.limit = limit
        self.ids: dict[int, None] = {}  # insertion-ordered set
        self.matched_phone: dict[int, str] = {}

    @property
    def room_left(self) -> int:
        return self.limit - len(self.ids)

    def _add(self, household_ids: Sequence[int]) -> None:
        for hid in household_ids:
            if len(self.ids) >= self.limit:
                return
            self.ids.setdefault(hid, None)

    def _mode(self, *prefixes: str) -> _Mode:
        # The range needs a next character; past the last code point, LIKE does it.
        if any(ord(p[-1]) >= 0x10FFFF for p in prefixes):
            return "like"
        return self.mode

    def rooms(self, prefix: str) -> None:
        if self.room_left <= 0:
            return
        mode = self._mode(prefix)
        params = {**_prefix_params(prefix, mode, "p"), "n": self.room_left}
        self._add(list(self.conn.execute(_rooms_query(mode), params).scalars()))

    def phone_tail(self, digits: str) -> None:
        if self.room_left <= 0:
            return
        tail = digits[::-1]
        mode = self._mode(tail)
        # A household can match through several phones: ask for a few more rows.
        params = {**_prefix_params(tail, mode, "p"), "n": self.limit * 2}
        rows = self.conn.execute(_phones_query(mode), params).all()
        for hid, number in rows:
            self.matched_phone.setdefault(hid, number)
        self._add([hid for hid, _ in rows])

    def owners(self, column: str, prefix: str) -> None:
        """Households with an owner whose ``column`` (name or initials) starts with ``prefix``."""
        if self.room_left <= 0:
            return
        mode = self._mode(prefix)
        params = {**_prefix_params(prefix, mode, "p"), "n": self.limit * 2}
        self._add(list(self.conn.execute(_owners_query(column, mode), params).scalars()))

    def names(self, name: str) -> None:
        split = _NAME_THEN_INITIALS_RE.match(name.lower())
        if split:
            head, letters = split.group(1), split.group(2)
            initials = pinyin_initials(head) + letters
            mode = self._mode(initials, head)
            params = {
                **_prefix_params(initials, mode, "p"),
                **_prefix_params(head, mode, "q"),
                "n": self.limit * 2,
            }
            query = _name_then_initials_query(mode)
            self._add(list(self.conn.execute(query, params).scalars()))
            return
        before = len(self.ids)
        self.owners("name", name)
        if len(self.ids) == before:
            # No name starts so: look inside names (a given name: 斌). Not when the
            # beginning matched someone, so a typed full name never scans the table.
            self._substring(name)

    def _substring(self, name: str) -> None:
        """Names containing ``name`` anywhere: an unindexed scan, stopped at the limit."""
        if self.room_left <= 0:
            return
        params = {"name": name, "seen": list(self.ids), "n": self.room_left}
        rows = self.conn.execute(_substring_query(self.dialect), params).scalars()
        self._add(list(rows))

    def hits(self) -> list[HouseholdHit]:
        ids = list(self.ids)
        if not ids:
            return []
        homes: dict[int, tuple[str, int, bool]] = {}
        owners: dict[int, dict[int, str]] = {}
        phones: dict[int, list[str]] = {}
        for hid, occupied, code, area, owner_id, name, number in self.conn.execute(
            _details_query(), {"ids": ids}
        ):
            homes[hid] = (code, area, bool(occupied))
            if owner_id is not None:
                owners.setdefault(hid, {})[owner_id] = name or ""
                if number is not None:
                    phones.setdefault(hid, []).append(number)
        hits = []
        for hid in ids:
            home = homes.get(hid)
            if home is None:  # deleted meanwhile
                continue
            code, area, occupied = home
            numbers = phones.get(hid, [])
            matched = self.matched_phone.get(hid)
            if matched in numbers:
                numbers.remove(matched)
                numbers.insert(0, matched)
            hits.append(
                HouseholdHit(
                    household_id=hid,
                    room=code,
                    owners="、".join(owners.get(hid, {}).values()),
                    phones_masked="、".join(mask_phone(n) for n in numbers),
                    area_centi_m2=area,
                    occupied=occupied,
                )
            )
        return hits


# ---------------------------------------------------------------- PostgreSQL collation


def _like_escape(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_PG_ORDER: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _pg_codepoint_order(s: Session) -> bool:
    """True when the PostgreSQL database compares text by code point (C-like collation)."""
    bind = s.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    known = _PG_ORDER.get(engine)
    if known is None:
        collation = s.execute(
            text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        ).scalar()
        name = str(collation or "").lower()
        known = name in ("c", "posix") or name.startswith("c.")
        _PG_ORDER[engine] = known
    return known
