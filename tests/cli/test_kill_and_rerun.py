"""A SIGKILLed `rashomon ingest` loses nothing committed; rerunning it stores every report exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rashomon.ingest.fingerprint import make_report

N_REPORTS = 100
BATCH = 10
KILL_AFTER = 10  # reports committed before the kill: far from N_REPORTS, so the kill lands mid-run
ANALYSIS_TABLES = ("actor_mentions", "statements", "events", "places", "times")

# Word lists read best as prose, hence str.split (SIM905).
_FUNCTION = "the of and to in a is that for it was on with as he by at from his they said were who their".split()  # noqa: SIM905
_CONTENT = (  # noqa: SIM905
    "officials village convoy border market police spokesman army militia ministry district fighters "
    "civilians shelling checkpoint governor bridge province hospital airport agency commander statement "
    "council rebels drone vehicles weapons residents witnesses journalists capital night morning funeral "
    "protest road river"
).split()


def generate(folder: Path) -> list[str]:
    """N_REPORTS distinct English-looking texts as .txt files; returns their content-derived ids."""
    rng = random.Random(20170807)
    ids = []
    folder.mkdir()
    for i in range(N_REPORTS):
        words = [rng.choice(_FUNCTION if rng.random() < 0.45 else _CONTENT) for _ in range(60)]
        text = f"Report {i}. " + " ".join(words) + "."
        (folder / f"report_{i:03d}.txt").write_text(text, encoding="utf-8")
        ids.append(make_report(text).id)
    return ids


def ingest_cmd(inputs: Path, db: Path) -> list[str]:
    # --components "": spaCy parse only, so the run is long enough to kill but the test stays fast;
    # the in-process CLI tests run the full pipeline.
    return [sys.executable, "-m", "rashomon.cli", "ingest", str(inputs), "--db", str(db), "--batch-size", str(BATCH),
            "--components", "", "--json"]  # fmt: skip


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def check_consistent(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT COUNT(*) FROM analyses WHERE report_id NOT IN (SELECT id FROM reports)").fetchone() == (0,)
    for table in ANALYSIS_TABLES:
        orphans = f"SELECT COUNT(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM analyses)"  # noqa: S608
        assert conn.execute(orphans).fetchone() == (0,), table
    assert conn.execute("SELECT COUNT(*) FROM signatures WHERE report_id NOT IN (SELECT id FROM reports)").fetchone() == (0,)
    return conn


def test_sigkill_mid_ingest_then_rerun_stores_each_report_once(tmp_path: Path) -> None:
    inputs, db = tmp_path / "inputs", tmp_path / "kill.db"
    expected = generate(inputs)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(ingest_cmd(inputs, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while proc.poll() is None and stored(db) < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before it could be killed: {err.decode()[-2000:]}"

    before = stored(db)
    assert KILL_AFTER <= before < N_REPORTS
    check_consistent(db).close()

    rerun = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True, env=env, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert json.loads(rerun.stdout) == {"added": N_REPORTS - before, "duplicates": before, "near_duplicates": 0, "rejected": 0}

    conn = check_consistent(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM reports")]
    assert sorted(ids) == sorted(expected)
    assert conn.execute("SELECT COUNT(*) FROM analyses").fetchone() == (N_REPORTS,)
    conn.close()
