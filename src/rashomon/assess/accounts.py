"""Accounts: what each source actor says about one incident, across all reports that carry it.

A statement becomes part of an account when its stance is one of accuses, denies,
claims_responsibility, attributes or confirms, or when it carries a toll or an event of the
incident (then it confirms that something happened). Statements are grouped by the actor
that speaks: an organisation's spokesman, commander or secretary-general speaks *for* the
organisation (K.S.S.'s spokesman and its secretary-general give one K.S.S. account), while
a head of government or any other person speaks for themself. The account carries the
source's affiliations from the knowledge base and the outlets it was carried by.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from rashomon.extract.datelines import dateline_end
from rashomon.model import (
    Account,
    AccountStance,
    Affiliation,
    Analysis,
    Casualties,
    ChannelKind,
    Event,
    Modality,
    Place,
    PlacePrecision,
    Range,
    Relation,
    Sector,
    Span,
    Stance,
    Statement,
)

STANCE_MAP: dict[Stance, AccountStance] = {
    Stance.ACCUSE: AccountStance.ACCUSES,
    Stance.DENY: AccountStance.DENIES,
    Stance.CLAIM_RESPONSIBILITY: AccountStance.CLAIMS_RESPONSIBILITY,
    Stance.ATTRIBUTE: AccountStance.ATTRIBUTES,
    Stance.CONFIRM: AccountStance.CONFIRMS,
}
# When one source's statements carry several stances, the account shows the strongest.
STANCE_PRIORITY = (
    AccountStance.CLAIMS_RESPONSIBILITY,
    AccountStance.DENIES,
    AccountStance.ACCUSES,
    AccountStance.ATTRIBUTES,
    AccountStance.CONFIRMS,
)
# Roles that speak for the organisation the speaker belongs to.
SPEAKS_FOR_ORG = re.compile(
    r"spokes|secretary|commander|official|representative|advis[eo]r|leader|chief|head of|statement|media office|press office",
    re.IGNORECASE,
)
# Sectors through which an actor stands for its state ("the United States" struck = its forces did).
STATE_SECTORS = frozenset({Sector.MILITARY, Sector.GOVERNMENT})
# Members of these sectors speak for their group when the text gives them no other role.
ARMED_SECTORS = frozenset({Sector.MILITARY, Sector.MILITIA, Sector.TERRORIST})
# PLOVER modes that say what was taken (SEIZE "weapons", "property"), not how an attack was made: an account
# that its attackers "captured vehicles and weapons" gives no method by that.
LOOT_MODES = frozenset({"weapons", "property"})
_PERSON_RELATIONS = (Relation.AFFILIATED_WITH, Relation.PART_OF, Relation.LED_BY)


@cache
def _kb() -> Any | None:
    """The actor knowledge base, when the extraction package provides it (read-only, packaged)."""
    try:
        from rashomon.extract.actor_kb import load_kb
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # noqa: BLE001 - a broken KB must not stop assessment; accounts lose affiliations only
        return None


def kb_actor(actor_id: str | None) -> Any | None:
    kb = _kb()
    if kb is None or actor_id is None or actor_id not in kb:
        return None
    return kb.get(actor_id)


def _country_forces(kb: Any, actor_id: str) -> set[str]:
    """Countries whose state or forces an actor stands for (a GPE, or anything on its chain with a country)."""
    out: set[str] = set()
    for member in kb.closure(actor_id):
        actor = kb.get(member)
        if actor.country and (actor.kind == "GPE" or actor.sector in STATE_SECTORS):
            out.add(str(actor.country))
    return out


def related(a: str | None, b: str | None, siblings: bool = True) -> bool:
    """True when two actor ids are one actor, share an affiliation chain, or are a state and its forces (KB).
    ``siblings=False``: one must lie on the other's chain (see ActorKB.related)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    kb = _kb()
    if kb is None or a not in kb or b not in kb:
        return False
    if kb.related(a, b, siblings):
        return True
    gpe = [x for x in (a, b) if kb.get(x).kind == "GPE"]
    return bool(gpe) and bool(_country_forces(kb, a) & _country_forces(kb, b))


def actor_key(name: str | None) -> str | None:
    """Id for a name: the KB's id when it knows the name, else the normalised name."""
    if not name:
        return None
    kb = _kb()
    if kb is not None:
        actor = kb.lookup(name)
        if actor is not None:
            return str(actor.id)
    return "name:" + re.sub(r"[^0-9a-z]+", " ", name.casefold()).strip()


def actor_name(key: str | None, fallback: str | None = None) -> str | None:
    actor = kb_actor(key)
    if actor is not None:
        return str(actor.name)
    return fallback


@dataclass
class _Draft:
    source: str
    source_actor_id: str | None
    stances: list[AccountStance] = field(default_factory=list)
    perpetrators: list[tuple[str, str]] = field(default_factory=list)  # (key, display)
    blamed: list[tuple[str, str]] = field(default_factory=list)  # those of its accusing and attributing statements
    killed: list[Casualties] = field(default_factory=list)
    wounded: list[Casualties] = field(default_factory=list)
    places: list[tuple[Place, bool]] = field(default_factory=list)  # (place, is the dateline)
    times: list[datetime] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    statement_ids: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)


def source_of(statement: Statement) -> tuple[str, str | None]:
    """(display name, actor id) of the actor a statement speaks for.

    A person speaks for their organisation when their role says so (spokesman, secretary-general,
    commander ...), or, with no role given, when the knowledge base files them as a member of an
    armed group or force; an unnamed speaker tied to an organisation ("a K.S.S. spokesman") speaks
    for it. Anyone else speaks for themself.
    """
    actor = kb_actor(statement.speaker_actor_id)
    said_as = " ".join(x for x in (statement.speaker_role, statement.speaker.text if statement.speaker else None) if x)
    if actor is not None and actor.kind == "PERSON":
        member = not statement.speaker_role and actor.sector in ARMED_SECTORS
        if SPEAKS_FOR_ORG.search(said_as) or member:
            for edge in actor.affiliations:
                if edge.relation in _PERSON_RELATIONS:
                    return edge.name, edge.actor_id
    if actor is None and statement.speaker_affiliation and (SPEAKS_FOR_ORG.search(said_as) or not statement.speaker_name):
        org_key = actor_key(statement.speaker_affiliation)
        return actor_name(org_key, statement.speaker_affiliation) or statement.speaker_affiliation, _kb_id(org_key)
    if actor is not None:
        return str(actor.name), str(actor.id)
    name = clean_speaker(
        statement.speaker_name or statement.speaker_affiliation or (statement.speaker.text if statement.speaker else UNNAMED)
    )
    key = actor_key(name)
    return actor_name(key, name) or name, _kb_id(key)


# A speaker that is a document or finding rather than an actor ("The statement", "An initial
# investigation", "a preliminary report"): up to two modifiers between the determiner and the noun.
_DOCUMENT_NOUN = re.compile(
    r"^(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|communiqu[eé]|message|post|video|claim|announcement|report|investigation|inquiry|probe|"
    r"findings?|assessment|review|evidence|information|analysis)\b",
    re.IGNORECASE,
)
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|announced|stated|added|claimed|declared|insisted)\b")
_SENTENCE_END = re.compile(r"[.!?\n]")


def reported_by(analysis: Analysis, statement: Statement) -> Statement:
    """The statement as spoken by whoever reports a generic speaker's words.

    "Prime Minister Haider al-Abadi said that an initial investigation showed that Islamic State
    carried out the attack": the text's speaker is "an initial investigation", but the account is
    al-Abadi's. When a generic speaker follows, in the same sentence, a known actor and a speech verb,
    the statement is re-assigned to that actor.
    """
    speaker = statement.speaker
    if speaker is None or statement.speaker_actor_id or not is_generic(clean_speaker(speaker.text), None):
        return statement
    if _DOCUMENT_NOUN.match(speaker.text):
        # "The statement said ...": the statement of whoever the report last quoted by name.
        earlier = [
            s
            for s in analysis.statements
            if s.speaker is not None
            and s.speaker.start < speaker.start
            and (s.speaker_actor_id or not is_generic(s.speaker.text, None))
        ]
        if earlier:
            last = max(earlier, key=lambda s: s.speaker.start if s.speaker else 0)
            return statement.model_copy(
                update={k: getattr(last, k) for k in ("speaker_name", "speaker_actor_id", "speaker_role", "speaker_affiliation")}
            )
    text = analysis.report.text
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, speaker.start)), default=0)
    for actor in sorted(analysis.actors, key=lambda a: -a.span.end):
        before = actor.actor_id and start <= actor.span.start and actor.span.end <= speaker.start
        if before and _SPEECH_VERB.search(text, actor.span.end, speaker.start):
            return statement.model_copy(
                update={"speaker": actor.span, "speaker_name": actor.name, "speaker_actor_id": actor.actor_id}
            )
    return statement


def _kb_id(key: str | None) -> str | None:
    return key if key is not None and not key.startswith("name:") else None


def affiliations_of(actor_id: str | None) -> tuple[Affiliation, ...]:
    actor = kb_actor(actor_id)
    return tuple(actor.affiliations) if actor is not None else ()


UNNAMED = "unnamed source"
_GENERIC_LEAD = re.compile(r"^(?:the|a|an|one|some|several|local|other|no|any|each|every)\b", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
# Longest stance target tried against the knowledge base, in words ("American army responsible for
# the attack" is tried as "American army responsible for the", ..., "American army").
MAX_TARGET_WORDS = 8


def clean_speaker(text: str) -> str:
    """Drop a wire dateline that the speaker span swallowed: 'BAGHDAD (Levant Wire) - An Iraqi militia'."""
    end = dateline_end(text)
    return (text[end:] if end else text).strip() or text


def resolve_in_report(text: str | None, analysis: Analysis | None) -> tuple[str, str] | None:
    """``resolve_actor``, and failing that the report's own identified mention that the text abbreviates
    ("the coalition" after "the Saudi-led coalition")."""
    found = resolve_actor(text)
    if found is not None or not text or analysis is None:
        return found
    short = re.sub(r"^(?:the|a|an)\s+", "", clean_speaker(text).strip().casefold())
    if len(short) < 4:
        return None
    for actor in analysis.actors:
        if actor.actor_id and (short in actor.span.text.casefold() or short in actor.name.casefold()):
            return actor.actor_id, actor_name(actor.actor_id, actor.name) or actor.name
    return national_body(short, analysis)


# Bare nouns that stand for a state's own body in a report about that state ("accused the army of bombing it").
NATIONAL_NOUNS = ("army", "military", "police", "air force", "navy", "government")


def national_body(text: str, analysis: Analysis) -> tuple[str, str] | None:
    """ "army warplanes", "the military" -> the army of the report's country (the one most of its places lie in)."""
    noun = next((n for n in NATIONAL_NOUNS if text == n or text.startswith(n + " ")), None)
    kb = _kb()
    countries = Counter(p.country_code for p in analysis.places if p.country_code)
    if noun is None or kb is None or not countries:
        return None
    actor = kb.national(countries.most_common(1)[0][0], noun)
    return (str(actor.id), str(actor.name)) if actor is not None else None


DESCRIPTIVE_LEAD = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:self-styled|so-called|self-proclaimed|self-declared|little-known|shadowy)\s+", re.IGNORECASE
)
# Event types and words a denial of carrying out an attack holds ("denied carrying out the strike", "any role",
# "that its forces had struck residential areas", "no civilian casualties").
DENIABLE_TYPES = frozenset({"ASSAULT", "COERCE", "SEIZE", "FIGHT"})
DENIED_ACT = re.compile(
    r"\b(?:attack|strik|struck|hit|bomb|shell|kill|raid|shot|shoot|fir(?:e|ed|ing)\b|target|destroy|massacr|murder|"
    r"responsib|role|involve|behind|carr(?:y|ied)|casualt|civilian|victim|dead|death)",
    re.IGNORECASE,
)
PRONOUN_TARGETS = frozenset({"who", "whom", "which", "what", "it", "its", "they", "them", "he", "she", "him", "her"})


def resolve_actor(text: str | None) -> tuple[str, str] | None:
    """(key, display name) of the actor a stance target names, or None when it names no actor.

    The knowledge base is tried on the whole text, then on shorter and shorter leading word runs;
    failing that, a run of capitalised words is kept as a name ("Jaish al-Adl"). Bare nouns and
    numbers ("roadside bomb", "20", "group's fighters") name no actor.
    """
    if not text:
        return None
    # "the self-styled Libyan National Army": the name, without how the writer qualifies it
    words = DESCRIPTIVE_LEAD.sub("", clean_speaker(text)).split()[:MAX_TARGET_WORDS]
    if len(words) == 1 and words[0].lower() in PRONOUN_TARGETS:
        return None  # "who was responsible" names nobody ("who" is not the WHO)
    kb = _kb()
    if kb is not None:
        for n in range(len(words), 0, -1):
            actor = kb.lookup(" ".join(words[:n]))
            if actor is not None:
                return str(actor.id), str(actor.name)
        first = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).split()[:1]
        actor = kb.led_coalition(first[0]) if first else None  # "Saudi-led strike": the coalition it leads
        if actor is not None:
            return str(actor.id), str(actor.name)
    names = [w for w in words if _NAME_TOKEN.match(w)]
    if names and len(names) >= len(words) / 2 and not any(ch.isdigit() for w in words for ch in w):
        name = " ".join(words)
        return actor_key(name) or name, name
    return None


def is_generic(source: str, source_id: str | None) -> bool:
    """An unidentified source described by a common noun: 'The statement', 'an initial investigation'."""
    if source_id is not None:
        return False
    if source == UNNAMED:
        return True
    words = source.split()
    rest = words[1:] if words and _GENERIC_LEAD.match(words[0]) else words
    return not any(_NAME_TOKEN.match(w) for w in rest)


def perpetrator_of(
    statement: Statement,
    stance: AccountStance,
    source: str,
    source_id: str | None,
    events: Sequence[Event],
    analysis: Analysis | None = None,
) -> tuple[str, str] | None:
    """(key, display) of who the statement says did it; None when it names no actor."""
    if stance is AccountStance.CLAIMS_RESPONSIBILITY:
        return (source_id or actor_key(source) or source, source)
    if stance is AccountStance.DENIES:
        if analysis is not None and not _denies_an_act(statement, analysis):
            # "rejected Moscow's claim that the port was used to prepare naval drones": it denies what the target
            # was, not that anyone carried out the attack
            return None
        # A denial is for the denier's own side unless it names one related to it ("the coalition").
        named = resolve_in_report(statement.stance_target, analysis)
        person = named is not None and (actor := kb_actor(named[0])) is not None and actor.kind == "PERSON"
        if named is not None and source_id is not None and related(named[0], source_id) and not person:
            return named
        return (source_id or actor_key(source) or source, source)
    if statement.stance_target:
        return resolve_in_report(statement.stance_target, analysis) or named_before(statement, analysis)
    if stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES, AccountStance.DENIES):
        for event in events:
            if event.actor is not None and (event.modality is not Modality.DENIED or stance is AccountStance.DENIES):
                return resolve_actor(event.actor.name) or (event.actor.actor_id or event.actor.name, event.actor.name)
    if stance is AccountStance.DENIES:
        return (source_id or actor_key(source) or source, source)
    return None


# "accused the faction of ...": a definite armed-group noun refers back to the last armed group the report named
BACK_REFERENCES = re.compile(
    r"^(?:the )?(?:armed )?(?:faction|group|militia|movement|organi[sz]ation|rebels|militants|insurgents)$", re.IGNORECASE
)
GROUP_SECTORS = (Sector.MILITIA, Sector.TERRORIST)


def named_before(statement: Statement, analysis: Analysis | None) -> tuple[str, str] | None:
    """(key, display) of the armed group a definite back-reference in the stance target means (the last one
    identified before the statement, outside its words); None for any other target."""
    if analysis is None or not statement.stance_target or not BACK_REFERENCES.match(statement.stance_target.strip()):
        return None
    start = min(s.start for s in (statement.speaker, statement.cue, *statement.content) if s is not None)
    earlier = [
        a for a in analysis.actors if a.actor_id and a.kind != "PERSON" and a.sector in GROUP_SECTORS and a.span.end <= start
    ]
    if not earlier:
        return None
    # the group that spoke is the one the story follows ("Kataib Hezbollah, one of the factions in the PMF,
    # denied ...": the faction is Kataib Hezbollah, not the umbrella named in its description)
    speakers = {st.speaker_actor_id for st in analysis.statements if st.speaker_actor_id and st.content[0].start < start}
    actor = max(earlier, key=lambda a: (a.actor_id in speakers, a.span.start))
    return str(actor.actor_id), actor_name(actor.actor_id, actor.name) or actor.name


def _denies_an_act(statement: Statement, analysis: Analysis) -> bool:
    """Whether a denial's words hold a violent act (an event the report tells, or a violent word), so that it
    denies carrying something out; a denial of a claim about the target or its use holds none."""
    inside = [e for e in analysis.events if any(c.start <= e.trigger.start < c.end for c in statement.content)]
    if any(e.plover_type in DENIABLE_TYPES for e in inside):
        return True
    if any(DENIED_ACT.search(c.text) for c in statement.content):
        return True
    # the tagger may cut the content short ("denied that the coalition | had carried out any operations"): the rest
    # of the cue's sentence counts too
    if statement.cue is None:
        return False
    text = analysis.report.text
    end = min((i for i in (text.find(ch, statement.cue.end) for ch in ".!?\n") if i >= 0), default=len(text))
    return bool(DENIED_ACT.search(text[statement.cue.start : end]))


def toll_is_said(statement: Statement, event: Event) -> bool:
    """True when the event's toll phrase lies inside the statement's words (or its position is unknown)."""
    spans = [c.span for c in (event.killed, event.wounded) if c.span is not None]
    if not spans:
        return True
    return any(part.start <= span.start and span.end <= part.end for span in spans for part in statement.content)


def implied_perpetrator(
    analysis: Analysis, statement: Statement, told: Sequence[Event], source_id: str | None
) -> tuple[str, str] | None:
    """Who a plain assertion says did it: the actor of an incident event it tells, else an armed actor
    its words name that is not the victim and not the speaker's own side ("points to Daesh, which
    shelled the positions")."""
    for event in told:
        if event.actor is not None and event.modality is not Modality.DENIED and event.actor.actor_id:
            return resolve_actor(event.actor.name) or (event.actor.actor_id, event.actor.name)
    if not told:
        return None
    victims = {e.target.actor_id for e in told if e.target is not None and e.target.actor_id}
    # "An American military base came under rocket fire": the actor named inside the target is the victim too
    target_spans = [e.target.span for e in told if e.target is not None]
    for actor in analysis.actors:
        inside = any(part.start <= actor.span.start and actor.span.end <= part.end for part in statement.content)
        if not inside or not actor.actor_id or actor.sector not in ARMED_SECTORS:
            continue
        if any(t.start <= actor.span.start < t.end for t in target_spans):
            continue
        if actor.actor_id in victims or related(actor.actor_id, source_id) or any(related(actor.actor_id, v) for v in victims):
            continue
        return actor.actor_id, actor_name(actor.actor_id, actor.name) or actor.name
    return None


def statement_tolls(statement: Statement) -> list[tuple[str, Casualties]]:
    """("killed"|"wounded", toll) read from a statement's own words (a spokesman's "36 were killed")."""
    from rashomon.extract.tolls import find_tolls

    out: list[tuple[str, Casualties]] = []
    for part in statement.content:
        for toll in find_tolls(part.text):
            if toll.kind in ("killed", "wounded"):
                span = Span(
                    report_id=part.report_id,
                    start=part.start + toll.start,
                    end=part.start + toll.end,
                    text=part.text[toll.start : toll.end],
                )
                out.append((toll.kind, Casualties(min=toll.min, max=toll.max, span=span)))
    return out


def _merge(values: Sequence[Casualties]) -> Range:
    """One source's tolls as one range. A bare count equal to the floor of an open one ("kills 27" in the
    headline over "killed at least 27") is that open figure shortened, so it sets no upper bound."""
    mins = [c.min for c in values if c.min is not None]
    open_floors = {c.min for c in values if c.min is not None and c.max is None}
    maxes = [c.max for c in values if c.max is not None and not (c.min == c.max and c.max in open_floors)]
    return Range(min=min(mins) if mins else None, max=max(maxes) if maxes else None)


# Place precisions that only name a country or wider region: the nationality of an actor as often
# as the place of an incident.
WIDE_PRECISIONS = frozenset({PlacePrecision.COUNTRY, PlacePrecision.REGION})


def names_an_actor(analysis: Analysis, place: Place) -> bool:
    """True when the place's words are (inside) an identified actor mention: "the United States" in
    "blamed the United States", "U.S." in "the U.S.-led coalition" name an actor, not where it happened."""
    span = place.span
    return any(
        actor.actor_id and actor.span.start <= span.start and span.end <= actor.span.end
        for actor in analysis.actors
        if actor.span.report_id == span.report_id
    )


def source_countries(actor_id: str | None) -> set[str]:
    """Country codes of a source actor and everything on its affiliation chain (KB)."""
    kb = _kb()
    if kb is None or actor_id is None or actor_id not in kb:
        return set()
    return {str(kb.get(m).country).upper() for m in kb.closure(actor_id) if kb.get(m).country}


def in_dateline(analysis: Analysis, place: Place) -> bool:
    """True when the place is the report's dateline ("BAGHDAD (Meridian Wire) - "): where it was filed."""
    end = dateline_end(analysis.report.text)
    return end is not None and place.span.report_id == analysis.report.id and place.span.end <= end


def account_place(places: Sequence[tuple[Place, bool]], source_id: str | None) -> str | None:
    """The place an account gives, from (place, is-dateline) pairs in reading order: a precise place
    first, then a country or region that is not the source's own, then the dateline, and the source's
    own country last (the coalition's denial "in the area" is not "in the United States")."""
    own = source_countries(source_id)

    def rank(item: tuple[Place, bool]) -> int:
        place, dateline = item
        if place.precision in WIDE_PRECISIONS and place.country_code and place.country_code.upper() in own:
            return 3
        if dateline:
            return 2
        return 1 if place.precision in WIDE_PRECISIONS else 0

    if not places:
        return None
    return min(places, key=rank)[0].name


def same_outlet(a: str, b: str) -> bool:
    """Whether two outlet names are one outlet written shorter ("Rudaw" / "Rudaw English", "the AP" / "AP")."""
    words_a, words_b = (re.sub(r"^the\s+", "", n.casefold()).split() for n in (a, b))
    short, long = sorted((words_a, words_b), key=len)
    return bool(short) and long[: len(short)] == short


def _first(values: Sequence[str]) -> str | None:
    return values[0] if values else None


def build_accounts(members: Sequence[tuple[Analysis, tuple[str, ...]]]) -> tuple[Account, ...]:
    """Accounts of one incident from its member analyses and, per analysis, the incident's event ids."""
    drafts: dict[str, _Draft] = {}
    headline_ids: set[str] = set()
    for analysis, event_ids in members:
        incident_events = [e for e in analysis.events if e.id in event_ids]
        events_by_statement: dict[str, list[Event]] = {}
        for event in analysis.events:
            if event.statement_id:
                events_by_statement.setdefault(event.statement_id, []).append(event)
        for said in analysis.statements:
            if not said.attributed:
                continue
            statement = reported_by(analysis, said)
            told = events_by_statement.get(statement.id, [])
            stance = STANCE_MAP.get(statement.stance)
            tells_incident = any(e.id in event_ids for e in told)
            if stance is None and not tells_incident and not statement_tolls(statement):
                continue
            source, source_id = source_of(statement)
            key = source_id or f"name:{source.casefold()}"
            draft = drafts.setdefault(key, _Draft(source=source, source_actor_id=source_id))
            if stance is None:
                # Told as plain assertion: naming who did it is an attribution, else a confirmation.
                named = implied_perpetrator(analysis, statement, [e for e in told if e.id in event_ids], source_id)
                stance = AccountStance.ATTRIBUTES if named else AccountStance.CONFIRMS
                perpetrator = named
            else:
                perpetrator = perpetrator_of(statement, stance, source, source_id, told or incident_events, analysis)
            if perpetrator is not None:
                draft.perpetrators.append(perpetrator)
                if stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES):
                    draft.blamed.append(perpetrator)
            elif stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES):
                stance = AccountStance.CONFIRMS  # blames no actor: it only tells that the event happened
            draft.stances.append(stance)
            # a toll in this speaker's words counts for it even when the event points at another of its statements
            # (the headline's "Rights group says RSF artillery hit ..." over the body's "..., killing 19 people")
            in_words = [e for e in incident_events if e not in told and e.killed.span is not None and toll_is_said(statement, e)]
            toll_events = [] if stance is AccountStance.DENIES else [*told, *in_words]
            said_killed = False
            for event in toll_events:
                if not toll_is_said(statement, event):
                    continue  # the figure stands outside this speaker's words
                if event.killed.min is not None or event.killed.max is not None:
                    draft.killed.append(event.killed)
                    said_killed = True
                if event.wounded.min is not None or event.wounded.max is not None:
                    draft.wounded.append(event.wounded)
            # An event keeps the report's most informative toll, which may be another source's ("at least 14, the
            # UN said ... medics said 26"): a speaker whose own figure is not the event's gives it in its words.
            if stance is not AccountStance.DENIES and not said_killed:
                for kind, toll in statement_tolls(statement):
                    (draft.killed if kind == "killed" else draft.wounded).append(toll)
            for event in told:
                if event.id in event_ids:  # where the incident happened, not places of other events told
                    draft.places.extend((p, in_dateline(analysis, p)) for p in event.places if not names_an_actor(analysis, p))
                if event.time is not None and event.time.start is not None:
                    draft.times.append(event.time.start)
                loot = event.plover_type == "SEIZE" and event.plover_mode in LOOT_MODES
                denied_act = stance is AccountStance.DENIES and event.modality is Modality.DENIED
                if event.plover_mode and not loot and not denied_act:
                    draft.methods.append(event.plover_mode)  # not the act a denier says did not happen
            draft.statement_ids.append(statement.id)
            if in_headline(analysis, statement):
                headline_ids.add(statement.id)
            if analysis.report.id not in draft.reports:
                draft.reports.append(analysis.report.id)
            # a platform ("said on Twitter") is the channel, not an outlet that carried the account
            platform = statement.channel.kind is ChannelKind.TWEET
            outlet = (None if platform else statement.channel.outlet) or analysis.report.outlet
            if outlet and analysis.report.outlet and same_outlet(outlet, analysis.report.outlet):
                outlet = analysis.report.outlet  # "told Rudaw" in a Rudaw English report is one outlet
            if outlet and outlet not in draft.outlets:
                draft.outlets.append(outlet)
            draft.evidence.extend(statement.content[:1])
    _merge_descriptions(drafts, members)
    _merge_headlines(drafts, headline_ids)
    accounts = (_freeze(d) for d in drafts.values())
    # An unidentified, generic source that only says the event happened, with no figure, adds nothing.
    return tuple(
        a
        for a in accounts
        if not (
            a.stance is AccountStance.CONFIRMS
            and is_generic(a.source, a.source_actor_id)
            and a.killed == Range()
            and a.wounded == Range()
        )
    )


def description_sectors(source: str) -> set[str]:
    """KB sectors a descriptive source can stand for, from its group nouns ("Iraqi militia chief",
    "An Iraqi Shi'ite militia backed by Iran" -> rebel_or_militia); empty when it names no group."""
    from rashomon.extract.speakers import SECTOR_OF_NOUN

    head = re.split(r"\b(?:backed|led|based|linked|allied|loyal|aligned|supported)\b|,", source, maxsplit=1)[0]
    sectors: set[str] = set()
    for word in re.findall(r"[a-z]+", head.casefold()):
        for form in (word, word.rstrip("s"), word + "s"):  # "rebel movement" as "rebels"
            sectors |= SECTOR_OF_NOUN.get(form, set())
    return sectors


def incident_actors(drafts: dict[str, _Draft], members: Sequence[tuple[Analysis, tuple[str, ...]]]) -> list[str]:
    """KB ids of the incident's organisations: identified account sources first, then its events'
    actors and targets (in reading order, each once)."""
    out: list[str] = [d.source_actor_id for d in drafts.values() if d.source_actor_id]
    for analysis, event_ids in members:
        for event in analysis.events:
            if event.id in event_ids:
                out.extend(p.actor_id for p in (event.actor, event.target) if p is not None and p.actor_id)
    seen: list[str] = []
    for actor_id in out:
        actor = kb_actor(actor_id)
        if actor is not None and actor.kind != "PERSON" and actor_id not in seen:
            seen.append(actor_id)
    return seen


# A description's qualifier and an actor's name "begin alike" when their first letters agree this far
# ("Iraqi" / "Iraq", "Sudanese" / "Sudan", "Israeli" / "Israel"); shorter words are compared whole.
QUALIFIER_PREFIX = 4


def _letters(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.casefold().removesuffix("'s").removesuffix("’s"))


def qualifiers_fit(source: str, actor_id: str) -> bool:
    """False when the description names someone else's body: the words of a possessive name ("Kurdistan Region's
    interior ministry") and a state named outright ("Syria's army", "the US embassy") must begin like a word of the
    actor's names or of its state's. Demonyms and creeds ("Iraqi", "Shi'ite") are adjectives and are not checked."""
    actor = kb_actor(actor_id)
    kb = _kb()
    if actor is None or kb is None:
        return True
    head = re.split(r"\b(?:backed|led|based|linked|allied|loyal|aligned|supported)\b|,", source, maxsplit=1)[0]
    owner = re.search(r"((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)['’]s\b", head)
    qualifiers = [_letters(w) for w in owner.group(1).split()] if owner else []
    for word in re.findall(r"\b[A-Z][\w.-]*", head):
        state = kb.lookup(word)
        if state is not None and state.kind == "GPE":
            qualifiers.append(_letters(word))
    qualifiers = [q for q in qualifiers if q and q not in {"the", "a", "an"}]
    if not qualifiers:
        return True
    state = kb.state(actor.country) if actor.country else None
    names = [actor.name, *actor.aliases, *((state.name, *state.aliases) if state is not None else ())]
    known = {_letters(w)[:QUALIFIER_PREFIX] for name in names for w in name.split()} - {""}
    return all(q[:QUALIFIER_PREFIX] in known for q in qualifiers)


def described_actor(source: str, candidates: Sequence[str]) -> str | None:
    """The one incident actor a description fits by sector ("the militia" when the incident has one
    militia, counting a militia and the umbrella it belongs to as one); None when none or several."""
    sectors = description_sectors(source)
    if not sectors:
        return None
    fitting = [
        c for c in candidates if (actor := kb_actor(c)) is not None and str(actor.sector) in sectors and qualifiers_fit(source, c)
    ]
    if not fitting:
        return None
    first = fitting[0]
    return first if all(related(first, other) for other in fitting[1:]) else None


# A plain-text report's first line is its headline when it is at most this long (as assess/incident.py).
HEADLINE_MAX_CHARS = 120


def in_headline(analysis: Analysis, statement: Statement) -> bool:
    """True when the statement's speaker stands in the report's headline (its title, or a short first line)."""
    if statement.speaker is None:
        return False
    text = analysis.report.text
    title = (analysis.report.title or "").strip()
    first = text.lstrip().split("\n", 1)[0]
    lead = len(text) - len(text.lstrip())
    if title and text.lstrip().startswith(title):
        return statement.speaker.start < lead + len(title)
    return len(first) <= HEADLINE_MAX_CHARS and statement.speaker.start < lead + len(first)


def _merge_headlines(drafts: dict[str, _Draft], headline_ids: set[str]) -> None:
    """An unidentified source made only of headline statements that merely confirms is the headline's
    summary of the report's own speaker: fold it into the one identified, non-denying account of that report."""
    for key in list(drafts):
        draft = drafts[key]
        only_headline = draft.statement_ids and all(s in headline_ids for s in draft.statement_ids)
        if draft.source_actor_id is not None or not only_headline or set(draft.stances) != {AccountStance.CONFIRMS}:
            continue
        # A denial has no toll or event to summarise: the headline speaks for the report's other side.
        speakers = [
            k
            for k, d in drafts.items()
            if k != key and d.source_actor_id and set(d.reports) & set(draft.reports) and AccountStance.DENIES not in d.stances
        ]
        if len(speakers) == 1:
            _fold(draft, drafts[speakers[0]])
            del drafts[key]


def _fold(draft: _Draft, into: _Draft) -> None:
    for name in (
        "stances",
        "perpetrators",
        "blamed",
        "killed",
        "wounded",
        "places",
        "times",
        "methods",
        "statement_ids",
        "evidence",
    ):
        getattr(into, name).extend(getattr(draft, name))
    for name in ("reports", "outlets"):
        values = getattr(into, name)
        values.extend(v for v in getattr(draft, name) if v not in values)


def _merge_descriptions(drafts: dict[str, _Draft], members: Sequence[tuple[Analysis, tuple[str, ...]]]) -> None:
    """Fold accounts of unidentified, described sources into the incident actor they describe."""
    candidates = incident_actors(drafts, members)
    named_in = {
        a.report.id: [m.actor_id for m in a.actors if m.actor_id and m.kind not in ("OUTLET", "PERSON")] for a, _ in members
    }
    for key in list(drafts):
        draft = drafts[key]
        if draft.source_actor_id is not None:
            continue
        # "a military source" in a SANA report about Syrian army units is of the army that report names, not of
        # the Russian centre another report quotes: the description's own reports' actors are tried first
        local = list(dict.fromkeys(i for r in draft.reports for i in named_in.get(r, [])))
        target = (described_actor(draft.source, local) if local else None) or (
            None if local and description_sectors(draft.source) else described_actor(draft.source, candidates)
        )
        if target is None:
            continue
        into = drafts.setdefault(target, _Draft(source=actor_name(target, target) or target, source_actor_id=target))
        _fold(draft, into)
        del drafts[key]


def _freeze(draft: _Draft) -> Account:
    stance = min(draft.stances, key=STANCE_PRIORITY.index)
    perpetrator = None
    pool = draft.perpetrators
    if stance is AccountStance.DENIES:
        # a denier that blames another side ("did not fire a single shell ... army warplanes struck the market")
        # alleges that side, however often it repeats its own denial
        own = draft.source_actor_id
        others = [p for p in draft.blamed if own is not None and p[0] != own and not related(p[0], own)]
        pool = others or pool
    if pool:
        counts: dict[str, int] = {}
        for key, _ in pool:
            counts[key] = counts.get(key, 0) + 1
        top = max(counts, key=lambda k: (counts[k], -[p[0] for p in pool].index(k)))
        perpetrator = next(name for key, name in pool if key == top)
    return Account(
        source=draft.source,
        source_actor_id=draft.source_actor_id,
        affiliation=affiliations_of(draft.source_actor_id),
        outlets=tuple(draft.outlets),
        stance=stance,
        alleged_perpetrator=perpetrator,
        killed=_merge(draft.killed),
        wounded=_merge(draft.wounded),
        place=account_place(draft.places, draft.source_actor_id),
        time=min(draft.times) if draft.times else None,
        method=_first(draft.methods),
        statement_ids=tuple(draft.statement_ids),
        reports=tuple(draft.reports),
        evidence=tuple(draft.evidence),
    )
