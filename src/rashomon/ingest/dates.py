"""Publication times as timezone-aware datetimes.

Rule: a time without a zone is taken as UTC, and a date alone as midnight UTC of that day. Feeds
and most JSONL exports give UTC or an offset; a naive value is ambiguous, and UTC is the choice
that keeps every stored time comparable. The original offset is kept when one is given.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from rashomon.errors import InputRejected
from rashomon.ingest.rejections import rejected
from rashomon.model import RejectionReason

ISO_EXAMPLE = "e.g. 2017-08-09 or 2017-08-09T14:30:00+03:00"


def aware(value: datetime) -> datetime:
    """Attach UTC to a naive datetime; leave an aware one as it is."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def parse_iso(value: str) -> datetime | None:
    """Parse an ISO 8601 date or datetime (``Z`` allowed). None when it is not ISO."""
    text = value.strip()
    if not text or len(text) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return aware(parsed)


def published_field(value: object, source: str) -> datetime | None:
    """The ``published`` field of a JSONL line: None, or an ISO string; anything else rejects the line."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parsed = parse_iso(value)
        if parsed is not None:
            return parsed
    raise _bad_published(source, value)


def _bad_published(source: str, value: object) -> InputRejected:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return rejected(
        source,
        RejectionReason.MALFORMED,
        f"'published' is {shown}, not an ISO date or datetime; write it as {ISO_EXAMPLE}",
    )


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` values are UTC struct_times."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
