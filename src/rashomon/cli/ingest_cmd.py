"""`rashomon ingest PATH...`: store and analyse reports; one-line summary or `--json` counts."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, ExitCode, print_jsonl_line, stderr
from rashomon.cli.ingest_run import Engine, RunReport, make_analyser, parse_components, progress_columns
from rashomon.errors import PipelineError, StoreError, UsageError
from rashomon.model import Rejection
from rashomon.service.ingest import DEFAULT_BATCH_SIZE, ingest
from rashomon.service.outlet_profile import DEFAULT_OUTLET_PROFILE
from rashomon.store.base import Store

if TYPE_CHECKING:
    from rashomon.extract import Pipeline


OutletProfileOption = Annotated[
    bool,
    typer.Option(
        "--outlet-profile/--no-outlet-profile",
        help="Read each report's places within its outlet's area, learnt from the places of the outlet's other "
        "stored reports (same outlet name; a report's own batch never counts). Default: on.",
    ),
]


class TaggerChoice(StrEnum):
    """The statements taggers (``rashomon.extract.statements.TAGGER_CHOICES``; a test keeps the two equal)."""

    AUTO = "auto"
    CRF = "crf"
    BILSTM = "bilstm"


StatementsTaggerOption = Annotated[
    TaggerChoice | None,
    typer.Option(
        "--statements-tagger",
        help="Which tagger finds statements: bilstm (more accurate; needs the embeddings extra), crf (about three "
        "times faster, no torch) or auto (bilstm when installed). Default: $RASHOMON_STATEMENTS_TAGGER, else auto.",
        case_sensitive=False,
    ),
]

StatementFilterOption = Annotated[
    bool,
    typer.Option(
        "--statement-filter/--no-statement-filter",
        help="Drop the plain assertions the statement confidence filter scores unlikely (default: on; fitted on "
        "PolNeAR, it lifts precision more than it costs recall). Off keeps every candidate, each with its "
        "confidence, for recall-first work; accusations, denials, claims and the like are never dropped.",
    ),
]


def say(message: str) -> None:
    """One message line on stderr, never wrapped and never read as Rich markup (paths may hold brackets)."""
    stderr.print(message, markup=False, highlight=False, soft_wrap=True)


def open_store_or_exit(db: str, *, must_exist: bool = False) -> Store:
    """The store behind ``--db``, or a one-line error and exit code 2."""
    from rashomon.store.factory import open_store

    is_url = "://" in db
    if must_exist and not is_url and not Path(db).exists():
        say(f"error: no database at {db}; run `rashomon ingest PATH --db {db}` first, or pass --db")
        raise typer.Exit(ExitCode.USAGE)
    try:
        return open_store(db)
    except (StoreError, UsageError) as exc:
        say(f"error: {exc}")
        raise typer.Exit(ExitCode.USAGE) from exc


def rejection_line(rejection: Rejection) -> str:
    """One line naming the input and the reason, e.g. ``rejected (empty): notes.txt: no text in it; ...``."""
    message = rejection.message
    if not message.startswith(rejection.input):
        message = f"{rejection.input}: {message}"
    return f"rejected ({rejection.reason.value}): {message}"


def build_analyser(
    components: str | None = None, statements_tagger: str | None = None, statement_filter: bool = True
) -> Pipeline:
    """The analysis pipeline (imported lazily: spaCy is slow to import), or exit code 2.

    ``components`` is a comma-separated list of registry names; None means the default pipeline and
    an empty string means the spaCy parse alone (used by tests that only exercise storage).
    ``statements_tagger`` is a ``TaggerChoice`` value; None defers to the environment. ``statement_filter``:
    whether the statement confidence filter drops what it scores low (``--no-statement-filter``).
    """
    from rashomon.extract import ComponentOptions, build_pipeline
    from rashomon.extract.registry import DEFAULT_COMPONENTS

    names = parse_components(components)
    try:
        options = ComponentOptions(statements_tagger, drop_unlikely_statements=statement_filter)
        return build_pipeline(DEFAULT_COMPONENTS if names is None else names, options=options)
    except PipelineError as exc:
        say(f"error: {exc}")
        raise typer.Exit(ExitCode.USAGE) from exc


def ingest_command(
    # str, not Path: Path("https://host/x") would collapse the URL's double slash.
    paths: Annotated[list[str], typer.Argument(help="Files, directories (read recursively), feeds or URLs.")],
    db: DbOption = DEFAULT_DB_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="End with the counts as one JSON object on stdout.")] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Reports per commit and per analysis batch.")
    ] = DEFAULT_BATCH_SIZE,
    components: Annotated[
        str | None, typer.Option("--components", hidden=True, help="Comma-separated analysis components (default: all).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Where analysis runs: this machine (local) or a Ray cluster (ray).")
    ] = Engine.LOCAL,
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster: 'auto' or ray://HOST:PORT (default: Ray local mode).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Analysis processes (local) or Ray workers (default 1 / 2).")
    ] = None,
    report: Annotated[
        bool | None, typer.Option("--report/--no-report", help="Run report on stderr (default: on unless --json).")
    ] = None,
    outlet_profile: OutletProfileOption = DEFAULT_OUTLET_PROFILE,
    statements_tagger: StatementsTaggerOption = None,
    statement_filter: StatementFilterOption = True,
) -> None:
    """Store and analyse reports. Exact duplicates are skipped; near-duplicates are stored and marked."""
    store = open_store_or_exit(db)
    run = RunReport()
    analyser = None
    try:
        with stderr.status("loading the analysis pipeline"):
            try:
                analyser = make_analyser(
                    engine,
                    workers=workers,
                    address=address,
                    components=components,
                    statements_tagger=statements_tagger.value if statements_tagger else None,
                    statement_filter=statement_filter,
                    build_local=build_analyser,
                )
            except PipelineError as exc:
                say(f"error: {exc}")
                raise typer.Exit(ExitCode.USAGE) from exc
        run.baseline = dict(analyser.stage_seconds or {})
        with Progress(*progress_columns(), console=stderr, transient=True) as progress:
            tasks = {
                "read": progress.add_task("read", total=None),
                "analysed": progress.add_task("analysed", total=None),
                "rejected": progress.add_task("rejected", total=None),
            }

            def advance(stage: str, n: int) -> None:
                run.hear(stage, n)
                if stage in tasks:
                    progress.advance(tasks[stage], n)

            summary = ingest(
                paths,
                store,
                analyser.target,
                progress=advance,
                on_rejection=lambda rejection: say(rejection_line(rejection)),  # printed above the live bars
                batch_size=batch_size,
                outlet_profile=outlet_profile,
            )
    finally:
        if analyser is not None:
            analyser.close()
        store.close()
    if report if report is not None else not as_json:
        for line in run.lines(summary, analyser.stage_seconds):
            say(line)
    if as_json:
        print_jsonl_line(summary.counts())
    else:
        sys.stdout.write(f"{db}: {summary.line()}\n")
    raise typer.Exit(ExitCode.SOME_REJECTED if summary.rejected else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
