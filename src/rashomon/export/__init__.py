"""Exports: a registry of formats, each a writer that streams a store's contents to a text stream.

Add a format by adding ``name: writer`` to ``FORMATS``; `rashomon export --format NAME` picks it up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from rashomon.export.acled_csv import write_acled_csv
from rashomon.export.geojson import write_geojson
from rashomon.export.incidents_jsonl import write_incidents_jsonl
from rashomon.export.jsonl import write_jsonl
from rashomon.export.plover import write_plover
from rashomon.store.base import Store

Writer = Callable[[Store, TextIO], int]  # returns how many records it wrote

FORMATS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "incidents-jsonl": write_incidents_jsonl,
    "acled-csv": write_acled_csv,
    "plover": write_plover,
    "geojson": write_geojson,
}

__all__ = ["FORMATS", "Writer", "write_jsonl"]
