"""Presentation helpers for the templates. They return plain data; Jinja escapes all text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from rashomon.model import Range
from rashomon.service.queries import Timeline

SAFE_URL_SCHEMES = frozenset({"http", "https"})
GRADE_ORDER = ("confirmed", "fair", "weak", "contested", "discounted")
# Timeline geometry (SVG user units).
TIMELINE_HEIGHT = 160
TIMELINE_MAX_BAR_WIDTH = 28
TIMELINE_WIDTH = 900
TIMELINE_MARGIN = 40  # left and right, room for the count label and centred date ticks


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host; None otherwise (javascript:, data:, relative ...)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.netloc:
        return None
    return parts.geturl()


# Direction overrides/embeddings/isolates and zero-width characters: invisible, and able to make
# a name read differently from what it is ("Abu \u202eDawud" shows as "Abu duwaD").
HIDDEN_CHARACTERS = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


def has_hidden(value: object) -> bool:
    """True when the text holds invisible or direction-changing characters (flagged next to names)."""
    return isinstance(value, str) and any(ch in HIDDEN_CHARACTERS for ch in value)


def path_part(value: str) -> str:
    """Percent-encode one path segment (slashes included)."""
    return quote(value, safe="")


def range_text(value: Range | None) -> str:
    if value is None or (value.min is None and value.max is None):
        return "—"
    if value.min == value.max:
        return str(value.min)
    if value.max is None:
        return f"{value.min}+"
    if value.min is None:
        return f"up to {value.max}"
    return f"{value.min}–{value.max}"


def when(value: datetime | None, precision: str | None = None) -> str:
    if value is None:
        return "—"
    if precision == "month":
        return value.strftime("%Y-%m")
    if precision == "year":
        return value.strftime("%Y")
    if precision == "part_of_day" and (value.hour or value.minute):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    grade: str
    count: int
    label: str
    href: str


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    margin: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    max_count: int


def timeline_chart(timeline: Timeline, list_query: dict[str, str]) -> TimelineChart:
    """Stacked bars per bucket, coloured by grade, each linking to the list for its dates."""
    n = len(timeline.buckets)
    if n == 0:
        return TimelineChart(TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_MARGIN, (), (), 0)
    slot = (TIMELINE_WIDTH - 2 * TIMELINE_MARGIN) / n
    bar_width = max(1.0, min(TIMELINE_MAX_BAR_WIDTH, slot * 0.8))
    top = max(b.total for b in timeline.buckets)
    plot = TIMELINE_HEIGHT - 20
    bars: list[Bar] = []
    ticks: list[tuple[float, str]] = []
    tick_every = max(1, n // 8)
    for i, bucket in enumerate(timeline.buckets):
        x = TIMELINE_MARGIN + i * slot + (slot - bar_width) / 2
        y = float(plot)
        end = _bucket_end(bucket.start, timeline.unit)
        query = {k: v for k, v in list_query.items() if k not in {"start", "end", "page"}}
        query.update(start=bucket.start.isoformat(), end=end)
        href = "/incidents?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
        for grade in GRADE_ORDER:
            count = bucket.counts.get(grade, 0)
            if not count:
                continue
            height = plot * count / top
            y -= height
            bars.append(Bar(round(x, 2), round(y, 2), round(bar_width, 2), round(height, 2), grade, count, bucket.label, href))
        if i % tick_every == 0:
            ticks.append((round(TIMELINE_MARGIN + i * slot + slot / 2, 2), bucket.label))
    return TimelineChart(TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_MARGIN, tuple(bars), tuple(ticks), top)


def _bucket_end(start: date, unit: str) -> str:
    if unit == "day":
        return start.isoformat()
    following = date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1)
    return (following - timedelta(days=1)).isoformat()


def template_environment() -> Environment:
    """Jinja with autoescape on for every template, and undefined names as errors."""
    env = Environment(
        loader=PackageLoader("rashomon.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_url=safe_url, path_part=path_part, range_text=range_text, when=when)
    env.globals.update(grades=GRADE_ORDER)
    env.tests["hidden"] = has_hidden
    return env
