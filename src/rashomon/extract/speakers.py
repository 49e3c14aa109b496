"""Speaker resolution without a coreference model.

A source span is resolved, in reading order, to a named person or organisation:

* a span that holds a name (an actor mention, else a spaCy PERSON/ORG/NORP/GPE entity) is that name,
  merged with an earlier variant of the same name ("al-Welayi", "Welayi" -> "Abu Ala al-Welayi");
* "he"/"she"/"his" -> the last named person; "they"/"it"/"we" -> the last named organisation (or
  the last speaker when none);
* a nominal such as "the spokesman", "the commander" (person role) -> the last named person;
  "the militia", "the group", "the coalition" (organisation noun) -> the last named organisation.

Role and affiliation are read from the words the text attaches to the name: an apposition ("Abu Ala
al-Welayi, the secretary-general of K.S.S.") or the title words before it ("Coalition spokesman US
Army Col Ryan Dillon").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rashomon.extract.actors import HYPHEN_QUALIFIERS
from rashomon.model import ChannelKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from rashomon.model import ActorMention

# fmt: off
# A name fused to one of these by a hyphen qualifies the name after it ("the al-Qaeda-linked al-Shabaab"),
# which speaks for itself; but an organ of the first ("the Houthi-run health ministry") speaks for it.
QUALIFIER_SUFFIX = re.compile("-" + HYPHEN_QUALIFIERS + r"\b")
ORGAN_SUFFIX = re.compile(r"-(?:run|controlled|owned)\b")
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "it", "we", "them", "its", "their", "our"}
PERSON_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "commander", "official", "minister", "leader", "chief",
    "president", "general", "colonel", "officer", "secretary", "secretary-general", "governor", "mayor",
    "senator", "candidate", "director", "head", "envoy", "ambassador", "aide", "adviser", "advisor",
    "man", "woman", "lawmaker", "representative", "analyst", "expert", "witness", "resident", "diplomat",
    "chairman", "chairwoman", "prime", "emir", "cleric", "militant", "fighter", "soldier", "source",
}
GROUP_NOUNS = {
    "militia", "group", "coalition", "organization", "organisation", "ministry", "government", "army",
    "movement", "party", "campaign", "agency", "military", "forces", "force", "alliance", "administration",
    "office", "department", "committee", "council", "command", "unit", "brigade", "faction", "network",
    "company", "police", "authorities", "insurgents", "rebels", "militants", "monitor", "observatory", "watchdog",
    "centre", "center",
}
NAME_LABELS = {"PERSON", "ORG"}
# Clauses on a source's head that describe it ("the group, which is part of X", "a man living in X").
CLAUSE_ARCS = {"relcl", "acl"}
# Which knowledge-base sectors a group noun can refer back to ("the militia" is no army).
SECTOR_OF_NOUN = {
    "militia": {"rebel_or_militia"},
    "militants": {"rebel_or_militia", "terrorist_designated"},
    "insurgents": {"rebel_or_militia", "terrorist_designated"},
    "rebels": {"rebel_or_militia"},
    "army": {"military"},
    "military": {"military"},
    "coalition": {"military", "international"},
    "ministry": {"government"},
    "government": {"government"},
    "administration": {"government"},
}
MENTION_KINDS = {"PERSON", "ORG", "OUTLET"}
REPORT_NOUNS = {"statement", "report", "communique", "release", "tweet", "post", "video", "message"}
# "The statement said ...": the definite report noun is the last one that spoke through that channel.
CHANNEL_OF_NOUN = {
    "statement": ChannelKind.STATEMENT,
    "communique": ChannelKind.STATEMENT,
    "release": ChannelKind.STATEMENT,
    "tweet": ChannelKind.TWEET,
    "post": ChannelKind.TWEET,
    "report": ChannelKind.REPORT,
}
TITLE_WORDS = {"col", "col.", "gen", "gen.", "lt", "lt.", "maj", "maj.", "capt", "capt.", "sgt", "sgt.", "mr", "mr.",
               "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "sheikh"}
# fmt: on


def name_key(name: str) -> tuple[str, ...]:
    """Comparable tokens of a name: lower case, without the Arabic article and title words."""
    words = re.split(r"[\s\-]+", name.lower().replace("’", "'"))
    return tuple(w for w in words if w and w not in {"al", "el", "the"} and w not in TITLE_WORDS)


@dataclass
class Resolved:
    name: str
    kind: str  # PERSON or ORG
    actor_id: str | None = None
    role: str | None = None
    affiliation: str | None = None
    sector: str | None = None
    named: bool = True  # False for a description only ("the tribal chief")


@dataclass
class SpeakerResolver:
    """Walks a report's sources in order and keeps the named people and organisations seen so far."""

    doc: Doc
    actors: Sequence[ActorMention] = ()
    people: list[Resolved] = field(default_factory=list)
    groups: list[Resolved] = field(default_factory=list)
    skip: Sequence[tuple[int, int]] = ()  # character ranges (statement contents) whose names are not speakers
    by_channel: dict[ChannelKind, Resolved] = field(default_factory=dict)  # the last speaker through each channel
    outlets: frozenset[str] = frozenset()  # the report's own outlet: "told Horn Bulletin" names no person
    _seen: int = 0
    _inside: list[bool] | None = None

    def _named(self, start: int, end: int) -> list[tuple[int, int, str, str, str | None]]:
        """(start_char, end_char, name as written, kind, actor_id) of names inside [start, end) characters."""
        out = []
        for mention in self.actors:
            if mention.span.start >= start and mention.span.end <= end and mention.kind in MENTION_KINDS:
                kind = "PERSON" if mention.kind == "PERSON" else "ORG"
                out.append((mention.span.start, mention.span.end, _strip_det(mention.span.text), kind, mention.actor_id))
        if not self.actors:
            for ent in self.doc.ents:
                if ent.start_char >= start and ent.end_char <= end and ent.label_ in NAME_LABELS:
                    kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
                    out.append((ent.start_char, ent.end_char, _strip_det(ent.text), kind, None))
        # "the al-Qaeda-linked al-Shabaab group": the name before "-linked" qualifies the speaker, it is not it
        text = self.doc.text
        heads = [n for n in out if not QUALIFIER_SUFFIX.match(text, n[1]) or ORGAN_SUFFIX.match(text, n[1])]
        return sorted(heads or out)

    def _as_person(self, source: Span, name: tuple[int, int, str, str, str | None]) -> tuple[int, int, str, str, str | None]:
        """A name NER calls an organisation is a person when a person's role stands right before it in the
        source ("regional governor Oleh Kiper")."""
        start, end, text, kind, actor_id = name
        if kind == "PERSON" or actor_id is not None:
            return name
        before = [t for t in source if t.idx < start][-2:]
        if any(t.lower_ in PERSON_ROLES for t in before) and all(w[:1].isupper() for w in text.split()):
            return start, end, text, "PERSON", actor_id
        return name

    def canonical(self, name: str, kind: str, actor_id: str | None = None) -> Resolved | None:
        """An earlier speaker or mention this name is a variant of (same KB id, or a shorter form); a one-word
        name NER calls an organisation may be a known person's surname ("Kiper" after "Oleh Kiper")."""
        key = name_key(name)
        if kind != "PERSON" and actor_id is None and len(key) == 1:
            person = next((p for p in reversed(self.people) if len(name_key(p.name)) > 1 and name_key(p.name)[-1:] == key), None)
            if person is not None:
                return person
        pool = self.people if kind == "PERSON" else self.groups
        for known in reversed(pool):
            if actor_id is not None and known.actor_id == actor_id:
                return known
            known_key = name_key(known.name)
            if key and (key == known_key or (kind == "PERSON" and len(key) < len(known_key) and known_key[-len(key) :] == key)):
                return known
        return None

    def remember(self, resolved: Resolved) -> None:
        pool = self.people if resolved.kind == "PERSON" else self.groups
        if resolved in pool:
            pool.remove(resolved)
        pool.append(resolved)

    def observe_text(self, upto: int) -> None:
        """Remember named people and organisations mentioned outside quotations before character ``upto``."""
        for start, end, name, kind, actor_id in self._named(self._seen, upto):
            del end
            if self._quoted(start) or any(s <= start < e for s, e in self.skip) or name in self.outlets:
                continue
            known = self.canonical(name, kind, actor_id)
            if known is None:
                self.remember(Resolved(name=name, kind=kind, actor_id=actor_id, sector=self._sectors.get(start)))
            elif len(name_key(name)) > len(name_key(known.name)):
                known.name = name
        self._seen = max(self._seen, upto)

    @property
    def _sectors(self) -> dict[int, str]:
        return {m.span.start: str(m.sector.value if hasattr(m.sector, "value") else m.sector) for m in self.actors}

    def _quoted(self, char: int) -> bool:
        if self._inside is None:
            from rashomon.extract.quotes_tagger import quote_state

            self._inside = quote_state(self.doc, 0, len(self.doc))
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span is not None and self._inside[span.start]

    def spoke_through(self, kind: ChannelKind, resolved: Resolved) -> None:
        """Remember who spoke through a channel, for a later "the statement said"."""
        if kind != ChannelKind.UNKNOWN:
            self.by_channel[kind] = resolved

    def resolve(self, source: Span) -> Resolved | None:
        """The speaker a source span refers to; None when nothing fits. Resolved speakers are remembered."""
        resolved = self._resolve(source)
        if resolved is not None:
            self.remember(resolved)
        return resolved

    def _resolve(self, source: Span) -> Resolved | None:
        words = [t for t in source if not t.is_punct]
        if not words:
            return None
        antecedent = relative_antecedent(source)
        if antecedent is not None:
            # "A former campaign staffer, who said ...": a description nothing earlier names is the speaker itself
            kind = "PERSON" if source[0].lower_ in PERSON_RELATIVES else "ORG"
            return self._resolve(antecedent) or Resolved(name=_strip_det(antecedent.text), kind=kind, named=False)
        lowered = [t.lower_ for t in words]
        head = source.root
        if head.lower_ in REPORT_NOUNS:
            # "a statement circulated by X", "a report by X": the speaker is X
            for tok in source:
                if tok.lower_ == "by" and tok.head.i >= head.i:
                    objs = [c for c in tok.children if c.dep_ == "pobj"]
                    if objs:
                        sub = list(objs[0].subtree)
                        inner = self.doc[sub[0].i : min(sub[-1].i + 1, source.end)]
                        if len(inner):
                            return self._resolve(inner)
            channel = CHANNEL_OF_NOUN.get(head.lower_)
            if lowered[0] in {"the", "this", "that"} and len(words) == 2 and channel in self.by_channel:
                return self.by_channel[channel]
        names = [self._as_person(source, n) for n in self._named(source.start_char, source.end_char)]
        if not _inside(head.idx, names):
            # "The militia group, which is part of Iraq's Popular Mobilization Forces, warned": a name in a clause
            # that describes the head is not who speaks
            described = {t.idx for c in head.children if c.dep_ in CLAUSE_ARCS for t in c.subtree}
            names = [n for n in names if n[0] not in described]
        people = [n for n in names if n[3] == "PERSON"]
        if people:
            start, end, name, _, actor_id = people[0]
            known = self.canonical(name, "PERSON", actor_id)
            role, affiliation = role_and_affiliation(self.doc, source, start, end, self.actors)
            if role and affiliation is None:
                # "military spokesman Lt. Col. Peter Lerner" after "The Israeli military said ...", "The centre's deputy
                # head, Rear Admiral Vadim Kulit": the group named before by that noun, which he speaks for
                nouns = [w for w in re.sub(r"['’]s\b", "", role.lower()).split() if w in GROUP_NOUNS]
                known_group = next((g for g in reversed(self.groups) if any(w in name_key(g.name) for w in nouns)), None)
                affiliation = known_group.name if known_group is not None else None
                if known_group is not None and re.match(r"\w+['’]s\b", role):
                    actor_id = actor_id or known_group.actor_id
            if known is not None:
                known.role = known.role or role
                known.affiliation = known.affiliation or affiliation
                known.actor_id = known.actor_id or actor_id
                return known
            return Resolved(name=name, kind="PERSON", actor_id=actor_id, role=role, affiliation=affiliation)
        if len(words) == 1 and lowered[0] in PERSON_PRONOUNS:
            return self.people[-1] if self.people else None
        if len(words) == 1 and lowered[0] in GROUP_PRONOUNS:
            return self.groups[-1] if self.groups else None
        head_word = head.lower_
        if names and not _inside(head.idx, names):
            # "a coalition spokesman", "Islamic State supporters", "P.M.F. officials": people of a named group
            start, end, name, _, actor_id = names[0]
            described = _named_by_apposition(source)
            if described is not None:
                # "Hemin Karim, a spokesman for the Kurdistan Region's interior ministry": a name NER missed, whose
                # apposition holds the named group
                known = self.canonical(described.name, described.kind)
                if known is not None:
                    return known
                described.affiliation, described.actor_id = name, actor_id
                return described
            # "The leader of K.S.S., an Iran-backed Iraqi militia": the description ends with the name
            comma = self.doc.text.find(",", end, source.end_char)
            text = _strip_det(self.doc.text[source.start_char : comma if comma >= 0 else source.end_char].strip(" ,"))
            if head_word in PERSON_ROLES and lowered[0] in {"the", "this", "that"} and self.people:
                last = self.people[-1]
                if last.affiliation and name_key(last.affiliation) == name_key(name):
                    return last
            kind = "PERSON" if head_word in PERSON_ROLES else "ORG"
            if head.pos_ in {"NOUN", "PROPN"} and head_word not in GROUP_NOUNS | REPORT_NOUNS:
                return Resolved(name=text, kind=kind, actor_id=actor_id, role=None, affiliation=name, named=False)
        if names:
            # "The UN agency for Palestinian refugees, UNRWA": the name in apposition to the head is the speaker
            # but "Kataib Hezbollah, one of the factions in the PMF" is Kataib Hezbollah: a head that is a name wins
            appos = {t.idx for c in source if c.dep_ == "appos" for t in c.subtree}
            at_head = next((n for n in names if n[0] <= head.idx < n[1]), None)
            start, end, name, _, actor_id = at_head or next((n for n in names if n[0] in appos), names[0])
            known = self.canonical(name, "ORG", actor_id)
            owner = next((n for n in names if n[4] is not None and n[0] >= end), None) if actor_id is None else None
            if known is None and owner is not None and name.islower():
                # "the health ministry of the Government of National Accord": a body NER found, of a known actor
                return Resolved(
                    name=name, kind="ORG", actor_id=owner[4], affiliation=owner[2], sector=self._sectors.get(owner[0])
                )
            return known or Resolved(name=name, kind="ORG", actor_id=actor_id)
        described = _named_by_apposition(source) or _self_named(source)
        if described is not None:
            return described
        if head_word in PERSON_ROLES and lowered[0] in {"the", "this", "that"}:
            named = [p for p in self.people if p.named]
            if named:
                return named[-1]
            return Resolved(name=_description(source), kind="PERSON", named=False)
        if (head_word in GROUP_NOUNS or head_word in PERSON_ROLES) and lowered[0] in {"the", "this", "that"}:
            wanted = next((SECTOR_OF_NOUN[w] for w in lowered if w in SECTOR_OF_NOUN), None)
            fits = [g for g in self.groups if wanted is None or g.sector in wanted]
            if head_word in GROUP_NOUNS and fits:
                return fits[-1]
            return Resolved(name=_description(source), kind="ORG", named=False)
        if head_word in PERSON_ROLES:
            return Resolved(name=_description(source), kind="PERSON", named=False)
        return None


RELATIVE_PRONOUNS = {"who", "whom", "which", "that"}
PERSON_RELATIVES = {"who", "whom"}


def relative_antecedent(source: Span) -> Span | None:
    """The noun phrase a relative-pronoun source stands for ("Col Ryan Dillon, a spokesman for the coalition,
    who said ..." -> "Col Ryan Dillon, a spokesman for the coalition"); None for any other source. A "who"
    that the parser hangs on the object of an apposition's preposition ("a spokesman for the coalition, who")
    or on an apposition climbs to the person it describes."""
    if len(source) != 1 or source[0].lower_ not in RELATIVE_PRONOUNS:
        return None
    pronoun = source[0]
    verb = pronoun.head
    if not pronoun.dep_.startswith("nsubj") or verb.dep_ != "relcl" or verb.head.i >= pronoun.i:
        return None
    noun = verb.head
    entity = next((e for e in source.doc.ents if e.start <= noun.i < e.end), None)
    if entity is not None and entity.start < noun.i:
        noun = entity.root  # "the Syrian Observatory for Human Rights, which said": the whole name, not "Human Rights"
    if pronoun.lower_ in PERSON_RELATIVES:
        while True:
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
                noun = noun.head.head
            elif noun.dep_ == "appos" and noun.head.i < noun.i:
                noun = noun.head
            else:
                break
    before = [t for t in noun.subtree if t.i < verb.left_edge.i]
    while before and (before[-1].is_punct or before[-1].i >= pronoun.i):
        before.pop()
    if not before:
        return None
    return source.doc[before[0].i : before[-1].i + 1]


def _named_by_apposition(source: Span) -> Resolved | None:
    """ "The Emergency Lawyers, a Sudanese rights group": a proper name NER missed, which its apposition says is
    an organisation (or a person, "Ahmed Saleh, a local official"); the apposition is its role."""
    head = source.root
    if head.pos_ != "PROPN":
        return None
    appos = next((c for c in head.children if c.dep_ == "appos" and c.i < source.end), None)
    if appos is None or appos.lower_ not in GROUP_NOUNS | PERSON_ROLES:
        return None
    name_tokens = [t for t in source.doc[source.start : head.i + 1] if t.pos_ == "PROPN" or t.dep_ == "compound"]
    if not name_tokens:
        return None
    name = source.doc[name_tokens[0].i : head.i + 1].text
    sub = list(appos.subtree)
    role = _strip_det(source.doc[sub[0].i : sub[-1].i + 1].text)
    return Resolved(name=name, kind="ORG" if appos.lower_ in GROUP_NOUNS else "PERSON", role=role)


SELF_NAMING = re.compile(
    r"\b(?:calling (?:itself|themselves)|known as|called|named)\s+(?:the\s+)?"
    r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|[ae][ldnrst]-[\w'’-]+|of|the|al|bin|ibn))*)"
)


def _self_named(source: Span) -> Resolved | None:
    """ "A little-known group calling itself Saraya Awliya al-Dam": the name the description gives, with the
    description as its role."""
    match = SELF_NAMING.search(source.text)
    if match is None or source.root.lower_ not in GROUP_NOUNS:
        return None
    name = match.group(1).strip(" ,")
    return Resolved(name=name, kind="ORG", role=_strip_det(source.text[: match.start()].strip(" ,")))


def _inside(index: int, names: list[tuple[int, int, str, str, str | None]]) -> bool:
    return any(s <= index < e for s, e, *_ in names)


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|The|a|A|an|An)\s+", "", text).strip()


def _description(source: Span) -> str:
    """An unnamed speaker's description without its article and without a relative clause that follows the
    head ("a local official that spoke to reporters" -> "local official"); a relative pronoun the tagger left
    at the end ("a local official that") goes too."""
    head = source.root
    clause = {t.i for c in head.children if c.dep_ in ("relcl", "acl") and c.i > head.i for t in c.subtree}
    words = [t for t in source if t.i not in clause]
    while words and (words[-1].is_punct or words[-1].lower_ in RELATIVE_PRONOUNS):
        words.pop()
    if not words:
        return _strip_det(source.text.strip(" ,"))
    return _strip_det(source.doc[words[0].i : words[-1].i + 1].text.strip(" ,"))


def role_and_affiliation(
    doc: Doc, source: Span, name_start: int, name_end: int, actors: Sequence[ActorMention] = ()
) -> tuple[str | None, str | None]:
    """Role and affiliation the text attaches to a named person inside ``source``, as the text writes them; failing
    an entity or an "of"/"for" phrase, an organisation the knowledge base knows inside the role ("RSF adviser
    Youssef Ezzat") is the affiliation."""
    role: str | None = None
    affiliation: str | None = None
    before = doc.char_span(source.start_char, name_start, alignment_mode="contract")
    if before is not None:
        words = [t for t in before if t.lower_ not in {"the", "a", "an"}]
        # "A spokesman for the coalition, Col. Ryan Dillon": the role ends before the title words
        while words and (words[-1].is_punct or words[-1].lower_.rstrip(".") + "." in TITLE_WORDS):
            words.pop()
        if words and any(t.lower_ in PERSON_ROLES or t.lower_ in TITLE_WORDS for t in words):
            role = doc[words[0].i : words[-1].i + 1].text.strip(" ,")
    # The tokens starting inside [name_start, name_end): token starts rise through the doc, so a
    # binary search over them finds the same tokens without building a Token for every word.
    starts = doc.to_array("IDX")
    name_tokens = [doc[i] for i in range(bisect_left(starts, name_start), bisect_left(starts, name_end))]
    for tok in name_tokens:
        for child in tok.children:
            if child.dep_ == "appos" and child.i >= source.start and child.i < source.end:
                # within the source: the apposition's subtree may run on through a relative clause ("a
                # spokesman for the coalition, who said ...") the source stops before
                sub = [t for t in child.subtree if t.i < source.end]
                role = doc[sub[0].i : sub[-1].i + 1].text.strip(" ,")
                role = re.sub(r"^(the|a|an)\s+", "", role)
                break
    if role:
        span = doc.char_span(source.start_char, source.end_char, alignment_mode="expand")
        for ent in span.ents if span is not None else ():
            if ent.label_ in {"ORG", "GPE", "NORP"} and not (name_start <= ent.start_char < name_end) and ent.text in role:
                affiliation = _strip_det(ent.text)
                break
        if affiliation is None:
            match = re.search(r"\b(?:of|for) (?:the )?(.+)$", role)
            if match:
                affiliation = match.group(1)
        if affiliation is None:
            known = [
                m
                for m in actors
                if m.actor_id and m.kind != "PERSON" and source.start_char <= m.span.start and m.span.end <= source.end_char
                and not name_start <= m.span.start < name_end and m.span.text in role
            ]  # fmt: skip
            affiliation = known[0].span.text if known else None
    return role, affiliation
