"""The registry of work screens the main window offers, each on a function key.

A later issue adds its screen by appending one entry to ``SCREENS`` below
(or by calling ``register`` from its own module, which must then be imported
here). The factory is called once, the first time the screen is opened, with
a ``ScreenContext`` (settings, database, task runner, who is logged in), and
returns the screen's widget. Import the screen's module inside the factory so
that starting the program stays quick::

    def _cashier(ctx: ScreenContext) -> QWidget:
        from frontdesk.ui.cashier.screen import CashierScreen
        return CashierScreen(ctx)

    SCREENS.append(  # QT_TRANSLATE_NOOP from frontdesk.ui.i18n
        ScreenSpec("F2", QT_TRANSLATE_NOOP("Screens", "Cashier"), _cashier,
                   roles=("cashier", "supervisor"), name="cashier")
    )

Titles are English source text marked with ``QT_TRANSLATE_NOOP("Screens", …)``
so that ``tools/update_translations.py`` collects them; the window shows
``QCoreApplication.translate("Screens", title)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from frontdesk.storage.models.staff import ROLES
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

ScreenFactory = Callable[[ScreenContext], QWidget]

# Shortcuts the main window keeps for itself.
HOME_KEY = "Alt+Home"
LOGOUT_KEY = "Ctrl+L"
QUIT_KEY = "Ctrl+Q"
RESERVED_KEYS = (HOME_KEY, LOGOUT_KEY, QUIT_KEY)

_FUNCTION_KEY = re.compile(r"^(?:(?:Shift|Ctrl)\+)?F([1-9]|1[0-2])$")


@dataclass(frozen=True)
class ScreenSpec:
    """One work screen: its function key, title, how to build it, who may open it.

    Attributes:
        key: the shortcut, ``"F1"`` … ``"F12"`` (``"Shift+F5"`` / ``"Ctrl+F5"`` when
            the plain keys run out).
        title: English source text, marked with ``QT_TRANSLATE_NOOP("Screens", …)``.
        factory: builds the screen's widget from a ``ScreenContext``.
        roles: the roles that see the screen; an administrator sees every
            screen; empty means every role.
        name: a stable identifier (used as the page's objectName suffix and by
            tests); defaults to the title in lowerCamelCase.
    """

    key: str
    title: str
    factory: ScreenFactory
    roles: tuple[str, ...] = ()
    name: str = ""

    def __post_init__(self) -> None:
        if not _FUNCTION_KEY.match(self.key):
            raise ValueError(f"screen {self.title!r}: key {self.key!r} is not F1..F12")
        unknown = [r for r in self.roles if r not in ROLES]
        if unknown:
            raise ValueError(f"screen {self.title!r}: unknown roles {unknown}")
        if not self.name:
            words = re.findall(r"[A-Za-z0-9]+", self.title)
            name = "".join(w.capitalize() for w in words)
            object.__setattr__(self, "name", name[:1].lower() + name[1:] or "screen")

    def allows(self, role: str) -> bool:
        """True if a staff member with ``role`` may open this screen."""
        return role == "admin" or not self.roles or role in self.roles

    def display_title(self) -> str:
        """The title in the interface language."""
        return QCoreApplication.translate("Screens", self.title)

    @property
    def order(self) -> tuple[int, int]:
        """Sort key: plain F-keys first, then Shift+, then Ctrl+, each by number."""
        modifier = 0 if "+" not in self.key else (1 if self.key.startswith("Shift") else 2)
        number = int(self.key.rsplit("F", 1)[1])
        return modifier, number


# The screens of the application. Later issues append their entries here.
SCREENS: list[ScreenSpec] = []


def register(spec: ScreenSpec, screens: list[ScreenSpec] | None = None) -> ScreenSpec:
    """Add ``spec`` to the registry, refusing a key or name already taken.

    Raises:
        ValueError: the key or name is already used.
    """
    target = SCREENS if screens is None else screens
    for other in target:
        if other.key == spec.key:
            raise ValueError(f"key {spec.key} is already used by screen {other.title!r}")
        if other.name == spec.name:
            raise ValueError(f"screen name {spec.name!r} is already registered")
    target.append(spec)
    return spec


def screens_for(role: str, screens: Iterable[ScreenSpec] | None = None) -> list[ScreenSpec]:
    """The screens ``role`` may open, in function-key order."""
    source = SCREENS if screens is None else screens
    return sorted((s for s in source if s.allows(role)), key=lambda s: s.order)


# -- the cash drawer, payments and fee screens (issue 3) -----------------------


def _cashier(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.cashier.screen import CashierScreen

    return CashierScreen(ctx)


def _drawer(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.drawer.screen import DrawerScreen

    return DrawerScreen(ctx)


def _payments(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.payments.screen import PaymentsScreen

    return PaymentsScreen(ctx)


def _fees(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.fees.screen import FeesScreen

    return FeesScreen(ctx)


_CASH = ("cashier", "supervisor")
register(ScreenSpec("F2", QT_TRANSLATE_NOOP("Screens", "Cashier"), _cashier, _CASH, "cashier"))
register(ScreenSpec("F3", QT_TRANSLATE_NOOP("Screens", "Cash drawer"), _drawer, _CASH, "drawer"))
register(ScreenSpec("F4", QT_TRANSLATE_NOOP("Screens", "Payments"), _payments, _CASH, "payments"))
_BOSS = ("supervisor",)
register(ScreenSpec("F5", QT_TRANSLATE_NOOP("Screens", "Fees and bills"), _fees, _BOSS, "fees"))


# -- receipts on paper (issue 4) -------------------------------------------------


def _printer(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.printer.screen import PrinterScreen

    return PrinterScreen(ctx)


def _verify(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.verify.screen import VerifyScreen

    return VerifyScreen(ctx)


register(ScreenSpec("F9", QT_TRANSLATE_NOOP("Screens", "Printer"), _printer, _BOSS, "printer"))
register(ScreenSpec("F10", QT_TRANSLATE_NOOP("Screens", "Verify receipt"), _verify, (), "verify"))


# -- the visitor log (issue 5) --------------------------------------------------


def _visitors(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.visitors.screen import VisitorsScreen

    return VisitorsScreen(ctx)


_RECEPTION = ("clerk", "supervisor")
register(
    ScreenSpec("F6", QT_TRANSLATE_NOOP("Screens", "Visitors"), _visitors, _RECEPTION, "visitors")
)


# -- overdue-fee calls and home visits (issue 6) ------------------------------------------------


def _calls(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.calls.screen import CallsScreen

    return CallsScreen(ctx)


register(ScreenSpec("F11", QT_TRANSLATE_NOOP("Screens", "Overdue calls"), _calls, (), "calls"))


def _visits(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.visits.screen import VisitsScreen

    return VisitsScreen(ctx)


register(ScreenSpec("F8", QT_TRANSLATE_NOOP("Screens", "Home visits"), _visits, (), "visits"))


# -- matters, messages and their summary (issue 5) ------------------------------


def _matters(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.matters.screen import MattersScreen

    return MattersScreen(ctx)


def _messages(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.matters.messages import MessagesScreen

    return MessagesScreen(ctx)


def _matter_summary(ctx: ScreenContext) -> QWidget:
    from frontdesk.ui.matters.summary import MatterSummaryScreen

    return MatterSummaryScreen(ctx)


_MATTERS = ("clerk", "supervisor")
register(ScreenSpec("F7", QT_TRANSLATE_NOOP("Screens", "Matters"), _matters, _MATTERS, "matters"))
register(
    ScreenSpec("Shift+F7", QT_TRANSLATE_NOOP("Screens", "Messages"), _messages, (), "messages")
)
register(
    ScreenSpec(
        "Ctrl+F7",
        QT_TRANSLATE_NOOP("Screens", "Matters summary"),
        _matter_summary,
        ("supervisor",),
        "matterSummary",
    )
)
