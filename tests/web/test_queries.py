"""service.queries on its own: filters, highlight tokens, and the Store protocol through a fake."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.errors import NotFound, UsageError
from rashomon.model import Grade
from rashomon.service.queries import Highlight, Queries, Token, highlight_tokens, parse_filter
from web.fakes import MemoryStore
from web.records import RLO_NAME, Dataset


def _render(tokens: list[Token]) -> str:
    """A compact picture of the tokens: [kind#anchor ...] for open, ] for close."""
    out = []
    for t in tokens:
        if t.type == "text":
            out.append(t.text)
        elif t.type == "open":
            out.append(f"[{t.kind}" + (f"#{t.anchor}" if t.anchor else "") + ("~" if t.continued else "") + " ")
        else:
            out.append("]")
    return "".join(out)


def H(kind: str, start: int, end: int) -> Highlight:
    return Highlight(kind=kind, start=start, end=end, label=kind)  # type: ignore[arg-type]


def test_tokens_nest() -> None:
    text = "Abu said we hit Akashat."
    tokens = highlight_tokens(text, [H("actor", 0, 3), H("statement", 9, 23), H("place", 16, 23)])
    assert _render(tokens) == "[actor#span-0-3 Abu] said [statement#span-9-23 we hit [place#span-16-23 Akashat]]."


def test_tokens_split_crossing_spans_and_keep_one_anchor() -> None:
    text = "0123456789"
    tokens = highlight_tokens(text, [H("statement", 0, 6), H("time", 4, 9), H("event", 0, 6)])
    # statement encloses the same-range event; time crosses the statement's end and continues after it.
    assert _render(tokens) == "[statement#span-0-6 [event 0123[time#span-4-9 45]]][time~ 678]9"


def test_tokens_rebuild_the_text_and_clip_bad_offsets() -> None:
    text = "short"
    tokens = highlight_tokens(text, [H("actor", 3, 99), H("time", 7, 9), H("toll", 2, 2)])
    assert "".join(t.text for t in tokens if t.type == "text") == text
    assert _render(tokens) == "sho[actor#span-3-99 rt]"


def test_parse_filter() -> None:
    flt = parse_filter(start="2026-01-01", end=" 2026-02-01 ", country="iq", actor=" kss ", grade="fair", q="")
    assert (flt.start, flt.end, flt.country, flt.actor, flt.grade, flt.q) == (
        date(2026, 1, 1),
        date(2026, 2, 1),
        "IQ",
        "kss",
        Grade.FAIR,
        None,
    )
    assert parse_filter().is_empty()
    for bad in ({"start": "yesterday"}, {"grade": "likely"}, {"country": "Iraq"}, {"start": "2026-02-02", "end": "2026-02-01"}):
        with pytest.raises(UsageError):
            parse_filter(**bad)


def test_queries_over_the_protocol_with_a_fake_store(dataset: Dataset) -> None:
    queries = Queries(MemoryStore(dataset.analyses, dataset.incidents))
    page = queries.list_incidents(parse_filter(actor="Abu Dawud al-Haddad"))  # zero-width and bidi marks ignored
    assert [s.id for s in page.items] == ["inc-hostile"]
    assert page.items[0].sources == (RLO_NAME,)
    detail = queries.incident(dataset.contested_id)
    assert [len(a.statements) for a in detail.accounts] == [1, 1, 1]
    assert [b.heading for b in detail.brief] == [
        "What happened",
        "Who says what",
        "Where the accounts conflict",
        "Grade",
        "Sources",
    ]
    grade = next(b for b in detail.brief if b.heading == "Grade")
    assert grade.items[0] == "Grade: contested."
    assert Queries(MemoryStore(dataset.analyses, dataset.incidents), brief=False).incident(dataset.contested_id).brief == ()
    with pytest.raises(NotFound, match="no incident 'missing'"):
        queries.incident("missing")
    with pytest.raises(UsageError):
        queries.list_incidents(page=0)
    report = queries.report(dataset.accusation_report_id)
    assert [s.id for s in report.incidents] == [dataset.contested_id]
    timeline = queries.timeline(parse_filter(grade="fair"))
    assert [(b.label, b.total) for b in timeline.buckets] == [("2026-02-01", 1)]


def test_every_mention_of_an_event_is_highlighted() -> None:
    from rashomon.ingest.fingerprint import make_report
    from rashomon.model import Analysis, Event, Span
    from rashomon.service.queries import highlights_of

    text = "An air strike hit the market. The strike killed 12 people."
    report = make_report(text)
    first, again = text.index("strike"), text.index("strike", 10)

    def span(start: int) -> Span:
        return Span(report_id=report.id, start=start, end=start + 6, text="strike")

    event = Event(id="e1", trigger=span(first), plover_type="ASSAULT", mentions=(span(first), span(again)))
    found = [(h.start, h.label) for h in highlights_of(Analysis(report=report, events=(event,))) if h.kind == "event"]
    assert found == [(first, "event: ASSAULT (author)"), (again, "event: ASSAULT, told again (main mention “strike”)")]
