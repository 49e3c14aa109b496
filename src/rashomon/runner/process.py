"""Analysis in N local worker processes: `rashomon ingest ... --workers N` (engine local).

spaCy's ``nlp.pipe(n_process=N)`` would parallelise the parse alone, but Rashomon's components
run in Python after it, so each worker process builds the whole pipeline from the
``PipelineSpec`` (nothing is shipped from the driver) and analyses chunks of reports. Results
cross the process boundary as JSON, as on Ray, and come back in input order. A chunk whose
worker crashed is retried once on a fresh pool; if it fails again its reports come back as
Rejections (reason analysis_failed), so a batch is never lost.
"""

from __future__ import annotations

import math
import multiprocessing
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from rashomon.model import Analysis, Rejection, Report
from rashomon.runner.base import PipelineSpec, decode_result, encode_result, worker_failed

if TYPE_CHECKING:
    from rashomon.extract.base import ReportContext
    from rashomon.extract.pipeline import Pipeline

# Most reports per chunk sent to one worker. Idle workers take the next chunk, so smaller chunks
# balance long and short articles better; 8 splits a 32-report ingest batch into 4 and the 48-report
# bench into 6 (with 16, 3 chunks on 2 workers capped the speed-up at 1.5x: measured 1.2x, 2.91 -> 3.49
# reports/s). nlp.pipe still batches within a chunk, so the parse loses little.
MAX_CHUNK_SIZE = 8
CHUNK_RETRIES = 1

# The pipeline of this worker process, built once by _init_worker. Module state is confined to
# worker processes (the driver never sets it); it is how ProcessPoolExecutor hands state to tasks.
_WORKER_PIPELINE: list[Pipeline] = []


def _init_worker(spec: PipelineSpec) -> None:
    _WORKER_PIPELINE.append(spec.build())


def _analyze_chunk(
    reports: list[Report], contexts: list[ReportContext | None] | None = None
) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """In a worker: analyse a chunk; return (kind, JSON) pairs and the seconds per stage it took."""
    pipeline = _WORKER_PIPELINE[0]
    before = dict(pipeline.stage_seconds)
    results = [encode_result(r) for r in pipeline.pipe(reports, contexts=contexts)]
    spent = {stage: seconds - before.get(stage, 0.0) for stage, seconds in pipeline.stage_seconds.items()}
    return results, spent


class ProcessExecutor:
    """Runs the pipeline in ``workers`` spawned processes (spawn: no forked spaCy or threads)."""

    def __init__(self, spec: PipelineSpec | None = None, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self._spec = spec or PipelineSpec()
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        # Seconds per stage summed over all workers (CPU-seconds of analysis, not wall time).
        self.stage_seconds: defaultdict[str, float] = defaultdict(float)

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self._spec,),
            )
        return self._pool

    def _restart_pool(self) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        return self._get_pool()

    def analyze(
        self, reports: Sequence[Report], contexts: Sequence[ReportContext | None] | None = None
    ) -> Iterator[Analysis | Rejection]:
        reports = list(reports)
        if not reports:
            return
        size = min(MAX_CHUNK_SIZE, math.ceil(len(reports) / self._workers))
        starts = range(0, len(reports), size)
        chunks = [reports[i : i + size] for i in starts]
        chunk_contexts = [list(contexts[i : i + size]) if contexts is not None else None for i in starts]
        pool = self._get_pool()
        futures = [pool.submit(_analyze_chunk, chunk, ctx) for chunk, ctx in zip(chunks, chunk_contexts, strict=True)]
        for chunk, ctx, future in zip(chunks, chunk_contexts, futures, strict=True):
            yield from self._collect(chunk, future, ctx)

    def _collect(
        self,
        chunk: list[Report],
        future: Future[tuple[list[tuple[str, str]], dict[str, float]]],
        contexts: list[ReportContext | None] | None = None,
    ) -> list[Analysis | Rejection]:
        attempts = 0
        while True:
            try:
                items, spent = future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker must not lose the batch
                if attempts >= CHUNK_RETRIES:
                    return [worker_failed(report, exc, "analysis worker process") for report in chunk]
                attempts += 1
                # A dead worker breaks the whole pool: later chunks of this batch fail too and
                # each is retried here, in order, on the fresh pool.
                pool = self._pool if self._pool is not None and not _is_broken(self._pool) else self._restart_pool()
                future = pool.submit(_analyze_chunk, chunk, contexts)
                continue
            for stage, seconds in spent.items():
                self.stage_seconds[stage] += seconds
            return [decode_result(item) for item in items]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _is_broken(pool: ProcessPoolExecutor) -> bool:
    return bool(getattr(pool, "_broken", False))
