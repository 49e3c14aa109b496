"""`rashomon reports`: list stored reports with the size of their analysis."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, print_json
from rashomon.cli.ingest_cmd import open_store_or_exit
from rashomon.service.reports import list_reports, summary_json

# Columns used when stdout is not a terminal: wide enough for every column of a report's row.
WIDE_OUTPUT = 160


def reports_command(
    db: DbOption = DEFAULT_DB_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")] = False,
) -> None:
    """List stored reports: id, outlet, date, title, near-duplicate-of, statement and event counts."""
    store = open_store_or_exit(db, must_exist=True)
    try:
        rows = list_reports(store)
    finally:
        store.close()
    if as_json:
        print_json([summary_json(row) for row in rows])
        return
    table = Table(title=f"{len(rows)} reports in {db}")
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", max_width=22, overflow="ellipsis", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("title", max_width=48, overflow="ellipsis", no_wrap=True)
    table.add_column("copy of", no_wrap=True)
    table.add_column("statements", justify="right")
    table.add_column("events", justify="right")
    for row in rows:
        table.add_row(
            row.id,
            row.outlet or "-",
            row.published.date().isoformat() if row.published else "-",
            row.title or "-",
            row.near_duplicate_of or "-",
            str(row.n_statements) if row.analysed else "not analysed",
            str(row.n_events) if row.analysed else "-",
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=WIDE_OUTPUT)  # piped or captured: keep each report on one row
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("reports")(reports_command)
