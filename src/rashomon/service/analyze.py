"""The analyze use case: one file, read with the readers, analysed without a store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rashomon.errors import UsageError
from rashomon.ingest.dates import parse_iso
from rashomon.model import Analysis, Rejection, Report
from rashomon.service.ingest import BatchExecutor, BatchPipeline, Reader, analyse_batch


def parse_published(value: str | None) -> datetime | None:
    """``--published``: an ISO date or datetime (2017-08-09, 2017-08-09T14:00:00+03:00); UTC when no zone is given."""
    if value is None:
        return None
    parsed = parse_iso(value)
    if parsed is None:
        raise UsageError(f"--published {value!r} is not an ISO date; write it like 2017-08-09 or 2017-08-09T14:00")
    return parsed


def read_one(path: str | Path, reader: Reader | None = None) -> Report | Rejection:
    """The first report in ``path`` (a text or HTML file), or why it could not be read."""
    if reader is None:
        from rashomon.ingest import read_inputs

        reader = read_inputs
    for item in reader([path]):
        return item
    raise UsageError(f"{path} holds no report; give a text or HTML file")


def with_metadata(
    report: Report, *, published: datetime | None = None, outlet: str | None = None, url: str | None = None
) -> Report:
    """The report with the metadata given on the command line in place of what the file said."""
    update: dict[str, object] = {}
    if published is not None:
        update["published"] = published
    if outlet:
        update["outlet"] = outlet
    if url:
        update["url"] = url
    return report.model_copy(update=update) if update else report


def analyze_file(
    path: str | Path,
    pipeline: BatchPipeline | BatchExecutor,
    *,
    published: datetime | None = None,
    outlet: str | None = None,
    url: str | None = None,
    reader: Reader | None = None,
) -> Analysis | Rejection:
    item = read_one(path, reader)
    if isinstance(item, Rejection):
        return item
    (result,) = analyse_batch(pipeline, [with_metadata(item, published=published, outlet=outlet, url=url)])
    return result
