"""Issue 2, item 7 end to end: every bad input gets one line naming it and its reason, is recorded as
rejected in the store, and neither stops the batch nor loses the good reports stored beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.model import RejectionReason
from rashomon.store.sqlite import SQLiteStore
from support.cli_runner import Cli, make_cli

GOOD = (
    "Officials said a bridge in the northern district collapsed on Friday after days of heavy rain. "
    "Two drivers were hurt, the regional governor said in a statement to reporters."
)
GOOD_LINE = "Farmers in the valley protested on Sunday against a new water tax, blocking the main road for three hours."
ARABIC = "قال المتحدث باسم الجيش إن القصف استهدف مواقع على الحدود وأسفر عن مقتل عدد من المقاتلين. "
FRENCH = (
    "Le ministre a déclaré que les pourparlers avaient échoué et que la délégation quitterait la capitale "
    "dans la soirée, selon un communiqué publié par le gouvernement."
)
HUGE_BYTES = 50 * 1024 * 1024


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(pipeline, monkeypatch, tmp_path)


def write_inputs(folder: Path) -> dict[str, RejectionReason]:
    """The bad inputs of issue 2 beside two good reports; returns each bad input's expected reason."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "lines.jsonl").write_text(json.dumps({"text": GOOD_LINE, "outlet": "Valley News"}) + '\n{"text": broken\n')
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with (folder / "huge.txt").open("w", encoding="utf-8") as stream:
        line = "The convoy was stopped at the checkpoint and officials said it was searched. " * 20 + "\n"
        stream.write(line * (HUGE_BYTES // len(line) + 1))
    (folder / "invalid_utf8.txt").write_bytes(GOOD.encode() + b" \xff\xfe\xc3\x28 " + GOOD.encode())
    (folder / "arabic_cp1256.txt").write_bytes((ARABIC * 3).encode("cp1256"))
    page = (
        "<!DOCTYPE html><html><head><title>Bridge collapse</title></head><body><article>"
        f"<p>{GOOD}</p><p>{GOOD.replace('bridge', 'tower')}</p></article></body></html>"
    )
    (folder / "truncated.html").write_text(page[: len(page) * 2 // 3], encoding="utf-8")
    (folder / "malformed.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title><item><title>One</title><description>Cut",
        encoding="utf-8",
    )
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    return {
        "empty.txt": RejectionReason.EMPTY,
        "binary.txt": RejectionReason.BINARY,
        "huge.txt": RejectionReason.TOO_LARGE,
        "invalid_utf8.txt": RejectionReason.ENCODING,
        "arabic_cp1256.txt": RejectionReason.ENCODING,
        "truncated.html": RejectionReason.MALFORMED,
        "malformed.rss": RejectionReason.MALFORMED,
        "lines.jsonl:2": RejectionReason.MALFORMED,
        "french.txt": RejectionReason.UNSUPPORTED_LANGUAGE,
    }


@pytest.mark.issue(2)
def test_each_bad_input_is_named_recorded_and_the_good_ones_stored(cli: Cli, tmp_path: Path) -> None:
    inputs, db = tmp_path / "inputs", tmp_path / "bad.db"
    expected = {f"{inputs / name}": reason for name, reason in write_inputs(inputs).items()}

    result = cli("ingest", inputs, "--db", db, "--json")
    assert result.exit_code == 1
    summary = {"added": 2, "duplicates": 0, "near_duplicates": 0, "rejected": len(expected)}
    assert json.loads(result.stdout) == summary, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected)  # one line per rejection, nothing else
    named = {}
    for line in lines:
        reason, _, rest = line.removeprefix("rejected (").partition("): ")
        named[rest.split(": ", 1)[0]] = RejectionReason(reason)
    assert named == expected
    assert "only English is analysed yet" in result.stderr

    with SQLiteStore(db) as store:
        stored = {r.source: r for r in store.iter_reports()}
        assert sorted(stored) == [f"{inputs / 'good.txt'}", f"{inputs / 'lines.jsonl'}:1"]
        assert store.unanalysed_report_ids() == []
        assert {r.input: r.reason for r in store.iter_rejections()} == expected

    again = cli("ingest", inputs, "--db", db, "--json")
    assert again.exit_code == 1
    assert json.loads(again.stdout) == {"added": 0, "duplicates": 2, "near_duplicates": 0, "rejected": len(expected)}
    with SQLiteStore(db) as store:
        assert store.count_reports() == 2
        assert len(list(store.iter_rejections())) == len(expected)  # recorded once, not once per run
