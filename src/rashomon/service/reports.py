"""The reports use case: what is stored, as rows for `rashomon reports`."""

from __future__ import annotations

from typing import Any

from rashomon.store.base import ReportSummary, Store


def list_reports(store: Store) -> list[ReportSummary]:
    return list(store.iter_report_summaries())


def summary_json(summary: ReportSummary) -> dict[str, Any]:
    """One report of `rashomon reports --json`."""
    return {
        "id": summary.id,
        "outlet": summary.outlet,
        "published": summary.published.isoformat() if summary.published else None,
        "title": summary.title,
        "url": summary.url,
        "near_duplicate_of": summary.near_duplicate_of,
        "analysed": summary.analysed,
        "statements": summary.n_statements,
        "events": summary.n_events,
    }
