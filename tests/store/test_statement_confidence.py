"""statements.confidence (migration 3): a readable column, an exact round trip, and a v2 database that gains it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sample_records import TEXT, full_analysis, report

from rashomon.store import Store
from rashomon.store import sql as sql_module
from rashomon.store.migrations import LATEST_VERSION


def _confidences(store: Store) -> list[float | None]:
    rows = store._execute("SELECT confidence FROM statements ORDER BY report_id, seq")  # type: ignore[attr-defined]
    return [value for (value,) in rows]


def test_the_confidence_is_a_column_and_round_trips(store: Store) -> None:
    analysis = full_analysis()
    assert analysis.statements[0].confidence == 0.8731
    store.save_analysis(analysis)
    assert _confidences(store) == [0.8731]
    assert store.get_analysis(analysis.report.id) == analysis


def test_a_schema_2_database_gains_the_column_and_keeps_its_statements(
    open_test_store: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.store.postgres import PostgresStore
    from rashomon.store.sqlite import SQLiteStore

    unscored = full_analysis(report(TEXT + " An older report, analysed before statements had a confidence."))
    unscored = unscored.model_copy(
        update={"statements": tuple(s.model_copy(update={"confidence": None}) for s in unscored.statements)}
    )
    row = sql_module._statement_row
    with monkeypatch.context() as patch:  # the store as it was at schema 2: no confidence column to write
        patch.setattr(SQLiteStore, "migrations", SQLiteStore.migrations[:2])
        patch.setattr(PostgresStore, "migrations", PostgresStore.migrations[:2])
        patch.setattr(sql_module, "_STATEMENT_COLUMNS", sql_module._STATEMENT_COLUMNS[:-1])
        patch.setattr(sql_module, "_statement_row", lambda s: row(s)[:-1])
        old = open_test_store()
        assert old.schema_version() == 2  # type: ignore[attr-defined]
        old.save_analysis(unscored)
        old.close()
    store = open_test_store()
    assert store.schema_version() == LATEST_VERSION == 3  # type: ignore[attr-defined]
    assert store.get_analysis(unscored.report.id) == unscored
    scored = full_analysis()
    store.save_analysis(scored)
    by_report = dict(zip(sorted([unscored.report.id, scored.report.id]), _confidences(store), strict=True))
    assert by_report == {unscored.report.id: None, scored.report.id: 0.8731}
