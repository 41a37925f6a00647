"""The shared list set-up, column titles and message line, and the screens' error path."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.errors import ValidationError
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui import i18n
from frontdesk.ui.calls.model import CallsModel
from frontdesk.ui.calls.screen import CallsScreen
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.matters.message_line import matter_message_line
from frontdesk.ui.matters.messages import MessagesModel
from frontdesk.ui.matters.model import MattersModel
from frontdesk.ui.matters.summary import SummaryModel
from frontdesk.ui.messages import ERROR_STYLE, MessageLine, error_text, show_refusal
from frontdesk.ui.payments.screen import PaymentsModel, PaymentsScreen
from frontdesk.ui.tables import TitledTableModel, configure_list_view
from frontdesk.ui.tasks import TaskRunner
from frontdesk.ui.visitors.models import VisitorLogModel, VisitorsInModel
from frontdesk.ui.visits.agenda_model import VisitsModel
from frontdesk.ui.visits.screen import VisitsScreen
from tests.factories import make_staff


def visitor_log_model() -> TitledTableModel:
    return VisitorLogModel(None)  # type: ignore[arg-type]  # titles need no context


UNEXPECTED = "Unexpected error: RuntimeError. See the log file for details."
MODELS: list[Callable[[], TitledTableModel]] = [
    CallsModel,
    PaymentsModel,
    VisitsModel,
    MattersModel,
    MessagesModel,
    SummaryModel,
    VisitorsInModel,
    visitor_log_model,
]
SCREENS = [
    (CallsScreen, "callsMessage", "frontdesk.ui.calls.screen", "calls screen"),
    (PaymentsScreen, "paymentsMessage", "frontdesk.ui.payments.screen", "payments screen"),
    (VisitsScreen, "visitsMessage", "frontdesk.ui.visits.screen", "visits screen"),
]


def _titles(model: QAbstractTableModel) -> list[str]:
    return [
        model.headerData(n, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for n in range(model.columnCount())
    ]


# -- column titles ---------------------------------------------------------


def test_a_model_titles_its_columns_and_nothing_else(qtmodeltester: ModelTester) -> None:
    model = CallsModel()
    assert _titles(model) == [
        "Call at",
        "Room",
        "Owner",
        "Phone",
        "Owed",
        "Overdue",
        "Attempts",
        "Status",
        "Last outcome",
    ]
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert model.headerData(0, vertical, Qt.ItemDataRole.DisplayRole) is None
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(-1, horizontal, Qt.ItemDataRole.DisplayRole) is None
    assert model.headerData(model.COLUMNS, horizontal, Qt.ItemDataRole.DisplayRole) is None
    qtmodeltester.check(model)


@pytest.mark.parametrize("make", MODELS, ids=lambda make: make.__name__)
def test_every_column_has_a_title(make: Callable[[], TitledTableModel]) -> None:
    model = make()
    titles = _titles(model)
    assert len(titles) == model.columnCount() == len(model.titles())
    assert all(isinstance(t, str) and t for t in titles)


@pytest.mark.parametrize("make", MODELS, ids=lambda make: make.__name__)
def test_titles_are_translated_in_their_model_context(
    qapp: QApplication, make: Callable[[], TitledTableModel]
) -> None:
    """The titles live in ``titles()`` but are still looked up under the model's name."""
    model = make()
    context = type(model).__name__
    english = _titles(model)
    assert i18n.install_translations(qapp, "zh_CN") == "zh_CN"
    try:
        shown = _titles(model)
        expected = [QCoreApplication.translate(context, source) for source in english]
    finally:
        i18n.remove_translations(qapp)
    assert shown == expected
    untranslated = [s for s, t in zip(english, shown, strict=True) if s == t]
    assert not untranslated, f"[{context}] has no Chinese for {untranslated}"
    if make is CallsModel:
        assert shown[:3] == ["拨打时间", "房号", "业主"]


# -- the list view ---------------------------------------------------------


def _view(qtbot: QtBot) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(CallsModel(view))
    return view


def test_a_list_view_is_read_only_rows_worked_from_the_keyboard(qtbot: QtBot) -> None:
    view = _view(qtbot)
    configure_list_view(view, CallsModel.OWNER)
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not view.tabKeyNavigation()  # Tab leaves the list
    assert view.alternatingRowColors()
    assert not view.wordWrap()
    assert view.verticalHeader().isHidden()
    header = view.horizontalHeader()
    modes = [header.sectionResizeMode(n) for n in range(header.count())]
    assert modes[CallsModel.OWNER] == QHeaderView.ResizeMode.Stretch
    del modes[CallsModel.OWNER]
    assert set(modes) == {QHeaderView.ResizeMode.ResizeToContents}
    assert not header.stretchLastSection()


def test_a_list_view_can_stretch_its_last_column_and_keep_qt_defaults(qtbot: QtBot) -> None:
    view = _view(qtbot)
    configure_list_view(
        view, resize=QHeaderView.ResizeMode.Interactive, tab_keys=True, striped=False, wrap=True
    )
    header = view.horizontalHeader()
    assert header.stretchLastSection()
    assert {header.sectionResizeMode(n) for n in range(header.count())} == {
        QHeaderView.ResizeMode.Interactive
    }
    assert view.tabKeyNavigation()
    assert not view.alternatingRowColors()
    assert view.wordWrap()
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection


# -- the message line ------------------------------------------------------


def test_a_message_line_is_red_and_bold_for_an_error_and_plain_otherwise(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    line = MessageLine("someMessage", parent)
    assert line.objectName() == "someMessage"
    assert line.parent() is parent
    assert line.wordWrap()
    assert line.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    line.say("金额不能为空。")
    assert line.text() == "金额不能为空。"
    assert line.styleSheet() == ERROR_STYLE == "color: #b00020; font-weight: bold;"
    line.say("Saved.", error=False)
    assert (line.text(), line.styleSheet()) == ("Saved.", "")
    line.say("again")
    assert line.styleSheet() == ERROR_STYLE


def test_a_message_line_with_its_own_styles(qtbot: QtBot) -> None:
    line = MessageLine(
        "otherMessage", error_style="color: red;", ok_style="color: green;", selectable=False
    )
    qtbot.addWidget(line)
    assert not line.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    line.say("no")
    assert line.styleSheet() == "color: red;"
    line.say("yes", error=False)
    assert line.styleSheet() == "color: green;"
    line.say_plain("Saving…")
    assert (line.text(), line.styleSheet()) == ("Saving…", "")


# -- the error path --------------------------------------------------------


def test_a_refusal_is_shown_as_its_text_and_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("frontdesk.test.screen")
    with caplog.at_level(logging.ERROR):
        text = error_text(ValidationError("房号不存在。"), "Oops {error}", log, "test: unexpected")
    assert text == "房号不存在。"
    assert caplog.records == []


def test_an_unexpected_error_is_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = logging.getLogger("frontdesk.test.screen")
    try:
        raise KeyError("row")
    except KeyError as e:
        error = e
    with caplog.at_level(logging.ERROR):
        text = error_text(error, "意外错误：{error}。", log, "test screen: unexpected error")
    assert text == "意外错误：KeyError。"
    [record] = caplog.records
    assert record.name == "frontdesk.test.screen"
    assert record.getMessage() == "test screen: unexpected error"
    assert record.exc_info is not None and record.exc_info[1] is error


def test_the_matters_screens_show_a_refusal_and_crash_on_a_bug(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    line = matter_message_line("mattersMessage", parent)
    assert line.objectName() == "mattersMessage"
    assert not line.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    line.say("Matter M-1 recorded.", error=False)
    assert line.styleSheet() == "color: #0b6b2f;"
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _type, error, _tb: hooked.append(error))
    show_refusal(line, ValidationError("请填写事项内容。"))
    assert (line.text(), line.styleSheet()) == ("请填写事项内容。", "color: #b00020;")
    assert hooked == []
    bug = RuntimeError("bug")
    show_refusal(line, bug)
    assert hooked == [bug]
    assert line.text() == "请填写事项内容。"  # the crash dialog tells, not the line


def _boom() -> None:
    raise RuntimeError("the worker broke")


def _refuse() -> None:
    raise ValidationError("今天已日结，不能作废。")


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


@pytest.mark.parametrize(("screen_class", "message_name", "logger", "log_message"), SCREENS)
def test_a_screen_shows_a_failed_job_on_its_message_line(
    qtbot: QtBot,
    app_ctx: AppContext,
    app_db: Database,
    caplog: pytest.LogCaptureFixture,
    screen_class: Callable[[ScreenContext], QWidget],
    message_name: str,
    logger: str,
    log_message: str,
) -> None:
    make_staff(app_db, "S001", "supervisor", "李主管")
    screen = screen_class(ScreenContext(app_ctx, Actor("S001", "李主管", "supervisor")))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: not app_ctx.tasks.busy)
    message = screen.findChild(MessageLine, message_name)
    assert isinstance(message, MessageLine)
    assert message.text() == ""

    with caplog.at_level(logging.ERROR):
        screen._submit(_refuse)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: message.text() != "")
    assert message.text() == "今天已日结，不能作废。"
    assert message.styleSheet() == ERROR_STYLE
    assert [r for r in caplog.records if r.name == logger] == []

    with caplog.at_level(logging.ERROR):
        screen._submit(_boom)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: message.text() == UNEXPECTED)
    assert message.styleSheet() == ERROR_STYLE
    [record] = [r for r in caplog.records if r.name == logger]
    assert record.getMessage() == f"{log_message}: unexpected error"
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)
    assert not getattr(screen, "_busy", False)  # a failed job leaves the screen usable
