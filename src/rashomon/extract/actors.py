"""Actors of one report: knowledge-base actors tagged by an EntityRuler, fuzzy-matched NER entities, unknowns.

``configure_nlp`` adds an EntityRuler before spaCy's "ner", with phrase patterns for every unambiguous
knowledge-base alias in its dotted and undotted, and usual capitalised, forms (plus token patterns where spaCy
tokenises a dotted acronym differently in running text). NER then labels what the ruler left; GPEs are never
ruler patterns, so place NER keeps its places. ``__call__`` turns each ORG/PERSON/NORP entity, plus each state (GPE)
that the parse makes a doer, into an ``ActorMention``; the canonical name, id, kind and sector come from the
knowledge base when it knows the actor, else the mention keeps its text and its NER label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rashomon.extract.actor_kb import ActorKB, load_kb
from rashomon.extract.base import Draft
from rashomon.extract.datelines import dateline_end
from rashomon.model import Actor, ActorMention, Sector
from rashomon.model.ids import mention_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Span

RULER_NAME = "rashomon_actor_ruler"
MENTION_KIND = "ac"  # the kind part of ActorMention ids: "<report>:ac:<start>-<end>"
ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP"})
# Parse roles that make a state the doer of a clause ("Iran accused ...", "... was denied by Washington").
DOER_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependency relations of pre-modifiers that carry a person's role ("US Army Col Ryan Dillon").
TITLE_DEPS = frozenset({"compound", "nmod", "amod", "appos", "poss"})
# Words that may stand right before a name as a title ("Col Ryan Dillon"), not as part of another name.
TITLE_WORDS = frozenset(
    {
        "president",
        "prime",
        "minister",
        "general",
        "gen",
        "col",
        "colonel",
        "lt",
        "maj",
        "major",
        "brig",
        "brigadier",
        "commander",
        "chancellor",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "ambassador",
        "king",
        "queen",
        "prince",
        "crown",
        "sheikh",
        "shaikh",
        "sayyed",
        "sayyid",
        "ayatollah",
        "mullah",
        "imam",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sen",
        "senator",
        "rep",
        "admiral",
        "adm",
        "marshal",
        "chief",
        "director",
        "envoy",
        "emir",
        "sultan",
        "gov",
        "governor",
        "judge",
        "captain",
        "capt",
        "sgt",
        "sergeant",
        "lieutenant",
        "field",
        "haj",
        "hajji",
        "mawlawi",
        "maulvi",
        "qari",
        "speaker",
        "deputy",
        "vice",
        "head",
        "founder",
        "cleric",
        "officer",
        "mp",
        "mayor",
        "army",
        "navy",
        "force",
        "corps",
        "guard",
        "ceo",
        "chairman",
        "coordinator",
        "commissioner",
        "attorney",
    }
)
# Parts of speech an apposition cannot start with and still be a role.
NOT_ROLE_START_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "ADV", "PART", "PUNCT"})
# Parts of speech a title before a name is made of ("Iran's Supreme Leader", "US Army Col").
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "NUM"})
# Words after a name that show NER took a place for a person or organisation ("al-Tanf region").
PLACE_HEADS = frozenset(
    {
        "region",
        "area",
        "province",
        "governorate",
        "district",
        "city",
        "town",
        "village",
        "border",
        "base",
        "camp",
        "crossing",
        "countryside",
        "desert",
        "valley",
        "airport",
        "neighbourhood",
        "neighborhood",
        "suburb",
    }
)
# Prepositions before a "person" that show it is a place ("in Tal Afar", "near al-Tanf").
# Sites a place name modifies ("the Dahyan market"); a nationality there is an adjective ("a Yemeni market").
SITE_HEADS = frozenset(
    {"market", "hospital", "school", "mosque", "checkpoint", "road", "highway", "bridge", "prison", "port", "square"}
)
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "across", "towards", "toward"})
# Parse roles of a place-like "person": object of a preposition, or modifier of a noun ("al-Hawl camp").
PLACE_DEPS = frozenset({"pobj", "compound"})
# Longest unknown "organisation" (in tokens) checked against the gazetteer as a possible place name.
MAX_PLACE_TOKENS = 3
_POSSESSIVE = re.compile(r"['’]s$")
# Longest role we keep, and longest apposition we read, in characters; longer stretches are clauses.
MAX_ROLE_CHARS = 80
MAX_APPOSITION_CHARS = 160
# Surrounding texts an alias is tokenised in, so the patterns match what spaCy produces in running text
# (a dotted acronym keeps or loses its last period depending on what follows it).
TOKENIZATION_CONTEXTS = ("{}", "x {} x", "({})", "x {}.", "x {}, x", "“{}”")

# Words left in lower case when an alias is title-cased ("Kata'ib Sayyid al-Shuhada" stays as it is).
PARTICLES = frozenset({"al", "of", "the", "and", "for", "in", "on", "bin", "ibn", "wal", "de", "la", "le", "du", "fi"})
# Nouns news text writes in lower case after a proper name ("Syrian army", "Iraqi security forces").
GENERIC_NOUNS = frozenset(
    {
        "army",
        "forces",
        "force",
        "military",
        "troops",
        "government",
        "police",
        "navy",
        "air",
        "security",
        "armed",
        "soldiers",
        "authorities",
        "ministry",
        "militia",
        "militias",
        "rebels",
        "fighters",
        "intelligence",
        "officials",
        "coalition",
        "units",
        "unit",
        "brigade",
        "brigades",
        "guard",
        "guards",
        "corps",
        "command",
        "council",
        "committee",
        "movement",
        "party",
        "front",
        "division",
        "battalion",
        "regiment",
        "service",
        "agency",
        "defence",
        "defense",
        "special",
        "operations",
        "mobilization",
        "mobilisation",
        "federal",
        "national",
        "revolutionary",
    }
)
_UNDOTTED_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_DOTTED = re.compile(r"\b((?:[A-Z]\.){2,})")
_DOTTABLE_WORD = re.compile(r"\b(US|UN|UK|EU)\b")
# Words an actor is fused to by a hyphen when it qualifies the name after it ("I.R.G.C.-affiliated Tasnim").
HYPHEN_QUALIFIERS = r"(?:affiliated|backed|linked|led|aligned|allied|run|controlled|supported|sponsored|funded|owned|affiliate)"
_HYPHEN_PREFIX = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,}|[A-Z][\w']*(?:\s[A-Z][\w']*){0,3})-" + HYPHEN_QUALIFIERS + r"\b")
_APPOSITION = re.compile(
    r"^,\s+(?P<article>(?:the|a|an|its|their)\s+)?(?P<role>[^,;:\"“”()\n]{2," + str(MAX_APPOSITION_CHARS) + r"}?)"
    r"(?=\s*(?:,|;|\)|\"|”|\.\s+[A-Z“\"]|\.?$|\s(?:said|says|told|added|stated|wrote|tweeted|claimed|warned|"
    r"denied|announced|stressed|alleged|insisted|explained|noted|argued)\b))"
)
_ROLE_END = re.compile(r"\s(?:and|who|which|whose|that|in charge of|responsible for)\s")


# ---------------------------------------------------------------------- patterns


def surface_variants(alias: str) -> tuple[str, ...]:
    """The alias plus its dotted/undotted twin: IRGC <-> I.R.G.C., U.S.-led coalition <-> US-led coalition."""
    variants = [alias]
    if _UNDOTTED_ACRONYM.match(alias):
        variants.append(".".join(alias) + ".")
    undotted = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), alias)
    if undotted != alias:
        variants.append(undotted)
    elif " " in alias or "-" in alias:
        dotted = _DOTTABLE_WORD.sub(lambda m: ".".join(m.group(1)) + ".", alias)
        if dotted != alias:
            variants.append(dotted)
    return tuple(dict.fromkeys(variants))


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def case_variants(text: str) -> tuple[str, ...]:
    """The capitalisations news text uses for one alias; matching is case-sensitive on these.

    A lone all-capitals word (IS, SAF, RSF) only matches as written, so "is" is never Islamic State.
    Otherwise: as written, first letter capitalised, every word capitalised, and, when the words after a
    proper first word are generic nouns, those in lower case ("Iraqi security forces", "Popular Mobilization
    forces"); a lone word also in capitals ("HAMAS"). Lower-case prose ("peace now", "the economist") and
    sentence-initial capitals ("Peace now") never match.
    """
    words = text.split(" ")
    if len(words) == 1 and text.isupper():
        return (text,)
    variants = [text, _capitalise(text)]
    variants.append(" ".join(w if w.lower() in PARTICLES else _capitalise(w) for w in words))
    if len(words) == 1:
        variants.append(text.upper())
    elif words[0].lower() not in PARTICLES:
        for first_generic in range(1, len(words)):
            tail = words[first_generic:]
            if all(w.lower() in GENERIC_NOUNS for w in tail) and any(not w.islower() for w in tail):
                variants.append(" ".join([*words[:first_generic], *(w.lower() for w in tail)]))
    return tuple(dict.fromkeys(variants))


def context_tokenizations(text: str, tokenizer: Tokenizer) -> Iterator[tuple[str, ...]]:
    """Token sequences spaCy gives ``text`` in running text that differ from its tokens in isolation.

    Only dotted and apostrophised forms are affected ("K.S.S." before a closing bracket or a full stop).
    """
    if "." not in text and "'" not in text and "’" not in text:
        return
    alone = tuple(t.text for t in tokenizer(text))
    seen = {alone}
    for context in TOKENIZATION_CONTEXTS:
        wrapped = context.format(text)
        start = wrapped.index(text)
        end = start + len(text)
        tokens = [t for t in tokenizer(wrapped) if t.idx < end and t.idx + len(t.text) > start]
        if not tokens or tokens[0].idx != start or tokens[-1].idx + len(tokens[-1].text) != end:
            continue
        key = tuple(t.text for t in tokens)
        if key not in seen:
            seen.add(key)
            yield key


def ruler_label(actor: Actor) -> str:
    return "PERSON" if actor.kind == "PERSON" else "ORG"


def build_patterns(kb: ActorKB, tokenizer: Tokenizer, *, ambiguous: bool = False) -> list[dict[str, Any]]:
    """EntityRuler patterns for every unambiguous alias of every non-state actor.

    Phrase patterns (strings, matched by spaCy's hash-based PhraseMatcher, so the cost does not grow with
    the size of the knowledge base) for each dotted/undotted and capitalisation variant; token patterns
    only for the rare variants spaCy tokenises differently in running text.

    With ``ambiguous=True``, patterns for the aliases marked '~' instead ("the coalition", "Dillon"): those
    never become entities; the component resolves them against the actors the same report names outright.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str | tuple[str, ...]]] = set()
    declared_ambiguous = {e.text for e in kb.alias_entries() if e.ambiguous}
    for entry in kb.alias_entries():
        actor = kb.get(entry.actor_id)
        if entry.ambiguous != ambiguous or actor.kind == "GPE":
            continue
        label = ruler_label(actor)
        for variant in surface_variants(entry.text):
            if not ambiguous and variant != entry.text and variant in declared_ambiguous:
                continue  # "W.H.O." must not bring back the ambiguous "WHO"
            for cased in case_variants(variant):
                if (entry.actor_id, cased) in seen:
                    continue
                seen.add((entry.actor_id, cased))
                patterns.append({"label": label, "pattern": cased, "id": entry.actor_id})
                for tokens in context_tokenizations(cased, tokenizer):
                    if (entry.actor_id, tokens) not in seen:
                        seen.add((entry.actor_id, tokens))
                        pattern = [{"ORTH": token} for token in tokens]
                        patterns.append({"label": label, "pattern": pattern, "id": entry.actor_id})
    return patterns


# ---------------------------------------------------------------------- roles


# Words an entity never ends with; NER sometimes stops after them, before the name they lead to.
DANGLING_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})


def _strip_the(text: str, start: int) -> tuple[int, str]:
    lowered = text.lower()
    if lowered.startswith("the ") and len(text) > 4:
        return start + 4, text[4:]
    return start, text


def apposition_role(text: str, end_char: int) -> tuple[int, int] | None:
    """Character span of the role an apposition gives a name.

    "Abu Ala al-Welayi, the secretary-general of K.S.S. said" gives "secretary-general of K.S.S.";
    "Hossein Qomi, a senior I.R.G.C. commander and military strategist ..., was" gives
    "senior I.R.G.C. commander" (the role stops at the first conjunction or relative clause).
    """
    tail = text[end_char : end_char + MAX_APPOSITION_CHARS + 40]
    match = _APPOSITION.match(tail)
    if match is None:
        return None
    role = match.group("role")
    if not match.group("article") and not role[:1].islower():
        return None  # "Trump, Putin and Erdogan": a list of names, not a role
    cut = _ROLE_END.search(role)
    if cut is not None:
        role = role[: cut.start()]
    role = role.rstrip()
    if len(role) < 3 or len(role) > MAX_ROLE_CHARS:
        return None
    start = end_char + match.start("role")
    end = start + len(role)
    if end < len(text) and text[end] == "." and re.search(r"(?:\b[A-Z]\.)+[A-Z]$", role):
        end += 1  # keep the last period of a dotted acronym: "of K.S.S."
    return start, end


def title_role(ent: Span) -> tuple[int, int] | None:
    """Character span of the titles before a name: "Coalition spokesman US Army Col" before "Ryan Dillon".

    The word just before the name must modify it in the parse (compound, apposition ...); the role then
    runs left over nouns, proper nouns, adjectives and possessives, and stops at a determiner, verb,
    preposition or punctuation.
    """
    doc = ent.doc
    if ent.start == 0:
        return None
    last = doc[ent.start - 1]
    if last.dep_ not in TITLE_DEPS or not ent.start <= last.head.i < ent.end:
        return None
    first = ent.start - 1
    while first > 0 and doc[first - 1].pos_ in TITLE_POS and doc[first - 1].ent_type_ not in {"DATE", "TIME"}:
        first -= 1
    if doc[first].pos_ == "PART":  # a role never starts with a possessive ending
        first += 1
    if first >= ent.start:
        return None
    return doc[first].idx, last.idx + len(last.text)


def _leading_titles(ent: Span) -> int:
    """How many title words NER took into a person's name ("Gen", "President"); 0 when none or all."""
    if ent.label_ != "PERSON" or ent.ent_id_:
        return 0
    count = 0
    while count < len(ent) - 1 and ent[count].lower_.rstrip(".") in TITLE_WORDS and ent[count].text[:1].isupper():
        count += 1
    return count


def _inside_longer_name(ent: Span) -> bool:
    """A knowledge-base person matched on part of another person's name (the word before is a name, not a title)."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return (
        before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and before.lower_.rstrip(".") not in TITLE_WORDS
        and not before.ent_type_
    )


# ---------------------------------------------------------------------- component


class ActorComponent:
    name = "rashomon.actors.v1"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors",)

    def __init__(self, kb: ActorKB | None = None, is_place_name: Callable[[str], bool] | None = None) -> None:
        """``is_place_name`` tells whether a name is in the gazetteer; default: the packaged gazetteer,
        loaded on the first unknown organisation (the places component loads the same cached one)."""
        self.kb = kb if kb is not None else load_kb()
        self._is_place_name = is_place_name
        self._ambiguous: tuple[PhraseMatcher, Matcher | None] | None = None

    def configure_nlp(self, nlp: Language) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        if RULER_NAME not in nlp.pipe_names:
            before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
            ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"overwrite_ents": True, "validate": False}, **before)
            with nlp.select_pipes(enable=[]):  # phrase patterns need the tokenizer only, not the parser
                ruler.add_patterns(build_patterns(self.kb, nlp.tokenizer))  # type: ignore[attr-defined]
        phrases = PhraseMatcher(nlp.vocab)
        tokens = Matcher(nlp.vocab)
        for pattern in build_patterns(self.kb, nlp.tokenizer, ambiguous=True):
            if isinstance(pattern["pattern"], str):
                phrases.add(pattern["id"], [nlp.make_doc(pattern["pattern"])])
            else:
                tokens.add(pattern["id"], [pattern["pattern"]])
        self._ambiguous = (phrases, tokens if len(tokens) else None)

    def __call__(self, draft: Draft) -> None:
        draft.actors.extend(self.mentions(draft))

    def mentions(self, draft: Draft) -> list[ActorMention]:
        doc = draft.doc
        found: list[ActorMention] = []
        for ent in doc.ents:
            mention = self._from_entity(draft, ent)
            if mention is not None:
                found.append(mention)
        return self._resolve_ambiguous(draft, self._hyphen_prefixes(draft, found))

    # ------------------------------------------------------------------ entities

    def _actor_for(self, ent: Span) -> Actor | None:
        if ent.ent_id_ and ent.ent_id_ in self.kb:
            return self.kb.get(ent.ent_id_)
        if ent.label_ == "GPE":
            if ent.root.dep_ not in DOER_DEPS and not (ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent"):
                return None
            actor = self.kb.lookup(ent.text)
            return actor if actor is not None and actor.kind == "GPE" else None
        if ent.label_ == "NORP":  # demonyms are adjectives: "American" is not a misspelt "Americans"
            return self.kb.lookup(ent.text, strict=True)
        return self.kb.fuzzy(ent.text, strict=True)

    def _looks_like_place(self, ent: Span) -> bool:
        """An entity NER took for a person or organisation that the text treats as a place."""
        following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        preceding = ent.doc[ent.start - 1] if ent.start > 0 else None
        if following is not None and following.lower_ in PLACE_HEADS:
            return True
        if preceding is not None and preceding.lower_ in LOCATIVE_PREPOSITIONS and ent.label_ == "PERSON":
            return True
        bare = _POSSESSIVE.sub("", ent.text)
        state = self.kb.lookup(bare)
        if state is not None and state.kind == "GPE":
            return True
        # A short unknown "organisation" that the gazetteer knows is a place NER mislabelled ("Idlib", "Erbil").
        # A "person" only when it also sits where places sit ("between Tal Afar", "the al-Hawl camp"): many
        # surnames are town names too ("Robinson said", "Hunt", "Graham").
        if len(ent) > MAX_PLACE_TOKENS:
            return False
        if ent.label_ == "ORG" or (ent.label_ == "PERSON" and ent.root.dep_ in PLACE_DEPS):
            return self.place_name(bare)
        # An unknown "nationality" the text uses as a place: the object of a locative preposition ("a market in
        # Dahyan"; a demonym there modifies a noun instead: "in American custody"), the name of a site ("the
        # Dahyan market") or a wire dateline ("SAADA, Yemen (Al-Masirah) - "). The small model tags many Arabic
        # place names NORP.
        if ent.label_ == "NORP" and self._placed_as_norp(ent):
            return self.place_name(bare)
        return False

    @staticmethod
    def _placed_as_norp(ent: Span) -> bool:
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS and root.i == ent.end - 1:
            return True
        if root.dep_ == "compound" and root.head.i == ent.end and root.head.lemma_.lower() in SITE_HEADS:
            return True
        text = ent.doc.text
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        return line_start == ent.start_char and ent.text.isupper() and dateline_end(text, line_start) is not None

    def place_name(self, text: str) -> bool:
        if self._is_place_name is None:
            from rashomon.extract.gazetteer import load_gazetteer

            self._is_place_name = load_gazetteer().has_name
        return self._is_place_name(text)

    def _from_entity(self, draft: Draft, ent: Span) -> ActorMention | None:
        if ent.label_ not in ACTOR_LABELS and ent.label_ != "GPE":
            return None
        label = ent.label_
        while len(ent) > 1 and ent[-1].lower_ in DANGLING_WORDS and ent[-1].is_lower:
            ent = ent.doc[ent.start : ent.end - 1]  # "the health ministry of the | Government of ...": NER stopped short
            ent.label_ = label
        titles = _leading_titles(ent)
        if titles:
            ent = ent.doc[ent.start + titles : ent.end]  # "Gen Joseph Dunford": the title becomes the role
            ent.label_ = "PERSON"
        actor = self._actor_for(ent)
        if actor is None and (ent.label_ == "GPE" or self._looks_like_place(ent)):
            return None
        if actor is not None and actor.kind == "PERSON" and _inside_longer_name(ent):
            return None  # "Ghani" in "Abdul Ghani Al-Hamad", "bin Laden" in "Omar bin Laden"
        if actor is not None and actor.kind == "GPE" and ent.label_ != "GPE":
            return None
        start, text = _strip_the(ent.text, ent.start_char)
        kind = actor.kind if actor is not None else ent.label_
        role = self._role(draft, ent) if kind == "PERSON" else None
        return self._mention(draft, start, ent.end_char, actor, kind, role, text)

    def _mention(
        self,
        draft: Draft,
        start: int,
        end: int,
        actor: Actor | None,
        kind: str,
        role: str | None = None,
        text: str | None = None,
    ) -> ActorMention:
        return ActorMention(
            id=mention_id(draft.report.id, MENTION_KIND, start, end),
            span=draft.span(start, end),
            name=actor.name if actor is not None else (text or draft.report.text[start:end]),
            actor_id=actor.id if actor is not None else None,
            kind=kind,
            sector=actor.sector if actor is not None else Sector.UNKNOWN,
            role=role,
        )

    def _role(self, draft: Draft, ent: Span) -> str | None:
        found = apposition_role(draft.report.text, ent.end_char)
        if found is not None:
            first = draft.doc.char_span(found[0], found[1], alignment_mode="expand")
            if first is None or first[0].pos_ in NOT_ROLE_START_POS:
                found = None  # ", said the US would stay": a clause, not a role
        found = found or title_role(ent)
        if found is None:
            return None
        return draft.report.text[found[0] : found[1]]

    def _hyphen_prefixes(self, draft: Draft, found: list[ActorMention]) -> list[ActorMention]:
        """Actors fused into one token with a hyphen: the I.R.G.C. in "I.R.G.C.-affiliated Tasnim".

        Such a mention replaces an unknown NER entity it overlaps ("the I.R.G.C.-affiliated" as ORG).
        """
        result = list(found)
        for match in _HYPHEN_PREFIX.finditer(draft.report.text):
            start, end = match.span(1)
            overlapping = [m for m in result if m.span.start < end and start < m.span.end]
            if any(m.actor_id is not None for m in overlapping):
                continue
            actor = self.kb.lookup(match.group(1), strict=True)
            coalition = self.kb.led_coalition(match.group(0)) if actor is None or actor.kind == "GPE" else None
            if coalition is not None:  # "the Saudi-led strike": the coalition that state leads
                actor, end = coalition, match.end()
            if actor is None or actor.kind == "GPE":
                continue
            for mention in overlapping:
                result.remove(mention)
            result.append(self._mention(draft, start, end, actor, actor.kind))
        return result

    def _resolve_ambiguous(self, draft: Draft, found: list[ActorMention]) -> list[ActorMention]:
        """Give "the coalition", "Dillon", "Fars" the actor the same report names outright, when only one fits.

        An ambiguous alias is resolved when exactly one of its candidate actors (or an actor tied to a
        candidate) is already mentioned unambiguously in this report; a resolved match replaces an
        unknown NER mention it overlaps and never displaces a knowledge-base mention.
        """
        if self._ambiguous is None:
            return found
        named = {m.actor_id for m in found if m.actor_id is not None}
        if not named:
            return found
        doc = draft.doc
        result = list(found)
        phrases, tokens = self._ambiguous
        found_matches = set(phrases(doc)) | (set(tokens(doc)) if tokens is not None else set())
        matches = sorted(found_matches, key=lambda m: (m[1], -m[2]))
        for _match_id, start, end in matches:
            span = doc[start:end]
            candidates = [a for a in self.kb.candidates(span.text) if a.kind != "GPE"]
            chosen = [a for a in candidates if a.id in named]
            if len(chosen) != 1:
                continue
            actor = chosen[0]
            s_char, _ = _strip_the(span.text, span.start_char)
            overlapping = [m for m in result if m.span.start < span.end_char and s_char < m.span.end]
            if any(m.actor_id is not None for m in overlapping):
                continue
            for m in overlapping:
                result.remove(m)
            role = self._role(draft, span) if actor.kind == "PERSON" else None
            result.append(self._mention(draft, s_char, span.end_char, actor, actor.kind, role))
        return result
