"""The visitor log: who came, to see whom, why, and when they left."""

from __future__ import annotations
