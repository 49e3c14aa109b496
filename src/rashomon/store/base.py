"""The store interface. SQLite (default) and PostgreSQL implement it and pass the same tests.

Every write is idempotent (keyed by content-derived ids) and transactional: a crash
mid-batch loses nothing already committed and leaves no half-written report.

Outside ``transaction()`` each write method commits on its own. Inside it, all writes
commit together when the block ends, or none do when it raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from rashomon.model import Analysis, Incident, Rejection, Report


class AddOutcome(StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class StoredSignature:
    """A report's MinHash signature, kept so near-duplicate detection survives restarts."""

    report_id: str
    hashvalues: tuple[int, ...]


@dataclass(frozen=True)
class ReportSummary:
    """One line of `rashomon reports`: a stored report and the size of its analysis."""

    id: str
    outlet: str | None
    published: datetime | None
    title: str | None
    url: str | None
    near_duplicate_of: str | None
    analysed: bool
    n_statements: int
    n_events: int


class Store(Protocol):
    """What every stage above ``store`` may ask of the database."""

    url: str

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them commit when the block ends, none if it raises. Nests."""
        ...

    # reports -----------------------------------------------------------------
    def add_report(self, report: Report, signature: Sequence[int] | None = None) -> AddOutcome: ...
    def has_report(self, report_id: str) -> bool: ...
    def existing_report_ids(self, report_ids: Iterable[str]) -> set[str]: ...
    def get_report(self, report_id: str) -> Report: ...
    def iter_reports(self) -> Iterator[Report]: ...
    def count_reports(self) -> int: ...
    def iter_signatures(self) -> Iterator[StoredSignature]: ...
    def iter_report_summaries(self) -> Iterator[ReportSummary]: ...

    # analyses ------------------------------------------------------------------
    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the report's analysis rows atomically (the report is added first if absent)."""
        ...

    def get_analysis(self, report_id: str) -> Analysis | None: ...
    def iter_analyses(self) -> Iterator[Analysis]: ...
    def unanalysed_report_ids(self, pipeline_version: str | None = None) -> list[str]:
        """Reports with no analysis (or, given a version, none by that pipeline version), in ingest order."""
        ...

    def outlet_place_counts(self, outlet: str, exclude: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        """The places the analysed reports of ``outlet`` (``Report.outlet``, exactly) resolved to, leaving
        out the reports ``exclude``: (gazetteer id, name, how many reports name it), in gazetteer-id order."""
        ...

    # rejections ------------------------------------------------------------------
    def record_rejection(self, rejection: Rejection) -> None: ...
    def iter_rejections(self) -> Iterator[Rejection]: ...

    # incidents ---------------------------------------------------------------------
    def save_incidents(self, incidents: Iterable[Incident]) -> None:
        """Insert or replace each incident with its reports, accounts and contradictions."""
        ...

    def delete_incidents(self, incident_ids: Iterable[str]) -> None: ...
    def get_incident(self, incident_id: str) -> Incident: ...
    def iter_incidents(self) -> Iterator[Incident]: ...

    def close(self) -> None: ...
