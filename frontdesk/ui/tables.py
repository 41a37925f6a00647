"""What the screens' lists have in common: the view's set-up and the model's column titles.

``configure_list_view(view, stretch_column)`` makes a ``QTableView`` a read-only
list that is worked from the keyboard: whole rows, one at a time, no editing, Tab
leaves the list, striped rows, no wrapping, no row numbers, columns as wide as
their contents with one column taking the rest of the width.

``TitledTableModel`` answers ``headerData`` from ``titles()``. A model keeps its
titles as ``self.tr("…")`` calls in its own ``titles()``, so they stay in its
translation context (lupdate collects ``tr`` per class).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_CONTENTS = QHeaderView.ResizeMode.ResizeToContents


def configure_list_view(
    view: QTableView,
    stretch_column: int | None = None,
    *,
    resize: QHeaderView.ResizeMode = _CONTENTS,
    tab_keys: bool = False,
    striped: bool = True,
    wrap: bool = False,
) -> None:
    """Set ``view`` up as a read-only list of rows; call it once the model is set.

    Args:
        view: the table, with its model.
        stretch_column: the column that takes the width left over; None for the last one.
        resize: how the other columns are sized.
        tab_keys: whether Tab moves between cells (Qt's default) instead of leaving the list.
        striped: alternating row colours.
        wrap: whether long cell text wraps instead of being elided.
    """
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(tab_keys)
    view.setAlternatingRowColors(striped)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(resize)
    if stretch_column is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)


class TitledTableModel(QAbstractTableModel):
    """A table model whose horizontal header shows ``titles()``, one per column."""

    def titles(self) -> tuple[str, ...]:
        """The column titles in the interface language (``self.tr`` in the subclass)."""
        raise NotImplementedError

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None
