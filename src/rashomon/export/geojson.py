"""GeoJSON: a FeatureCollection with one Point Feature per geolocated incident (streamed)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rashomon.export._incidents import incident_date, sorted_incidents
from rashomon.model import Incident
from rashomon.store.base import Store


def feature(incident: Incident) -> dict[str, Any] | None:
    place = incident.place
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
        "properties": {
            "id": incident.id,
            "title": incident.title,
            "date": incident_date(incident),
            "place": place.name,
            "place_precision": place.precision.value if place.precision else None,
            "country_code": incident.country_code,
            "event_type": incident.plover_type,
            "grade": incident.grade.value,
            "killed_min": incident.killed.min,
            "killed_max": incident.killed.max,
            "reports": len(incident.reports),
            "contradictions": list(dict.fromkeys(c.kind.value for c in incident.contradictions)),
        },
    }


def write_geojson(store: Store, stream: TextIO) -> int:
    stream.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for incident in sorted_incidents(store):
        record = feature(incident)
        if record is None:
            continue
        stream.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False, sort_keys=True))
        count += 1
    stream.write("\n]}\n")
    return count
