"""Fetching URLs, only from a server on 127.0.0.1: User-Agent, retries with backoff, size limit, timeouts, failures."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ingest_helpers import GOOD, LocalServer, Route, assert_rejected, by_source, read_all

from rashomon import __version__
from rashomon.errors import InputRejected
from rashomon.ingest.fetch import USER_AGENT, Fetcher
from rashomon.model import Rejection, RejectionReason, Report

HTML = GOOD.joinpath("page.html").read_bytes()
FEED = GOOD.joinpath("feed.xml").read_bytes()
TEXT = GOOD.joinpath("report.txt").read_bytes()


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


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def endless(handler: BaseHTTPRequestHandler) -> None:
    """A chunked body with no Content-Length that would go on for 100 MiB."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"x" * 65536
    try:
        for _ in range(1600):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except OSError:  # the client hung up early, as it should
        return


def stall(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    handler.send_response(200)
    handler.end_headers()


def test_user_agent_names_rashomon() -> None:
    expected = f"Rashomon/{__version__} (+https://github.com/rashomon-project/rashomon)"
    assert expected == USER_AGENT


def test_url_batch_reads_pages_and_feeds_and_rejects_failures(server: LocalServer, fetcher: Fetcher, waits: list[float]) -> None:
    server.routes.update(
        {
            "/article": Route(body=HTML),
            "/feed": Route(body=FEED, content_type="application/rss+xml"),
            "/plain.txt": Route(body=TEXT, content_type="text/plain; charset=utf-8"),
            "/flaky": [Route(status=503, body=b"busy"), Route(status=502, body=b"bad gateway"), Route(body=HTML)],
            "/down": Route(status=500, body=b"error"),
            "/gone": Route(status=404, body=b"no"),
            "/forbidden": Route(status=403, body=b"no"),
            "/huge": Route(body=b"x" * 2048, headers={}),
            "/endless": Route(handler=endless),
            "/redirect": Route(status=302, headers={"Location": "/article"}),
        }
    )
    refused = f"http://127.0.0.1:{free_port()}/nothing"
    urls = [server.url(p) for p in ("/article", "/feed", "/plain.txt", "/flaky", "/down", "/gone", "/forbidden", "/redirect")]

    items = by_source(read_all([*urls, refused], fetcher=fetcher))

    page = items[server.url("/article")]
    assert isinstance(page, Report)
    assert page.title == "Convoy hit on desert road" and page.outlet == "The Example Observer"
    assert page.url == server.url("/article")  # where it was fetched from, not the page's own claim (canonical link)
    assert page.source == server.url("/article")
    assert page.text.startswith("Convoy hit on desert road\nA convoy of fighters was hit by an air strike")

    entry = items[server.url("/feed") + "#2"]
    assert isinstance(entry, Report)
    assert entry.title == "Aid convoy reaches besieged town" and entry.outlet == "Example Wire Service"
    assert entry.url == "https://wire.example.net/2017/08/11/aid-convoy"
    assert entry.published == datetime(2017, 8, 11, 14, 40, tzinfo=UTC)
    assert isinstance(items[server.url("/feed") + "#1"], Report)

    plain = items[server.url("/plain.txt")]
    assert isinstance(plain, Report) and plain.text.startswith("Border clash leaves two soldiers wounded")
    assert plain.url == server.url("/plain.txt")

    flaky = items[server.url("/flaky")]
    assert isinstance(flaky, Report) and flaky.id == page.id
    assert server.hits["/flaky"] == 3

    down = server.url("/down")
    assert_rejected(items[down], RejectionReason.FETCH_FAILED, down, "HTTP 500", "after 3 tries", "try again later")
    assert server.hits["/down"] == 3
    assert_rejected(items[server.url("/gone")], RejectionReason.NOT_FOUND, server.url("/gone"), "HTTP 404", "check the address")
    assert server.hits["/gone"] == 1  # a 4xx is not retried
    assert_rejected(items[server.url("/forbidden")], RejectionReason.FETCH_FAILED, server.url("/forbidden"), "HTTP 403")
    redirected = items[server.url("/redirect")]
    assert isinstance(redirected, Report) and redirected.id == page.id
    assert redirected.url == server.url("/article") and redirected.source == server.url("/redirect")
    assert_rejected(items[refused], RejectionReason.FETCH_FAILED, refused, "could not connect", "after 3 tries")

    # Exponential backoff: 1 s then 2 s, for /flaky, /down and the refused port.
    assert waits == [1.0, 2.0] * 3
    assert set(server.user_agents) == {USER_AGENT}


def test_size_limit_is_enforced_while_streaming(server: LocalServer, waits: list[float]) -> None:
    server.routes["/huge"] = Route(body=b"y" * 5000, content_type="text/plain")
    server.routes["/endless"] = Route(handler=endless)
    with Fetcher(max_bytes=1024, trust_env=False, sleep=waits.append) as small:
        with pytest.raises(InputRejected) as declared:
            small.fetch(server.url("/huge"))
        assert declared.value.rejection.reason is RejectionReason.TOO_LARGE
        assert "4.9 KiB, over the 1.0 KiB limit" in declared.value.rejection.message
        started = time.monotonic()
        with pytest.raises(InputRejected) as streamed:
            small.fetch(server.url("/endless"))
        assert time.monotonic() - started < 5  # stopped after the first chunks, not 100 MiB later
    assert streamed.value.rejection.reason is RejectionReason.TOO_LARGE
    assert streamed.value.rejection.message == (
        f"{server.url('/endless')}: the response is more than 1.0 KiB, over the 1.0 KiB limit; "
        "save the article text and ingest the file"
    )
    assert waits == []


def test_timeouts_are_retried_then_reported(server: LocalServer, waits: list[float]) -> None:
    server.routes["/stall"] = Route(handler=stall)
    with Fetcher(timeout=0.3, retries=1, trust_env=False, sleep=waits.append) as impatient:
        started = time.monotonic()
        [item] = read_all([server.url("/stall")], fetcher=impatient)
    assert time.monotonic() - started < 2.5
    assert_rejected(item, RejectionReason.FETCH_FAILED, server.url("/stall"), "timed out (ReadTimeout)", "after 2 tries")
    assert waits == [1.0]


def test_retry_after_is_honoured_up_to_a_cap(server: LocalServer, fetcher: Fetcher, waits: list[float]) -> None:
    server.routes["/busy"] = [Route(status=429, headers={"Retry-After": "7"}), Route(body=TEXT, content_type="text/plain")]
    fetched = fetcher.fetch(server.url("/busy"))
    assert fetched.content == TEXT and fetched.content_type == "text/plain" and fetched.status == 200
    assert waits == [7.0]


def test_only_http_urls_are_fetched(fetcher: Fetcher) -> None:
    with pytest.raises(InputRejected) as error:
        fetcher.fetch("file:///etc/passwd")
    assert error.value.rejection.reason is RejectionReason.FETCH_FAILED
    assert "only http:// and https://" in error.value.rejection.message


def test_corpus_served_as_text_plain_is_read_by_its_extension(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/corpus.jsonl"] = Route(body=GOOD.joinpath("corpus.jsonl").read_bytes(), content_type="text/plain")
    server.routes["/news.xml"] = Route(body=FEED, content_type="application/octet-stream")
    items = by_source(read_all([server.url("/corpus.jsonl"), server.url("/news.xml")], fetcher=fetcher))
    assert list(items) == [
        server.url("/corpus.jsonl:1"),
        server.url("/corpus.jsonl:2"),
        server.url("/news.xml#1"),
        server.url("/news.xml#2"),
    ]
    line = items[server.url("/corpus.jsonl:1")]
    assert isinstance(line, Report) and line.title == "Three arrested over power station plot"


def test_malformed_urls_are_rejected_without_a_request(fetcher: Fetcher, waits: list[float]) -> None:
    items = read_all(["http://", "http://[::1", "https:///path-only"], fetcher=fetcher)
    assert_rejected(items[0], RejectionReason.FETCH_FAILED, "http://", "names no host")
    assert_rejected(items[1], RejectionReason.FETCH_FAILED, "http://[::1", "invalid URL")
    assert_rejected(items[2], RejectionReason.FETCH_FAILED, "https:///path-only", "names no host")
    assert waits == []


def test_single_try_is_worded_as_such() -> None:
    with Fetcher(retries=0, trust_env=False) as once:
        [item] = read_all([f"http://127.0.0.1:{free_port()}/"], fetcher=once)
    assert isinstance(item, Rejection) and "(after 1 try)" in item.message
