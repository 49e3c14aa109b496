"""Where per-report analysis runs. The ingest service hands batches of reports to an
``Executor`` and writes what comes back; executors never touch the store.

Workers rebuild the pipeline from ``PipelineSpec`` (component names, spaCy model, options):
no pipeline state is shipped from the driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from rashomon.extract.base import DEFAULT_OPTIONS, ComponentOptions, ReportContext
from rashomon.extract.pipeline import SPACY_MODEL, Pipeline, build_pipeline
from rashomon.extract.registry import DEFAULT_COMPONENTS
from rashomon.model import Analysis, Rejection, RejectionReason, Report


@dataclass(frozen=True)
class PipelineSpec:
    """Everything a worker needs to build the same pipeline as the driver."""

    components: tuple[str, ...] = DEFAULT_COMPONENTS
    model: str = SPACY_MODEL
    options: ComponentOptions = DEFAULT_OPTIONS

    def build(self) -> Pipeline:
        return build_pipeline(self.components, self.model, self.options)


class Executor(Protocol):
    """Analyses batches of reports; yields one Analysis or Rejection per report, in order. ``contexts``
    (one ``ReportContext`` or None per report) travel with their reports to wherever analysis runs."""

    def analyze(
        self, reports: Sequence[Report], contexts: Sequence[ReportContext | None] | None = None
    ) -> Iterator[Analysis | Rejection]: ...

    def close(self) -> None: ...


def encode_result(result: Analysis | Rejection) -> tuple[str, str]:
    """A result as it crosses a process or network boundary: (kind, JSON)."""
    return type(result).__name__, result.model_dump_json()


def decode_result(item: tuple[str, str]) -> Analysis | Rejection:
    kind, payload = item
    return Analysis.model_validate_json(payload) if kind == "Analysis" else Rejection.model_validate_json(payload)


def worker_failed(report: Report, exc: Exception, worker: str) -> Rejection:
    """The Rejection for a report whose worker failed on every attempt."""
    return Rejection(
        input=report.source or report.id,
        reason=RejectionReason.ANALYSIS_FAILED,
        message=f"{worker} failed twice on report {report.id}: {type(exc).__name__}: {exc}",
        stage="analyze",
    )
