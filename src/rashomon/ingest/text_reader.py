"""Plain text: one file (or one fetched text/plain body) is one report."""

from __future__ import annotations

from collections.abc import Iterator

from rashomon.ingest.common import finish
from rashomon.ingest.decoding import check_not_binary, decode
from rashomon.model import Rejection, Report


def read_text(data: bytes, source: str, *, url: str | None = None, charset: str | None = None) -> Iterator[Report | Rejection]:
    """Yield the report in ``data`` (UTF-8, or ``charset`` when a server declared one)."""
    check_not_binary(data, source)
    yield finish(decode(data, source, charset), source=source, url=url)
