"""The SQL logic every relational store shares: tables, row builders, reads and writes.

``SQLStore`` holds all queries, written once with ``?`` placeholders; a backend subclass
(sqlite.py, postgres.py) supplies the connection, the placeholder style, the error types and
its migrations. Each table has plain columns for people and SQL, and a ``json`` column with the
record's exact serialisation, from which reads rebuild the records (so model -> store -> model
is lossless). All SQL is parameterised; table and column names come only from constants here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from rashomon.errors import NotFound, StoreError
from rashomon.model import (
    ActorMention,
    Analysis,
    Event,
    Incident,
    Place,
    Rejection,
    Report,
    Statement,
    TimeRef,
)
from rashomon.model.records import Account, Contradiction
from rashomon.store.base import AddOutcome, ReportSummary, StoredSignature
from rashomon.store.migrations import Migration

# Chunk size for ``IN (?, ?, ...)`` lookups: below SQLite's default 999-variable limit (and PostgreSQL's 65535).
IN_CHUNK = 500

_ANALYSIS_TABLES = ("actor_mentions", "statements", "events", "places", "times")
_INCIDENT_TABLES = ("incident_reports", "incident_events", "accounts", "contradictions")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    # Names come from the constant column tuples below, never from data; values are bound.
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608


# ---------------------------------------------------------------------------- row builders
# Each returns the readable columns of one record, in the order of its *_COLUMNS tuple.

_ACTOR_COLUMNS = ("span_start", "span_end", "text", "name", "actor_id", "kind", "sector", "role")
_STATEMENT_COLUMNS = (
    "speaker",
    "speaker_name",
    "speaker_actor_id",
    "speaker_role",
    "speaker_affiliation",
    "cue",
    "channel",
    "channel_outlet",
    "stance",
    "stance_target",
    "direct",
    "attributed",
    "content_start",
    "content_end",
    "content",
    "parent_id",
    "confidence",
)
_EVENT_COLUMNS = (
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor",
    "target",
    "place",
    "lat",
    "lon",
    "time_start",
    "time_end",
    "killed_min",
    "killed_max",
    "wounded_min",
    "wounded_max",
    "modality",
    "statement_id",
)
_PLACE_COLUMNS = ("span_start", "span_end", "text", "name", "lat", "lon", "precision", "country_code", "admin1", "gazetteer_id")
_TIME_COLUMNS = ("span_start", "span_end", "expression", "time_start", "time_end", "precision", "anchor")


def _actor_row(a: ActorMention) -> tuple[Any, ...]:
    return (a.span.start, a.span.end, a.span.text, a.name, a.actor_id, a.kind, a.sector.value, a.role)


def _statement_row(s: Statement) -> tuple[Any, ...]:
    first, last = (s.content[0], s.content[-1]) if s.content else (None, None)
    return (
        s.speaker.text if s.speaker else None,
        s.speaker_name,
        s.speaker_actor_id,
        s.speaker_role,
        s.speaker_affiliation,
        s.cue.text if s.cue else None,
        s.channel.kind.value,
        s.channel.outlet,
        s.stance.value,
        s.stance_target,
        int(s.direct),
        int(s.attributed),
        first.start if first else None,
        last.end if last else None,
        " … ".join(span.text for span in s.content),
        s.parent_id,
        s.confidence,
    )


def _event_row(e: Event) -> tuple[Any, ...]:
    place = e.places[0] if e.places else None
    return (
        e.trigger.start,
        e.trigger.end,
        e.trigger.text,
        e.plover_type,
        e.plover_mode,
        e.acled_event_type,
        e.acled_sub_event_type,
        e.actor.name if e.actor else None,
        e.target.name if e.target else None,
        place.name if place else None,
        place.lat if place else None,
        place.lon if place else None,
        _iso(e.time.start) if e.time else None,
        _iso(e.time.end) if e.time else None,
        e.killed.min,
        e.killed.max,
        e.wounded.min,
        e.wounded.max,
        e.modality.value,
        e.statement_id,
    )


def _place_row(p: Place) -> tuple[Any, ...]:
    precision = p.precision.value if p.precision else None
    return (p.span.start, p.span.end, p.span.text, p.name, p.lat, p.lon, precision, p.country_code, p.admin1, p.gazetteer_id)


def _time_row(t: TimeRef) -> tuple[Any, ...]:
    return (t.span.start, t.span.end, t.expression, _iso(t.start), _iso(t.end), t.precision.value, _iso(t.anchor))


_REPORT_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "outlet",
    "published",
    "url",
    "language",
    "source",
    "near_duplicate_of",
    "ingested_at",
    "text",
    "json",
)
_INCIDENT_COLUMNS = (
    "id",
    "title",
    "plover_type",
    "acled_event_type",
    "acled_sub_event_type",
    "country_code",
    "place",
    "lat",
    "lon",
    "time_start",
    "time_end",
    "grade",
    "grade_reasons",
    "killed_min",
    "killed_max",
    "wounded_min",
    "wounded_max",
    "n_reports",
    "json",
)
_ACCOUNT_COLUMNS = (
    "source",
    "source_actor_id",
    "stance",
    "alleged_perpetrator",
    "killed_min",
    "killed_max",
    "wounded_min",
    "wounded_max",
    "place",
    "time",
    "method",
    "outlets",
)


def _account_row(a: Account) -> tuple[Any, ...]:
    return (
        a.source,
        a.source_actor_id,
        a.stance.value,
        a.alleged_perpetrator,
        a.killed.min,
        a.killed.max,
        a.wounded.min,
        a.wounded.max,
        a.place,
        _iso(a.time),
        a.method,
        "; ".join(a.outlets),
    )


def _contradiction_row(c: Contradiction) -> tuple[Any, ...]:
    return (c.kind.value, c.summary, " | ".join(f"{', '.join(s.sources)}: {s.claim}" for s in c.sides))


# Incident fields kept in child tables; the incidents.json column holds the rest.
_INCIDENT_CHILD_FIELDS = {"reports", "events", "accounts", "contradictions"}


class SQLStore:
    """A Store over one SQL connection. Not shared across threads; open one per process or thread."""

    url: str
    #: Ordered schema steps for this backend; each is applied once, in one transaction, on open.
    migrations: tuple[Migration, ...] = ()
    #: The driver's base exception; failures are re-raised as StoreError naming the database.
    driver_error: type[Exception] = Exception
    #: Statement that opens a write transaction.
    begin_statement = "BEGIN"

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0
        self._migrate()

    # ------------------------------------------------------------------ backend hooks

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders) and return a cursor."""
        raise NotImplementedError

    def _executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _in_transaction(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        latest = self.migrations[-1].version
        try:
            with self.transaction():
                self._execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                current = self.schema_version()
                if current > latest:
                    raise StoreError(
                        f"{self.url} has schema version {current}, newer than this rashomon knows ({latest}); upgrade rashomon"
                    )
                for migration in self.migrations:
                    if migration.version <= current:
                        continue
                    for statement in migration.statements:
                        self._execute(statement)
                    self._execute(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.description, _now()),
                    )
        except self.driver_error as exc:
            raise StoreError(f"{self.url} is not a usable rashomon database ({exc}); choose another --db") from exc

    def schema_version(self) -> int:
        row = self._execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._execute(self.begin_statement)
        except self.driver_error as exc:
            raise StoreError(f"cannot write to {self.url}: {exc}; is another process holding it locked?") from exc
        self._depth = 1
        try:
            yield
            self._execute("COMMIT")
        except BaseException as exc:
            if self._in_transaction():
                self._execute("ROLLBACK")
            if isinstance(exc, self.driver_error):
                raise StoreError(f"write to {self.url} failed and was rolled back: {exc}") from exc
            raise
        finally:
            self._depth = 0

    # ------------------------------------------------------------------ reports

    def add_report(self, report: Report, signature: Sequence[int] | None = None) -> AddOutcome:
        row = (
            report.id,
            report.content_hash,
            report.title,
            report.outlet,
            _iso(report.published),
            report.url,
            report.language,
            report.source,
            report.near_duplicate_of,
            _iso(report.ingested_at),
            report.text,
            report.model_dump_json(),
        )
        with self.transaction():
            cursor = self._execute(_insert_sql("reports", _REPORT_COLUMNS) + " ON CONFLICT (id) DO NOTHING", row)
            if cursor.rowcount == 0:
                return AddOutcome.DUPLICATE
            if signature is not None:
                self._execute(
                    "INSERT INTO signatures (report_id, hashvalues) VALUES (?, ?) ON CONFLICT (report_id) DO NOTHING",
                    (report.id, json.dumps([int(v) for v in signature])),
                )
        return AddOutcome.ADDED

    def has_report(self, report_id: str) -> bool:
        return self._execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None

    def existing_report_ids(self, report_ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(report_ids))
        found: set[str] = set()
        for i in range(0, len(ids), IN_CHUNK):
            chunk = ids[i : i + IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT id FROM reports WHERE id IN ({marks})"  # noqa: S608 - only placeholders are interpolated
            found.update(row[0] for row in self._execute(query, chunk))
        return found

    def get_report(self, report_id: str) -> Report:
        row = self._execute("SELECT json FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFound(f"no report {report_id!r} in {self.url}; list them with `rashomon reports --db {self.url}`")
        return Report.model_validate_json(row[0])

    def iter_reports(self) -> Iterator[Report]:
        for (raw,) in self._execute("SELECT json FROM reports ORDER BY rowid"):
            yield Report.model_validate_json(raw)

    def count_reports(self) -> int:
        return int(self._execute("SELECT COUNT(*) FROM reports").fetchone()[0])

    def iter_signatures(self) -> Iterator[StoredSignature]:
        for report_id, raw in self._execute("SELECT report_id, hashvalues FROM signatures ORDER BY rowid"):
            yield StoredSignature(report_id=report_id, hashvalues=tuple(json.loads(raw)))

    def iter_report_summaries(self) -> Iterator[ReportSummary]:
        query = (
            "SELECT r.id, r.outlet, r.published, r.title, r.url, r.near_duplicate_of, "
            "a.report_id IS NOT NULL, COALESCE(a.n_statements, 0), COALESCE(a.n_events, 0) "
            "FROM reports r LEFT JOIN analyses a ON a.report_id = r.id ORDER BY r.rowid"
        )
        for rid, outlet, published, title, url, near, analysed, n_st, n_ev in self._execute(query):
            yield ReportSummary(
                id=rid,
                outlet=outlet,
                published=datetime.fromisoformat(published) if published else None,
                title=title,
                url=url,
                near_duplicate_of=near,
                analysed=bool(analysed),
                n_statements=n_st,
                n_events=n_ev,
            )

    # ------------------------------------------------------------------ analyses

    def save_analysis(self, analysis: Analysis) -> None:
        rid = analysis.report.id
        with self.transaction():
            self.add_report(analysis.report)
            for table in _ANALYSIS_TABLES:
                self._execute(f"DELETE FROM {table} WHERE report_id = ?", (rid,))  # noqa: S608 - constant name
            self._execute("DELETE FROM analyses WHERE report_id = ?", (rid,))
            self._execute(
                "INSERT INTO analyses (report_id, pipeline_version, analysed_at, n_actors, n_statements, n_events, "
                "n_places, n_times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    analysis.pipeline_version,
                    _now(),
                    len(analysis.actors),
                    len(analysis.statements),
                    len(analysis.events),
                    len(analysis.places),
                    len(analysis.times),
                ),
            )
            self._insert_children("actor_mentions", _ACTOR_COLUMNS, rid, analysis.actors, _actor_row)
            self._insert_children("statements", _STATEMENT_COLUMNS, rid, analysis.statements, _statement_row)
            self._insert_children("events", _EVENT_COLUMNS, rid, analysis.events, _event_row)
            self._insert_children("places", _PLACE_COLUMNS, rid, analysis.places, _place_row)
            self._insert_children("times", _TIME_COLUMNS, rid, analysis.times, _time_row)

    def _insert_children(self, table: str, columns: Sequence[str], rid: str, records: Sequence[Any], row: Any) -> None:
        if not records:  # nothing to write; the statement is not even prepared
            return
        sql = _insert_sql(table, ("report_id", "seq", "id", *columns, "json"))
        self._executemany(sql, [(rid, seq, rec.id, *row(rec), rec.model_dump_json()) for seq, rec in enumerate(records)])

    def _children(self, table: str, key: str, value: str) -> list[str]:
        query = f"SELECT json FROM {table} WHERE {key} = ? ORDER BY seq"  # noqa: S608 - constant names
        return [raw for (raw,) in self._execute(query, (value,))]

    def get_analysis(self, report_id: str) -> Analysis | None:
        row = self._execute(
            "SELECT a.pipeline_version, r.json FROM analyses a JOIN reports r ON r.id = a.report_id WHERE a.report_id = ?",
            (report_id,),
        ).fetchone()
        if row is None:
            return None
        return self._build_analysis(report_id, row[0], row[1])

    def _build_analysis(self, report_id: str, version: str, report_json: str) -> Analysis:
        def load(table: str, model: type[Any]) -> tuple[Any, ...]:
            return tuple(model.model_validate_json(raw) for raw in self._children(table, "report_id", report_id))

        return Analysis(
            report=Report.model_validate_json(report_json),
            actors=load("actor_mentions", ActorMention),
            statements=load("statements", Statement),
            events=load("events", Event),
            places=load("places", Place),
            times=load("times", TimeRef),
            pipeline_version=version,
        )

    def iter_analyses(self) -> Iterator[Analysis]:
        # Take the keys first (small), then load each analysis: memory stays flat and the
        # iteration is stable even if the caller writes in between.
        query = "SELECT a.report_id FROM analyses a JOIN reports r ON r.id = a.report_id ORDER BY r.rowid"
        for (report_id,) in self._execute(query).fetchall():
            analysis = self.get_analysis(report_id)
            if analysis is not None:
                yield analysis

    def unanalysed_report_ids(self, pipeline_version: str | None = None) -> list[str]:
        if pipeline_version is None:
            query = "SELECT r.id FROM reports r LEFT JOIN analyses a ON a.report_id = r.id WHERE a.report_id IS NULL"
            params: tuple[str, ...] = ()
        else:
            query = (
                "SELECT r.id FROM reports r LEFT JOIN analyses a ON a.report_id = r.id "
                "WHERE a.report_id IS NULL OR a.pipeline_version <> ?"
            )
            params = (pipeline_version,)
        return [rid for (rid,) in self._execute(query + " ORDER BY r.rowid", params)]

    def outlet_place_counts(self, outlet: str, exclude: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        # Counted in SQL for all the outlet's reports, less the same count over the excluded ones (a batch:
        # few), so an outlet with a long history sends one row per distinct place. Sorted here, not by
        # ORDER BY: SQLite and PostgreSQL collate text differently, and the order must not depend on that.
        base = (
            "SELECT p.gazetteer_id, p.name, COUNT(DISTINCT p.report_id) FROM places p "
            "JOIN reports r ON r.id = p.report_id WHERE r.outlet = ? AND p.gazetteer_id IS NOT NULL"
        )
        counts: dict[tuple[str, str], int] = {}
        for gid, name, n in self._execute(base + " GROUP BY p.gazetteer_id, p.name", (outlet,)):
            counts[(gid, name)] = int(n)
        skip = sorted(set(exclude))
        for i in range(0, len(skip), IN_CHUNK):
            chunk = skip[i : i + IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            query = f"{base} AND p.report_id IN ({marks}) GROUP BY p.gazetteer_id, p.name"  # only placeholders
            for gid, name, n in self._execute(query, (outlet, *chunk)):
                counts[(gid, name)] -= int(n)
        return [(gid, name, n) for (gid, name), n in sorted(counts.items()) if n > 0]

    # ------------------------------------------------------------------ rejections

    def record_rejection(self, rejection: Rejection) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO rejections (input, reason, stage, message, recorded_at, json) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (input, reason, stage, message) DO NOTHING",
                (
                    rejection.input,
                    rejection.reason.value,
                    rejection.stage,
                    rejection.message,
                    _now(),
                    rejection.model_dump_json(),
                ),
            )

    def iter_rejections(self) -> Iterator[Rejection]:
        for (raw,) in self._execute("SELECT json FROM rejections ORDER BY id"):
            yield Rejection.model_validate_json(raw)

    # ------------------------------------------------------------------ incidents

    def save_incidents(self, incidents: Iterable[Incident]) -> None:
        with self.transaction():
            for incident in incidents:
                self._delete_incident(incident.id)
                self._insert_incident(incident)

    def _insert_incident(self, inc: Incident) -> None:
        place, time = inc.place, inc.time
        head = inc.model_dump_json(exclude=_INCIDENT_CHILD_FIELDS)
        self._execute(
            _insert_sql("incidents", _INCIDENT_COLUMNS),
            (
                inc.id,
                inc.title,
                inc.plover_type,
                inc.acled_event_type,
                inc.acled_sub_event_type,
                inc.country_code,
                place.name if place else None,
                place.lat if place else None,
                place.lon if place else None,
                _iso(time.start) if time else None,
                _iso(time.end) if time else None,
                inc.grade.value,
                "; ".join(inc.grade_reasons),
                inc.killed.min,
                inc.killed.max,
                inc.wounded.min,
                inc.wounded.max,
                len(inc.reports),
                head,
            ),
        )
        self._executemany(
            _insert_sql("incident_reports", ("incident_id", "seq", "report_id", "url", "outlet", "independent", "json")),
            [(inc.id, i, r.id, r.url, r.outlet, int(r.independent), r.model_dump_json()) for i, r in enumerate(inc.reports)],
        )
        self._executemany(
            _insert_sql("incident_events", ("incident_id", "seq", "report_id", "event_id", "json")),
            [(inc.id, i, e.report_id, e.event_id, e.model_dump_json()) for i, e in enumerate(inc.events)],
        )
        self._executemany(
            _insert_sql("accounts", ("incident_id", "seq", *_ACCOUNT_COLUMNS, "json")),
            [(inc.id, i, *_account_row(a), a.model_dump_json()) for i, a in enumerate(inc.accounts)],
        )
        self._executemany(
            _insert_sql("contradictions", ("incident_id", "seq", "kind", "summary", "sides", "json")),
            [(inc.id, i, *_contradiction_row(c), c.model_dump_json()) for i, c in enumerate(inc.contradictions)],
        )

    def _delete_incident(self, incident_id: str) -> None:
        for table in _INCIDENT_TABLES:
            self._execute(f"DELETE FROM {table} WHERE incident_id = ?", (incident_id,))  # noqa: S608 - constant name
        self._execute("DELETE FROM incidents WHERE id = ?", (incident_id,))

    def delete_incidents(self, incident_ids: Iterable[str]) -> None:
        with self.transaction():
            for incident_id in incident_ids:
                self._delete_incident(incident_id)

    def get_incident(self, incident_id: str) -> Incident:
        row = self._execute("SELECT json FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            raise NotFound(f"no incident {incident_id!r} in {self.url}; list them with `rashomon incidents --db {self.url}`")
        return self._build_incident(incident_id, row[0])

    def _build_incident(self, incident_id: str, head_json: str) -> Incident:
        head = json.loads(head_json)
        head["reports"] = [json.loads(r) for r in self._children("incident_reports", "incident_id", incident_id)]
        head["events"] = [json.loads(r) for r in self._children("incident_events", "incident_id", incident_id)]
        head["accounts"] = [json.loads(r) for r in self._children("accounts", "incident_id", incident_id)]
        head["contradictions"] = [json.loads(r) for r in self._children("contradictions", "incident_id", incident_id)]
        return Incident.model_validate_json(json.dumps(head))

    def iter_incidents(self) -> Iterator[Incident]:
        for incident_id, head_json in self._execute("SELECT id, json FROM incidents ORDER BY rowid").fetchall():
            yield self._build_incident(incident_id, head_json)


__all__ = ["SQLStore"]
