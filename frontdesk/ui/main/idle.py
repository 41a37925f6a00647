"""Notices when nobody has touched the keyboard or mouse for a while."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer, Signal

# Events that show a person is at the desk.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without key, mouse or touch input anywhere.

    It filters the events of the whole application, so activity in any
    dialog counts. The filter only notes the time of the last activity (it
    runs for every mouse move); the timer, when it fires, checks that time and
    waits for the rest of the interval if there was activity meanwhile.
    ``interval_ms == 0`` turns it off.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._since = QElapsedTimer()
        self._since.start()
        self._interval_ms = 0
        self._app: QCoreApplication | None = None
        self.interval_ms = interval_ms

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        """Change the time-out; counts from now (0 stops watching)."""
        self._interval_ms = max(0, int(value))
        if self._app is not None:
            self.restart()

    @property
    def active(self) -> bool:
        """True while watching with a time-out."""
        return self._timer.isActive()

    def idle_ms(self) -> int:
        """Milliseconds since the last key, mouse or touch input (or ``restart``)."""
        return int(self._since.elapsed())

    def start(self) -> None:
        """Begin watching (installs the application-wide event filter)."""
        app = QCoreApplication.instance()
        if app is not None and self._app is None:
            app.installEventFilter(self)
            self._app = app
        self.restart()

    def stop(self) -> None:
        """Stop watching and remove the event filter."""
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def restart(self) -> None:
        """Count the time-out from now."""
        self._since.restart()
        if self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._since.restart()
        return False

    def _on_timeout(self) -> None:
        if self._interval_ms <= 0:
            return
        remaining = self._interval_ms - self.idle_ms()
        if remaining > 0:
            self._timer.start(remaining)  # there was activity: wait for the rest
        else:
            self.idle.emit()
