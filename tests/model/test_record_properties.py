"""Property tests: every record survives JSON serialisation exactly."""

from __future__ import annotations

from hypothesis import given, settings

from rashomon.model import Analysis, Incident
from support.strategies import analyses, incidents


@settings(max_examples=80, deadline=None)
@given(analyses())
def test_analysis_json_round_trip_is_exact(analysis: Analysis) -> None:
    assert Analysis.model_validate_json(analysis.model_dump_json()) == analysis


@settings(max_examples=60, deadline=None)
@given(incidents())
def test_incident_json_round_trip_is_exact(incident: Incident) -> None:
    assert Incident.model_validate_json(incident.model_dump_json()) == incident


@settings(max_examples=80, deadline=None)
@given(analyses())
def test_every_span_is_the_exact_slice_of_its_report(analysis: Analysis) -> None:
    text = analysis.report.text
    spans = [a.span for a in analysis.actors] + [p.span for p in analysis.places] + [t.span for t in analysis.times]
    spans += [c for s in analysis.statements for c in s.content] + [e.trigger for e in analysis.events]
    assert all(text[s.start : s.end] == s.text for s in spans)
