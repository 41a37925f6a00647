"""Display names of the matter codes (kinds, statuses, …) in the interface language."""

from __future__ import annotations

from frontdesk.ui.i18n import QT_TRANSLATE_NOOP, code_title

_CONTEXT = "MatterLabels"

KIND_TITLES = {
    "complaint": QT_TRANSLATE_NOOP("MatterLabels", "Complaint"),
    "enquiry": QT_TRANSLATE_NOOP("MatterLabels", "Enquiry"),
    "repair": QT_TRANSLATE_NOOP("MatterLabels", "Repair"),
    "message": QT_TRANSLATE_NOOP("MatterLabels", "Phone message"),
}
CHANNEL_TITLES = {
    "visit": QT_TRANSLATE_NOOP("MatterLabels", "Visit"),
    "phone": QT_TRANSLATE_NOOP("MatterLabels", "Phone"),
    "other": QT_TRANSLATE_NOOP("MatterLabels", "Other channel"),
}
CATEGORY_TITLES = {
    "fees": QT_TRANSLATE_NOOP("MatterLabels", "Fees"),
    "repairs": QT_TRANSLATE_NOOP("MatterLabels", "Repairs"),
    "security": QT_TRANSLATE_NOOP("MatterLabels", "Security"),
    "cleaning": QT_TRANSLATE_NOOP("MatterLabels", "Cleaning"),
    "parking": QT_TRANSLATE_NOOP("MatterLabels", "Parking"),
    "noise": QT_TRANSLATE_NOOP("MatterLabels", "Noise"),
    "renovation": QT_TRANSLATE_NOOP("MatterLabels", "Renovation"),
    "service": QT_TRANSLATE_NOOP("MatterLabels", "Staff conduct"),
    "other": QT_TRANSLATE_NOOP("MatterLabels", "Other"),
}
STATUS_TITLES = {
    "new": QT_TRANSLATE_NOOP("MatterLabels", "New"),
    "in_progress": QT_TRANSLATE_NOOP("MatterLabels", "In progress"),
    "resolved": QT_TRANSLATE_NOOP("MatterLabels", "Resolved"),
    "called_back": QT_TRANSLATE_NOOP("MatterLabels", "Called back"),
    "closed": QT_TRANSLATE_NOOP("MatterLabels", "Closed"),
}
COMPLEXITY_TITLES = {
    "simple": QT_TRANSLATE_NOOP("MatterLabels", "Simple"),
    "complex": QT_TRANSLATE_NOOP("MatterLabels", "Complex"),
}
SATISFACTION_TITLES = {
    "satisfied": QT_TRANSLATE_NOOP("MatterLabels", "Satisfied"),
    "basically": QT_TRANSLATE_NOOP("MatterLabels", "Basically satisfied"),
    "dissatisfied": QT_TRANSLATE_NOOP("MatterLabels", "Dissatisfied"),
    "unreachable": QT_TRANSLATE_NOOP("MatterLabels", "Could not reach"),
}
ACTION_TITLES = {
    "created": QT_TRANSLATE_NOOP("MatterLabels", "Recorded"),
    "take": QT_TRANSLATE_NOOP("MatterLabels", "Taken on"),
    "assign": QT_TRANSLATE_NOOP("MatterLabels", "Handed over"),
    "note": QT_TRANSLATE_NOOP("MatterLabels", "Progress"),
    "attend": QT_TRANSLATE_NOOP("MatterLabels", "Attended"),
    "resolve": QT_TRANSLATE_NOOP("MatterLabels", "Resolved"),
    "call_back": QT_TRANSLATE_NOOP("MatterLabels", "Called back"),
    "close": QT_TRANSLATE_NOOP("MatterLabels", "Closed"),
    "reopen": QT_TRANSLATE_NOOP("MatterLabels", "Reopened"),
}


def title(table: dict[str, str], code: str | None) -> str:
    """The translated title of ``code`` in ``table`` (the code itself if unknown)."""
    return code_title(_CONTEXT, table, code)
