"""JSON Lines export: one ``Analysis`` per line, in ingest order, streamed (memory stays flat)."""

from __future__ import annotations

from typing import TextIO

from rashomon.model.confidence import at_min_confidence
from rashomon.store.base import Store


def write_jsonl(store: Store, stream: TextIO, *, min_confidence: float | None = None) -> int:
    """Write every stored analysis as one line of JSON (the schema of docs/schema.md); return the count.

    ``min_confidence`` leaves out the statements scored under it (``rashomon.model.confidence``).
    """
    count = 0
    for analysis in store.iter_analyses():
        stream.write(at_min_confidence(analysis, min_confidence).model_dump_json())
        stream.write("\n")
        count += 1
    return count
