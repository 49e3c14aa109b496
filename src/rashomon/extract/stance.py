"""Stance of a statement towards the event it is about, and the party it points at.

Rules, in order of precedence, over the cue, the words around it and the content's parse:

1. the cue or its frame names the act: "denied", "rejected" -> deny; "accused ... of", "blamed",
   "alleged" -> accuse; "claimed responsibility" -> claim_responsibility; "confirmed" -> confirm;
   "warned", "threatened", "vowed" -> threaten; "demanded", "called for", "urged" -> demand;
2. the content negates an act or an allegation ("No Coalition strikes there", "did not carry out",
   "allegations ... are inaccurate") -> deny;
3. the content names who did a violent act ("was bombarded by the Americans", "X carried out the
   attack"): the speaker's own side -> claim_responsibility; another party, when the speaker's side
   is the victim -> accuse, otherwise -> attribute;
4. a content that states something else -> assert; no content clause -> other.

``stance_target`` is the party accused, credited or denied for, as the text names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rashomon.extract.datelines import dateline_end
from rashomon.extract.quotes_rules import REPORT_VERBS
from rashomon.model import Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DENY_CUES = {"deny", "reject", "dismiss", "refute", "rebut", "disavow", "dispute"}
ACCUSE_CUES = {"accuse", "blame", "allege", "charge", "condemn", "hold", "criticize", "criticise", "denounce"}
CONFIRM_CUES = {"confirm", "acknowledge", "admit", "verify", "concede"}
THREATEN_CUES = {"threaten", "warn", "vow", "pledge"}
# fmt: off
DEMAND_CUES = {"demand", "urge", "call", "ask", "insist", "appeal"}
CLAIM_CUES = {"claim"}
VIOLENT_VERBS = {
    "attack", "bomb", "bombard", "strike", "kill", "shell", "target", "hit", "shoot", "fire", "raid", "carry",
    "conduct", "launch", "destroy", "murder", "execute", "assassinate", "ambush", "behead", "capture", "storm",
    "massacre", "slaughter", "blow", "detonate", "injure", "wound", "perpetrate", "stage", "mount", "orchestrate",
    "plant",
}
VIOLENT_NOUNS = {"strike", "strikes", "attack", "attacks", "bombing", "airstrike", "airstrikes", "raid", "raids",
                 "shelling", "operation", "operations", "killing", "killings", "assault"}
FALSE_WORDS = {"inaccurate", "false", "untrue", "baseless", "groundless", "fabricated", "lies", "lie", "unfounded",
               "nonsense", "wrong", "incorrect", "fake", "staged", "provocation", "fabrication", "propaganda", "hoax"}
CRIME_WORDS = re.compile(r"\b(?:(?:war )?crimes?|massacre|terroris[mt]\w*|genocide|atrocit(?:y|ies)|murder)\b", re.IGNORECASE)
THREAT_WORDS = re.compile(r"\b(unpunished|retaliat\w*|aveng\w*|revenge|pay a (heavy )?price|will pay|crush|punish\w*)\b")
ANAPHORIC_GROUPS = {"group", "organization", "organisation", "movement"}
NEGATIVE_SUBJECTS = {"none", "nobody", "neither"}
HARM_WORDS = {"casualties", "civilian", "civilians"}
# Words of a state body's name ("Iraqi Army", "Ministry of Defence", "police"); "forces" is not one of
# them (Popular Mobilization Forces, Syrian Democratic Forces).
STATE_WORDS = {"army", "military", "police", "ministry", "government", "coalition", "command", "defence", "defense",
               "authorities", "interior", "armed", "navy", "pentagon", "kremlin"}
SELF_REFERENCES = {"we", "us", "our", "ours", "i", "my"}
# Pronouns by which reported (not quoted) speech names its own speaker: "the group said it had ...".
# "he"/"she" only when the speaker is a person: "police said he shot three people" names a suspect, while
# "the commander said he had shelled the village" is the commander's own act.
REPORTED_SELF = {"it", "they"}
PERSON_SELF = {"he", "she"}
# fmt: on
# "his fighters", "its positions": in a speaker's own words these point back at the speaker's side.
POSSESSIVES = {"his", "her", "its", "their"}
GROUP_SELF = re.compile(
    r"^(the|its|their|our)\b.*\b(group|organi[sz]ation|fighters|militants|movement|forces|men|soldiers|mujahideen)$"
)
RESPONSIBILITY = re.compile(r"\b(responsib|claim(ed)? (the|this) attack|behind the|carried out)", re.I)


@dataclass(frozen=True)
class StanceResult:
    stance: Stance
    target: str | None = None


def _np(tok: Token) -> str:
    """The noun phrase a token heads, without leading determiners and trailing punctuation."""
    words = [t for t in tok.subtree if t.dep_ not in {"relcl", "acl", "punct"} or t.i == tok.i]
    start = min(t.i for t in words)
    # never back into the paragraph's dateline: "ODESA, Ukraine - Russian forces attacked" names Russian forces
    line = tok.doc.text.rfind("\n", 0, tok.doc[start].idx) + 1
    cut = dateline_end(tok.doc.text, line)
    if cut is not None and tok.doc[start].idx < cut <= tok.idx:
        start = next(t.i for t in tok.doc[start : tok.i + 1] if t.idx >= cut)
    span = tok.doc[start : max(t.i for t in words) + 1]
    return re.sub(r"^(the|a|an|no)\s+", "", span.text.strip(" ,.;:\"“”'"), flags=re.I).strip()


def _head_np(tok: Token) -> str:
    """The noun phrase up to its head word: "the American troops of colluding ..." -> "American troops"."""
    start = min([tok.i, *(t.i for c in tok.lefts for t in c.subtree)])
    return _np_text(tok.doc[start : tok.i + 1].text)


def _np_text(text: str) -> str:
    return re.sub(r"^(the|a|an|no)\s+", "", text.strip(" ,.;:\"“”'"), flags=re.I).strip()


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in {"no", "never"} for c in tok.children):
        return True
    # "No Coalition strikes there": the parser reads "strikes" as a verb whose subject says "no"
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in subj.children):
        return True
    if subj is not None and subj.lower_ in NEGATIVE_SUBJECTS:  # "none of its jets struck the market"
        return True
    # "it had no aircraft striking in the area": the act qualifies a noun that says "no"
    if tok.dep_ in {"acl", "relcl"} and any(c.lower_ == "no" and c.dep_ == "det" for c in tok.head.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in {"never"} for c in tok.children)


def _agent_of(verb: Token) -> Token | None:
    """Doer of a violent verb: ``by X`` in the passive, else the subject."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _patient_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubjpass", "dobj"}:
            return child
    return None


def _words(text: str) -> set[str]:
    """Comparable words: lower case, dots and brackets dropped ("(K.S.S.)" -> "kss")."""
    return {w.replace(".", "") for w in re.findall(r"\w[\w.'’]*", text.lower())}


@dataclass(frozen=True)
class SpeakerSide:
    """Who "we", "our" and "the group" are in a statement: the speaker's name words, and whether the speaker is
    a state body (an army's "the group" is its enemy, not itself)."""

    keys: frozenset[str]
    state: bool
    person: bool = False  # the speaker is a person: reported "he"/"she" may be the speaker


def _anaphoric_group(tok: Token) -> bool:
    """ "the (terrorist) group", with no name in it."""
    return (
        tok.lower_ in ANAPHORIC_GROUPS
        and any(c.lower_ == "the" for c in tok.children)
        and not any(t.pos_ == "PROPN" for t in tok.subtree)
    )


def _is_self(tok: Token, side: SpeakerSide) -> bool:
    """Whether a noun phrase is the speaker's own side. Only the phrase up to its head and its "of" phrase count:
    "an Israeli strike on one of its schools" is no strike of the school's owner, and "... in central Gaza" no
    act of a Gaza body."""
    # the words up to the head, and its "of" phrase, which names the owner ("the positions of K.S.S.",
    # "none of its jets"); not its other phrases
    owners = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    head_words = [t for t in tok.subtree if t.i <= tok.i] + [t for c in owners for t in c.subtree]
    low = _np_text(" ".join(t.text for t in sorted(head_words, key=lambda t: t.i))).lower()
    # "the (terrorist) group", "the group's fighters" in a group's own statement are the group itself
    if not side.state and (_anaphoric_group(tok) or any(t.dep_ == "poss" and _anaphoric_group(t) for t in tok.children)):
        return True
    if any(t.lower_ in SELF_REFERENCES and t.text != "US" for t in head_words):
        return True  # "we", "our"; "the US" is the United States, whatever its lower case says
    if any(t.dep_ == "poss" and t.lower_ in POSSESSIVES for t in head_words):
        return True
    if GROUP_SELF.match(low):
        return True
    return bool(side.keys and _words(low) & side.keys)


def _speaker_side(names: Sequence[str | None], person: bool = False) -> SpeakerSide:
    stop = {"the", "of", "al", "state", "forces", "group", "supporters", "and", "a"}
    keys: set[str] = set()
    words: set[str] = set()
    for name in names:
        if name:
            words |= _words(name)
            keys |= {w for w in _words(name) if len(w) > 2 and w not in stop}
    return SpeakerSide(frozenset(keys), bool(words & STATE_WORDS), person)


def classify(
    doc: Doc,
    cue: tuple[int, int] | None,
    content: Sequence[tuple[int, int]],
    speaker_names: Sequence[str | None] = (),
    direct: bool = False,
    person: bool = False,
) -> StanceResult:
    """Stance of one statement; ``cue`` and ``content`` are token ranges of ``doc``; ``direct`` when the
    content is quoted (the speaker's own words, where "it" and "they" are others); ``person`` when the
    speaker is a person (whose reported "he"/"she" may be the speaker)."""
    side = _speaker_side(speaker_names, person)
    cue_tokens = list(doc[cue[0] : cue[1]]) if cue else []
    cue_lemmas = {t.lemma_.lower() for t in cue_tokens}
    frame = doc[cue_tokens[0].sent.start : cue_tokens[0].sent.end] if cue_tokens else None
    content_tokens = [t for s, e in content for t in doc[s:e]]
    content_ids = {t.i for t in content_tokens}

    def outside_object(verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"} and child.i not in content_ids:
                return _head_np(child)
        return None

    # 1. the cue names the act
    # "claimed the attack", "claims attack on ..." (a headline, where the tagger may take the act into the cue)
    claimed_act = any(t.lower_ in VIOLENT_NOUNS | {"responsibility"} for t in [*content_tokens[:3], *cue_tokens])
    if cue_lemmas & {"claim"} and frame is not None and (RESPONSIBILITY.search(frame.text) or claimed_act):
        return StanceResult(Stance.CLAIM_RESPONSIBILITY, _credited(content_tokens, side, speaker_names))
    if cue_lemmas & DENY_CUES:
        return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))
    if cue_lemmas & ACCUSE_CUES and not (cue_lemmas & {"hold"} and "responsible" not in (frame.text if frame else "")):
        target = next((outside_object(t) for t in cue_tokens if outside_object(t)), None)
        if target is None:  # "accused the American troops of ...": the object, wherever the tagger put it
            target = next((_head_np(c) for t in cue_tokens for c in t.children if c.dep_ == "dobj"), None)
        target = target or _doer(content_tokens, side, direct)[0]
        if target is None:  # "alleged that the U.S. forces support ...": whom the allegation is about
            subj = next((t for t in content_tokens if t.dep_ == "nsubj" and t.head.i in content_ids), None)
            if subj is not None and subj.pos_ != "PRON" and not _is_self(subj, side):
                target = _head_np(subj)
        return StanceResult(Stance.ACCUSE, target)
    if cue_lemmas & CONFIRM_CUES:
        return StanceResult(Stance.CONFIRM, _doer(content_tokens, side, direct)[0])
    if cue_lemmas & THREATEN_CUES:
        return StanceResult(Stance.THREATEN, _threatened(content_tokens))
    question = bool(content_tokens) and content_tokens[0].lower_ in {"whether", "if", "who", "what", "why", "how", "when"}
    if cue_lemmas & {"ask", "wonder", "question"} and question:
        return StanceResult(Stance.OTHER, None)
    if cue_lemmas & {"call"} and CRIME_WORDS.search(" ".join(t.text for t in content_tokens)):
        # "calling it a war crime", "called the strike a massacre": a label, not a demand
        return StanceResult(Stance.ACCUSE, None)
    if cue_lemmas & {"call"} and any(t.lower_ in FALSE_WORDS for t in content_tokens):
        return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))  # "called the reports baseless"
    if cue_lemmas & DEMAND_CUES and not (cue_lemmas & {"ask"} and question):
        return StanceResult(Stance.DEMAND, None)
    if not content_tokens:
        return StanceResult(Stance.OTHER, None)
    # "said that Sudan must return the helicopter": an obligation laid on another party is a demand (CAMEO 10),
    # one the speaker lays on itself ("we must defend our land") is not
    obliged = _obliged(content_tokens, content_ids)
    if obliged is not None and not _is_self(obliged, side):
        return StanceResult(Stance.DEMAND, _head_np(obliged))

    # 2. negation of an act or of an allegation
    for tok in content_tokens:
        low = tok.lower_
        if tok.lemma_.lower() in VIOLENT_VERBS and tok.pos_ in {"VERB", "AUX"} and _negated(tok):
            return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))
        if low in VIOLENT_NOUNS and _negated(tok):
            return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))
        if low in FALSE_WORDS:
            return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))
        if low in {"allegations", "claims", "accusations", "reports"} and any(t.lower_ in FALSE_WORDS for t in content_tokens):
            return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))

    # harm to civilians negated: "not aware of any civilian casualties", "no civilians were hurt"
    words = {t.lower_ for t in content_tokens}
    if words & HARM_WORDS and any(t.dep_ == "neg" or t.lower_ in {"no", "none", "never"} for t in content_tokens):
        return StanceResult(Stance.DENY, _denied_for(content_tokens, speaker_names))

    # threats in the speaker's own words: "will not go unpunished", "will retaliate", "will pay"
    content_text = " ".join(t.lower_ for t in content_tokens)
    if THREAT_WORDS.search(content_text) and any(t.lower_ in {"will", "would", "shall", "'ll"} for t in content_tokens):
        return StanceResult(Stance.THREATEN, _threatened(content_tokens))

    # 3. who did it: "hold X responsible", "blame X", "X was behind / responsible for"
    for tok in content_tokens:
        lemma = tok.lemma_.lower()
        if lemma in {"hold", "blame"} and tok.pos_ == "VERB":
            obj = _held(tok)
            responsible = "responsible" in [t.lower_ for t in tok.subtree] or lemma == "blame"
            if obj is not None and obj.i in content_ids and responsible:
                return StanceResult(Stance.ACCUSE, _np(obj))
        if tok.lower_ in {"responsible", "behind"} and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ in {"WP", "WDT"}:
                continue  # "did not say who was responsible": a question, nobody is named
            if subj is not None and subj.i in content_ids:
                if _is_self(subj, side):
                    return StanceResult(Stance.CLAIM_RESPONSIBILITY, _credited(content_tokens, side, speaker_names))
                return StanceResult(Stance.ATTRIBUTE, _np(subj))
    if RESPONSIBILITY.search(" ".join(t.text for t in content_tokens)) or any(
        t.lemma_.lower() in VIOLENT_VERBS for t in content_tokens
    ):
        doer, own_side, victim_is_self = _doer(content_tokens, side, direct)
        if doer is not None:
            if own_side:
                return StanceResult(Stance.CLAIM_RESPONSIBILITY, _credited(content_tokens, side, speaker_names))
            return StanceResult(Stance.ACCUSE if victim_is_self else Stance.ATTRIBUTE, doer)
    if cue_lemmas & CLAIM_CUES:
        return StanceResult(Stance.ASSERT, None)
    return StanceResult(Stance.ASSERT, None)


# What air defences bring down: "shot down 30 of the 35 drones", "destroyed two missiles" defend, they attack nothing.
INTERCEPT_VERBS = frozenset({"intercept", "down"})
# Verbs that bring down what they take as object; "fired rockets", "launched drones" are the attack itself.
DEFENCE_VERBS = frozenset({"destroy", "neutralise", "neutralize", "eliminate", "foil", "repel", "repulse"})
PROJECTILES = frozenset({"drone", "missile", "rocket", "projectile", "uav", "shahed", "shell"})


def is_interception(tok: Token) -> bool:
    """Whether a violent-looking verb brings down what was fired ("shot down", "destroyed ... drones")."""
    # "shot down" (the parser makes "down" a particle or an adverb)
    if tok.lemma_.lower() in INTERCEPT_VERBS or any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in tok.children):
        return True
    if tok.lemma_.lower() not in DEFENCE_VERBS:
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in objects for g in c.children if c.lemma_.lower() in {"some", "all", "most"} or c.like_num]
    objects += [p for c in objects for prep in c.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    return any(o.lemma_.lower() in PROJECTILES for o in objects)


def _doer(tokens: Sequence[Token], side: SpeakerSide, direct: bool) -> tuple[str | None, bool, bool]:
    """(doer, doer is the speaker's side, victim is the speaker's side) of the first violent act."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.lemma_.lower() not in VIOLENT_VERBS or tok.pos_ not in {"VERB"} or is_interception(tok):
            continue
        agent = _agent_of(tok)
        if agent is None or agent.i not in ids or agent.lower_ in {"who", "which", "that"}:
            continue
        if agent.like_num:
            continue  # a headline's "47 killed" counts the dead, it names no killer
        if agent.lemma_.lower() in PROJECTILES:
            continue  # "a vessel was hit by a projectile": the weapon, not who fired it
        doer = _np(agent)
        patient = _patient_of(tok)
        victim_self = patient is not None and _is_self(patient, side)
        # "the group said that it had carried out the attack", "the Houthis said they had targeted a ship": in
        # reported speech "it"/"they" as the doer is the speaker, unless someone else speaks in between
        # ("..., while the coalition said it had struck Houthi fighters"); in a quote they are others
        nested = any(a.i in ids and a.lemma_.lower() in REPORT_VERBS for a in tok.ancestors)
        reported_self = REPORTED_SELF | (PERSON_SELF if side.person else set())
        own = (agent.lower_ in reported_self and not nested and not direct) or _is_self(agent, side)
        return doer, own, victim_self
    return None, False, False


def _credited(tokens: Sequence[Token], side: SpeakerSide, speaker_names: Sequence[str | None]) -> str | None:
    """Who takes the credit: the speaker's organisation when the content says 'we/the group'."""
    for name in speaker_names[1:]:
        if name:
            return name
    return speaker_names[0] if speaker_names else None


def _denied_for(tokens: Sequence[Token], speaker_names: Sequence[str | None]) -> str | None:
    """Who is denied for: the doer of the negated act ("the coalition did not strike", "No Coalition
    strikes"), else the speaker's side."""
    side = _speaker_side(speaker_names)
    for tok in tokens:
        if tok.lemma_.lower() in VIOLENT_VERBS and tok.pos_ == "VERB" and _negated(tok):
            agent = _agent_of(tok)
            if agent is None or agent.pos_ == "PRON" or _is_self(agent, side):
                continue
            if agent.pos_ != "PROPN" and any(c.dep_ == "det" and c.lower_ == "no" for c in agent.children):
                continue  # "no aircraft struck": nobody is named (but "No Coalition strikes" names the coalition)
            return _np(agent)
    for tok in tokens:
        if tok.lower_ in VIOLENT_NOUNS:
            for child in tok.children:
                if child.dep_ in {"compound", "amod", "poss", "nsubj"} and child.ent_type_ in {"ORG", "NORP", "GPE"}:
                    return child.text
    for name in speaker_names[1:]:
        if name:
            return name
    return speaker_names[0] if speaker_names else None


# Modals that lay an obligation: "must", and "has to" / "have to" (a "to" after a form of "have").
OBLIGATION_MODALS = frozenset({"must"})


def _obliged(tokens: Sequence[Token], ids: set[int]) -> Token | None:
    """The subject of the content's main verb when that verb is under an obligation modal ("the US must be ready
    to mediate", "China has to drop barriers"); None otherwise, or for a subject that is a pronoun of nobody."""
    tops = [t for t in tokens if t.head.i not in ids or t.head is t]
    verb = next((t for t in tops if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    modal = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children)
    have_to = verb.lemma_ == "have" and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children
    )
    if not (modal or have_to):
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in {"it", "there", "this", "that", "what"}:
        return None  # "it must be said", "there must be an inquiry": nobody is told to do anything
    return subject


def _held(verb: Token) -> Token | None:
    """Object of "hold X responsible" (the parser makes X the object or the subject of "responsible")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    for child in verb.children:
        if child.dep_ in {"ccomp", "oprd", "xcomp", "acomp"}:
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None


def _threatened(tokens: Sequence[Token]) -> str | None:
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma == "hold" and tok.pos_ == "VERB":
            held = _held(tok)
            if held is not None:
                return _np(held)
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"target", "attack", "strike", "punish"}:
            return _np(tok)
    return None
