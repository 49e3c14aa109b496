"""Readers given arbitrary bytes (hypothesis): the only outcomes are a Report or a documented Rejection.

A quick version of issue 8's fuzzing: each reader sees mutated copies of the good fixtures and raw noise.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import GOOD, read_all

from rashomon.ingest.rejections import MAX_MESSAGE_CHARS, STAGE
from rashomon.model import Rejection, RejectionReason, Report

SEEDS = {name: (GOOD / name).read_bytes() for name in ("report.txt", "page.html", "feed.xml", "atom.xml", "corpus.jsonl")}
# A generic "could not be read" would mean a parser crashed inside a reader: none is allowed.
CRASH_MARK = "please report this as a Rashomon bug"


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["cut", "insert", "flip", "delete"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(max_size=40) | st.sampled_from([b"\x00", b"<div>" * 300, b"&#x202e;", "\u200d".encode(), b"]]>"])
            )
        elif kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 50))]
    return name, bytes(data)


def check(item: Report | Rejection, source_prefix: str) -> None:
    if isinstance(item, Report):
        assert item.text and item.source and item.source.startswith(source_prefix)
        assert item.published is None or item.published.tzinfo is not None
        return
    assert item.reason in RejectionReason and item.stage == STAGE
    assert item.input.startswith(source_prefix) and item.message.startswith(item.input)
    assert "\n" not in item.message and len(item.message) <= MAX_MESSAGE_CHARS
    assert CRASH_MARK not in item.message, item.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_fixtures_never_crash_a_reader(case: tuple[str, bytes]) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = read_all([path])
    assert items, "every input yields at least one item"
    for item in items:
        check(item, str(path))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".xml", ".jsonl", ".dat"]))
def test_noise_never_crashes_a_reader(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"noise{suffix}"
        path.write_bytes(data)
        items = read_all([path])
    assert items
    for item in items:
        check(item, str(path))
