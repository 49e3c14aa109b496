"""Assemble one ``Incident`` record from its linked member analyses."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.assess.accounts import build_accounts
from rashomon.assess.contradictions import find_contradictions
from rashomon.assess.grading import grade_incident
from rashomon.link.mentions import IncidentMention, best_place, primary_event
from rashomon.model import Analysis, Casualties, Event, EventRef, Incident, IncidentReport, Modality, Range

# Modalities whose tolls count toward the incident's conservative toll.
TOLL_MODALITIES = (Modality.AUTHOR, Modality.ALLEGED, Modality.CLAIMED)


def conservative_range(tolls: Sequence[Casualties]) -> Range:
    """ACLED's conservative rule: the lowest credible figure is the toll (max: the highest stated)."""
    mins = [t.min for t in tolls if t.min is not None]
    maxes = [t.max for t in tolls if t.max is not None]
    return Range(min=min(mins) if mins else None, max=max(maxes) if maxes else None)


def _title(event: Event | None, analyses: Sequence[Analysis]) -> str:
    for analysis in analyses:
        if analysis.report.title and not analysis.report.near_duplicate_of:
            return analysis.report.title
    if event is not None:
        return f"{event.plover_type.title()}: {event.trigger.text}"
    first = analyses[0].report.text.strip().splitlines()[0] if analyses else "incident"
    return first[:100]


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
    place = best_place(tuple(p for e in events for p in e.places)) or next((m.place for _, m in members if m.place), None)
    time = next((m.time for _, m in members if m.time is not None), None)
    accounts = build_accounts(pairs)
    contradictions = find_contradictions(accounts, pairs)
    grade, reasons = grade_incident(accounts, contradictions, reports, pairs)
    counted = [e for e in events if e.modality in TOLL_MODALITIES]
    return Incident(
        id=incident_id,
        title=_title(lead, analyses),
        plover_type=lead.plover_type if lead else None,
        acled_event_type=lead.acled_event_type if lead else None,
        acled_sub_event_type=lead.acled_sub_event_type if lead else None,
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
