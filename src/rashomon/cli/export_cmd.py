"""`rashomon export --format NAME`: stream the store in one of the registered formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, ExitCode, MinConfidenceOption
from rashomon.cli.ingest_cmd import open_store_or_exit, say
from rashomon.export import FORMATS, STATEMENT_FORMATS
from rashomon.store.base import Store


def export_command(
    output_format: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    db: DbOption = DEFAULT_DB_PATH,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export the store: jsonl writes one Analysis per line (docs/schema.md)."""
    writer = FORMATS.get(output_format)
    if writer is None:
        say(f"error: unknown --format {output_format!r}; choose one of: {', '.join(FORMATS)}")
        raise typer.Exit(ExitCode.USAGE)
    if min_confidence is not None:
        if output_format not in STATEMENT_FORMATS:
            say(
                f"error: --min-confidence filters statements, and {output_format} exports incidents assessed from "
                f"every stored statement; use it with --format {' or '.join(STATEMENT_FORMATS)}, or re-run "
                "`rashomon ingest` with the statement filter on (the default) to assess fewer statements"
            )
            raise typer.Exit(ExitCode.USAGE)
        statement_writer = STATEMENT_FORMATS[output_format]
        threshold = min_confidence

        def writer(store: Store, stream: TextIO) -> int:
            return statement_writer(store, stream, min_confidence=threshold)

    store = open_store_or_exit(db, must_exist=True)
    try:
        if output is None:
            count = writer(store, sys.stdout)
            sys.stdout.flush()
        else:
            with output.open("w", encoding="utf-8", newline="\n") as stream:
                count = writer(store, stream)
    finally:
        store.close()
    say(f"exported {count} records as {output_format} to {output or 'stdout'}")


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
