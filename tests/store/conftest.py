"""Store fixtures, parametrised over backends so every store test runs on each of them.

Add a backend by adding its name to ``BACKENDS`` and a branch to ``store_url`` that returns a
fresh, empty database URL for the test (the PostgreSQL one will create a throwaway database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rashomon.store import Store, open_store
from support.postgres import PostgresServer, find_bin_dir, running_server

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if find_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql); .ci/run installs them")
    with running_server() as server:
        yield server


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    if request.param == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.create_database(f"t_{abs(hash(request.node.nodeid)):x}")
    raise AssertionError(f"unknown backend {request.param}")


@pytest.fixture
def open_test_store(store_url: str) -> Iterator[Callable[[], Store]]:
    """Open (or reopen) the test's database; every store opened this way is closed afterwards."""
    opened: list[Store] = []

    def factory() -> Store:
        store = open_store(store_url)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def store(open_test_store: Callable[[], Store]) -> Store:
    return open_test_store()
