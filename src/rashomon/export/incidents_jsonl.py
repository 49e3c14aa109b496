"""Incidents as JSON Lines: every incident record (the schema of docs/schema.md), one per line, by date."""

from __future__ import annotations

from typing import TextIO

from rashomon.export._incidents import sorted_incidents
from rashomon.store.base import Store


def write_incidents_jsonl(store: Store, stream: TextIO) -> int:
    """Every incident record (the schema of docs/schema.md), one per line."""
    count = 0
    for incident in sorted_incidents(store):
        stream.write(incident.model_dump_json() + "\n")
        count += 1
    return count
