"""The store interface. SQLite (default) and PostgreSQL implement it and pass the same tests.

Every write is idempotent (keyed by content-derived ids) and transactional: a crash
mid-batch loses nothing already committed and leaves no half-written report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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


class Store(Protocol):
    """What every stage above ``store`` may ask of the database."""

    url: str

    # reports -----------------------------------------------------------------
    def add_report(self, report: Report, signature: Sequence[int] | None = None) -> AddOutcome: ...
    def has_report(self, report_id: str) -> bool: ...
    def get_report(self, report_id: str) -> Report: ...
    def iter_reports(self) -> Iterator[Report]: ...
    def count_reports(self) -> int: ...
    def iter_signatures(self) -> Iterator[StoredSignature]: ...

    # analyses ------------------------------------------------------------------
    def save_analysis(self, analysis: Analysis) -> None: ...
    def get_analysis(self, report_id: str) -> Analysis | None: ...
    def iter_analyses(self) -> Iterator[Analysis]: ...
    def unanalysed_report_ids(self, pipeline_version: str | None = None) -> list[str]: ...

    # rejections ------------------------------------------------------------------
    def record_rejection(self, rejection: Rejection) -> None: ...
    def iter_rejections(self) -> Iterator[Rejection]: ...

    # incidents ---------------------------------------------------------------------
    def save_incidents(self, incidents: Iterable[Incident]) -> None: ...
    def get_incident(self, incident_id: str) -> Incident: ...
    def iter_incidents(self) -> Iterator[Incident]: ...

    def close(self) -> None: ...
