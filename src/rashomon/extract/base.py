"""The component contract of the per-report analysis.

A component reads and extends one ``Draft`` (the mutable working state of one report,
private to this package) and declares what it needs and what it fills, as spaCy
components do. ``Pipeline`` checks the order before anything runs and freezes the
draft into an ``Analysis`` record at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rashomon.extract.geocode import DocumentPrior
from rashomon.model import ActorMention, Analysis, Event, Place, Report, Span, Statement, TimeRef

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# What a component can declare in ``requires``/``assigns``.
SLOTS = ("doc", "actors", "times", "places", "statements", "events")


@dataclass(frozen=True)
class ReportContext:
    """What the caller knows about a report from other reports, given to the components as input
    (extraction never reads a store). ``outlet_profile``: where the outlet's other reports are about
    (``geocode.outlet_prior``), read by the places component; None when the outlet has too little history."""

    outlet_profile: DocumentPrior | None = None


NO_CONTEXT = ReportContext()


@dataclass(frozen=True)
class ComponentOptions:
    """Choices a caller makes when building the components, the same for every report (and carried to
    worker processes in ``runner.PipelineSpec``). ``statements_tagger``: "auto", "crf" or "bilstm"
    (``statements.TAGGER_CHOICES``); None defers to the RASHOMON_STATEMENTS_TAGGER environment variable,
    else "auto". ``drop_unlikely_statements``: whether the statement confidence filter drops the plain assertions
    it scores low (``statement_filter``); off keeps every candidate with its confidence."""

    statements_tagger: str | None = None
    drop_unlikely_statements: bool = True


DEFAULT_OPTIONS = ComponentOptions()


@dataclass
class Draft:
    """Working state of one report while components run; never leaves ``rashomon.extract``."""

    report: Report
    doc: Doc
    context: ReportContext = NO_CONTEXT
    actors: list[ActorMention] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """A provenance span of this report; ``text`` is always the exact slice."""
        return Span(report_id=self.report.id, start=start, end=end, text=self.report.text[start:end])

    def freeze(self, pipeline_version: str) -> Analysis:
        by_start = lambda r: (r.span.start, r.span.end)  # noqa: E731 - tiny sort key
        return Analysis(
            report=self.report,
            actors=tuple(sorted(self.actors, key=by_start)),
            times=tuple(sorted(self.times, key=by_start)),
            places=tuple(sorted(self.places, key=by_start)),
            statements=tuple(sorted(self.statements, key=lambda s: s.content[0].start if s.content else 0)),
            events=tuple(sorted(self.events, key=lambda e: (e.trigger.start, e.trigger.end))),
            pipeline_version=pipeline_version,
        )


@runtime_checkable
class Component(Protocol):
    """One analysis step. ``name`` is a versioned registry name such as ``rashomon.actors.v1``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def configure_nlp(self, nlp: Language) -> None:
        """Add spaCy pipes this component relies on (e.g. an EntityRuler). May do nothing."""

    def __call__(self, draft: Draft) -> None:
        """Read the draft and append what this component assigns."""
