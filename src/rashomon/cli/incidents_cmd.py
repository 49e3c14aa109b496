"""`rashomon incidents` and `rashomon incident ID`: list incidents, or show one in full."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, ExitCode, print_json, stderr
from rashomon.cli.ingest_cmd import open_store_or_exit
from rashomon.errors import NotFound
from rashomon.service.brief import report_urls, toll_text
from rashomon.service.incidents import incident_json, list_incidents

# Columns used when stdout is not a terminal: wide enough for one incident per row.
WIDE_OUTPUT = 170


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def incidents_command(
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="table, or json (the shape in docs/incidents.md).")
    ] = ListFormat.TABLE,
) -> None:
    """List incidents: id, date, place, grade, reports, accounts, contradictions and the toll."""
    store = open_store_or_exit(db, must_exist=True)
    try:
        incidents = list_incidents(store)
        if fmt is ListFormat.JSON:
            print_json([incident_json(i, report_urls(store, i)) for i in incidents])
            return
    finally:
        store.close()
    table = Table(title=f"{len(incidents)} incidents in {db}")
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("place", max_width=18, overflow="ellipsis", no_wrap=True)
    table.add_column("title", max_width=44, overflow="ellipsis", no_wrap=True)
    table.add_column("grade", no_wrap=True)
    table.add_column("reports", justify="right")
    table.add_column("accounts", justify="right")
    table.add_column("conflicts", max_width=26, overflow="ellipsis", no_wrap=True)
    table.add_column("killed", no_wrap=True)
    for incident in incidents:
        when = incident.time.start.date().isoformat() if incident.time and incident.time.start else "-"
        kinds = ",".join(dict.fromkeys(c.kind.value for c in incident.contradictions)) or "-"
        table.add_row(
            incident.id,
            when,
            incident.place.name if incident.place else "-",
            incident.title,
            incident.grade.value,
            str(len(incident.reports)),
            str(len(incident.accounts)),
            kinds,
            (toll_text(incident.killed, "") or "-").strip(),
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=WIDE_OUTPUT)
    console.print(table)


def incident_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id, as `rashomon incidents` lists it.")],
    db: DbOption = DEFAULT_DB_PATH,
) -> None:
    """Show one incident as JSON: reports, accounts, contradictions, grade and reasons, place, time."""
    store = open_store_or_exit(db, must_exist=True)
    try:
        incident = store.get_incident(incident_id)
        print_json(incident_json(incident, report_urls(store, incident)))
    except NotFound as exc:
        stderr.print(f"error: {exc.message}", markup=False, highlight=False)
        raise typer.Exit(ExitCode.USAGE) from exc
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_command)
    app.command("incident")(incident_command)
