"""`rashomon serve`: the read-only web UI and JSON API over one database."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer

from rashomon.cli.common import DEFAULT_DB_PATH, DbOption, ExitCode, stderr
from rashomon.errors import OptionalDependencyMissing, UsageError


def serve(
    db: DbOption = DEFAULT_DB_PATH,
    host: Annotated[str, typer.Option("--host", help="Address to bind. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="RASHOMON_TOKEN",
            help="Access token required on every route (Authorization: Bearer TOKEN, or open a page once with ?token=TOKEN).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve incidents, accounts, reports, a map and a timeline in the browser (read-only)."""
    for module, extra in (("fastapi", "web"), ("uvicorn", "web")):
        if importlib.util.find_spec(module) is None:
            stderr.print(f"[red]error:[/] {OptionalDependencyMissing(module, extra).message}")
            raise typer.Exit(ExitCode.USAGE)
    from rashomon.web import WebSettings, create_app

    settings = WebSettings(db=db, host=host, port=port, token=token or None)
    is_url = db.startswith(("postgresql://", "postgres://"))
    try:
        settings.check()
        if not is_url and not Path(db).is_file():
            raise UsageError(f"no database at {db}; build one with `rashomon ingest PATH --db {db}` or pass --db")
        app = create_app(settings)
    except UsageError as exc:
        stderr.print(f"[red]error:[/] {exc.message}")
        raise typer.Exit(ExitCode.USAGE) from exc

    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"Serving {db} read-only at http://{shown}:{port}/  (Ctrl+C stops)")
    if settings.token:
        stderr.print("Every route needs the token: send 'Authorization: Bearer TOKEN', or open any page once with ?token=TOKEN")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
