"""Time expressions in news text and the intervals they denote, resolved against the publication time.

Conventions (news usage; each is a named constant or rule below):
- A weekday name ("on Tuesday", "Monday morning", "late on Monday") is the most recent such day on or
  before the publication day: news reports past events, so "Monday" in a Wednesday paper is two days
  earlier, and "Wednesday" is the day of publication itself. "last Monday" is strictly before it.
- A month name without a year ("in March") is the most recent such month on or before publication; a
  day and month ("Aug. 7", "7 August") likewise, except that one up to ``UPCOMING_DAYS`` after
  publication is the coming date and stays unresolved.
- Parts of day are fixed hours (``PARTS_OF_DAY``): morning 06-12, afternoon 12-18, evening 18-24,
  night 18-06 (into the next day); "late on Monday" is Monday 18-24, "early on Monday" is Monday 00-12.
  "last night" is the night that ends on the publication day: 18:00 the day before to 06:00.
- Nothing is resolved after publication: an interval's end is clipped to the publication time, and an
  expression whose interval would start after it stays unresolved. A publication time of exactly 00:00
  is read as a date without a time of day, so the clip is the end of that day.
- Without a publication time only complete calendar dates ("7 August 2017", "2017-08-07") are resolved;
  everything relative stays unresolved with no interval. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rashomon.model import TimePrecision

# Hours of each part of day: (start hour, end hour), end may pass 24 into the next day.
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "morning": (6, 12),
    "afternoon": (12, 18),
    "evening": (18, 24),
    "night": (18, 30),  # 18:00 to 06:00 the next day
    "late": (18, 24),  # "late on Monday", "late Monday"
    "early": (0, 12),  # "early on Monday", "early Monday"
    "overnight": (18, 30),
}
# A day and month without a year that falls up to this many days after publication is the coming date
# of the same year (left unresolved: nothing is resolved after publication), not that date a year back:
# a past date almost a year old is written with its year. A month covers announced dates ("elections on
# Oct. 19", "talks on Jan. 8"); set by that reading, not fitted to data.
UPCOMING_DAYS = 31
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}  # fmt: skip

_WD = "|".join(WEEKDAYS)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True)) + r"|\d{1,3}"
_PART = "morning|afternoon|evening|night"
_FULL_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"  # not "may"

# Patterns, most specific first; each has a named group per slot it fills.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        ("day_month_year", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"),
        ("month_day_year", rf"\b(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+(?P<year>(?:19|20)\d\d)\b"),
        ("day_month", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b\.?"),
        ("month_day", rf"\b(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[,.]?\s*(?:19|20)\d\d)"),
        ("month_year", rf"\b(?:in\s+)?(?P<mon>{_MON})\.?\s+(?P<year>(?:19|20)\d\d)\b"),
        ("last_night", r"\b(?:last\s*|yesterday\s+)night\b|\bovernight\b"),  # "lastnight" too
        ("today_part", rf"\b(?:this|earlier\s+this|late\s+this)\s+(?P<part>{_PART})\b|\btonight\b"),
        ("earlier_today", r"\b(?:earlier|early|later)\s+today\b|\btoday\b"),
        ("day_before_yesterday", r"\b(?:the\s+)?day\s+before\s+yesterday\b"),
        ("yesterday_part", r"\byesterday\s+(?P<part>morning|afternoon|evening)\b|\b(?P<edge>late|early)\s+yesterday\b"),
        ("yesterday", r"\byesterday\b"),
        ("edge_weekday", rf"\b(?P<edge>late|early)\s+(?:on\s+)?(?P<wd>{_WD})\b(?:\s+(?P<part>{_PART}))?"),
        ("weekday_part", rf"\b(?:on\s+)?(?P<last>last\s+)?(?P<wd>{_WD})\s+(?P<part>{_PART})\b"),
        ("weekday", rf"\b(?:on\s+)?(?P<last>last\s+)?(?P<wd>{_WD})\b"),
        ("ago", rf"\b(?P<num>{_NUM})\s+(?P<unit>day|days|week|weeks|month|months|year|years)\s+ago\b"),
        ("relative_period", r"\b(?P<rel>last|this|past|previous)\s+(?P<unit>week|month|year)\b"),
        ("in_month", rf"\b(?:in|since|during|early|late|mid-?)\s*(?P<mon>{_FULL_MONTHS})\b"),
        ("in_year", r"\b(?:in|since|during|early|late)\s+(?P<year>(?:19|20)\d\d)\b"),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolved:
    start: datetime | None
    end: datetime | None
    precision: TimePrecision


UNRESOLVED = Resolved(None, None, TimePrecision.UNRESOLVED)


@dataclass(frozen=True, slots=True)
class TimeMatch:
    start: int
    end: int
    kind: str
    value: Resolved


def _midnight(day: date, like: datetime | None) -> datetime:
    return datetime.combine(day, time(0), tzinfo=like.tzinfo if like else None)


def _clip_limit(anchor: datetime) -> datetime:
    """Latest instant an event can have happened: the publication time, or its day's end when it has none."""
    if anchor.time() == time(0):
        return _midnight(anchor.date() + timedelta(days=1), anchor)
    return anchor


def _interval(start: datetime, end: datetime, precision: TimePrecision, anchor: datetime | None) -> Resolved:
    if anchor is not None:
        limit = _clip_limit(anchor)
        if start >= limit:
            return UNRESOLVED
        end = min(end, limit)
    return Resolved(start, end, precision)


def _day(day: date, anchor: datetime | None, part: str | None = None) -> Resolved:
    start = _midnight(day, anchor)
    if part is None:
        return _interval(start, start + timedelta(days=1), TimePrecision.DAY, anchor)
    lo, hi = PARTS_OF_DAY[part]
    return _interval(start + timedelta(hours=lo), start + timedelta(hours=hi), TimePrecision.PART_OF_DAY, anchor)


def _month(year: int, month: int, anchor: datetime | None) -> Resolved:
    start = _midnight(date(year, month, 1), anchor)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return _interval(start, _midnight(nxt, anchor), TimePrecision.MONTH, anchor)


def _recent_weekday(anchor: date, weekday: int, strictly_before: bool) -> date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(kind: str, groups: dict[str, str | None], anchor: datetime | None) -> Resolved:
    """The interval one matched pattern denotes, given the publication time ``anchor`` (may be None)."""
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in groups.items()}
    if kind in ("iso", "day_month_year", "month_day_year"):
        month = int(g["month"]) if kind == "iso" else MONTHS[g["mon"].rstrip(".")]
        day = _safe_date(int(g["year"]), month, int(g["day"]))
        return _day(day, anchor) if day else UNRESOLVED
    if kind == "month_year":
        return _month(int(g["year"]), MONTHS[g["mon"].rstrip(".")], anchor)
    if anchor is None:
        return UNRESOLVED
    today = anchor.date()
    if kind in ("day_month", "month_day"):
        month = MONTHS[g["mon"].rstrip(".")]
        upcoming = _safe_date(today.year, month, int(g["day"]))
        if upcoming and timedelta(0) < upcoming - today <= timedelta(days=UPCOMING_DAYS):
            return UNRESOLVED  # "Oct. 19" in an Oct. 18 report is the coming day, not one a year back
        year = today.year if (month, int(g["day"])) <= (today.month, today.day) else today.year - 1
        day = _safe_date(year, month, int(g["day"]))
        return _day(day, anchor) if day else UNRESOLVED
    if kind == "last_night":
        return _day(today - timedelta(days=1), anchor, "night")
    if kind == "today_part":
        return _day(today, anchor, g.get("part") or "night")
    if kind == "earlier_today":
        return _day(today, anchor)
    if kind == "day_before_yesterday":
        return _day(today - timedelta(days=2), anchor)
    if kind == "yesterday_part":
        return _day(today - timedelta(days=1), anchor, g.get("part") or g.get("edge"))
    if kind == "yesterday":
        return _day(today - timedelta(days=1), anchor)
    if kind in ("edge_weekday", "weekday_part", "weekday"):
        day = _recent_weekday(today, WEEKDAYS.index(g["wd"]), strictly_before=bool(g.get("last")))
        part = g.get("part") if kind == "weekday_part" else g.get("edge")
        if kind == "edge_weekday" and g.get("part") and g.get("edge") == "late" and g["part"] == "night":
            part = "night"
        return _day(day, anchor, part)
    if kind == "ago":
        n = NUMBER_WORDS.get(g["num"]) or int(g["num"])
        unit = g["unit"].rstrip("s")
        if unit == "day":
            return _day(today - timedelta(days=n), anchor)
        if unit == "week":
            monday = today - timedelta(days=today.weekday() + 7 * n)
            return _interval(_midnight(monday, anchor), _midnight(monday + timedelta(days=7), anchor), TimePrecision.WEEK, anchor)
        if unit == "month":
            total = today.year * 12 + today.month - 1 - n
            return _month(total // 12, total % 12 + 1, anchor)
        return _interval(_midnight(date(today.year - n, 1, 1), anchor), _midnight(date(today.year - n + 1, 1, 1), anchor),
                         TimePrecision.YEAR, anchor)  # fmt: skip
    if kind == "relative_period":
        back = 0 if g["rel"] == "this" else 1
        if g["unit"] == "week":
            if g["rel"] == "past":  # "the past week": the seven days up to publication
                start = _midnight(today - timedelta(days=7), anchor)
                return _interval(start, start + timedelta(days=8), TimePrecision.WEEK, anchor)
            monday = today - timedelta(days=today.weekday() + 7 * back)
            return _interval(_midnight(monday, anchor), _midnight(monday + timedelta(days=7), anchor), TimePrecision.WEEK, anchor)
        if g["unit"] == "month":
            total = today.year * 12 + today.month - 1 - back
            return _month(total // 12, total % 12 + 1, anchor)
        year = today.year - back
        return _interval(_midnight(date(year, 1, 1), anchor), _midnight(date(year + 1, 1, 1), anchor), TimePrecision.YEAR, anchor)
    if kind == "in_month":
        month = MONTHS[g["mon"]]
        year = today.year if month <= today.month else today.year - 1
        return _month(year, month, anchor)
    if kind == "in_year":
        year = int(g["year"])
        return _interval(_midnight(date(year, 1, 1), anchor), _midnight(date(year + 1, 1, 1), anchor), TimePrecision.YEAR, anchor)
    return UNRESOLVED


def find_times(text: str, anchor: datetime | None) -> list[TimeMatch]:
    """Non-overlapping time expressions in ``text`` (earliest first; at one place the first pattern wins)."""
    taken: list[tuple[int, int]] = []
    found: list[TimeMatch] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(a < end and start < b for a, b in taken):
                continue
            if kind in ("weekday", "day_month", "month_day", "in_month") and not _plausible(text, m, kind):
                continue
            taken.append((start, end))
            found.append(TimeMatch(start, end, kind, resolve(kind, m.groupdict(), anchor)))
    return sorted(found, key=lambda t: t.start)


def _plausible(text: str, m: re.Match[str], kind: str) -> bool:
    """Reject month words that are not dates ("May" as a verb, "March" as a noun) and capital-less weekdays."""
    word = m.group("mon") if "mon" in m.groupdict() and m.group("mon") else m.group("wd") if "wd" in m.groupdict() else ""
    if word and not word[:1].isupper():
        return False
    return not (kind in ("day_month", "month_day") and m.group("mon").lower() == "may" and not m.group("day"))
