"""Paths shared by tests. Import from here, not from ``conftest``: pytest keeps one ``conftest``
module name for every conftest.py it loads, so ``from conftest import ...`` can pick up a subfolder's."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "000_c092c067313caf18.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on development machines)")
    return path
