"""Load test: N concurrent clients read incident pages, report pages and the API for D seconds.

    .venv/bin/python scripts/load_test.py [--clients 100] [--seconds 60] [--db demo.db] [--write-doc]

Loopback only: the script starts `rashomon serve` on 127.0.0.1 at a free port and targets nothing
else. The client loop is bounded by --seconds and stops by itself. Without --db it builds a
database from examples/demo_corpus first. Prints one JSON object (requests, errors, p50, p99 ms);
--write-doc puts the figures in docs/reliability.md between the LOAD markers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # never anything but loopback
DOC = REPO / "docs" / "reliability.md"
BEGIN, END = "<!-- LOAD:BEGIN -->", "<!-- LOAD:END -->"
READY_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def build_demo_db(path: Path) -> None:
    rashomon = str(Path(sys.executable).with_name("rashomon"))
    subprocess.run(
        [rashomon, "ingest", str(REPO / "examples/demo_corpus/reports"), "--db", str(path)], check=False, capture_output=True
    )


def wait_ready(base: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/incidents", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"load_test: server at {base} did not become ready in {READY_TIMEOUT_S:.0f} s")


def targets(base: str) -> list[str]:
    """The pages and API routes to read: the list, every incident and every report it names."""
    paths = ["/incidents", "/api/incidents", "/map", "/timeline"]
    listing = httpx.get(base + "/api/incidents", params={"page_size": 50}, timeout=10).json()
    for item in listing.get("items", []):
        paths += [f"/incidents/{item['id']}", f"/api/incidents/{item['id']}"]
        detail = httpx.get(f"{base}/api/incidents/{item['id']}", timeout=10).json()
        for report in detail.get("reports", [])[:5]:
            paths += [f"/reports/{report['id']}", f"/api/reports/{report['id']}"]
    return paths


async def client(base: str, paths: list[str], stop_at: float, latencies: list[float], errors: list[str], offset: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        i = offset
        while time.monotonic() < stop_at:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code >= 400:
                    errors.append(f"{response.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append((time.perf_counter() - started) * 1000)


async def run_load(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client(base, paths, stop_at, latencies, errors, k) for k in range(clients)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "p50_ms": round(cuts[49], 1),
        "p99_ms": round(cuts[98], 1),
        "distinct_paths": len(set(paths)),
    }


def serve_and_load(db: Path, clients: int, seconds: float) -> dict[str, object]:
    port = free_port()
    base = f"http://{HOST}:{port}"
    rashomon = str(Path(sys.executable).with_name("rashomon"))
    with subprocess.Popen(
        [rashomon, "serve", "--db", str(db), "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        try:
            wait_ready(base)
            return asyncio.run(run_load(base, targets(base), clients, seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)


def write_doc(result: dict[str, object], command: str) -> None:
    block = "\n".join(
        [
            BEGIN,
            f"Command: `{command}`, {time.strftime('%Y-%m-%d')}, on the demo database, server and clients on this machine.",
            "",
            "| clients | seconds | requests | requests/s | errors | p50 ms | p99 ms |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {result['clients']} | {result['seconds']} | {result['requests']} | {result['requests_per_s']} | "
            f"{result['errors']} | {result['p50_ms']} | {result['p99_ms']} |",
            END,
        ]
    )
    doc = DOC.read_text(encoding="utf-8")
    DOC.write_text(re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, doc, flags=re.DOTALL), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--write-doc", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            build_demo_db(db)
        result = serve_and_load(db, args.clients, args.seconds)
    print(json.dumps(result))
    if args.write_doc:
        write_doc(result, f"scripts/load_test.py --clients {args.clients} --seconds {args.seconds:g}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
