"""Hostile reports: stored with their text intact (and so shown inert, escaped, by the web UI)
or rejected with a reason. Never a crash, never a lost or altered batch.

The web UI's side (scripts never run, links inert) is checked in a real browser in tests/web.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.model import RejectionReason
from rashomon.service.ingest import ingest
from rashomon.store.sqlite import SQLiteStore

RLO, ZWJ, ZWSP = "\u202e", "\u200d", "\u200b"
LEAD = "Officials said an air strike near al-Tanf killed 12 fighters on Monday. "

HOSTILE_TEXTS = {
    "script.txt": LEAD + "<script>window.__pwned=1</script> The militia denied it.",
    "handler.txt": LEAD + 'Photo: <img src=x onerror="window.__pwned=1"> via the agency.',
    "jslink.txt": LEAD + "Read more at javascript:alert(document.cookie) and [link](javascript:alert(1)).",
    "sql.txt": LEAD + "The commander, Robert'); DROP TABLE reports;-- said ' OR '1'='1 was a lie.",
    "rtl_names.txt": LEAD + f"The spokesman Abu{ZWJ} Ala al-{RLO}iyaleW{ZWSP} told reporters the toll rose.",
}


def _write(root: Path) -> None:
    for name, text in HOSTILE_TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "one_line_10mb.txt").write_text(LEAD + "x" * (10 * 1024 * 1024), encoding="utf-8")
    depth = 50_000
    (root / "nested.html").write_text(
        "<html><body>" + "<div>" * depth + "<p>" + LEAD + "</p>" + "</div>" * depth + "</body></html>", encoding="utf-8"
    )
    (root / "script_page.html").write_text(
        "<html><head><title>Strike<script>alert(1)</script></title></head><body>"
        '<article><p onclick="alert(2)">' + LEAD + "The coalition denied it in a statement on Tuesday, officials said.</p>"
        '<a href="javascript:alert(3)">more</a><script>window.__pwned=1</script></article></body></html>',
        encoding="utf-8",
    )


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    _write(root)
    return root


def test_hostile_reports_are_stored_verbatim_or_rejected_with_a_reason(
    hostile_dir: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    store = SQLiteStore(tmp_path / "hostile.db")
    summary = ingest([str(hostile_dir)], store, pipeline)
    stored = {Path(r.source or "").name: r for r in store.iter_reports()}
    rejections = list(store.iter_rejections())
    rejected = {Path(r.input).name: r for r in rejections if r.stage == "ingest"}
    assert [r.message for r in rejections if r.stage != "ingest"] == []  # every stored report was analysed

    # Every input is accounted for, once.
    assert set(stored) | set(rejected) == {p.name for p in hostile_dir.iterdir()}
    assert not set(stored) & set(rejected)
    # Plain-text attacks are kept exactly as written: the store neither runs nor "cleans" them.
    for name, text in HOSTILE_TEXTS.items():
        assert stored[name].text == text
    # Too large to be one report: rejected before it is read, with the size in the message.
    assert rejected["one_line_10mb.txt"].reason is RejectionReason.TOO_LARGE
    assert "MiB" in rejected["one_line_10mb.txt"].message
    # Deep nesting is either read or refused with a reason, never a crash.
    if "nested.html" in rejected:
        assert rejected["nested.html"].message
    # Extracted page text carries no markup from the page.
    page = stored["script_page.html"].text
    assert "<script" not in page and "onclick" not in page and "javascript:" not in page
    # Every stored report was analysed, and the store is intact.
    assert summary.analysed == len(stored)
    assert store.unanalysed_report_ids() == []
    assert store._execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
