"""Web fixtures: the hand-built dataset saved through the real SQLite store, and apps over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rashomon.store.sqlite import SQLiteStore
from rashomon.web import WebSettings, create_app
from web.records import Dataset, build_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return build_dataset()


@pytest.fixture(scope="session")
def web_db(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the dataset, written once per test session."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    store = SQLiteStore(path)
    try:
        with store.transaction():
            for analysis in dataset.analyses:
                store.add_report(analysis.report)
                store.save_analysis(analysis)
            store.save_incidents(dataset.incidents)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def app(web_db: Path) -> FastAPI:
    return create_app(WebSettings(db=str(web_db)))


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
