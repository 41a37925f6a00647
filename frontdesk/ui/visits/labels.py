"""Display names of the home-visit codes (statuses, reasons, checklist …) in the interface language."""

from __future__ import annotations

from frontdesk.ui.i18n import QT_TRANSLATE_NOOP, code_title

_CONTEXT = "VisitLabels"

STATUS_TITLES = {
    "booked": QT_TRANSLATE_NOOP("VisitLabels", "Booked"),
    "confirmed": QT_TRANSLATE_NOOP("VisitLabels", "Confirmed"),
    "out": QT_TRANSLATE_NOOP("VisitLabels", "Out"),
    "done": QT_TRANSLATE_NOOP("VisitLabels", "Collected"),
    "not_home": QT_TRANSLATE_NOOP("VisitLabels", "Not home"),
    "rescheduled": QT_TRANSLATE_NOOP("VisitLabels", "Rescheduled"),
    "cancelled": QT_TRANSLATE_NOOP("VisitLabels", "Cancelled"),
}
REASON_TITLES = {
    "owner_asked": QT_TRANSLATE_NOOP("VisitLabels", "Owner asked"),
    "transfer_receipt": QT_TRANSLATE_NOOP("VisitLabels", "Bank-transfer receipt delivery"),
    "overdue": QT_TRANSLATE_NOOP("VisitLabels", "Overdue follow-up"),
}
DEPARTURE_TITLES = {
    "done": QT_TRANSLATE_NOOP("VisitLabels", "Called, owner expects us"),
    "no_answer": QT_TRANSLATE_NOOP("VisitLabels", "No answer"),
}
CHECKLIST_TITLES = {
    "staff_id": QT_TRANSLATE_NOOP("VisitLabels", "Staff ID"),
    "change": QT_TRANSLATE_NOOP("VisitLabels", "Enough change"),
    "detector": QT_TRANSLATE_NOOP("VisitLabels", "Counterfeit-note detector"),
    "receipts": QT_TRANSLATE_NOOP("VisitLabels", "Receipts"),
    "shoe_covers": QT_TRANSLATE_NOOP("VisitLabels", "Shoe covers"),
}


def title(table: dict[str, str], code: str | None) -> str:
    """The translated title of ``code`` in ``table`` (the code itself if unknown)."""
    return code_title(_CONTEXT, table, code)
