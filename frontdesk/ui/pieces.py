"""Counting cash by denomination: a table with one row per CNY note and coin.

``PiecesEditor`` is the widget the drawer screens use to count a float, cash
taken in or out, or the whole drawer at the day close. It is a table view on a
``PiecesModel`` (one row per entry of ``DENOMINATIONS``, largest first): the
denomination, the number of pieces (editable), and the subtotal; with
``show_expected`` also what the drawer should hold and the difference, in
words as well as in colour. A line under the table gives the total.

Keyboard: the count cell of the current row is always in edit mode while the
table has focus, so the cashier types a number and presses Enter or Tab to go
down a row; after the last row Enter/Tab moves on to the next field,
Shift+Tab goes back up.

Object names are derived from the name given to the editor: ``<name>`` (the
editor), ``<name>Table`` and ``<name>Total``.

``monospace_font()`` (for receipts and reports laid out in columns, with
Chinese characters two columns wide) lives here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.dayclose import compare_count
from frontdesk.domain.money import DENOMINATIONS, MAX_PIECES_PER_ENTRY, Denomination, format_fen
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

_ModelIndex = QModelIndex | QPersistentModelIndex

# English names of the pieces; the Chinese catalogue gives the usual 100元 … 1角.
_NAMES = {
    (10000, "note"): QT_TRANSLATE_NOOP("Denominations", "¥100 note"),
    (5000, "note"): QT_TRANSLATE_NOOP("Denominations", "¥50 note"),
    (2000, "note"): QT_TRANSLATE_NOOP("Denominations", "¥20 note"),
    (1000, "note"): QT_TRANSLATE_NOOP("Denominations", "¥10 note"),
    (500, "note"): QT_TRANSLATE_NOOP("Denominations", "¥5 note"),
    (100, "note"): QT_TRANSLATE_NOOP("Denominations", "¥1 note"),
    (100, "coin"): QT_TRANSLATE_NOOP("Denominations", "¥1 coin"),
    (50, "coin"): QT_TRANSLATE_NOOP("Denominations", "5 jiao coin"),
    (10, "coin"): QT_TRANSLATE_NOOP("Denominations", "1 jiao coin"),
}

# Shortage and surplus are said in words; the colours only help the eye.
SHORT_COLOUR = QColor("#fde2e1")
OVER_COLOUR = QColor("#fff4cc")


def denomination_name(d: Denomination) -> str:
    """The piece's name in the interface language (``100元``, ``¥100 note``)."""
    source = _NAMES.get((d.value_fen, d.kind))
    return QCoreApplication.translate("Denominations", source) if source else d.label


def difference_words(difference_fen: int) -> str:
    """``over ¥1.00`` / ``short ¥1.00`` / ``no difference`` (长款 / 短款 / 无差额)."""
    if difference_fen > 0:
        text = QCoreApplication.translate("Denominations", "over {amount}")
        return text.format(amount=format_fen(difference_fen))
    if difference_fen < 0:
        text = QCoreApplication.translate("Denominations", "short {amount}")
        return text.format(amount=format_fen(-difference_fen))
    return QCoreApplication.translate("Denominations", "no difference")


def monospace_font() -> QFont:
    """A fixed-pitch font in which a Chinese character is two columns wide.

    Receipts and reports are laid out with ``domain.receipt.pad_to`` (display
    width); they only line up in such a font.
    """
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    families = set(QFontDatabase.families())
    for family in ("Noto Sans Mono CJK SC", "Sarasa Mono SC", "NSimSun", "新宋体", "SimSun"):
        if family in families:
            font.setFamily(family)
            break
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font


class PiecesModel(QAbstractTableModel):
    """Pieces counted per denomination (rows, largest first), optionally against what is expected.

    Columns: denomination, [expected], count, [difference], subtotal. Only the
    count is editable (when ``editable``). ``changed`` is emitted whenever a
    count changes.
    """

    changed = Signal()

    DENOMINATION = "denomination"
    EXPECTED = "expected"
    COUNT = "count"
    DIFFERENCE = "difference"
    SUBTOTAL = "subtotal"

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        show_expected: bool = False,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.show_expected = show_expected
        self.editable = editable
        self.columns: tuple[str, ...]
        if show_expected:
            self.columns = (
                self.DENOMINATION,
                self.EXPECTED,
                self.COUNT,
                self.DIFFERENCE,
                self.SUBTOTAL,
            )
        else:
            self.columns = (self.DENOMINATION, self.COUNT, self.SUBTOTAL)
        self._counts = [0] * len(DENOMINATIONS)
        self._expected = [0] * len(DENOMINATIONS)
        self.by_piece = True  # False: only the totals are compared (see PiecesEditor)

    # -- the numbers ------------------------------------------------------

    @property
    def count_column(self) -> int:
        return self.columns.index(self.COUNT)

    def pieces(self) -> dict[Denomination, int]:
        """The counted pieces, nonzero only, largest first."""
        return {d: n for d, n in zip(DENOMINATIONS, self._counts, strict=True) if n}

    def expected(self) -> dict[Denomination, int]:
        return {d: n for d, n in zip(DENOMINATIONS, self._expected, strict=True) if n}

    def set_pieces(self, pieces: Mapping[Denomination, int]) -> None:
        self._counts = [int(pieces.get(d, 0)) for d in DENOMINATIONS]
        self._all_changed()

    def set_expected(self, expected: Mapping[Denomination, int]) -> None:
        self._expected = [int(expected.get(d, 0)) for d in DENOMINATIONS]
        self._all_changed()

    def total_fen(self) -> int:
        return sum(d.value_fen * n for d, n in zip(DENOMINATIONS, self._counts, strict=True))

    def expected_fen(self) -> int:
        return sum(d.value_fen * n for d, n in zip(DENOMINATIONS, self._expected, strict=True))

    def _all_changed(self) -> None:
        if self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.changed.emit()

    # -- the model --------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DENOMINATIONS)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.columns[index.column()] == self.COUNT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        column = self.columns[index.column()]
        d = DENOMINATIONS[row]
        count = self._counts[row]
        expected = self._expected[row]
        difference = count - expected
        if role == Qt.ItemDataRole.EditRole:
            return count if column == self.COUNT else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.DENOMINATION:
                return denomination_name(d)
            if column == self.EXPECTED:
                return str(expected)
            if column == self.COUNT:
                return str(count)
            if column == self.DIFFERENCE:
                return self._difference_text(difference, d)
            return format_fen(d.value_fen * count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.DENOMINATION:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self.show_expected
            and self.by_piece
            and difference
        ):
            return QBrush(SHORT_COLOUR if difference < 0 else OVER_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column == self.DIFFERENCE and difference:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COUNT and self.editable:
            return self.tr("Number of pieces; Enter goes to the next row")
        return None

    def _difference_text(self, difference: int, d: Denomination) -> str:
        if difference == 0:
            return "—"
        amount = format_fen(abs(difference) * d.value_fen)
        if difference < 0:
            return self.tr("{count} short ({amount})").format(count=-difference, amount=amount)
        return self.tr("{count} over ({amount})").format(count=difference, amount=amount)

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not self.editable
            or self.columns[index.column()] != self.COUNT
        ):
            return False
        try:
            count = int(str(value).strip() or 0)
        except ValueError:
            return False
        if not 0 <= count <= MAX_PIECES_PER_ENTRY:
            return False
        row = index.row()
        if self._counts[row] == count:
            return True
        self._counts[row] = count
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.changed.emit()
        return True

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if column == self.DENOMINATION:
            return self.tr("Denomination")
        if column == self.EXPECTED:
            return self.tr("Expected")
        if column == self.COUNT:
            return self.tr("Counted") if self.show_expected else self.tr("Pieces")
        if column == self.DIFFERENCE:
            return self.tr("Difference")
        return self.tr("Amount")


class _CountDelegate(QStyledItemDelegate):
    """A plain spin box for a count; Enter moves on like Tab does."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: _ModelIndex
    ) -> QWidget:
        box = QSpinBox(parent)
        box.setObjectName("piecesCountEditor")
        box.setRange(0, MAX_PIECES_PER_ENTRY)
        box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        box.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        box.setFrame(False)
        # Every keystroke goes into the model, so totals follow the typing.
        box.valueChanged.connect(lambda _value, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:
        if not isinstance(editor, QSpinBox):
            return
        value = int(index.data(Qt.ItemDataRole.EditRole) or 0)
        # Not a change the cashier typed: it must not be committed back (and the
        # view does not know the editor yet when it is first filled in).
        blocker = QSignalBlocker(editor)
        if editor.property("opened"):
            # The model echoes each keystroke back: leave the typing alone.
            if editor.value() != value:
                editor.setValue(value)
        else:
            editor.setProperty("opened", True)
            editor.setValue(value)
            editor.selectAll()  # typing replaces the old count
        blocker.unblock()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _ModelIndex) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: Any) -> bool:
        if (
            event.type() == event.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(editor, QWidget)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class _PiecesView(QTableView):
    """Keeps the cursor in the count column and leaves the table after the last row."""

    def __init__(self, model: PiecesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._closing = False
        self.setModel(model)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setAlternatingRowColors(not model.show_expected)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        if model.editable:
            self.setItemDelegateForColumn(model.count_column, _CountDelegate(self))
            self.setEditTriggers(
                QAbstractItemView.EditTrigger.CurrentChanged
                | QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.AnyKeyPressed
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
            self.setTabKeyNavigation(True)
        else:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.setTabKeyNavigation(False)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resizeRowsToContents()

    def fit_size(self) -> None:
        """Show every row without a scroll bar, and every column unclipped."""
        header = self.horizontalHeader()
        height = header.sizeHint().height() + self.verticalHeader().length() + 2 * self.frameWidth()
        self.setFixedHeight(height)
        padding = 10  # the cell's text margins, not in the size hints
        width = sum(
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + padding
            for c in range(self._model.columnCount())
        )
        self.setMinimumWidth(max(self.minimumWidth(), width + 2 * self.frameWidth()))

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if not self._model.editable:
            return super().moveCursor(cursorAction, modifiers)
        column = self._model.count_column
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        last = self._model.rowCount() - 1
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveNext, action.MoveDown):
            return self._model.index(row + 1, column) if row < last else QModelIndex()
        if cursorAction in (action.MovePrevious, action.MoveUp):
            return self._model.index(row - 1, column) if row > 0 else QModelIndex()
        if cursorAction in (action.MoveHome, action.MovePageUp):
            return self._model.index(0, column)
        if cursorAction in (action.MoveEnd, action.MovePageDown):
            return self._model.index(last, column)
        return self._model.index(max(row, 0), column)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        row = self.currentIndex().row()
        last = self._model.rowCount() - 1
        hints = QAbstractItemDelegate.EndEditHint
        self._closing = True
        try:
            if hint == hints.EditNextItem and row >= last:
                super().closeEditor(editor, hints.NoHint)
                self.focusNextChild()
                return
            if hint == hints.EditPreviousItem and row <= 0:
                super().closeEditor(editor, hints.NoHint)
                self.focusPreviousChild()
                return
            super().closeEditor(editor, hint)
        finally:
            self._closing = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self._model.editable or self._closing:
            return
        if self.state() == QAbstractItemView.State.EditingState:
            return
        reason = event.reason()
        current = self.currentIndex()
        column = self._model.count_column
        if reason == Qt.FocusReason.BacktabFocusReason:
            target = self._model.index(self._model.rowCount() - 1, column)
        elif reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.ShortcutFocusReason):
            target = self._model.index(0, column)
        elif current.isValid():
            target = self._model.index(current.row(), column)
        else:
            target = self._model.index(0, column)
        if target != current:
            self.setCurrentIndex(target)  # CurrentChanged opens the editor
        else:
            self.edit(target)


class PiecesEditor(QWidget):
    """A count of cash by denomination, with its total (and, optionally, expected vs counted).

    Args:
        name: the objectName (``floatCount``…); the table is ``<name>Table`` and
            the total line ``<name>Total``.
        show_expected: add the expected and difference columns (for closing).
        editable: False for a read-only view of pieces (e.g. the drawer's contents).

    Signals:
        changed(): a count changed (typed or set).
    """

    changed = Signal()

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        show_expected: bool = False,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = PiecesModel(self, show_expected=show_expected, editable=editable)
        self.view = _PiecesView(self.model, self)
        self.view.setObjectName(f"{name}Table")
        self.total_label = QLabel(self)
        self.total_label.setObjectName(f"{name}Total")
        self.total_label.setWordWrap(True)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.total_label)
        self.setFocusProxy(self.view)
        self.model.changed.connect(self._on_changed)
        self.view.fit_size()
        self._update_total()

    # -- reading and setting ---------------------------------------------

    def pieces(self) -> dict[Denomination, int]:
        """The counted pieces (nonzero counts, largest first)."""
        return self.model.pieces()

    def set_pieces(self, pieces: Mapping[Denomination, int]) -> None:
        self.model.set_pieces(pieces)

    def set_expected(self, expected: Mapping[Denomination, int]) -> None:
        """What the drawer should hold (shown with ``show_expected``)."""
        self.model.set_expected(expected)

    def clear(self) -> None:
        self.model.set_pieces({})

    def compare_by_piece(self, on: bool) -> None:
        """Show (True) or hide the expected and difference of each denomination.

        Off when the expected pieces are only an estimate — field cash, whose
        notes nobody counted at the door: then only the totals are compared.
        """
        self.model.by_piece = on
        for name in (PiecesModel.EXPECTED, PiecesModel.DIFFERENCE):
            if name in self.model.columns:
                self.view.setColumnHidden(self.model.columns.index(name), not on)
        self.model.layoutChanged.emit()
        self.view.fit_size()

    def total_fen(self) -> int:
        return self.model.total_fen()

    def difference_fen(self) -> int:
        """Counted minus expected: negative when cash is missing."""
        return compare_count(self.model.expected(), self.model.pieces()).difference_fen

    def focus_first(self) -> None:
        """Put the cursor on the first count, ready to type."""
        self.view.setFocus(Qt.FocusReason.TabFocusReason)

    # -- the total line ---------------------------------------------------

    def _on_changed(self) -> None:
        self._update_total()
        self.view.fit_size()  # wider amounts may need more room
        self.changed.emit()

    def _update_total(self) -> None:
        counted = self.model.total_fen()
        if not self.model.show_expected:
            self.total_label.setText(self.tr("Total: {amount}").format(amount=format_fen(counted)))
            return
        expected = self.model.expected_fen()
        difference = counted - expected
        text = self.tr("Expected {expected} · counted {counted} · {difference}").format(
            expected=format_fen(expected),
            counted=format_fen(counted),
            difference=difference_words(difference),
        )
        self.total_label.setText(text)
        font = QFont(self.total_label.font())
        font.setBold(difference != 0)
        self.total_label.setFont(font)
