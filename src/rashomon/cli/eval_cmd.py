"""`rashomon eval ...`: score the analysis against public annotated data given by path.

Each subcommand calls ``rashomon.evaluation.<task>.evaluate(path) -> dict[str, float | int | str]`` (a string names
the model scored where there is a choice).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rashomon.cli.common import ExitCode, print_json, stderr
from rashomon.errors import PipelineError, UsageError

eval_app = typer.Typer(help="Measure extraction quality on annotated data (see docs/evaluation.md).", no_args_is_help=True)

DataOption = Annotated[Path, typer.Option("--data", help="Dataset file or folder (e.g. ../shared/data/polnear/dev).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")]

TASKS = {
    "quotes": ("quotes", "Statements against PolNeAR-style brat attributions (text/*.txt, attributions/*.ann)."),
    "events": ("events", "Event typing against CASE 2021 Task 2 snippets (TSV)."),
    "isaf": ("isaf", "Event type, province, date and tolls against ISAF press releases (JSONL)."),
    "geocode": ("geocode", "Toponym resolution against LGL/TR-News, GeoWebNews or GeoVirus XML."),
    "link": ("link", "Cross-document incident linking against an ECB+ folder (B-cubed)."),
    "plover": ("plover", "PLOVER event types of the conflict types Rashomon codes, against PLOVER_GSR_CAMEO.txt."),
    "police": ("police", "Police kills, arrests and force against IndiaPoliceEvents sentence labels (a folder)."),
}


def _run(task: str, data: Path, as_json: bool) -> None:
    if not data.exists():
        stderr.print(f"[red]error:[/] {data} does not exist; pass --data with a path to the {task} dataset")
        raise typer.Exit(ExitCode.USAGE)
    module = importlib.import_module(f"rashomon.evaluation.{TASKS[task][0]}")
    try:
        scores = module.evaluate(data)
    except (UsageError, PipelineError) as exc:  # a file of the wrong shape: the reason, not a traceback
        stderr.print(f"[red]error:[/] {exc.message}")
        raise typer.Exit(ExitCode.USAGE) from exc
    if as_json:
        print_json(scores)
        return
    table = Table(title=f"rashomon eval {task}: {data}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    from rich.console import Console

    Console().print(table)


def _make(task: str):
    def command(data: DataOption, as_json: JsonOption = False) -> None:
        _run(task, data, as_json)

    command.__doc__ = TASKS[task][1]
    return command


for _task in TASKS:
    eval_app.command(_task)(_make(_task))


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
