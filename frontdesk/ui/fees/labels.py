"""How fee kinds and late-fee rules read in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from frontdesk.domain.fees import LateFeePolicy
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

KIND_TITLES = {
    "area_monthly": QT_TRANSLATE_NOOP("FeeKinds", "Per m² per month"),
    "fixed_monthly": QT_TRANSLATE_NOOP("FeeKinds", "Fixed per month"),
    "one_off": QT_TRANSLATE_NOOP("FeeKinds", "One-off"),
}


def kind_title(kind: str) -> str:
    """The fee kind in the interface language (按面积/月, 固定/月, 一次性)."""
    source = KIND_TITLES.get(kind)
    return QCoreApplication.translate("FeeKinds", source) if source else kind


def late_fee_text(policy: LateFeePolicy) -> str:
    """The late-fee rule in a few words, or "Off"."""
    if not policy.enabled:
        return QCoreApplication.translate("FeeKinds", "Off")
    return QCoreApplication.translate(
        "FeeKinds", "After {grace} days: {bp}/10,000 a day, at most {cap}%"
    ).format(grace=policy.grace_days, bp=policy.daily_bp, cap=policy.cap_percent)
