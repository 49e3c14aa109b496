"""PLOVER JSON: one event per line (JSON Lines), each event mention of every incident.

Fields follow the PLOVER event data model (event type, mode, source and target actors,
location, date) with the incident it was linked to and the report it came from, and the provenance of
the event: its trigger and every mention of it in the report (``mentions``, character offsets).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from rashomon.export._incidents import sorted_incidents
from rashomon.model import ActorMention, Event, Place, Span
from rashomon.store.base import Store


def _actor(mention: ActorMention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    return {"name": mention.name, "actor_id": mention.actor_id, "sector": mention.sector.value, "text": mention.span.text}


def _location(place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision.value if place.precision else None,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "gazetteer_id": place.gazetteer_id,
    }


def plover_event(event: Event, incident_id: str, report_id: str, outlet: str | None) -> dict[str, Any]:
    time = event.time
    return {
        "id": event.id,
        "incident_id": incident_id,
        "report_id": report_id,
        "outlet": outlet,
        "event_type": event.plover_type,
        "mode": event.plover_mode,
        "context": [],
        "date": time.start.date().isoformat() if time and time.start else None,
        "date_precision": time.precision.value if time else None,
        "source_actor": _actor(event.actor),
        "target_actor": _actor(event.target),
        "location": [_location(p) for p in event.places],
        "fatalities": {"min": event.killed.min, "max": event.killed.max},
        "injuries": {"min": event.wounded.min, "max": event.wounded.max},
        "modality": event.modality.value,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "trigger": _span(event.trigger),
        # every place the report tells the event; a record stored before mentions were kept has its trigger
        "mentions": [_span(m) for m in event.mentions or (event.trigger,)],
        "statement_id": event.statement_id,
    }


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def write_plover(store: Store, stream: TextIO) -> int:
    count = 0
    for incident in sorted_incidents(store):
        wanted: dict[str, set[str]] = {}
        for ref in incident.events:
            wanted.setdefault(ref.report_id, set()).add(ref.event_id)
        for report_id, event_ids in wanted.items():
            analysis = store.get_analysis(report_id)
            if analysis is None:
                continue
            for event in analysis.events:
                if event.id in event_ids:
                    record = plover_event(event, incident.id, report_id, analysis.report.outlet)
                    stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    count += 1
    return count
