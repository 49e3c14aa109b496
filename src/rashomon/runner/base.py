"""Where per-report analysis runs. The ingest service hands batches of reports to an
``Executor`` and writes what comes back; executors never touch the store.

Workers rebuild the pipeline from ``PipelineSpec`` (component names and spaCy model):
no pipeline state is shipped from the driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from rashomon.extract.pipeline import SPACY_MODEL, Pipeline, build_pipeline
from rashomon.extract.registry import DEFAULT_COMPONENTS
from rashomon.model import Analysis, Rejection, Report


@dataclass(frozen=True)
class PipelineSpec:
    """Everything a worker needs to build the same pipeline as the driver."""

    components: tuple[str, ...] = DEFAULT_COMPONENTS
    model: str = SPACY_MODEL

    def build(self) -> Pipeline:
        return build_pipeline(self.components, self.model)


class Executor(Protocol):
    """Analyses batches of reports; yields one Analysis or Rejection per report, in order."""

    def analyze(self, reports: Sequence[Report]) -> Iterator[Analysis | Rejection]: ...

    def close(self) -> None: ...
