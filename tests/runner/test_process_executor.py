"""The multi-process local executor: same analyses as in-process, in order; a worker that cannot start rejects."""

from __future__ import annotations

from datetime import UTC, datetime

from rashomon.extract import Pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Rejection, RejectionReason
from rashomon.runner import LocalExecutor, PipelineSpec
from rashomon.runner.process import ProcessExecutor

REPORTS = [
    make_report(
        f"Report {i}: Rebels shelled the town of Kobani on Monday, killing {3 + i} civilians, the governor said.",
        published=datetime(2017, 8, 9, tzinfo=UTC),
        source=f"mem:{i}",
    )
    for i in range(5)
]


def test_two_processes_give_the_in_process_analyses_in_order(pipeline: Pipeline) -> None:
    expected = list(LocalExecutor(pipeline=pipeline).analyze(REPORTS))
    executor = ProcessExecutor(workers=2)
    try:
        got = list(executor.analyze(REPORTS))
        again = list(executor.analyze(REPORTS[:1]))  # the pool is reused across batches
    finally:
        executor.close()
    assert got == expected
    assert again == expected[:1]
    assert executor.stage_seconds["parse"] > 0 and "rashomon.events.v1" in executor.stage_seconds


def test_worker_that_cannot_start_rejects_its_reports_instead_of_losing_them() -> None:
    executor = ProcessExecutor(PipelineSpec(components=("rashomon.no_such_component.v1",)), workers=1)
    try:
        got = list(executor.analyze(REPORTS[:2]))
    finally:
        executor.close()
    assert [type(r) for r in got] == [Rejection, Rejection]
    assert all(r.reason is RejectionReason.ANALYSIS_FAILED and "failed twice" in r.message for r in got)  # type: ignore[union-attr]
    assert [r.input for r in got] == ["mem:0", "mem:1"]
