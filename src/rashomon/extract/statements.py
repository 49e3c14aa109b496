"""Attributed statements of one report: who said what, through which channel, with what stance.

Steps, per report:

1. spans: the packaged tagger (``default_tagger``: the BiLSTM of ``quotes_neural`` with the
   ``embeddings`` extra, else the CRF of ``quotes_tagger``; both trained on PolNeAR) marks source, cue and
   content tokens and groups them into attributions; direct quotes that it leaves without a speaker
   are completed by rules (``quotes_rules``: "..., X said", "X said: ...", "according to X"); candidates
   the tagger's confidence filter scores low are dropped (``statement_filter``), the others keep the
   score as ``Statement.confidence``;
2. speakers: each source is resolved to a named person or organisation (``speakers``);
3. channel: interview with a named outlet, tweet, statement, press conference, television, report;
4. stance and stance target (``stance``); nesting (a statement inside another's content gets the
   enclosing one as ``parent_id``).

``extract_statements(report, doc, actors)`` is the public entry (used by ``rashomon eval quotes``);
``StatementComponent`` fills ``draft.statements`` in the pipeline.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rashomon.errors import PipelineError
from rashomon.extract.base import Draft
from rashomon.extract.datelines import dateline_end
from rashomon.extract.quotes_rules import (
    REPORT_VERBS,
    complete,
    complete_reported,
    conventions,
    speech_before_reported_subject,
    split_coordinated,
)
from rashomon.extract.quotes_tagger import (
    RawAttribution,
    SpanTagger,
    Tagging,
    TokenSpan,
    group,
    label_spans,
    load_tagger,
    quote_flags,
)
from rashomon.extract.speakers import GROUP_NOUNS, PERSON_PRONOUNS, PERSON_ROLES, Resolved, SpeakerResolver
from rashomon.extract.stance import NEGATIVE_SUBJECTS, classify
from rashomon.extract.statement_filter import StatementFilter, filter_for
from rashomon.model import ActorMention, Channel, ChannelKind, Report, Span, Statement
from rashomon.model.ids import sha256_hex

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_QUOTES = set("\"“”‘’'«»")

CHANNEL_PATTERNS: tuple[tuple[ChannelKind, re.Pattern[str]], ...] = (
    (ChannelKind.PRESS_CONFERENCE, re.compile(r"\b(press|news) (conference|briefing)\b|\bbriefing\b", re.I)),
    # "a statement posted on its channels" is a statement; "posted on X" alone is a post
    (
        ChannelKind.TWEET,  # a social-media post: Twitter/X, Telegram, Facebook ...
        re.compile(
            r"\btweet(s|ed|ing)?\b|\bon (twitter|x|telegram|facebook|instagram|social media)\b|(?<!statement )\bposted on\b",
            re.I,
        ),
    ),
    (ChannelKind.INTERVIEW, re.compile(r"\binterview\b|\btold\b|\btelling\b|\bspeaking to\b|\bsaid to\b", re.I)),
    # "a bulletin", not "Horn Bulletin" (an outlet's name)
    (ChannelKind.STATEMENT, re.compile(r"\bstatement\b|\bcommuniqu[eé]\b|\bpress release\b|(?-i:\bbulletin\b)", re.I)),
    (ChannelKind.TELEVISION, re.compile(r"\btelevision\b|\btelevised\b|\bTV\b|\bon air\b|\bbroadcast\b")),
    (ChannelKind.REPORT, re.compile(r"\breport(s|ed)?\b", re.I)),
)
SETTING = re.compile(
    r"\b(at|during|in) an? (press|news) (conference|briefing)\b|\bon (state |national )?(television|tv|twitter)\b"
    r"|\bin an? (written |joint )?statement\b",
    re.I,
)
# Where a statement was put out ("on its radio station", "on its website"): a setting, neither cue nor content.
SETTING_NOUNS = {"station", "website", "site", "channel", "account", "page", "radio", "television", "tv", "twitter",
                 "telegram", "facebook", "x", "agency", "network", "outlet", "feed"}  # fmt: skip
INTERVIEW_HEADS = {"interview", "interviews", "speaking", "said", "appearance"}
OUTLET_WORDS = re.compile(
    r"\b(news|agency|times|post|press|tv|television|radio|channel|network|journal|daily|tribune|herald|gazette|wire|"
    r"reuters|afp|bbc|cnn|al jazeera|al-jazeera|sky|fox|nbc|cbs|abc|msnbc|associated|guardian|telegraph)\b",
    re.I,
)


def _outside_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the embed markup some articles carry ('<tweet tweet-author="@x">Sanders aide
    Jeff Weaver' -> 'Sanders aide Jeff Weaver'): it starts after a tag that closes inside it and ends
    before a tag that opens inside it."""
    close = text.rfind(">", start, end)
    if close >= 0 and text.rfind("<", text.rfind("\n", 0, start) + 1, close) >= 0:
        start = close + 1
    opening = text.find("<", start, end)
    if opening >= 0 and text.find(">", opening, end) < 0:
        end = opening
    return start, end


def _char_span(report: Report, doc: Doc, span: TokenSpan) -> Span | None:
    """Character span of a token range without punctuation tokens and quote marks at its ends."""
    first, last = span.start, span.end - 1
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = report.text
    start, end = _outside_markup(text, start, end)
    while start < end and (text[start].isspace() or text[start] in _QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES):
        end -= 1
    if end <= start:
        return None
    return Span(report_id=report.id, start=start, end=end, text=text[start:end])


def _channel(
    report: Report, doc: Doc, raw: RawAttribution, inside: Sequence[bool], outlets: frozenset[str] = frozenset()
) -> Channel:
    """The channel named around the cue: in the source/cue words or the rest of the cue's clause.

    A cue inside a quotation (nested speech) only looks inside that quotation."""
    if raw.cue is None:
        return Channel()
    cue_tok = doc[raw.cue.start]
    sent = cue_tok.sent
    content_ids = {i for c in raw.content for i in range(c.start, c.end)}
    frame_tokens = [t for t in sent if t.i not in content_ids and inside[t.i] == inside[cue_tok.i]]
    if raw.source is not None:
        frame_tokens += [t for t in doc[raw.source.start : raw.source.end] if t.sent != sent]
    frame = " ".join(t.text for t in frame_tokens)
    # reported content may swallow the setting: "confirmed the strike at a press conference"
    sentence = sent.text if not raw.content or not _is_direct(inside, raw) else ""
    if not any(p.search(frame) for _, p in CHANNEL_PATTERNS) and SETTING.search(sentence):
        frame = sentence
    for kind, pattern in CHANNEL_PATTERNS:
        if pattern.search(frame):
            outlet = _outlet(doc, frame_tokens, kind, outlets)
            if kind == ChannelKind.INTERVIEW and outlet is None and not re.search(r"\binterview\b", frame, re.I):
                continue
            span = None
            if outlet is not None:
                span = Span(report_id=report.id, start=outlet.idx, end=outlet.idx, text="")
                start, end = outlet.idx, outlet.doc[outlet.i : outlet.i + 1].end_char
                ent = _entity_at(doc, outlet)
                if ent is not None:
                    start, end = ent.start_char, ent.end_char
                if not any(t.pos_ == "PROPN" for t in doc[outlet.i : outlet.i + 1]) and ent is None:
                    return Channel(kind=kind)
                text = report.text[start:end]
                # "I.R.G.C.-affiliated Tasnim News Agency" -> "Tasnim News Agency"
                m = re.match(r"^(?:the\s+)?(?:\S+-(?:affiliated|run|owned|backed|linked)\s+)?", text, re.I)
                if m and m.end() < len(text):
                    start += m.end()
                span = Span(report_id=report.id, start=start, end=end, text=report.text[start:end])
            return Channel(kind=kind, outlet=span.text if span else None, span=span)
    return Channel()


def _entity_at(doc: Doc, tok: Token) -> SpacySpan | None:
    return next((e for e in doc.ents if e.start <= tok.i < e.end), None)


def _entity_text(doc: Doc, tok: Token) -> str:
    """The named entity a token is part of ("Horn Bulletin" for "Bulletin"), else the token itself."""
    ent = _entity_at(doc, tok)
    return ent.text if ent is not None else tok.text


def outlet_names(report: Report) -> frozenset[str]:
    """Names the report gives its own outlet: the ``outlet`` field and a wire dateline's "(Horn Bulletin)"."""
    names = {report.outlet} if report.outlet else set()
    for line in re.finditer(r"^", report.text, re.M):
        end = dateline_end(report.text, line.start())
        if end is not None:
            inside = re.search(r"\(([^)\n]+)\)", report.text[line.start() : end])
            if inside and not any(c.isdigit() for c in inside.group(1)):
                names.add(inside.group(1).strip())
    return frozenset(names)


def _outlet(doc: Doc, frame: Sequence[Token], kind: ChannelKind, outlets: frozenset[str] = frozenset()) -> Token | None:
    """Head token of the outlet: object of "told", "with" after "interview", "on"/"to" + outlet noun."""
    ids = {t.i for t in frame}
    for tok in frame:
        if tok.lemma_.lower() in {"tell", "speak"}:
            for child in tok.children:
                if (
                    child.dep_ in {"dobj", "dative"}
                    and child.i in ids
                    and (
                        child.ent_type_ in {"ORG", "GPE"}
                        or OUTLET_WORDS.search(child.text)
                        or _entity_text(doc, child) in outlets
                    )
                ):
                    return child
        if tok.lower_ in {"with", "to", "on"} and tok.head.lower_ in INTERVIEW_HEADS:
            for child in tok.children:
                if child.dep_ == "pobj" and child.i in ids:
                    return child
        if tok.lower_ in {"on", "to", "by"} and kind in {ChannelKind.TELEVISION, ChannelKind.REPORT, ChannelKind.INTERVIEW}:
            for child in tok.children:
                if child.dep_ == "pobj" and child.i in ids and OUTLET_WORDS.search(" ".join(t.text for t in child.subtree)):
                    return child
    return None


def _is_direct(inside: Sequence[bool], raw: RawAttribution) -> bool:
    flags = [inside[i] for c in raw.content for i in range(c.start, c.end)]
    return bool(flags) and sum(flags) >= 0.8 * len(flags)


def _without_setting(doc: Doc, raw: RawAttribution, inside: Sequence[bool]) -> RawAttribution:
    """Cut a channel phrase off the end of reported (unquoted) content:
    "claimed responsibility for the bombing | in a statement on its Amaq agency"."""
    if raw.cue is None:
        return raw
    cue_ids = set(range(raw.cue.start, raw.cue.end))
    last = raw.content[-1]
    for tok in doc[last.start + 1 : last.end]:
        if inside[tok.i]:
            continue
        if tok.dep_ == "prep" and (tok.head.i in cue_ids or tok.head.i < tok.i) and SETTING.match(doc[tok.i : last.end].text):
            return RawAttribution(raw.source, raw.cue, (*raw.content[:-1], TokenSpan(last.start, tok.i)))
    return raw


def _whole_clauses(doc: Doc, raws: Sequence[RawAttribution], inside: Sequence[bool]) -> list[RawAttribution]:
    """Reported content that opens with "that" (or "to") runs to the end of its clause: the tagger sometimes stops short
    ("said that artillery fired by the RSF from the east of the city | hit the market, killing 19 people").
    The clause never grows over another attribution's words or into a quotation."""
    taken = [{i for p in (r.source, r.cue, *r.content) if p is not None for i in range(p.start, p.end)} for r in raws]
    out = []
    for n, raw in enumerate(raws):
        first, last = raw.content[0], raw.content[-1]
        opener = doc[first.start]
        clause = opener.head
        end = last.end
        # ... and so does an infinitive one ("threatened to attack the airport | if the siege continued")
        infinitive = opener.lower_ == "to" and opener.dep_ == "aux" and clause.dep_ == "xcomp"
        if (opener.lower_ == "that" and opener.dep_ == "mark") or infinitive:
            # the clause without a second speech act joined to it ("... for a week and called on the UN to ...")
            acts = [c for c in clause.children if c.dep_ == "conj" and c.lemma_.lower() in REPORT_VERBS]
            cut = min((min(t.i for t in a.subtree) for a in acts), default=None)
            end = max(t.i for t in clause.subtree if cut is None or t.i < cut) + 1
            while end > last.end and doc[end - 1].dep_ == "cc":
                end -= 1
        # the parser may hang the clause's own verb beside it, without a subject ("that artillery fired by the RSF
        # | hit the market"): a subjectless clause of the same speech verb right after it goes on with it
        follow = next((c for c in clause.head.children if c.dep_ == "ccomp" and c.i > clause.i), None)
        if (
            end >= last.end
            and follow is not None
            and min(t.i for t in follow.subtree) == end
            and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in follow.children)
        ):
            end = max(t.i for t in follow.subtree) + 1
        while end > last.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        others = set().union(*(t for m, t in enumerate(taken) if m != n))
        grow = range(last.end, end)
        if end > last.end and not any(i in others or inside[i] for i in grow) and doc[end - 1].sent == opener.sent:
            raw = RawAttribution(raw.source, raw.cue, (*raw.content[:-1], TokenSpan(last.start, end)))
        out.append(raw)
    return out


def _inverted_clauses(doc: Doc, raws: Sequence[RawAttribution], inside: Sequence[bool]) -> list[RawAttribution]:
    """In an inverted frame the reported clause comes first and whole ("Hillary Clinton told investigators she
    was advised ..., the New York Times reported"): content the tagger began inside that clause starts at the
    clause's first word, and a statement inside it ("Clinton told ...") is nested in the one that frames it."""
    out = []
    for raw in raws:
        if raw.cue is not None and raw.content:
            verb = doc[raw.cue.start : raw.cue.end].root
            first = raw.content[0]
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
            own = {i for p in (raw.source, raw.cue) if p is not None for i in range(p.start, p.end)}
            if clause is not None and clause.left_edge.i < first.start <= clause.i:
                start = clause.left_edge.i
                grown = after_dateline(doc, TokenSpan(start, first.end)) or first  # never back into a dateline
                if not any(i in own or inside[i] != inside[first.start] for i in range(grown.start, first.start)):
                    raw = RawAttribution(raw.source, raw.cue, (grown, *raw.content[1:]))
        out.append(raw)
    return out


def _named_source(doc: Doc, raw: RawAttribution, actors: Sequence[ActorMention]) -> RawAttribution:
    """A source that ends with a named speaker after a comma is that speaker: "..., killing at least 18 civilians,
    including five children, | the Syrian Observatory for Human Rights said" (the parser made the civilians
    the subject); the words before go back to the content they continue."""
    if raw.source is None or not raw.content or raw.content[-1].end > raw.source.start:
        return raw
    start_char, end_char = doc[raw.source.start].idx, doc[raw.source.end - 1].idx + len(doc[raw.source.end - 1])
    named = [m for m in actors if m.kind in ("PERSON", "ORG", "OUTLET") and start_char < m.span.start and m.span.end == end_char]
    if not named:
        return raw
    first = doc.char_span(named[0].span.start, named[0].span.end, alignment_mode="expand")
    if first is None:
        return raw
    start = first.start - 1 if first.start > 0 and doc[first.start - 1].lower_ == "the" else first.start
    if start <= raw.source.start or doc[start - 1].text != ",":
        return raw
    last = raw.content[-1]
    return RawAttribution(TokenSpan(start, raw.source.end), raw.cue, (*raw.content[:-1], TokenSpan(last.start, start - 1)))


# The cue verb's own modifiers a content may open with: when and how it was said, not what.
CUE_TIME_ARCS = frozenset({"prep", "npadvmod"})


def _without_speech_time(doc: Doc, raw: RawAttribution) -> RawAttribution:
    """A reported content that opens with a phrase of the cue verb ("said | on Tuesday it had targeted the ship")
    starts after it: "on Tuesday" dates the saying, and as content it would date the act."""
    if raw.cue is None or not raw.content:
        return raw
    verb, first = doc[raw.cue.start : raw.cue.end].root, raw.content[0]
    lead = doc[first.start]
    if lead.dep_ not in CUE_TIME_ARCS or not any(t.ent_type_ in ("DATE", "TIME") for t in lead.subtree):
        return raw
    # the parser may hang it on the reported verb instead
    speech = speech_before_reported_subject(lead)
    on_clause = speech is not None and speech.i == verb.i and first.start == raw.cue.end
    if lead.head.i != verb.i and not on_clause:
        return raw
    after = max(t.i for t in lead.subtree) + 1
    if after >= first.end:
        return raw
    return RawAttribution(raw.source, raw.cue, (TokenSpan(after, first.end), *raw.content[1:]))


def _without_cue_setting(doc: Doc, raw: RawAttribution) -> RawAttribution:
    """Give the setting the tagger split between cue and content back to neither: "said in a statement on |
    its radio station that it had ..." -> cue "said in a statement", content "that it had ..."."""
    if raw.cue is None or raw.cue.end - raw.cue.start < 2 or not raw.content:
        return raw
    last, first = doc[raw.cue.end - 1], raw.content[0]
    if last.pos_ != "ADP" or last.dep_ != "prep" or not any(t.i == first.start for t in last.subtree):
        return raw
    place = next((c for c in last.children if c.dep_ == "pobj"), None)
    if place is None or place.lemma_.lower() not in SETTING_NOUNS:
        return raw  # "pointed to | evidence that ...": PolNeAR keeps such an object in the content
    after = max(t.i for t in last.subtree) + 1
    if after >= first.end:
        return raw
    return RawAttribution(raw.source, TokenSpan(raw.cue.start, raw.cue.end - 1), (TokenSpan(after, first.end), *raw.content[1:]))


# Objects of a preposition after the cue verb that make the phrase a channel ("in an interview with ...",
# "in a post on X"), not part of the cue, unless SETTING fuses it ("in a statement").
CHANNEL_OBJECTS = SETTING_NOUNS | {"interview", "statement", "conference", "briefing", "post", "tweet", "message",
                                   "video", "speech", "remarks", "communique", "release", "call", "telephone"}  # fmt: skip


def _circumstance(prep: Token) -> bool:
    """A prepositional phrase that tells when ("on Tuesday") or through what ("in an interview", "at a press
    conference") something was said."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    timed = any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)
    return timed or (pobj is not None and pobj.lemma_.lower() in CHANNEL_OBJECTS)


def _without_circumstance(doc: Doc, raw: RawAttribution, cue_rate: dict[str, float]) -> RawAttribution:
    """Keep when and through what it was said out of the cue and the content. The tagger (the network more than
    the CRF; PolNeAR's annotators split both ways) may run the cue over such a phrase of its verb, "said | on
    Tuesday", "said | in an interview with Tasnim", "said in a statement | on its radio station", or take a stray
    word of it as content ("confirmed the strike at a | press | conference"). The time and the channel are read
    on their own; a fused setting (SETTING: "in a statement", "on state television") stays in the cue. A cue that
    opens on a verb of manner before the speech verb ("followed up by | asking") starts at the speech verb."""
    if raw.cue is None:
        return raw
    cue, content = raw.cue, raw.content
    root = doc[cue.start : cue.end].root
    gerund = next((t for t in doc[cue.start : cue.end] if t.dep_ == "pcomp" and t.head.lower_ == "by" and t.pos_ == "VERB"), None)
    if gerund is not None and cue_rate.get(gerund.lemma_.lower(), 0.0) > cue_rate.get(root.lemma_.lower(), 0.0):
        cue = TokenSpan(gerund.i, cue.end)
        root = gerund
    if root.lower_ == "according":
        return RawAttribution(raw.source, cue, content)
    # phrases of the verb, or ones the parser hung on the reported verb ("said | on Tuesday they had ...")
    later = [t for t in doc[root.i + 1 : max(cue.end, content[-1].end)] if t.dep_ == "prep" and t.head.i != root.i]
    phrases = sorted((t for t in [*root.children, *later] if t.dep_ == "prep" and _circumstance(t)), key=lambda t: t.i)
    for prep in phrases:
        # a phrase after the verb, inside the cue, that hangs on the verb or outside the cue
        if not root.i < prep.i < cue.end or (prep.head.i != root.i and cue.start <= prep.head.i < cue.end):
            continue
        cut = prep.i
        fused = SETTING.match(doc.text, prep.idx)
        if fused is not None:
            cut = next((t.i for t in doc[prep.i : cue.end] if t.idx >= fused.end()), cue.end)
        if cut < cue.end:
            cue = TokenSpan(cue.start, cut)
            break
    own = [{t.i for t in p.subtree} for p in phrases if p.head.i == root.i]
    kept = tuple(c for c in content if not any(set(range(c.start, c.end)) <= words for words in own))
    return RawAttribution(raw.source, cue, kept or content)


def _without_dateline(doc: Doc, raw: RawAttribution) -> RawAttribution:
    """Start content and source after a paragraph's dateline: "SANAA (Gulf Wire) - | Air strikes by ... killed
    20", "MOSCOW, July 9 (TASS) - | Russia's Defence Ministry on Saturday denied ..."."""
    source = after_dateline(doc, raw.source) if raw.source is not None else None
    first = after_dateline(doc, raw.content[0])
    # a first fragment all in the dateline gives way to the next one, if any
    content = (first, *raw.content[1:]) if first is not None else raw.content[1:] or raw.content
    return RawAttribution(source, raw.cue, content)


def after_dateline(doc: Doc, span: TokenSpan) -> TokenSpan | None:
    """The part of a span after the dateline that opens its line (the span itself when there is none);
    None when the dateline holds all of it."""
    text = doc.text
    line_start = text.rfind("\n", 0, doc[span.start].idx) + 1
    end = dateline_end(text, line_start)
    if end is None or doc[span.start].idx >= end:
        return span
    start = next((t.i for t in doc[span.start : span.end] if t.idx >= end), span.end)
    return TokenSpan(start, span.end) if start < span.end else None


def _nobody(source: SpacySpan) -> bool:
    """ "No other group said it had carried out the strike": a source that names nobody reports that no one spoke."""
    first = next((t for t in source if not t.is_punct), None)
    return first is not None and (first.lower_ == "no" or first.lower_ in NEGATIVE_SUBJECTS)


def _statement_id(report: Report, cue: Span | None, content: Sequence[Span]) -> str:
    anchor = f"{report.id}:{cue.start if cue else -1}:{content[0].start if content else -1}"
    return "st-" + sha256_hex(anchor)[:16]


# Participles that give a name, not words: "a rescue group also known as the White Helmets", "a faction called X".
NAMING_VERBS = frozenset({"know", "call", "name", "dub", "nickname", "term", "style"})


def _naming_participle(doc: Doc, raw: RawAttribution) -> bool:
    """Whether the cue is a naming participle that modifies a noun ("also known as"): no one speaks there."""
    if raw.cue is None:
        return False
    verb = doc[raw.cue.start : raw.cue.end].root
    return verb.lemma_.lower() in NAMING_VERBS and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN"


def _coordinated_sources(doc: Doc, raws: Sequence[RawAttribution]) -> list[RawAttribution]:
    """A cue without a source that is coordinated with another attribution's cue verb shares its source: "the
    Rapid Support Forces on Monday denied shelling ... and accused the army of bombing it" (the grouping gives a
    source to one cue, and the parse may find the verb's subject in the dateline, which is cut off)."""
    by_cue = {i: r.source for r in raws if r.cue is not None and r.source is not None for i in range(r.cue.start, r.cue.end)}
    out = []
    for raw in raws:
        if raw.source is None and raw.cue is not None:
            verb = doc[raw.cue.start : raw.cue.end].root
            if verb.dep_ == "conj" and verb.head.i in by_cue:
                raw = RawAttribution(by_cue[verb.head.i], raw.cue, raw.content)
        out.append(raw)
    return out


def _no_time_sources(doc: Doc, labels: list[str]) -> list[str]:
    """A tagged source that is only a date or time ("Rapid Support Forces on | Monday | denied") names no speaker:
    its tokens go back to O, so the speaker's name is the source of every cue it stands by."""
    out = list(labels)
    for kind, start, end in label_spans(labels):
        if kind == "SRC" and all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[start:end]):
            out[start:end] = ["O"] * (end - start)
    return out


# A confidence is kept to four decimals: enough to sort by and to cut at, for a threshold chosen on a 0.05
# grid (scripts/train_statement_filter.py), and short in exports.
CONFIDENCE_DIGITS = 4
# Which statements tagger serves: "auto" (the BiLSTM with the embeddings extra, else the CRF), "crf" (about a
# third of the BiLSTM's cost per report, docs/performance.md; lower recall, docs/evaluation.md) or "bilstm".
TAGGER_SETTING = "RASHOMON_STATEMENTS_TAGGER"
TAGGER_CHOICES = ("auto", "crf", "bilstm")


def tagger_choice(requested: str | None = None) -> str:
    """The statements tagger to use: ``requested`` (a CLI option) if given, else the RASHOMON_STATEMENTS_TAGGER
    environment variable, else "auto"; a value outside TAGGER_CHOICES is a PipelineError naming its origin."""
    origin = "--statements-tagger" if requested is not None else TAGGER_SETTING
    raw = requested if requested is not None else os.environ.get(TAGGER_SETTING, "auto")
    choice = raw.strip().lower() or "auto"
    if choice not in TAGGER_CHOICES:
        raise PipelineError(f"{origin}={raw!r} is not a statements tagger; use one of {', '.join(TAGGER_CHOICES)}")
    return choice


@functools.cache
def tagger_named(choice: str) -> SpanTagger:
    """The packaged tagger for a ``tagger_choice`` (loaded once per process, read-only): "bilstm" the BiLSTM,
    which needs the ``embeddings`` extra (torch, all-MiniLM-L6-v2); "crf" the CRF; "auto" the BiLSTM when the
    extra is installed, else the CRF. The BiLSTM scores higher on PolNeAR dev (docs/evaluation.md); the CRF
    needs no torch and is about three times faster (docs/performance.md)."""
    if choice == "crf":
        return load_tagger()
    try:
        from rashomon.extract.quotes_neural import load_neural_tagger
    except ImportError:  # no torch or transformers: the CRF serves
        neural = None
    else:
        neural = load_neural_tagger()
    if neural is None and choice == "bilstm":
        raise PipelineError(
            "the bilstm statements tagger needs the embeddings extra: `pip install torch==2.13.0` then "
            "`pip install -e '.[embeddings]'` (or choose crf or auto)"
        )
    return neural or load_tagger()


def default_tagger() -> SpanTagger:
    """The tagger the environment chooses (``tagger_choice()``: RASHOMON_STATEMENTS_TAGGER, else "auto")."""
    return tagger_named(tagger_choice())


def candidate_attributions(
    doc: Doc, tagger: SpanTagger, actors: Sequence[ActorMention] = ()
) -> tuple[list[RawAttribution], Tagging, list[bool]]:
    """The finished token-level attributions of a parsed doc, before any confidence filter, with the
    tagging they came from and the doc's inside-quotation flags (``scripts/train_statement_filter.py``
    fits the filter on these)."""
    tagging = tagger.tag_scored(doc)
    raws = complete_reported(doc, complete(doc, group(doc, _no_time_sources(doc, tagging.labels)), tagger.cue_rate))
    raws = split_coordinated(doc, raws, tagger.cue_rate)
    inside = quote_flags(doc)
    raws = conventions(doc, [_without_dateline(doc, _without_setting(doc, _without_cue_setting(doc, r), inside)) for r in raws])
    raws = [r for r in raws if not _naming_participle(doc, r)]
    # the conventions grow a source over its compounds, which may reach back into the dateline ("ERBIL, Kurdistan
    # Region - Hemin Karim, a spokesman ...": the parser makes "Kurdistan Region" a compound of the name)
    raws = _coordinated_sources(doc, [_without_circumstance(doc, _without_dateline(doc, r), tagger.cue_rate) for r in raws])
    raws = _inverted_clauses(doc, _whole_clauses(doc, raws, inside), inside)
    raws = [_without_speech_time(doc, _named_source(doc, r, actors)) for r in raws]
    raws.sort(key=lambda r: r.content[0].start)
    return raws, tagging, inside


def extract_statements(
    report: Report,
    doc: Doc,
    actors: Sequence[ActorMention] = (),
    tagger: SpanTagger | None = None,
    statement_filter: StatementFilter | None = None,
    drop_unlikely: bool = True,
) -> list[Statement]:
    """Statements of one parsed report; ``report.text`` must be the text ``doc`` was parsed from.
    ``tagger`` defaults to ``default_tagger()`` (another one is passed when scoring a held-out split).
    ``statement_filter`` (by default the tagger's packaged one, ``statement_filter.filter_for``) drops the
    unlikely plain assertions of the tagger's own cues (``StatementFilter.drops``) and gives each statement it
    scores its ``confidence``; ``drop_unlikely=False`` keeps them all, scored, for recall-first work."""
    if len(doc) == 0:
        return []
    tagger = tagger or default_tagger()
    raws, tagging, inside = candidate_attributions(doc, tagger, actors)
    keep = statement_filter or filter_for(tagger.name)
    skip = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for r in raws for c in r.content]
    outlets = outlet_names(report)
    resolver = SpeakerResolver(doc, actors, skip=skip, outlets=outlets)
    statements: list[Statement] = []
    spans_of: list[tuple[int, int, str]] = []  # content fragments -> statement id, for nesting
    speaker_at: dict[int, Resolved] = {}  # cue and content tokens -> their statement's speaker
    for raw in raws:
        content = tuple(s for s in (_char_span(report, doc, c) for c in raw.content) if s is not None)
        if not content or (raw.source is not None and _nobody(doc[raw.source.start : raw.source.end])):
            continue
        cue = _char_span(report, doc, raw.cue) if raw.cue else None
        speaker = _char_span(report, doc, raw.source) if raw.source else None
        anchor = raw.source.start if raw.source else (raw.cue.start if raw.cue else raw.content[0].start)
        resolver.observe_text(doc[anchor].idx)
        resolved = resolver.resolve(doc[raw.source.start : raw.source.end]) if raw.source else None
        if resolved is None and raw.source is None and raw.cue is not None:
            # "X said ... that it had carried out the attack, saying ...": a speech verb without a subject that
            # hangs on another statement's cue, or on the verb of its content, shares that statement's speaker
            resolved = speaker_at.get(doc[raw.cue.start].head.i)
        if resolved is not None:
            parts = [raw.cue, *raw.content] if raw.cue is not None else list(raw.content)
            speaker_at.update({i: resolved for p in parts for i in range(p.start, p.end) if i not in speaker_at})
        channel = _channel(report, doc, raw, inside, outlets)
        if resolved is not None:
            resolver.spoke_through(channel.kind, resolved)
        if channel.span is not None:
            outlet = next((m for m in actors if m.span.start <= channel.span.start < m.span.end), None)
            if outlet is not None and outlet.actor_id is not None:
                channel = channel.model_copy(update={"outlet_actor_id": outlet.actor_id})
        content_tokens = [i for c in raw.content for i in range(c.start, c.end) if not doc[i].is_punct]
        direct = bool(content_tokens) and sum(inside[i] for i in content_tokens) >= 0.8 * len(content_tokens)
        names = (resolved.name if resolved else (speaker.text if speaker else None), resolved.affiliation if resolved else None)
        result = classify(
            doc,
            (raw.cue.start, raw.cue.end) if raw.cue else None,
            [(c.start, c.end) for c in raw.content],
            names,
            direct,
            person=(resolved.kind == "PERSON") if resolved else (speaker is not None and speaker.text.lower() in PERSON_PRONOUNS),
        )
        # dropped only now, as the stance decides; the speaker resolver has seen it as it did without a filter
        confidence = keep.score(doc, raw, tagging, tagger.cue_rate, inside) if keep is not None else None
        if drop_unlikely and keep is not None and keep.drops(confidence, result.stance):
            continue
        statement_id = _statement_id(report, cue, content)
        frame_start = (cue or speaker or content[0]).start
        parent = next((pid for s, e, pid in spans_of if s <= frame_start < e), None)
        statements.append(
            Statement(
                id=statement_id,
                speaker=speaker,
                speaker_name=resolved.name if resolved else (speaker.text if speaker else None),
                speaker_actor_id=resolved.actor_id if resolved else None,
                speaker_role=resolved.role if resolved else None,
                speaker_affiliation=resolved.affiliation if resolved else None,
                cue=cue,
                channel=channel,
                content=content,
                direct=direct,
                attributed=True,
                stance=result.stance,
                stance_target=result.target,
                parent_id=parent,
                confidence=None if confidence is None else round(confidence, CONFIDENCE_DIGITS),
            )
        )
        spans_of.extend((c.start, c.end, statement_id) for c in content)
    return headline_speakers(report.text, statements)


# Words that end a description's head ("commander of an Iranian-backed unit": the head is "commander").
HEAD_ENDS = frozenset({"of", "for", "from", "in", "at", "with", "on"})


def _head_word(name: str) -> str:
    """The head noun of a description: its last word before a preposition, lower case."""
    words = name.split()
    cut = next((k for k, w in enumerate(words) if w.lower() in HEAD_ENDS), len(words))
    return words[max(cut - 1, 0)].lower() if words else ""


def headline_speakers(text: str, statements: list[Statement]) -> list[Statement]:
    """A headline or a lede names its speaker by role before the story names the person: such a speaker becomes
    the first later named speaker with that role, or whose source has that word. Two places read ahead:

    * the headline (the first line): "..., governor says" over "regional governor Pavlo Kyrylenko said", "monitor
      says" over "The Britain-based monitor said";
    * a definite description before any named speaker: "The commander of an Iranian-backed Iraqi paramilitary
      unit has accused ..." over "Abu Ala al-Welayi, the secretary-general of K.S.S. said ... The Iraqi militia
      commander alleged".

    An indefinite description ("an official said") is an unnamed source of its own, in either place.

    Elsewhere in the story a role refers back (SpeakerResolver). The statements that took the description's name
    by a pronoun ("He said") follow it."""
    first_line = text.find("\n")
    first_named = next(
        (k for k, s in enumerate(statements) if s.speaker_actor_id or _named_speaker(s.speaker_name)), len(statements)
    )
    out = list(statements)
    for i, statement in enumerate(statements):
        speaker, name = statement.speaker, statement.speaker_name or ""
        if speaker is None or statement.speaker_actor_id or not name:
            continue
        in_headline = 0 <= speaker.start < first_line
        lede = i < first_named and speaker.text.lower().startswith("the ")
        head = _head_word(name)
        if not (in_headline or lede) or head not in PERSON_ROLES | GROUP_NOUNS or _named_speaker(name, first=1):
            continue  # "..., governor says", "Rights group says": a role or a group noun, not a name
        if speaker.text.lower().startswith(("a ", "an ")):
            continue  # "A commander of the militia said": an unnamed source of its own
        later = next(
            (
                s
                for s in statements[i + 1 :]
                if s.speaker is not None
                and s.speaker.start > (first_line if in_headline else speaker.end)
                and s.speaker_name
                and s.speaker_name != name
                # its role, or the words of its source ("monitor says" over "The Britain-based monitor said")
                and head in {*(s.speaker_role or "").lower().split(), *s.speaker.text.lower().split()}
            ),
            None,
        )
        if later is None:
            continue
        update = {
            "speaker_name": later.speaker_name,
            "speaker_actor_id": later.speaker_actor_id,
            "speaker_role": later.speaker_role,
            "speaker_affiliation": later.speaker_affiliation,
        }
        for k in range(i, statements.index(later)):
            if statements[k].speaker_name == name and not statements[k].speaker_actor_id:
                out[k] = out[k].model_copy(update=update)
    return out


def _named_speaker(name: str | None, first: int = 0) -> bool:
    """Whether a speaker name is a name ("Pavlo Kyrylenko", "Islamic State") rather than a description
    ("regional governor", "commander of an Iranian-backed Iraqi paramilitary unit"): a capital in its head, from
    word ``first`` on (1 where the first word's capital says nothing: a headline's "Rights group says", a
    demonym's "Iraqi militia commander")."""
    if not name:
        return False
    words = name.split()
    cut = next((k for k, w in enumerate(words) if w.lower() in HEAD_ENDS), len(words))
    return any(w[:1].isupper() for w in words[first:cut])


class StatementComponent:
    """Statements of each report, by the tagger ``tagger`` names (``tagger_choice``: None defers to the
    environment). A bad name fails here, when the pipeline is built; the tagger loads on the first report.
    ``drop_unlikely``: whether the tagger's confidence filter drops what it scores low (``extract_statements``)."""

    name = "rashomon.statements.v1"
    requires: tuple[str, ...] = ("doc", "actors")
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, tagger: str | None = None, drop_unlikely: bool = True) -> None:
        self.tagger_choice = tagger_choice(tagger)
        self.drop_unlikely = drop_unlikely

    def configure_nlp(self, nlp: Language) -> None:
        return None

    def __call__(self, draft: Draft) -> None:
        tagger = tagger_named(self.tagger_choice)
        draft.statements.extend(
            extract_statements(draft.report, draft.doc, draft.actors, tagger=tagger, drop_unlikely=self.drop_unlikely)
        )
