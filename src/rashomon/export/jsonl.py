"""JSON Lines export: one ``Analysis`` per line, in ingest order, streamed (memory stays flat)."""

from __future__ import annotations

from typing import TextIO

from rashomon.store.base import Store


def write_jsonl(store: Store, stream: TextIO) -> int:
    """Write every stored analysis as one line of JSON (the schema of docs/schema.md); return the count."""
    count = 0
    for analysis in store.iter_analyses():
        stream.write(analysis.model_dump_json())
        stream.write("\n")
        count += 1
    return count
