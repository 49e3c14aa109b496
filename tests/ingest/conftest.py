"""Fixtures for the ingestion tests: a loopback HTTP server and a Fetcher that never really waits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ingest_helpers import LocalServer, Route

from rashomon.ingest.fetch import Fetcher


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 (never the internet); set ``routes`` per test. A list of routes is
    served in turn (the last one repeats), to script failures followed by success."""
    routes: dict[str, Route | list[Route]] = {}
    hits: dict[str, int] = {}
    agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            return

        def do_GET(self) -> None:
            n = hits.get(self.path, 0)
            hits[self.path] = n + 1
            agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path, Route(status=404, body=b"not here"))
            if isinstance(route, list):
                route = route[min(n, len(route) - 1)]
            if route.handler is not None:
                route.handler(self)
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(route.body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes, hits, agents)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def waits() -> list[float]:
    """The backoff waits the test fetcher was asked to sleep, in order."""
    return []


@pytest.fixture
def fetcher(waits: list[float]) -> Iterator[Fetcher]:
    """A Fetcher for loopback tests: no proxy from the environment, no real waiting between retries."""
    with Fetcher(timeout=2.0, connect_timeout=2.0, trust_env=False, sleep=waits.append) as client:
        yield client
