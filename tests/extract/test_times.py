"""Times: every relative form against the publication time, parts of day, no anchor, never after publication."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract import Pipeline, build_pipeline
from rashomon.extract.dates import PARTS_OF_DAY, find_times
from rashomon.ingest.fingerprint import make_report
from rashomon.model import TimePrecision
from support.paths import SEED_ARTICLE

PUB = datetime(2017, 8, 9, 15, 30)  # a Wednesday afternoon
P = TimePrecision


def one(text: str, anchor: datetime | None = PUB) -> tuple[datetime | None, datetime | None, TimePrecision, str]:
    [match] = find_times(text, anchor)
    return match.value.start, match.value.end, match.value.precision, text[match.start : match.end]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("They struck last night.", datetime(2017, 8, 8, 18), datetime(2017, 8, 9, 6), P.PART_OF_DAY),
        ("He said earlier today.", datetime(2017, 8, 9), PUB, P.DAY),
        ("He said it late on Monday.", datetime(2017, 8, 7, 18), datetime(2017, 8, 8), P.PART_OF_DAY),
        ("Cleared four days ago.", datetime(2017, 8, 5), datetime(2017, 8, 6), P.DAY),
        ("He tweeted on Tuesday.", datetime(2017, 8, 8), datetime(2017, 8, 9), P.DAY),
        ("The Monday morning raid.", datetime(2017, 8, 7, 6), datetime(2017, 8, 7, 12), P.PART_OF_DAY),
        ("It happened yesterday.", datetime(2017, 8, 8), datetime(2017, 8, 9), P.DAY),
        ("Talks stalled last week.", datetime(2017, 7, 31), datetime(2017, 8, 7), P.WEEK),
        ("Raids rose this month.", datetime(2017, 8, 1), PUB, P.MONTH),
        ("The offensive began in March.", datetime(2017, 3, 1), datetime(2017, 4, 1), P.MONTH),
        ("The offensive began in October.", datetime(2016, 10, 1), datetime(2016, 11, 1), P.MONTH),
        ("It was signed on 7 August 2017.", datetime(2017, 8, 7), datetime(2017, 8, 8), P.DAY),
        ("It was signed on Aug. 7.", datetime(2017, 8, 7), datetime(2017, 8, 8), P.DAY),
        ("It was signed 2016-12-19.", datetime(2016, 12, 19), datetime(2016, 12, 20), P.DAY),
        ("Fighting resumed last year.", datetime(2016, 1, 1), datetime(2017, 1, 1), P.YEAR),
        ("Two weeks ago the town fell.", datetime(2017, 7, 24), datetime(2017, 7, 31), P.WEEK),
        ("The day before yesterday.", datetime(2017, 8, 7), datetime(2017, 8, 8), P.DAY),
        ("On Wednesday, he said.", datetime(2017, 8, 9), PUB, P.DAY),
        ("Last Wednesday he said.", datetime(2017, 8, 2), datetime(2017, 8, 3), P.DAY),
        ("This morning, shells fell.", datetime(2017, 8, 9, 6), datetime(2017, 8, 9, 12), P.PART_OF_DAY),
    ],
)
def test_relative_forms(text: str, start: datetime, end: datetime, precision: TimePrecision) -> None:
    assert one(text)[:3] == (start, end, precision)


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    monday = datetime(2017, 8, 7, 9)
    assert one("on Monday", monday)[:2] == (datetime(2017, 8, 7), monday)
    assert one("on Tuesday", monday)[:2] == (datetime(2017, 8, 1), datetime(2017, 8, 2))


def test_never_after_publication() -> None:
    start, end, precision, _ = one("Protests are planned for tonight.")
    assert (start, end, precision) == (None, None, P.UNRESOLVED)  # 18:00 is after 15:30
    for match in find_times("last night, today, this month, on Wednesday, this week, this year", PUB):
        assert match.value.end is None or match.value.end <= PUB


def test_date_only_publication_keeps_the_whole_day() -> None:
    anchor = datetime(2017, 8, 9)
    assert one("last night", anchor)[:2] == (datetime(2017, 8, 8, 18), datetime(2017, 8, 9, 6))
    assert one("earlier today", anchor)[:2] == (datetime(2017, 8, 9), datetime(2017, 8, 10))


def test_without_publication_time_only_full_dates_resolve() -> None:
    for text in ("last night", "four days ago", "on Tuesday", "in March", "yesterday", "Aug. 7"):
        start, end, precision, expression = one(text, None)
        assert (start, end, precision) == (None, None, P.UNRESOLVED) and expression
    assert one("on 7 August 2017", None)[:3] == (datetime(2017, 8, 7), datetime(2017, 8, 8), P.DAY)


def test_time_zone_of_the_anchor_is_kept() -> None:
    anchor = datetime(2017, 8, 9, 12, tzinfo=UTC)
    assert one("yesterday", anchor)[0] == datetime(2017, 8, 8, tzinfo=UTC)


def test_part_of_day_hours() -> None:
    assert PARTS_OF_DAY["night"] == (18, 30) and PARTS_OF_DAY["morning"] == (6, 12)


def test_may_as_a_verb_is_not_a_date() -> None:
    assert find_times("Officials may meet soon; the march went on.", PUB) == []


def test_press_release_forms() -> None:
    released = datetime(2011, 11, 20)  # a Sunday, date only
    assert one("detained in Paktiya province lastnight", released)[:3] == (
        datetime(2011, 11, 19, 18),
        datetime(2011, 11, 20, 6),
        P.PART_OF_DAY,
    )
    assert one("KABUL, Afghanistan (Nov. 1. 2011)", None)[:3] == (datetime(2011, 11, 1), datetime(2011, 11, 2), P.DAY)
    assert one("an operation Nov. 17 in Logar", released)[:2] == (datetime(2011, 11, 17), datetime(2011, 11, 18))
    assert one("an operation Sept. 25 in Logar", released)[:2] == (datetime(2011, 9, 25), datetime(2011, 9, 26))


def test_a_day_just_after_publication_is_upcoming_not_a_year_back() -> None:
    released = datetime(2010, 10, 18)
    assert one("the elections on Oct. 19", released)[:3] == (None, None, P.UNRESOLVED)
    assert one("talks set for 2 November", released)[:3] == (None, None, P.UNRESOLVED)
    # beyond a month after publication it is that day of the year before, as before
    assert one("the attack of Dec. 28", released)[:2] == (datetime(2009, 12, 28), datetime(2009, 12, 29))
    assert one("the attack of Dec. 28", datetime(2011, 1, 2))[:2] == (datetime(2010, 12, 28), datetime(2010, 12, 29))


@pytest.fixture(scope="module")
def times_pipeline() -> Pipeline:
    return build_pipeline(("rashomon.times.v1",))


def test_component_on_the_seed(times_pipeline: Pipeline) -> None:
    if not SEED_ARTICLE.exists():
        pytest.skip("seed article is absent (../shared)")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    analysis = times_pipeline.analyze(make_report(text, published=datetime(2017, 8, 9)))
    nights = [t for t in analysis.times if t.expression.lower() == "last night"]
    assert len(nights) >= 3
    for t in nights:
        assert (t.start, t.end, t.precision) == (datetime(2017, 8, 8, 18), datetime(2017, 8, 9, 6), P.PART_OF_DAY)
        assert t.anchor == datetime(2017, 8, 9) and text[t.span.start : t.span.end] == t.expression


def test_component_without_publication_time(times_pipeline: Pipeline) -> None:
    analysis = times_pipeline.analyze(make_report("The base was hit last night, officials said on Tuesday."))
    assert [(t.expression, t.start, t.precision) for t in analysis.times] == [
        ("last night", None, P.UNRESOLVED),
        ("on Tuesday", None, P.UNRESOLVED),
    ]
