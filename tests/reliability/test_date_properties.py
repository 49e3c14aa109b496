"""Property: resolving a time expression never places an event after its report's publication time.

Expressions are drawn from the forms news uses (weekdays, parts of day, "N days ago", months, full
dates, including dates after publication), mixed with noise, against random publication times.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.dates import find_times

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
NUMBERS = ["two", "three", "four", "ten", "2", "5", "11"]

expressions = st.one_of(
    st.sampled_from(
        [
            "last night",
            "earlier today",
            "yesterday",
            "today",
            "tonight",
            "this morning",
            "last week",
            "this month",
            "last month",
            "this year",
            "overnight",
        ]
    ),
    st.builds("{} {}".format, st.sampled_from(["on", "late on", "early on", "last"]), st.sampled_from(WEEKDAYS)),
    st.builds("{} {}".format, st.sampled_from(WEEKDAYS), st.sampled_from(["morning", "afternoon", "evening", "night"])),
    st.builds("{} days ago".format, st.sampled_from(NUMBERS)),
    st.builds("in {}".format, st.sampled_from(MONTHS)),
    st.builds("on {} {} {}".format, st.integers(1, 28), st.sampled_from(MONTHS), st.integers(1990, 2035)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 28)),
)
noise = st.text(alphabet="abc ,.-", max_size=20)
anchors = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))


def latest_possible(anchor: datetime) -> datetime:
    """The publication time, or the end of its day when it is a bare date (00:00), as documented in dates.py."""
    if anchor.time() == time(0):
        return anchor + timedelta(days=1)
    return anchor


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(noise, expressions), min_size=1, max_size=4), anchors)
def test_no_resolved_time_is_after_publication(parts: list[tuple[str, str]], anchor: datetime) -> None:
    text = " ".join(f"{n} {e}" for n, e in parts) + "."
    for match in find_times(text, anchor):
        value = match.value
        if value.start is None:
            assert value.end is None
            continue
        assert value.end is not None and value.start <= value.end, (text, match)
        assert value.end <= latest_possible(anchor), (text, match, anchor)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(noise, expressions), min_size=1, max_size=3))
def test_without_publication_time_relative_expressions_stay_unresolved(parts: list[tuple[str, str]]) -> None:
    text = " ".join(f"{n} {e}" for n, e in parts) + "."
    for match in find_times(text, None):
        if match.value.start is not None:
            # Only complete calendar dates resolve without an anchor.
            assert any(ch.isdigit() for ch in text[match.start : match.end]), (text, match)
