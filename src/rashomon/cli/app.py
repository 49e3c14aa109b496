"""The `rashomon` command. Each command lives in its own module and registers itself here."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="rashomon",
    help="Build a source-attributed incident database from conflict reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules under rashomon.cli that define ``register(app)``. Order is the order of `--help`.
COMMAND_MODULES = (
    "ingest_cmd",
    "analyze_cmd",
    "reports_cmd",
    "incidents_cmd",
    "brief_cmd",
    "export_cmd",
    "serve_cmd",
    "schema_cmd",
    "eval_cmd",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"rashomon.cli.{_name}").register(app)


def main() -> None:
    app()
