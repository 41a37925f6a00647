"""Home fee-collection visits (上门收费) and their history."""

from __future__ import annotations
