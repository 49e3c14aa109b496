"""Fuzz targets: each takes arbitrary bytes and must either succeed or give the documented rejection.

The documented rejection of a reader is ``InputRejected`` (or a yielded ``Rejection``); anything
else escaping a target is a bug. The same targets run under atheris (`make fuzz`, long runs with
coverage guidance) and under Hypothesis in `make test` (quick runs).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from rashomon.errors import InputRejected
from rashomon.model import Rejection, Report

SOURCE = "fuzz-input"


def _drain(items: Iterable[Report | Rejection]) -> None:
    try:
        for item in items:
            if isinstance(item, Report):
                assert item.text, "a stored report must have text"
                assert item.text == item.text.strip(), "report text is normalised"
            else:
                assert isinstance(item, Rejection), f"reader yielded {type(item).__name__}"
                assert item.message, "a rejection carries its reason"
    except InputRejected:
        pass  # the documented rejection


def text_reader(data: bytes) -> None:
    from rashomon.ingest.text_reader import read_text

    _drain(read_text(data, SOURCE))


def html_reader(data: bytes) -> None:
    from rashomon.ingest.html_reader import read_html

    _drain(read_html(data, SOURCE))


def feed_reader(data: bytes) -> None:
    from rashomon.ingest.feed_reader import read_feed

    _drain(read_feed(data, SOURCE))


def jsonl_reader(data: bytes) -> None:
    from rashomon.ingest.jsonl_reader import read_jsonl

    _drain(read_jsonl(io.BytesIO(data), SOURCE))


def published_dates(data: bytes) -> None:
    from rashomon.ingest.dates import parse_iso

    parsed = parse_iso(data.decode("utf-8", "replace"))
    assert parsed is None or parsed.tzinfo is not None, "publication times are timezone-aware"


def toll_numbers(data: bytes) -> None:
    from rashomon.extract.tolls import find_tolls, quantity_range

    text = data.decode("utf-8", "replace")
    bounds = quantity_range(text)
    if bounds is not None:
        low, high = bounds
        assert low is None or high is None or low <= high, f"range {bounds} from {text!r}"
    for toll in find_tolls(text):
        assert toll.min is None or toll.max is None or toll.min <= toll.max, f"{toll} from {text!r}"
        assert 0 <= toll.start <= toll.end <= len(text)


PUBLISHED = datetime(2017, 8, 9, 12, 0, tzinfo=UTC)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": text_reader,
    "html": html_reader,
    "feed": feed_reader,
    "jsonl": jsonl_reader,
    "dates": published_dates,
    "tolls": toll_numbers,
}
