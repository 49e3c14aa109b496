"""The ingest use case: read inputs, skip exact duplicates, mark near-duplicates, store, analyse.

Work goes in batches. Each batch's new reports commit together, then their analyses commit
together, so a crash loses at most the batch in flight and never leaves half a report. Reports
stored but not analysed (a crash between the two commits) are analysed at the start of the next
run, which is what makes a rerun after a kill finish the job.

Each batch is geocoded within its outlets' profiles (``service.outlet_profile``: the stored places of
each outlet's other reports, as the store stood before the batch) unless ``outlet_profile=False``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from rashomon.extract.base import ReportContext
from rashomon.model import Analysis, Rejection, Report
from rashomon.service.incidents import update_incidents
from rashomon.service.outlet_profile import DEFAULT_OUTLET_PROFILE, outlet_contexts
from rashomon.store.base import AddOutcome, Store

# Reports per batch: one commit and one `pipeline.pipe` call each (which parses them in smaller
# batches, extract.pipeline.PIPE_BATCH_SIZE); a kill loses at most this many reports' work.
DEFAULT_BATCH_SIZE = 32


class BatchPipeline(Protocol):
    """What ingest needs from the analysis: ``extract.Pipeline`` fits."""

    def pipe(self, reports: Iterable[Report]) -> Iterator[Analysis | Rejection]: ...


class BatchExecutor(Protocol):
    """An executor (``runner.LocalExecutor``, ``runner.ray``): analyses a batch, in order; both accept a
    ``contexts=`` keyword (one ``ReportContext`` or None per report) as well."""

    def analyze(self, reports: Sequence[Report]) -> Iterator[Analysis | Rejection]: ...


class DuplicateIndex(Protocol):
    """``ingest.dedup.NearDuplicateIndex``: MinHash signatures and an LSH lookup."""

    def signature(self, text: str) -> tuple[int, ...]: ...
    def add(self, report_id: str, signature: Sequence[int]) -> None: ...
    def find(self, signature: Sequence[int]) -> str | None: ...


Reader = Callable[[Sequence[str | Path]], Iterable[Report | Rejection]]
# Called with a stage name ("read", "stored", "analysed", "rejected") and how many items it just handled.
ProgressCallback = Callable[[str, int], None]


@dataclass(frozen=True)
class IngestSummary:
    """What one run did. ``added`` counts every newly stored report, near-duplicates included;
    ``near_duplicates`` says how many of those are marked as copies of an earlier report."""

    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejected: int = 0
    analysed: int = 0
    rejections: tuple[Rejection, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """The `rashomon ingest --json` object."""
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "rejected": self.rejected,
        }

    def line(self) -> str:
        return (
            f"{self.added} added ({self.near_duplicates} near-duplicate), {self.duplicates} duplicate, "
            f"{self.rejected} rejected, {self.analysed} analysed"
        )


@dataclass
class _Tally:
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    analysed: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def freeze(self) -> IngestSummary:
        return IngestSummary(
            added=self.added,
            duplicates=self.duplicates,
            near_duplicates=self.near_duplicates,
            rejected=len(self.rejections),
            analysed=self.analysed,
            rejections=tuple(self.rejections),
        )


def analyse_batch(
    analyser: BatchPipeline | BatchExecutor,
    reports: Sequence[Report],
    contexts: Sequence[ReportContext | None] | None = None,
) -> list[Analysis | Rejection]:
    """Analyse one batch: one Analysis or Rejection per report, in order. The one step an executor replaces.
    ``contexts`` (one per report) are passed on only when some report has one, so analysers that take
    none (test doubles) keep working."""
    extra = {"contexts": list(contexts)} if contexts is not None and any(c is not None for c in contexts) else {}
    if hasattr(analyser, "pipe"):
        return list(analyser.pipe(list(reports), **extra))  # type: ignore[union-attr, call-arg] - checked just above
    return list(analyser.analyze(reports, **extra))  # type: ignore[union-attr, call-arg]


def _default_reader(paths: Sequence[str | Path], skip: frozenset[Path] = frozenset()) -> Iterable[Report | Rejection]:
    from rashomon.ingest import read_inputs

    return read_inputs(paths, skip=skip)


# SQLite's companion files next to a database ("x.db-wal"), which a folder walk would otherwise read as inputs.
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def store_files(store: Store) -> frozenset[Path]:
    """The files the store itself writes (an embedded SQLite store's database and its companions), resolved;
    empty for a server store. An input folder that holds the store must not read it back as reports."""
    path = getattr(store, "path", None)
    if not isinstance(path, Path):
        return frozenset()
    base = path.resolve()
    return frozenset(base.with_name(base.name + suffix) for suffix in SQLITE_SUFFIXES)


def _default_index() -> DuplicateIndex:
    from rashomon.ingest.dedup import NearDuplicateIndex

    return NearDuplicateIndex()


def load_index(store: Store, index: DuplicateIndex | None = None) -> DuplicateIndex:
    """A near-duplicate index holding the signatures of every stored report."""
    index = index if index is not None else _default_index()
    for stored in store.iter_signatures():
        index.add(stored.report_id, stored.hashvalues)
    return index


def _batches(items: Iterable[Report | Rejection], size: int) -> Iterator[list[Report | Rejection]]:
    batch: list[Report | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Run:
    """One ingest run's state: the store, the analyser, the index and the tally."""

    def __init__(
        self,
        store: Store,
        analyser: BatchPipeline | BatchExecutor,
        index: DuplicateIndex,
        progress: ProgressCallback | None,
        on_rejection: Callable[[Rejection], None] | None = None,
        outlet_profile: bool = DEFAULT_OUTLET_PROFILE,
    ) -> None:
        self.store = store
        self.outlet_profile = outlet_profile
        self.analyser = analyser
        self.index = index
        self.progress = progress or (lambda stage, n: None)
        self.on_rejection = on_rejection or (lambda rejection: None)
        self.tally = _Tally()
        self.seen: set[str] = set()  # ids added by this run
        self.copy_of: dict[str, str] = {}  # this run's near-duplicates -> the report they copy

    def root(self, report_id: str) -> str:
        """The report a copy ultimately repeats: a copy of a copy points at the first one."""
        if report_id in self.copy_of:
            return self.copy_of[report_id]
        if report_id in self.seen:  # added by this run and not a copy, perhaps not committed yet
            return report_id
        return self.store.get_report(report_id).near_duplicate_of or report_id

    def reject(self, rejections: Sequence[Rejection]) -> None:
        if not rejections:
            return
        with self.store.transaction():
            for rejection in rejections:
                self.store.record_rejection(rejection)
        self._rejected(rejections)

    def _rejected(self, rejections: Sequence[Rejection]) -> None:
        """Count rejections already recorded in the store, and tell the caller about each."""
        if not rejections:
            return
        self.tally.rejections.extend(rejections)
        self.progress("rejected", len(rejections))
        for rejection in rejections:
            self.on_rejection(rejection)

    def store_batch(self, items: Sequence[Report | Rejection]) -> list[Report]:
        """Store the batch's new reports (and its rejections) in one transaction; return the new reports."""
        self.progress("read", len(items))
        reports = [item for item in items if isinstance(item, Report)]
        rejections = [item for item in items if isinstance(item, Rejection)]
        stored = self.store.existing_report_ids(r.id for r in reports)
        now = datetime.now(UTC)
        new: list[tuple[Report, tuple[int, ...]]] = []
        for report in reports:
            if report.id in stored or report.id in self.seen:
                self.tally.duplicates += 1
                continue
            self.seen.add(report.id)
            signature = tuple(self.index.signature(report.text))
            original = self.index.find(signature)
            update: dict[str, object] = {"ingested_at": report.ingested_at or now}
            if original is not None and original != report.id:
                update["near_duplicate_of"] = self.copy_of[report.id] = self.root(original)
            self.index.add(report.id, signature)
            new.append((report.model_copy(update=update), signature))
        added: list[Report] = []
        with self.store.transaction():
            for report, signature in new:
                # DUPLICATE here means another process stored it since the lookup above (a shared database).
                if self.store.add_report(report, signature) is AddOutcome.ADDED:
                    added.append(report)
            for rejection in rejections:
                self.store.record_rejection(rejection)
        self.tally.added += len(added)
        self.tally.near_duplicates += sum(1 for report in added if report.near_duplicate_of)
        self.tally.duplicates += len(new) - len(added)
        self.progress("stored", len(added))
        self._rejected(rejections)
        return added

    def analyse(self, reports: Sequence[Report]) -> None:
        """Analyse, save the analyses in one transaction, then let incidents take them in."""
        if not reports:
            return
        contexts = outlet_contexts(self.store, reports) if self.outlet_profile else None
        results = analyse_batch(self.analyser, reports, contexts)
        analyses = [r for r in results if isinstance(r, Analysis)]
        with self.store.transaction():
            for analysis in analyses:
                self.store.save_analysis(analysis)
        self.tally.analysed += len(analyses)
        self.progress("analysed", len(analyses))
        self.reject([r for r in results if isinstance(r, Rejection)])
        if analyses:
            update_incidents(self.store, analyses)

    def resume(self, batch_size: int) -> None:
        """Analyse reports an earlier, interrupted run stored but did not analyse."""
        pending = self.store.unanalysed_report_ids()
        for i in range(0, len(pending), batch_size):
            self.analyse([self.store.get_report(rid) for rid in pending[i : i + batch_size]])


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    pipeline: BatchPipeline | BatchExecutor,
    *,
    progress: ProgressCallback | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reader: Reader | None = None,
    index: DuplicateIndex | None = None,
    outlet_profile: bool = DEFAULT_OUTLET_PROFILE,
) -> IngestSummary:
    """Read ``paths`` into ``store`` and analyse every report not analysed yet.

    ``progress(stage, n)`` hears how many items each step handled; ``on_rejection`` hears each
    rejection as soon as it is recorded (the summary lists them all too).

    ``outlet_profile`` (default on): geocode each batch within its outlets' profiles, built from the
    stored places of each outlet's other reports as the store stood before the batch (the batch's own
    reports never count; see ``service.outlet_profile``). Off: each report is read on its own.

    ``pipeline`` is an ``extract.Pipeline`` or a ``runner`` executor. ``reader`` defaults to
    ``ingest.read_inputs`` and ``index`` to an ``ingest.dedup.NearDuplicateIndex``; tests pass their own.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    run = _Run(store, pipeline, load_index(store, index), progress, on_rejection, outlet_profile)
    run.resume(batch_size)
    own_files = store_files(store)
    read = reader if reader is not None else (lambda paths: _default_reader(paths, own_files))
    for batch in _batches(read(paths), batch_size):
        run.analyse(run.store_batch(batch))
    return run.tally.freeze()
