"""Choose a store backend from ``--db``: a file path means SQLite, ``postgresql://`` means PostgreSQL."""

from __future__ import annotations

from rashomon.store.base import Store

DEFAULT_DB = "rashomon.db"


def open_store(url: str = DEFAULT_DB) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from rashomon.store.postgres import PostgresStore

        return PostgresStore(url)
    from rashomon.store.sqlite import SQLiteStore

    return SQLiteStore(url)
