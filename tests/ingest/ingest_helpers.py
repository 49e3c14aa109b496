"""Helpers for the ingestion tests: fixture paths, a batch runner, rejection checks, the loopback server's routes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from rashomon.ingest import read_inputs
from rashomon.model import Rejection, RejectionReason, Report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "ingest"
GOOD = DATA / "good"
LANGUAGES = DATA / "language"


def shared_file(*parts: str) -> Path:
    """A path under ../shared, skipping when absent: tests/conftest.py's shared_path rule. It is not imported
    from there because ``from conftest import ...`` picks up whichever conftest.py pytest loaded last."""
    path = REPO.parent.joinpath("shared", *parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on development machines)")
    return path


def read_all(paths: Sequence[str | Path], **kwargs: object) -> list[Report | Rejection]:
    return list(read_inputs(paths, **kwargs))  # type: ignore[arg-type]


def by_source(items: Sequence[Report | Rejection]) -> dict[str, Report | Rejection]:
    """Items keyed by the input they came from (Report.source or Rejection.input); sources are unique."""
    keyed: dict[str, Report | Rejection] = {}
    for item in items:
        key = item.source if isinstance(item, Report) else item.input
        assert key is not None
        assert key not in keyed, f"two items from {key}"
        keyed[key] = item
    return keyed


def assert_rejected(item: Report | Rejection, reason: RejectionReason, source: str, *phrases: str) -> Rejection:
    """The item is a one-line Rejection for ``source`` with ``reason``, whose message names the input."""
    assert isinstance(item, Rejection), f"expected a rejection ({reason}) for {source}, got {item!r}"
    assert item.reason is reason, item.message
    assert item.input == source
    assert item.stage == "ingest"
    assert item.message.startswith(f"{source}: "), item.message
    assert "\n" not in item.message
    for phrase in phrases:
        assert phrase in item.message, item.message
    return item


def copy_good(tmp_path: Path, name: str, new_name: str | None = None) -> Path:
    target = tmp_path / (new_name or name)
    shutil.copyfile(GOOD / name, target)
    return target


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Called instead of writing body when set: streams, stalls, fails.
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route | list[Route]]
    hits: dict[str, int]
    user_agents: list[str]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"
