"""What the fee screen's tables and forms share: how a table, an error line and a date look,
and reading a rate typed in a field (its reason shown beside it when it is refused).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from frontdesk.domain.fees import FeeError, check_rate
from frontdesk.domain.money import MoneyError, parse_amount


def table(name: str, parent: QWidget) -> QTableView:
    """A read-only table of whole rows, one selected at a time."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def error_label(name: str, parent: QWidget) -> QLabel:
    """A hidden red line for the reason a field's value is refused."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def date_edit(name: str, parent: QWidget, value: date) -> QDateEdit:
    """A ``yyyy-MM-dd`` date field with a calendar, set to ``value``."""
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value))
    return edit


def read_rate(edit: QLineEdit, error: QLabel, max_fen: int) -> int | None:
    """The rate typed in ``edit`` in fen, or None with the reason shown in ``error``.

    Args:
        edit: the field the rate is typed in (focused and selected when refused).
        error: the label beside it for the reason.
        max_fen: the largest amount accepted (``config.money.max_amount_fen``).
    """
    try:
        fen = parse_amount(edit.text(), max_fen=max_fen)
        check_rate(fen)
    except (MoneyError, FeeError) as exc:
        error.setText(str(exc))
        error.show()
        edit.setFocus()
        edit.selectAll()
        return None
    error.hide()
    return fen
