"""Fetching URLs with httpx: timeouts, a size limit read as a stream, retries with backoff, a clear User-Agent.

Failures never escape as httpx exceptions: ``Fetcher.fetch`` raises ``InputRejected`` carrying a
Rejection (FETCH_FAILED, TOO_LARGE, NOT_FOUND) whose message names the URL and what to try.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import httpx

from rashomon import __version__
from rashomon.errors import InputRejected
from rashomon.ingest.limits import MAX_PAGE_BYTES, human_size
from rashomon.ingest.rejections import rejected
from rashomon.model import RejectionReason

USER_AGENT = f"Rashomon/{__version__} (+https://github.com/rashomon-project/rashomon)"

# News sites answer within a few seconds; 10 s to connect and 30 s between bytes tolerate slow
# mirrors without letting one dead host hold a batch. TOTAL_TIMEOUT_S caps a server that drips
# bytes just fast enough to defeat the read timeout.
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
TOTAL_TIMEOUT_S = 120.0
MAX_REDIRECTS = 5
# Two retries after the first try (waits 1 s, then 2 s): enough to ride out a restarting server or
# a dropped connection, short enough that a batch of dead links still finishes.
RETRIES = 2
BACKOFF_S = 1.0
MAX_RETRY_AFTER_S = 30.0  # a server's Retry-After is honoured up to this many seconds
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body, within the size limit."""

    url: str  # after redirects
    requested_url: str
    status: int
    content_type: str  # media type without parameters, lower case; "" when absent
    charset: str | None
    content: bytes


def is_url(value: str) -> bool:
    """True for what read_inputs fetches: text starting with http:// or https:// (never raises)."""
    return value.strip().lower().startswith(("http://", "https://"))


class Fetcher:
    """A reusable HTTP client for ingestion; use it as a context manager or call ``close()``.

    ``transport`` and ``sleep`` are injectable so tests can run without waiting or without a network.
    """

    def __init__(
        self,
        *,
        timeout: float = READ_TIMEOUT_S,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        total_timeout: float = TOTAL_TIMEOUT_S,
        max_bytes: int = MAX_PAGE_BYTES,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.total_timeout = total_timeout
        self.user_agent = user_agent
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
            },
            transport=transport,
            trust_env=trust_env,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; retry connection errors and 429/5xx with exponential backoff."""
        if not is_url(url):
            raise rejected(url, RejectionReason.FETCH_FAILED, "only http:// and https:// URLs can be fetched")
        try:
            host = httpx.URL(url.strip()).host
        except (httpx.InvalidURL, ValueError) as exc:
            raise rejected(url, RejectionReason.FETCH_FAILED, f"invalid URL ({exc}); check the address") from exc
        if not host:
            raise rejected(url, RejectionReason.FETCH_FAILED, "the URL names no host; check the address")
        attempt = 0
        while True:
            try:
                return self._fetch_once(url.strip())
            except _Retryable as retry:
                if attempt >= self.retries:
                    raise rejected(
                        url,
                        RejectionReason.FETCH_FAILED,
                        f"{retry.problem} (after {attempt + 1} {'try' if attempt == 0 else 'tries'}); {retry.fix}",
                    ) from retry
                wait = self.backoff * 2**attempt
                if retry.retry_after is not None:
                    wait = max(wait, min(retry.retry_after, MAX_RETRY_AFTER_S))
                self._sleep(wait)
                attempt += 1

    def _fetch_once(self, url: str) -> Fetched:
        started = time.monotonic()
        try:
            with self._client.stream("GET", url) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    raise _Retryable(
                        f"the server answered HTTP {status} {response.reason_phrase}",
                        "try again later",
                        _retry_after(response.headers.get("retry-after")),
                    )
                if status >= 400:
                    reason = RejectionReason.NOT_FOUND if status in (404, 410) else RejectionReason.FETCH_FAILED
                    raise rejected(url, reason, f"the server answered HTTP {status} {response.reason_phrase}; check the address")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, int(declared))
                body = bytearray()
                for chunk in response.iter_bytes(CHUNK_BYTES):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise self._too_large(url, None)
                    if time.monotonic() - started > self.total_timeout:
                        raise _Retryable(
                            f"the download took longer than {self.total_timeout:g} s", "try again later or save the page"
                        )
                media, charset = _content_type(response.headers.get("content-type", ""))
                return Fetched(
                    url=str(response.url),
                    requested_url=url,
                    status=status,
                    content_type=media,
                    charset=charset,
                    content=bytes(body),
                )
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})", "check the address or try again later") from exc
        except httpx.TooManyRedirects as exc:
            raise rejected(
                url, RejectionReason.FETCH_FAILED, f"more than {MAX_REDIRECTS} redirects; open it in a browser"
            ) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            detail = str(exc) or type(exc).__name__
            raise _Retryable(f"could not connect or read ({detail})", "check the address and your network") from exc
        except httpx.InvalidURL as exc:
            raise rejected(url, RejectionReason.FETCH_FAILED, f"invalid URL ({exc}); check the address") from exc

    def _too_large(self, url: str, size: int | None) -> InputRejected:
        what = f"{human_size(size)}" if size is not None else f"more than {human_size(self.max_bytes)}"
        return rejected(
            url,
            RejectionReason.TOO_LARGE,
            f"the response is {what}, over the {human_size(self.max_bytes)} limit; save the article text and ingest the file",
        )


class _Retryable(Exception):
    def __init__(self, problem: str, fix: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset
