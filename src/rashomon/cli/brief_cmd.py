"""`rashomon brief INCIDENT_ID [--format md|html]`: the analyst's brief of one incident."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, ExitCode, stderr
from rashomon.cli.ingest_cmd import open_store_or_exit
from rashomon.errors import NotFound
from rashomon.service.brief import write_brief


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"


def brief_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id, as `rashomon incidents` lists it.")],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[BriefFormat, typer.Option("--format", help="md (Markdown) or html.")] = BriefFormat.MD,
) -> None:
    """What happened, who claims what through which outlet, where accounts conflict, the grade and why, the sources."""
    store = open_store_or_exit(db, must_exist=True)
    try:
        sys.stdout.write(write_brief(store, incident_id, fmt.value))
    except NotFound as exc:
        stderr.print(f"error: {exc.message}", markup=False, highlight=False)
        raise typer.Exit(ExitCode.USAGE) from exc
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("brief")(brief_command)
