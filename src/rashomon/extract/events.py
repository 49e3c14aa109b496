"""Events of one report: PLOVER-typed mentions from trigger words, merged per incident, with
participants, places, time, tolls, named victims, modality and the statement they sit in.

Steps
-----
1. **Triggers.** Verbs and nouns from ``TRIGGERS`` (by lemma; a few multi-word cues such as
   "air strike" or "car bomb" refine the mode). Each gives a PLOVER type and mode
   (ASSAULT/aerial, ASSAULT/explosive, FIGHT, COERCE/arrest, PROTEST/demo, ACCUSE, REJECT ...).
   A statement whose stance is an accusation or a demand (``STANCE_EVENTS``) is an ACCUSE or DEMAND
   mention at its cue, unless a trigger of that type already sits in the cue.
   "Weak" triggers (kill, hit, attack, incident, target) only make an event of their own when
   nothing stronger is told in the same sentence; otherwise they join it. ``FRAMED_TRIGGERS`` are
   words that are events only in a frame ("declined to resign", "blocked roads", "imposed a curfew").
2. **Participants** from the dependency parse: the agent of a passive ("bombarded by the
   Americans"), the subject of an active verb, the subject of a light verb over a noun trigger
   ("conducted strikes"), "by"/possessive/adjectival modifiers of a noun trigger ("American air
   strike", "the attack by the Americans") give the actor; the passive subject, direct object and
   "against"/"on" objects give the target. A participant is the ``draft.actors`` mention inside
   that phrase; when the actor component found none there, a text-only mention is made for nouns
   that name a force ("troops", "militants", proper names). A verbal trigger that is a statement's cue
   and has no such actor takes the statement's resolved speaker. A target owned by a pronoun becomes its
   owner: "its positions" the organisation named before it, "our positions" the speaker's.
3. **Place and time**: ``draft.places``/``draft.times`` inside the trigger's phrase, else in its
   sentence, else the report's focus: its first geocoded place, and the time of its first violent
   mention that has one (else its first resolved time).
4. **Tolls** (``rashomon.extract.tolls``) in the trigger sentences, and **named victims**: a PERSON
   with an appositive role in a sentence saying he was among the dead or killed.
5. **Modality**: inside an attributed statement -> alleged (denied for a deny statement, claimed for
   a claim of responsibility), with ``statement_id``; negated or under "deny" -> denied; under a
   modal, "threaten", "plan", "prevent", "expect" -> hypothetical; "allegedly"/"reportedly" or under a
   reporting verb -> alleged (claimed when the speaker claims his own act); else author.
6. **Merging**: mentions of the same type in one report are one event when their modes agree (a
   mode-less mention joins any), their voices agree (author and alleged merge; claimed, denied and
   hypothetical mentions stay apart), their known actors do not differ and their resolved days do
   not; the most specific mention is kept as the trigger and the others fill what it lacks. Verbal
   events (ACCUSE, REJECT, THREATEN, DEMAND) merge per type and actor. A weak mention with no participant,
   place, time or toll ("we have fought for years") makes no event.
7. **ACLED**: ``data/plover_acled.tsv`` maps type, mode and qualifiers (suicide, grenade,
   armed target, state actor) to ACLED's event and sub-event type; an attack on an armed target
   (by sector, or named "checkpoint", "soldiers" ...) is an Armed clash, on civilians an Attack.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from rashomon.extract.actors import HYPHEN_QUALIFIERS
from rashomon.extract.base import Draft
from rashomon.extract.datelines import dateline_end
from rashomon.extract.quotes_rules import speech_before_reported_subject
from rashomon.extract.speakers import GROUP_NOUNS, GROUP_PRONOUNS, PERSON_PRONOUNS
from rashomon.extract.stance import is_interception
from rashomon.extract.tolls import VICTIM_CUES, Toll, combine, find_tolls, victim_role
from rashomon.model import (
    ActorMention,
    Casualties,
    Event,
    Modality,
    NamedVictim,
    Place,
    PlacePrecision,
    Sector,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)
from rashomon.model.ids import mention_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# lemma -> (PLOVER type, mode, weak). Modes refine later from context (air cues, suicide, grenade).
TRIGGERS: dict[str, tuple[str, str | None, bool]] = {
    # ASSAULT from the air
    "airstrike": ("ASSAULT", "aerial", False),
    "air-strike": ("ASSAULT", "aerial", False),
    "bombard": ("ASSAULT", "aerial", False),
    "bombardment": ("ASSAULT", "aerial", False),
    "strike": ("ASSAULT", "aerial", False),
    "sortie": ("ASSAULT", "aerial", False),
    "raid": ("ASSAULT", None, False),
    # shelling
    "shell": ("ASSAULT", "artillery", False),
    "shelling": ("ASSAULT", "artillery", False),
    "mortar": ("ASSAULT", "artillery", False),
    "artillery": ("ASSAULT", "artillery", False),
    "rocket": ("ASSAULT", "artillery", False),
    "missile": ("ASSAULT", "artillery", False),
    # explosives
    "bombing": ("ASSAULT", "explosive", False),
    "bomb": ("ASSAULT", "explosive", False),
    "explosion": ("ASSAULT", "explosive", False),
    "blast": ("ASSAULT", "explosive", False),
    "explode": ("ASSAULT", "explosive", False),
    "detonate": ("ASSAULT", "explosive", False),
    "bomber": ("ASSAULT", "explosive", False),
    "blow": ("ASSAULT", "explosive", False),  # only "blow up" (see _trigger_of)
    "ied": ("ASSAULT", "explosive", False),
    "landmine": ("ASSAULT", "explosive", False),
    "grenade": ("ASSAULT", "explosive", False),
    # targeted violence
    "assassinate": ("ASSAULT", "targeted", False),
    "assassination": ("ASSAULT", "targeted", False),
    "shoot": ("ASSAULT", "targeted", False),
    "stab": ("ASSAULT", "targeted", False),
    "execute": ("ASSAULT", "targeted", False),
    "massacre": ("ASSAULT", "targeted", False),
    "murder": ("ASSAULT", "targeted", False),
    "behead": ("ASSAULT", "targeted", False),
    "abduct": ("ASSAULT", "abduct", False),
    "abduction": ("ASSAULT", "abduct", False),
    "kidnap": ("ASSAULT", "abduct", False),
    "kidnapping": ("ASSAULT", "abduct", False),
    "rape": ("ASSAULT", "sexual", False),
    "lynch": ("ASSAULT", None, False),
    # generic, weak
    "attack": ("ASSAULT", None, True),
    "assault": ("ASSAULT", None, True),
    "kill": ("ASSAULT", None, True),
    "killing": ("ASSAULT", None, True),
    "hit": ("ASSAULT", None, True),
    "target": ("ASSAULT", None, True),
    "incident": ("ASSAULT", None, True),
    # fighting
    "clash": ("FIGHT", None, False),
    "fighting": ("FIGHT", None, False),
    "battle": ("FIGHT", None, False),
    "gunfight": ("FIGHT", None, False),
    "firefight": ("FIGHT", None, False),
    "skirmish": ("FIGHT", None, False),
    "ambush": ("FIGHT", None, False),
    "engage": ("FIGHT", None, True),
    # coercion, seizure
    "arrest": ("COERCE", "arrest", False),
    "detain": ("COERCE", "arrest", False),
    "detention": ("COERCE", "arrest", False),
    "nab": ("COERCE", "arrest", False),
    "capture": ("SEIZE", None, False),
    "seize": ("SEIZE", None, False),
    "recapture": ("SEIZE", "occupy", False),
    "overrun": ("SEIZE", "occupy", False),
    "liberate": ("SEIZE", "occupy", False),
    # protest
    "protest": ("PROTEST", "demo", False),
    "demonstrate": ("PROTEST", "demo", False),
    "demonstration": ("PROTEST", "demo", False),
    "rally": ("PROTEST", "demo", False),
    "riot": ("PROTEST", "riot", False),
    # verbal
    "accuse": ("ACCUSE", None, False),
    "blame": ("ACCUSE", None, False),
    "deny": ("REJECT", None, False),
    "reject": ("REJECT", None, False),
    "threaten": ("THREATEN", None, False),
    "refuse": ("REJECT", None, False),
    "veto": ("REJECT", None, False),
    "rebuff": ("REJECT", None, False),
    # ill-treatment and property (PLOVER's ASSAULT/beat and torture; COERCE destroy, ban, deport)
    "torture": ("ASSAULT", "torture", False),
    "demolish": ("COERCE", "destroy", False),
    "demolition": ("COERCE", "destroy", False),
    "bulldoze": ("COERCE", "destroy", False),
    "raze": ("COERCE", "destroy", False),
    "outlaw": ("COERCE", "ban", False),
    "deport": ("COERCE", "deport", False),
    "deportation": ("COERCE", "deport", False),
    # crowd control: "lathicharged the mob", "used teargas" (ACLED Protest with intervention)
    "lathicharge": ("COERCE", "disperse", False),
    "teargas": ("COERCE", "disperse", False),
}
# Triggers only in a frame (``_framed_trigger``): lemma -> (PLOVER type, mode, weak), as in ``TRIGGERS``.
FRAMED_TRIGGERS: dict[str, tuple[str, str | None, bool]] = {
    "decline": ("REJECT", None, False),  # "declined to resign", not "declined to comment"
    "dismiss": ("REJECT", None, False),  # "dismissed an appeal", not "dismissed the minister"
    "turn": ("REJECT", None, False),  # "turned down the offer"
    "accept": ("REJECT", None, False),  # "will not accept any more refugees"
    "block": ("PROTEST", "obstruct", False),  # "demonstrators blocked roads"
    "rally": ("PROTEST", "demo", False),  # the noun: "rallies against the leader"
    "beat": ("ASSAULT", "beat", False),  # "beat up detainees"
    "abuse": ("ASSAULT", "sexual", False),  # "sexually abused"
    "curfew": ("COERCE", "curfew", False),  # "imposed a curfew", not "lifted"
    "ultimatum": ("THREATEN", None, False),  # "issued an ultimatum", not "rejected an ultimatum"
    "fire": ("ASSAULT", "firearms", False),  # "fired rounds", "opened fire"; not "fired the coach", "set on fire"
    "firing": ("ASSAULT", "firearms", False),  # "killed in police firing"; not "the firing of the director"
    "charge": ("COERCE", "disperse", False),  # "lathi-charged", "a baton charge"; not "charged with murder"
    "gas": ("COERCE", "disperse", False),  # "tear gas"
    "custody": ("COERCE", "arrest", False),  # "taken into custody", "remanded in custody"; not "in custody"
    "round": ("COERCE", "arrest", False),  # "rounded up 50 people"
    "pick": ("COERCE", "arrest", False),  # "picked up by police"
    "hold": ("COERCE", "arrest", False),  # "50 persons were held"; not "held a meeting" nor "held hostage"
    "ban": ("COERCE", "ban", False),  # the verb: "banned candidates", not "a ban on" nor "a banned group"
    "apprehend": ("COERCE", "arrest", False),  # "apprehended the suspect"; not "apprehended a threat" (feared)
    "burn": ("ASSAULT", None, False),  # "burnt alive", "burned to death"; not "burned the flag"
    "hack": ("ASSAULT", None, False),  # "hacked to death"; not "hacked the server"
    "stone": ("ASSAULT", None, False),  # "stoned to death"
}
# "declined to comment": declining to say something is no rejection of anything.
SPEECH_DECLINED = frozenset(
    {"comment", "say", "discuss", "elaborate", "specify", "speak", "name", "identify", "disclose", "reveal", "detail", "give"}
)  # fmt: skip
# What a rejection dismisses ("dismissed an appeal"); a dismissed person is fired, not rejected.
REJECTED_THINGS = frozenset(
    {"appeal", "proposal", "offer", "call", "demand", "request", "plan", "claim", "report", "allegation", "accusation",
     "charge", "idea", "suggestion", "plea", "bid", "initiative", "ultimatum", "warning", "criticism", "resolution"}
)  # fmt: skip
# What protesters block ("blocked roads leading to the city centre", "blocked the Europe Bridge").
BLOCKED_WAYS = frozenset(
    {"road", "street", "highway", "motorway", "bridge", "railway", "rail", "traffic", "transport", "route", "entrance",
     "access", "crossing", "junction", "intersection", "port", "border", "roadway", "avenue", "square", "track"}
)  # fmt: skip
# Forces whose blocking a road is a checkpoint or a cordon, not a protest.
STATE_BLOCKERS = frozenset({"police", "army", "troop", "soldier", "force", "military", "authority", "government", "official"})
# Custody and crowd victims that make "beat" an assault, not "beat the favourite".
BEATEN = frozenset(
    {"detainee", "prisoner", "inmate", "protester", "demonstrator", "journalist", "reporter", "activist", "student", "civilian",
     "villager", "man", "woman", "child", "people", "worker", "refugee", "migrant", "suspect", "priest", "monk"}
)  # fmt: skip
# Dependents of "demonstrate" that make it "show" ("demonstrated her skill", "demonstrating that ..."; "to" as in
# "demonstrate to North Korea" is read too). A purpose clause ("demonstrated to demand reforms") is no such sign.
SHOWN = frozenset({"dobj", "ccomp", "dative", "attr"})
# What is fired from a gun ("fired 15 rounds", "fired shots"); rockets and shells are triggers of their own.
ROUNDS = frozenset({"round", "shot", "bullet", "volley", "salvo", "pellet", "burst", "gunshot", "cartridge"})
# Where shots go ("fired at the mob", "fired on protesters", "fired into the crowd", "fired in the air").
FIRED_AT = frozenset({"at", "on", "upon", "into", "towards", "toward"})
# Nouns that name an armed force, so that it fires without an object ("when the police fired") or acts as a
# noun trigger's modifier ("police firing", "army shelling", "militant attack").
ARMED_NOUNS = frozenset(
    {"police", "policeman", "army", "troop", "soldier", "force", "military", "militant", "militia", "rebel",
     "insurgent", "jihadist", "terrorist", "gunman", "fighter", "coalition", "regime", "paramilitary", "jawan", "cop"}
)  # fmt: skip
# What one "apprehends" in the sense of fearing it: "apprehended a threat to his life", "apprehending acts of
# retaliation", "the BJP apprehended cross-voting".
FEARED = frozenset(
    {"threat", "danger", "trouble", "violence", "retaliation", "attack", "act", "voting", "vote", "backlash", "repercussion",
     "breach", "tension", "clash", "riot", "disturbance", "problem", "possibility", "move", "attempt", "reprisal"}
)  # fmt: skip
# Crowd-control weapons that make "charge" and "shell" no attack ("lathi-charge", "tear-gas shells", "stun grenades").
CROWD_CONTROL = frozenset({"lathi", "baton", "cane", "tear", "teargas", "gas", "pepper", "rubber", "stun"})
CURFEW_VERBS = frozenset({"impose", "reimpose", "declare", "extend", "enforce", "order", "introduce", "tighten"})
ULTIMATUM_VERBS = frozenset({"issue", "give", "deliver", "send", "present", "set", "hand", "serve"})
VERBAL = frozenset({"ACCUSE", "REJECT", "THREATEN", "DEMAND"})
# Stances that are PLOVER verbal events of their own when no trigger word names them ("said the Americans had
# bombed his men", "called for a ceasefire"): PLOVER 2021 codes CAMEO 11 (disapprove, criticise, accuse) ACCUSE
# and CAMEO 10 DEMAND (CAMEO2PLOVER-2021.txt in the PLOVER repository). The event's trigger is the statement's
# cue, its actor the speaker (``_stance_mentions``). Not the threaten stance: it also covers "vowed" and
# "pledged" ("pledged to rebuild"), and a THREATEN event opens an incident (link.mentions.INCIDENT_TYPES).
STANCE_EVENTS: dict[Stance, str] = {Stance.ACCUSE: "ACCUSE", Stance.DEMAND: "DEMAND"}
VIOLENT = frozenset({"ASSAULT", "FIGHT"})
# Lemmas that only count as triggers in one part of speech ("strike" the noun, "shell" the verb or noun ...).
NOUN_ONLY = frozenset({"rocket", "missile", "artillery", "mortar", "incident", "ied", "landmine", "grenade", "sortie", "battle"})
VERB_ONLY = frozenset({"hit", "target", "engage", "rally", "execute", "shoot", "liberate", "outlaw"})
# "Strike" the work stoppage, not the attack ("a hunger strike", "a general strike", "workers went on strike",
# "called off a four-day strike"): PLOVER and ACLED code these as protests (PLOVER_GSR_CAMEO.txt codes its
# eight such sentences PROTEST, COERCE or CONCEDE, never ASSAULT). Read from the noun's own modifiers, from
# "on strike", and from the verbs that only end or swell a stoppage; "launch a strike" stays an attack.
STOPPAGE_MODIFIERS = frozenset(
    {"hunger", "general", "labour", "labor", "worker", "union", "teacher", "doctor", "nurse", "transport", "rail",
     "sit-down", "wildcat", "open-ended", "indefinite", "nationwide", "student"}
)  # fmt: skip
# Only verbs no attack takes: "continued strikes on Kyiv", "cancelled the strike on Iran", "staged a strike" are
# attacks as often.
STOPPAGE_VERBS = frozenset({"call off", "join"})
DURATION = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|ten)-(?:hour|day|week)$", re.IGNORECASE)
AIR_CUES = re.compile(
    r"\b(?:air|airstrikes?|drones?|warplanes?|jets?|aircraft|helicopters?|smart\s+bombs?|sorties?|planes?)\b", re.IGNORECASE
)
SUICIDE_CUE = re.compile(r"\bsuicide\b|\bself-detonat|\bblew\s+(?:him|her|them)sel(?:f|ves)\b", re.I)
GRENADE_CUE = re.compile(r"\bgrenades?\b", re.I)
PROPERTY_OBJECTS = frozenset(
    {"vehicle", "weapon", "ammunition", "arm", "equipment", "tank", "truck", "cache", "explosive", "rifle"}
)
PLACE_OBJECTS = frozenset(
    {"area", "region", "village", "town", "city", "territory", "district", "base", "province", "hill", "checkpoint"}
)
PERSON_OBJECTS = frozenset(
    {"insurgent", "militant", "suspect", "fighter", "man", "leader", "commander", "member", "facilitator", "people"}
)
# Who is held, picked up or rounded up when the verb means an arrest ("50 persons were held").
DETAINED = PERSON_OBJECTS | frozenset(
    {"person", "youth", "activist", "worker", "accused", "rioter", "miscreant", "protester", "demonstrator",
     "student", "supporter", "volunteer", "culprit", "criminal", "terrorist", "smuggler", "others"}
)  # fmt: skip
LIGHT_VERBS = frozenset(
    {"conduct", "carry", "launch", "stage", "mount", "perform", "claim", "execute", "make", "order", "call", "issue", "deliver",
     "open", "return", "burst", "lob", "use"}
)  # fmt: skip
# Verbs whose subject is the event noun and whose phrase says where and when it struck ("the strike hit ...").
IMPACT_VERBS = frozenset({"hit", "strike", "target", "destroy", "pound", "kill", "wound", "damage", "level", "flatten"})
# Endings of demonyms and nationality adjectives ("Iraqi", "American", "Chinese", "Kurdish", "Arabic", "Shiite").
DEMONYM_SHAPE = re.compile(r"(?:i|an|ese|ish|ic|ite|er)s?$", re.IGNORECASE)
MODAL_WORDS = frozenset({"will", "would", "could", "might", "may", "shall", "should", "'ll", "wo", "can", "ca"})
HYPOTHETICAL_HEADS = frozenset(
    {
        "threaten",
        "determined",
        "ready",
        "plan",
        "intend",
        "vow",
        "prevent",
        "expect",
        "try",
        "prepare",
        "warn",
        "aim",
        "seek",
        "determine",
        "want",
        "hope",
        # what was asked for or not achieved did not (yet) happen: "urging him to arrest those involved",
        # "failed to arrest the accused", "asked the police to open fire"
        "fail",
        "urge",
        "demand",
        "ask",
        "need",
        # what is only probable has not happened: "are likely to be arrested on Friday"
        "likely",
        "unlikely",
    }
)
# Heads whose infinitive happened ("had to open fire", "forced the police to fire", "prompting the personnel to
# open fire", "were able to arrest 39", "acted swiftly to arrest"); under any other head an infinitive act is an
# aim or an order ("sent teams to apprehend him", "issued orders to arrest Gupta").
IMPLICATIVE_HEADS = frozenset(
    {"have", "manage", "force", "compel", "oblige", "begin", "start", "continue", "go", "proceed", "get", "come", "happen",
     "able", "lucky", "fortunate", "prompt", "act", "move", "lead", "cause"}
)  # fmt: skip
NOUN_HYPOTHETICAL_HEADS = frozenset({"expect", "prevent", "threaten", "plan", "demand", "seek", "urge"})
# Nouns for looking into an act: under them the act is a fact, whatever mood governs the inquiry.
INQUIRY_NOUNS = frozenset({"inquiry", "enquiry", "probe", "investigation", "inquest"})
# Subjects that say nobody underwent the act ("nobody was arrested", "not a single activist has been arrested").
NOBODY = frozenset({"nobody", "none", "no-one", "noone"})
REPORTING_VERBS = frozenset(
    {"say", "allege", "accuse", "report", "tell", "claim", "state", "add", "insist", "charge", "blame", "tweet"}
)
# Verbs whose object is an act someone speaks about ("on Monday denied shelling the market"): their phrase's
# time and places are the speech's, not the act's.
SPEECH_HEADS = frozenset({"deny", "confirm", "claim", "condemn", "blame", "admit", "acknowledge", "report", "reject"})
# A time hanging on one of these dates what was said ("said on Tuesday", "on Monday denied ..."), not an act.
SPEECH_VERBS = REPORTING_VERBS | SPEECH_HEADS
ACTOR_NOUNS = frozenset(
    {"force", "troop", "army", "military", "militant", "fighter", "militia", "police", "soldier", "gunman", "insurgent",
     "coalition", "rebel", "jihadist", "terrorist", "government", "regime", "aircraft", "jet", "warplane", "drone",
     "plane", "helicopter", "group", "unit", "civilian", "protester", "demonstrator", "people", "american", "israeli",
     "russian", "official", "member", "commander", "worker", "student", "villager", "resident", "position", "base",
     "officer", "guard", "sentry", "mob", "rioter", "crowd", "attacker", "assailant", "raider"}
) | ARMED_NOUNS  # fmt: skip
LOCATIVE_PREPS = frozenset(
    {"on", "in", "at", "near", "along", "across", "inside", "outside", "around", "from", "into", "within", "off", "beyond"}
)
# Person nouns whose "of" phrase names their affiliation, not themselves.
ROLE_NOUNS = frozenset(
    {"commander", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "official", "minister", "secretary", "head",
     "president", "general", "member", "director", "governor", "officer"}
)  # fmt: skip
# Predicates that deny what their subject reports ("Allegations of Coalition strikes ... are inaccurate").
DENIAL_PREDICATES = frozenset({"inaccurate", "false", "untrue", "baseless", "unfounded", "fabricated", "wrong", "incorrect"})
# Nouns that stand for the organisation named in their "of" phrase ("the positions of K.S.S.").
HOLDER_NOUNS = frozenset(
    {
        "position",
        "base",
        "camp",
        "headquarters",
        "convoy",
        "post",
        "checkpoint",
        "fighter",
        "member",
        "force",
        "troop",
        "unit",
        "office",
        "outpost",
        "depot",
        "militant",
    }
)
ARMED_WORDS = re.compile(
    r"\b(?:checkpoints?|check\s*posts?|posts?|bases?|outposts?|convoys?|soldiers?|police(?:men)?|forces|troops|army|"
    r"militants?|fighters?|insurgents?|security|commandos?|patrols?|ANA|ANP|ANDSF|militia(?:men)?|positions?)\b",
)
CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|workers?|students?|journalists?|teachers?|wom[ae]n|child(?:ren)?|girls?|boys?|"
    r"farmers?|worshippers?|passengers?|shopkeepers?|family|families|elders?|clerics?|scholars?|"
    r"mobs?|crowds?|protesters?|demonstrators?|rioters?|persons?|people)\b",
    re.IGNORECASE,
)
ARMED_SECTORS = frozenset({Sector.MILITARY, Sector.MILITIA, Sector.TERRORIST})
STATE_SECTORS = frozenset({Sector.MILITARY, Sector.GOVERNMENT})


# --------------------------------------------------------------------------- ACLED mapping


@functools.cache
def _acled_rows() -> tuple[tuple[str, str, str, str, str], ...]:
    ref = resources.files("rashomon.data").joinpath("plover_acled.tsv")
    with ref.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return tuple(
        (r["plover_type"], r["plover_mode"] or "", r["qualifier"] or "", r["acled_event_type"], r["acled_sub_event_type"])
        for r in rows
    )


def acled_for(plover_type: str, mode: str | None, qualifiers: Iterable[str] = ()) -> tuple[str, str] | None:
    """ACLED (event type, sub-event type) of a PLOVER type/mode; the most specific row of plover_acled.tsv wins."""
    quals = set(qualifiers)
    best: tuple[int, tuple[str, str]] | None = None
    for ptype, pmode, qual, ev, sub in _acled_rows():
        if ptype != plover_type or (pmode and pmode != (mode or "")) or (qual and qual not in quals):
            continue
        score = (2 if pmode else 0) + (1 if qual else 0)
        if best is None or score > best[0]:
            best = (score, (ev, sub))
    return best[1] if best else None


# --------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    token: Token
    plover_type: str
    mode: str | None
    weak: bool
    sent_index: int
    actor: ActorMention | None = None
    target: ActorMention | None = None
    places: list[Place] = field(default_factory=list)
    place_attached: bool = False
    time: TimeRef | None = None
    time_attached: bool = False
    modality: Modality = Modality.AUTHOR
    statement_id: str | None = None
    qualifiers: set[str] = field(default_factory=set)
    told_by: Statement | None = None  # the statement whose stance this verbal mention is (``STANCE_EVENTS``)
    separate: bool = False  # a weak mention kept beside a strong one for a doer of its own; merges only with that doer

    @property
    def start(self) -> int:
        return self.token.idx

    @property
    def end(self) -> int:
        return self.token.idx + len(self.token.text)


# Nouns that an event word names by what they are for ("detention centre", "attack helicopter", "bomb shelter").
NAMED_BY_USE = frozenset(
    {"centre", "center", "facility", "camp", "shelter", "helicopter", "aircraft", "jet", "factory", "squad", "dog"}
)


# A weapon named as an object of arms control, trade or discovery is no attack ("talks on reducing nuclear
# missiles", "the deployment of new missiles", "the discovery of Katyusha rockets"): PLOVER_GSR_CAMEO.txt codes
# its four such sentences CONSULT, AGREE, THREATEN and MOBILIZE.
WEAPON_NOUNS = frozenset({"missile", "rocket"})
ARMS_HEADS = frozenset(
    {"reduce", "limit", "deploy", "deployment", "discover", "discovery", "find", "seize", "seizure", "develop",
     "produce", "sell", "sale", "supply", "acquire", "number", "arsenal", "stockpile", "ban", "treaty", "reduction",
     "smuggle", "possess", "possession", "transfer", "shipment", "delivery", "deliver", "dismantle"}
)  # fmt: skip


def _arms_not_attack(token: Token) -> bool:
    """Whether a weapon noun names the weapon as an object of arms control, trade or discovery (``ARMS_HEADS``):
    its verb's object, or the object of "of" under such a noun."""
    if token.lemma_.lower() not in WEAPON_NOUNS:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif token.dep_ not in {"dobj", "nsubjpass"}:
        return False
    return head.lemma_.lower() in ARMS_HEADS


def _trigger_of(token: Token) -> tuple[str, str | None, bool] | None:
    lemma = token.lemma_.lower()
    low = token.text.lower()
    if token.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    entry = TRIGGERS.get(lemma) or TRIGGERS.get(low) or _framed_trigger(token, lemma)
    if entry is None:
        return None
    if token.dep_ == "compound" and token.head.lemma_.lower() in NAMED_BY_USE:
        return None  # "a detention centre", "an attack helicopter": a place or a machine, no event
    if _arms_not_attack(token):
        return None
    if token.pos_ == "VERB" and entry[0] in VIOLENT and is_interception(token):
        return None  # "air defences shot down 30 of the 35 drones": a defence, not the attack
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB" and is_interception(token.head):
        return None  # "U.S. forces downed Houthi missiles": what was brought down names no attack of its own
    if lemma in NOUN_ONLY and token.pos_ == "VERB":
        return None
    if lemma in VERB_ONLY and token.pos_ != "VERB":
        return _framed_trigger(token, lemma)  # "rallies against the leader" are protests; a campaign rally is not
    if lemma == "demonstrate" and any(c.dep_ in SHOWN or (c.dep_ == "prep" and c.lower_ == "to") for c in token.children):
        return None  # "has demonstrated her skill", "demonstrating that ...": showing, not a protest
    if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
        return None
    if lemma in ("shell", "grenade") and token.pos_ == "NOUN" and _crowd_control(token):
        return ("COERCE", "disperse", False)  # "burst tear-gas shells", "stun grenades"
    if lemma == "strike" and token.pos_ == "VERB":
        return ("ASSAULT", None, True)  # "jets struck", "a patrol struck an IED": the mode comes from context
    if lemma == "strike" and is_work_stoppage(token):
        return ("PROTEST", "strike", False)
    if lemma == "bomb" and token.pos_ == "VERB":
        return ("ASSAULT", "aerial", False)
    return entry


def _framed_trigger(token: Token, lemma: str) -> tuple[str, str | None, bool] | None:
    """A ``FRAMED_TRIGGERS`` word when its frame makes it the event: its object, particle, negation or head."""
    entry = FRAMED_TRIGGERS.get(lemma)
    if entry is None:
        return None
    deps = {c.dep_: c for c in token.children}
    direct = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects = {o.lemma_.lower() for c in direct for o in [c, *(g for g in c.children if g.dep_ == "conj")]}
    particle = {c.lower_ for c in token.children if c.dep_ == "prt"}
    verb = token.pos_ == "VERB" and token.dep_ not in ("amod", "compound")
    if lemma == "decline":
        xcomp = deps.get("xcomp")
        return entry if verb and xcomp is not None and xcomp.lemma_.lower() not in SPEECH_DECLINED else None
    if lemma == "dismiss":
        return entry if verb and objects & REJECTED_THINGS else None
    if lemma == "turn":
        return entry if verb and "down" in particle else None
    if lemma == "accept":
        return entry if verb and "neg" in deps else None
    if lemma == "block":
        subjects = {c.lemma_.lower() for c in token.children if c.dep_ == "nsubj"}
        return entry if verb and objects & BLOCKED_WAYS and not subjects & STATE_BLOCKERS else None
    if lemma == "rally":
        against = any(c.dep_ == "prep" and c.lower_ in ("against", "over") for c in [*token.children, *token.head.children])
        anti = any(c.dep_ in ("amod", "compound") and c.lower_.startswith(("anti", "protest")) for c in token.children)
        return entry if token.pos_ == "NOUN" and (against or anti) else None
    if lemma == "beat":
        return entry if verb and ("up" in particle or objects & BEATEN or _to_death(token)) else None
    if lemma == "abuse":
        return entry if any(c.lower_ in ("sexually", "sexual") for c in token.children) else None
    if lemma == "curfew":
        return entry if token.dep_ == "dobj" and token.head.lemma_.lower() in CURFEW_VERBS else None
    if lemma in ("fire", "firing"):
        return entry if _fires_a_gun(token, objects) else None
    if lemma == "charge":
        # "lathi-charged": the parse may make "lathi" the verb's subject, so the words before are read as written
        before = [t.lower_ for t in token.doc[max(0, token.i - 2) : token.i] if t.lower_ != "-"]
        return entry if before and before[-1] in CROWD_CONTROL else None
    if lemma == "gas":
        return entry if token.pos_ == "NOUN" and any(c.lower_ == "tear" for c in token.children) else None
    if lemma == "custody":
        into = token.head.lower_ == "into" or (token.head.lower_ in ("in", "to") and token.head.head.lemma_.lower() == "remand")
        return entry if token.dep_ == "pobj" and into else None  # "died in police custody" tells no arrest
    if lemma in ("round", "pick"):
        people = objects & DETAINED or any(c.dep_ == "agent" and _by_police(c) for c in token.children)
        return entry if verb and "up" in particle and (people or _armed_subject(token)) else None
    if lemma == "hold":
        captive = any(c.lower_ in ("hostage", "captive", "hostages", "ransom") for c in token.children) or any(
            (o := _pobj(c)) is not None and o.lower_ == "ransom" for c in token.children if c.dep_ == "prep"
        )
        passive = "auxpass" in deps and objects & DETAINED
        return entry if verb and not captive and (passive or (objects & DETAINED and _armed_subject(token))) else None
    if lemma == "ultimatum":
        return entry if token.dep_ == "dobj" and token.head.lemma_.lower() in ULTIMATUM_VERBS else None
    if lemma == "ban":
        return entry if verb else None
    if lemma == "apprehend":
        return entry if token.pos_ != "VERB" or not objects & FEARED else None
    if lemma in ("burn", "hack", "stone"):
        alive = lemma == "burn" and any(c.lower_ == "alive" for c in token.children)
        return entry if verb and (alive or _to_death(token)) else None
    return None


def _to_death(verb: Token) -> bool:
    """ "burned to death", "hacked to death", "beaten to death": a verb of violence made a killing."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
    return any((o := _pobj(c)) is not None and o.lower_ == "death" for c in preps)


def _by_police(agent: Token) -> bool:
    """ "picked up by police", "by the security forces": an armed noun after "by"."""
    obj = _pobj(agent)
    return obj is not None and obj.lemma_.lower() in ARMED_NOUNS


def _armed_subject(verb: Token) -> bool:
    """ "when the police fired", "troops rounded up ...": the verb's subject is an armed force."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in ARMED_NOUNS for c in verb.children)


def _crowd_control(weapon: Token) -> bool:
    """Whether a modifier names a crowd-control weapon ("tear-gas shells", "rubber bullets", "stun grenades")."""
    return any(t.lower_ in CROWD_CONTROL for t in weapon.subtree if t.i < weapon.i)


def _fires_a_gun(token: Token, objects: set[str]) -> bool:
    """ "fired 15 rounds", "fired at the mob", "fired in the air", "when the police fired", "opened fire",
    "killed in police firing"; not "fired the coach" nor "set on fire"."""
    if token.lower_ == "firing" and (
        _armed_before(token) is not None
        or token.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "conj", "pcomp")
        or (token.dep_ == "acl" and token.head.lemma_.lower() in ARMED_NOUNS)
    ):
        of = [_pobj(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        return not any(o is not None and (o.ent_type_ == "PERSON" or o.lemma_.lower() in ROLE_NOUNS) for o in of)
    if token.pos_ == "NOUN":  # "opened fire", "returned fire"; "caught fire" and "set on fire" are flames
        return token.dep_ == "dobj" and token.head.lemma_.lower() in ("open", "return")
    if token.pos_ != "VERB" or token.dep_ in ("amod", "compound"):
        return False
    if objects & ROUNDS:
        return True
    if objects:
        return False  # "fired the coach", "fired tear-gas shells" (the shells are the trigger)
    preps = [c for c in token.children if c.dep_ == "prep"]
    if any(c.lower_ in FIRED_AT or (c.lower_ == "in" and (o := _pobj(c)) is not None and o.lower_ == "air") for c in preps):
        return True
    return _armed_subject(token)


def _armed_before(token: Token) -> Token | None:
    """The armed noun written just before a trigger ("in police firing", "army firing"), whatever the parse made
    of the pair: the small model often takes "firing" for a verb and "police" for an object or a conjunct."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before if before is not None and before.lemma_.lower() in ARMED_NOUNS else None


def is_work_stoppage(strike: Token) -> bool:
    """Whether a "strike" noun is a work stoppage or hunger strike rather than an attack (``STOPPAGE_MODIFIERS``)."""
    for child in strike.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and (
            child.lemma_.lower() in STOPPAGE_MODIFIERS or child.lower_ in STOPPAGE_MODIFIERS or DURATION.match(child.text)
        ):
            return True
    head = strike.head
    if strike.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in {"go", "be", "remain", "stay"}:
        return True  # "went on strike", "are on strike"
    if strike.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB":
        particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), "")
        verb = f"{head.lemma_.lower()} {particle}".strip()
        return verb in STOPPAGE_VERBS
    return False


def _refine(m: Mention, sent_text: str, report_text: str) -> None:
    tok = m.token
    lemma = tok.lemma_.lower()
    near = " ".join(t.text for t in tok.subtree) + " " + " ".join(t.text for t in tok.children) + " " + tok.head.text
    if m.plover_type == "ASSAULT":
        if lemma == "bombard" and not AIR_CUES.search(report_text):
            m.mode = "artillery"
        if lemma in ("bomb", "bomber", "bombing", "explosion", "blast", "attack", "strike") and AIR_CUES.search(near):
            m.mode = "aerial"
            m.weak = False
        if lemma == "hit" and re.search(r"\bbombs?\b|\bstrikes?\b|\bmissiles?\b|\brockets?\b", near, re.I):
            m.mode = "aerial" if AIR_CUES.search(near) or "bomb" in near.lower() else "artillery"
            m.weak = False
        if SUICIDE_CUE.search(near) or (m.mode == "explosive" and SUICIDE_CUE.search(sent_text)):
            m.mode = "explosive"
            m.qualifiers.add("suicide")
        if GRENADE_CUE.search(near):
            m.mode = "explosive"
            m.qualifiers.add("grenade")
        if lemma in ("rocket", "missile") and AIR_CUES.search(near):
            m.mode = "aerial"
    if m.plover_type == "SEIZE" and m.mode is None:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ in ("amod", "acl"):  # "captured vehicles", "weapons seized by ..." (the parse's reading too
            objs.append(tok.head)  # of "... and captured armoured vehicles" when it misses the verb)
        lemmas = {o.lemma_.lower() for o in objs for o in [o, *[c for c in o.children if c.dep_ == "conj"]]}
        if lemmas & PERSON_OBJECTS:
            m.plover_type, m.mode = "COERCE", "arrest"
        elif lemmas & PROPERTY_OBJECTS:
            m.mode = "weapons" if lemmas & {"weapon", "ammunition", "arm", "explosive", "rifle", "cache"} else "property"
        else:
            m.mode = "occupy"


# --------------------------------------------------------------------------- participants


def _chars(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _actor_in(draft: Draft, tok: Token, used: dict[int, ActorMention]) -> ActorMention | None:
    """The known actor mention inside ``tok``'s phrase (closest to its head), else a text-only one."""
    lo, hi = _chars(tok)
    # actors inside a place phrase ("positions on the Iraqi-Syrian border") are not the participant
    where = [_chars(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    # nor is the outlet of a dateline the parse hangs on the verb ("SAADA, Yemen (Al-Masirah) - Warplanes ... bombed")
    inside = [
        a
        for a in draft.actors
        if a.span.start >= lo
        and a.span.end <= hi
        and not any(x <= a.span.start < y for x, y in where)
        and not _in_dateline(draft.report.text, a.span.start)
    ]
    if tok.lemma_.lower() in ROLE_NOUNS and not any(a.span.start <= tok.idx < a.span.end for a in inside):
        inside = []  # "the commander of an Iranian-backed unit" is the commander, not Iran
    if tok.lemma_.lower() in ACTOR_NOUNS:
        # "an Iraqi militia": a nationality the knowledge base does not tie to one actor only qualifies the noun
        inside = [a for a in inside if not (a.kind == "NORP" and a.actor_id is None and a.span.end <= tok.idx)]
    if inside:
        return min(inside, key=lambda a: abs(a.span.start - tok.idx))
    # the head itself may sit inside a longer actor mention (not a dateline's: "NAIROBI (Nile Wire) - ...")
    over = [a for a in draft.actors if a.span.start <= tok.idx < a.span.end and not _in_dateline(draft.report.text, a.span.start)]
    if over:
        return over[0]
    if tok.i in used:
        return used[tok.i]
    # "the positions of K.S.S.": the organisation named in an "of" phrase stands for the target
    of_objs = [_pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    spans = [_chars(o) for o in of_objs if o is not None]
    ents = [e for e in tok.doc.ents if e.label_ in ("ORG", "GPE") and any(a <= e.start_char <= e.end_char <= b for a, b in spans)]
    if ents and tok.lemma_.lower() in HOLDER_NOUNS:
        ent = min(ents, key=lambda e: abs(e.start_char - tok.idx))
        span = draft.span(ent.start_char, ent.end_char)
        mention = ActorMention(
            id=mention_id(draft.report.id, "evac", ent.start_char, ent.end_char),
            span=span,
            name=span.text,
            kind=ent.label_ if ent.label_ != "NORP" else "ORG",
        )
        used[tok.i] = mention
        return mention
    head_ok = tok.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or tok.lemma_.lower() in ACTOR_NOUNS or tok.pos_ == "PROPN"
    if not head_ok or tok.pos_ == "PRON" or tok.ent_type_ in TIME_ENTITIES:
        return None  # "Albania on Friday denounced ...": a day is no participant, proper noun or not
    # the head and its pre-modifiers ("American troops", "the group's fighters" -> "fighters")
    dropped = {d.i for c in tok.children if c.dep_ in ("det", "poss", "punct", "case", "predet") for d in c.subtree}
    left = [t for t in tok.subtree if t.i <= tok.i and t.i not in dropped]
    while left and left[0].i != tok.i and any(t.i in dropped for t in tok.doc[left[0].i : tok.i]):
        left = left[1:]  # keep one contiguous run up to the head
    start = left[0].idx if left else tok.idx
    end = tok.idx + len(tok.text)
    span = draft.span(start, end)
    mention = ActorMention(
        id=mention_id(draft.report.id, "evac", start, end),
        span=span,
        name=span.text,
        kind=_kind_of(tok),
        sector=_sector_of(tok),
    )
    used[tok.i] = mention
    return mention


# Entity labels of when something happened: never a participant ("on Friday", "the strike on Tuesday").
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Verbs whose subject can be the act itself and whose object is then what it struck ("the strike hit a school").
STRIKING_VERBS = frozenset({"hit", "strike", "target", "kill"})


def _kind_of(tok: Token) -> str:
    return tok.ent_type_ if tok.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") else "ORG"


def _sector_of(tok: Token) -> Sector:
    lemma = tok.lemma_.lower()
    if lemma in ("civilian", "people", "villager", "resident", "student", "worker", "protester", "demonstrator"):
        return Sector.CIVILIAN
    if lemma in ("force", "troop", "army", "military", "soldier", "aircraft", "jet", "warplane", "drone", "coalition", "plane"):
        return Sector.MILITARY
    if lemma in ("militant", "fighter", "militia", "insurgent", "rebel", "gunman", "jihadist", "terrorist"):
        return Sector.MILITIA
    return Sector.UNKNOWN


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    return None


# A headline is the report's first line when it is at most this long and does not end a sentence (as
# assess/incident.py reads a plain-text title).
HEADLINE_MAX_CHARS = 120


def _headline_passive(draft: Draft, tok: Token) -> bool:
    """Headlinese drops the passive auxiliary: "American base in Erbil targeted", "Aid convoy attacked in
    Darfur". A participle on the first line with a subject but no auxiliary and no object is passive, so its
    subject is the target."""
    text = draft.report.text
    line_start = len(text) - len(text.lstrip())
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    if not (line_start <= tok.idx < line_start + len(line)) or len(line) > HEADLINE_MAX_CHARS or line.endswith("."):
        return False
    deps = {c.dep_ for c in tok.children}
    return tok.tag_ in ("VBD", "VBN") and "nsubj" in deps and not deps & {"aux", "auxpass", "dobj", "ccomp", "xcomp"}


def _participants(draft: Draft, tok: Token, used: dict[int, ActorMention]) -> tuple[ActorMention | None, ActorMention | None]:
    actor_tok: Token | None = None
    target_tok: Token | None = None
    children = list(tok.children)
    if tok.pos_ == "VERB" and not _nominal(tok):
        passive = _headline_passive(draft, tok)
        for c in children:
            if c.dep_ == "agent":
                actor_tok = _pobj(c) or actor_tok
            elif c.dep_ == "nsubj" and actor_tok is None and not passive:
                actor_tok = c
            elif c.dep_ == "nsubjpass" or (passive and c.dep_ == "nsubj") or (c.dep_ == "dobj" and target_tok is None):
                target_tok = c
        if actor_tok is None and tok.lower_ == "firing":
            actor_tok = _armed_before(tok)  # "died in police firing", parsed as "police" with "firing" hung on it
        if actor_tok is None:
            actor_tok = _controller(tok)
        if actor_tok is None and tok.dep_ == "pcomp":
            actor_tok = _pcomp_doer(tok)
        if actor_tok is None and tok.dep_ == "conj" and tok.head.dep_ == "pcomp":
            actor_tok = _pcomp_doer(tok.head)  # "accused them of looting and killing": the first verb's doer
    else:
        for c in children:
            named = c.ent_type_ in ("NORP", "ORG", "GPE") or (c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME"))
            if c.dep_ in ("compound", "amod", "poss", "nmod") and named and not _is_place(draft, c) and _may_act(draft, c):
                actor_tok = c  # "American air strike"; not "Monday's attack", nor "the Saada strike" (where)
            elif c.dep_ == "compound" and c.lemma_.lower() in ARMED_NOUNS and actor_tok is None:
                actor_tok = c  # "police firing", "army shelling": a force named before the act did it
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "responsibility":
            claim = tok.head.head.head  # "IS claimed responsibility for the attack": the claimer did it
            subj = [c for c in claim.children if c.dep_ == "nsubj"] if claim.lemma_.lower() == "claim" else []
            actor_tok = subj[0] if subj else actor_tok
        noun = tok.head if tok.dep_ == "compound" else tok
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() == "come":
            # "An American base came under rocket fire": the subject is what was fired on
            subj = [c for c in noun.head.head.children if c.dep_ == "nsubj"]
            target_tok = subj[0] if subj else target_tok
        # "carried out a strike", "fired rockets", "launched drones": the verb's subject did it; also through a
        # quantity ("carried out hundreds of raids", "launched a wave of drones")
        carrier = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY_NOUNS:
            carrier = tok.head.head
        if carrier.dep_ in ("dobj", "nsubjpass") and carrier.head.lemma_.lower() in LIGHT_VERBS | LAUNCH_VERBS | {"hit"}:
            verb = carrier.head
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
            if not subj and (controller := _controller(verb)) is not None:
                subj = [controller]  # "police fired 31 rounds and lobbed six tear-gas shells", "forced police to open fire"
            if not subj and verb.dep_ == "pcomp" and (doer := _pcomp_doer(verb)) is not None:
                subj = [doer]  # "criticised the police for opening fire on the crowd"
            if subj:
                actor_tok = (_pobj(subj[0]) if subj[0].dep_ == "agent" else subj[0]) or actor_tok
    for c in children:
        if c.dep_ == "prep":
            word = c.text.lower()
            obj = _pobj(c)
            if obj is None or obj.ent_type_ in TIME_ENTITIES:
                continue  # "the strike on Tuesday": when, not on whom
            if word == "by" and actor_tok is None:
                actor_tok = obj
            elif word in ("against", "on", "targeting") and target_tok is None:
                target_tok = obj
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in STRIKING_VERBS and target_tok is None:
        # "its air strike on Tuesday hit Houthi fighters": what the act hit is its target
        target_tok = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
    if tok.dep_ == "pobj" and tok.head.text.lower() == "by" and tok.head.head.pos_ == "VERB":
        # "our forces were hit by smart bombs": the bombs' verb holds the target
        subj = [c for c in tok.head.head.children if c.dep_ == "nsubjpass"]
        target_tok = target_tok or (subj[0] if subj else None)
    actor = _actor_in(draft, actor_tok, used) if actor_tok is not None else None
    target = _actor_in(draft, target_tok, used) if target_tok is not None else None
    if actor is not None and target is not None and actor.span == target.span:
        target = None
    return actor, target


def _stance_mentions(draft: Draft, sent: SpacySpan, si: int, found: list[Mention]) -> list[Mention]:
    """Verbal mentions told by a statement's stance (``STANCE_EVENTS``), at the head word of its cue, for the
    attributed statements whose cue is in ``sent``; none where a trigger of that type already lies in the cue
    ("has accused ... of" is the trigger "accused" already)."""
    out: list[Mention] = []
    for statement in draft.statements:
        plover_type = STANCE_EVENTS.get(statement.stance)
        cue = statement.cue
        if plover_type is None or cue is None or not statement.attributed or not sent.start_char <= cue.start < sent.end_char:
            continue
        if any(f.plover_type == plover_type and cue.start <= f.token.idx < cue.end for f in [*found, *out]):
            continue
        words = draft.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        head = words.root
        near = {head.i, *(a.i for a in list(head.ancestors)[:2])}
        if head.dep_ in ("advcl", "xcomp", "acl", "relcl"):
            near |= {t.i for t in head.head.subtree}  # the clause it is the aim of: "staged demonstrations to demand"
        if any(f.plover_type == "PROTEST" and f.token.i in near for f in found):
            continue  # "staged demonstrations to demand reforms": the demand is what the protest is for
        out.append(Mention(token=head, plover_type=plover_type, mode=None, weak=False, sent_index=si, told_by=statement))
    return out


def _stance_target(draft: Draft, statement: Statement) -> ActorMention | None:
    """The party a statement's stance points at (``Statement.stance_target``), where its content names it: the
    actor mention there, else a text-only mention of those words."""
    name = statement.stance_target
    if not name:
        return None
    text = draft.report.text
    for fragment in statement.content:
        pos = text.find(name, fragment.start, fragment.end)
        if pos < 0:
            continue
        end = pos + len(name)
        words = draft.doc.char_span(pos, end, alignment_mode="expand")
        if words is not None and len(words) and _trigger_of(words.root) is not None:
            return None  # "condemned the air strike": the act condemned is no party to it
        known = next((a for a in draft.actors if a.span.start < end and pos < a.span.end), None)
        if known is not None:
            return known
        return ActorMention(id=mention_id(draft.report.id, "evac", pos, end), span=draft.span(pos, end), name=name)
    return None


def _speaker_of_cue(draft: Draft, tok: Token) -> ActorMention | None:
    """The resolved speaker of the statement whose cue the verbal trigger is ("A French minister threatened
    ...", "Iran's religious leader Ayatollah Ruhollah Khomeini today rejected ..."): the parse's subject is a
    role noun no actor rule takes, but the statements component has already found and resolved who spoke. A
    personal pronoun speaker gives none: on PolNeAR dev, 2 of the 4 such REJECT events took a wrong name ("he
    would not accept" -> Ted Cruz). A relative "who" is resolved from the parse and stays."""
    statement = next(
        (st for st in draft.statements if st.cue is not None and st.speaker is not None and st.cue.start <= tok.idx < st.cue.end),
        None,
    )
    if statement is None or statement.speaker is None:
        return None
    speaker = statement.speaker
    name = statement.speaker_name or speaker.text
    if speaker.text.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None  # "he refuses": as for a subject pronoun, the events component takes no resolved guess
    known = [a for a in draft.actors if a.actor_id and speaker.start <= a.span.start and a.span.end <= speaker.end]
    if statement.speaker_actor_id:
        known = [a for a in known if a.actor_id == statement.speaker_actor_id] or known
    if known and not statement.speaker_name:
        return known[0]
    root = draft.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    person = root is not None and (root.root.ent_type_ == "PERSON" or root.root.lemma_.lower() in ROLE_NOUNS)
    return ActorMention(
        id=mention_id(draft.report.id, "speaker", speaker.start, speaker.end),
        span=speaker,
        name=name,
        actor_id=statement.speaker_actor_id,
        kind="PERSON" if person else "ORG",
        role=statement.speaker_role,
    )


# fmt: off
# Nouns that count or group acts: "hundreds of raids", "a wave of drones", "a series of explosions".
QUANTITY_NOUNS = {"hundred", "dozen", "thousand", "score", "number", "series", "wave", "barrage", "string", "spate",
                  "volley", "salvo", "round", "couple", "pair", "flurry", "rash"}
# fmt: on

# How many clause heads a subjectless verb climbs for its doer. Not tuned on data: 3 is the deepest chain met in
# the IndiaPoliceEvents errors read ("police intercepted and had to fire 8 rounds": fire -> had -> intercepted).
CONTROL_DEPTH = 3


def _controller(verb: Token) -> Token | None:
    """Who does what a subjectless verb tells: the subject up its chain of xcomp and conj heads, or an
    object-control verb's object ("forcing the police to open fire"); an adverbial clause is crossed once."""
    v = verb
    for _ in range(CONTROL_DEPTH):
        if v.dep_ not in ("conj", "xcomp", "advcl") or v.head is v or v.head.pos_ not in ("VERB", "AUX"):
            return None
        step, v = v.dep_, v.head
        if step == "xcomp" and (obj := next((c for c in v.children if c.dep_ == "dobj"), None)) is not None:
            return obj
        if (subj := next((c for c in v.children if c.dep_ == "nsubj"), None)) is not None:
            return subj
        if step == "advcl":
            return None
    return None


def _pcomp_doer(verb: Token) -> Token | None:
    """Who does a verb governed by a preposition: the accused ("accused the American troops of ... killing",
    "criticised the police for opening fire"), or who turns to the act ("the police resorted to firing")."""
    gov = verb.head.head
    if gov.pos_ != "VERB":
        return None
    obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
    if obj is None and verb.head.lower_ == "to":
        return next((c for c in gov.children if c.dep_ == "nsubj"), None) or _controller(gov)
    return obj


def _nominal(tok: Token) -> bool:
    """A gerund the parse tags a verb but uses as a noun ("killed in police firing"): it takes a noun's participants."""
    return tok.tag_ == "VBG" and tok.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj")


def _is_place(draft: Draft, tok: Token) -> bool:
    """Whether the token lies in a place mention ("Saada" in "the Saada strike"): a place modifying an event
    noun says where it happened, not who did it. Actors and places never share a span (the places
    component skips actor spans), so "the U.S. strike" keeps its actor."""
    return any(p.span.start <= tok.idx < p.span.end for p in draft.places)


def _may_act(draft: Draft, tok: Token) -> bool:
    """A "nationality" modifying an event noun names who acted ("the American strike") when it is a known actor
    or has a demonym's shape; an unknown one that does not is usually a place NER mislabelled ("the Saada strike")."""
    if tok.ent_type_ != "NORP" or DEMONYM_SHAPE.search(tok.text):
        return True
    return any(a.actor_id and a.span.start <= tok.idx < a.span.end for a in draft.actors)


def _armed_target(target: ActorMention | None, sentences: list[str]) -> bool:
    """ACLED's line between an Attack (on civilians) and an Armed clash (on armed actors).

    The target's sector decides when known; a target named by an armed noun ("checkpoint",
    "soldiers") is armed, a civilian noun is not; with no target, an armed noun in the event's
    sentences makes it a clash (ACLED notes like "Taliban attacked an ANA post").
    """
    if target is not None:
        if target.sector in ARMED_SECTORS:
            return True
        if target.sector == Sector.CIVILIAN or CIVILIAN_WORDS.search(target.span.text):
            return False
        if ARMED_WORDS.search(target.span.text):
            return True
    if any(CIVILIAN_WORDS.search(s) for s in sentences):
        return False
    return any(ARMED_WORDS.search(s) for s in sentences)


def _claiming_group(draft: Draft, m: Mention) -> ActorMention | None:
    """In a claim of responsibility, "the group" that did it is the claimant: "a statement circulated by Islamic
    State supporters said the terrorist group carried out the attack" -> Islamic State. Only a definite group
    noun with no name of its own ("the group", "the militant organisation"), or what the group owns ("its
    fighters captured armored vehicles"), only inside a claim."""
    if m.modality != Modality.CLAIMED or m.actor is None or m.actor.actor_id is not None:
        return None
    before = draft.report.text[: m.actor.span.start].split()[-1:]
    owner = (before[0] if before else "").lower()
    head = m.actor.span.text.lower().split()[-1:]
    if not (owner in ("its", "their") or (owner == "the" and head and head[0] in GROUP_NOUNS)):
        return None
    statement = _statement_at(draft, m.start)
    if statement is None or statement.speaker_actor_id is None:
        return None
    claimant = next((a for a in draft.actors if a.actor_id == statement.speaker_actor_id), None)
    if claimant is None:
        return None
    # the words stay the text's ("terrorist group"), so the provenance points where the act is told
    update = {"name": claimant.name, "actor_id": claimant.actor_id, "kind": claimant.kind, "sector": claimant.sector}
    return m.actor.model_copy(update=update)


def _possessive_actor(draft: Draft, m: Mention, sent: SpacySpan) -> ActorMention | None:
    """The owner of a noun act told by a pronoun is its actor: "The Houthis fired missiles at Riyadh. Their drone
    attack ...", "the coalition said its air strike killed 12". Inside a statement whose speaker is a known group,
    "its" / "their" is the speaker (as the stance component reads reported "it"), unless the content names a group
    before it; elsewhere the organisation named last before the pronoun, in its sentence or the one before. The
    actor's span is the pronoun."""
    noun = m.token.head if m.token.dep_ == "compound" else m.token
    if noun.pos_ not in ("NOUN", "PROPN") and not _nominal(noun):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if owner is None:
        return None
    statement = _statement_at(draft, owner.idx)
    groups = [a for a in draft.actors if a.actor_id and a.kind != "PERSON"]
    named = None
    if statement is not None:
        # "Israel said Hamas had launched its rocket attacks": a group the content names first; else the speaker
        fragment = next((c for c in statement.content if c.start <= owner.idx < c.end), None)
        inside = [a for a in groups if fragment is not None and fragment.start <= a.span.start < owner.idx]
        named = inside[-1] if inside else next((a for a in groups if a.actor_id == statement.speaker_actor_id), None)
    if named is None:
        sents = list(draft.doc.sents)
        k = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
        since = sents[k - 1].start_char if k > 0 else sent.start_char
        before = [a for a in groups if since <= a.span.start < owner.idx]
        named = before[-1] if before else None
    if named is None:
        return None
    return ActorMention(
        id=mention_id(draft.report.id, "owner", owner.idx, owner.idx + len(owner)),
        span=draft.span(owner.idx, owner.idx + len(owner)),
        name=named.name,
        actor_id=named.actor_id,
        kind=named.kind,
        sector=named.sector,
    )


def _resolve_possessor(draft: Draft, m: Mention, sent: SpacySpan) -> ActorMention | None:
    """A text-only target owned by a pronoun ("our positions", "its positions") becomes its owner:
    "our" inside a statement is the speaker's organisation; "its"/"their" the nearest organisation
    named before it in the sentence."""
    if m.target is None or m.target.actor_id is not None:
        return None
    head = next((t for t in sent if t.idx == m.target.span.end - len(t.text) and t.idx >= m.target.span.start), None)
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None) if head is not None else None
    if owner is None:
        return None
    if owner.lower_ in ("our", "my"):
        statement = _statement_at(draft, m.start) if m.statement_id else None
        if statement is None:
            return None
        own = [a for a in draft.actors if a.actor_id and a.kind != "PERSON"]
        return next((a for a in own if a.actor_id == statement.speaker_actor_id), None) or next(
            (a for a in own if statement.speaker_affiliation and a.name == statement.speaker_affiliation), None
        )
    before = [a for a in draft.actors if sent.start_char <= a.span.start < owner.idx and a.kind == "ORG" and a.actor_id]
    return before[-1] if before else None


# --------------------------------------------------------------------------- place, time


def _line_of(text: str, pos: int, sent: SpacySpan) -> tuple[int, int]:
    """The part of the sentence on the trigger's line: spaCy runs a headline into the paragraph below it."""
    line_end = text.find("\n", pos)
    return max(sent.start_char, text.rfind("\n", 0, pos) + 1), min(sent.end_char, len(text) if line_end < 0 else line_end)


def _phrase_of(tok: Token) -> Token:
    """The phrase whose places and times are the event's: the noun's own, its governing verb's when the noun is
    that verb's object, or when it is the subject of a verb of impact ("an air strike hit a market in Dahyan")."""
    if tok.dep_ in ("pobj", "dobj", "nsubjpass") and tok.head.lemma_.lower() not in SPEECH_HEADS:
        return tok.head
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in IMPACT_VERBS:
        return tok.head
    return tok


_QUALIFIER_AFTER = re.compile(r"-(?:" + HYPHEN_QUALIFIERS + r"|based)\b")
# Nouns a place name qualifies when it says whose they are ("a Tripoli militia", "the Kabul government").
QUALIFIED_NOUNS = frozenset(
    {"militia", "government", "force", "authority", "police", "army", "official", "administration", "ministry",
     "council", "group", "fighter", "rebel", "brigade", "regime"}
)  # fmt: skip
# Where a speech act took place ("told a news conference in Benghazi"): the speech's place, not the event's.
SPEECH_SETTINGS = frozenset({"conference", "briefing", "interview", "speech", "rally", "summit"})


def _where(draft: Draft, place: Place) -> bool:
    """Whether a place mention can say where something happened: not in a dateline, not a state fused to a
    qualifier of an actor ("Iran-backed militias", "U.S.-led coalition", "the Tripoli-based government"), not a
    name that says whose a group is ("a Tripoli militia"), and not where someone spoke ("told a news
    conference in Benghazi", "said in Benghazi")."""
    text = draft.report.text
    if _in_dateline(text, place.span.start) or _QUALIFIER_AFTER.match(text, place.span.end):
        return False
    span = draft.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in QUALIFIED_NOUNS:
        return False
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in LOCATIVE_PREPS and prep.head.pos_ == "VERB":
        return prep.head.lemma_.lower() not in SPEECH_VERBS  # "said in Benghazi"
    for anc in root.ancestors:  # "a news conference in Benghazi", up to the clause's verb
        if anc.lemma_.lower() in SPEECH_SETTINGS:
            return False
        if anc.pos_ in ("VERB", "AUX"):
            break
    return True


DESCRIPTIVE_TIMES = frozenset({"overnight"})


def _descriptive(time: TimeRef) -> bool:
    return time.expression.strip().lower() in DESCRIPTIVE_TIMES


def _dates_a_day(time: TimeRef) -> bool:
    """A time that says which day, unlike "overnight" (which night is a guess) or "this year"."""
    return not _descriptive(time) and time.precision in (TimePrecision.DAY, TimePrecision.PART_OF_DAY)


LAUNCH_VERBS = frozenset({"launch", "fire", "shoot"})
WIDE_PRECISIONS = frozenset({PlacePrecision.COUNTRY, PlacePrecision.REGION})


def _origin(doc: Doc, place: Place) -> bool:
    """Whether a place is where a projectile was launched from ("fired from an area south of the city")."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    for anc in span.root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ == "from":
            return anc.head.lemma_.lower() in LAUNCH_VERBS
    return False


def _attach_places(draft: Draft, tok: Token, sent: SpacySpan) -> tuple[list[Place], bool]:
    start, end = _line_of(draft.report.text, tok.idx, sent)
    lo, hi = _chars(_phrase_of(tok))
    lo, hi = max(lo, start), min(hi, end)
    attached = [p for p in draft.places if lo <= p.span.start and p.span.end <= hi and _where(draft, p)]
    if attached:
        # "rockets launched from a village near Makhmour hit Erbil": the launch site is not where they struck
        struck = [p for p in attached if not _origin(draft.doc, p)]
        return struck or attached, True
    # A dateline says where the report was filed ("RIYADH (Gulf Wire) - ..."), not where the event was; an event
    # the text places nowhere else takes the report's focus place, the dateline's only when it names no other
    # ("KABUL (Reuters) - A suicide bomber killed five people").
    in_sent = [p for p in draft.places if start <= p.span.start < end and _where(draft, p)]
    return in_sent, False


def _focus_places(draft: Draft, mentions: list[Mention]) -> list[Place]:
    """Where the report's story happens, for events the text places nowhere: the first place below country
    level that a violent mention names ("an air strike hit a market in Dahyan" under a headline's "Yemen
    market strike"), else the first place outside a dateline, else the dateline's."""
    text = draft.report.text
    located = [p for p in draft.places if p.lat is not None and not _QUALIFIER_AFTER.match(text, p.span.end)]
    violent = [m for m in sorted(mentions, key=lambda m: m.start) if m.plover_type in VIOLENT and m.place_attached]
    named = [p for m in violent for p in m.places]
    local = [p for p in named if p.lat is not None and p.precision not in (PlacePrecision.COUNTRY, PlacePrecision.REGION)]
    if local:
        return local[:1]
    return ([p for p in located if not _in_dateline(text, p.span.start)] or located)[:1]


def _in_dateline(text: str, pos: int) -> bool:
    line = text.rfind("\n", 0, pos) + 1
    end = dateline_end(text, line)
    return end is not None and pos < end


def _attach_time(draft: Draft, tok: Token, sent: SpacySpan) -> tuple[TimeRef | None, bool]:
    start, end = _line_of(draft.report.text, tok.idx, sent)
    lo, hi = _chars(_phrase_of(tok))
    lo, hi = max(lo, start), min(hi, end)
    text = draft.report.text
    # a dateline's date ("MOSCOW, March 10 (TASS) - ") is when the report was filed; "said on Tuesday it had
    # targeted ..." is when it was said, even where the parser hangs the time on the reported verb
    times = [t for t in draft.times if not _in_dateline(text, t.span.start) and not _said_when(draft.doc, t)]
    attached = [t for t in times if lo <= t.span.start and t.span.end <= hi]
    if attached:
        return min(attached, key=lambda t: abs(t.span.start - tok.idx)), True
    in_sent = [t for t in times if start <= t.span.start < end and not _dates_the_speech(tok, t)]
    if in_sent:
        return min(in_sent, key=lambda t: abs(t.span.start - tok.idx)), False
    return None, False


def _time_root(doc: Doc, time: TimeRef) -> Token | None:
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _speech_time(doc: Doc, time: TimeRef) -> bool:
    """Whether a time hangs on a speech verb ("said on Tuesday", "on Monday denied ...") before any other verb."""
    root = _time_root(doc, time)
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None) if root is not None else None
    return verb is not None and verb.lemma_.lower() in SPEECH_VERBS


def _said_when(doc: Doc, time: TimeRef) -> bool:
    """A time right after a speech verb and before the subject of the clause reported ("said on Tuesday it had
    targeted the ship"): it dates the saying, wherever the parser hangs it."""
    root = _time_root(doc, time)
    if root is None:
        return False
    speech = speech_before_reported_subject(root.head if root.dep_ == "pobj" else root)
    return speech is not None and speech.lemma_.lower() in SPEECH_VERBS


def _dates_the_speech(tok: Token, time: TimeRef) -> bool:
    """Whether a time of the sentence hangs on a speech verb above the trigger ("RSF on Monday denied shelling
    the market", "accused the army of bombing it"): it dates what was said, not the act."""
    speech = {a.i for a in tok.ancestors if a.lemma_.lower() in SPEECH_VERBS}
    root = _time_root(tok.doc, time) if speech else None
    if root is None:
        return False
    for up in root.ancestors:
        if up.i == tok.i:
            return False
        if up.pos_ in ("VERB", "AUX") and up.lemma_.lower() not in ("be", "have"):
            # the first verb above the time decides: "killed ... on Monday night has risen to three, the service
            # said" dates the killing, not the saying
            return up.i in speech
    return False


# --------------------------------------------------------------------------- modality


def _statement_at(draft: Draft, start: int) -> Statement | None:
    best: Statement | None = None
    for st in draft.statements:
        if not st.attributed:
            continue
        if any(c.start <= start < c.end for c in st.content):
            width = sum(c.end - c.start for c in st.content)
            if best is None or width < sum(c.end - c.start for c in best.content):
                best = st  # the innermost (shortest) statement wins for nested speech
    return best


def _in_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside curly or straight double quotes opened in its paragraph."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _modality(draft: Draft, m: Mention, sent: SpacySpan) -> None:
    tok = m.token
    # "Islamic State claims attack on ...": a headline's claim may hold the act in its cue, not its content
    statement = _statement_at(draft, tok.idx) or next(
        (
            st
            for st in draft.statements
            if st.cue is not None and st.cue.start <= tok.idx < st.cue.end and st.stance == Stance.CLAIM_RESPONSIBILITY
        ),
        None,
    )
    ancestors = list(tok.ancestors)
    chain = [tok, *ancestors]
    hypothetical = False
    for below, t in zip([None, *chain], chain, strict=False):
        if t is not tok and t.lemma_.lower() in INQUIRY_NOUNS:
            break  # "demanded an inquiry into the police firing": what is inquired into happened
        described = below is not None and below.dep_ == "nsubj" and t.lemma_.lower() == "be"
        if not described and any(c.dep_ in ("aux",) and c.lower_ in MODAL_WORDS for c in t.children):
            # "could strike again", "more attacks will follow"; not "last night's attack can in no way be a
            # mistake", where the modal weighs what is said of the act
            hypothetical = True
        if t is not tok and t.lemma_.lower() in HYPOTHETICAL_HEADS:
            hypothetical = True
        if t.dep_ in ("ccomp", "ROOT") and t is not tok:
            break
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in NOUN_HYPOTHETICAL_HEADS:
        hypothetical = True  # "demanded the arrest of", "expect more attacks"
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if tok.pos_ == "NOUN" and before is not None and before.lemma_.lower() in NOUN_HYPOTHETICAL_HEADS:
        hypothetical = True  # "has demanded arrest of ...", whatever the parse made of it
    if _unrealised_infinitive(tok):
        hypothetical = True
    negated = (
        any(c.dep_ == "neg" for c in tok.children)
        or any(c.dep_ == "det" and c.lower_ in ("no",) for c in tok.children)
        or any(c.dep_ in ("nsubj", "nsubjpass") and _nobody(c) for c in tok.children)
    )
    if tok.dep_ in ("acl", "relcl") and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.head.children):
        negated = True  # "it had no aircraft striking in the area"
    # a deny verb counts when it is in the same voice: outside any statement, or inside the trigger's own
    # ("P.M.F. officials say an air strike killed them, the coalition denied it": the strike is alleged)
    voice = [a for a in ancestors[:3] if statement is None or any(c.start <= a.idx < c.end for c in statement.content)]
    under_deny = any(a.lemma_.lower() in ("deny", "refute", "dismiss") for a in voice)
    root = sent.root
    if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in DENIAL_PREDICATES for c in root.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and tok in c.subtree for c in root.children
    ):
        under_deny = True
    alleged_adv = any(c.lower_ in ("allegedly", "reportedly", "purportedly") for c in tok.children) or any(
        t.lower_ in ("allegedly", "reportedly", "purportedly") for t in sent if abs(t.i - tok.i) <= 3
    )
    reporting = next((a for a in ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
    if statement is not None:
        m.statement_id = statement.id
    if m.plover_type in VERBAL:
        m.modality = Modality.HYPOTHETICAL if hypothetical and m.plover_type != "THREATEN" else Modality.AUTHOR
        if statement is not None:
            m.modality = Modality.ALLEGED
        return
    if hypothetical:
        m.modality = Modality.HYPOTHETICAL
    elif negated or under_deny:
        m.modality = Modality.DENIED
    elif statement is not None:
        if statement.stance == Stance.DENY:
            m.modality = Modality.DENIED
        elif statement.stance == Stance.CLAIM_RESPONSIBILITY:
            m.modality = Modality.CLAIMED
        else:
            m.modality = Modality.ALLEGED
    elif reporting is not None and reporting.lemma_.lower() == "claim" and _claims_own_act(reporting, m):
        m.modality = Modality.CLAIMED
    elif alleged_adv or reporting is not None or _in_quotes(draft.report.text, tok.idx):
        m.modality = Modality.ALLEGED
    else:
        m.modality = Modality.AUTHOR


def _unrealised_infinitive(tok: Token) -> bool:
    """An act told only as an infinitive under a head that does not make it happen: "sent teams to apprehend
    Bilal", "powers to make arrests", "finding it difficult to arrest him"; not "had to open fire" nor "forced
    the police to fire" (``IMPLICATIVE_HEADS``). A noun trigger counts through its light verb ("to make
    arrests", "to open fire")."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS else tok
    if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False  # "for the police to have fired": a clause of its own
    head = verb.head
    return head is not verb and head.lemma_.lower() not in IMPLICATIVE_HEADS


def _nobody(subject: Token) -> bool:
    """ "nobody", "no one", "not a single activist", "not one of them": a subject that names no one."""
    if subject.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        return True
    words = [t.lower_ for t in subject.subtree][:3]
    return words[:1] == ["not"] and ("single" in words or "one" in words)


def _claims_own_act(verb: Token, m: Mention) -> bool:
    """ "they claimed that they had conducted strikes": the claimer is (by pronoun or name) the actor."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    if m.actor is None:
        return True
    s = subj[0]
    return (
        s.lower_ in ("they", "it", "he", "she", "we")
        or s.text in m.actor.span.text
        or m.actor.name in " ".join(t.text for t in s.subtree)
    )


# --------------------------------------------------------------------------- merging


def _with_following_tolls(
    draft: Draft, sents: list[SpacySpan], sent_tolls: dict[int, list[Toll]], mentioned: set[int]
) -> dict[int, list[Toll]]:
    """Each sentence's tolls, plus those of the next sentence when it goes on about the same event: it names no
    event and no time of its own, in the same paragraph ("The death toll ... has risen to 53, the UN said.
    More than 130 people were wounded.")."""
    text = draft.report.text
    out = {si: list(tolls) for si, tolls in sent_tolls.items()}
    for si in sorted(mentioned):
        nxt = si + 1
        if nxt >= len(sents) or nxt in mentioned or not sent_tolls.get(nxt):
            continue
        if "\n" in text[sents[si].start_char : sents[nxt].start_char]:
            continue
        if any(sents[nxt].start_char <= t.span.start < sents[nxt].end_char for t in draft.times):
            continue
        out[si] = out[si] + sent_tolls[nxt]
    return out


def _toll_owners(draft: Draft, groups: list[list[Mention]], sent_tolls: dict[int, list[Toll]]) -> dict[tuple[int, int], int]:
    """Which violent event a toll belongs to, where its sentence tells several ("two persons were stabbed to
    death and the police fired in the air"): the event whose trigger the smallest phrase around the toll
    holds, the nearest one if it holds several. A toll in a sentence of one violent event is everyone's, as
    before (absent from the map)."""
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    for gi, group in enumerate(groups):
        if group[0].plover_type in VIOLENT:
            for m in group:
                by_sentence.setdefault(m.sent_index, []).append((gi, m))
    owners: dict[tuple[int, int], int] = {}
    for si, members in by_sentence.items():
        if len({gi for gi, _ in members}) < 2:
            continue
        for toll in sent_tolls.get(si, []):
            span = draft.doc.char_span(toll.start, toll.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            word = span.root
            for phrase in (word, *word.ancestors):
                inside = [(gi, m) for gi, m in members if phrase.left_edge.i <= m.token.i <= phrase.right_edge.i]
                if inside:
                    owners[(toll.start, toll.end)] = min(inside, key=lambda c: abs(c[1].token.i - word.i))[0]
                    break
    return owners


def _compatible(a: Mention, b: Mention) -> bool:
    if a.plover_type != b.plover_type:
        return False
    if a.plover_type in VERBAL:
        return _speaker_key(a) == _speaker_key(b)
    if (a.separate or b.separate) and not (a.actor and b.actor and _same_party(a.actor, b.actor)):
        return False  # "12 were killed by the rioters" beside "police firing": another act, by another doer
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if _voice(a.modality) != _voice(b.modality):
        return False  # "expect more attacks", a denial or a rival claim is not the allegation itself
    if a.actor and b.actor and _rival(a, b):
        return False  # rival perpetrators are rival accounts, kept apart for the contradiction stage
    if a.time is None or b.time is None or a.time.start is None or b.time.start is None:
        return True
    # "overnight" in a headline says what kind of attack it was; the day it resolves to is a guess
    return a.time.start.date() == b.time.start.date() or _descriptive(a.time) or _descriptive(b.time)


def _same_party(a: ActorMention, b: ActorMention) -> bool:
    """Whether two actor mentions name one party: the same knowledge-base id, else the same name."""
    if a.actor_id or b.actor_id:
        return a.actor_id == b.actor_id
    return _party_name(a.name) == _party_name(b.name)


def _party_name(name: str) -> str:
    """A text-only actor's name without its article or possessive and plural ending ("the rioters" = "rioter")."""
    return re.sub(r"^(?:the|its|their|our)\s+|s$", "", name.lower().strip())


def _speaker_key(m: Mention) -> str | None:
    """Who a verbal mention is by: the knowledge-base id when known (name variants of one person), else the name."""
    return (m.actor.actor_id or m.actor.name) if m.actor else None


def _voice(modality: Modality) -> Modality:
    """Modalities that tell the same happening: the author's account and an allegation merge."""
    return Modality.ALLEGED if modality == Modality.AUTHOR else modality


def _rival(a: Mention, b: Mention) -> bool:
    """Different known actors, or different actor names told by different sources."""
    assert a.actor is not None and b.actor is not None
    if a.actor.actor_id and b.actor.actor_id:
        return a.actor.actor_id != b.actor.actor_id
    if a.actor.actor_id or b.actor.actor_id:
        return False  # a text-only actor ("American") cannot contradict a known one
    if a.statement_id == b.statement_id:
        return False
    return _party_name(a.actor.name) != _party_name(b.actor.name)


def _specificity(m: Mention) -> tuple[int, int, int, int]:
    return (0 if m.weak else 1, 1 if m.mode else 0, 1 if m.actor or m.target else 0, -m.start)


def _merge(mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: (-_specificity(m)[0], -_specificity(m)[1], m.start)):
        for g in groups:
            if all(_compatible(m, o) for o in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


# --------------------------------------------------------------------------- component


class EventComponent:
    name = "rashomon.events.v1"
    requires: tuple[str, ...] = ("doc", "actors", "times", "places", "statements")
    assigns: tuple[str, ...] = ("events",)

    def configure_nlp(self, nlp: Language) -> None:
        return None

    def __call__(self, draft: Draft) -> None:
        doc = draft.doc
        text = draft.report.text
        sents = list(doc.sents)
        used: dict[int, ActorMention] = {}
        mentions: list[Mention] = []
        sent_tolls: dict[int, list[Toll]] = {}
        for si, sent in enumerate(sents):
            sent_tolls[si] = find_tolls(sent.text, sent.start_char)
            found: list[Mention] = []
            for tok in sent:
                entry = _trigger_of(tok)
                if entry is None:
                    continue
                if any(tok.i in range(f.token.i - 1, f.token.i + 2) and f.plover_type == entry[0] for f in found):
                    continue  # "air strike" / "car bomb": one trigger per compound
                m = Mention(token=tok, plover_type=entry[0], mode=entry[1], weak=entry[2], sent_index=si)
                _refine(m, sent.text, text)
                found.append(m)
            found.extend(_stance_mentions(draft, sent, si, found))
            for f in found:
                f.actor, f.target = _participants(draft, f.token, used)
            strong = [f for f in found if not f.weak and f.plover_type in VIOLENT]
            for f in found:
                if f.weak and strong:
                    # "killing", "hit" next to an air strike in the same sentence: the same event, unless the weak
                    # word has a doer of its own that none of the strong ones has ("while six were injured in police
                    # firing, 12 were killed by the rioters"): then it is another act, kept apart with its toll
                    if f.actor is None or any(o.actor is not None and _same_party(o.actor, f.actor) for o in strong):
                        continue
                    f.separate = True
                if f.told_by is not None:
                    # a stance's speaker, resolved across the report ("said" -> Abu Ala al-Welayi), not the parse's
                    # subject, so that one speaker's accusations merge
                    f.actor = _speaker_of_cue(draft, f.token) or f.actor
                elif f.plover_type in VERBAL and (f.actor is None or f.actor.actor_id is None):
                    # "The commander of an Iranian-backed unit has accused ...": the parse's subject is a description
                    # the statements component has resolved to the person named below
                    spoken = _speaker_of_cue(draft, f.token)
                    if f.actor is None or (spoken is not None and spoken.actor_id is not None):
                        f.actor = spoken
                if f.target is None and f.told_by is not None:
                    f.target = _stance_target(draft, f.told_by)
                f.places, f.place_attached = _attach_places(draft, f.token, sent)
                f.time, f.time_attached = _attach_time(draft, f.token, sent)
                _modality(draft, f, sent)
                f.actor = _claiming_group(draft, f) or f.actor or _possessive_actor(draft, f, sent)
                f.target = _resolve_possessor(draft, f, sent) or f.target
                mentions.append(f)
            # "has blamed the United States": a state that acts or is acted on in the sentence is no event's place
            # but a town that was hit ("the rockets that hit Erbil") is where it happened; a known actor or a whole
            # country that was hit is who suffered it
            actors = [(p.span.start, p.span.end) for f in found if (p := f.actor) is not None]
            targets = [p for f in found if (p := f.target) is not None]
            for f in found:
                kept = [
                    p
                    for p in f.places
                    if not any(a < p.span.end and p.span.start < b for a, b in actors)
                    and not any(
                        t.span.start < p.span.end
                        and p.span.start < t.span.end
                        and (t.actor_id is not None or p.precision is None or p.precision in WIDE_PRECISIONS)
                        for t in targets
                    )
                ]
                f.place_attached = f.place_attached and bool(kept)
                f.places = kept
        mentions = [m for m in mentions if self._worth_keeping(m, sent_tolls)]
        focus_places = _focus_places(draft, mentions)
        # The report's focus time is the time of its first violent mention that has one ("bombarded on
        # Monday"), not the first date in the text, which is often when someone spoke ("said on Tuesday").
        violent_times = [m.time for m in sorted(mentions, key=lambda m: m.start) if m.plover_type in VIOLENT and m.time]
        # failing that, the first date that does not date a speech act ("on Monday denied shelling ...")
        undated = next(
            (
                t
                for t in draft.times
                if t.start is not None
                and not _speech_time(doc, t)
                and not _in_dateline(text, t.span.start)
                and not _said_when(doc, t)
            ),
            None,
        )
        focus_time = next((t for t in violent_times if t.start is not None), undated)
        event_tolls = _with_following_tolls(draft, sents, sent_tolls, {m.sent_index for m in mentions})
        groups = _merge(mentions)
        owners = _toll_owners(draft, groups, sent_tolls)
        for gi, group in enumerate(groups):
            own = {si: [t for t in tolls if owners.get((t.start, t.end), gi) == gi] for si, tolls in event_tolls.items()}
            draft.events.append(self._event(draft, group, sents, own, focus_places, focus_time))
        self._named_victims(draft, sents)

    @staticmethod
    def _worth_keeping(m: Mention, sent_tolls: dict[int, list[Toll]]) -> bool:
        """Weak, bare mentions ("we have fought", "the incident") are kept only with a participant, place, time or toll."""
        if m.plover_type in VERBAL:
            return m.actor is not None
        if not m.weak:
            return True
        return bool(m.actor or m.target or m.place_attached or m.time_attached or sent_tolls.get(m.sent_index))

    def _event(
        self,
        draft: Draft,
        group: list[Mention],
        sents: list[SpacySpan],
        sent_tolls: dict[int, list[Toll]],
        focus_places: list[Place],
        focus_time: TimeRef | None,
    ) -> Event:
        main = max(group, key=_specificity)
        ordered = [main, *sorted((g for g in group if g is not main), key=lambda g: g.start)]
        actor = next((g.actor for g in ordered if g.actor), None)
        target = next((g.target for g in ordered if g.target), None)
        places: list[Place] = []
        for g in ordered:
            for p in g.places if (g.place_attached or not any(o.place_attached for o in group)) else []:
                if all(p.span != q.span for q in places) and all(p.name != q.name for q in places):
                    places.append(p)
        if not places and main.plover_type not in VERBAL:
            places = list(focus_places)
        # a resolved time before an unresolved one ("on Sunday" before "every day for a week")
        attached = [g.time for g in ordered if g.time and g.time_attached]
        # "overnight" describes an attack ("after overnight drone attack") and dates it only when nothing else does,
        # not even a time elsewhere in a sentence of the event ("killed in a drone attack ... on Monday night");
        # ISAF's releases are read the same way (evaluation/isaf.py)
        if any(_descriptive(t) for t in attached):
            nearby = [g.time for g in ordered if g.time and not g.time_attached and _dates_a_day(g.time)]
            attached = [t for t in attached if _dates_a_day(t)] or nearby[:1] or attached
        time = next((t for t in attached if t.start is not None), attached[0] if attached else None)
        if time is None and main.plover_type not in VERBAL:
            # a speech act keeps only its own time: "accused ... of killing ... last night" dates the killing
            time = next((g.time for g in ordered if g.time), None) or focus_time
        killed = wounded = Casualties()
        if main.plover_type in VIOLENT:
            tolls = [t for si in sorted({g.sent_index for g in group}) for t in sent_tolls.get(si, [])]
            killed = self._casualties(draft, combine(tolls, "killed"))
            wounded = self._casualties(draft, combine(tolls, "wounded"))
        quals = set().union(*(g.qualifiers for g in group))
        if _armed_target(target, [sents[g.sent_index].text for g in ordered]):
            quals.add("armed_target")
        if actor is not None and actor.sector in STATE_SECTORS:
            quals.add("state_actor")
        mode = main.mode or next((g.mode for g in ordered if g.mode), None)
        acled = acled_for(main.plover_type, mode, quals)
        trig = draft.span(main.start, main.end)
        return Event(
            id=mention_id(draft.report.id, "ev", main.start, main.end),
            trigger=trig,
            plover_type=main.plover_type,
            plover_mode=mode,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
            actor=actor,
            target=target,
            places=tuple(places),
            time=time,
            killed=killed,
            wounded=wounded,
            modality=main.modality,
            statement_id=main.statement_id,
            mentions=tuple(draft.span(g.start, g.end) for g in sorted(group, key=lambda g: g.start)),
        )

    @staticmethod
    def _casualties(draft: Draft, toll: Toll | None) -> Casualties:
        if toll is None:
            return Casualties()
        return Casualties(min=toll.min, max=toll.max, span=draft.span(toll.start, toll.end))

    @staticmethod
    def _named_victims(draft: Draft, sents: list[SpacySpan]) -> None:
        """Attach PERSONs said to be among the dead to the report's main violent event."""
        violent = [i for i, e in enumerate(draft.events) if e.plover_type in VIOLENT]
        if not violent:
            return
        victims: list[NamedVictim] = []
        text = draft.report.text
        for sent in sents:
            if not VICTIM_CUES.search(sent.text):
                continue
            people = [(e.start_char, e.end_char) for e in sent.ents if e.label_ == "PERSON"]
            people += [
                (a.span.start, a.span.end)
                for a in draft.actors
                if a.kind == "PERSON" and sent.start_char <= a.span.start < sent.end_char
            ]
            for start, end in sorted(set(people)):
                role = victim_role(text[end : sent.end_char])
                if role is None:
                    continue
                if any(v.span.start == start for v in victims):
                    continue
                victims.append(NamedVictim(name=text[start:end], role=role, span=draft.span(start, end)))
        if not victims:
            return
        main_i = max(violent, key=lambda i: (draft.events[i].killed.min or 0, -draft.events[i].trigger.start))
        main = draft.events[main_i]
        draft.events[main_i] = main.model_copy(update={"named_victims": tuple(victims)})
