"""Quick load check in `make test`: 10 loopback clients for 3 s against a real `rashomon serve`.

The full run (100 clients, 60 s) is `make soak`; its figures are in docs/reliability.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import load_test  # noqa: E402 - scripts/ is put on sys.path just above


@pytest.mark.browser  # needs the web extra and a free loopback port, like the browser tests
def test_concurrent_readers_get_no_errors(tmp_path: Path) -> None:
    db = tmp_path / "load.db"
    load_test.build_demo_db(db)
    result = load_test.serve_and_load(db, clients=10, seconds=3)
    assert result["errors"] == 0, result["error_examples"]
    assert result["requests"] > 10
    assert result["distinct_paths"] > 4, "the demo database should list incidents and reports to read"
