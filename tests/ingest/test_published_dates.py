"""Publication times are timezone-aware: naive means UTC, a date alone means midnight UTC, offsets are kept."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from rashomon.errors import InputRejected
from rashomon.ingest.dates import from_struct_time, parse_iso, published_field
from rashomon.model import RejectionReason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-08-09", datetime(2017, 8, 9, tzinfo=UTC)),
        ("2017-08-09T14:30", datetime(2017, 8, 9, 14, 30, tzinfo=UTC)),
        ("2017-08-09 14:30:05", datetime(2017, 8, 9, 14, 30, 5, tzinfo=UTC)),
        ("2017-08-09T14:30:00Z", datetime(2017, 8, 9, 14, 30, tzinfo=UTC)),
        ("2017-08-09T14:30:00+03:00", datetime(2017, 8, 9, 14, 30, tzinfo=timezone(timedelta(hours=3)))),
        ("  2017-08-09  ", datetime(2017, 8, 9, tzinfo=UTC)),
    ],
)
def test_iso_dates_and_datetimes(text: str, expected: datetime) -> None:
    parsed = parse_iso(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", "yesterday", "9 August 2017", "2017-13-01", "2017-08-09T25:00", "2" * 100])
def test_non_iso_is_none(text: str) -> None:
    assert parse_iso(text) is None


def test_published_field_of_a_jsonl_line() -> None:
    assert published_field(None, "c.jsonl:1") is None
    assert published_field("", "c.jsonl:1") is None
    assert published_field("2017-08-09", "c.jsonl:1") == datetime(2017, 8, 9, tzinfo=UTC)
    for bad in ("last week", 20170809, ["2017-08-09"]):
        with pytest.raises(InputRejected) as error:
            published_field(bad, "c.jsonl:4")
        rejection = error.value.rejection
        assert rejection.reason is RejectionReason.MALFORMED and rejection.input == "c.jsonl:4"
        assert rejection.message.startswith(f"c.jsonl:4: 'published' is {bad!r}, not an ISO date or datetime")


def test_feed_struct_times_are_utc() -> None:
    assert from_struct_time(time.strptime("2017-08-11 14:40:00", "%Y-%m-%d %H:%M:%S")) == datetime(
        2017, 8, 11, 14, 40, tzinfo=UTC
    )
    assert from_struct_time(None) is None
