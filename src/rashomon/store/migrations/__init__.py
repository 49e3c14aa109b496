"""SQLite schema migrations: ordered steps, each applied once, in one transaction, on open.

A step is a tuple of single SQL statements (no ``executescript``: it would commit on its own and
break the all-or-nothing guarantee). Add a step by appending to ``MIGRATIONS``; never edit a step
that has shipped, since databases in the field have already applied it.

Every table keeps readable columns (ids, offsets, names, stances, coordinates, tolls) for
Datasette and the sqlite3 shell, plus a ``json`` column with the record's exact serialisation,
which is what reads rebuild the records from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        url TEXT,
        language TEXT,
        source TEXT,
        near_duplicate_of TEXT,
        ingested_at TEXT,
        text TEXT NOT NULL,
        json TEXT NOT NULL
    )""",
    "CREATE INDEX reports_published ON reports (published)",
    "CREATE INDEX reports_near_duplicate_of ON reports (near_duplicate_of)",
    """CREATE TABLE signatures (
        report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
        hashvalues TEXT NOT NULL
    )""",
    """CREATE TABLE analyses (
        report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
        pipeline_version TEXT NOT NULL,
        analysed_at TEXT NOT NULL,
        n_actors INTEGER NOT NULL,
        n_statements INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        n_places INTEGER NOT NULL,
        n_times INTEGER NOT NULL
    )""",
    """CREATE TABLE actor_mentions (
        report_id TEXT NOT NULL REFERENCES analyses (report_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        actor_id TEXT,
        kind TEXT,
        sector TEXT,
        role TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    "CREATE INDEX actor_mentions_actor_id ON actor_mentions (actor_id)",
    """CREATE TABLE statements (
        report_id TEXT NOT NULL REFERENCES analyses (report_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        speaker TEXT,
        speaker_name TEXT,
        speaker_actor_id TEXT,
        speaker_role TEXT,
        speaker_affiliation TEXT,
        cue TEXT,
        channel TEXT,
        channel_outlet TEXT,
        stance TEXT,
        stance_target TEXT,
        direct INTEGER NOT NULL,
        attributed INTEGER NOT NULL,
        content_start INTEGER,
        content_end INTEGER,
        content TEXT,
        parent_id TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    "CREATE INDEX statements_speaker_actor_id ON statements (speaker_actor_id)",
    """CREATE TABLE events (
        report_id TEXT NOT NULL REFERENCES analyses (report_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger_text TEXT NOT NULL,
        plover_type TEXT NOT NULL,
        plover_mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        actor TEXT,
        target TEXT,
        place TEXT,
        lat REAL,
        lon REAL,
        time_start TEXT,
        time_end TEXT,
        killed_min INTEGER,
        killed_max INTEGER,
        wounded_min INTEGER,
        wounded_max INTEGER,
        modality TEXT,
        statement_id TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    "CREATE INDEX events_plover_type ON events (plover_type)",
    """CREATE TABLE places (
        report_id TEXT NOT NULL REFERENCES analyses (report_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        lat REAL,
        lon REAL,
        precision TEXT,
        country_code TEXT,
        admin1 TEXT,
        gazetteer_id TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    """CREATE TABLE times (
        report_id TEXT NOT NULL REFERENCES analyses (report_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        expression TEXT NOT NULL,
        time_start TEXT,
        time_end TEXT,
        precision TEXT,
        anchor TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (report_id, seq)
    )""",
    """CREATE TABLE rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        input TEXT NOT NULL,
        reason TEXT NOT NULL,
        stage TEXT NOT NULL,
        message TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        json TEXT NOT NULL,
        UNIQUE (input, reason, stage, message)
    )""",
    """CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        plover_type TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        country_code TEXT,
        place TEXT,
        lat REAL,
        lon REAL,
        time_start TEXT,
        time_end TEXT,
        grade TEXT NOT NULL,
        grade_reasons TEXT,
        killed_min INTEGER,
        killed_max INTEGER,
        wounded_min INTEGER,
        wounded_max INTEGER,
        n_reports INTEGER NOT NULL,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE incident_reports (
        incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        report_id TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        independent INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
    )""",
    "CREATE INDEX incident_reports_report_id ON incident_reports (report_id)",
    """CREATE TABLE incident_events (
        incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        report_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
    )""",
    """CREATE TABLE accounts (
        incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        source_actor_id TEXT,
        stance TEXT NOT NULL,
        alleged_perpetrator TEXT,
        killed_min INTEGER,
        killed_max INTEGER,
        wounded_min INTEGER,
        wounded_max INTEGER,
        place TEXT,
        time TEXT,
        method TEXT,
        outlets TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
    )""",
    """CREATE TABLE contradictions (
        incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        sides TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
    )""",
)

# The outlet's geographic profile (service.outlet_profile) reads the stored places of one outlet's reports.
_V2 = ("CREATE INDEX reports_outlet ON reports (outlet)",)
# Statements stored before v3 read back with confidence None (their json has no such field), the same as a
# statement no model scored.
_V3 = ("ALTER TABLE statements ADD COLUMN confidence REAL",)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports, analyses, rejections and incidents", _V1),
    Migration(2, "index on reports.outlet, for outlet profiles", _V2),
    Migration(3, "statements.confidence, the statement filter's score", _V3),
)

LATEST_VERSION = MIGRATIONS[-1].version
