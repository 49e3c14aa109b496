"""Exports: a registry of formats, each a writer that streams a store's contents to a text stream.

Add a format by adding ``name: writer`` to ``FORMATS``; `rashomon export --format NAME` picks it up.
A format that carries statements and can leave out the unlikely ones (``min_confidence``, see
``rashomon.model.confidence``) goes in ``STATEMENT_FORMATS`` too, with that keyword.
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

# Formats with statements in them, whose writers take ``min_confidence``. The incident formats are not here:
# their accounts, contradictions and grades were assessed from every stored statement, and dropping some
# afterwards would leave those judgements resting on statements the export no longer shows.
STATEMENT_FORMATS: dict[str, Callable[..., int]] = {"jsonl": write_jsonl}

__all__ = ["FORMATS", "STATEMENT_FORMATS", "Writer", "write_jsonl"]
