"""Incident linking on hand-annotated multi-outlet reports (tests/data/incidents)."""

from __future__ import annotations

from datetime import datetime

import pytest

from rashomon.link.linker import LINK_THRESHOLD, Cluster, Linker, incident_id_for, pair_score
from rashomon.link.mentions import mention_from_analysis
from rashomon.link.similarity import (
    geodesic_km,
    place_similarity,
    time_similarity,
    type_similarity,
)
from rashomon.model import PlacePrecision, TimePrecision
from support.incident_factory import Builder, other_analyses, read_corpus, report_from, seed_analyses


def _groups(analyses, linker: Linker | None = None) -> tuple[Linker, list[set[str]]]:
    linker = linker or Linker()
    linker.add_all(mention_from_analysis(a) for a in analyses)
    return linker, [c.report_ids for c in linker.clusters.values()]


def test_each_incident_forms_one_cluster_and_no_two_merge() -> None:
    seed, other = seed_analyses(), other_analyses()
    _, groups = _groups(seed + other)
    ids = lambda items: {a.report.id for a in items}  # noqa: E731
    expected = [ids(seed), ids(other[0:1]), ids(other[1:3]), ids(other[3:4]), ids(other[4:5])]
    assert sorted(map(sorted, groups)) == sorted(map(sorted, expected))


def test_same_day_same_country_bombing_stays_apart() -> None:
    seed, other = seed_analyses(), other_analyses()
    tikrit = mention_from_analysis(other[3])
    for analysis in seed:
        assert pair_score(tikrit, mention_from_analysis(analysis), text=0.3) < LINK_THRESHOLD


def test_syndicated_copy_joins_its_original() -> None:
    seed = seed_analyses()
    wire, copy = seed[1], seed[2]
    assert copy.report.near_duplicate_of == wire.report.id
    _, groups = _groups([copy, wire])
    assert groups == [{wire.report.id, copy.report.id}]


def test_incremental_linking_keeps_ids_stable() -> None:
    seed, other = seed_analyses(), other_analyses()
    # The wire report and the Tasnim interview first, then the rest of the seed reports in a later batch.
    linker, _ = _groups(seed[:2] + other)
    before = {cid: set(c.report_ids) for cid, c in linker.clusters.items()}
    (seed_id,) = [cid for cid, members in before.items() if seed[1].report.id in members]
    touched = linker.add_all(mention_from_analysis(a) for a in seed[2:])
    after = {cid: c.report_ids for cid, c in linker.clusters.items()}
    assert touched == [seed_id]
    assert after[seed_id] == {a.report.id for a in seed}
    for cid, members in before.items():
        assert cid in after and members <= after[cid]
    # The same batch again changes nothing.
    assert linker.add_all(mention_from_analysis(a) for a in seed) == [seed_id]
    assert {cid: c.report_ids for cid, c in linker.clusters.items()} == after


def test_existing_clusters_are_reused_without_relinking() -> None:
    seed = seed_analyses()
    first = mention_from_analysis(seed[3])
    cluster = Cluster(id="inc-existing0001", mentions=[first])
    linker = Linker([cluster])
    touched = linker.add_all([mention_from_analysis(seed[4])])
    assert touched == ["inc-existing0001"]
    assert linker.clusters["inc-existing0001"].report_ids == {seed[3].report.id, seed[4].report.id}


def test_incident_id_is_derived_from_first_member() -> None:
    mention = mention_from_analysis(seed_analyses()[0])
    assert incident_id_for(mention) == incident_id_for(mention)
    assert incident_id_for(mention).startswith("inc-") and len(incident_id_for(mention)) == 16


def test_reports_without_events_link_by_text_and_publication_date() -> None:
    seed_rows, other_rows = read_corpus("seed_incident.jsonl"), read_corpus("other_incidents.jsonl")
    bare = [Builder(report_from(row)).build() for row in (seed_rows[1], seed_rows[4], other_rows[3])]
    mentions = [mention_from_analysis(a) for a in bare]
    assert mentions[0].interval is not None and mentions[0].interval[2] is TimePrecision.UNRESOLVED
    _, groups = _groups(bare)
    # Without places or types only text speaks: the wire report and the IS claim share little
    # vocabulary, the Tikrit bombing less; nothing is linked on a shared date alone.
    assert sorted(map(len, groups)) == [1, 1, 1]


def test_signals() -> None:
    day = (datetime(2017, 8, 7), datetime(2017, 8, 7, 23, 59), TimePrecision.DAY)
    later = (datetime(2017, 8, 12), datetime(2017, 8, 12, 23, 59), TimePrecision.DAY)
    assert time_similarity(day, day) == 1.0
    assert time_similarity(day, later) == 0.0
    assert time_similarity(day, None) is None
    assert geodesic_km(33.80, 40.58, 33.49, 38.62) == pytest.approx(185, abs=5)
    assert place_similarity((33.8, 40.58, PlacePrecision.TOWN), (33.81, 40.59, PlacePrecision.TOWN)) == 1.0
    assert place_similarity((33.8, 40.58, PlacePrecision.TOWN), (34.61, 43.68, PlacePrecision.TOWN)) == 0.0
    assert type_similarity("ASSAULT", "ASSAULT") == 1.0
    assert type_similarity("ASSAULT", "FIGHT") == 0.6
    assert type_similarity("ASSAULT", "PROTEST") == 0.0
    assert type_similarity(None, "PROTEST") is None


def test_blocking_keeps_candidates_local() -> None:
    from datetime import timedelta

    from rashomon.link.linker import BLOCK_DAYS
    from rashomon.link.mentions import IncidentMention

    def mention(day: int, lat: float) -> IncidentMention:
        start = datetime(2020, 1, 1) + timedelta(days=day)
        return IncidentMention(
            report_id=f"r{day}-{lat}",
            event_ids=(),
            text=f"report {day}",
            plover_type="ASSAULT",
            interval=(start, start, TimePrecision.DAY),
            coords=(lat, 40.0, PlacePrecision.TOWN),
            country_code=None,
            participants=frozenset(),
            published=start,
            near_duplicate_of=None,
        )

    linker = Linker()
    for day in range(300):
        for lat in (10.0, 30.0):
            cluster = Cluster(id=f"inc-{day}-{lat}", mentions=[mention(day, lat)])
            linker._register(cluster)
    found = linker.index.candidates(mention(150, 10.0))
    # Only the same cell, within BLOCK_DAYS either side: 7 of the 600 incidents.
    assert found == {f"inc-{d}-10.0" for d in range(150 - BLOCK_DAYS, 150 + BLOCK_DAYS + 1)}
