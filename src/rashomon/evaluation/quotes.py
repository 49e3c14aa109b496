"""`rashomon eval quotes`: statements against PolNeAR-style brat attributions.

A dataset folder holds ``text/<id>.txt`` and ``attributions/<id>_<annotator>.ann`` (brat standoff:
``T`` lines with ``Source``/``Cue``/``Content`` spans, discontinuous fragments joined by ``;``, and
``E`` lines tying them into one ``Attribution``). Metrics (docs/evaluation.md, "Statements"):

* spans are compared after trimming whitespace, punctuation and quotation marks at both ends; a
  discontinuous span is the set of its fragments;
* content-overlap: predictions and gold attributions are paired one-to-one, greedily by the largest
  character overlap of their contents; precision = matched predictions / predictions, recall =
  matched gold / gold;
* content-exact: the same pairing restricted to equal contents;
* source and cue: within the content-overlap pairs, the spans that are exactly equal; precision over
  the predictions that have one, recall over the gold attributions that have one.

Where several annotators' files exist for one text, the text is scored against each file and the
counts are averaged (each file weighs 1/k), so a multiply-annotated article counts once.
"""

from __future__ import annotations

import hashlib
import os
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.errors import RashomonError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from rashomon.extract.quotes_tagger import SpanTagger
    from rashomon.extract.statement_filter import StatementFilter

Fragments = frozenset[tuple[int, int]]
# Parsed PolNeAR docs are cached here (DocBin) so training and evaluation parse each text once.
CACHE_DIR = Path("/tmp/rashomon-spacy-cache")


class QuotesDataError(RashomonError):
    """The folder is not in PolNeAR's layout."""


@dataclass(frozen=True)
class Attribution:
    """One attribution as character fragments (untrimmed); any part may be empty."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    annotations: tuple[tuple[Attribution, ...], ...]  # one tuple per annotator file


# --------------------------------------------------------------------------- reading


def parse_ann(content: str) -> list[Attribution]:
    """Attributions of one brat standoff file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in content.splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            frags = []
            for part in offsets.split(";"):
                start, end = part.split()
                frags.append((int(start), int(end)))
            spans[fields[0]] = (label, tuple(frags))
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split())
            events.append(roles)
    out = []
    for roles in events:

        def frags(role: str, roles: dict[str, str] = roles) -> tuple[tuple[int, int], ...]:
            ref = roles.get(role)
            return spans[ref][1] if ref in spans else ()

        out.append(Attribution(source=frags("Source"), cue=frags("Cue"), content=frags("Content")))
    return out


def read_folder(path: Path) -> list[Article]:
    """Articles of a PolNeAR-style folder, sorted by name."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise QuotesDataError(f"{path} has no text/ and attributions/ folders; pass a PolNeAR split such as polnear/dev")
    by_name: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = by_name.get(txt.stem, [])
        if not anns:
            continue
        annotations = tuple(tuple(parse_ann(a.read_text(encoding="utf-8"))) for a in anns)
        articles.append(Article(name=txt.stem, text=txt.read_text(encoding="utf-8"), annotations=annotations))
    if not articles:
        raise QuotesDataError(f"{path} holds no text/*.txt with a matching attributions/*_<annotator>.ann")
    return articles


def holdout_split(articles: Sequence[Article], share: float, fold: int = 0) -> tuple[list[Article], list[Article]]:
    """(training, held-out) articles for development: fold 0 holds out the last ``share`` of them (the slice
    docs/evaluation.md develops on), fold 1 the ``share`` before it, and so on, so that models trained with
    different folds score disjoint slices (the training scripts' ``--holdout`` and ``--fold``)."""
    cut = int(len(articles) * (1 - share))
    size = len(articles) - cut
    start, end = cut - fold * size, len(articles) - fold * size
    if fold < 0 or (size and start < 0):
        last = cut // size if size else 0
        raise QuotesDataError(f"fold {fold} of {share:g} does not fit {len(articles)} articles; use a fold from 0 to {last}")
    return [*articles[:start], *articles[end:]], list(articles[start:end])


# --------------------------------------------------------------------------- spaCy cache


def parse_cached(texts: Sequence[str], nlp: Language, cache_dir: Path = CACHE_DIR) -> list[Doc]:
    """Parse texts once; later calls with the same texts and model read a DocBin under ``cache_dir``."""
    from spacy.tokens import DocBin

    digest = hashlib.sha256()
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{','.join(nlp.pipe_names)}".encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    cache = cache_dir / f"{digest.hexdigest()[:24]}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    cache_dir.mkdir(parents=True, exist_ok=True)
    # write then rename, so a parallel test worker never reads half a file
    partial = cache.with_suffix(f".{os.getpid()}.partial")
    DocBin(docs=docs, store_user_data=False).to_disk(partial)
    os.replace(partial, cache)
    return docs


# --------------------------------------------------------------------------- metrics


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def trim(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    """Fragments with whitespace, punctuation and quote marks cut from both ends; empty ones dropped."""
    out = set()
    for start, end in fragments:
        while start < end and _is_trim(text[start]):
            start += 1
        while end > start and _is_trim(text[end - 1]):
            end -= 1
        if end > start:
            out.add((start, end))
    return frozenset(out)


def overlap(a: Fragments, b: Fragments) -> int:
    """Characters two fragment sets share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    n_pred: float = 0.0
    n_gold: float = 0.0
    overlap: float = 0.0
    exact: float = 0.0
    source_pred: float = 0.0
    source_gold: float = 0.0
    source_ok: float = 0.0
    cue_pred: float = 0.0
    cue_gold: float = 0.0
    cue_ok: float = 0.0

    def add(self, other: Counts, weight: float = 1.0) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + weight * getattr(other, key))


def _greedy(pairs: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred, gold) by descending score."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, p, g in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            out.append((p, g))
    return out


def score_article(text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution]) -> Counts:
    """Counts of one prediction set against one annotator's attributions."""
    pred = [(trim(text, a.source), trim(text, a.cue), trim(text, a.content)) for a in predicted]
    ref = [(trim(text, a.source), trim(text, a.cue), trim(text, a.content)) for a in gold]
    pred = [p for p in pred if p[2]]
    ref = [g for g in ref if g[2]]
    counts = Counts(n_pred=len(pred), n_gold=len(ref))
    counts.source_pred = sum(1 for p in pred if p[0])
    counts.source_gold = sum(1 for g in ref if g[0])
    counts.cue_pred = sum(1 for p in pred if p[1])
    counts.cue_gold = sum(1 for g in ref if g[1])
    overlaps = [(overlap(p[2], g[2]), i, j) for i, p in enumerate(pred) for j, g in enumerate(ref)]
    matched = _greedy([o for o in overlaps if o[0] > 0])
    counts.overlap = len(matched)
    counts.exact = len(_greedy([(1, i, j) for i, p in enumerate(pred) for j, g in enumerate(ref) if p[2] == g[2]]))
    for i, j in matched:
        if pred[i][0] and pred[i][0] == ref[j][0]:
            counts.source_ok += 1
        if pred[i][1] and pred[i][1] == ref[j][1]:
            counts.cue_ok += 1
    return counts


def _prf(ok_p: float, n_p: float, ok_g: float, n_g: float) -> tuple[float, float, float]:
    precision = ok_p / n_p if n_p else 0.0
    recall = ok_g / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def summarise(total: Counts) -> dict[str, float | int]:
    out: dict[str, float | int] = {}
    for name, ok, n_p, n_g in (
        ("source", total.source_ok, total.source_pred, total.source_gold),
        ("cue", total.cue_ok, total.cue_pred, total.cue_gold),
        ("content_exact", total.exact, total.n_pred, total.n_gold),
        ("content_overlap", total.overlap, total.n_pred, total.n_gold),
    ):
        p, r, f = _prf(ok, n_p, ok, n_g)
        out[f"{name}_f1"] = round(f, 4)
        out[f"{name}_precision"] = round(p, 4)
        out[f"{name}_recall"] = round(r, 4)
    out["n_gold"] = round(total.n_gold, 2) if total.n_gold % 1 else int(total.n_gold)
    out["n_pred"] = int(total.n_pred)
    return out


def score(articles: Sequence[Article], predictions: Sequence[Sequence[Attribution]]) -> dict[str, float | int]:
    """Micro-averaged scores; an article with k annotator files adds each file's counts with weight 1/k."""
    total = Counts()
    for article, predicted in zip(articles, predictions, strict=True):
        k = len(article.annotations)
        for gold in article.annotations:
            counts = score_article(article.text, predicted, gold)
            counts.n_pred = len([a for a in predicted if trim(article.text, a.content)])
            total.add(counts, 1.0 / k)
        # n_pred counts each prediction once whatever k is (weights above sum to 1).
    return summarise(total)


# --------------------------------------------------------------------------- entry point


def predict(
    docs: Sequence[Doc],
    texts: Sequence[str],
    tagger: SpanTagger | None = None,
    statement_filter: StatementFilter | None = None,
) -> list[list[Attribution]]:
    """Run the shipped statement extractor (or its rules over another ``tagger``, or with another
    ``statement_filter``) on parsed docs and keep its span structure."""
    from rashomon.extract.statements import extract_statements
    from rashomon.model import Report
    from rashomon.model.ids import report_id_for, sha256_hex

    out = []
    for doc, text in zip(docs, texts, strict=True):
        digest = sha256_hex(text)  # raw text, not normalised: brat offsets index the file as it is
        report = Report(id=report_id_for(digest), text=text, content_hash=digest)
        statements = extract_statements(report, doc, tagger=tagger, statement_filter=statement_filter)
        out.append(
            [
                Attribution(
                    source=((s.speaker.start, s.speaker.end),) if s.speaker else (),
                    cue=((s.cue.start, s.cue.end),) if s.cue else (),
                    content=tuple((c.start, c.end) for c in s.content),
                )
                for s in statements
                if s.attributed and s.parent_id is None  # PolNeAR is univocal: it never annotates nested speech
            ]
        )
    return out


def evaluate(path: Path) -> dict[str, float | int | str]:
    """`rashomon eval quotes` figures of a folder, with the default tagger (its name under "tagger") and its
    packaged statement filter (its threshold under "statement_filter_threshold", 0 for none)."""
    from rashomon.extract.pipeline import load_spacy
    from rashomon.extract.statement_filter import filter_for
    from rashomon.extract.statements import default_tagger

    articles = read_folder(Path(path))
    texts = [a.text for a in articles]
    docs = parse_cached(texts, load_spacy())
    started, cpu_started = time.perf_counter(), time.process_time()
    predictions = predict(docs, texts)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    scores = score(articles, predictions)
    # Statement extraction alone (docs come parsed from the cache): the cost beyond the spaCy parse,
    # as wall time and as this process's CPU time (the fairer figure on a shared machine).
    scores["statements_ms_per_report"] = round(1000 * elapsed / len(articles), 1)
    scores["statements_cpu_ms_per_report"] = round(1000 * cpu / len(articles), 1)
    tagger = default_tagger()
    keep = filter_for(tagger.name)
    return {**scores, "tagger": tagger.name, "statement_filter_threshold": keep.threshold if keep else 0.0}
