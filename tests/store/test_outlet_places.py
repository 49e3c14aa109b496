"""``outlet_place_counts``: the stored places of one outlet's reports, counted once per report, on every
backend; a database from before the outlet index (schema 1) migrates and answers the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sample_records import report, span

from rashomon.model import Analysis, Place, PlacePrecision, Report
from rashomon.store import Store
from rashomon.store.migrations import LATEST_VERSION

TEXT = "Police in Berea and Richmond said Berea's roads and Lexington's were closed; Madison County agreed."


def _place(r: Report, needle: str, gid: str | None, name: str, nth: int = 0) -> Place:
    at = -1
    for _ in range(nth + 1):
        at = r.text.index(needle, at + 1)
    s = span(r, needle).model_copy(update={"start": at, "end": at + len(needle)})
    return Place(
        id=f"{r.id}:pl:{at}",
        span=s,
        name=name,
        lat=37.5,
        lon=-84.3,
        precision=PlacePrecision.TOWN,
        country_code="US",
        admin1="Kentucky",
        gazetteer_id=gid,
    )


def _analysis(text: str, outlet: str | None, places: list[tuple[str, str | None, str, int]]) -> Analysis:
    r = report(text, outlet=outlet)
    return Analysis(report=r, places=tuple(_place(r, *p) for p in places), pipeline_version="1+test")


BEREA = ("Berea", "geonames:4283974", "Berea", 0)
BEREA_AGAIN = ("Berea", "geonames:4283974", "Berea", 1)
RICHMOND = ("Richmond", "geonames:4305504", "Richmond", 0)
MADISON = ("Madison County", "geonames:4299665", "Madison County", 0)
UNRESOLVED = ("Lexington", None, "Lexington", 0)


def _fill(store: Store) -> list[Analysis]:
    analyses = [
        _analysis(TEXT, "Register", [BEREA, BEREA_AGAIN, RICHMOND, UNRESOLVED]),
        _analysis(TEXT + " Again.", "Register", [BEREA, MADISON]),
        _analysis(TEXT + " Elsewhere.", "Other Paper", [RICHMOND]),
    ]
    with store.transaction():
        for analysis in analyses:
            store.save_analysis(analysis)
        store.add_report(report(TEXT + " Not analysed.", outlet="Register"))
    return analyses


def test_counts_each_place_once_per_report_in_gazetteer_id_order(store: Store) -> None:
    first, second, _ = _fill(store)
    assert store.outlet_place_counts("Register") == [
        ("geonames:4283974", "Berea", 2),  # named twice in the first report: counts once there
        ("geonames:4299665", "Madison County", 1),
        ("geonames:4305504", "Richmond", 1),
    ]
    assert store.outlet_place_counts("Other Paper") == [("geonames:4305504", "Richmond", 1)]
    assert store.outlet_place_counts("register") == []  # outlet names compare exactly
    assert store.outlet_place_counts("Register", exclude=[first.report.id]) == [
        ("geonames:4283974", "Berea", 1),
        ("geonames:4299665", "Madison County", 1),
    ]
    assert store.outlet_place_counts("Register", exclude=[first.report.id, second.report.id]) == []


def test_reanalysis_replaces_a_reports_places_in_the_counts(store: Store) -> None:
    first, _, _ = _fill(store)
    store.save_analysis(first.model_copy(update={"places": ()}))
    assert store.outlet_place_counts("Register") == [
        ("geonames:4283974", "Berea", 1),
        ("geonames:4299665", "Madison County", 1),
    ]


def test_a_schema_1_database_migrates_and_keeps_its_places(
    open_test_store: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon.store.postgres import PostgresStore
    from rashomon.store.sqlite import SQLiteStore

    with monkeypatch.context() as patch:
        patch.setattr(SQLiteStore, "migrations", SQLiteStore.migrations[:1])
        patch.setattr(PostgresStore, "migrations", PostgresStore.migrations[:1])
        old = open_test_store()
        assert old.schema_version() == 1  # type: ignore[attr-defined]
        _fill(old)
        old.close()
    store = open_test_store()
    assert store.schema_version() == LATEST_VERSION  # type: ignore[attr-defined]
    assert [n for _, _, n in store.outlet_place_counts("Register")] == [2, 1, 1]
    assert store.count_reports() == 4
