"""PostgreSQL store for teams: `--db postgresql://user@host/dbname`. Needs `pip install 'rashomon[postgres]'`.

It runs the very same queries as SQLite (``SQLStore``); this module only connects, maps
placeholders and derives the PostgreSQL schema from the SQLite migrations, so the two
backends cannot drift apart. Readers see committed data only (MVCC), so analysts can query
while one ingest writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rashomon.errors import OptionalDependencyMissing, StoreError
from rashomon.store.migrations import MIGRATIONS, Migration
from rashomon.store.sql import SQLStore

# Seconds to wait for the server before giving up with a clear message.
CONNECT_TIMEOUT_S = 10

_PG_TYPES = (
    # SQLite's REAL is 8 bytes; PostgreSQL's REAL is 4, too coarse for coordinates.
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGSERIAL PRIMARY KEY"),
)
# SQLite tables have an implicit insertion-ordered rowid that the shared queries ORDER BY;
# PostgreSQL tables get an explicit one.
_CREATE_TABLE = re.compile(r"^(\s*CREATE TABLE (?!IF NOT EXISTS)\w+ \()", re.MULTILINE)


def postgres_statement(sqlite_statement: str) -> str:
    statement = sqlite_statement
    for pattern, replacement in _PG_TYPES:
        statement = pattern.sub(replacement, statement)
    return _CREATE_TABLE.sub(r"\1\n        rowid BIGSERIAL,", statement, count=1)


POSTGRES_MIGRATIONS: tuple[Migration, ...] = tuple(
    Migration(m.version, m.description, tuple(postgres_statement(s) for s in m.statements)) for m in MIGRATIONS
)


def _placeholders(query: str) -> str:
    # Shared queries use ``?`` and contain no literal ``?`` or ``%``; psycopg wants ``%s``.
    return query.replace("?", "%s")


class PostgresStore(SQLStore):
    migrations = POSTGRES_MIGRATIONS

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise OptionalDependencyMissing("psycopg", "postgres") from exc
        self.driver_error = psycopg.Error
        self._idle = psycopg.pq.TransactionStatus.IDLE
        try:
            # autocommit: transactions are opened and closed explicitly by SQLStore.transaction().
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {_redact(url)}: {exc}; check the URL and that the server runs"
            ) from exc
        super().__init__(_redact(url))

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(_placeholders(query), params or None)

    def _executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(_placeholders(query), rows)

    def _in_transaction(self) -> bool:
        return self._conn.info.transaction_status != self._idle

    def close(self) -> None:
        self._conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages and `store.url`."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


__all__ = ["POSTGRES_MIGRATIONS", "PostgresStore"]
