"""Visitor rules: phone numbers, names, plates, the sign-out hour, retention; the settings."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.domain import visitors as rules
from frontdesk.domain.workcalendar import CalendarError
from frontdesk.errors import ConfigError


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("13800001234", "13800001234"),
        (" 138-0000-1234 ", "13800001234"),
        ("１３８ ００００ １２３４", "13800001234"),
        ("+86 (138) 0000.1234", "+8613800001234"),
        ("0755-1234567", "07551234567"),
        ("1234567", "1234567"),
        ("123456789012345", "123456789012345"),
    ],
)
def test_phone_numbers_are_normalised(raw: str, stored: str) -> None:
    assert rules.normalise_phone(raw) == stored


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "请填写"),
        ("   ", "请填写"),
        ("123456", "6 位数字"),
        ("1234567890123456", "16 位数字"),
        ("138O0001234", "不是电话号码"),
        ("1380000+1234", "不是电话号码"),
        ("++8613800001234", "不是电话号码"),
        ("١٣٨٠٠٠٠١٢٣٤", "不是电话号码"),  # Arabic-Indic digits are not accepted
    ],
)
def test_not_a_phone(raw: str, message: str) -> None:
    with pytest.raises(rules.VisitorRuleError, match=message):
        rules.normalise_phone(raw)


def test_names_plates_people() -> None:
    assert rules.check_name("  王  小明 ") == "王 小明"
    with pytest.raises(rules.VisitorRuleError):
        rules.check_name("\t")
    assert rules.check_plate(" 粤b · 12345 ") == "粤B12345"
    assert rules.check_people(1) == 1
    for bad in (0, 100, True):
        with pytest.raises(rules.VisitorRuleError):
            rules.check_people(bad)
    assert rules.check_purpose("guest") == "guest"
    assert set(rules.PURPOSE_LABELS) == set(rules.PURPOSES)
    assert rules.phone_query_digits("１３８-00") == "13800"


def test_auto_sign_out_cutoff() -> None:
    at = time(22, 0)
    assert rules.auto_sign_out_cutoff(datetime(2026, 11, 20, 23, 0), at) == datetime(
        2026, 11, 20, 22, 0
    )
    assert rules.auto_sign_out_cutoff(datetime(2026, 11, 20, 21, 59), at) == datetime(
        2026, 11, 19, 22, 0
    )
    assert rules.auto_sign_out_cutoff(datetime(2026, 11, 20, 22, 0), at) == datetime(
        2026, 11, 20, 22, 0
    )
    assert rules.parse_sign_out_hour("21:30") == time(21, 30)
    with pytest.raises(CalendarError):
        rules.parse_sign_out_hour("9pm")


def test_retention_cutoff() -> None:
    now = datetime(2026, 12, 1)
    assert rules.retention_cutoff(now, 180) == datetime(2026, 6, 4)
    with pytest.raises(rules.VisitorRuleError):
        rules.retention_cutoff(now, 0)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('auto_sign_out_at = "25:00"', "line 2: \\[reception\\] auto_sign_out_at must be a time"),
        ("retention_days = 0", "line 2: \\[reception\\] retention_days must be 1 or more"),
        ('full_phone_roles = "admin"', "must be a list of texts"),
    ],
)
def test_reception_settings_are_checked(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"[reception]\n{body}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load(path)


def test_reception_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[reception]\nauto_sign_out_at = "21:30"\n', encoding="utf-8")
    reception = load(path).reception
    assert reception.auto_sign_out_at == "21:30" and reception.retention_days == 180
    assert reception.full_phone_roles == ["supervisor", "admin"]
