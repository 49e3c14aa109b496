"""Analysis on a Ray cluster (or Ray's local mode): `rashomon ingest ... --engine ray`.

Each worker is a Ray actor that builds its own pipeline from the ``PipelineSpec``. The
driver splits a batch into chunks, sends them round-robin and collects results in input
order. A chunk whose worker fails is retried once on a fresh worker; if it fails again its
reports come back as Rejections (reason analysis_failed) so the batch is never lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from rashomon.errors import OptionalDependencyMissing, PipelineError
from rashomon.extract.base import ReportContext
from rashomon.model import Analysis, Rejection, Report
from rashomon.runner.base import PipelineSpec, decode_result, encode_result, worker_failed

# Reports per task sent to one worker: big enough to amortise Ray's per-task overhead
# (~1 ms) and nlp.pipe's batching, small enough that both workers stay evenly busy: 8 splits a
# 32-report ingest batch into 4 tasks (16 gave 3 tasks for 2 workers on the 48-report bench).
CHUNK_SIZE = 8
CHUNK_RETRIES = 1
# Ray starts workers at nice 15 by default, so on a machine shared with other work they yield to
# everything (measured: 0.16 reports/s instead of ~2 with one worker under load). Analysis is the
# job we were asked to do, so a Ray instance started here runs its workers at normal priority.
# A cluster reached through --address keeps its own setting.
LOCAL_WORKER_NICENESS = 0


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise OptionalDependencyMissing("ray", "ray") from exc
    return ray


class RayExecutor:
    def __init__(
        self,
        spec: PipelineSpec | None = None,
        *,
        address: str | None = None,
        num_workers: int = 2,
        worker_options: dict[str, Any] | None = None,
    ) -> None:
        self._ray = _import_ray()
        self._spec = spec or PipelineSpec()
        self._num_workers = num_workers
        self._owns_ray = False
        if not self._ray.is_initialized():
            init_kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                init_kwargs["address"] = address
            else:
                init_kwargs["num_cpus"] = num_workers
                init_kwargs["_system_config"] = {"worker_niceness": LOCAL_WORKER_NICENESS}
            try:
                self._ray.init(**init_kwargs)
            except Exception as exc:  # Ray raises many start-up error types; map them to one
                raise PipelineError(f"could not start or reach Ray at {address or 'local mode'}: {exc}") from exc
            self._owns_ray = True
        self._worker_cls = self._ray.remote(num_cpus=1, **(worker_options or {}))(_AnalysisWorker)
        self._workers = [self._worker_cls.remote(self._spec) for _ in range(num_workers)]

    def analyze(
        self, reports: Sequence[Report], contexts: Sequence[ReportContext | None] | None = None
    ) -> Iterator[Analysis | Rejection]:
        starts = range(0, len(reports), CHUNK_SIZE)
        chunks = [list(reports[i : i + CHUNK_SIZE]) for i in starts]
        chunk_contexts = [list(contexts[i : i + CHUNK_SIZE]) if contexts is not None else None for i in starts]
        pending = [
            self._workers[i % len(self._workers)].analyze.remote(chunk, ctx)
            for i, (chunk, ctx) in enumerate(zip(chunks, chunk_contexts, strict=True))
        ]
        for index, (chunk, ctx, ref) in enumerate(zip(chunks, chunk_contexts, pending, strict=True)):
            yield from self._collect(index, chunk, ref, ctx)

    def _collect(
        self, index: int, chunk: list[Report], ref: Any, contexts: list[ReportContext | None] | None = None
    ) -> list[Analysis | Rejection]:
        attempts = 0
        while True:
            try:
                return [decode_result(item) for item in self._ray.get(ref)]
            except Exception as exc:  # noqa: BLE001 - a dead worker must not lose the batch
                if attempts >= CHUNK_RETRIES:
                    return [worker_failed(report, exc, "Ray worker") for report in chunk]
                attempts += 1
                slot = index % len(self._workers)
                self._workers[slot] = self._worker_cls.remote(self._spec)
                ref = self._workers[slot].analyze.remote(chunk, contexts)

    def close(self) -> None:
        for worker in self._workers:
            self._ray.kill(worker)
        self._workers = []
        if self._owns_ray:
            self._ray.shutdown()


class _AnalysisWorker:
    """One Ray actor: builds the pipeline once, then analyses chunks. Results cross the wire as JSON."""

    def __init__(self, spec: PipelineSpec) -> None:
        self._pipeline = spec.build()

    def analyze(self, reports: list[Report], contexts: list[ReportContext | None] | None = None) -> list[tuple[str, str]]:
        return [encode_result(r) for r in self._pipeline.pipe(reports, contexts=contexts)]
