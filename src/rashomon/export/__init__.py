"""Exports: a registry of formats, each a writer that streams a store's contents to a text stream.

Add a format by adding ``name: writer`` to ``FORMATS``; `rashomon export --format NAME` picks it up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from rashomon.export.jsonl import write_jsonl
from rashomon.store.base import Store

Writer = Callable[[Store, TextIO], int]  # returns how many records it wrote

FORMATS: dict[str, Writer] = {
    "jsonl": write_jsonl,
}

__all__ = ["FORMATS", "Writer", "write_jsonl"]
