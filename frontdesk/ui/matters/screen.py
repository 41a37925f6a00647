"""Screen F7 "Matters": complaints, enquiries, repairs and phone messages by urgency.

The list (``mattersTable``) is sorted most urgent first — overdue, call-backs
overdue, due soon, call-backs due, on time, awaiting call-back, done — and
says so in colour *and* words ("Overdue 2 h 0 min" / 「已超时 2小时0分」). A
matter keeps its deadline visible after it passes, and one resolved late or
reopened says it was late. Filters: ``mattersKindFilter``,
``mattersStatusFilter`` (open, all, or one status) and ``mattersMine``
(only what I have). Ctrl+N opens ``newMatterDialog``; Ctrl+R refreshes.

The selected matter is shown in ``matterDetail`` with its timeline
(``matterTimeline``). Actions, enabled when the status allows them, use the
text in ``matterActionText``: ``matterTake`` (take it on), ``matterAssign``
(hand over to the colleague in ``matterAssignTo``; the first-contact owner
stays), ``matterNote`` (progress), ``matterAttend`` (a repair was attended),
``matterResolve`` (the text is the resolution), ``matterCallBack`` (with
``matterSatisfaction``), ``matterClose`` and ``matterReopen`` (the text is
the reason). Refusals are shown in ``mattersMessage``. The phrase panel
(``phrasePanel``) offers the phrase for the action at hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain import matters as dm
from frontdesk.services import matters as svc
from frontdesk.services.matters import Colleague, MatterDetail, MatterRow, MatterRules
from frontdesk.storage.database import Database
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.matters.labels import (
    ACTION_TITLES,
    CATEGORY_TITLES,
    CHANNEL_TITLES,
    COMPLEXITY_TITLES,
    KIND_TITLES,
    SATISFACTION_TITLES,
    STATUS_TITLES,
    title,
)
from frontdesk.ui.matters.message_line import matter_message_line
from frontdesk.ui.matters.model import SORT_ROLE, MattersModel, duration_text, urgency_text
from frontdesk.ui.matters.new_matter import NewMatterDialog, fill_combo
from frontdesk.ui.messages import show_refusal
from frontdesk.ui.phrases import PhrasePanel
from frontdesk.ui.tables import configure_list_view

log = logging.getLogger(__name__)

NEW_KEY = "Ctrl+N"
REFRESH_KEY = "Ctrl+R"
_OPEN = "__open__"
_ALL = "__all__"
ACTION_BUTTONS = ("take", "assign", "note", "attend", "resolve", "call_back", "close", "reopen")
# The phrase that fits each action.
ACTION_MOMENTS = {"call_back": "callback", "resolve": "closing", "reopen": "apology"}


def _load(
    db: Database, rules: MatterRules, kind: str | None, status: str, mine: str | None
) -> tuple[list[MatterRow], datetime]:
    now = datetime.now(UTC)
    rows = svc.list_matters(
        db,
        rules,
        kind=kind,
        status=None if status in (_OPEN, _ALL) else status,
        owner_staff_no=mine,
        include_closed=status == _ALL,
        now=now,
    )
    return rows, now


class MattersScreen(QWidget):
    """The matters list by urgency, the selected matter's timeline and its actions."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules = svc.rules_from_config(ctx.config)
        self.detail: MatterDetail | None = None
        self.dialog: NewMatterDialog | None = None
        self._wanted = 0  # the matter whose detail was asked for last
        self._busy = False
        self.setObjectName("mattersScreen")

        heading = QLabel(self.tr("Matters: complaints, enquiries, repairs, messages"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("mattersKindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), "")
        fill_combo(self.kind_filter, KIND_TITLES, dm.KINDS)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("mattersStatusFilter")
        self.status_filter.addItem(self.tr("Not closed"), _OPEN)
        self.status_filter.addItem(self.tr("All, closed too"), _ALL)
        fill_combo(self.status_filter, STATUS_TITLES, dm.STATUSES)
        self.mine = QCheckBox(self.tr("&Mine only"), self)
        self.mine.setObjectName("mattersMine")
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setObjectName("mattersRefresh")
        self.refresh_button.setToolTip(REFRESH_KEY)
        self.refresh_button.clicked.connect(self.reload)
        self.new_button = QPushButton(self.tr("&New matter…"), self)
        self.new_button.setObjectName("newMatterButton")
        self.new_button.setToolTip(NEW_KEY)
        self.new_button.clicked.connect(self.new_matter)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kind:"), self))
        filters.addWidget(self.kind_filter)
        filters.addWidget(QLabel(self.tr("Status:"), self))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.new_button)
        for w in (self.kind_filter, self.status_filter):
            w.currentIndexChanged.connect(self.reload)
        self.mine.toggled.connect(self.reload)

        self.model = MattersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("mattersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MattersModel.URGENCY, Qt.SortOrder.AscendingOrder)
        configure_list_view(self.table, tab_keys=True, striped=False, wrap=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail_view = QPlainTextEdit(self)
        self.detail_view.setObjectName("matterDetail")
        self.detail_view.setReadOnly(True)
        self.timeline = QPlainTextEdit(self)
        self.timeline.setObjectName("matterTimeline")
        self.timeline.setReadOnly(True)
        self.action_text = QPlainTextEdit(self)
        self.action_text.setObjectName("matterActionText")
        self.action_text.setTabChangesFocus(True)
        self.action_text.setMaximumHeight(70)
        self.action_text.setPlaceholderText(
            self.tr("Progress note, resolution, call-back note or reason for reopening")
        )
        self.assign_to = QComboBox(self)
        self.assign_to.setObjectName("matterAssignTo")
        self.satisfaction = QComboBox(self)
        self.satisfaction.setObjectName("matterSatisfaction")
        fill_combo(self.satisfaction, SATISFACTION_TITLES, dm.SATISFACTIONS)
        texts = {
            "take": self.tr("&Take on"),
            "assign": self.tr("&Hand over"),
            "note": self.tr("Progress n&ote"),
            "attend": self.tr("A&ttended"),
            "resolve": self.tr("Re&solved"),
            "call_back": self.tr("&Called back"),
            "close": self.tr("C&lose"),
            "reopen": self.tr("Re&open"),
        }
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, action in enumerate(ACTION_BUTTONS):
            button = QPushButton(texts[action], self)
            button.setObjectName("matter" + "".join(p.capitalize() for p in action.split("_")))
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, a=action: self.act(a))
            self.buttons[action] = button
            grid.addWidget(button, n // 4, n % 4)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Hand over to:"), self))
        choices.addWidget(self.assign_to, 1)
        choices.addWidget(QLabel(self.tr("Satisfaction:"), self))
        choices.addWidget(self.satisfaction, 1)
        self.message = matter_message_line("mattersMessage", self)
        self.phrases = PhrasePanel(ctx.config, self)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail_view, 2)
        side_layout.addWidget(QLabel(self.tr("Timeline"), side))
        side_layout.addWidget(self.timeline, 2)
        side_layout.addWidget(self.action_text)
        side_layout.addLayout(choices)
        side_layout.addLayout(grid)
        side_layout.addWidget(self.message)
        side_layout.addWidget(self.phrases)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence(NEW_KEY), self, self.new_matter)
        QShortcut(QKeySequence(REFRESH_KEY), self, self.reload)
        ctx.tasks.submit(
            svc.colleagues,
            ctx.db,
            svc.MATTER_ROLES,
            on_done=self._got_colleagues,
            on_error=self._failed,
        )
        self.reload()

    # -- loading --------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        """Read the list again on the worker (the selection is kept)."""
        kind = str(self.kind_filter.currentData() or "") or None
        status = str(self.status_filter.currentData())
        mine = self.ctx.actor.staff_no if self.mine.isChecked() else None
        self.ctx.tasks.submit(
            _load,
            self.ctx.db,
            self.rules,
            kind,
            status,
            mine,
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, result: tuple[list[MatterRow], datetime]) -> None:
        rows, now = result
        keep = self.detail.row.id if self.detail is not None else 0
        self.model.set_rows(rows, now)
        self.table.sortByColumn(MattersModel.URGENCY, Qt.SortOrder.AscendingOrder)
        if keep:
            self.select_matter(keep)
        if self.table.selectionModel().hasSelection() is False and rows:
            self.table.selectRow(0)

    def _got_colleagues(self, people: list[Colleague]) -> None:
        self.assign_to.clear()
        for p in people:
            self.assign_to.addItem(f"{p.name} ({p.staff_no})", p.staff_no)

    def select_matter(self, matter_id: int) -> bool:
        row = self.model.row_of(matter_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        return True

    def selected(self) -> MatterRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.matter(self.proxy.mapToSource(rows[0]).row())

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.selected()
        if row is None:
            self._show_detail(None)
            return
        self._wanted = row.id
        self.ctx.tasks.submit(
            svc.get_matter,
            self.ctx.db,
            row.id,
            self.rules,
            on_done=self._got_detail,
            on_error=self._failed,
        )

    def _got_detail(self, detail: MatterDetail) -> None:
        if detail.row.id == self._wanted:
            self._show_detail(detail)

    def _show_detail(self, detail: MatterDetail | None) -> None:
        self.detail = detail
        allowed = set(detail.actions) if detail is not None else set()
        for action, button in self.buttons.items():
            button.setEnabled(action in allowed and not self._busy)
        if detail is None:
            self.detail_view.clear()
            self.timeline.clear()
            return
        self.detail_view.setPlainText(self.detail_text(detail))
        self.timeline.setPlainText("\n".join(self._timeline_lines(detail)))

    def detail_text(self, d: MatterDetail) -> str:
        r = d.row
        local = self._local
        lines = [
            f"{r.number} · {title(KIND_TITLES, r.kind)} · {title(STATUS_TITLES, r.status)}",
            self.tr("Urgency: {text}").format(text=urgency_text(r, datetime.now(UTC))),
            self.tr("Channel: {channel}  Category: {category}").format(
                channel=title(CHANNEL_TITLES, r.channel),
                category=title(CATEGORY_TITLES, r.category),
            ),
        ]
        if r.kind == "complaint":
            lines.append(
                self.tr("Complaint: {complexity}, {valid}").format(
                    complexity=title(COMPLEXITY_TITLES, r.complexity),
                    valid=self.tr("valid") if r.valid else self.tr("not valid"),
                )
            )
        lines += [
            self.tr("Raised by: {name} {phone}  Room: {room}").format(
                name=r.contact_name, phone=d.contact_phone, room=r.room_code or "—"
            ),
            self.tr("Received: {at}").format(at=local(r.raised_at)),
            self.tr("Taken by: {taken}  Handled by: {owner}").format(
                taken=r.taken_by, owner=r.owner
            ),
            self.tr("Deadline: {deadline} (first deadline {first})").format(
                deadline=local(r.deadline_at), first=local(r.first_deadline_at)
            ),
        ]
        if r.late_minutes:
            lines.append(self.tr("Late before: {time}").format(time=duration_text(r.late_minutes)))
        if d.attend_deadline_at is not None:
            lines.append(
                self.tr("Attend by: {deadline}  Attended: {at}").format(
                    deadline=local(d.attend_deadline_at),
                    at=local(d.attended_at) if d.attended_at else "—",
                )
            )
        if r.resolved_at is not None:
            lines.append(
                self.tr("Resolved: {at} — {resolution}").format(
                    at=local(r.resolved_at), resolution=d.resolution
                )
            )
        if r.callback_due_at is not None:
            lines.append(self.tr("Call-back due: {at}").format(at=local(r.callback_due_at)))
        if r.called_back_at is not None:
            lines.append(
                self.tr("Called back: {at}, {satisfaction}").format(
                    at=local(r.called_back_at),
                    satisfaction=title(SATISFACTION_TITLES, r.satisfaction),
                )
            )
        lines += ["", r.description]
        return "\n".join(lines)

    def _timeline_lines(self, d: MatterDetail) -> list[str]:
        out = []
        for e in d.timeline:
            step = title(ACTION_TITLES, e.action)
            if e.from_status and e.to_status and e.from_status != e.to_status:
                step += f" ({title(STATUS_TITLES, e.from_status)} → "
                step += f"{title(STATUS_TITLES, e.to_status)})"
            note = f" — {e.note}" if e.note else ""
            out.append(f"{self._local(e.at)}  {e.actor}  {step}{note}")
        return out

    @staticmethod
    def _local(moment: datetime | None) -> str:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""

    # -- actions --------------------------------------------------------

    def new_matter(self) -> None:
        """Open the new-matter dialog; the list shows the new matter when it is saved."""
        dialog = NewMatterDialog(self.ctx, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._created)
        self.dialog = dialog
        dialog.open()

    def _created(self, row: MatterRow) -> None:
        self.message.say(
            self.tr("Matter {number} recorded.").format(number=row.number), error=False
        )
        self.detail = None
        self._wanted = row.id
        self.ctx.tasks.submit(
            svc.get_matter,
            self.ctx.db,
            row.id,
            self.rules,
            on_done=self._got_detail,
            on_error=self._failed,
        )
        self.reload()

    def act(self, action: str) -> None:
        """Run ``action`` on the selected matter (on the worker)."""
        if self.detail is None or self._busy:
            return
        matter_id = self.detail.row.id
        text = self.action_text.toPlainText()
        db, actor, rules = self.ctx.db, self.ctx.actor, self.rules
        # Widgets are read here, on the GUI thread; the worker gets plain values.
        assign_to = str(self.assign_to.currentData() or "")
        satisfaction = str(self.satisfaction.currentData())
        calls: dict[str, Callable[[], Any]] = {
            "take": lambda: svc.take(db, actor, matter_id, rules),
            "assign": lambda: svc.assign(db, actor, matter_id, assign_to, rules, note=text),
            "note": lambda: svc.add_note(db, actor, matter_id, text, rules),
            "attend": lambda: svc.record_attended(db, actor, matter_id, rules, note=text),
            "resolve": lambda: svc.resolve(db, actor, matter_id, text, rules),
            "call_back": lambda: svc.call_back(
                db, actor, matter_id, satisfaction, rules, note=text
            ),
            "close": lambda: svc.close(db, actor, matter_id, rules, note=text),
            "reopen": lambda: svc.reopen(db, actor, matter_id, text, rules),
        }
        moment = ACTION_MOMENTS.get(action)
        if moment:
            self.phrases.show_moment(moment)
        self._set_busy(True)
        self.message.say(self.tr("Saving…"), error=False)
        self.ctx.tasks.submit(calls[action], on_done=self._acted, on_error=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        allowed = set(self.detail.actions) if self.detail is not None else set()
        for action, button in self.buttons.items():
            button.setEnabled(not busy and action in allowed)

    def _acted(self, row: MatterRow) -> None:
        self._set_busy(False)
        self.action_text.clear()
        self.message.say(
            self.tr("{number}: {status}.").format(
                number=row.number, status=title(STATUS_TITLES, row.status)
            ),
            error=False,
        )
        self._wanted = row.id
        self.ctx.tasks.submit(
            svc.get_matter,
            self.ctx.db,
            row.id,
            self.rules,
            on_done=self._got_detail,
            on_error=self._failed,
        )
        self.reload()

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        show_refusal(self.message, error)
