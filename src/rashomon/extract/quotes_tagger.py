"""A CRF tagger for attribution spans (source, cue, content) over spaCy features, and span grouping.

PolNeAR annotations are univocal (each token plays one role in at most one attribution), so an
attribution layer is a tag sequence: ``B-/I-`` of ``SRC`` (source), ``CUE`` and ``CON`` (content),
else ``O``. One sequence is one paragraph, so quotes that run over several sentences are one span.
Features are the token and its neighbours (form, lemma, tag, dependency), whether it sits inside
quotation marks, and where it hangs below the nearest likely cue verb in the parse (its subject
subtree, its clausal complement ...), with cue likelihoods taken from the training data.

The artefact (``rashomon/data/models/quotes_crf.crfsuite`` plus ``quotes_lexicon.json``) is built by
``scripts/train_quotes.py`` from PolNeAR train; it loads without network and tags a report in
milliseconds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rashomon.errors import PipelineError
from rashomon.extract.datelines import dateline_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_PACKAGE = "rashomon.data.models"
MODEL_FILE = "quotes_crf.crfsuite"
LEXICON_FILE = "quotes_lexicon.json"
LABELS = ("SRC", "CUE", "CON")
OPEN_QUOTES = {"“", '"', "«", "„"}
CLOSE_QUOTES = {"”", '"', "»", "“"}
# How far up the parse a token looks for a governing cue; attribution content rarely sits deeper
# than this below its cue (checked on PolNeAR train: >97% of content tokens are within 6 arcs).
MAX_ANCESTOR_DEPTH = 6
# A lemma counts as a likely cue when at least this share of its training occurrences are in a cue
# and it was seen in a cue at least CUE_MIN_COUNT times (set on PolNeAR train; lower values let
# common verbs such as "be" become governing cues and blur the subtree features).
CUE_MIN_RATE = 0.15
CUE_MIN_COUNT = 3
# Parts of speech a source never ends with in PolNeAR (its taggers sometimes run one word too far).
TRAILING_POS = {"ADV", "ADP", "CCONJ", "PUNCT", "AUX", "SCONJ"}
# Arcs through which a cue verb without a subject shares the subject of its head verb.
INHERIT_ARCS = {"advcl", "conj", "xcomp"}
# Recall: a token the best tag path calls O becomes a cue when its O marginal is below this and a
# cue tag is its likeliest other label (RECALL_ROLES); its content then comes from the parse
# (parse_content). Set on the last 10% of PolNeAR train with a model trained on the other 90%:
# 0.5 / 0.6 / 0.7 / 0.8 gave source F1 0.725 / 0.724 / 0.721 / 0.718, cue 0.656 / 0.657 / 0.655 /
# 0.653, content overlap 0.832 / 0.836 / 0.836 / 0.835; 1.0 (off) gave 0.720 / 0.656 / 0.826
# (rechecked with the final rules: 0.5 -> 0.728 / 0.664 / 0.835, 0.6 -> 0.728 / 0.666 / 0.840).
# Relabelling sources and contents too lowered cue F1.
MAX_O_MARGINAL = 0.6
RECALL_ROLES = {"CUE"}
# Arcs from a cue verb to the content it governs.
CONTENT_ARCS = ("ccomp", "xcomp", "dobj")
# Verbs whose object is the one spoken to.
ADDRESS_VERBS = {"tell", "inform", "brief", "ask", "assure", "warn", "urge", "remind", "address"}
# Subjects that never name a speaker (relative pronouns, expletives).
DUMMY_SUBJECTS = {"who", "that", "which", "it", "this", "there", "what"}
# ... except these relative pronouns as the subject of a relative clause, which PolNeAR marks as the source
# ("a former staffer, who said he left on good terms"). Of the gold cue verbs of train[:90%] whose subject is a
# relative pronoun (scripts/polnear_source_conventions.py), "who" is the source 345 times of 373, "which" 58 of
# 74, "that" 46 of 105 (more often its antecedent, so it stays a dummy). The speaker's name is the
# antecedent's (speakers.relative_antecedent).
RELATIVE_SPEAKERS = {"who", "which"}


@dataclass(frozen=True)
class Tagging:
    """A tagger's reading of one doc: BIO ``labels`` per token and, per token, ``attribution``: the
    probability that it plays some role in an attribution (1 - P(O)), 0 outside the tagged paragraphs."""

    labels: list[str]
    attribution: np.ndarray


class SpanTagger(Protocol):
    """What the statement rules need of a tagger: BIO labels per token with their probabilities
    (``tag_scored``) and the cue lexicon it was trained with."""

    name: str
    cue_rate: dict[str, float]

    def tag_scored(self, doc: Doc) -> Tagging: ...


@dataclass(frozen=True)
class TokenSpan:
    """Half-open token range [start, end) in a Doc."""

    start: int
    end: int


@dataclass(frozen=True)
class RawAttribution:
    source: TokenSpan | None
    cue: TokenSpan | None
    content: tuple[TokenSpan, ...]


# --------------------------------------------------------------------------- features


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs of a doc (split at tokens that contain a newline)."""
    out = []
    start = 0
    for tok in doc:
        if "\n" in tok.text:
            if tok.i > start:
                out.append((start, tok.i))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


# A political "attack" is speech ("Trump attacked Clinton"); an armed one is an act: "Russian forces attacked
# the port of Odesa ..., the governor said" is what the governor said. The model, trained on US politics,
# reads the first kind; these verbs with an armed subject are made content of the frame around them.
VIOLENT_VERBS = frozenset(
    {"attack", "strike", "hit", "bomb", "shell", "target", "raid", "storm", "shoot", "kill", "ambush", "assault",
     "pound", "bombard"}
)  # fmt: skip
ARMED_SUBJECTS = frozenset(
    {"force", "troop", "army", "military", "militant", "fighter", "militia", "jet", "warplane", "drone", "aircraft",
     "plane", "helicopter", "soldier", "gunman", "rebel", "insurgent", "artillery", "missile", "rocket", "unit",
     "battalion", "brigade", "squad", "warship"}
)  # fmt: skip


def violence_is_content(doc: Doc, start: int, end: int, labels: list[str]) -> None:
    """Relabel, in place, a tagged cue that is an armed act and the words of its clause as content."""
    for tok in doc[start:end]:
        if not labels[tok.i].endswith("CUE") or tok.pos_ != "VERB" or tok.lemma_.lower() not in VIOLENT_VERBS:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ARMED_SUBJECTS for c in tok.children):
            continue
        words = [t.i for t in tok.subtree if start <= t.i < end]
        for n, i in enumerate(sorted(words)):
            labels[i] = ("B-" if n == 0 else "I-") + "CON"


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """The first token of a paragraph after the dateline that opens it (``start`` when there is none)."""
    cut = dateline_end(doc.text, doc[start].idx)
    if cut is None:
        return start
    return next((t.i for t in doc[start:end] if t.idx >= cut), end)


def cue_bin(rate: float) -> str:
    if rate >= 0.6:
        return "hi"
    if rate >= 0.3:
        return "mid"
    if rate >= CUE_MIN_RATE:
        return "lo"
    return "no"


def quote_state(doc: Doc, start: int, end: int) -> list[bool]:
    """Whether each token of [start, end) lies inside quotation marks (the marks themselves count)."""
    inside = False
    out = []
    for tok in doc[start:end]:
        text = tok.text
        if not inside and text in OPEN_QUOTES:
            inside = True
            out.append(True)
            continue
        if inside and text in CLOSE_QUOTES:
            out.append(True)
            inside = False
            continue
        out.append(inside)
    return out


def quote_flags(doc: Doc) -> list[bool]:
    """``quote_state`` of every token, paragraph by paragraph (an unclosed quotation ends with its paragraph)."""
    flags = [False] * len(doc)
    for start, end in paragraphs(doc):
        flags[start:end] = quote_state(doc, start, end)
    return flags


def _governor(tok: Token, cue_rate: dict[str, float]) -> tuple[Token | None, str, int]:
    """Nearest ancestor (not the token) that is a likely cue, the arc below it, and the depth."""
    child = tok
    node = tok
    for depth in range(1, MAX_ANCESTOR_DEPTH + 1):
        if node.head is node:
            return None, "", 0
        child, node = node, node.head
        if cue_rate.get(node.lemma_.lower(), 0.0) >= CUE_MIN_RATE:
            return node, child.dep_, depth
    return None, "", 0


def sequence_features(doc: Doc, start: int, end: int, cue_rate: dict[str, float]) -> list[list[str]]:
    """CRF features of tokens [start, end)."""
    quoted = quote_state(doc, start, end)
    base: list[list[str]] = []
    for k, tok in enumerate(doc[start:end]):
        lemma = tok.lemma_.lower()
        gov, arc, depth = _governor(tok, cue_rate)
        feats = [
            "w=" + tok.lower_,
            "l=" + lemma,
            "t=" + tok.tag_,
            "d=" + tok.dep_,
            "dh=" + tok.dep_ + "|" + tok.head.pos_,
            "hl=" + tok.head.lemma_.lower(),
            "sh=" + tok.shape_,
            "e=" + (tok.ent_type_ or "-"),
            "q=" + ("1" if quoted[k] else "0"),
            "cue=" + cue_bin(cue_rate.get(lemma, 0.0)),
            "ss=" + ("1" if tok.is_sent_start else "0"),
            "se=" + ("1" if tok.is_sent_end else "0"),
        ]
        if gov is not None:
            side = "L" if tok.i < gov.i else "R"
            feats += [
                "ga=" + arc,
                "gas=" + arc + side,
                "gl=" + gov.lemma_.lower() + "|" + arc,
                "gd=" + str(min(depth, 4)) + arc,
                "gc=" + cue_bin(cue_rate.get(gov.lemma_.lower(), 0.0)),
                "gq=" + ("1" if quoted[k] else "0") + arc,
            ]
        else:
            feats += ["ga=none", "gq=" + ("1" if quoted[k] else "0") + "none"]
        base.append(feats)
    out = []
    n = len(base)
    keep = ("w=", "l=", "t=", "d=", "q=", "cue=", "ga=")
    # Each token's context features, filtered once here rather than once per neighbour below.
    kept = [[f for f in feats if f.startswith(keep)] for feats in base]
    for k in range(n):
        feats = list(base[k])
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                feats += [f"{off}{f}" for f in kept[j]]
            else:
                feats.append(f"{off}BOUND")
        out.append(feats)
    return out


# --------------------------------------------------------------------------- model


class QuoteTagger:
    """Loaded CRF model plus cue lexicon."""

    name = "crf"

    def __init__(self, model_path: Path, lexicon: dict[str, float]) -> None:
        import pycrfsuite

        self.cue_rate = lexicon
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._roles = [n for n in self._tagger.labels() if n != "O"]  # the model's B-/I- labels

    def tag(self, doc: Doc) -> list[str]:
        return self.tag_scored(doc).labels

    def tag_scored(self, doc: Doc) -> Tagging:
        labels = ["O"] * len(doc)
        attribution = np.zeros(len(doc))
        for start, end in paragraphs(doc):
            # a wire dateline ("ODESA, Ukraine - ") is no part of any attribution, and the model, trained on
            # articles without datelines, reads the paragraph as it was trained on only without it
            start = after_dateline(doc, start, end)
            if start >= end:
                continue
            feats = sequence_features(doc, start, end, self.cue_rate)
            self._tagger.set(feats)
            best = self._tagger.tag()
            attribution[start:end] = [1.0 - self._tagger.marginal("O", i) for i in range(end - start)]
            if MAX_O_MARGINAL < 1.0:
                best = self._recall(best)
            labels[start:end] = best
            violence_is_content(doc, start, end, labels)
        return Tagging(labels, attribution)

    def marginals(self, doc: Doc, start: int, end: int, labels: Sequence[str]) -> np.ndarray:
        """(end - start, len(labels)) marginal probabilities of one paragraph's tokens, columns in ``labels``
        order (0 for a label the model never learnt)."""
        self._tagger.set(sequence_features(doc, start, end, self.cue_rate))
        self._tagger.tag()
        known = set(self._tagger.labels())
        rows = [[self._tagger.marginal(label, i) if label in known else 0.0 for label in labels] for i in range(end - start)]
        return np.array(rows, dtype=np.float64).reshape(end - start, len(labels))

    def _recall(self, best: list[str]) -> list[str]:
        """Relabel tokens the best path calls O but whose O marginal is below MAX_O_MARGINAL with
        their likeliest other role (a B- after a token of another role)."""
        out = list(best)
        for i, label in enumerate(best):
            if label != "O" or self._tagger.marginal("O", i) >= MAX_O_MARGINAL:
                continue
            role = max(self._roles, key=lambda n: self._tagger.marginal(n, i)).partition("-")[2]
            if role not in RECALL_ROLES:
                continue
            prev = out[i - 1].partition("-")[2] if i else ""
            out[i] = ("I-" if prev == role else "B-") + role
        return out


@functools.cache
def load_tagger() -> QuoteTagger:
    """The packaged CRF tagger (read-only data, loaded once per process)."""
    base = resources.files(MODEL_PACKAGE)
    model = Path(str(base / MODEL_FILE))
    lexicon = Path(str(base / LEXICON_FILE))
    if not model.exists() or not lexicon.exists():
        raise PipelineError(
            f"the statements model {model} is missing; rebuild it with "
            "`.venv/bin/python scripts/train_quotes.py --data ../shared/data/polnear/train`"
        )
    return QuoteTagger(model, json.loads(lexicon.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- grouping


def label_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(kind, start, end) runs of a BIO sequence; an I- after a different kind starts a new run."""
    spans: list[tuple[str, int, int]] = []
    kind, start = None, 0
    for i, label in enumerate([*labels, "O"]):
        tag, _, lab = label.partition("-")
        if kind is not None and (tag != "I" or lab != kind):
            spans.append((kind, start, i))
            kind = None
        if tag == "B" or (tag == "I" and kind is None):
            kind, start = lab, i
    return spans


def _sent_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _dep_distance(doc: Doc, a: int, b: int) -> int:
    """Arcs between two tokens through their lowest common ancestor (large when unrelated)."""
    path_a = [doc[a], *doc[a].ancestors]
    depth_a = {t.i: k for k, t in enumerate(path_a)}
    for k, t in enumerate([doc[b], *doc[b].ancestors]):
        if t.i in depth_a:
            return k + depth_a[t.i]
    return 1000


def tidy_source(doc: Doc, span: TokenSpan) -> TokenSpan:
    """Source boundaries as PolNeAR draws them: whole hyphenated words ("Best-selling writer"), no
    trailing adverb, preposition or conjunction ("Groberg then", "Ben Jacobs in")."""
    start, end = span.start, span.end
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text in {"-", "–"} and start - 2 >= 0:
        start -= 2 if not doc[start - 2].is_space else 1
    while end - start > 1 and doc[end - 1].pos_ in TRAILING_POS:
        end -= 1
    while end - start > 1 and doc[start].pos_ in {"CCONJ", "PUNCT"}:
        start += 1
    return TokenSpan(start, end)


def _speaker(subj: Token) -> TokenSpan | None:
    """A subject's words as a source, none for a dummy subject ("it", a "who" that does not open a relative
    clause)."""
    if subj.lower_ in RELATIVE_SPEAKERS and subj.dep_ == "nsubj" and subj.head.dep_ == "relcl":
        return TokenSpan(subj.i, subj.i + 1)
    if subj.lower_ in DUMMY_SUBJECTS:
        return None
    words = list(subj.subtree)
    return TokenSpan(words[0].i, words[-1].i + 1)


def _inherited_subject(doc: Doc, cs: int, ce: int) -> TokenSpan | None:
    """Subject a participle or conjoined cue shares with the verb it hangs on ("Mook refused ...,
    adding that ...", "he laughed and said ...", "followed up by asking ..."), unless it is a dummy subject
    ("it", "who")."""
    tok = doc[cs:ce].root
    for _ in range(3):
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return None
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head  # "Hannity followed up by asking ...", "In describing Trump, Cuban said ..."
        elif tok.dep_ in INHERIT_ARCS:
            tok = tok.head
        else:
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _speaker(subj)
    return None


def _outer_cue(doc: Doc, cs: int, ce: int, cue_of: dict[int, int]) -> int | None:
    """The cue whose content clause a subjectless cue verb is coordinated inside: in "the commander alleged that
    U.S. forces support the Islamic State and hinted that ...", the parse hangs "hinted" on "support", but the
    commander hinted. On the gold attributions of PolNeAR train[:90%] such a cue has the outer cue's source 53
    times of 58 and the inner clause's subject once (scripts/polnear_source_conventions.py)."""
    verb = doc[cs:ce].root
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    clause = verb.head
    if clause.dep_ != "ccomp" or clause.i in cue_of:
        return None
    return cue_of.get(clause.head.i)


def active_subject(doc: Doc, cs: int, ce: int) -> TokenSpan | None:
    """The subject of an active cue verb ("Sanders criticized ..."). Passive cues ("was dismissed",
    "is expected") and dummy subjects ("it seems") have none: their subject is not the speaker."""
    for tok in doc[cs:ce]:
        if any(c.dep_ == "auxpass" for c in tok.children):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and not cs <= c.i < ce), None)
        if subj is not None:
            return _speaker(subj)
    return None


def _addressee(tok: Token) -> bool:
    """An object that names who is spoken to ("told reporters", "told Reuters"), not what is said."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in ADDRESS_VERBS


def parse_content(doc: Doc, cs: int, ce: int, taken: set[int]) -> TokenSpan | None:
    """Content of a cue the tagger left without one, from the parse: the clause or object the cue
    governs ("admitted it withheld emails"), else, for a cue hanging on another clause ("..., CNN
    reported"; "As reported by X, ..."), that clause without the cue's words."""
    root = doc[cs:ce].root
    span: list[int] = []
    child = next((c for c in root.children if c.dep_ in CONTENT_ARCS and c.i >= ce and not _addressee(c)), None)
    # inverted: "the candidate will attend, CNN reported" (the clause before the cue is its ccomp)
    child = child or next((c for c in root.children if c.dep_ == "ccomp" and c.i < cs), None)
    if child is not None:
        span = [t.i for t in child.subtree]
    elif root.dep_ in {"advcl", "parataxis", "advmod"} and root.head.i != root.i:
        # "..., CNN reported"; "Reportedly, he made ..." (the clause the cue hangs on)
        own = {t.i for t in root.subtree}
        span = [t.i for t in root.head.subtree if t.i not in own]
        # the clause on one side of the cue only
        side = [i for i in span if i < cs] if root.head.i < cs else [i for i in span if i > ce]
        span = side
    while span and (doc[span[-1]].is_punct or doc[span[-1]].is_space):
        span.pop()
    while span and (doc[span[0]].is_punct or doc[span[0]].is_space):
        span.pop(0)
    if not span or span[-1] - span[0] + 1 != len(span) or any(i in taken for i in span):
        return None
    return TokenSpan(span[0], span[-1] + 1)


def _leading_phrase(doc: Doc, cs: int, para_start: int) -> TokenSpan | None:
    """The verbless words that open the cue's sentence, when the parse gave the cue no subject: a
    headline run into the first paragraph leaves "The leader of K.S.S., an Iran-backed militia, said"
    without one."""
    verb = doc[cs]
    if (
        verb.pos_ != "VERB"
        or verb.lower_ == "according"
        or any(c.dep_ in {"nsubj", "nsubjpass", "auxpass", "expl"} for c in verb.children)
    ):
        return None
    start = max(verb.sent.start, para_start)
    words = [t for t in doc[start:cs] if not t.is_space]
    if (words and words[0].pos_ in {"ADP", "SCONJ", "ADV", "CCONJ"}) or any(t.ent_type_ in {"DATE", "TIME"} for t in words):
        return None
    # participles used as adjectives ("an Iran-backed militia") are no verbs of a clause
    clause = [t for t in words if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"}]
    if not words or clause or any(t.text in OPEN_QUOTES or t.text in CLOSE_QUOTES for t in words):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in words) or words[0].lower_ in DUMMY_SUBJECTS:
        return None
    end = cs
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return TokenSpan(words[0].i, end) if end > words[0].i else None


def group(doc: Doc, labels: Sequence[str]) -> list[RawAttribution]:
    """Tie tagged spans into attributions: each source/content joins the cue it hangs on."""
    spans = label_spans(labels)
    sent_of = _sent_index(doc)
    para_of = [0] * len(doc)
    para_start: list[int] = []
    for n, (s, e) in enumerate(paragraphs(doc)):
        para_start.append(s)
        for i in range(s, e):
            para_of[i] = n
    cues = [(s, e) for kind, s, e in spans if kind == "CUE"]
    cue_of = {i: k for k, (s, e) in enumerate(cues) for i in range(s, e)}
    sources: dict[int, list[TokenSpan]] = {k: [] for k in range(len(cues))}
    contents: dict[int, list[TokenSpan]] = {k: [] for k in range(len(cues))}
    orphans: list[TokenSpan] = []

    def root(s: int, e: int) -> int:
        # the highest word of the span: quotation marks and full stops hang on the main verb, so
        # spaCy's span root of '"I think ... ."' would be a punctuation mark far from the cue
        words = [t for t in doc[s:e] if not t.is_punct and not t.is_space] or list(doc[s:e])
        return min(words, key=lambda t: (sum(1 for _ in t.ancestors), t.i)).i

    def best_cue(s: int, e: int) -> int | None:
        sent = sent_of[s]
        # a sentence the parser runs across a line break (a headline and the first paragraph) does
        # not join a span to a cue of another paragraph
        same = [
            k
            for k, (cs, _) in enumerate(cues)
            if (sent_of[cs] == sent or sent_of[e - 1] == sent_of[cs]) and para_of[cs] in {para_of[s], para_of[e - 1]}
        ]
        if same:
            r = root(s, e)
            return min(same, key=lambda k: (_dep_distance(doc, r, root(*cues[k])), abs(cues[k][0] - s)))
        return None

    loose_sources: list[TokenSpan] = []
    for kind, s, e in spans:
        if kind == "CUE":
            continue
        k = best_cue(s, e)
        if k is None:
            (orphans if kind == "CON" else loose_sources).append(TokenSpan(s, e))
            continue
        (sources if kind == "SRC" else contents)[k].append(TokenSpan(s, e))

    # A cue left without a source takes a tagged source of the neighbouring sentence (a sentence
    # split inside "..., said X" leaves them apart), else the subject of the cue verb.
    for k, (cs, ce) in enumerate(cues):
        if sources[k]:
            continue
        near = [t for t in loose_sources if para_of[t.start] == para_of[cs] and abs(sent_of[t.start] - sent_of[cs]) == 1]
        if near:
            pick = min(near, key=lambda t: abs(t.start - cs))
            sources[k].append(pick)
            loose_sources.remove(pick)
            continue
        outer = _outer_cue(doc, cs, ce, cue_of)
        if outer is not None and sources[outer]:
            sources[k].append(min(sources[outer], key=lambda t: abs(t.start - cues[outer][0])))
            continue
        inherited = _inherited_subject(doc, cs, ce)
        if inherited is not None:
            sources[k].append(inherited)
            continue
        subject = active_subject(doc, cs, ce) or _leading_phrase(doc, cs, para_start[para_of[cs]])
        if subject is not None:
            sources[k].append(subject)

    # Content in a sentence without a cue continues the nearest attribution before it in the same
    # paragraph (a quote running on), else the nearest after it ("... . Then, he said: ...").
    for span in orphans:
        para = para_of[span.start]
        before = [k for k, (cs, _) in enumerate(cues) if cs < span.start and para_of[cs] == para and contents[k]]
        after = [k for k, (cs, _) in enumerate(cues) if cs >= span.end and para_of[cs] == para]
        if before:
            contents[max(before, key=lambda k: cues[k][0])].append(span)
        elif after:
            contents[min(after, key=lambda k: cues[k][0])].append(span)

    out = []
    tagged = {i for _, s, e in spans for i in range(s, e)}
    for k, (cs, ce) in enumerate(cues):
        if not contents[k]:
            found = parse_content(doc, cs, ce, tagged)
            if found is not None:
                contents[k].append(found)
        if not contents[k]:
            continue
        source = None
        if sources[k]:
            source = tidy_source(doc, min(sources[k], key=lambda t: abs(t.start - cs)))
        content = tuple(sorted(contents[k], key=lambda t: t.start))
        out.append(RawAttribution(source=source, cue=TokenSpan(cs, ce), content=content))
    return out
