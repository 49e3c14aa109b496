"""Shared fixtures. The spaCy pipeline is built once per test process: loading it is the slow part."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from rashomon.extract import Pipeline, build_pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, Report
from support.paths import REPO_ROOT, SEED_ARTICLE, SHARED, shared_path

__all__ = ["REPO_ROOT", "SEED_ARTICLE", "SHARED", "shared_path"]  # kept for older imports; prefer support.paths


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
