"""The outlet's geographic profile in the product: ingest and analyze read a one-place report of a local
paper within the area its other stored reports are about, over a real SQLite file."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.extract.gazetteer import load_gazetteer
from rashomon.extract.geocode import OUTLET_MIN_READINGS, OutletTally, Resolution, outlet_prior
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Place, Rejection, Report
from rashomon.service.analyze import analyze_file
from rashomon.service.ingest import ingest
from rashomon.service.outlet_profile import outlet_contexts
from rashomon.store.sqlite import SQLiteStore
from support.outlet_corpus import HOME, OUTLET, SINGLE

WHEN = datetime(2019, 5, 3, tzinfo=UTC)


def _report(text: str, outlet: str | None = OUTLET) -> Report:
    return make_report(text, published=WHEN, outlet=outlet, source=f"mem:{zlib.crc32(text.encode()):08x}")


def _reader(reports: Sequence[Report]) -> object:
    def read(paths: Sequence[str | Path]) -> Iterable[Report | Rejection]:
        return list(reports)

    return read


def _ingest(store: SQLiteStore, pipeline: Pipeline, reports: Sequence[Report], **kw: object) -> None:
    summary = ingest(["mem"], store, pipeline, reader=_reader(reports), **kw)  # type: ignore[arg-type]
    assert summary.analysed == len(reports) and summary.rejected == 0


def _richmond(places: Iterable[Place]) -> tuple[str | None, str | None]:
    [place] = [p for p in places if p.span.text == "Richmond"]
    return place.country_code, place.admin1


@pytest.fixture
def home_store(tmp_path: Path, pipeline: Pipeline) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "outlet.db")
    _ingest(store, pipeline, [_report(text) for text in HOME])
    return store


def test_stored_home_reports_give_the_outlet_a_kentucky_profile(home_store: SQLiteStore) -> None:
    rows = home_store.outlet_place_counts(OUTLET)
    names = {name for _, name, _ in rows}
    assert {"Berea", "Kentucky"} <= names
    assert dict(((name, n) for _, name, n in rows))["Berea"] == 3  # three reports name it, each counts once
    [context] = outlet_contexts(home_store, [_report(SINGLE)])
    assert context is not None and context.outlet_profile is not None
    assert context.outlet_profile.by_adm1.get("US.KY", 0.0) > 0.5
    assert context.outlet_profile.by_cc == {"US": 1.0}
    home_store.close()


def test_ingest_reads_a_one_place_report_within_its_outlets_area(home_store: SQLiteStore, pipeline: Pipeline) -> None:
    alone = pipeline.analyze(_report(SINGLE))
    assert _richmond(alone.places) == ("US", "Virginia")  # read on its own: the larger Richmond
    single = _report(SINGLE)
    _ingest(home_store, pipeline, [single])
    stored = home_store.get_analysis(single.id)
    assert stored is not None and _richmond(stored.places) == ("US", "Kentucky")
    home_store.close()


def test_ingest_without_the_profile_reads_as_before(home_store: SQLiteStore, pipeline: Pipeline) -> None:
    single = _report(SINGLE)
    _ingest(home_store, pipeline, [single], outlet_profile=False)
    stored = home_store.get_analysis(single.id)
    assert stored is not None and _richmond(stored.places) == ("US", "Virginia")
    assert stored == pipeline.analyze(single).model_copy(update={"report": stored.report})
    home_store.close()


def test_analyze_reads_the_profile_from_a_store_and_never_writes_it(
    home_store: SQLiteStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    path = tmp_path / "single.txt"
    path.write_text(SINGLE + "\n")
    before = home_store.count_reports()
    profiled = analyze_file(path, pipeline, outlet=OUTLET, store=home_store)
    plain = analyze_file(path, pipeline, outlet=OUTLET, store=home_store, outlet_profile=False)
    other_outlet = analyze_file(path, pipeline, outlet="Richmond Times-Dispatch", store=home_store)
    no_store = analyze_file(path, pipeline, outlet=OUTLET)
    assert not isinstance(profiled, Rejection) and _richmond(profiled.places) == ("US", "Kentucky")
    for result in (plain, other_outlet, no_store):
        assert not isinstance(result, Rejection) and _richmond(result.places) == ("US", "Virginia")
    assert home_store.count_reports() == before
    home_store.close()


def test_a_report_never_sees_its_own_places(home_store: SQLiteStore) -> None:
    """Re-analysing a stored report leaves it out; an outlet whose only history is the batch itself has none."""
    stored = list(home_store.iter_reports())
    counts = {name: n for _, name, n in home_store.outlet_place_counts(OUTLET, exclude=[stored[0].id])}
    assert counts["Berea"] == 2
    assert outlet_contexts(home_store, stored) == [None, None, None]  # the whole history is in the batch
    # the first report re-analysed: its profile is what the eval builds from the other two reports' readings
    [own] = outlet_contexts(home_store, stored[:1])
    gazetteer = load_gazetteer()
    tally = OutletTally()
    for report in stored[1:]:
        analysis = home_store.get_analysis(report.id)
        assert analysis is not None
        entries = [gazetteer.find(p.gazetteer_id, p.name) for p in analysis.places if p.gazetteer_id]
        tally.add(OutletTally.of([Resolution(0, 0, e) for e in entries]))
    assert own is not None and own.outlet_profile == outlet_prior(tally)
    [everyone] = outlet_contexts(home_store, [_report(SINGLE)])
    assert everyone is not None and everyone.outlet_profile != own.outlet_profile
    home_store.close()


def test_no_history_gives_no_profile(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "empty.db") as store:
        assert outlet_contexts(store, [_report(SINGLE), _report(SINGLE, outlet=None)]) == [None, None]
        assert store.outlet_place_counts(OUTLET) == []


def test_too_few_readings_give_no_profile(tmp_path: Path, pipeline: Pipeline) -> None:
    with SQLiteStore(tmp_path / "thin.db") as store:
        _ingest(store, pipeline, [_report("Officials in Berea said the road reopened.")])
        rows = store.outlet_place_counts(OUTLET)
        assert sum(n for _, _, n in rows) < OUTLET_MIN_READINGS
        assert outlet_contexts(store, [_report(SINGLE)], gazetteer=load_gazetteer()) == [None]


def test_profiles_do_not_depend_on_the_order_of_the_batch(home_store: SQLiteStore) -> None:
    one, two = _report(SINGLE), _report("Richmond firefighters put out a barn fire.")
    forward = outlet_contexts(home_store, [one, two])
    backward = outlet_contexts(home_store, [two, one])
    assert forward == backward[::-1] and forward[0] is not None
    home_store.close()


def test_a_regional_outlets_lone_town_is_read_in_its_region(tmp_path: Path, pipeline: Pipeline) -> None:
    """Kurdistan24's stored reports are about Iraqi Kurdistan; its one-place "Akre" is then Aqrah, not Acre."""
    url = "https://www.kurdistan24.net/en/story/1"
    home = [
        "Officials in Erbil and Duhok said the border crossing reopened.",
        "The Sulaimani governor met Kirkuk officials on Sunday.",
        "Heavy rain flooded roads in Zakho and Duhok.",
    ]
    single = make_report("Security forces arrested two suspects in Akre on Monday.", outlet="Kurdistan24", url=url)
    alone = pipeline.analyze(single)
    assert [(p.name, p.country_code) for p in alone.places] == [("Acre", "IL")]
    with SQLiteStore(tmp_path / "k24.db") as store:
        _ingest(store, pipeline, [make_report(t, outlet="Kurdistan24", url=url) for t in home])
        _ingest(store, pipeline, [single])
        stored = store.get_analysis(single.id)
        assert stored is not None and [(p.country_code, p.admin1) for p in stored.places] == [("IQ", "Nineveh")]
