"""Matters (工单): complaints, enquiries, repairs and messages, with their timeline."""

from __future__ import annotations
