"""Assemble one ``Incident`` record from its linked member analyses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rashomon.assess.accounts import build_accounts
from rashomon.assess.contradictions import find_contradictions
from rashomon.assess.grading import grade_incident
from rashomon.link.mentions import INCIDENT_TYPES, IncidentMention, best_place, primary_event
from rashomon.model import (
    Analysis,
    Casualties,
    Event,
    EventRef,
    Incident,
    IncidentReport,
    Modality,
    Place,
    PlacePrecision,
    Range,
)

# Modalities whose tolls count toward the incident's conservative toll.
TOLL_MODALITIES = (Modality.AUTHOR, Modality.ALLEGED, Modality.CLAIMED)


def conservative_range(tolls: Sequence[Casualties]) -> Range:
    """ACLED's conservative rule: the lowest credible figure is the toll (max: the highest stated). A floor
    stated above every ceiling ("80 wounded" vs "more than 130") leaves the top open, not at the lower figure."""
    mins = [t.min for t in tolls if t.min is not None]
    maxes = [t.max for t in tolls if t.max is not None]
    top = max(maxes) if maxes else None
    if top is not None and any(t.max is None and t.min is not None and t.min > top for t in tolls):
        top = None
    return Range(min=min(mins) if mins else None, max=top)


# A plain-text report's first line is its headline when it is at most this long.
HEADLINE_MAX_CHARS = 120


def _title(event: Event | None, analyses: Sequence[Analysis]) -> str:
    """The headline of the earliest-published independent report, else a plain-text report's first
    line when it reads as a headline, else the lead event's trigger."""
    titled = [a.report for a in analyses if a.report.title and not a.report.near_duplicate_of]
    if titled:
        earliest = min(titled, key=lambda r: (r.published.replace(tzinfo=None) if r.published else datetime.max, r.id))
        return str(earliest.title)
    for analysis in analyses:
        lines = analysis.report.text.strip().splitlines()
        if lines and 0 < len(lines[0].strip()) <= HEADLINE_MAX_CHARS:
            return lines[0].strip()
    if event is not None:
        return f"{event.plover_type.title()}: {event.trigger.text}"
    return "incident"


def consensus_place(pairs: Sequence[tuple[Analysis, tuple[str, ...]]]) -> Place | None:
    """The place most independent reports give for the incident's events (ties: the more precise)."""
    votes: dict[str, set[str]] = {}
    first: dict[str, Place] = {}
    for analysis, ids in pairs:
        if analysis.report.near_duplicate_of:
            continue
        for event in analysis.events:
            if event.id not in ids:
                continue
            place = best_place(event.places)
            if place is not None:
                key = place.gazetteer_id or place.name
                votes.setdefault(key, set()).add(analysis.report.id)
                first.setdefault(key, place)
    if not votes:
        return None
    rank = {p: i for i, p in enumerate(PlacePrecision)}
    key = min(votes, key=lambda k: (-len(votes[k]), rank.get(first[k].precision, 99) if first[k].precision else 99, k))
    return first[key]


def typing_event(pairs: Sequence[tuple[Analysis, tuple[str, ...]]]) -> Event | None:
    """The event whose PLOVER/ACLED type the incident takes, voted over independent reports.

    A method-less mention ("the attack", "fighting": ASSAULT or FIGHT without a mode, which map to ACLED's
    generic Armed clash or Attack) is compatible with any specific method, so reports that name a method
    ("air strikes", "shelling") decide when there are any; among candidates of one kind the type told by
    the most independent reports wins, then the earliest report's. Hypothetical events do not vote.
    """
    votes: dict[tuple[str, str | None, str | None], set[str]] = {}
    first: dict[tuple[str, str | None, str | None], tuple[int, Event]] = {}
    for order, (analysis, ids) in enumerate(pairs):
        if analysis.report.near_duplicate_of:
            continue
        for event in analysis.events:
            if event.id not in ids or event.plover_type not in INCIDENT_TYPES or event.modality is Modality.HYPOTHETICAL:
                continue
            key = (event.plover_type, event.plover_mode, event.acled_sub_event_type)
            votes.setdefault(key, set()).add(analysis.report.id)
            first.setdefault(key, (order, event))
    if not votes:
        return None
    best = min(votes, key=lambda k: (k[1] is None, -len(votes[k]), first[k][0], first[k][1].trigger.start))
    return first[best][1]


def assess_incident(incident_id: str, members: Sequence[tuple[Analysis, IncidentMention]]) -> Incident:
    """Accounts, contradictions, grade, place, time and tolls of one incident (members: earliest first)."""
    pairs = [(analysis, mention.event_ids) for analysis, mention in members]
    analyses = [analysis for analysis, _ in members]
    reports = tuple(
        IncidentReport(id=a.report.id, url=a.report.url, outlet=a.report.outlet, independent=a.report.near_duplicate_of is None)
        for a in analyses
    )
    events = [e for a, ids in pairs for e in a.events if e.id in ids]
    primaries = [primary_event(tuple(e for e in a.events if e.id in ids)) for a, ids in pairs]
    lead = next((e for e in primaries if e is not None), None)
    typed = typing_event(pairs) or lead
    place = consensus_place(pairs) or next((m.place for _, m in members if m.place), None)
    time = next((m.time for _, m in members if m.time is not None), None)
    accounts = build_accounts(pairs)
    contradictions = find_contradictions(accounts, pairs)
    grade, reasons = grade_incident(accounts, contradictions, reports, pairs)
    counted = [e for e in events if e.modality in TOLL_MODALITIES]
    return Incident(
        id=incident_id,
        title=_title(lead, analyses),
        plover_type=typed.plover_type if typed else None,
        acled_event_type=typed.acled_event_type if typed else None,
        acled_sub_event_type=typed.acled_sub_event_type if typed else None,
        place=place,
        time=time,
        country_code=place.country_code if place else None,
        events=tuple(EventRef(report_id=a.report.id, event_id=eid) for a, ids in pairs for eid in ids),
        reports=reports,
        accounts=accounts,
        contradictions=contradictions,
        grade=grade,
        grade_reasons=reasons,
        killed=conservative_range([e.killed for e in counted]),
        wounded=conservative_range([e.wounded for e in counted]),
    )
