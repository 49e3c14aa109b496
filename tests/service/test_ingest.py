"""The ingest service over real SQLite files, with readers and dedup index passed in."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, Rejection, RejectionReason, Report
from rashomon.service import ingest as ingest_module
from rashomon.service.ingest import IngestSummary, ingest
from rashomon.store import Store
from rashomon.store.sqlite import SQLiteStore

WIRE = (
    "A militia said 36 of its fighters were killed and 75 wounded in strikes near al-Tanf on Monday, "
    "and blamed the United States. A coalition spokesman said there were no coalition strikes in that area."
)
COPY = WIRE.replace("on Monday", "on Monday, Aug. 7")
OTHER = "Police said a market fire in the capital destroyed forty shops overnight but injured nobody."


class ShingleIndex:
    """Test double of ingest.dedup.NearDuplicateIndex: exact Jaccard over word 3-gram hashes."""

    THRESHOLD = 0.7

    def __init__(self) -> None:
        self.entries: list[tuple[str, frozenset[int]]] = []

    def signature(self, text: str) -> tuple[int, ...]:
        words = text.lower().split()
        return tuple(sorted({zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(max(1, len(words) - 2))}))

    def add(self, report_id: str, signature: Sequence[int]) -> None:
        self.entries.append((report_id, frozenset(signature)))

    def find(self, signature: Sequence[int]) -> str | None:
        wanted = frozenset(signature)
        for report_id, have in self.entries:
            if len(wanted & have) / len(wanted | have) >= self.THRESHOLD:
                return report_id
        return None


class CountingPipeline:
    """Analyses nothing but records what it was given; fails on reports containing FAIL."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, reports: Iterable[Report]) -> Iterator[Analysis | Rejection]:
        for report in reports:
            self.seen.append(report.id)
            if "FAIL" in report.text:
                yield Rejection(input=report.id, reason=RejectionReason.ANALYSIS_FAILED, message="boom", stage="analyze")
            else:
                yield Analysis(report=report, pipeline_version="test")


def reader_of(items: list[Report | Rejection]):
    def read(paths: Sequence[str | Path]) -> Iterator[Report | Rejection]:
        yield from items

    return read


def run(store: Store, items: list[Report | Rejection], pipeline: object | None = None, **kw: object) -> IngestSummary:
    return ingest(
        ["ignored"],
        store,
        pipeline or CountingPipeline(),  # type: ignore[arg-type]
        reader=reader_of(items),
        index=ShingleIndex(),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "ingest.db") as s:
        yield s


def reports() -> list[Report | Rejection]:
    published = datetime(2017, 8, 8, tzinfo=UTC)
    return [
        make_report(WIRE, outlet="Wire", published=published, source="wire.txt"),
        make_report(COPY, outlet="Syndicate", published=published, source="copy.txt"),
        make_report(OTHER, outlet="Local", source="other.txt"),
    ]


def test_ingest_stores_marks_copies_and_analyses(store: SQLiteStore) -> None:
    summary = run(store, reports())
    assert summary.counts() == {"added": 3, "duplicates": 0, "near_duplicates": 1, "rejected": 0}
    assert summary.analysed == 3
    wire, copy, other = store.iter_reports()
    assert (wire.near_duplicate_of, copy.near_duplicate_of, other.near_duplicate_of) == (None, wire.id, None)
    assert all(r.ingested_at is not None for r in (wire, copy, other))
    assert store.unanalysed_report_ids() == []
    assert store.get_analysis(copy.id) == Analysis(report=copy, pipeline_version="test")


def test_ingest_twice_adds_nothing(store: SQLiteStore) -> None:
    run(store, reports())
    pipeline = CountingPipeline()
    again = run(store, reports(), pipeline)
    assert again.counts() == {"added": 0, "duplicates": 3, "near_duplicates": 0, "rejected": 0}
    assert again.analysed == 0
    assert pipeline.seen == []
    assert store.count_reports() == 3


def test_duplicates_within_one_run_are_skipped(store: SQLiteStore) -> None:
    items = reports()
    summary = run(store, [*items, items[0], items[2]], batch_size=2)
    assert summary.counts() == {"added": 3, "duplicates": 2, "near_duplicates": 1, "rejected": 0}


def test_near_duplicate_found_against_reports_of_an_earlier_run(tmp_path: Path) -> None:
    wire, copy, _ = reports()
    with SQLiteStore(tmp_path / "two-runs.db") as first:
        run(first, [wire])
    with SQLiteStore(tmp_path / "two-runs.db") as second:
        summary = run(second, [copy])
        assert summary.near_duplicates == 1
        assert second.get_report(copy.id).near_duplicate_of == wire.id  # type: ignore[union-attr]


def test_a_copy_of_a_copy_points_at_the_first_report(tmp_path: Path) -> None:
    words = [f"word{i}" for i in range(100)]
    first = " ".join(words)
    second = " ".join(words[:90] + [f"other{i}" for i in range(10)])  # Jaccard ~0.78 with the first
    third = " ".join([f"new{i}" for i in range(10)] + second.split()[10:])  # ~0.78 with the second, ~0.6 with the first
    reports = [make_report(text) for text in (first, second, third)]
    with SQLiteStore(tmp_path / "one-run.db") as store:  # the originals are not committed yet
        assert run(store, reports[:], batch_size=3).near_duplicates == 2
        assert [r.near_duplicate_of for r in store.iter_reports()] == [None, reports[0].id, reports[0].id]
    with SQLiteStore(tmp_path / "two-runs.db") as store:  # the originals come from the store
        run(store, reports[:2])
        assert run(store, reports[2:]).near_duplicates == 1
        assert [r.near_duplicate_of for r in store.iter_reports()] == [None, reports[0].id, reports[0].id]


def test_rejections_are_recorded_and_good_inputs_stored(store: SQLiteStore) -> None:
    bad = Rejection(input="empty.txt", reason=RejectionReason.EMPTY, message="empty.txt: no text in it", stage="ingest")
    heard: list[Rejection] = []
    summary = run(store, [bad, *reports()], on_rejection=heard.append)
    assert summary.counts() == {"added": 3, "duplicates": 0, "near_duplicates": 1, "rejected": 1}
    assert summary.rejections == (bad,)
    assert heard == [bad]
    assert list(store.iter_rejections()) == [bad]
    assert store.count_reports() == 3


def test_failed_analysis_is_rejected_and_retried_next_run(store: SQLiteStore) -> None:
    failing = make_report("This report makes the analysis FAIL every time.", source="fail.txt")
    summary = run(store, [failing, *reports()])
    assert summary.added == 4
    assert summary.analysed == 3
    assert [r.reason for r in summary.rejections] == [RejectionReason.ANALYSIS_FAILED]
    assert store.unanalysed_report_ids() == [failing.id]
    pipeline = CountingPipeline()
    rerun = run(store, [], pipeline)
    assert pipeline.seen == [failing.id]
    assert rerun.rejected == 1


def test_resume_analyses_reports_stored_by_a_crashed_run(store: SQLiteStore) -> None:
    crashed = reports()
    for item in crashed:
        assert isinstance(item, Report)
        store.add_report(item)
    pipeline = CountingPipeline()
    summary = run(store, crashed, pipeline)
    assert summary.counts() == {"added": 0, "duplicates": 3, "near_duplicates": 0, "rejected": 0}
    assert summary.analysed == 3
    assert pipeline.seen == [r.id for r in crashed]  # type: ignore[union-attr]
    assert store.unanalysed_report_ids() == []


def test_batches_commit_and_incidents_get_each_batch(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(ingest_module, "update_incidents", lambda s, analyses: calls.append([a.report.id for a in analyses]))
    items = [make_report(f"Report number {i} about a separate event in town {i}.") for i in range(5)]
    progress: list[tuple[str, int]] = []
    run(store, items, batch_size=2, progress=lambda stage, n: progress.append((stage, n)))
    assert calls == [[items[0].id, items[1].id], [items[2].id, items[3].id], [items[4].id]]  # type: ignore[union-attr]
    assert [p for p in progress if p[0] == "analysed"] == [("analysed", 2), ("analysed", 2), ("analysed", 1)]


def test_report_stored_by_another_process_meanwhile_counts_as_duplicate(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire = reports()[0]
    assert isinstance(wire, Report)
    store.save_analysis(Analysis(report=wire, pipeline_version="other process"))
    monkeypatch.setattr(store, "existing_report_ids", lambda ids: set())  # the lookup ran before the other commit
    pipeline = CountingPipeline()
    summary = run(store, [wire], pipeline)
    assert summary.counts() == {"added": 0, "duplicates": 1, "near_duplicates": 0, "rejected": 0}
    assert pipeline.seen == []
    assert store.get_analysis(wire.id).pipeline_version == "other process"  # type: ignore[union-attr]


def test_batch_size_must_be_positive(store: SQLiteStore) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        run(store, [], batch_size=0)


def test_ingest_with_the_real_pipeline(store: SQLiteStore, pipeline: Pipeline) -> None:
    summary = run(store, reports(), pipeline)
    assert summary.analysed == 3
    for report in store.iter_reports():
        analysis = store.get_analysis(report.id)
        assert analysis is not None
        assert analysis.report == report
        assert analysis.pipeline_version == pipeline.version


def test_a_store_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    # "rashomon ingest reports/ --db reports/incidents.db": the database and its -wal/-shm files are the
    # output, not inputs to reject as binary on every run
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    with SQLiteStore(tmp_path / "incidents.db") as store:
        own = {(tmp_path / name).resolve() for name in ("incidents.db", "incidents.db-wal", "incidents.db-shm")}
        assert ingest_module.store_files(store) >= own
        first = ingest([tmp_path], store, CountingPipeline(), index=ShingleIndex())  # type: ignore[arg-type]
        again = ingest([tmp_path], store, CountingPipeline(), index=ShingleIndex())  # type: ignore[arg-type]
    assert first.counts() == {"added": 1, "duplicates": 0, "near_duplicates": 0, "rejected": 0}
    assert again.counts() == {"added": 0, "duplicates": 1, "near_duplicates": 0, "rejected": 0}
