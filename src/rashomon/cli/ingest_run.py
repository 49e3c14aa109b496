"""Engines and the run report for `rashomon ingest`.

``--engine local`` (default) analyses in this process, or in ``--workers N`` local processes;
``--engine ray`` sends batches to Ray workers (``--address auto`` or ``ray://HOST:PORT`` for a
cluster, local mode otherwise). The driver always writes to the store.

The run report is what one ingest run did per stage (read, stored, duplicates, near-duplicates,
analysed), per rejection reason, and the seconds spent in each analysis stage.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from rashomon.errors import PipelineError

if TYPE_CHECKING:
    from rashomon.extract import Pipeline
    from rashomon.service.ingest import IngestSummary


class Engine(StrEnum):
    LOCAL = "local"
    RAY = "ray"


# Ray workers when --workers is not given: one per core of this 2-core reference machine.
DEFAULT_RAY_WORKERS = 2


@dataclass
class Analyser:
    """What ingest gets (a Pipeline or an executor), and where its seconds per stage are kept."""

    target: Any
    stage_seconds: Mapping[str, float] | None = None
    close: Callable[[], None] = lambda: None


def parse_components(components: str | None) -> tuple[str, ...] | None:
    """``--components a,b`` as names; None for the default pipeline; () for the spaCy parse alone."""
    if components is None:
        return None
    return tuple(name.strip() for name in components.split(",") if name.strip())


def make_analyser(
    engine: Engine,
    *,
    workers: int | None,
    address: str | None,
    components: str | None,
    build_local: Callable[[str | None, str | None, bool], Pipeline],
    statements_tagger: str | None = None,
    statement_filter: bool = True,
) -> Analyser:
    """The analysis engine for one run. Raises PipelineError (unknown components or statements tagger,
    Ray unreachable). ``build_local(components, statements_tagger, statement_filter)`` builds the in-process
    pipeline."""
    if engine is Engine.LOCAL and address:
        raise PipelineError("--address only applies to --engine ray; drop it or add --engine ray")
    if engine is Engine.LOCAL and (workers or 1) == 1:
        pipeline = build_local(components, statements_tagger, statement_filter)
        return Analyser(pipeline, pipeline.stage_seconds)

    from rashomon.extract import ComponentOptions
    from rashomon.extract.registry import COMPONENT_FACTORIES, DEFAULT_COMPONENTS
    from rashomon.extract.statements import tagger_choice
    from rashomon.runner import PipelineSpec

    names = parse_components(components)
    # resolved here, so a bad choice stops the run at once and every worker uses the driver's choice
    options = ComponentOptions(statements_tagger=tagger_choice(statements_tagger), drop_unlikely_statements=statement_filter)
    spec = PipelineSpec(components=DEFAULT_COMPONENTS if names is None else names, options=options)
    unknown = [n for n in spec.components if n not in COMPONENT_FACTORIES]
    if unknown:  # caught here: a worker that cannot build its pipeline only says so per chunk
        raise PipelineError(f"unknown components {unknown}; known: {sorted(COMPONENT_FACTORIES)}")
    if engine is Engine.LOCAL:
        from rashomon.runner.process import ProcessExecutor

        executor = ProcessExecutor(spec, workers=workers or 1)
        return Analyser(executor, executor.stage_seconds, executor.close)
    from rashomon.runner.ray import RayExecutor

    ray_executor = RayExecutor(spec, address=address, num_workers=workers or DEFAULT_RAY_WORKERS)
    return Analyser(ray_executor, None, ray_executor.close)


class RateColumn(ProgressColumn):
    """Items per second since the task started."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f}/s", style="progress.data.speed")


def progress_columns() -> tuple[ProgressColumn, ...]:
    """Count, rate, elapsed time and, once a total is known, an ETA."""
    return (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )


@dataclass
class RunReport:
    """Counts what the ingest service reports through its progress callback, then summarises."""

    stages: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    # Seconds per stage the analyser had already spent before this run (a reused Pipeline keeps counting).
    baseline: dict[str, float] = field(default_factory=dict)

    def hear(self, stage: str, n: int) -> None:
        self.stages[stage] += n

    def as_dict(self, summary: IngestSummary, stage_seconds: Mapping[str, float] | None) -> dict[str, Any]:
        reasons = Counter(r.reason.value for r in summary.rejections)
        return {
            "read": self.stages["read"],
            "stored": summary.added,
            "duplicates": summary.duplicates,
            "near_duplicates": summary.near_duplicates,
            "analysed": summary.analysed,
            "rejected": dict(sorted(reasons.items())),
            "seconds": round(time.perf_counter() - self.started, 2),
            "stage_seconds": None
            if stage_seconds is None
            else {k: round(v - self.baseline.get(k, 0.0), 2) for k, v in stage_seconds.items()},
        }

    def lines(self, summary: IngestSummary, stage_seconds: Mapping[str, float] | None) -> list[str]:
        report = self.as_dict(summary, stage_seconds)
        seconds = report["seconds"]
        rate = f", {summary.analysed / seconds:.1f} analysed/s" if seconds and summary.analysed else ""
        lines = [
            f"run: {report['read']} read, {report['stored']} stored, {report['duplicates']} duplicate, "
            f"{report['near_duplicates']} near-duplicate, {report['analysed']} analysed in {seconds:.1f} s{rate}",
        ]
        if report["rejected"]:
            lines.append("run: rejected " + ", ".join(f"{reason} {n}" for reason, n in report["rejected"].items()))
        if report["stage_seconds"]:
            lines.append("run: analysis seconds " + ", ".join(f"{k} {v:.2f}" for k, v in report["stage_seconds"].items()))
        return lines
