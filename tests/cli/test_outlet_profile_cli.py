"""`rashomon ingest` and `rashomon analyze` read a local paper's one-place report within the outlet's area
learnt from its stored reports; `--no-outlet-profile` reads it on its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.store.sqlite import SQLiteStore
from support.cli_runner import Cli, make_cli
from support.outlet_corpus import HOME, OUTLET, SINGLE


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(pipeline, monkeypatch, tmp_path)


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t, "outlet": OUTLET, "published": "2019-05-03"}) + "\n" for t in texts))
    return path


def _richmond(db: Path) -> str | None:
    with SQLiteStore(db) as store:
        admin1 = [p.admin1 for a in store.iter_analyses() for p in a.places if p.span.text == "Richmond"]
    assert len(admin1) == 1
    return admin1[0]


@pytest.mark.parametrize(("flags", "state"), [((), "Kentucky"), (("--no-outlet-profile",), "Virginia")])
def test_ingest_reads_a_report_within_its_outlets_stored_area(
    cli: Cli, tmp_path: Path, flags: tuple[str, ...], state: str
) -> None:
    db = tmp_path / "paper.db"
    home = cli("ingest", _jsonl(tmp_path / "home.jsonl", HOME), "--db", db, "--json")
    assert home.exit_code == 0, home.stderr
    single = cli("ingest", _jsonl(tmp_path / "single.jsonl", [SINGLE]), "--db", db, "--json", *flags)
    assert single.exit_code == 0, single.stderr
    assert json.loads(single.stdout) == {"added": 1, "duplicates": 0, "near_duplicates": 0, "rejected": 0}
    assert _richmond(db) == state


def test_analyze_reads_the_outlet_profile_from_a_db_it_does_not_write(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "paper.db"
    assert cli("ingest", _jsonl(tmp_path / "home.jsonl", HOME), "--db", db).exit_code == 0
    report = tmp_path / "single.txt"
    report.write_text(SINGLE + "\n")

    def richmond(*flags: str) -> str:
        result = cli("analyze", report, "--outlet", OUTLET, "--format", "json", *flags)
        assert result.exit_code == 0, result.stderr
        [admin1] = [p["admin1"] for p in json.loads(result.stdout)["places"] if p["span"]["text"] == "Richmond"]
        return admin1

    assert richmond("--db", str(db)) == "Kentucky"
    assert richmond("--db", str(db), "--no-outlet-profile") == "Virginia"
    assert richmond() == "Virginia"  # no store: read on its own
    with SQLiteStore(db) as store:
        assert store.count_reports() == len(HOME)
    missing = cli("analyze", report, "--outlet", OUTLET, "--db", tmp_path / "nope.db")
    assert missing.exit_code == 2 and "no database at" in missing.stderr
    assert not (tmp_path / "nope.db").exists()


def test_help_documents_the_flag(cli: Cli) -> None:
    for command in ("ingest", "analyze"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        words = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())  # the help box, unwrapped
        assert "--no-outlet-pro" in words and "places within its outlet's area" in words  # 80 columns cut the name
        assert "Default: on." in words
