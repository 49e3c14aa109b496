"""JSONL corpora: every line is a report or a rejection named PATH:LINE; one broken line costs only that line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ingest_helpers import LANGUAGES, assert_rejected, by_source, copy_good, read_all

from rashomon.ingest.limits import MAX_JSONL_LINE_BYTES
from rashomon.model import RejectionReason, Report

TEXT = "Police said on Monday that the curfew in the old city would be lifted after a week without violence."


def line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def test_jsonl_batch_rejects_broken_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    good = copy_good(tmp_path, "corpus.jsonl", "a_good.jsonl")
    french = LANGUAGES.joinpath("fr.txt").read_text(encoding="utf-8").strip()
    mixed = tmp_path / "b_mixed.jsonl"
    mixed.write_bytes(
        b"".join(
            [
                line(text=TEXT, title="Curfew lifted", published="2017-08-14T09:30:00", outlet="Example Times", id=7),
                b'{"text": "unterminated\n',
                b"\n",  # blank lines are skipped, not rejected
                b"[1, 2, 3]\n",
                line(title="no text field"),
                line(text=42),
                line(text=TEXT + " Again.", published="last Tuesday"),
                line(text=TEXT + " Once more.", title=["a", "list"]),
                line(text=french),
                line(text=TEXT + " Declared.", language="fr"),
                '{"text": "caf\u00e9 is latin-1"}\n'.encode("latin-1"),
                line(text=""),
                b"[" * 100_000 + b"]" * 100_000 + b"\n",
                b'{"text": "' + b"x" * (MAX_JSONL_LINE_BYTES + 10) + b'"}\n',
                line(text=TEXT + " Last line, after the oversized one.", published="2017-08-15T06:00:00Z"),
            ]
        )
    )
    (tmp_path / "c_empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "d_binary.jsonl").write_bytes(b"\x1f\x8b\x08\x00compressed")

    items = by_source(read_all(sorted(tmp_path.iterdir())))

    first, second = items[f"{good}:1"], items[f"{good}:2"]
    assert isinstance(first, Report) and isinstance(second, Report)
    assert first.text == (
        "Police said on Sunday that they had arrested three men suspected of planning an attack on a power station "
        "in the north of the country."
    )
    assert (first.title, first.url, first.outlet, first.language) == (
        "Three arrested over power station plot",
        "https://news.example.org/arrests",
        "Example News",
        "en",
    )
    assert first.published == datetime(2017, 8, 13, 18, 5, tzinfo=timezone(timedelta(hours=1)))
    assert second.title == "Wounded toll rises" and second.url is None and second.outlet is None
    assert second.published == datetime(2017, 8, 14, tzinfo=UTC)  # a date alone: midnight UTC

    m = str(mixed)
    curfew = items[f"{m}:1"]
    assert isinstance(curfew, Report)
    assert (curfew.text, curfew.title, curfew.outlet) == (TEXT, "Curfew lifted", "Example Times")
    assert curfew.published == datetime(2017, 8, 14, 9, 30, tzinfo=UTC)  # naive: taken as UTC
    assert_rejected(items[f"{m}:2"], RejectionReason.MALFORMED, f"{m}:2", "not valid JSON", "fix or remove the line")
    assert f"{m}:3" not in items
    assert_rejected(items[f"{m}:4"], RejectionReason.MALFORMED, f"{m}:4", "a JSON list, not an object")
    assert_rejected(items[f"{m}:5"], RejectionReason.MALFORMED, f"{m}:5", "has no 'text' field")
    assert_rejected(items[f"{m}:6"], RejectionReason.MALFORMED, f"{m}:6", "'text' that is a int")
    assert_rejected(items[f"{m}:7"], RejectionReason.MALFORMED, f"{m}:7", "'published' is 'last Tuesday'", "2017-08-09")
    assert_rejected(items[f"{m}:8"], RejectionReason.MALFORMED, f"{m}:8", "'title' is a list")
    assert_rejected(items[f"{m}:9"], RejectionReason.UNSUPPORTED_LANGUAGE, f"{m}:9", "language 'fr' detected")
    assert_rejected(items[f"{m}:10"], RejectionReason.UNSUPPORTED_LANGUAGE, f"{m}:10", "language 'fr' declared")
    assert_rejected(items[f"{m}:11"], RejectionReason.ENCODING, f"{m}:11", "not valid UTF-8", "iconv")
    assert_rejected(items[f"{m}:12"], RejectionReason.EMPTY, f"{m}:12", "no text")
    assert_rejected(items[f"{m}:13"], RejectionReason.MALFORMED, f"{m}:13", "unreadable JSON")
    assert_rejected(items[f"{m}:14"], RejectionReason.TOO_LARGE, f"{m}:14", "3.0 MiB limit")
    last = items[f"{m}:15"]
    assert isinstance(last, Report) and last.published == datetime(2017, 8, 15, 6, tzinfo=UTC)

    assert_rejected(items[f"{tmp_path}/c_empty.jsonl"], RejectionReason.EMPTY, f"{tmp_path}/c_empty.jsonl", "no JSON lines")
    assert_rejected(items[f"{tmp_path}/d_binary.jsonl"], RejectionReason.BINARY, f"{tmp_path}/d_binary.jsonl", "gzip")
    assert len(items) == 2 + 14 + 2


def test_jsonl_corpus_may_exceed_the_per_report_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    body = TEXT + " " + "The officials gave no further details about the arrests or the charges. " * 180  # ~13 KB
    with corpus.open("wb") as out:
        for n in range(100):
            out.write(line(text=f"Report {n}. {body}"))
    assert corpus.stat().st_size > 1024 * 1024
    items = read_all([corpus])
    assert len(items) == 100
    assert all(isinstance(item, Report) for item in items)
    assert [item.source for item in items] == [f"{corpus}:{n}" for n in range(1, 101)]
