"""`rashomon analyze FILE`: analyse one report without writing a store; JSON or readable tables.

``--db`` (optional) names a store to read the outlet's profile from: the report's places are then read
within the area the outlet's stored reports are about; ``--no-outlet-profile`` turns that off."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rashomon.cli.common import ExitCode, MinConfidenceOption, print_json, stderr
from rashomon.cli.ingest_cmd import (
    OutletProfileOption,
    StatementFilterOption,
    StatementsTaggerOption,
    build_analyser,
    open_store_or_exit,
    rejection_line,
    say,
)
from rashomon.errors import UsageError
from rashomon.model import Analysis, Rejection
from rashomon.model.confidence import at_min_confidence
from rashomon.service.analyze import analyze_file, parse_published
from rashomon.service.outlet_profile import DEFAULT_OUTLET_PROFILE


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


def _tables(analysis: Analysis) -> list[Table]:
    report = analysis.report
    head = Table(title=f"report {report.id}", show_header=False)
    for key, value in (
        ("title", report.title),
        ("outlet", report.outlet),
        ("published", report.published.isoformat() if report.published else None),
        ("url", report.url),
        ("language", report.language),
        ("source", report.source),
    ):
        head.add_row(key, value or "-")
    statements = Table(title=f"statements ({len(analysis.statements)})")
    for column in ("speaker", "cue", "channel", "stance", "confidence", "content"):
        statements.add_column(column)
    for s in analysis.statements:
        speaker = s.speaker_name or (s.speaker.text if s.speaker else "(author)")
        channel = s.channel.kind.value + (f" / {s.channel.outlet}" if s.channel.outlet else "")
        content = " … ".join(span.text for span in s.content)
        confidence = f"{s.confidence:.2f}" if s.confidence is not None else "-"
        statements.add_row(speaker, s.cue.text if s.cue else "-", channel, s.stance.value, confidence, content)
    events = Table(title=f"events ({len(analysis.events)})")
    for column in ("trigger", "type", "actor", "target", "place", "time", "killed", "wounded", "modality"):
        events.add_column(column)
    for e in analysis.events:
        events.add_row(
            e.trigger.text,
            e.plover_type,
            e.actor.name if e.actor else "-",
            e.target.name if e.target else "-",
            ", ".join(p.name for p in e.places) or "-",
            e.time.expression if e.time else "-",
            _toll(e.killed.min, e.killed.max),
            _toll(e.wounded.min, e.wounded.max),
            e.modality.value,
        )
    actors = Table(title=f"actors ({len(analysis.actors)})")
    for column in ("mention", "name", "kind", "sector", "offsets"):
        actors.add_column(column)
    for a in analysis.actors:
        actors.add_row(a.span.text, a.name, a.kind, a.sector.value, f"{a.span.start}-{a.span.end}")
    places = Table(title=f"places ({len(analysis.places)})")
    for column in ("mention", "name", "lat", "lon", "precision", "country"):
        places.add_column(column)
    for p in analysis.places:
        lat = f"{p.lat:.4f}" if p.lat is not None else "-"
        lon = f"{p.lon:.4f}" if p.lon is not None else "-"
        places.add_row(p.span.text, p.name, lat, lon, p.precision.value if p.precision else "-", p.country_code or "-")
    times = Table(title=f"times ({len(analysis.times)})")
    for column in ("expression", "start", "end", "precision"):
        times.add_column(column)
    for t in analysis.times:
        start = t.start.isoformat() if t.start else "-"
        end = t.end.isoformat() if t.end else "-"
        times.add_row(t.expression, start, end, t.precision.value)
    return [head, statements, events, actors, places, times]


def _toll(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "-"
    if low == high:
        return str(low)
    return f"{low if low is not None else '?'}-{high if high is not None else ''}"


def analyze_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A text or HTML report.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, ISO (2017-08-09); anchors relative dates.")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet that published it.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="json: the Analysis record; table: readable.")] = Format.TABLE,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="A store (SQLite file or postgresql:// URL) to read the --outlet's profile from; only read, never "
            "written. Without it the report is read on its own.",
        ),
    ] = None,
    outlet_profile: OutletProfileOption = DEFAULT_OUTLET_PROFILE,
    statements_tagger: StatementsTaggerOption = None,
    statement_filter: StatementFilterOption = True,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Analyse one report without a store and print its statements, events, actors, places and times."""
    try:
        when = parse_published(published)
    except UsageError as exc:
        say(f"error: {exc.message}")
        raise typer.Exit(ExitCode.USAGE) from exc
    with stderr.status("loading the analysis pipeline"):
        pipeline = build_analyser(
            statements_tagger=statements_tagger.value if statements_tagger else None, statement_filter=statement_filter
        )
    store = open_store_or_exit(db, must_exist=True) if db is not None and outlet_profile else None
    try:
        result = analyze_file(file, pipeline, published=when, outlet=outlet, url=url, store=store, outlet_profile=outlet_profile)
    finally:
        if store is not None:
            store.close()
    if isinstance(result, Rejection):
        say(rejection_line(result))
        raise typer.Exit(ExitCode.SOME_REJECTED)
    result = at_min_confidence(result, min_confidence)
    if output_format is Format.JSON:
        print_json(result.model_dump(mode="json"))
        return
    console = Console()
    for table in _tables(result):
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
