"""The names other stages import from rashomon.ingest, loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import rashomon.ingest as ingest


def test_all_is_complete_and_resolvable() -> None:
    assert len(set(ingest.__all__)) == len(ingest.__all__)
    assert set(ingest.__all__) == set(ingest._EXPORTS)
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None
    assert {"read_inputs", "Fetcher", "NearDuplicateIndex", "detect_language", "make_report", "normalise_text"} <= set(
        ingest.__all__
    )


def test_fingerprint_does_not_pull_in_the_heavy_readers() -> None:
    code = (
        "import sys; import rashomon.ingest.fingerprint; "
        "print(sorted(m for m in ('datasketch', 'trafilatura', 'httpx', 'feedparser') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
