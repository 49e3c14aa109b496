"""Analysis in this process, the default engine."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rashomon.extract.base import ReportContext
from rashomon.extract.pipeline import Pipeline
from rashomon.model import Analysis, Rejection, Report
from rashomon.runner.base import PipelineSpec


class LocalExecutor:
    """Runs ``Pipeline.pipe`` in-process. The pipeline is built on first use, or passed in."""

    def __init__(self, spec: PipelineSpec | None = None, pipeline: Pipeline | None = None) -> None:
        self._spec = spec or PipelineSpec()
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._spec.build()
        return self._pipeline

    def analyze(
        self, reports: Sequence[Report], contexts: Sequence[ReportContext | None] | None = None
    ) -> Iterator[Analysis | Rejection]:
        yield from self.pipeline.pipe(list(reports), contexts=contexts)

    def close(self) -> None:
        self._pipeline = None
