"""The wheel ships every subpackage, the resources and the migrations."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "frontdesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert {"frontdesk.resources", "frontdesk.receipts"} <= listed


def test_resources_and_migrations_are_found_through_importlib() -> None:
    assert importlib.resources.files("frontdesk.resources").joinpath("translations").is_dir()
    versions = importlib.resources.files("frontdesk.storage.migrations").joinpath("versions")
    assert any(f.name.startswith("0001") for f in versions.iterdir())
