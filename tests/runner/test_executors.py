"""Local and Ray executors give the same analyses; a failing Ray worker turns its reports into rejections."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract import Pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, Rejection, RejectionReason
from rashomon.runner import LocalExecutor, PipelineSpec

REPORTS = [
    make_report(
        f"Report {i}: An air strike hit positions near al-Tanf last night, killing {10 + i} fighters, officials said.",
        published=datetime(2017, 8, 9, tzinfo=UTC),
        source=f"mem:{i}",
    )
    for i in range(5)
]


def test_local_executor_yields_one_analysis_per_report_in_order(pipeline: Pipeline) -> None:
    results = list(LocalExecutor(pipeline=pipeline).analyze(REPORTS))
    assert [r.report.id for r in results if isinstance(r, Analysis)] == [r.id for r in REPORTS]


@pytest.mark.ray
def test_ray_local_mode_matches_local_executor(pipeline: Pipeline) -> None:
    pytest.importorskip("ray")
    from rashomon.runner.ray import RayExecutor

    expected = list(LocalExecutor(pipeline=pipeline).analyze(REPORTS))
    executor = RayExecutor(num_workers=2)
    try:
        got = list(executor.analyze(REPORTS))
    finally:
        executor.close()
    assert got == expected


@pytest.mark.ray
def test_ray_worker_that_cannot_start_rejects_its_reports_instead_of_losing_them() -> None:
    pytest.importorskip("ray")
    from rashomon.runner.ray import RayExecutor

    executor = RayExecutor(PipelineSpec(components=("rashomon.no_such_component.v1",)), num_workers=1)
    try:
        got = list(executor.analyze(REPORTS[:2]))
    finally:
        executor.close()
    assert [type(r) for r in got] == [Rejection, Rejection]
    assert all(r.reason is RejectionReason.ANALYSIS_FAILED and "failed twice" in r.message for r in got)  # type: ignore[union-attr]
    assert [r.input for r in got] == ["mem:0", "mem:1"]
