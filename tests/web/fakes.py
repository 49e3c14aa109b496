"""A tiny in-memory Store for web tests that must not depend on a database backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rashomon.errors import NotFound
from rashomon.model import Analysis, Incident, Report


class MemoryStore:
    """The read side of the Store protocol over dictionaries (plus the two writes fixtures need)."""

    url = "memory://"

    def __init__(self, analyses: Iterable[Analysis] = (), incidents: Iterable[Incident] = ()) -> None:
        self.analyses = {a.report.id: a for a in analyses}
        self.incidents = {i.id: i for i in incidents}

    def save_analysis(self, analysis: Analysis) -> None:
        self.analyses[analysis.report.id] = analysis

    def save_incidents(self, incidents: Iterable[Incident]) -> None:
        self.incidents.update((i.id, i) for i in incidents)

    def get_report(self, report_id: str) -> Report:
        if report_id not in self.analyses:
            raise NotFound(f"no report {report_id!r}")
        return self.analyses[report_id].report

    def get_analysis(self, report_id: str) -> Analysis | None:
        return self.analyses.get(report_id)

    def iter_analyses(self) -> Iterator[Analysis]:
        return iter(list(self.analyses.values()))

    def get_incident(self, incident_id: str) -> Incident:
        if incident_id not in self.incidents:
            raise NotFound(f"no incident {incident_id!r}")
        return self.incidents[incident_id]

    def iter_incidents(self) -> Iterator[Incident]:
        return iter(list(self.incidents.values()))

    def close(self) -> None:
        return None
