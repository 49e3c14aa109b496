"""Shared fixtures. The spaCy pipeline is built once per test process: loading it is the slow part."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from rashomon.extract import Pipeline, build_pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, Report

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "000_c092c067313caf18.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline: Pipeline) -> Callable[..., Analysis]:
    """analyze("text", published=datetime(...), outlet="...") -> Analysis."""

    def run(text: str, published: datetime | None = None, outlet: str | None = None, **kw: object) -> Analysis:
        report: Report = make_report(text, published=published, outlet=outlet, **kw)  # type: ignore[arg-type]
        return pipeline.analyze(report)

    return run


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on development machines)")
    return path
