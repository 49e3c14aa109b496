"""``read_inputs``: files, directories and URLs in, one Report or Rejection out per item.

It never raises for bad input: every problem becomes a Rejection naming the input, and the batch
goes on. Order is deterministic: inputs in the order given, directories walked in sorted order.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path

from rashomon.errors import InputRejected
from rashomon.ingest.feed_reader import read_feed
from rashomon.ingest.fetch import Fetched, Fetcher, is_url
from rashomon.ingest.html_reader import read_html
from rashomon.ingest.jsonl_reader import read_jsonl
from rashomon.ingest.limits import MAX_PAGE_BYTES, MAX_REPORT_BYTES, human_size
from rashomon.ingest.rejections import rejection
from rashomon.ingest.text_reader import read_text
from rashomon.model import Rejection, RejectionReason, Report

Item = Report | Rejection
SNIFF_BYTES = 4096
_JSON_OBJECT_START = re.compile(rb'\{[ \t]*"')  # an object opening on its line, as JSONL lines do


class Kind(StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"


EXTENSIONS: dict[str, Kind] = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".xml": Kind.FEED,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
}

MEDIA_TYPES: dict[str, Kind] = {
    "text/plain": Kind.TEXT,
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "application/rss+xml": Kind.FEED,
    "application/atom+xml": Kind.FEED,
    "application/rdf+xml": Kind.FEED,
    "application/x-ndjson": Kind.JSONL,
    "application/jsonl": Kind.JSONL,
}

# Formats that are not reports by themselves: refused with the way to turn them into one, rather than
# read as one plain-text "report" made of a whole table.
TABULAR = {
    ".csv": "a CSV table",
    ".tsv": "a TSV table",
    ".json": "a JSON document",
    ".xlsx": "a spreadsheet",
    ".xls": "a spreadsheet",
    ".ods": "a spreadsheet",
}

# Whole-file size limit per kind, checked before reading; JSONL is streamed line by line instead.
SIZE_LIMITS: dict[Kind, int] = {Kind.TEXT: MAX_REPORT_BYTES, Kind.HTML: MAX_PAGE_BYTES, Kind.FEED: MAX_PAGE_BYTES}


def read_inputs(paths: Sequence[str | Path], *, fetcher: Fetcher | None = None, skip: Collection[Path] = ()) -> Iterator[Item]:
    """Yield one Report or Rejection per report found in ``paths`` (files, directories, http(s) URLs).

    A Fetcher is created on the first URL when none is given, and closed at the end. Files in ``skip``
    (resolved paths: the store being written, when it lies in an input folder) are passed over by folder walks.
    """
    if isinstance(paths, str | Path):  # one path given bare: not a sequence of its characters
        paths = [paths]
    own: list[Fetcher] = []

    def get_fetcher() -> Fetcher:
        if fetcher is not None:
            return fetcher
        if not own:
            own.append(Fetcher())
        return own[0]

    def read_one(path: str | Path) -> Iterator[Item]:
        name = str(path)
        if isinstance(path, str) and is_url(path):
            yield from _guarded(name, lambda: _read_url(name, get_fetcher()))
        else:
            yield from _read_path(Path(path), name, frozenset(skip))

    try:
        for path in paths:
            # Guarded as a whole too: a path no system call accepts (a NUL byte in it) is one rejection.
            yield from _guarded(str(path), lambda path=path: read_one(path))
    finally:
        for client in own:
            client.close()


def _guarded(source: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """Run one input's reader; turn its InputRejected into the Rejection and any crash into one too."""
    try:
        yield from produce()
    except InputRejected as exc:
        yield exc.rejection
    except OSError as exc:
        yield _unreadable(source, exc)
    except (MemoryError, RecursionError, ValueError) as exc:
        yield rejection(source, RejectionReason.MALFORMED, f"could not be read ({type(exc).__name__}: {exc}); check the file")
    except Exception as exc:  # noqa: BLE001 - a bug in a parser must cost one input, not the batch
        yield rejection(
            source,
            RejectionReason.MALFORMED,
            f"could not be read ({type(exc).__name__}: {exc}); please report this as a Rashomon bug with the file",
        )


def _read_path(path: Path, source: str, skip: frozenset[Path] = frozenset()) -> Iterator[Item]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield rejection(source, RejectionReason.NOT_FOUND, "no such file or directory; check the path")
        return
    except OSError as exc:
        yield _unreadable(source, exc)
        return
    except ValueError as exc:  # e.g. a NUL byte in the name
        yield rejection(source, RejectionReason.NOT_FOUND, f"not a valid path ({exc}); check the path")
        return
    if stat.S_ISDIR(info.st_mode):
        for file in walk(path):
            if isinstance(file, Rejection):
                yield file
            elif skip and file.resolve() in skip:
                continue  # the store this run writes, inside the folder it reads
            else:
                yield from _guarded(str(file), lambda file=file: _read_file(file, str(file)))
    elif stat.S_ISREG(info.st_mode):
        yield from _guarded(source, lambda: _read_file(path, source))
    else:
        yield rejection(
            source, RejectionReason.MALFORMED, "not a regular file (a pipe, socket or device); give a file or a directory"
        )


def _unreadable(source: str, exc: OSError) -> Rejection:
    cause = exc.strerror or type(exc).__name__
    return rejection(source, RejectionReason.UNREADABLE, f"cannot be read ({cause}); check its permissions and the disk")


def walk(root: Path) -> Iterator[Path | Rejection]:
    """Files under ``root``, recursively, in sorted order; hidden files and folders are skipped.

    Symbolic links to folders are not followed (no cycles); links to files are read. A folder that
    cannot be listed becomes a Rejection.
    """
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield _unreadable(str(root), exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)
        except OSError:
            yield Path(entry.path)


def _read_file(path: Path, source: str) -> Iterator[Item]:
    size = path.stat().st_size
    if size == 0:
        yield rejection(source, RejectionReason.EMPTY, "empty file; give a file with a report in it")
        return
    suffix = path.suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind is None and suffix in TABULAR:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        if suffix == ".json" and sniff(head) is Kind.JSONL:
            kind = Kind.JSONL  # JSON Lines saved as .json
        else:
            yield rejection(
                source,
                RejectionReason.MALFORMED,
                f"this is {TABULAR[suffix]}, not a report; write one report per line to a .jsonl file "
                '({"text": ..., "title": ..., "published": ...})',
            )
            return
    if kind is None:
        with path.open("rb") as stream:
            kind = sniff(stream.read(SNIFF_BYTES))
    if kind is Kind.JSONL:
        with path.open("rb") as stream:
            yield from read_jsonl(stream, source)
        return
    limit = SIZE_LIMITS[kind]
    if size > limit:  # checked before the file is opened: a 50 MB text is never read
        yield _too_large(source, kind, size, limit)
        return
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        yield _too_large(source, kind, len(data), limit)
        return
    yield from READERS[kind](data, source)


def _too_large(source: str, kind: Kind, size: int, limit: int) -> Rejection:
    fix = "split it into one file per report, or into a JSONL corpus" if kind is Kind.TEXT else "save the article text instead"
    return rejection(
        source, RejectionReason.TOO_LARGE, f"{human_size(size)}, over the {human_size(limit)} limit for a {kind} file; {fix}"
    )


def _read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    fetched = fetcher.fetch(url)
    kind = kind_of_response(fetched)
    if kind is Kind.JSONL:
        yield from read_jsonl(io.BytesIO(fetched.content), url)
        return
    if kind is Kind.FEED:
        yield from read_feed(fetched.content, url, url=fetched.url, charset=fetched.charset)
        return
    yield from READERS[kind](fetched.content, url, url=fetched.url, charset=fetched.charset)


def kind_of_response(fetched: Fetched) -> Kind:
    """The declared media type when it is specific; otherwise the URL's extension, then the content."""
    declared = MEDIA_TYPES.get(fetched.content_type)
    sniffed = sniff(fetched.content[:SNIFF_BYTES])
    by_name = EXTENSIONS.get(Path(fetched.url.split("?", 1)[0].split("#", 1)[0]).suffix.lower())
    if declared is Kind.HTML and sniffed is Kind.FEED:
        return Kind.FEED  # some servers send feeds as text/html
    if declared is Kind.TEXT and by_name in (Kind.JSONL, Kind.FEED):
        return by_name  # .jsonl and .xml files are often served as text/plain
    return declared or by_name or sniffed


def sniff(head: bytes) -> Kind:
    """Guess a file's kind from its first bytes: feed, HTML, JSONL, else text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if b"<html" in start and b"<rss" not in start and b"<feed" not in start:
            return Kind.HTML
        return Kind.FEED
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or (
        start.startswith(b"<") and (b"<p>" in start or b"<div" in start or b"</" in start)
    ):
        return Kind.HTML
    if _JSON_OBJECT_START.match(start):
        return Kind.JSONL
    return Kind.TEXT


READERS: dict[Kind, Callable[..., Iterator[Item]]] = {Kind.TEXT: read_text, Kind.HTML: read_html, Kind.FEED: read_feed}
