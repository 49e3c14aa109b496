"""Report contexts (the outlet's profile) travel with their reports to every executor: worker processes
and Ray workers read a report the same way the in-process pipeline does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract import Pipeline, ReportContext
from rashomon.extract.gazetteer import load_gazetteer
from rashomon.extract.geocode import Geocoder, OutletTally, outlet_prior
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, Rejection, Report
from rashomon.runner import LocalExecutor

REPORTS = [
    make_report(text, published=datetime(2019, 5, 3, tzinfo=UTC), outlet="The Richmond Register", source=f"mem:{i}")
    for i, text in enumerate(["Richmond police arrested two men on Friday.", "Richmond firefighters put out a barn fire."])
]


def _kentucky() -> ReportContext:
    """A local Kentucky paper's profile, from readings of three of its other reports."""
    geocoder = Geocoder(load_gazetteer())
    tally = OutletTally()
    for text in ("The Madison County court met in Berea.", "Berea, Kentucky, reopened a road.", "Berea, Ky., police said."):
        names = [n for n in ("Madison County", "Berea", "Kentucky", "Ky.") if n in text]
        tally.add(OutletTally.of(geocoder.resolve(text, [(text.index(n), text.index(n) + len(n)) for n in names])))
    return ReportContext(outlet_profile=outlet_prior(tally))


CONTEXTS: list[ReportContext | None] = [_kentucky(), None]


def _richmonds(results: list[Analysis | Rejection]) -> list[str | None]:
    out: list[str | None] = []
    for result in results:
        assert isinstance(result, Analysis)
        out.extend(p.admin1 for p in result.places if p.span.text == "Richmond")
    return out


def test_local_executor_reads_each_report_with_its_own_context(pipeline: Pipeline) -> None:
    executor = LocalExecutor(pipeline=pipeline)
    assert _richmonds(list(executor.analyze(REPORTS, CONTEXTS))) == ["Kentucky", "Virginia"]
    assert _richmonds(list(executor.analyze(REPORTS))) == ["Virginia", "Virginia"]


def test_pipe_refuses_contexts_that_do_not_match_the_reports(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError, match="one per report"):
        list(pipeline.pipe(REPORTS, contexts=CONTEXTS[:1]))


def test_worker_processes_read_contexts_as_in_process(pipeline: Pipeline) -> None:
    from rashomon.runner.process import ProcessExecutor

    expected = list(LocalExecutor(pipeline=pipeline).analyze(REPORTS, CONTEXTS))
    executor = ProcessExecutor(workers=1)
    try:
        got = list(executor.analyze(REPORTS, CONTEXTS))
    finally:
        executor.close()
    assert got == expected


@pytest.mark.ray
def test_ray_workers_read_contexts_as_in_process(pipeline: Pipeline) -> None:
    pytest.importorskip("ray")
    from rashomon.runner.ray import RayExecutor

    reports: list[Report] = REPORTS
    expected = list(LocalExecutor(pipeline=pipeline).analyze(reports, CONTEXTS))
    executor = RayExecutor(num_workers=1)
    try:
        got = list(executor.analyze(reports, CONTEXTS))
    finally:
        executor.close()
    assert got == expected
    assert _richmonds(got) == ["Kentucky", "Virginia"]
