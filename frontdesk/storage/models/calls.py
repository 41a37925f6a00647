"""Overdue-fee calls (催缴): the call list, attempts and promises to pay."""

from __future__ import annotations
