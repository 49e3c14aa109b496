"""The frozen records that flow through every stage.

Dependency direction: ingest -> extract -> link -> assess -> store/export -> service -> cli/web.
Every stage consumes and produces these records only; dictionaries appear at I/O
boundaries (JSON, SQL rows) and nowhere else.

Offsets are Python string indices (code points) into ``Report.text``, half-open
``[start, end)``. ``Span.text`` always equals ``report.text[start:end]``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base of every record: immutable, strict about unknown fields, JSON-serialisable."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- provenance


class Span(Record):
    """A stretch of one report's text: the provenance of every extracted field."""

    report_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


# --------------------------------------------------------------------------- reports


class Report(Record):
    """One ingested document. ``id`` is derived from its normalised text (see ingest.fingerprint)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None
    source: str | None = Field(default=None, description="Where it was read from: a path, URL or 'path:line'.")
    content_hash: str = Field(description="SHA-256 of the normalised text; equal hashes are exact duplicates.")
    near_duplicate_of: str | None = Field(
        default=None, description="Id of an earlier report this one repeats (syndicated copy); not an independent source."
    )
    ingested_at: datetime | None = None


class RejectionReason(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    ENCODING = "encoding"
    MALFORMED = "malformed"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    FETCH_FAILED = "fetch_failed"
    NOT_FOUND = "not_found"
    ANALYSIS_FAILED = "analysis_failed"
    UNREADABLE = "unreadable"  # exists but cannot be opened (permissions, I/O error)


class Rejection(Record):
    """An input that was not stored or not analysed, with a reason a person can act on."""

    input: str = Field(description="The path, URL or 'path:line' that was rejected.")
    reason: RejectionReason
    message: str
    stage: str = Field(description="ingest, analyze, link ...")


# --------------------------------------------------------------------------- actors


class Sector(StrEnum):
    MILITARY = "military"
    GOVERNMENT = "government"
    MILITIA = "rebel_or_militia"
    TERRORIST = "terrorist_designated"
    MEDIA = "media"
    CIVILIAN = "civilian"
    INTERNATIONAL = "international"
    UNKNOWN = "unknown"


class Relation(StrEnum):
    PART_OF = "part_of"
    BACKED_BY = "backed_by"
    AFFILIATED_WITH = "affiliated_with"
    LED_BY = "led_by"


class Affiliation(Record):
    relation: Relation
    actor_id: str
    name: str


class Actor(Record):
    """A knowledge-base entry: one real organisation, force, outlet or person."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = Field(default="ORG", description="ORG, PERSON, GPE, NORP, OUTLET")
    sector: Sector = Sector.UNKNOWN
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2, when the actor belongs to one.")
    affiliations: tuple[Affiliation, ...] = ()


class ActorMention(Record):
    """A mention of an actor in one report; ``actor_id`` is None when the knowledge base does not know it."""

    id: str
    span: Span
    name: str = Field(description="Canonical name when known, else the mention text.")
    actor_id: str | None = None
    kind: str = "ORG"
    sector: Sector = Sector.UNKNOWN
    role: str | None = Field(default=None, description="Role the text gives, e.g. 'secretary-general of K.S.S.'.")


# --------------------------------------------------------------------------- places and times


class PlacePrecision(StrEnum):
    SITE = "site"
    TOWN = "town"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"
    REGION = "region"


class Place(Record):
    id: str
    span: Span
    name: str = Field(description="Gazetteer name of the resolved place, else the mention text.")
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    country_code: str | None = None
    admin1: str | None = None
    gazetteer_id: str | None = Field(default=None, description="e.g. 'geonames:98182', 'wof:85632439', 'curated:akashat'.")


class TimePrecision(StrEnum):
    PART_OF_DAY = "part_of_day"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNRESOLVED = "unresolved"


class TimeRef(Record):
    """A time expression and, when an anchor is known, the interval it denotes."""

    id: str
    span: Span
    expression: str
    start: datetime | None = None
    end: datetime | None = None
    precision: TimePrecision = TimePrecision.UNRESOLVED
    anchor: datetime | None = Field(default=None, description="The publication time it was resolved against.")


# --------------------------------------------------------------------------- statements


class Stance(StrEnum):
    ACCUSE = "accuse"
    DENY = "deny"
    CLAIM_RESPONSIBILITY = "claim_responsibility"
    ATTRIBUTE = "attribute"
    CONFIRM = "confirm"
    ASSERT = "assert"
    THREATEN = "threaten"
    DEMAND = "demand"
    OTHER = "other"


class ChannelKind(StrEnum):
    INTERVIEW = "interview"
    TWEET = "tweet"
    STATEMENT = "statement"
    PRESS_CONFERENCE = "press_conference"
    TELEVISION = "television"
    REPORT = "report"
    UNKNOWN = "unknown"


class Channel(Record):
    kind: ChannelKind = ChannelKind.UNKNOWN
    outlet: str | None = Field(default=None, description="Named outlet, e.g. 'Tasnim News Agency'.")
    outlet_actor_id: str | None = None
    span: Span | None = None


class Statement(Record):
    """Attributed speech (direct quote or reported) or the author's own voice."""

    id: str
    speaker: Span | None = Field(default=None, description="The speaker as written here (may be a pronoun).")
    speaker_name: str | None = Field(default=None, description="Resolved speaker, e.g. 'Abu Ala al-Welayi'.")
    speaker_actor_id: str | None = Field(default=None, description="Knowledge-base id of the speaker or its organisation.")
    speaker_role: str | None = None
    speaker_affiliation: str | None = Field(default=None, description="Organisation the text ties the speaker to.")
    cue: Span | None = None
    channel: Channel = Channel()
    content: tuple[Span, ...] = Field(description="Content fragments; several when the quote is interrupted.")
    direct: bool = Field(description="True for a quotation in marks, False for reported speech.")
    attributed: bool = Field(default=True, description="False when this is the author's own voice.")
    stance: Stance = Stance.OTHER
    stance_target: str | None = Field(default=None, description="Who is accused, denied for, credited ...")
    parent_id: str | None = Field(default=None, description="Enclosing statement, for nested speech.")
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="How likely this is a real attribution, by the statement filter's model (0-1); None when no "
        "model scored it (a cue the parse rules found, a tagger without a fitted filter).",
    )


# --------------------------------------------------------------------------- events


class Modality(StrEnum):
    AUTHOR = "author"
    ALLEGED = "alleged"
    DENIED = "denied"
    CLAIMED = "claimed"
    HYPOTHETICAL = "hypothetical"


class Casualties(Record):
    """A toll as a range. ``max`` None means open-ended ("more than 40")."""

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    span: Span | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Casualties:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"toll min {self.min} exceeds max {self.max}")
        return self


class NamedVictim(Record):
    name: str
    role: str | None = None
    span: Span


class Event(Record):
    """One event mention, PLOVER-typed and mapped to ACLED."""

    id: str
    trigger: Span
    plover_type: str = Field(description="PLOVER event type, e.g. ASSAULT, PROTEST, ACCUSE, REJECT.")
    plover_mode: str | None = Field(default=None, description="e.g. aerial, explosive, targeted.")
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: ActorMention | None = None
    target: ActorMention | None = None
    places: tuple[Place, ...] = ()
    time: TimeRef | None = None
    killed: Casualties = Casualties()
    wounded: Casualties = Casualties()
    named_victims: tuple[NamedVictim, ...] = ()
    modality: Modality = Modality.AUTHOR
    statement_id: str | None = Field(default=None, description="The statement this event is told in, if any.")
    mentions: tuple[Span, ...] = Field(
        default=(),
        description="The trigger of every mention of this event in the report, in text order, the main trigger among "
        "them: where else the report tells it ('an air strike ... the strike ... the bombing'). Empty in records "
        "written before mentions were kept.",
    )


# --------------------------------------------------------------------------- per-report analysis


class Analysis(Record):
    """Everything extracted from one report."""

    report: Report
    actors: tuple[ActorMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    pipeline_version: str = ""


# --------------------------------------------------------------------------- incidents


class Grade(StrEnum):
    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


class AccountStance(StrEnum):
    ACCUSES = "accuses"
    DENIES = "denies"
    CLAIMS_RESPONSIBILITY = "claims_responsibility"
    ATTRIBUTES = "attributes"
    CONFIRMS = "confirms"


class Range(Record):
    min: int | None = None
    max: int | None = None


class Account(Record):
    """What one source actor says about an incident, across all reports that carry it."""

    source: str = Field(description="Source actor as named, e.g. 'Kata'ib Sayyid al-Shuhada'.")
    source_actor_id: str | None = None
    affiliation: tuple[Affiliation, ...] = ()
    outlets: tuple[str, ...] = ()
    stance: AccountStance
    alleged_perpetrator: str | None = None
    killed: Range = Range()
    wounded: Range = Range()
    place: str | None = None
    time: datetime | None = None
    method: str | None = None
    statement_ids: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()


class ContradictionKind(StrEnum):
    RIVAL_PERPETRATORS = "rival_perpetrators"
    ACCUSATION_VS_DENIAL = "accusation_vs_denial"
    THIRD_PARTY_CLAIM = "third_party_claim"
    DISPUTED_TARGET = "disputed_target"
    TOLL = "toll"
    PLACE = "place"
    TIME = "time"


class ContradictionSide(Record):
    sources: tuple[str, ...]
    claim: str = Field(description="What this side holds, in a few words.")
    evidence: tuple[Span, ...] = ()


class Contradiction(Record):
    kind: ContradictionKind
    sides: tuple[ContradictionSide, ...]
    summary: str


class EventRef(Record):
    report_id: str
    event_id: str


class IncidentReport(Record):
    id: str
    url: str | None = None
    outlet: str | None = None
    independent: bool = Field(default=True, description="False for a near-duplicate/syndicated copy.")


class Incident(Record):
    id: str
    title: str
    plover_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    place: Place | None = None
    time: TimeRef | None = None
    country_code: str | None = None
    events: tuple[EventRef, ...] = ()
    reports: tuple[IncidentReport, ...] = ()
    accounts: tuple[Account, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    grade: Grade = Grade.WEAK
    grade_reasons: tuple[str, ...] = ()
    killed: Range = Range()
    wounded: Range = Range()
