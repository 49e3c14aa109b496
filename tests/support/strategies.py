"""Hypothesis strategies that build valid, internally consistent records.

Every span is a real slice of its report's text, so the same analyses can be written to a
store and read back. Text includes the awkward characters hostile inputs carry (quotes,
backslashes, RTL overrides, zero-width joiners, Arabic).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from rashomon.ingest.fingerprint import make_report
from rashomon.model import (
    Account,
    AccountStance,
    ActorMention,
    Analysis,
    Casualties,
    Channel,
    ChannelKind,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Event,
    EventRef,
    Grade,
    Incident,
    IncidentReport,
    Modality,
    NamedVictim,
    Place,
    PlacePrecision,
    Range,
    Report,
    Sector,
    Span,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)

AWKWARD = "'\";--\\\u202e\u200d\u200b<>&"
text_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from([*list(AWKWARD), "\n"])
words = st.text(alphabet=text_chars, min_size=1, max_size=12)
names = st.text(alphabet=text_chars, min_size=1, max_size=30)
datetimes = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    body = " ".join(draw(st.lists(words, min_size=3, max_size=40)))
    text = f"Report {draw(st.integers(0, 10**9))}: {body}."
    return make_report(
        text,
        title=draw(st.none() | names),
        url=draw(st.none() | st.just("https://example.org/a?b=1&c='x'")),
        outlet=draw(st.none() | names),
        published=draw(st.none() | datetimes),
        language="en",
        source=draw(st.none() | names),
    )


def _span(draw: st.DrawFn, report: Report) -> Span:
    start = draw(st.integers(0, len(report.text) - 1))
    end = draw(st.integers(start, len(report.text)))
    return Span(report_id=report.id, start=start, end=end, text=report.text[start:end])


def _casualties(draw: st.DrawFn, report: Report) -> Casualties:
    low = draw(st.none() | st.integers(0, 500))
    high = draw(st.none() | st.integers(low or 0, 1000))
    return Casualties(min=low, max=high, span=draw(st.none() | st.just(_span(draw, report))))


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    report = draw(reports())
    actors = tuple(
        ActorMention(
            id=f"{report.id}:actor:{i}",
            span=_span(draw, report),
            name=draw(names),
            actor_id=draw(st.none() | st.sampled_from(["irgc", "kss", "isis"])),
            kind=draw(st.sampled_from(["ORG", "PERSON", "NORP"])),
            sector=draw(st.sampled_from(list(Sector))),
            role=draw(st.none() | names),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    places = tuple(
        Place(
            id=f"{report.id}:place:{i}",
            span=_span(draw, report),
            name=draw(names),
            lat=draw(st.none() | st.floats(-90, 90, allow_nan=False)),
            lon=draw(st.none() | st.floats(-180, 180, allow_nan=False)),
            precision=draw(st.none() | st.sampled_from(list(PlacePrecision))),
            country_code=draw(st.none() | st.sampled_from(["IQ", "SY"])),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    anchor = report.published
    times = tuple(
        TimeRef(
            id=f"{report.id}:time:{i}",
            span=(span := _span(draw, report)),
            expression=span.text,
            start=anchor - timedelta(hours=12) if anchor else None,
            end=anchor if anchor else None,
            precision=TimePrecision.PART_OF_DAY if anchor else TimePrecision.UNRESOLVED,
            anchor=anchor,
        )
        for i in range(draw(st.integers(0, 2)))
    )
    statements = tuple(
        Statement(
            id=f"{report.id}:st:{i}",
            speaker=draw(st.none() | st.just(_span(draw, report))),
            speaker_name=draw(st.none() | names),
            cue=draw(st.none() | st.just(_span(draw, report))),
            channel=Channel(kind=draw(st.sampled_from(list(ChannelKind))), outlet=draw(st.none() | names)),
            content=tuple(_span(draw, report) for _ in range(draw(st.integers(1, 2)))),
            direct=draw(st.booleans()),
            attributed=draw(st.booleans()),
            stance=draw(st.sampled_from(list(Stance))),
            stance_target=draw(st.none() | names),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    events = tuple(
        Event(
            id=f"{report.id}:ev:{i}",
            trigger=_span(draw, report),
            plover_type=draw(st.sampled_from(["ASSAULT", "PROTEST", "ACCUSE", "REJECT"])),
            plover_mode=draw(st.none() | st.sampled_from(["aerial", "explosive"])),
            actor=draw(st.none() | st.sampled_from(actors)) if actors else None,
            places=places[:1],
            time=times[0] if times else None,
            killed=_casualties(draw, report),
            wounded=_casualties(draw, report),
            named_victims=(NamedVictim(name=draw(names), role=None, span=_span(draw, report)),),
            modality=draw(st.sampled_from(list(Modality))),
            statement_id=statements[0].id if statements else None,
        )
        for i in range(draw(st.integers(0, 2)))
    )
    return Analysis(report=report, actors=actors, places=places, times=times, statements=statements, events=events)


@st.composite
def incidents(draw: st.DrawFn) -> Incident:
    analysis = draw(analyses())
    report = analysis.report
    evidence = (_span(draw, report),)
    low = draw(st.integers(0, 50))
    return Incident(
        id=f"inc-{report.id}",
        title=draw(names),
        events=tuple(EventRef(report_id=report.id, event_id=e.id) for e in analysis.events),
        reports=(IncidentReport(id=report.id, url=report.url, outlet=report.outlet, independent=draw(st.booleans())),),
        accounts=(
            Account(
                source=draw(names),
                stance=draw(st.sampled_from(list(AccountStance))),
                alleged_perpetrator=draw(st.none() | names),
                killed=Range(min=low, max=draw(st.none() | st.integers(low, 100))),
                reports=(report.id,),
                evidence=evidence,
            ),
        ),
        contradictions=(
            Contradiction(
                kind=draw(st.sampled_from(list(ContradictionKind))),
                sides=(
                    ContradictionSide(sources=("a",), claim="x", evidence=evidence),
                    ContradictionSide(sources=("b",), claim="y"),
                ),
                summary=draw(names),
            ),
        ),
        grade=draw(st.sampled_from(list(Grade))),
        grade_reasons=(draw(names),),
    )
