"""`rashomon ingest`, `reports` and `export` end to end on real SQLite files: exact stdout and exit codes."""

from __future__ import annotations

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import Result

from rashomon.extract import Pipeline
from rashomon.model import Analysis
from rashomon.store.sqlite import SQLiteStore
from support.cli_runner import Cli, make_cli
from support.demo_corpus import DEMO_CORPUS, DEMO_REPORTS

STORY = (
    "Officials said a bridge in the northern district collapsed on Friday after days of heavy rain. "
    "Two drivers were hurt, the regional governor said in a statement."
)

OTHER_STORY = "Farmers in the valley protested on Sunday against a new water tax, blocking the main road for three hours."


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(pipeline, monkeypatch, tmp_path)


def counts(result: Result) -> dict[str, int]:
    return json.loads(result.stdout)


def test_ingest_demo_json_summary_then_idempotent(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = cli("ingest", DEMO_CORPUS, "--db", db, "--json")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == '{"added": 7, "duplicates": 0, "near_duplicates": 1, "rejected": 0}\n'
    second = cli("ingest", DEMO_CORPUS, "--db", db, "--json")
    assert second.exit_code == 0, second.stderr
    assert counts(second) == {"added": 0, "duplicates": DEMO_REPORTS, "near_duplicates": 0, "rejected": 0}
    with SQLiteStore(db) as store:
        assert store.count_reports() == DEMO_REPORTS
        assert store.unanalysed_report_ids() == []
        copies = [r for r in store.iter_reports() if r.near_duplicate_of]
        assert [(c.outlet, store.get_report(c.near_duplicate_of).outlet) for c in copies] == [  # type: ignore[arg-type]
            ("Coastal Ledger", "Meridian Wire")
        ]


def test_ingest_plain_summary_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    result = cli("ingest", tmp_path / "story.txt", "--db", tmp_path / "one.db")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'one.db'}: 1 added (0 near-duplicate), 0 duplicate, 0 rejected, 1 analysed\n"


def test_bad_inputs_exit_1_name_the_input_and_keep_the_good(cli: Cli, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(STORY, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.jsonl").write_text(
        json.dumps({"text": OTHER_STORY, "outlet": "Valley News"}) + "\n{not json\n", encoding="utf-8"
    )
    db = tmp_path / "bad.db"
    result = cli("ingest", inputs, "--db", db, "--json")
    assert result.exit_code == 1
    assert counts(result) == {"added": 2, "duplicates": 0, "near_duplicates": 0, "rejected": 2}
    lines = result.stderr.strip().splitlines()
    rejected = [line for line in lines if line.startswith("rejected (")]
    assert len(rejected) == 2
    assert any(line.startswith("rejected (empty): ") and f"{inputs / 'empty.txt'}" in line for line in rejected)
    assert any(line.startswith("rejected (malformed): ") and f"{inputs / 'broken.jsonl'}:2" in line for line in rejected)
    with SQLiteStore(db) as store:
        assert sorted(r.outlet or "" for r in store.iter_reports()) == ["", "Valley News"]
        assert {r.input for r in store.iter_rejections()} == {str(inputs / "empty.txt"), f"{inputs / 'broken.jsonl'}:2"}


def test_missing_input_path_is_rejected_not_fatal(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    result = cli("ingest", tmp_path / "nope.txt", tmp_path / "story.txt", "--db", tmp_path / "m.db", "--json")
    assert result.exit_code == 1
    assert counts(result) == {"added": 1, "duplicates": 0, "near_duplicates": 0, "rejected": 1}
    assert f"{tmp_path / 'nope.txt'}" in result.stderr


def test_usage_errors_exit_2(cli: Cli, tmp_path: Path) -> None:
    assert cli("ingest").exit_code == 2
    assert cli("ingest", DEMO_CORPUS, "--batch-size", "0").exit_code == 2
    not_a_db = cli("ingest", DEMO_CORPUS, "--db", tmp_path)
    assert not_a_db.exit_code == 2
    assert "is a directory" in not_a_db.stderr
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 50)
    assert cli("reports", "--db", garbage).exit_code == 2
    missing = cli("reports", "--db", tmp_path / "missing.db")
    assert missing.exit_code == 2
    assert "rashomon ingest" in missing.stderr
    assert not (tmp_path / "missing.db").exists()


def test_db_defaults_to_rashomon_db_and_env(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert cli("ingest", "story.txt").exit_code == 0
    assert (tmp_path / "rashomon.db").exists()
    assert cli("ingest", "story.txt", env={"RASHOMON_DB": str(tmp_path / "env.db")}).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_reports_json_lists_stored_reports(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert cli("ingest", DEMO_CORPUS / "wire_reports.jsonl", "--db", db).exit_code == 0
    result = cli("reports", "--db", db, "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["outlet"], r["published"], r["title"]) for r in rows] == [
        ("Meridian Wire", "2017-08-08T06:40:00+00:00", "Iraqi militia says U.S. strike killed 36 fighters; coalition denies"),
        (
            "Coastal Ledger",
            "2017-08-08T11:15:00+00:00",
            "Militia blames U.S. for deadly border strike, coalition says it was not there",
        ),
        (
            "Meridian Wire",
            "2017-08-08T16:05:00+00:00",
            "Iraq's Abadi says Islamic State, not U.S., hit militia near Syrian border",
        ),
    ]
    assert [r["near_duplicate_of"] for r in rows] == [None, rows[0]["id"], None]
    assert all(r["analysed"] and isinstance(r["statements"], int) and isinstance(r["events"], int) for r in rows)
    table = cli("reports", "--db", db)
    assert table.exit_code == 0
    assert "3 reports in" in table.stdout
    assert "Coastal Ledger" in table.stdout


def test_export_jsonl_streams_one_analysis_per_line(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    assert cli("ingest", DEMO_CORPUS / "wire_reports.jsonl", "--db", db).exit_code == 0
    result = cli("export", "--format", "jsonl", "--db", db)
    assert result.exit_code == 0
    exported = [Analysis.model_validate_json(line) for line in result.stdout.splitlines()]
    with SQLiteStore(db) as store:
        assert exported == list(store.iter_analyses())
    assert len(exported) == 3
    out = tmp_path / "out.jsonl"
    to_file = cli("export", "--db", db, "--output", out)
    assert to_file.exit_code == 0
    assert to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == result.stdout
    assert "exported 3 records as jsonl" in to_file.stderr
    unknown = cli("export", "--format", "xml", "--db", db)
    assert unknown.exit_code == 2
    assert "jsonl" in unknown.stderr


def test_database_opens_in_plain_sqlite(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    assert cli("ingest", DEMO_CORPUS, "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    outlets = {row[0] for row in conn.execute("SELECT outlet FROM reports")}
    assert {"Meridian Wire", "Coastal Ledger", "Gulf Observer", "Conflict Monitor Daily", "North Africa Dispatch"} <= outlets


def test_ingest_a_url_from_a_local_server(cli: Cli, tmp_path: Path) -> None:
    body = STORY.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            return None

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/reports/bridge"
        result = cli("ingest", url, "--db", tmp_path / "url.db", "--json")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 0, result.stderr
    assert counts(result) == {"added": 1, "duplicates": 0, "near_duplicates": 0, "rejected": 0}
    with SQLiteStore(tmp_path / "url.db") as store:
        (report,) = store.iter_reports()
        assert (report.url, report.text) == (url, STORY)
