"""The line under the drawer screen's title (``drawerStatus``): whether the drawer is open,
since when and by whom, and what it should hold — or, for the field desk, what should be
handed in. The texts keep the ``DrawerScreen`` translation context they were written in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from frontdesk.domain.money import format_fen
from frontdesk.services.cashbox import DrawerStatus


def closed_status_text(field: bool) -> str:
    """What to say when there is no open session (``field``: the field desk's)."""
    if field:
        return QCoreApplication.translate(
            "DrawerScreen",
            "No field cash is waiting to be handed in. The field desk's session "
            "opens itself with the first cash collected at a home visit.",
        )
    return QCoreApplication.translate(
        "DrawerScreen", "The drawer at this desk is not open. Count the float to open it."
    )


def open_status_text(status: DrawerStatus, field: bool, today: date) -> str:
    """The open session: since when, by whom, its business day and what it should hold.

    A session from a day before ``today`` says it must be closed first.
    """
    opened = status.opened_at.astimezone().strftime("%H:%M")
    day = status.business_date.isoformat()
    amount = format_fen(status.expected_fen)
    earlier = status.business_date != today
    if field:
        text = QCoreApplication.translate(
            "DrawerScreen",
            "Field cash since {time} (first collected by {staff_no}), business day {day}: "
            "{amount} should be handed in.",
        ).format(time=opened, staff_no=status.opened_by, day=day, amount=amount)
        if earlier:
            text += " " + QCoreApplication.translate(
                "DrawerScreen", "It is from an earlier day: count it and close it."
            )
        return text
    text = QCoreApplication.translate(
        "DrawerScreen",
        "Open since {time} by {staff_no}, business day {day}; it should hold {amount}.",
    ).format(time=opened, staff_no=status.opened_by, day=day, amount=amount)
    if earlier:
        text += " " + QCoreApplication.translate(
            "DrawerScreen", "It is from an earlier day: close it before taking cash today."
        )
    return text
