"""JSONL corpora: one JSON object per line, ``text`` required; ``title``, ``url``, ``outlet``,
``published`` (ISO date or datetime) and ``language`` optional; other keys are ignored.

The file is streamed, so a corpus may be any size; each line is limited (limits.MAX_JSONL_LINE_BYTES)
and a bad line rejects that line only, as ``PATH:LINE``. Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from rashomon.errors import InputRejected
from rashomon.ingest.common import finish
from rashomon.ingest.dates import published_field
from rashomon.ingest.decoding import check_not_binary, decode
from rashomon.ingest.limits import MAX_JSONL_LINE_BYTES, human_size
from rashomon.ingest.rejections import rejection
from rashomon.model import Rejection, RejectionReason, Report

HEAD_BYTES = 8192  # sniffed for binary content before any line is parsed
OPTIONAL_TEXT_FIELDS = ("title", "url", "outlet", "language")
EXAMPLE = '{"text": "...", "title": "...", "published": "2017-08-09"}'


def read_jsonl(stream: BinaryIO, source: str) -> Iterator[Report | Rejection]:
    """Yield one report or rejection per non-blank line of ``stream``."""
    head = stream.read(HEAD_BYTES)
    check_not_binary(head, source)
    stream.seek(0)
    seen = False
    for number, line in _lines(stream):
        line_source = f"{source}:{number}"
        if line is None:
            seen = True
            yield rejection(
                line_source,
                RejectionReason.TOO_LARGE,
                f"the line is over the {human_size(MAX_JSONL_LINE_BYTES)} limit for one report; split the report",
            )
            continue
        if not line.strip():
            continue
        seen = True
        try:
            yield _parse_line(line, line_source, first=number == 1)
        except InputRejected as exc:
            yield exc.rejection
    if not seen:
        yield rejection(source, RejectionReason.EMPTY, f"no JSON lines in it; write one object per line, e.g. {EXAMPLE}")


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; None for a line over the limit, whose rest is skipped unread."""
    number = 0
    while True:
        line = stream.readline(MAX_JSONL_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_JSONL_LINE_BYTES:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1024 * 1024)
            yield number, None
        else:
            yield number, line


def _parse_line(raw: bytes, source: str, *, first: bool) -> Report | Rejection:
    text = decode(raw, source)
    if first:
        text = text.removeprefix("\ufeff")
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return rejection(
            source, RejectionReason.MALFORMED, f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
        )
    except (ValueError, RecursionError) as exc:  # nesting too deep, an integer of 5,000 digits ...
        return rejection(source, RejectionReason.MALFORMED, f"unreadable JSON ({exc}); fix or remove the line")
    if not isinstance(item, dict):
        return rejection(
            source,
            RejectionReason.MALFORMED,
            f"the line is a JSON {type(item).__name__}, not an object; write e.g. {EXAMPLE}",
        )
    body = item.get("text")
    if not isinstance(body, str):
        problem = "has no 'text' field" if body is None else f"has a 'text' that is a {type(body).__name__}"
        return rejection(source, RejectionReason.MALFORMED, f"the object {problem}; write e.g. {EXAMPLE}")
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_TEXT_FIELDS:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            return rejection(
                source, RejectionReason.MALFORMED, f"'{name}' is a {type(value).__name__}; give it as a string or leave it out"
            )
        fields[name] = value or None
    return finish(
        body,
        source=source,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=published_field(item.get("published"), source),
        language=fields["language"],
    )
