"""What one report says happened, reduced to the signals linking compares.

A news report usually tells one incident and reacts to it; its *primary* event is the
violent event it is about (first ASSAULT/FIGHT/COERCE mention that is not hypothetical),
and the report's other mentions of the same kind and time are the same incident told
again (EventRefs). Reports with no extracted event still link by text and publication
date. Roundups that tell several unrelated incidents are attached to their primary one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from rashomon.link.similarity import PLOVER_FAMILIES, Interval, time_gap
from rashomon.model import Analysis, Event, Modality, Place, PlacePrecision, Relation, Sector, TimePrecision, TimeRef

# Event types that make an incident, in order of preference when a report has several.
INCIDENT_TYPES = ("ASSAULT", "FIGHT", "COERCE", "MOBILIZE", "PROTEST", "RIOT", "THREATEN")
_PRECISION_RANK = {p: i for i, p in enumerate(PlacePrecision)}
# Belligerent and state sectors: actors of these sectors in a report are its participants.
PARTICIPANT_SECTORS = frozenset({Sector.MILITARY, Sector.MILITIA, Sector.TERRORIST, Sector.GOVERNMENT})


@dataclass(frozen=True)
class IncidentMention:
    """One report's account of one incident, as linking sees it (internal to ``rashomon.link``)."""

    report_id: str
    event_ids: tuple[str, ...]
    text: str
    plover_type: str | None
    interval: Interval | None
    coords: tuple[float, float, PlacePrecision | None] | None
    country_code: str | None
    participants: frozenset[str]
    published: datetime | None
    near_duplicate_of: str | None
    place: Place | None = None
    time: TimeRef | None = None

    @property
    def sort_key(self) -> tuple[datetime, str]:
        when = self.interval[0] if self.interval else self.published
        return (when.replace(tzinfo=None) if when else datetime.max, self.report_id)


@cache
def _kb() -> Any | None:
    try:
        from rashomon.extract.actor_kb import load_kb

        return load_kb()
    except Exception:  # noqa: BLE001 - without the KB, participants are compared by id only
        return None


def expand_participants(actor_ids: set[str]) -> frozenset[str]:
    """Actor ids plus the organisations they are directly part of (K.S.S. -> P.M.F.).

    One level only: "part of the P.M.F." should meet "the P.M.F.", but every Iraqi unit
    must not meet every other through the Iraqi state.
    """
    kb = _kb()
    out = set(actor_ids)
    if kb is None:
        return frozenset(out)
    for actor_id in actor_ids:
        if actor_id in kb:
            out.update(e.actor_id for e in kb.affiliations(actor_id) if e.relation is Relation.PART_OF)
    return frozenset(out)


def _naive(value: datetime) -> datetime:
    """Compare everything as naive UTC-ish datetimes: precision is days, not time zones."""
    return value.replace(tzinfo=None) if value.tzinfo else value


def primary_event(events: tuple[Event, ...]) -> Event | None:
    candidates = [e for e in events if e.plover_type in INCIDENT_TYPES and e.modality is not Modality.HYPOTHETICAL]
    if not candidates:
        return None
    rank = {t: i for i, t in enumerate(INCIDENT_TYPES)}
    return min(candidates, key=lambda e: (rank[e.plover_type], e.trigger.start))


def interval_of(time: TimeRef | None) -> Interval | None:
    if time is None or time.start is None:
        return None
    end = time.end or time.start
    return (_naive(time.start), _naive(end), time.precision)


# A capitalised place in the first characters of a report is a dateline ("BAGHDAD (Reuters) -"):
# where the report was filed, not where the event happened.
DATELINE_CHARS = 60


def is_dateline(place: Place) -> bool:
    return place.span.start < DATELINE_CHARS and place.span.text.isupper() and len(place.span.text) > 2


def best_place(places: tuple[Place, ...]) -> Place | None:
    located = [p for p in places if p.lat is not None and p.lon is not None and not is_dateline(p)]
    if not located:
        return None
    return min(located, key=lambda p: (_PRECISION_RANK.get(p.precision, 99) if p.precision else 99, p.span.start))


def mention_from_analysis(analysis: Analysis) -> IncidentMention:
    report = analysis.report
    primary = primary_event(analysis.events)
    family = PLOVER_FAMILIES.get(primary.plover_type, primary.plover_type) if primary else None
    event_ids: list[str] = []
    interval = interval_of(primary.time) if primary else None
    if primary is not None:
        for event in analysis.events:
            if PLOVER_FAMILIES.get(event.plover_type, event.plover_type) != family:
                continue
            other = interval_of(event.time)
            if event is primary or interval is None or other is None or time_gap(interval, other) == timedelta(0):
                event_ids.append(event.id)
    place = best_place(primary.places) if primary else None
    if place is None:
        place = best_place(analysis.places)
    time = primary.time if primary and interval else None
    if interval is None and report.published is not None:
        published = _naive(report.published)
        interval = (published - timedelta(days=1), published, TimePrecision.UNRESOLVED)
    participants = {a.actor_id for a in analysis.actors if a.actor_id and a.sector in PARTICIPANT_SECTORS}
    if primary is not None:
        participants.update(m.actor_id for m in (primary.actor, primary.target) if m is not None and m.actor_id)
    text = f"{report.title}\n{report.text}" if report.title else report.text
    return IncidentMention(
        report_id=report.id,
        event_ids=tuple(event_ids),
        text=text,
        plover_type=primary.plover_type if primary else None,
        interval=interval,
        coords=(place.lat, place.lon, place.precision) if place and place.lat is not None and place.lon is not None else None,
        country_code=place.country_code if place else None,
        participants=expand_participants(participants),
        published=_naive(report.published) if report.published else None,
        near_duplicate_of=report.near_duplicate_of,
        place=place,
        time=time,
    )
