"""ACLED-style CSV: one row per incident (columns documented in docs/incidents.md).

Tolls follow ACLED's conservative rule: ``fatalities`` is the lowest credible figure any
source gives for the incident (0 when none is reported); the highest figure is kept in
``rashomon_fatalities_max``. ``actor1`` is the alleged perpetrator only when the sources do
not dispute responsibility; otherwise ACLED's "Unidentified Armed Group (Country)".
"""

from __future__ import annotations

import csv
import re
from typing import TextIO

from rashomon.export._incidents import country_iso3, country_name, incident_date, sorted_incidents
from rashomon.model import AccountStance, ContradictionKind, Incident, PlacePrecision, Sector, TimePrecision
from rashomon.store.base import Store

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "rashomon_grade",
    "rashomon_fatalities_max",
    "rashomon_contradictions",
    "rashomon_reports",
)
# ACLED time_precision: 1 the day is known, 2 within a week, 3 within a month.
TIME_PRECISION = {
    TimePrecision.PART_OF_DAY: 1,
    TimePrecision.DAY: 1,
    TimePrecision.WEEK: 2,
    TimePrecision.MONTH: 3,
    TimePrecision.YEAR: 3,
    TimePrecision.UNRESOLVED: 2,
}
# ACLED geo_precision: 1 the town or site, 2 near it or its district, 3 the province or wider.
GEO_PRECISION = {
    PlacePrecision.SITE: 1,
    PlacePrecision.TOWN: 1,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.PROVINCE: 3,
    PlacePrecision.COUNTRY: 3,
    PlacePrecision.REGION: 3,
}
# A target of unarmed people is ACLED's "Civilians (Country)", not the phrase and toll that named it
# ("at least 18 civilians", "four workers").
CIVILIAN_TARGET = re.compile(
    r"\b(civilians?|people|villagers|residents|workers|children|women|shoppers|worshippers|students|farmers)$", re.I
)
DISPUTED = (ContradictionKind.RIVAL_PERPETRATORS, ContradictionKind.ACCUSATION_VS_DENIAL, ContradictionKind.THIRD_PARTY_CLAIM)
NAMING = (AccountStance.CLAIMS_RESPONSIBILITY, AccountStance.ACCUSES, AccountStance.ATTRIBUTES, AccountStance.CONFIRMS)


def perpetrator(incident: Incident) -> str:
    unidentified = f"Unidentified Armed Group ({country_name(incident.country_code) or 'International'})"
    if any(c.kind in DISPUTED for c in incident.contradictions):
        return unidentified
    named = {a.alleged_perpetrator for a in incident.accounts if a.stance in NAMING and a.alleged_perpetrator}
    return named.pop() if len(named) == 1 else unidentified


def victim(store: Store, incident: Incident) -> str:
    """The target most of the incident's event mentions name (ACLED's actor2), else empty."""
    votes: dict[str, int] = {}
    by_report: dict[str, set[str]] = {}
    for ref in incident.events:
        by_report.setdefault(ref.report_id, set()).add(ref.event_id)
    for report_id, event_ids in by_report.items():
        analysis = store.get_analysis(report_id)
        if analysis is None:
            continue
        for event in analysis.events:
            if event.id in event_ids and event.target is not None:
                name = event.target.name
                if event.target.sector == Sector.CIVILIAN or CIVILIAN_TARGET.search(name):
                    name = f"Civilians ({country_name(incident.country_code) or 'International'})"
                votes[name] = votes.get(name, 0) + 1
    return min(votes, key=lambda name: (-votes[name], name)) if votes else ""


def notes(incident: Incident) -> str:
    parts = [incident.title.rstrip(".") + "."]
    for account in incident.accounts:
        who = account.alleged_perpetrator or "an unnamed party"
        parts.append(f"{account.source}: {account.stance.value.replace('_', ' ')} ({who}).")
    for contradiction in incident.contradictions:
        parts.append(contradiction.summary)
    return " ".join(parts)


def row(incident: Incident, actor2: str = "") -> dict[str, str | int]:
    place = incident.place
    date = incident_date(incident)
    outlets = list(dict.fromkeys(r.outlet for r in incident.reports if r.outlet and r.independent))
    return {
        "event_id_cnty": incident.id,
        "event_date": date,
        "year": date[:4],
        "time_precision": TIME_PRECISION[incident.time.precision] if incident.time else 3,
        "event_type": incident.acled_event_type or "",
        "sub_event_type": incident.acled_sub_event_type or "",
        "actor1": perpetrator(incident),
        "actor2": actor2,
        "country": country_name(incident.country_code),
        "iso3": country_iso3(incident.country_code),
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(place.precision, 3) if place and place.precision else 3,
        "source": "; ".join(outlets),
        "notes": notes(incident),
        "fatalities": incident.killed.min if incident.killed.min is not None else 0,
        "tags": f"grade: {incident.grade.value}",
        "rashomon_grade": incident.grade.value,
        "rashomon_fatalities_max": "" if incident.killed.max is None else incident.killed.max,
        "rashomon_contradictions": ";".join(dict.fromkeys(c.kind.value for c in incident.contradictions)),
        "rashomon_reports": len(incident.reports),
    }


def write_acled_csv(store: Store, stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for incident in sorted_incidents(store):
        writer.writerow(row(incident, victim(store, incident)))
        count += 1
    return count
