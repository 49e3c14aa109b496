"""The analyze use case: one file, read with the readers, analysed without writing to a store.

Given a store, the report is geocoded within its outlet's profile from that store's places of the
outlet's reports (``service.outlet_profile``; the report's own stored places, if any, left out)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rashomon.errors import UsageError
from rashomon.ingest.dates import parse_iso
from rashomon.model import Analysis, Rejection, Report
from rashomon.service.ingest import BatchExecutor, BatchPipeline, Reader, analyse_batch
from rashomon.service.outlet_profile import DEFAULT_OUTLET_PROFILE, outlet_contexts
from rashomon.store.base import Store


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
    store: Store | None = None,
    outlet_profile: bool = DEFAULT_OUTLET_PROFILE,
) -> Analysis | Rejection:
    """Analyse the first report in ``path``; with a ``store`` and ``outlet_profile`` on, within its outlet's
    profile from that store (only read)."""
    item = read_one(path, reader)
    if isinstance(item, Rejection):
        return item
    report = with_metadata(item, published=published, outlet=outlet, url=url)
    contexts = outlet_contexts(store, [report]) if store is not None and outlet_profile else None
    (result,) = analyse_batch(pipeline, [report], contexts)
    return result
