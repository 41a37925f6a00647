"""The home-visit screen's "Change to take" box: the float for one person's day, or why there is none.

``load(staff_id, day)`` asks the database worker for the plan (``load_float``);
an answer for a person or day no longer shown is dropped. With nobody chosen
(or in the week view, where ``staff_id`` is None) the box says what to choose.

Object names: ``floatBox``, ``floatHint``, and the ``FloatPanel``'s own.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from frontdesk.domain.float_plan import FloatPlan
from frontdesk.services.visits import VisitRow
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.visits.float_panel import FloatPanel, load_float


class FloatBox(QGroupBox):
    """The float planner for the person and day the agenda shows."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change to take"), parent)
        self.ctx = ctx
        self.setObjectName("floatBox")
        self._key: tuple[int, date] | None = None
        self.hint = QLabel(self)
        self.hint.setObjectName("floatHint")
        self.hint.setWordWrap(True)
        self.panel = FloatPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)
        layout.addStretch(0)

    def load(self, staff_id: int | None, day: date) -> None:
        """Plan the float for ``staff_id`` on ``day`` (None: nobody chosen)."""
        if staff_id is None:
            self._key = None
            self._show_hint(self.tr("Choose a person and a day to plan the change they take."))
            return
        key = (staff_id, day)
        self._key = key
        config = self.ctx.config
        self.ctx.tasks.submit(
            load_float,
            self.ctx.db,
            staff_id,
            day,
            config.visits,
            config.money,
            on_done=lambda result: self._loaded(key, result),
            on_error=lambda error: self._show_hint(str(error)),
        )

    def _loaded(self, key: tuple[int, date], result: tuple[FloatPlan, list[VisitRow]]) -> None:
        if key != self._key:
            return  # the person or the day changed meanwhile
        plan, visits = result
        if not visits:
            self._show_hint(self.tr("No visits to take change for on this day."))
            return
        self.hint.hide()
        self.panel.show()
        self.panel.show_plan(plan, visits, self.ctx.config.visits.float_round_to_yuan)

    def _show_hint(self, text: str) -> None:
        self.panel.clear()
        self.panel.hide()
        self.hint.setText(text)
        self.hint.show()
