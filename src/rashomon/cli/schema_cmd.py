"""`rashomon schema`: print docs/schema.md (or the raw JSON schemas)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rashomon.cli.common import print_json
from rashomon.model.schema import json_schemas, render_schema_markdown


def schema(
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON schemas instead of Markdown.")] = False,
) -> None:
    """Print the record schema that every JSON output follows."""
    if as_json:
        print_json(json_schemas())
    else:
        sys.stdout.write(render_schema_markdown())


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
