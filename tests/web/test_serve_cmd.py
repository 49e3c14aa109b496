"""`rashomon serve` as a user runs it: refusals exit 2 with a reason; a token-guarded server answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from rashomon.cli.app import app

TOKEN = "serve-test-token-0123456789abcdef"


def test_refuses_public_bind_without_token(web_db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "RASHOMON_TOKEN"}
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db), "--host", "0.0.0.0"], env=env)
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0 without an access token" in " ".join(result.output.split())


def test_refuses_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no database at" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serves_with_token_from_environment(web_db: Path) -> None:
    port = _free_port()
    env = {**os.environ, "RASHOMON_TOKEN": TOKEN}
    with subprocess.Popen(
        [sys.executable, "-m", "rashomon.cli", "serve", "--db", str(web_db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as proc:
        try:
            _check_server(proc, port)
        finally:
            proc.terminate()
            proc.wait(10)


def _check_server(proc: subprocess.Popen[bytes], port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            response = httpx.get(f"{base}/api/facets", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}") from None
            time.sleep(0.2)
    assert response.status_code == 401
    ok = httpx.get(f"{base}/api/facets", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
    assert ok.status_code == 200 and ok.json()["country"] == ["IQ", "SY", "UA", "YE"]
