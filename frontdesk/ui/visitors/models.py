"""Table models of the visitor screen: who is in, and the lazily loaded log.

``VisitorLogModel`` holds the rows loaded so far; ``canFetchMore`` is true
while the service said there is another page, and ``fetchMore`` asks the
database worker for it (keyset paging on sign-in time and id). A new filter
starts a new generation: pages of an older one that arrive late are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from frontdesk.errors import FrontdeskError
from frontdesk.services.visitors import LogFilter, LogPage, VisitorRow, log_page
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.tables import TitledTableModel

log = logging.getLogger(__name__)

_ModelIndex = QModelIndex | QPersistentModelIndex

PURPOSE_TITLES = {
    "fee": QT_TRANSLATE_NOOP("VisitPurposes", "Fee payment"),
    "enquiry": QT_TRANSLATE_NOOP("VisitPurposes", "Enquiry"),
    "complaint": QT_TRANSLATE_NOOP("VisitPurposes", "Complaint"),
    "repair": QT_TRANSLATE_NOOP("VisitPurposes", "Repair"),
    "delivery": QT_TRANSLATE_NOOP("VisitPurposes", "Delivery or pick-up"),
    "guest": QT_TRANSLATE_NOOP("VisitPurposes", "Guest of an owner"),
    "contractor": QT_TRANSLATE_NOOP("VisitPurposes", "Contractor"),
    "other": QT_TRANSLATE_NOOP("VisitPurposes", "Other"),
}


def purpose_title(code: str) -> str:
    """The purpose in the interface language."""
    source = PURPOSE_TITLES.get(code)
    return QCoreApplication.translate("VisitPurposes", source) if source else code


def _when(row: VisitorRow, out: bool = False) -> str:
    moment = row.signed_out_at if out else row.signed_in_at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


class VisitorsInModel(TitledTableModel):
    """Everyone signed in and not out: time, name, phone, room, purpose, people."""

    TIME, NAME, PHONE, ROOM, PURPOSE, PEOPLE = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitorRow] = []

    def set_rows(self, rows: Sequence[VisitorRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def visit(self, row: int) -> VisitorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, visit_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == visit_id:
                return i
        return None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if column == self.TIME:
            return r.signed_in_at.astimezone().strftime("%m-%d %H:%M")
        if column == self.NAME:
            return r.name
        if column == self.PHONE:
            return r.phone
        if column == self.ROOM:
            return r.room
        if column == self.PURPOSE:
            return purpose_title(r.purpose)
        return str(r.people)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Since"),
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Room or department"),
            self.tr("Purpose"),
            self.tr("People"),
        )


class VisitorLogModel(TitledTableModel):
    """The log, newest first, loaded a page at a time as the view scrolls.

    Signals:
        loaded(int): a page arrived; the number of rows now held.
        failed(str): a page could not be read (the reason).
    """

    loaded = Signal(int)
    failed = Signal(str)

    IN, OUT, NAME, PHONE, ROOM, PURPOSE, PEOPLE, ID_CHECKED, PLATE, RECORDED_BY = range(10)
    COLUMNS = 10

    def __init__(self, ctx: ScreenContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[VisitorRow] = []
        self._filter = LogFilter()
        self._next: tuple[Any, int] | None = None
        self._generation = 0
        self._fetching = False
        self._started = False

    @property
    def busy(self) -> bool:
        return self._fetching

    @property
    def filter(self) -> LogFilter:
        return self._filter

    def visit(self, row: int) -> VisitorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_filter(self, flt: LogFilter) -> None:
        """Show the log for ``flt`` from its first page (an answer for an older one is dropped)."""
        self._generation += 1
        self._filter = flt
        self.beginResetModel()
        self._rows = []
        self._next = None
        self.endResetModel()
        self._started = True
        self._fetching = False
        self._load(None)

    def reload(self) -> None:
        self.set_filter(self._filter)

    def _load(self, after: tuple[Any, int] | None) -> None:
        self._fetching = True
        generation = self._generation
        ctx, flt = self.ctx, self._filter
        settings = ctx.config.reception

        def work() -> LogPage:
            return log_page(ctx.db, ctx.actor, settings, flt, after=after)

        self.ctx.tasks.submit(
            work,
            on_done=lambda page: self._arrived(generation, page),
            on_error=lambda error: self._failed(generation, error),
        )

    def _arrived(self, generation: int, page: LogPage) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._fetching = False
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_after
        self.loaded.emit(len(self._rows))

    def _failed(self, generation: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._fetching = False
        self._next = None
        log.warning("reading the visitor log failed: %s", error)
        self.failed.emit(str(error) if isinstance(error, FrontdeskError) else type(error).__name__)

    @property
    def has_more(self) -> bool:
        return self._next is not None

    def canFetchMore(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: _ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(self._next)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if column == self.IN:
            return _when(r)
        if column == self.OUT:
            if r.signed_out_at is None:
                return self.tr("in")
            text = _when(r, out=True)
            return self.tr("{time} (auto)").format(time=text) if r.auto_signed_out else text
        if column == self.NAME:
            return self.tr("(anonymised)") if r.anonymised else r.name
        if column == self.PHONE:
            return r.phone
        if column == self.ROOM:
            return r.room
        if column == self.PURPOSE:
            return purpose_title(r.purpose)
        if column == self.PEOPLE:
            return str(r.people)
        if column == self.ID_CHECKED:
            return self.tr("yes") if r.id_checked else self.tr("no")
        if column == self.PLATE:
            return r.car_plate
        return r.recorded_by

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Signed in"),
            self.tr("Signed out"),
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Room or department"),
            self.tr("Purpose"),
            self.tr("People"),
            self.tr("ID checked"),
            self.tr("Car plate"),
            self.tr("Recorded by"),
        )
