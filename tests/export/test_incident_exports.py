"""Incident exports (acled-csv, plover, geojson, incidents-jsonl): exact bytes on a small fixture store.

The fixture is the hand-annotated "other incidents" corpus (tests/data/incidents/other_incidents.jsonl):
a claimed bombing, two agreeing outlets, a single-source report and a discounted strike. To regenerate
after a deliberate change: RASHOMON_REGENERATE_GOLDEN=1 pytest tests/export/test_incident_exports.py,
then review the diff of tests/export/golden/.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.export import FORMATS
from rashomon.service.incidents import update_incidents
from rashomon.store.base import Store
from rashomon.store.factory import open_store
from support.incident_factory import other_analyses

GOLDEN = Path(__file__).with_name("golden")
FILES = {
    "acled-csv": "incidents.csv",
    "plover": "events.plover.jsonl",
    "geojson": "incidents.geojson",
    "incidents-jsonl": "incidents.jsonl",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = open_store(str(tmp_path_factory.mktemp("export") / "fixture.db"))
    analyses = other_analyses()
    for analysis in analyses:
        db.add_report(analysis.report)
        db.save_analysis(analysis)
    update_incidents(db, analyses)
    yield db
    db.close()


def _export(store: Store, fmt: str) -> tuple[str, int]:
    stream = io.StringIO()
    count = FORMATS[fmt](store, stream)
    return stream.getvalue(), count


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_export_matches_golden_bytes(store: Store, fmt: str) -> None:
    text, _ = _export(store, fmt)
    path = GOLDEN / FILES[fmt]
    if os.environ.get("RASHOMON_REGENERATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_acled_csv_one_row_per_incident_with_conservative_toll(store: Store) -> None:
    text, count = _export(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 4
    by_location = {r["location"]: r for r in rows}
    assert by_location["Mogadishu"]["actor1"] == "Al-Shabaab"
    assert by_location["Mogadishu"]["fatalities"] == "12"
    assert by_location["Hawija"]["source"] == "The Tigris Times; Kurdistan Courier"
    assert by_location["Hawija"]["geo_precision"] == "2"
    assert by_location["Maarat al-Numan"]["actor1"] == "Unidentified Armed Group (Syria)"
    assert by_location["Maarat al-Numan"]["rashomon_grade"] == "discounted"


def test_geojson_is_one_point_feature_per_incident(store: Store) -> None:
    text, count = _export(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert count == len(collection["features"]) == 4
    mogadishu = next(f for f in collection["features"] if f["properties"]["place"] == "Mogadishu")
    assert mogadishu["geometry"] == {"type": "Point", "coordinates": [45.3438, 2.0371]}
    assert mogadishu["properties"]["grade"] == "confirmed"


def test_plover_has_one_line_per_linked_event(store: Store) -> None:
    text, count = _export(store, "plover")
    lines = [json.loads(line) for line in text.splitlines()]
    assert count == len(lines)
    assert {line["event_type"] for line in lines} == {"ASSAULT"}
    hawija = [line for line in lines if line["location"] and line["location"][0]["name"] == "Hawija"]
    assert len({line["incident_id"] for line in hawija}) == 1 and len(hawija) == 2


def test_plover_records_every_mention_and_falls_back_to_the_trigger() -> None:
    from rashomon.export.plover import plover_event
    from rashomon.model import Event, Span

    def span(start: int) -> Span:
        return Span(report_id="r1", start=start, end=start + 6, text="strike")

    merged = Event(id="e1", trigger=span(7), plover_type="ASSAULT", mentions=(span(7), span(53)))
    assert plover_event(merged, "inc", "r1", None)["mentions"] == [
        {"start": 7, "end": 13, "text": "strike"},
        {"start": 53, "end": 59, "text": "strike"},
    ]
    older = Event(id="e2", trigger=span(7), plover_type="ASSAULT")  # stored before mentions were kept
    assert plover_event(older, "inc", "r1", None)["mentions"] == [{"start": 7, "end": 13, "text": "strike"}]
