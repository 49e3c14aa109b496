"""Store behaviour every backend must show: round-trips, idempotence, atomic replaces, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_records import full_analysis, full_incident, report

from rashomon.errors import NotFound, StoreError
from rashomon.model import Analysis, Rejection, RejectionReason
from rashomon.store import AddOutcome, Store, StoredSignature
from rashomon.store.migrations import LATEST_VERSION


def test_report_round_trip_and_idempotent_add(store: Store) -> None:
    r = report()
    assert store.add_report(r, signature=[3, 1, 2]) is AddOutcome.ADDED
    assert store.add_report(r, signature=[9, 9, 9]) is AddOutcome.DUPLICATE
    assert store.count_reports() == 1
    assert store.get_report(r.id) == r
    assert list(store.iter_reports()) == [r]
    assert list(store.iter_signatures()) == [StoredSignature(report_id=r.id, hashvalues=(3, 1, 2))]
    assert store.has_report(r.id)
    assert not store.has_report("r-missing")


def test_existing_report_ids_finds_only_stored(store: Store) -> None:
    stored = [report(f"Report number {i}.") for i in range(3)]
    for r in stored:
        store.add_report(r)
    asked = [stored[0].id, "rnothere", stored[2].id, stored[0].id]
    assert store.existing_report_ids(asked) == {stored[0].id, stored[2].id}
    assert store.existing_report_ids([]) == set()


def test_near_duplicate_mark_round_trips(store: Store) -> None:
    original = report("The wire story.")
    copy = report("The wire story, syndicated.").model_copy(update={"near_duplicate_of": original.id})
    store.add_report(original)
    store.add_report(copy)
    assert store.get_report(copy.id).near_duplicate_of == original.id
    summaries = {s.id: s for s in store.iter_report_summaries()}
    assert summaries[copy.id].near_duplicate_of == original.id
    assert summaries[original.id].near_duplicate_of is None


def test_get_missing_report_names_the_fix(store: Store) -> None:
    with pytest.raises(NotFound, match="rashomon reports"):
        store.get_report("rmissing")


def test_analysis_round_trip_is_exact(store: Store) -> None:
    analysis = full_analysis()
    store.save_analysis(analysis)
    assert store.get_analysis(analysis.report.id) == analysis
    assert list(store.iter_analyses()) == [analysis]
    assert store.unanalysed_report_ids() == []


def test_save_analysis_replaces_rows(store: Store) -> None:
    analysis = full_analysis()
    store.save_analysis(analysis)
    smaller = analysis.model_copy(update={"events": (), "statements": (), "pipeline_version": "2"})
    store.save_analysis(smaller)
    assert store.get_analysis(analysis.report.id) == smaller
    summary = next(store.iter_report_summaries())
    assert (summary.analysed, summary.n_statements, summary.n_events) == (True, 0, 0)


def test_unanalysed_reports_in_ingest_order_and_by_version(store: Store) -> None:
    reports = [report(f"Report {i} text.") for i in range(4)]
    for r in reports:
        store.add_report(r)
    store.save_analysis(Analysis(report=reports[1], pipeline_version="1"))
    store.save_analysis(Analysis(report=reports[3], pipeline_version="2"))
    assert store.unanalysed_report_ids() == [reports[0].id, reports[2].id]
    assert store.unanalysed_report_ids("2") == [reports[0].id, reports[1].id, reports[2].id]


def test_analysis_missing_is_none(store: Store) -> None:
    r = report()
    store.add_report(r)
    assert store.get_analysis(r.id) is None


def test_transaction_rolls_back_everything_on_error(store: Store) -> None:
    analysis = full_analysis()
    with pytest.raises(RuntimeError, match="crash"), store.transaction():
        store.add_report(report("Kept only if committed."))
        store.save_analysis(analysis)
        raise RuntimeError("crash")
    assert store.count_reports() == 0
    assert list(store.iter_analyses()) == []


def test_nested_transactions_commit_once(open_test_store: Callable[[], Store]) -> None:
    store = open_test_store()
    with store.transaction():
        with store.transaction():
            store.add_report(report("Inner."))
        store.add_report(report("Outer."))
    assert open_test_store().count_reports() == 2


def test_rejections_recorded_once(store: Store) -> None:
    rejection = Rejection(input="bad.txt", reason=RejectionReason.EMPTY, message="bad.txt is empty", stage="ingest")
    store.record_rejection(rejection)
    store.record_rejection(rejection)
    assert list(store.iter_rejections()) == [rejection]


def test_incident_round_trip_replace_and_delete(store: Store) -> None:
    analysis = full_analysis()
    store.save_analysis(analysis)
    incident = full_incident(analysis)
    store.save_incidents([incident])
    assert store.get_incident(incident.id) == incident
    regraded = incident.model_copy(update={"accounts": incident.accounts[:1], "grade_reasons": ("one source",)})
    other = full_incident(analysis, incident_id="inc-2")
    store.save_incidents([regraded, other])
    assert list(store.iter_incidents()) == [regraded, other]
    store.delete_incidents([incident.id])
    assert [i.id for i in store.iter_incidents()] == ["inc-2"]
    with pytest.raises(NotFound):
        store.get_incident(incident.id)


def test_reopen_keeps_data(open_test_store: Callable[[], Store]) -> None:
    analysis = full_analysis()
    first = open_test_store()
    first.save_analysis(analysis)
    first.close()
    assert open_test_store().get_analysis(analysis.report.id) == analysis


# ------------------------------------------------------------------------ SQLite specifics


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "plain.db"


def test_sqlite_migrates_from_empty_and_reopens(sqlite_path: Path) -> None:
    from rashomon.store.sqlite import SQLiteStore

    with SQLiteStore(sqlite_path) as store:
        assert store.schema_version() == LATEST_VERSION
    with SQLiteStore(sqlite_path) as store:
        assert store.schema_version() == LATEST_VERSION
    conn = sqlite3.connect(sqlite_path)
    versions = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert versions == [(v,) for v in range(1, LATEST_VERSION + 1)]
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "reports",
        "actor_mentions",
        "statements",
        "events",
        "places",
        "times",
        "rejections",
        "incidents",
        "incident_reports",
        "accounts",
        "contradictions",
        "signatures",
        "analyses",
    } <= tables


def test_sqlite_tables_are_readable_without_rashomon(sqlite_path: Path) -> None:
    from rashomon.store.sqlite import SQLiteStore

    analysis = full_analysis()
    with SQLiteStore(sqlite_path) as store:
        store.save_analysis(analysis)
        store.save_incidents([full_incident(analysis)])
    conn = sqlite3.connect(sqlite_path)
    rid = analysis.report.id
    assert conn.execute("SELECT outlet, published, title FROM reports").fetchall() == [
        ("Example Wire", "2017-08-09T10:30:00+00:00", "Militia blames US")
    ]
    assert conn.execute(
        "SELECT speaker_name, cue, channel, channel_outlet, stance, direct, content FROM statements WHERE report_id = ?", (rid,)
    ).fetchall() == [
        (
            "Abu Ala al-Welayi",
            "told",
            "interview",
            "Tasnim News Agency",
            "accuse",
            0,
            "47 fighters were killed … near al-Akashat on Monday",
        )
    ]
    assert conn.execute(
        "SELECT trigger_text, plover_type, actor, place, lat, lon, killed_min, killed_max FROM events"
    ).fetchall() == [("killed", "ASSAULT", "US-led coalition", "Akashat", 33.8, 40.6, 47, 47)]
    start = analysis.report.text.index("al-Akashat")
    assert conn.execute("SELECT span_start, span_end, text, country_code FROM places").fetchall() == [
        (start, start + len("al-Akashat"), "al-Akashat", "IQ")
    ]
    assert conn.execute("SELECT time_start, precision FROM times").fetchall() == [("2017-08-07T00:00:00+00:00", "day")]
    assert conn.execute("SELECT grade, killed_min, killed_max, n_reports FROM incidents").fetchall() == [("contested", 36, 47, 1)]
    assert conn.execute("SELECT source, stance, alleged_perpetrator FROM accounts ORDER BY seq").fetchall() == [
        ("Kata'ib Sayyid al-Shuhada", "accuses", "United States"),
        ("US-led coalition", "denies", None),
    ]
    assert conn.execute("SELECT kind FROM contradictions").fetchall() == [("accusation_vs_denial",)]
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_refuses_a_newer_schema(sqlite_path: Path) -> None:
    from rashomon.store.sqlite import SQLiteStore

    SQLiteStore(sqlite_path).close()
    conn = sqlite3.connect(sqlite_path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future', 'now')", (LATEST_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="upgrade rashomon"):
        SQLiteStore(sqlite_path)


def test_sqlite_rejects_a_file_that_is_not_a_database(sqlite_path: Path) -> None:
    from rashomon.store.sqlite import SQLiteStore

    sqlite_path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="choose another --db"):
        SQLiteStore(sqlite_path)


def test_sqlite_rejects_a_directory(tmp_path: Path) -> None:
    from rashomon.store.sqlite import SQLiteStore

    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)


def test_sqlite_failed_migration_step_leaves_the_schema_as_it_was(sqlite_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.store.migrations import MIGRATIONS, Migration
    from rashomon.store.sqlite import SQLiteStore

    SQLiteStore(sqlite_path).close()
    broken = Migration(
        LATEST_VERSION + 1,
        "adds a table, then fails",
        ("CREATE TABLE half_done (x INTEGER)", "ALTER TABLE no_such_table ADD COLUMN y INTEGER"),
    )
    monkeypatch.setattr(SQLiteStore, "migrations", (*MIGRATIONS, broken))
    with pytest.raises(StoreError):
        SQLiteStore(sqlite_path)
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (LATEST_VERSION,)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    conn.close()
