"""Rules that complete the tagger's attributions for quotations.

The tagger is trained on US political news; conflict reporting quotes the same way but with longer,
multi-paragraph quotations and unfamiliar names. These rules only add what the tagger left out:

* a quotation in marks that no attribution covers, with a speech verb and its subject right after it
  ("..., the spokesman said.", "..., said the governor.") or right before it ("The minister said: ..."),
  becomes an attribution;
* an uncovered quotation with no frame of its own continues the last attribution before it in the
  same paragraph ("...," he said. "...");
* a paragraph that opens with a quotation mark while the previous paragraph's quotation was never
  closed continues that quotation (the multi-paragraph convention of news writing);
* a speech-act verb of conflict reporting that the tagger left out ("accused X of ...", "claimed
  responsibility for ...", "threatened to ...", "according to X, ...") becomes an attribution from
  its parse: subject (or passive agent) as source, complement as content;
* an attribution without a source takes the passive agent of its cue ("was claimed by X").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rashomon.extract.quotes_tagger import CLOSE_QUOTES, OPEN_QUOTES, RawAttribution, TokenSpan, paragraphs, quote_flags
from rashomon.extract.speakers import REPORT_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A quotation shorter than this many words is a scare quote ("resistance" forces), not speech.
MIN_QUOTE_WORDS = 4
# A verb whose lemma is in a cue at least this often in PolNeAR train frames a quotation
# ("said", "added", "told", "tweeted", "wrote" ... are all far above it; "be", "have" far below).
FRAME_CUE_RATE = 0.3
# Words a frame may hold between the quotation and its speech verb (", the Coalition spokesman US
# Army Col Ryan Dillon tweeted" has 8); longer gaps are another clause.
MAX_FRAME_GAP = 12
# Let unambiguous parse frames ("according to X", "accused X of Y") override the tagger's reading.
# On a train-internal split (last 10% of PolNeAR train) this raised source F1 0.666 -> 0.671.
REGULARISE = True


def quotations(doc: Doc) -> list[tuple[int, int, bool]]:
    """(open, close, closed) token indices of quotations, per paragraph; close is exclusive."""
    out = []
    for start, end in paragraphs(doc):
        open_at: int | None = None
        for tok in doc[start:end]:
            if open_at is None and tok.text in OPEN_QUOTES:
                open_at = tok.i
            elif open_at is not None and tok.text in CLOSE_QUOTES:
                out.append((open_at, tok.i + 1, True))
                open_at = None
        if open_at is not None:
            out.append((open_at, end, False))
    return out


def _speech_verb(tok: Token, cue_rate: dict[str, float]) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and cue_rate.get(tok.lemma_.lower(), 0.0) >= FRAME_CUE_RATE


def _subject(verb: Token) -> TokenSpan | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words = list(child.subtree)
            return TokenSpan(words[0].i, words[-1].i + 1)
    return None


def _frame_after(doc: Doc, close: int, cue_rate: dict[str, float]) -> tuple[TokenSpan, TokenSpan] | None:
    """ ", the spokesman said" / ", said the governor" right after a quotation."""
    if close >= len(doc):
        return None
    sent_end = doc[close - 1].sent.end if doc[close - 1].sent.end > close else doc[close].sent.end
    for tok in doc[close : min(sent_end, close + MAX_FRAME_GAP)]:
        if tok.text in OPEN_QUOTES or "\n" in tok.text:
            return None
        # '"...," but is a person he can admire': a clause goes on, the quotation has no frame here
        if tok.pos_ == "CCONJ" or (tok.pos_ == "VERB" and not _speech_verb(tok, cue_rate)):
            return None
        if _speech_verb(tok, cue_rate):
            subject = _subject(tok)
            if subject is None:
                return None
            return subject, TokenSpan(tok.i, tok.i + 1)
    return None


def _frame_before(doc: Doc, open_at: int, cue_rate: dict[str, float]) -> tuple[TokenSpan, TokenSpan] | None:
    """ "The minister said: ..." right before a quotation."""
    if open_at == 0 or doc[open_at - 1].text not in {":", ","}:
        return None
    sent = doc[open_at - 1].sent
    for tok in reversed(doc[max(sent.start, open_at - MAX_FRAME_GAP) : open_at - 1]):
        if "\n" in tok.text or tok.text in CLOSE_QUOTES:
            return None
        if _speech_verb(tok, cue_rate):
            subject = _subject(tok)
            if subject is None or subject.end > tok.i:
                return None
            return subject, TokenSpan(tok.i, tok.i + 1)
    return None


def _cue_word(tok: Token, cue_rate: dict[str, float]) -> bool:
    """A word that can carry a cue: any verb (PolNeAR's attitudes, "was reflected in", are verbs too), or a word
    its cues hold at least as often as a frame's ("according", "statement")."""
    return tok.pos_ in {"VERB", "AUX"} or (not tok.is_punct and cue_rate.get(tok.lemma_.lower(), 0.0) >= FRAME_CUE_RATE)


def cue_from_content(doc: Doc, raws: Sequence[RawAttribution], cue_rate: dict[str, float]) -> list[RawAttribution]:
    """A cue the tagger drew on words that cannot carry one, while the speech verb opens its content
    ("Kataib Hezbollah, one of ..., on Tuesday denied any involvement": cue "on Tuesday", content "denied
    any involvement ..."), moves to that verb; the content keeps what the verb governs after it."""
    out = []
    for raw in raws:
        if raw.cue is not None and raw.content and not any(_cue_word(t, cue_rate) for t in doc[raw.cue.start : raw.cue.end]):
            first = raw.content[0]
            words = [t for t in doc[first.start : first.end] if not (t.is_punct or t.is_space)]
            verb = words[0] if words else None
            if verb is not None and _speech_verb(verb, cue_rate) and verb.i + 1 < first.end:
                raw = RawAttribution(
                    raw.source, TokenSpan(verb.i, verb.i + 1), (TokenSpan(verb.i + 1, first.end), *raw.content[1:])
                )
        out.append(raw)
    return out


def complete(doc: Doc, raws: Sequence[RawAttribution], cue_rate: dict[str, float]) -> list[RawAttribution]:
    out = cue_from_content(doc, raws, cue_rate)
    covered: set[int] = set()
    for raw in out:
        for part in (raw.source, raw.cue, *raw.content):
            if part is not None:
                covered.update(range(part.start, part.end))
    para_of = {}
    for n, (s, e) in enumerate(paragraphs(doc)):
        for i in range(s, e):
            para_of[i] = n
    previous_unclosed: tuple[int, int] | None = None  # (paragraph, index into out) of an unclosed quotation
    for open_at, close, closed in quotations(doc):
        inner = TokenSpan(open_at + 1, close - 1 if closed else close)
        words = [t for t in doc[inner.start : inner.end] if not t.is_punct and not t.is_space]
        if len(words) < MIN_QUOTE_WORDS:
            continue
        para = para_of[open_at]
        uncovered = [t for t in words if t.i not in covered]
        if len(uncovered) >= 0.8 * len(words):
            frame = _frame_after(doc, close, cue_rate) if closed else None
            frame = frame or _frame_before(doc, open_at, cue_rate)
            if frame is not None and not (frame[0].start < inner.end and frame[0].end > inner.start):
                out.append(RawAttribution(source=frame[0], cue=frame[1], content=(inner,)))
                covered.update(range(inner.start, inner.end))
            else:
                target = None
                if previous_unclosed is not None and previous_unclosed[0] == para - 1:
                    target = previous_unclosed[1]
                else:
                    before = [
                        k
                        for k, r in enumerate(out)
                        if r.content and r.content[-1].end <= open_at and para_of.get(r.content[-1].start) == para
                    ]
                    if before:
                        target = max(before, key=lambda k: out[k].content[-1].end)
                if target is not None:
                    raw = out[target]
                    out[target] = RawAttribution(raw.source, raw.cue, (*raw.content, inner))
                    covered.update(range(inner.start, inner.end))
        previous_unclosed = None
        if not closed:
            owner = next(
                (
                    k
                    for k, r in enumerate(out)
                    if any(c.start <= inner.start < c.end or c.start <= words[0].i < c.end for c in r.content)
                ),
                None,
            )
            if owner is not None:
                previous_unclosed = (para, owner)
    return _split_framed_quotes(doc, out, cue_rate)


def _split_framed_quotes(doc: Doc, raws: list[RawAttribution], cue_rate: dict[str, float]) -> list[RawAttribution]:
    """A quotation with its own frame right after it ('"...," she added.') that the tagger swallowed
    into an earlier attribution's content becomes its own attribution."""
    out = list(raws)
    cues = {i for r in out if r.cue is not None for i in range(r.cue.start, r.cue.end)}
    for open_at, close, closed in quotations(doc):
        inner = TokenSpan(open_at + 1, close - 1)
        if not closed or inner.end - inner.start < MIN_QUOTE_WORDS:
            continue
        frame = _frame_after(doc, close, cue_rate)
        if frame is None or frame[1].start in cues:
            continue
        owner = next(
            (
                k
                for k, r in enumerate(out)
                if r.cue is not None and r.cue.end <= open_at and any(c.start <= inner.start < c.end for c in r.content)
            ),
            None,
        )
        if owner is None:
            continue
        raw = out[owner]
        kept: list[TokenSpan] = []
        for c in raw.content:
            if c.end <= open_at or c.start >= close:
                kept.append(c)
                continue
            if c.start < open_at:
                kept.append(TokenSpan(c.start, open_at))
            if c.end > close:
                kept.append(TokenSpan(close, c.end))
        kept = [c for c in kept if any(not t.is_punct and not t.is_space for t in doc[c.start : c.end])]
        if not kept:
            continue
        out[owner] = RawAttribution(raw.source, raw.cue, tuple(kept))
        out.append(RawAttribution(source=frame[0], cue=frame[1], content=(inner,)))
        cues.update(range(frame[1].start, frame[1].end))
    return out


# Speech acts the stance rules care about; each maps to the complement relations that hold its content.
# fmt: off
REPORT_VERBS = {
    "say": ("ccomp",), "tell": ("ccomp",), "add": ("ccomp",), "state": ("ccomp",), "announce": ("ccomp", "dobj"),
    "accuse": ("prep",), "blame": ("prep",), "allege": ("ccomp",), "claim": ("ccomp", "dobj"),
    "deny": ("ccomp", "dobj"), "confirm": ("ccomp", "dobj"), "threaten": ("xcomp", "ccomp"),
    "warn": ("ccomp", "xcomp"), "vow": ("xcomp", "ccomp"), "demand": ("dobj", "ccomp"), "urge": ("xcomp", "dobj"),
    "insist": ("ccomp",), "tweet": ("ccomp", "dobj"), "acknowledge": ("ccomp", "dobj"), "admit": ("ccomp",),
    "note": ("ccomp",), "argue": ("ccomp",), "explain": ("ccomp",), "write": ("ccomp",), "report": ("ccomp",),
    "suggest": ("ccomp",), "believe": ("ccomp",), "think": ("ccomp",), "stress": ("ccomp",), "declare": ("ccomp",),
    "reject": ("dobj", "ccomp"), "dismiss": ("dobj", "ccomp"), "refute": ("dobj", "ccomp"),
    "predict": ("ccomp",),
    # attitudes PolNeAR annotates as attributions (support, criticism, wishes, knowledge)
    "criticize": ("dobj",), "praise": ("dobj",), "defend": ("dobj",), "endorse": ("dobj",), "support": ("dobj",),
    "want": ("xcomp", "dobj", "ccomp"), "hope": ("xcomp", "ccomp"), "expect": ("xcomp", "ccomp", "dobj"),
    "fear": ("ccomp", "dobj"), "know": ("ccomp",), "agree": ("ccomp", "xcomp"), "describe": ("dobj",),
    "feel": ("ccomp",), "worry": ("ccomp",), "plan": ("xcomp",), "favor": ("dobj",), "oppose": ("dobj",),
    "contend": ("ccomp",), "assert": ("ccomp",), "reveal": ("ccomp",), "promise": ("xcomp", "ccomp"),
}
# The verbs of REPORT_VERBS that tell speech itself, not an attitude or a plan: the ones nested speech is read
# from inside another's reported content ("told Reuters that the commander said ..."), where "he wants",
# "she plans", "they believe" are what the outer speaker says of them, not statements of their own.
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "state", "announce", "accuse", "blame", "allege", "claim", "deny", "confirm", "threaten",
     "warn", "demand", "urge", "insist", "tweet", "acknowledge", "admit", "note", "write", "report", "declare",
     "reject", "refute", "assert", "reveal", "contend"}
)
# fmt: on


def speech_before_reported_subject(phrase: Token) -> Token | None:
    """The verb above a reported clause whose opening phrase dates or sets the saying: "said | on Tuesday | they
    had targeted the ship". The parser hangs the phrase on the reported verb, but right after that verb's
    governor and before its subject it modifies the saying ("said it had on Tuesday targeted" would not)."""
    verb = phrase.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ != "ccomp" or subject is None or phrase.i > subject.i or phrase.left_edge.i != verb.head.i + 1:
        return None
    return verb.head


def _subtree(tok: Token, stop: set[int] | None = None) -> TokenSpan:
    words = [t for t in tok.subtree if stop is None or t.i not in stop]
    while words and words[-1].is_punct:
        words.pop()
    return TokenSpan(words[0].i, words[-1].i + 1)


def _agent(verb: Token) -> TokenSpan | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _subtree(pobj)
    return None


def _reported(doc: Doc, verb: Token, relative: bool = False) -> RawAttribution | None:
    """An attribution read from the parse around one speech-act verb; None when a part is missing. A relative
    pronoun subject ("an official who said ...") is a source only with ``relative`` (nested speech)."""
    lemma = verb.lemma_.lower()
    source = _agent(verb)
    if source is None:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or (subj.lower_ in {"who", "which", "that"} and not (relative and verb.dep_ == "relcl")):
            return None
        source = _subtree(subj)
    cue_end = verb.i + 1
    content: TokenSpan | None = None
    for rel in REPORT_VERBS[lemma]:
        child = next((c for c in verb.children if c.dep_ == rel and c.i > verb.i), None)
        if child is None:
            continue
        if rel == "prep":  # "accused X of Y": the verb is the cue, "X of Y" the content (PolNeAR, 94 of 126)
            if child.lower_ not in {"of", "for"}:
                continue
            pobj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if pobj is None:
                continue
            content = TokenSpan(verb.i + 1, _subtree(pobj).end)
        else:
            content = _subtree(child)
        break
    if content is None or content.start < cue_end:
        return None
    return RawAttribution(source=source, cue=TokenSpan(verb.i, cue_end), content=(content,))


def _according_to(doc: Doc, tok: Token) -> RawAttribution | None:
    """ "According to X, Y" / "Y, according to X"."""
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    return None if pobj is None else _around_frame(tok, pobj, TokenSpan(tok.i, tok.i + 2))


# "The Civil Defence put the toll at 15 dead": a source's figure, given without a speech verb.
ESTIMATE_VERBS = frozenset({"put", "place", "estimate"})
TOLL_NOUNS = frozenset({"toll", "number", "figure"})


def _toll_estimate(doc: Doc, verb: Token) -> RawAttribution | None:
    """Source the subject, cue the verb, content the toll and its figure ("the toll at 15 dead")."""
    toll = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"at", "to"}), None)
    if toll is None or subj is None or at is None or subj.lower_ in {"who", "which", "that"}:
        return None
    content = TokenSpan(toll.left_edge.i, max(at.right_edge.i, toll.right_edge.i) + 1)
    return RawAttribution(source=_subtree(subj), cue=TokenSpan(verb.i, verb.i + 1), content=(content,))


def _in_poll(doc: Doc, tok: Token) -> RawAttribution | None:
    """ "In a new poll, Clinton leads ..." / "... leads in the latest survey": PolNeAR makes the poll the
    source and "in" the cue (about 35 times in train[:90%], and 12 of the 270 gold attributions the
    extractor missed on the last 10%)."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in {"VERB", "AUX"}:
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS), None)
    return None if pobj is None else _around_frame(tok, pobj, TokenSpan(tok.i, tok.i + 1))


def _clause_around(frame: Token) -> tuple[TokenSpan, ...]:
    """The clause a framing phrase hangs in, without that phrase, in pieces ("Critics, according to a poll,
    disagree" -> "Critics", "disagree")."""
    skip = {t.i for t in frame.subtree}
    words = [t.i for t in frame.head.subtree if t.i not in skip and not t.is_punct]
    if not words:
        return ()
    fragments: list[TokenSpan] = []
    start = prev = words[0]
    for i in words[1:]:
        if any(j in skip for j in range(prev + 1, i)):
            fragments.append(TokenSpan(start, prev + 1))
            start = i
        prev = i
    fragments.append(TokenSpan(start, prev + 1))
    return tuple(fragments)


def _around_frame(prep: Token, pobj: Token, cue: TokenSpan) -> RawAttribution | None:
    """Source the object of a framing preposition, content the clause around the frame."""
    content = _clause_around(prep)
    return RawAttribution(source=_subtree(pobj), cue=cue, content=content) if content else None


def _as_frame(doc: Doc, verb: Token, cue_rate: dict[str, float] | None = None) -> RawAttribution | None:
    """ "As The Hill reported, Donald Trump was also accused ...": source the subject of the "as" clause, cue
    its speech verb, content the clause it hangs in (PolNeAR has 258 such attributions in train)."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if verb.lemma_.lower() not in REPORT_VERBS and (cue_rate is None or not _speech_verb(verb, cue_rate)):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in {"it", "who", "which", "that"} or any(c.dep_ in CONTENT_OF_AS for c in verb.children):
        return None
    content = _clause_around(verb)
    return RawAttribution(source=_subtree(subj), cue=TokenSpan(verb.i, verb.i + 1), content=content) if content else None


# A verb of an "as" clause that has its own object or clause says something else ("as he told reporters
# that ...", "as she called the strike a crime"): it frames nothing.
CONTENT_OF_AS = frozenset({"dobj", "ccomp", "xcomp"})


def _overlaps(a: RawAttribution, b: RawAttribution) -> bool:
    ta = {i for p in (a.source, a.cue, *a.content) if p is not None for i in range(p.start, p.end)}
    return any(p is not None and any(i in ta for i in range(p.start, p.end)) for p in (b.source, b.cue, *b.content))


# What a speaker puts out itself. "Kasich said ..., according to press reports" is different: the reports
# relay his words, and PolNeAR makes them the source (all 30 "according to" a report noun in its train).
OWN_CHANNEL_NOUNS = REPORT_NOUNS - {"report"}


def _own_channel_object(doc: Doc, according: Token) -> bool:
    """ "according to a statement": the object of "according to" is a lower-case noun for what a speaker issues."""
    pobj = next((c for c in doc[according.i + 1].children if c.dep_ == "pobj"), None) if according.i + 1 < len(doc) else None
    return pobj is not None and pobj.text.islower() and pobj.lemma_ in OWN_CHANNEL_NOUNS  # "the Post" is a newspaper


def _speech_inside_according(doc: Doc, raw: RawAttribution) -> RawAttribution | None:
    """ "X said its fighters struck the base, according to a statement": a tagger that made "according to" the
    cue and "X said ..." its content read the frame inside out; the speech verb's own frame is the attribution
    (and "according to a statement" its channel, as ``_names_the_channel`` reads it)."""
    if raw.cue is None or doc[raw.cue.start].lower_ != "according" or not _own_channel_object(doc, doc[raw.cue.start]):
        return None
    ids = {i for p in raw.content for i in range(p.start, p.end)}
    for verb in doc[raw.cue.start].ancestors:
        speaks = verb.i in ids and verb.pos_ == "VERB" and verb.lemma_.lower() in REPORT_VERBS
        if speaks and any(c.dep_ == "nsubj" and c.i in ids for c in verb.children):
            frame = _reported(doc, verb)
            if frame is None:
                return None
            # the content ends before "according to ..." (its comma is trimmed with the character offsets)
            phrase = min(t.i for t in doc[raw.cue.start].subtree)
            content = tuple(TokenSpan(p.start, min(p.end, phrase)) for p in frame.content if p.start < phrase)
            return RawAttribution(frame.source, frame.cue, content) if content else None
    return None


def _names_the_channel(doc: Doc, according: Token, raws: Sequence[RawAttribution]) -> bool:
    """ "X said its fighters struck the base, according to a statement posted on its channels": "according
    to" a noun for what a speaker issues, inside what a speech verb with a speaker of its own governs, names that statement's
    channel; it is not a second attribution that takes the content from X. ("Sullivan made his ruling ..., according
    to a press release": "made" is no speech verb, and the release is the source.)"""
    if not _own_channel_object(doc, according):
        return False
    ancestors = {t.i for t in according.ancestors}
    return any(
        r.source is not None
        and r.cue is not None
        and any(i in ancestors and doc[i].lemma_.lower() in REPORT_VERBS for i in range(r.cue.start, r.cue.end))
        for r in raws
    )


def regularise(doc: Doc, raws: Sequence[RawAttribution]) -> list[RawAttribution]:
    """Replace the tagger's reading where the parse frame is unambiguous and the tagger broke it:
    "According to X, Y" whose "according to" is not the cue, and "accused X of Y" / "blamed X for Y"
    whose content is not the complement of "of"/"for"."""
    out = [_speech_inside_according(doc, r) or r for r in raws]
    cue_tokens = {i for r in out if r.cue is not None for i in range(r.cue.start, r.cue.end)}
    for tok in doc:
        fixed = None
        if tok.lower_ == "according" and tok.i not in cue_tokens:
            fixed = _according_to(doc, tok)
            if fixed is not None and _names_the_channel(doc, tok, out):
                phrase = {t.i for t in tok.subtree}
                out = [r for r in out if not _parts(r) <= phrase]
                continue
        elif tok.lemma_.lower() in {"accuse", "blame"} and tok.pos_ == "VERB":
            fixed = _reported(doc, tok)
            if fixed is not None and any(r.cue == fixed.cue and r.content == fixed.content for r in out):
                fixed = None
        if fixed is None:
            continue
        out = [r for r in out if not _overlaps(fixed, r)]
        out.append(fixed)
    return out


def _nested_speech(doc: Doc, verb: Token, taken: set[int], reported: list[set[int]]) -> RawAttribution | None:
    """Speech told inside another attribution's reported content ("told Reuters that the commander said ...",
    "quoted an official who said ..."): an attribution around a speech verb (``SPEECH_VERBS``) that lies whole
    inside one such content and takes no token of ``taken``; None otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    inner = _reported(doc, verb, relative=True)
    if inner is None:
        return None
    parts = _parts(inner)
    return inner if not parts & taken and any(parts <= content for content in reported) else None


def complete_reported(doc: Doc, raws: Sequence[RawAttribution]) -> list[RawAttribution]:
    """Add parse-based attributions for speech acts the tagger left out; give sourceless cues their agent."""
    out = []
    for raw in regularise(doc, raws) if REGULARISE else raws:
        if raw.source is None and raw.cue is not None:
            agent = next((a for a in (_agent(t) for t in doc[raw.cue.start : raw.cue.end]) if a), None)
            # not an agent the tagger made the content ("was intimidated by | the letter"): one role per token
            if agent is not None and not any(c.start < agent.end and agent.start < c.end for c in raw.content):
                raw = RawAttribution(source=agent, cue=raw.cue, content=raw.content)
        out.append(raw)
    frames: set[int] = set()  # tokens of a source or cue
    reported: list[set[int]] = []  # each attribution's content outside quotation marks
    quoted_content: set[int] = set()  # tokens of quoted content: speech inside them is nested speech
    inside = quote_flags(doc)
    for raw in out:
        frames.update(i for part in (raw.source, raw.cue) if part is not None for i in range(part.start, part.end))
        unquoted = {i for part in raw.content for i in range(part.start, part.end) if not inside[i]}
        quoted_content.update(i for part in raw.content for i in range(part.start, part.end) if inside[i])
        reported.append(unquoted)
    covered = frames.union(*reported)  # tokens of a source or cue, or of a content outside quotation marks
    nested: set[int] = set()  # tokens of the nested statements read from reported content
    for tok in doc:
        if tok.i in covered:
            if tok.i not in frames | nested and (inner := _nested_speech(doc, tok, frames | nested, reported)) is not None:
                out.append(inner)
                nested.update(_parts(inner))
            continue
        found = None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORT_VERBS:
            found = _reported(doc, tok)
        elif tok.lower_ == "according":
            found = _according_to(doc, tok)
        elif tok.lower_ == "in":
            found = _in_poll(doc, tok)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in ESTIMATE_VERBS:
            found = _toll_estimate(doc, tok)
        if tok.pos_ == "VERB" and (framed := _as_frame(doc, tok)) is not None:
            # the clause it frames may hold a statement of its own, which is then nested inside this one
            frame = {i for p in (framed.source, framed.cue) if p is not None for i in range(p.start, p.end)}
            if not frame & covered:
                out.append(framed)
                covered.update(frame)
            continue
        if found is None:
            continue
        # a toll estimate may share its source with the statement the tagger found ("The Civil Defence, ..., put the
        # toll at 15 dead and said ...")
        shared = found.cue is not None and doc[found.cue.start].lemma_.lower() in ESTIMATE_VERBS
        parts = [p for p in (None if shared else found.source, found.cue, *found.content) if p is not None]
        tokens = {i for p in parts for i in range(p.start, p.end)}
        if tokens & covered:
            continue
        if tokens & quoted_content and not tokens <= quoted_content:
            continue  # half inside a quotation: not a nested statement
        out.append(found)
        covered.update(tokens)
    return out


# --------------------------------------------------------------------------- span conventions

# Dependents of a cue's words that PolNeAR puts inside the cue when they touch it. Measured on
# PolNeAR train[:90%] (gold cues, dependents adjacent to the cue): aux 98%, auxpass 97%, neg 99%,
# advmod 90% (wh-adverbs such as "when" never), particles 100%; on the right, bare noun-phrase
# adverbials ("said Sunday", "said last week") 68%, while adverbs there are 75% in but adding them
# lowered cue F1 on the last 10% of train (0.6625 vs 0.6635 with npadvmod alone, 0.6608 without).
CUE_LEFT_ARCS = {"aux", "auxpass", "neg", "advmod"}
CUE_RIGHT_ARCS = {"prt", "neg", "npadvmod"}
# Dependents of a source's head that PolNeAR keeps inside the source (same measure: compound 99%,
# det 98%, poss 99%, amod 96%, nummod 91%, appos 88%, prep 86%, conj 91%); relative clauses (50%)
# and participle modifiers (36%) are left as the tagger drew them.
SOURCE_LEFT_ARCS = {"compound", "det", "poss", "amod", "nummod", "nmod", "predet", "quantmod"}
SOURCE_RIGHT_ARCS = {"appos", "conj", "cc", "nummod", "compound"}
# Nouns whose "in" phrase frames a finding as theirs ("in the latest poll").
POLL_NOUNS = {"poll", "survey"}


def _parts(raw: RawAttribution) -> set[int]:
    return {i for p in (raw.source, raw.cue, *raw.content) if p is not None for i in range(p.start, p.end)}


def tidy_cue(doc: Doc, cue: TokenSpan, blocked: set[int]) -> TokenSpan:
    """Grow a cue over the auxiliaries, negation, adverbs and particles that touch it ("has not
    said", "also noted", "pointed out")."""
    heads = set(range(cue.start, cue.end))
    start, end = cue.start, cue.end
    while start > 0:
        # a non-breaking space between the words is a token of its own
        gap = 1 if start > 1 and doc[start - 1].is_space and "\n" not in doc[start - 1].text else 0
        tok = doc[start - 1 - gap]
        if tok.i in blocked or tok.head.i not in heads or tok.dep_ not in CUE_LEFT_ARCS or tok.tag_ == "WRB":
            break
        start = tok.i
        heads.add(tok.i)
    while end < len(doc):
        gap = 1 if end + 1 < len(doc) and doc[end].is_space and "\n" not in doc[end].text else 0
        tok = doc[end + gap]
        if tok.i in blocked or tok.head.i not in heads or tok.dep_ not in CUE_RIGHT_ARCS or tok.tag_ in {"WRB", "IN"}:
            break
        end = tok.i + 1
        heads.add(tok.i)
    return TokenSpan(start, end)


def _inline_space(tok: Token) -> bool:
    """A space token inside a line: a non-breaking space between two words is a token of its own."""
    return tok.is_space and "\n" not in tok.text


def _across_nbsp(doc: Doc, span: TokenSpan, blocked: set[int]) -> TokenSpan:
    """A span the tagger stopped at a non-breaking space inside its noun phrase ("Blaze co-host Stu" + NBSP +
    "Burguiere", "the" + NBSP + "Post") goes on over it, to the word the span hangs on or that hangs on it."""
    start, end = span.start, span.end
    while end + 1 < len(doc) and _inline_space(doc[end]) and doc[end + 1].i not in blocked:
        nxt = doc[end + 1]
        if not (nxt.head.i in range(start, end) or any(doc[i].head.i == nxt.i for i in range(start, end))):
            break
        end += 2
    while start >= 2 and _inline_space(doc[start - 1]) and doc[start - 2].i not in blocked:
        prev = doc[start - 2]
        if not (prev.head.i in range(start, end) or any(doc[i].head.i == prev.i for i in range(start, end))):
            break
        start -= 2
    return TokenSpan(start, end)


def tidy_source_span(doc: Doc, source: TokenSpan, blocked: set[int]) -> TokenSpan:
    """Grow a source to the whole noun phrase of its head: its determiners, titles and modifiers on
    the left ("Former House Speaker Newt Gingrich"), its apposition or "of" phrase on the right."""
    source = _across_nbsp(doc, source, blocked)
    head = doc[source.start : source.end].root
    start, end = source.start, source.end
    for child in sorted((c for c in head.lefts if c.dep_ in SOURCE_LEFT_ARCS), key=lambda c: -c.i):
        edge = child.left_edge.i
        words = doc[edge:start]
        if edge < start and child.right_edge.i >= start - 1 and not any(t.i in blocked or "\n" in t.text for t in words):
            start = edge
    for child in sorted((c for c in head.rights if c.dep_ in SOURCE_RIGHT_ARCS), key=lambda c: c.i):
        edge = child.right_edge.i + 1
        if child.left_edge.i <= end + 1 and edge > end and not any(i in blocked for i in range(end, edge)):
            if any("\n" in t.text or t.text in OPEN_QUOTES for t in doc[end:edge]):
                break
            end = edge
            while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
        else:
            break
    return TokenSpan(start, end)


def _outside(doc: Doc, span: TokenSpan, taken: set[int]) -> TokenSpan:
    """The part of a source before the first token another attribution's cue or content holds
    (PolNeAR gives each token one role: "Sanders, who had said he would debate, criticized ..." has
    the source "Sanders"); the span as it is when nothing would be left."""
    end = next((i for i in range(span.start, span.end) if i in taken), span.end)
    if end == span.end:
        return span
    while end > span.start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ in {"WP", "WDT"}):
        end -= 1
    return TokenSpan(span.start, end) if end > span.start else span


# Dependents of the cue verb that stand between its subject and it: they say when or how it was said.
CUE_MODIFIER_ARCS = frozenset({"npadvmod", "advmod", "prep", "advcl"})


# Verbs whose passive subject is the one asked, not a speaker ("Trump and Rubio were pressed about ...",
# "Asked if her email practices were illegal, 46 percent said ..."), or the one expected ("Trump is expected to
# deliver a victory speech": a passive "expected" cue has no gold source 71 times of 71 on train[:90%],
# scripts/polnear_source_conventions.py).
PASSIVE_OBJECT_VERBS = frozenset({"ask", "question", "press", "quiz", "interview", "query", "expect"})
# Raising verbs: their subject is what seems, not who speaks ("Trump appears to be ignorant of ..."). A cue that
# is one of them alone (with its auxiliaries, negation and adverbs) has no gold source on train[:90%] 86 times
# of 88 for "seem" and 81 of 84 for "appear" (same script); "the ministry appeared (to confirm)" names a speech
# verb after it and keeps its speaker.
RAISING_VERBS = frozenset({"seem", "appear"})
CUE_FUNCTION_ARCS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _speakerless(doc: Doc, cue: TokenSpan) -> bool:
    """Cues that PolNeAR gives no source: an adverb alone ("Cuccinelli reportedly reacted ..."), a raising verb
    alone ("Sanders seemed | to be of two minds") and a passive verb of asking or expecting, whose subject is the
    one asked or expected."""
    words = [t for t in doc[cue.start : cue.end] if not (t.is_punct or t.is_space)]
    if not words:
        return False
    if all(t.pos_ == "ADV" for t in words):
        return True
    main = [t for t in words if t.dep_ not in CUE_FUNCTION_ARCS]
    if len(main) == 1 and main[0].lemma_.lower() in RAISING_VERBS:
        # "the ministry appeared | to confirm": a speech verb after it is still the subject's word
        return not any(c.dep_ == "xcomp" and c.lemma_.lower() in REPORT_VERBS for c in main[0].children)
    root = doc[cue.start : cue.end].root
    passive = any(c.dep_ == "auxpass" for c in root.children) or (root.tag_ == "VBN" and root.dep_ in {"advcl", "ROOT"})
    return root.lemma_.lower() in PASSIVE_OBJECT_VERBS and passive and not any(c.dep_ == "agent" for c in root.children)


def _without_cue_modifiers(doc: Doc, source: TokenSpan, cue: TokenSpan) -> TokenSpan:
    """A source without the cue verb's own modifiers at its end ("Beck, who ..., last week | said": "last week"
    hangs on "said" and is no part of who spoke)."""
    cue_tokens = set(range(cue.start, cue.end))
    end = source.end
    while end > source.start:
        tok = doc[end - 1]
        top = next((a for a in [tok, *tok.ancestors] if a.head.i in cue_tokens), None)
        if tok.is_punct or tok.is_space:
            end -= 1
            continue
        if top is None or top.dep_ not in CUE_MODIFIER_ARCS or top.i < source.start:
            break
        end = top.left_edge.i
    while end > source.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return TokenSpan(source.start, end) if end > source.start else source


def conventions(doc: Doc, raws: Sequence[RawAttribution]) -> list[RawAttribution]:
    """Cue and source boundaries as PolNeAR draws them."""
    out = []
    # cues and contents (a source may serve several attributions: "Mook refused ..., adding ...")
    spoken = [{i for p in (raw.cue, *raw.content) if p is not None for i in range(p.start, p.end)} for raw in raws]
    for n, raw in enumerate(raws):
        own = _parts(raw)  # a span never grows over the attribution's other parts
        cue, source = raw.cue, raw.source
        taken: set[int] = set()
        if source is not None:
            taken = set().union(*(h for m, h in enumerate(spoken) if m != n))
            source = _outside(doc, source, taken)
        if cue is not None:
            cue = tidy_cue(doc, cue, own - set(range(cue.start, cue.end)))
        content = raw.content
        if source is not None and cue is not None:
            source = None if _speakerless(doc, cue) else _without_cue_modifiers(doc, source, cue)
        if source is not None:
            # nor over another attribution's cue or content: "Dillon, a spokesman for the coalition, who said there
            # were no strikes, declined ..." (the apposition's subtree runs on through the relative clause)
            blocked = ((own | set(range(cue.start, cue.end)) if cue else own) | taken) - set(range(source.start, source.end))
            source = tidy_source_span(doc, source, blocked)
        out.append(RawAttribution(source, cue, _joined(doc, content)))
    return out


def _joined(doc: Doc, fragments: tuple[TokenSpan, ...]) -> tuple[TokenSpan, ...]:
    """Content fragments that only a non-breaking space separates are one fragment."""
    out: list[TokenSpan] = []
    for fragment in fragments:
        if out and fragment.start == out[-1].end + 1 and _inline_space(doc[out[-1].end]):
            out[-1] = TokenSpan(out[-1].start, fragment.end)
        else:
            out.append(fragment)
    return tuple(out)


def split_coordinated(doc: Doc, raws: Sequence[RawAttribution], cue_rate: dict[str, float]) -> list[RawAttribution]:
    """A second speech act of the same speaker that the tagger swallowed into the content ("Warren
    endorsed Clinton, saying ...", "he admitted it withheld emails and argued ...") becomes its own
    attribution, as PolNeAR annotates it: a speech verb that hangs on the cue (participle or conjunct,
    not inside the reported clause) ends the first content and opens the second."""
    out: list[RawAttribution] = []
    for raw in raws:
        if raw.cue is None:
            out.append(raw)
            continue
        heads = set(range(raw.cue.start, raw.cue.end))
        split = None
        for n, part in enumerate(raw.content):
            split = next(
                (
                    (n, t)
                    for t in doc[part.start : part.end]
                    if t.head.i in heads and t.dep_ in {"advcl", "conj"} and _speech_verb(t, cue_rate) and t.i > part.start
                ),
                None,
            )
            if split is not None:
                break
        if split is None:
            out.append(raw)
            continue
        n, verb = split
        part = raw.content[n]
        first = verb.i
        while first > part.start and (doc[first - 1].is_punct or doc[first - 1].pos_ == "CCONJ" or doc[first - 1].is_space):
            first -= 1
        cue_end = verb.i + 1
        second = [t.i for t in doc[cue_end : part.end] if not t.is_space]
        while second and doc[second[0]].is_punct:
            second.pop(0)
        head_part = (*raw.content[:n], TokenSpan(part.start, first)) if first > part.start else raw.content[:n]
        # the second act's words may all lie in the next fragment ("says 47 killed, accuses | U.S. of ...")
        rest = ((TokenSpan(second[0], second[-1] + 1),) if second else ()) + tuple(raw.content[n + 1 :])
        if not head_part or not rest:
            out.append(raw)
            continue
        out.append(RawAttribution(raw.source, raw.cue, tuple(head_part)))
        out.append(RawAttribution(raw.source, TokenSpan(verb.i, cue_end), rest))
    return out
