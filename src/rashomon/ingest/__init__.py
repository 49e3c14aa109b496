"""Ingestion: files, directories and URLs to Reports, with a Rejection for every input that cannot be read.

Public API::

    read_inputs(paths, fetcher=None) -> Iterator[Report | Rejection]
    Fetcher                       # httpx client: timeouts, size limit, retries, User-Agent
    NearDuplicateIndex            # MinHash/LSH near-duplicate (syndicated copy) detection
    detect_language(text)         # offline language identification
    normalise_text, make_report   # content-derived report ids (fingerprint.py)

Names are imported on first use (PEP 562): datasketch pulls in scipy (~1 s), trafilatura and httpx
add more, and ``rashomon.ingest.fingerprint`` is imported by every stage and every CLI command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rashomon.ingest.dates import parse_iso
    from rashomon.ingest.dedup import NearDuplicateIndex
    from rashomon.ingest.fetch import USER_AGENT, Fetched, Fetcher
    from rashomon.ingest.fingerprint import make_report, normalise_text
    from rashomon.ingest.language import detect_language
    from rashomon.ingest.limits import MAX_JSONL_LINE_BYTES, MAX_PAGE_BYTES, MAX_REPORT_BYTES
    from rashomon.ingest.reader import read_inputs

_EXPORTS: dict[str, str] = {
    "MAX_JSONL_LINE_BYTES": "limits",
    "MAX_PAGE_BYTES": "limits",
    "MAX_REPORT_BYTES": "limits",
    "USER_AGENT": "fetch",
    "Fetched": "fetch",
    "Fetcher": "fetch",
    "NearDuplicateIndex": "dedup",
    "detect_language": "language",
    "make_report": "fingerprint",
    "normalise_text": "fingerprint",
    "parse_iso": "dates",
    "read_inputs": "reader",
}

__all__ = [
    "MAX_JSONL_LINE_BYTES",
    "MAX_PAGE_BYTES",
    "MAX_REPORT_BYTES",
    "USER_AGENT",
    "Fetched",
    "Fetcher",
    "NearDuplicateIndex",
    "detect_language",
    "make_report",
    "normalise_text",
    "parse_iso",
    "read_inputs",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rashomon.ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"rashomon.ingest.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
