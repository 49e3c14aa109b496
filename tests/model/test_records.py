from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from rashomon.model import Analysis, Casualties, Report, Span


def _report() -> Report:
    return Report(id="r1", text="Ten killed.", content_hash="h", published=datetime(2017, 8, 9, tzinfo=UTC))


def test_records_are_frozen() -> None:
    report = _report()
    with pytest.raises(ValidationError):
        report.text = "changed"  # type: ignore[misc]


def test_span_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="before its start"):
        Span(report_id="r1", start=5, end=2, text="")


def test_toll_min_above_max_is_refused() -> None:
    with pytest.raises(ValidationError, match="exceeds max"):
        Casualties(min=47, max=36)


def test_analysis_round_trips_through_json() -> None:
    analysis = Analysis(report=_report())
    assert Analysis.model_validate_json(analysis.model_dump_json()) == analysis
