"""Crash safety: SIGKILL `rashomon ingest` at random moments, rerun it each time, and end with every
report stored exactly once, no orphan rows and an intact database, on SQLite and PostgreSQL.

`make test` kills 3 times over 120 reports; `make soak` (the slow marker) kills 20 times over 300.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.ingest.fingerprint import make_report
from support.postgres import PostgresServer, find_bin_dir, running_server

PROSE = (
    "officials village convoy border market police spokesman army militia ministry district fighters civilians "
    "shelling checkpoint governor bridge province hospital airport agency commander statement council rebels "
    "the of and to in a is that for it was on with as he by at from his they said were who their"
)
WORDS = PROSE.split()
CHILD_TABLES = ("actor_mentions", "statements", "events", "places", "times")
BATCH = 8
# Kills land after a random delay in this window (seconds): short ones hit start-up and the first
# commits, long ones hit analysis and later batches.
KILL_WINDOW_S = (0.3, 8.0)


def write_reports(folder: Path, n: int, seed: int) -> set[str]:
    rng = random.Random(seed)
    folder.mkdir()
    ids = set()
    for i in range(n):
        text = f"Report {i}. " + " ".join(rng.choice(WORDS) for _ in range(80)) + "."
        (folder / f"r{i:04d}.txt").write_text(text, encoding="utf-8")
        ids.add(make_report(text).id)
    return ids


def ingest_argv(inputs: Path, db: str) -> list[str]:
    # --components "": spaCy parse only; the SQL and commit pattern is the full pipeline's.
    return [sys.executable, "-m", "rashomon.cli", "ingest", str(inputs), "--db", db,
            "--batch-size", str(BATCH), "--components", "", "--json"]  # fmt: skip


def orphan_queries() -> Iterator[str]:
    yield "SELECT COUNT(*) FROM analyses WHERE report_id NOT IN (SELECT id FROM reports)"
    yield "SELECT COUNT(*) FROM signatures WHERE report_id NOT IN (SELECT id FROM reports)"
    for table in CHILD_TABLES:
        yield f"SELECT COUNT(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM analyses)"  # noqa: S608


def sqlite_query(db: str) -> Callable[[str], Any]:
    def run(sql: str) -> Any:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute(sql).fetchall()

    return run


def postgres_query(url: str) -> Callable[[str], Any]:
    import psycopg

    def run(sql: str) -> Any:
        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()

    return run


def query_tables_exist(query: Callable[[str], Any], is_sqlite: bool) -> bool:
    catalog = (
        "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'"
        if is_sqlite
        else "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    )
    return bool(query(catalog)[0][0]) and bool(query("SELECT COUNT(*) FROM schema_version")[0][0])


def check_consistent(query: Callable[[str], Any], is_sqlite: bool) -> None:
    if is_sqlite:
        assert query("PRAGMA integrity_check") == [("ok",)]
        assert query("PRAGMA foreign_key_check") == []
    for sql in orphan_queries():
        assert query(sql) == [(0,)], sql
    duplicated = query("SELECT content_hash, COUNT(*) FROM reports GROUP BY content_hash HAVING COUNT(*) > 1")
    assert duplicated == []


def kill_and_rerun(inputs: Path, db: str, query: Callable[[str], Any], is_sqlite: bool, kills: int, seed: int) -> int:
    """Kill `kills` runs at random moments; return how many of them were really killed mid-run."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed = 0
    for _ in range(kills):
        with subprocess.Popen(ingest_argv(inputs, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) as proc:
            time.sleep(rng.uniform(*KILL_WINDOW_S))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait(timeout=60)
        if is_sqlite and not Path(db).exists():
            continue
        if not query_tables_exist(query, is_sqlite):
            continue  # killed before the first migration committed: nothing stored yet
        check_consistent(query, is_sqlite)
    return killed


def finish_and_check(inputs: Path, db: str, query: Callable[[str], Any], is_sqlite: bool, expected: set[str]) -> None:
    final = subprocess.run(ingest_argv(inputs, db), capture_output=True, text=True, timeout=600, check=False)
    assert final.returncode == 0, final.stderr[-2000:]
    counts = json.loads(final.stdout)
    assert counts["rejected"] == 0 and counts["added"] + counts["duplicates"] == len(expected)
    check_consistent(query, is_sqlite)
    assert {row[0] for row in query("SELECT id FROM reports")} == expected
    assert query("SELECT COUNT(*) FROM analyses") == [(len(expected),)]


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    if find_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql); .ci/run installs them")
    with running_server() as server:
        yield server


def _run(backend: str, tmp_path: Path, n: int, kills: int, request: pytest.FixtureRequest) -> None:
    inputs = tmp_path / "inputs"
    expected = write_reports(inputs, n, seed=n)
    if backend == "sqlite":
        db, query = str(tmp_path / "crash.db"), sqlite_query(str(tmp_path / "crash.db"))
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        db = server.create_database(f"crash_{kills}_{n}")
        query = postgres_query(db)
    killed = kill_and_rerun(inputs, db, query, backend == "sqlite", kills, seed=kills)
    assert killed >= 1, "no run was still going when its kill came; widen KILL_WINDOW_S"
    finish_and_check(inputs, db, query, backend == "sqlite", expected)


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_three_random_kills_lose_nothing(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    _run(backend, tmp_path, n=120, kills=3, request=request)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_twenty_random_kills_lose_nothing(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    _run(backend, tmp_path, n=300, kills=20, request=request)
