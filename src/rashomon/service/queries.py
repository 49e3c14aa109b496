"""Read-only query use cases shared by the web UI, its JSON API and the CLI.

Everything here reads through the ``Store`` protocol and returns typed views; nothing
writes, and nothing builds SQL. Filtering happens on records, so every backend answers
the same way. ``Queries`` is cheap to build: make one per request around the store.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rashomon.errors import NotFound, UsageError
from rashomon.model import (
    Account,
    Affiliation,
    Analysis,
    Grade,
    Incident,
    Range,
    Report,
    Span,
    Stance,
    Statement,
)
from rashomon.model.confidence import at_min_confidence, check_min_confidence, passes
from rashomon.service.brief import brief_sections
from rashomon.store.base import Store

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# A timeline spanning more days than this is bucketed by month instead of by day, so it
# stays readable (about one screen width of day bars).
DAY_BUCKET_MAX_SPAN_DAYS = 92

# Highlight kinds, outermost first: when two spans cover the same characters the earlier
# kind encloses the later one (and owns the ``span-START-END`` anchor).
# "evidence" marks spans an incident cites (accounts, contradiction sides) that no extracted
# record covers, so every evidence link on an incident page lands on an anchored span.
HIGHLIGHT_KINDS = ("statement", "event", "actor", "place", "time", "toll", "evidence")
HighlightKind = Literal["statement", "event", "actor", "place", "time", "toll", "evidence"]


class View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- filters and paging


class IncidentFilter(View):
    """What the incident list can be narrowed by. Every field is optional; all given must hold."""

    start: date | None = Field(default=None, description="Incidents on or after this day.")
    end: date | None = Field(default=None, description="Incidents on or before this day.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code, e.g. IQ.")
    actor: str | None = Field(default=None, description="Source, alleged perpetrator or affiliation (part of a name or an id).")
    grade: Grade | None = None
    q: str | None = Field(default=None, description="Free text: every word must occur in the incident.")

    def is_empty(self) -> bool:
        return all(value is None for value in self.model_dump().values())


def parse_filter(
    start: str | None = None,
    end: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    grade: str | None = None,
    q: str | None = None,
) -> IncidentFilter:
    """Build a filter from loose form values: blanks mean "no filter", bad values raise UsageError."""

    def blank(value: str | None) -> str | None:
        value = (value or "").strip()
        return value or None

    def day(name: str, value: str | None) -> date | None:
        if (value := blank(value)) is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise UsageError(f"{name}={value!r} is not a date; write it as YYYY-MM-DD") from exc

    grade_value = blank(grade)
    if grade_value is not None and grade_value not in {g.value for g in Grade}:
        raise UsageError(f"grade={grade_value!r} is not a grade; use one of {', '.join(g.value for g in Grade)}")
    country_value = blank(country)
    if country_value is not None and not re.fullmatch(r"[A-Za-z]{2}", country_value):
        raise UsageError(f"country={country_value!r} is not an ISO 3166-1 alpha-2 code such as IQ or SY")
    parsed = IncidentFilter(
        start=day("start", start),
        end=day("end", end),
        country=country_value.upper() if country_value else None,
        actor=blank(actor),
        grade=Grade(grade_value) if grade_value else None,
        q=blank(q),
    )
    if parsed.start and parsed.end and parsed.start > parsed.end:
        raise UsageError(f"start {parsed.start} is after end {parsed.end}; swap them")
    return parsed


class IncidentSummary(View):
    """One row of the incident list."""

    id: str
    title: str
    grade: Grade
    time: datetime | None = None
    time_precision: str | None = None
    place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    plover_type: str | None = None
    n_reports: int
    n_independent: int
    n_accounts: int
    n_contradictions: int
    sources: tuple[str, ...] = ()
    killed: Range = Range()


class IncidentPage(View):
    items: tuple[IncidentSummary, ...]
    total: int
    page: int
    per_page: int
    pages: int
    filter: IncidentFilter


# --------------------------------------------------------------------------- statement options

StatementOrder = Literal["text", "confidence"]


class StatementOptions(View):
    """Which statements an incident, report or actor view lists, and in what order."""

    min_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Leave out statements scored under this (rashomon.model.confidence); unscored ones stay.",
    )
    order: StatementOrder = Field(
        default="text",
        description="text: as found (report order); confidence: highest score first, unscored ones after them.",
    )


def parse_statement_options(min_confidence: str | None = None, order: str | None = None) -> StatementOptions:
    """Options from loose form values: blanks mean the defaults, bad values raise UsageError."""
    bar: float | None = None
    if min_confidence is not None and min_confidence.strip():
        try:
            bar = check_min_confidence(float(min_confidence))
        except ValueError as exc:
            raise UsageError(f"min_confidence={min_confidence.strip()!r} is not a number from 0 to 1; write e.g. 0.8") from exc
    order_value = (order or "").strip() or "text"
    if order_value not in ("text", "confidence"):
        raise UsageError(f"order={order_value!r} is not an order; use text or confidence")
    return StatementOptions(min_confidence=bar, order=order_value)  # type: ignore[arg-type]


def in_order(views: Iterable[StatementView], order: StatementOrder) -> tuple[StatementView, ...]:
    """``views`` in ``order``; the sort is stable, so ties (and every unscored view) keep report order."""
    ordered = list(views)
    if order == "confidence":
        ordered.sort(key=lambda v: (v.confidence is None, -(v.confidence or 0.0)))
    return tuple(ordered)


# --------------------------------------------------------------------------- incident detail


class StatementView(View):
    """A statement ready to show: who, how, what, and where in which report."""

    id: str
    report_id: str
    outlet: str | None = None
    speaker: str | None = None
    speaker_actor_id: str | None = None
    speaker_affiliation: str | None = None
    cue: str | None = None
    channel: str | None = None
    stance: Stance
    content: str
    direct: bool
    anchor: str = Field(description="Fragment id of the statement's first content span on its report page.")
    confidence: float | None = Field(default=None, description="The statement filter's score (Statement.confidence).")


class ReportRef(View):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    independent: bool = True
    analysed: bool = True


class AccountView(View):
    account: Account
    statements: tuple[StatementView, ...] = ()


class BriefSection(View):
    heading: str
    items: tuple[str, ...]


class IncidentDetail(View):
    incident: Incident
    reports: tuple[ReportRef, ...]
    accounts: tuple[AccountView, ...]
    brief: tuple[BriefSection, ...] = Field(default=(), description="The analyst brief (service.brief), section by section.")


# --------------------------------------------------------------------------- report with highlights


class Highlight(View):
    kind: HighlightKind
    start: int
    end: int
    label: str = Field(description="What the span was recognised as, e.g. 'actor: Kata'ib Hezbollah'.")


class Token(View):
    """One step of a highlighted text: plain text, or the opening/closing of a highlight."""

    type: Literal["text", "open", "close"]
    text: str = ""
    kind: HighlightKind | None = None
    anchor: str | None = Field(default=None, description="Set on the first piece of a span: 'span-START-END'.")
    label: str | None = None
    continued: bool = Field(default=False, description="A later piece of a span split at a crossing span.")


class ReportDetail(View):
    report: Report
    analysis: Analysis | None
    highlights: tuple[Highlight, ...]
    tokens: tuple[Token, ...]
    statements: tuple[StatementView, ...]
    incidents: tuple[IncidentSummary, ...]


# --------------------------------------------------------------------------- actors


class ActorDetail(View):
    key: str
    name: str
    actor_ids: tuple[str, ...]
    aliases: tuple[str, ...]
    affiliations: tuple[str, ...]
    affiliated: tuple[str, ...] = Field(default=(), description="Sources tied to this actor, with the relation.")
    statements: tuple[StatementView, ...]
    incidents: tuple[IncidentSummary, ...]


# --------------------------------------------------------------------------- timeline and map


class TimelineBucket(View):
    start: date
    label: str
    counts: dict[str, int] = Field(description="Incidents per grade.")
    total: int


class Timeline(View):
    unit: Literal["day", "month"]
    buckets: tuple[TimelineBucket, ...]
    undated: int


def anchor_for(span: Span) -> str:
    return f"span-{span.start}-{span.end}"


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for matching; also drops zero-width and bidi controls."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) not in {"Mn", "Cf"}).casefold()


def _incident_day(incident: Incident) -> date | None:
    if incident.time is None or incident.time.start is None:
        return None
    return incident.time.start.date()


def _incident_days(incident: Incident) -> tuple[date, date] | None:
    if incident.time is None or incident.time.start is None:
        return None
    first = incident.time.start.date()
    last = incident.time.end.date() if incident.time.end is not None else first
    return first, max(first, last)


def _country(incident: Incident) -> str | None:
    code = incident.country_code or (incident.place.country_code if incident.place else None)
    return code.upper() if code else None


def _actor_names(incident: Incident) -> Iterator[str]:
    for account in incident.accounts:
        yield account.source
        if account.source_actor_id:
            yield account.source_actor_id
        if account.alleged_perpetrator:
            yield account.alleged_perpetrator
        for affiliation in account.affiliation:
            yield affiliation.name
            yield affiliation.actor_id


def _haystack(incident: Incident) -> str:
    parts: list[str] = [incident.id, incident.title, incident.plover_type or "", incident.acled_event_type or ""]
    if incident.place is not None:
        parts += [incident.place.name, incident.place.admin1 or ""]
    parts += list(_actor_names(incident))
    for account in incident.accounts:
        parts += [*account.outlets, account.method or "", account.place or ""]
    parts += [c.summary for c in incident.contradictions]
    parts += [r.outlet or "" for r in incident.reports]
    return _fold(" ".join(parts))


def matches(incident: Incident, flt: IncidentFilter) -> bool:
    """True when the incident satisfies every condition of the filter."""
    if flt.grade is not None and incident.grade != flt.grade:
        return False
    if flt.country is not None and _country(incident) != flt.country:
        return False
    if flt.start is not None or flt.end is not None:
        days = _incident_days(incident)
        if days is None:
            return False
        if flt.start is not None and days[1] < flt.start:
            return False
        if flt.end is not None and days[0] > flt.end:
            return False
    if flt.actor is not None:
        wanted = _fold(flt.actor)
        if not any(wanted in _fold(name) for name in _actor_names(incident)):
            return False
    if flt.q is not None:
        haystack = _haystack(incident)
        if not all(word in haystack for word in _fold(flt.q).split()):
            return False
    return True


def summarise(incident: Incident) -> IncidentSummary:
    place = incident.place
    return IncidentSummary(
        id=incident.id,
        title=incident.title,
        grade=incident.grade,
        time=incident.time.start if incident.time else None,
        time_precision=incident.time.precision.value if incident.time else None,
        place=place.name if place else None,
        country_code=_country(incident),
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        plover_type=incident.plover_type,
        n_reports=len(incident.reports),
        n_independent=sum(1 for r in incident.reports if r.independent),
        n_accounts=len(incident.accounts),
        n_contradictions=len(incident.contradictions),
        sources=tuple(dict.fromkeys(a.source for a in incident.accounts)),
        killed=incident.killed,
    )


def _sort_key(incident: Incident) -> tuple[int, float, str]:
    """Newest first, undated last, ties by id (stable across runs)."""
    start = incident.time.start if incident.time else None
    if start is None:
        return (1, 0.0, incident.id)
    stamp = (start if start.tzinfo else start.replace(tzinfo=UTC)).timestamp()  # naive times are read as UTC
    return (0, -stamp, incident.id)


def statement_view(statement: Statement, report: Report) -> StatementView:
    content = " … ".join(fragment.text for fragment in statement.content)
    # The first non-empty content fragment: the report page highlights (and anchors) exactly those.
    first = next((span for span in statement.content if span.end > span.start), None)
    anchor = anchor_for(first) if first is not None else ""
    return StatementView(
        id=statement.id,
        report_id=report.id,
        outlet=statement.channel.outlet or report.outlet,
        speaker=statement.speaker_name or (statement.speaker.text if statement.speaker else None),
        speaker_actor_id=statement.speaker_actor_id,
        speaker_affiliation=statement.speaker_affiliation,
        cue=statement.cue.text if statement.cue else None,
        channel=statement.channel.kind.value,
        stance=statement.stance,
        content=content,
        direct=statement.direct,
        anchor=anchor,
        confidence=statement.confidence,
    )


# --------------------------------------------------------------------------- highlighting


def highlights_of(analysis: Analysis) -> list[Highlight]:
    """Every extracted span of one report, labelled by kind."""
    found: list[Highlight] = []

    def add(kind: HighlightKind, span: Span | None, label: str) -> None:
        if span is not None and span.end > span.start:
            found.append(Highlight(kind=kind, start=span.start, end=span.end, label=label))

    for statement in analysis.statements:
        speaker = statement.speaker_name or (statement.speaker.text if statement.speaker else "author")
        for fragment in statement.content:
            add("statement", fragment, f"statement by {speaker} ({statement.stance.value})")
    for event in analysis.events:
        add("event", event.trigger, f"event: {event.plover_type}" + (f" ({event.modality.value})" if event.modality else ""))
        for mention in event.mentions:
            if mention != event.trigger:
                add("event", mention, f"event: {event.plover_type}, told again (main mention “{event.trigger.text}”)")
        add("toll", event.killed.span, f"killed: {_range_text(event.killed.min, event.killed.max)}")
        add("toll", event.wounded.span, f"wounded: {_range_text(event.wounded.min, event.wounded.max)}")
    for mention in analysis.actors:
        add("actor", mention.span, f"actor: {mention.name}" + (f" [{mention.actor_id}]" if mention.actor_id else ""))
    for place in analysis.places:
        where = f" ({place.lat:.4f}, {place.lon:.4f})" if place.lat is not None and place.lon is not None else ""
        add("place", place.span, f"place: {place.name}{where}")
    for time in analysis.times:
        resolved = time.start.date().isoformat() if time.start else "unresolved"
        add("time", time.span, f"time: {time.expression} → {resolved} ({time.precision.value})")
    return found


def _range_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "unknown"
    if low == high:
        return str(low)
    if high is None:
        return f"{low}+"
    return f"{low or 0}–{high}"


def highlight_tokens(text: str, highlights: Iterable[Highlight]) -> list[Token]:
    """Split ``text`` at the highlights' offsets into properly nested open/text/close tokens.

    Nested spans nest; a span that crosses the end of an enclosing one is split there and
    continues after it (the continuation carries no anchor). Offsets outside the text are
    clipped. The tokens carry plain text only: whoever renders them escapes it.
    """
    rank = {kind: i for i, kind in enumerate(HIGHLIGHT_KINDS)}
    size = len(text)
    heap: list[tuple[int, int, int, int, Highlight, bool]] = []
    for seq, h in enumerate(highlights):
        start, end = max(0, min(h.start, size)), max(0, min(h.end, size))
        if end > start:
            heapq.heappush(heap, (start, -end, rank[h.kind], seq, h, False))
    tokens: list[Token] = []
    used_anchors: set[str] = set()
    # Stack of open pieces: (end offset). The root covers the whole text.
    stack: list[int] = [size]
    pos = 0

    def emit_text(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            tokens.append(Token(type="text", text=text[pos:upto]))
            pos = upto

    seq = len(heap)
    while heap:
        start, neg_end, kind_rank, _, h, continued = heapq.heappop(heap)
        end = -neg_end
        while len(stack) > 1 and stack[-1] <= start:
            emit_text(stack[-1])
            stack.pop()
            tokens.append(Token(type="close"))
        emit_text(start)
        if end > stack[-1]:  # crosses the enclosing piece: split, continue after it
            seq += 1
            heapq.heappush(heap, (stack[-1], -end, kind_rank, seq, h, True))
            end = stack[-1]
        anchor = None
        if not continued:
            candidate = f"span-{h.start}-{h.end}"
            if candidate not in used_anchors:
                used_anchors.add(candidate)
                anchor = candidate
        tokens.append(Token(type="open", kind=h.kind, anchor=anchor, label=h.label, continued=continued))
        stack.append(end)
    while len(stack) > 1:
        emit_text(stack[-1])
        stack.pop()
        tokens.append(Token(type="close"))
    emit_text(size)
    return tokens


# --------------------------------------------------------------------------- the use cases


class Queries:
    """Read-only questions the UI asks of one store."""

    def __init__(self, store: Store, *, brief: bool = True) -> None:
        self.store = store
        self._brief = brief
        self._all: list[Incident] | None = None

    def _incidents(self) -> list[Incident]:
        """Every stored incident, read once per Queries (one request), however many questions it answers."""
        if self._all is None:
            self._all = list(self.store.iter_incidents())
        return self._all

    # incidents ---------------------------------------------------------------------

    def incidents(self, flt: IncidentFilter | None = None) -> list[Incident]:
        """All incidents matching the filter, newest first."""
        flt = flt or IncidentFilter()
        found = [incident for incident in self._incidents() if matches(incident, flt)]
        found.sort(key=_sort_key)
        return found

    def list_incidents(self, flt: IncidentFilter | None = None, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> IncidentPage:
        if page < 1:
            raise UsageError(f"page={page} must be 1 or more")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise UsageError(f"per_page={per_page} must be between 1 and {MAX_PER_PAGE}")
        flt = flt or IncidentFilter()
        found = self.incidents(flt)
        total = len(found)
        pages = max(1, math.ceil(total / per_page))
        chosen = found[(page - 1) * per_page : page * per_page]
        return IncidentPage(
            items=tuple(summarise(i) for i in chosen), total=total, page=page, per_page=per_page, pages=pages, filter=flt
        )

    def facets(self) -> dict[str, list[str]]:
        """Values the filters can take, for the list page's drop-downs."""
        countries: set[str] = set()
        for incident in self._incidents():
            if code := _country(incident):
                countries.add(code)
        return {"country": sorted(countries), "grade": [g.value for g in Grade]}

    def incident(self, incident_id: str, statements: StatementOptions | None = None) -> IncidentDetail:
        """One incident; ``statements`` narrows and orders each account's statements (not the incident record,
        which was assessed from all of them)."""
        options = statements or StatementOptions()
        incident = self._get_incident(incident_id)
        analyses: dict[str, Analysis] = {}
        refs: list[ReportRef] = []
        for item in incident.reports:
            analysis = self.store.get_analysis(item.id)
            if analysis is not None:
                analyses[item.id] = analysis
                report = analysis.report
                refs.append(
                    ReportRef(
                        id=report.id,
                        title=report.title,
                        url=item.url or report.url,
                        outlet=item.outlet or report.outlet,
                        published=report.published,
                        independent=item.independent,
                    )
                )
            else:
                refs.append(ReportRef(id=item.id, url=item.url, outlet=item.outlet, independent=item.independent, analysed=False))
        by_id: dict[str, StatementView] = {}
        for analysis in analyses.values():
            for statement in analysis.statements:
                if passes(statement, options.min_confidence):
                    by_id[statement.id] = statement_view(statement, analysis.report)
        accounts = tuple(
            AccountView(account=a, statements=in_order((by_id[s] for s in a.statement_ids if s in by_id), options.order))
            for a in incident.accounts
        )
        brief: tuple[BriefSection, ...] = ()
        if self._brief:
            urls = {ref.id: ref.url for ref in refs}
            brief = tuple(BriefSection(heading=h, items=tuple(items)) for h, items in brief_sections(incident, urls))
        return IncidentDetail(incident=incident, reports=tuple(refs), accounts=accounts, brief=brief)

    def _get_incident(self, incident_id: str) -> Incident:
        try:
            return self.store.get_incident(incident_id)
        except (KeyError, NotFound) as exc:
            raise NotFound(f"no incident {incident_id!r}; list them with `rashomon incidents` or open /incidents") from exc

    # reports -------------------------------------------------------------------------

    def report(self, report_id: str, statements: StatementOptions | None = None) -> ReportDetail:
        """One report with its analysis; ``statements`` narrows the analysis (highlights follow) and orders its
        statement list."""
        options = statements or StatementOptions()
        analysis = self.store.get_analysis(report_id)
        if analysis is not None:
            analysis = at_min_confidence(analysis, options.min_confidence)
            report = analysis.report
        else:
            try:
                report = self.store.get_report(report_id)
            except (KeyError, NotFound) as exc:
                raise NotFound(f"no report {report_id!r}; list them with `rashomon reports`") from exc
        highlights = highlights_of(analysis) if analysis is not None else []
        views = in_order((statement_view(s, report) for s in analysis.statements), options.order) if analysis is not None else ()
        involved = [i for i in self._incidents() if any(r.id == report_id for r in i.reports)]
        covered = {(h.start, h.end) for h in highlights}
        for incident in involved:
            for span in _evidence_spans(incident):
                if span.report_id == report_id and span.end > span.start and (span.start, span.end) not in covered:
                    covered.add((span.start, span.end))
                    highlights.append(
                        Highlight(kind="evidence", start=span.start, end=span.end, label=f"evidence in {incident.id}")
                    )
        incidents = tuple(summarise(i) for i in involved)
        return ReportDetail(
            report=report,
            analysis=analysis,
            highlights=tuple(highlights),
            tokens=tuple(highlight_tokens(report.text, highlights)),
            statements=views,
            incidents=incidents,
        )

    # actors ----------------------------------------------------------------------------

    def actor(self, key: str, statements: StatementOptions | None = None) -> ActorDetail:
        """Everything said by or about one actor, matched by knowledge-base id or by name. ``statements``
        narrows and orders the statements the actor made; a dropped one still names the actor."""
        options = statements or StatementOptions()
        if not key.strip():
            raise UsageError("an actor key is needed: a knowledge-base id or a name")
        # A name made only of invisible characters folds to nothing; it is then matched as written.
        wanted = _fold(key.strip()) or key.strip()

        def hit(*values: str | None) -> bool:
            return any(v is not None and (_fold(v.strip()) or v.strip()) == wanted for v in values)

        names: dict[str, int] = defaultdict(int)
        ids: set[str] = set()
        affiliations: dict[str, None] = {}
        affiliated: dict[str, None] = {}
        incidents: list[Incident] = []
        for incident in self._incidents():
            involved = False
            for account in incident.accounts:
                if hit(account.source, account.source_actor_id):
                    involved = True
                    names[account.source] += 1
                    if account.source_actor_id:
                        ids.add(account.source_actor_id)
                    for affiliation in account.affiliation:
                        affiliations[_affiliation_text(affiliation)] = None
                if hit(account.alleged_perpetrator):
                    involved = True
                for affiliation in account.affiliation:
                    if hit(affiliation.actor_id, affiliation.name):
                        involved = True
                        names[affiliation.name] += 1
                        ids.add(affiliation.actor_id)
                        affiliated[f"{account.source} ({affiliation.relation.value.replace('_', ' ')})"] = None
            if involved:
                incidents.append(incident)
        made: list[StatementView] = []
        spoke = False  # made any statement, kept or not: the actor exists even when the bar hides them all
        for analysis in self.store.iter_analyses():
            for mention in analysis.actors:
                if hit(mention.name, mention.actor_id, mention.span.text):
                    names[mention.span.text] += 1
                    names[mention.name] += 1
                    if mention.actor_id:
                        ids.add(mention.actor_id)
            for statement in analysis.statements:
                if hit(statement.speaker_name, statement.speaker_actor_id):
                    spoke = True
                    if passes(statement, options.min_confidence):
                        made.append(statement_view(statement, analysis.report))
                    if statement.speaker_affiliation and not hit(statement.speaker_affiliation):
                        affiliations[statement.speaker_affiliation] = None
                    # speaker_actor_id may be the speaker's organisation: an id of this actor only when it was the match
                    if statement.speaker_actor_id and hit(statement.speaker_actor_id):
                        ids.add(statement.speaker_actor_id)
        if not names and not spoke and not incidents:
            raise NotFound(f"no actor {key!r} in this database; actor pages are linked from incident accounts")
        ranked = sorted(names, key=lambda n: (-names[n], n))
        name = next((n for n in ranked if n not in ids), ranked[0] if ranked else key)
        incidents.sort(key=_sort_key)
        return ActorDetail(
            key=key,
            name=name,
            actor_ids=tuple(sorted(ids)),
            aliases=tuple(n for n in ranked if n != name and n not in ids),
            affiliations=tuple(affiliations),
            affiliated=tuple(affiliated),
            statements=in_order(made, options.order),
            incidents=tuple(summarise(i) for i in incidents),
        )

    # timeline and map --------------------------------------------------------------------

    def timeline(self, flt: IncidentFilter | None = None) -> Timeline:
        found = self.incidents(flt)
        days = [d for d in (_incident_day(i) for i in found) if d is not None]
        undated = len(found) - len(days)
        if not days:
            return Timeline(unit="day", buckets=(), undated=undated)
        first, last = min(days), max(days)
        unit: Literal["day", "month"] = "day" if (last - first).days <= DAY_BUCKET_MAX_SPAN_DAYS else "month"
        counts: dict[date, dict[str, int]] = {}
        for incident in found:
            day = _incident_day(incident)
            if day is None:
                continue
            key = day if unit == "day" else day.replace(day=1)
            counts.setdefault(key, defaultdict(int))[incident.grade.value] += 1
        buckets: list[TimelineBucket] = []
        cursor = first if unit == "day" else first.replace(day=1)
        while cursor <= last:
            grade_counts = dict(counts.get(cursor, {}))
            label = cursor.isoformat() if unit == "day" else cursor.strftime("%Y-%m")
            buckets.append(TimelineBucket(start=cursor, label=label, counts=grade_counts, total=sum(grade_counts.values())))
            cursor = _next_bucket(cursor, unit)
        return Timeline(unit=unit, buckets=tuple(buckets), undated=undated)

    def map_points(self, flt: IncidentFilter | None = None) -> list[IncidentSummary]:
        """Incidents that have coordinates, newest first."""
        return [s for s in (summarise(i) for i in self.incidents(flt)) if s.lat is not None and s.lon is not None]


def _evidence_spans(incident: Incident) -> Iterator[Span]:
    for account in incident.accounts:
        yield from account.evidence
    for contradiction in incident.contradictions:
        for side in contradiction.sides:
            yield from side.evidence


def _next_bucket(day: date, unit: str) -> date:
    if unit == "day":
        return date.fromordinal(day.toordinal() + 1)
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _affiliation_text(affiliation: Affiliation) -> str:
    return f"{affiliation.relation.value.replace('_', ' ')} {affiliation.name}"
