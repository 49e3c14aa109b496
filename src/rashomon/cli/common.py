"""Shared CLI plumbing: options, output streams and exit codes. Commands stay thin."""

from __future__ import annotations

import json
import sys
from enum import IntEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from rashomon.store.factory import DEFAULT_DB


class ExitCode(IntEnum):
    OK = 0
    SOME_REJECTED = 1  # some inputs rejected; what could be stored was stored
    USAGE = 2


# Data goes to stdout, messages and progress to stderr, so `rashomon ... > out.json` stays clean.
stderr = Console(stderr=True)

DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file path or postgresql:// URL.", envvar="RASHOMON_DB", show_default=True)
]
DEFAULT_DB_PATH = DEFAULT_DB

MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Leave out the statements whose confidence (the statement filter's score) is under this, 0 to 1; "
        "statements the parse rules found have no score and are always kept. Default: keep all.",
    ),
]


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_jsonl_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
