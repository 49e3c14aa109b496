"""Fit the statement confidence filter (rashomon.extract.statement_filter) on held-out PolNeAR articles.

    .venv/bin/python scripts/train_quotes.py --data ../shared/data/polnear/train --holdout 0.1 --out /tmp/quotes-90
    .venv/bin/python scripts/train_quotes_neural.py --data ../shared/data/polnear/train --holdout 0.1 \\
        --out /tmp/bilstm-90 --crf /tmp/quotes-90
    .venv/bin/python scripts/train_statement_filter.py --data ../shared/data/polnear/train --holdout 0.1 \\
        --crf /tmp/quotes-90 --bilstm /tmp/bilstm-90

The taggers must not have seen the scored articles, or their candidates would be cleaner than on new text:
so they are the ones trained on the first 90% of train, and the filter is fitted on the last 10% (the
same split, first annotator file for training, every file for scoring). For each tagger (the CRF, and the
BiLSTM mixed with it when --bilstm is given) every candidate attribution whose cue the tagger tagged (the
only ones filtered, ``tagger_proposed``) gets its FEATURES and a label:
the share of the article's annotator files in which its content overlaps a gold content. An L2-regularised
logistic regression (``L2``) is fitted to those soft labels; the threshold is the grid value
(``THRESHOLDS``) whose filtered predictions have the best mean of source, cue and content-overlap F1 on the
same articles, provided it beats no filter (threshold 0) by ``MIN_GAIN``; otherwise the tagger is left
unfiltered (threshold 0). It writes src/rashomon/data/models/statement_filter.json (or --out) and prints
the figures per threshold; the threshold-0 line is the unfiltered tagger, so ``--max-o X --out /tmp/f.json``
compares recall steps.

Cross-fitting: ``--folds 0,1,2`` pools several held-out slices (``evaluation.quotes.holdout_split``: fold 0
is the last 10%, fold 1 the 10% before it, ...), each with taggers trained without it (``train_quotes.py``
and ``train_quotes_neural.py`` take the same ``--fold``); ``{fold}`` in the ``--crf`` and ``--bilstm`` paths
names each fold's models. The regression is fitted on the pooled candidates, and a threshold's figure is
the mean over the folds.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc
from train_quotes import OUT_DIR

from rashomon.evaluation.quotes import Article, holdout_split, overlap, parse_cached, predict, read_folder, score, trim
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_tagger import LEXICON_FILE, MODEL_FILE, QuoteTagger, SpanTagger, Tagging
from rashomon.extract.statement_filter import FEATURES, FILTER_FILE, StatementFilter, attribution_features, tagger_proposed
from rashomon.extract.statements import candidate_attributions

L2 = 1.0  # ridge penalty on the standardised weights; nine features and ~1,000 candidates need little
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 0.91, 0.05))
NEWTON_STEPS = 25
# A threshold is kept only if it beats no filter by this much mean F1 on the slice: neighbouring grid values
# differ by up to 0.002-0.003 there (84 articles; this script's per-threshold lines), so a smaller gain cannot
# be told from noise. The CRF's best gains 0.0009 and is not kept (docs/evaluation.md).
MIN_GAIN = 0.003


class RememberingTagger:
    """A tagger that tags each doc once, so the threshold grid re-runs only the rules."""

    def __init__(self, tagger: SpanTagger) -> None:
        self.inner, self.name, self.cue_rate = tagger, tagger.name, tagger.cue_rate
        self.seen: dict[int, Tagging] = {}

    def tag_scored(self, doc: Doc) -> Tagging:
        if id(doc) not in self.seen:
            self.seen[id(doc)] = self.inner.tag_scored(doc)
        return self.seen[id(doc)]


def labelled_candidates(articles: list[Article], docs: list[Doc], tagger: SpanTagger) -> tuple[np.ndarray, np.ndarray]:
    """(features, soft labels) of every candidate attribution of the articles."""
    rows, labels = [], []
    for article, doc in zip(articles, docs, strict=True):
        raws, tagging, inside = candidate_attributions(doc, tagger)
        for raw in (r for r in raws if tagger_proposed(r, tagging)):
            content = trim(article.text, [(doc[s.start : s.end].start_char, doc[s.start : s.end].end_char) for s in raw.content])
            if not content:
                continue
            matched = [any(overlap(content, trim(article.text, g.content)) > 0 for g in gold) for gold in article.annotations]
            rows.append(attribution_features(doc, raw, tagging, tagger.cue_rate, inside))
            labels.append(sum(matched) / len(matched))
    return np.array(rows), np.array(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Newton steps on the L2-penalised log loss over standardised features: (weights, bias, mean, scale)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.diag([L2] * (z.shape[1] - 1) + [0.0])
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1]), mean, scale


@dataclass
class FoldSet:
    """One held-out slice with its docs and the tagger (trained without it) that proposes on it."""

    held: list[Article]
    texts: list[str]
    docs: list[Doc]
    tagger: RememberingTagger


def fold_taggers(args: argparse.Namespace, fold: int) -> list[SpanTagger]:
    """The CRF of ``--crf`` and, with ``--bilstm``, the network(s) mixed with it, for one fold ({fold} in paths)."""
    crf_dir = Path(str(args.crf).format(fold=fold))
    crf = QuoteTagger(crf_dir / MODEL_FILE, json.loads((crf_dir / LEXICON_FILE).read_text(encoding="utf-8")))
    taggers: list[SpanTagger] = [crf]
    if args.bilstm is not None:
        from rashomon.extract.quotes_neural import TokenEncoder, read_model

        network = read_model([Path(str(p).format(fold=fold)) for p in args.bilstm], TokenEncoder(), crf=crf)
        if args.max_o is not None:
            network.max_o = args.max_o
        taggers.append(network)
    return taggers


def mean_f1(sets: list[FoldSet], keep: StatementFilter) -> tuple[float, dict[str, float]]:
    """The mean of source, cue and content-overlap F1, averaged over the folds (each fold weighs the same),
    and those figures themselves."""
    keys = ("source_f1", "cue_f1", "content_overlap_f1", "content_exact_f1", "n_pred")
    results = [score(f.held, predict(f.docs, f.texts, tagger=f.tagger, statement_filter=keep)) for f in sets]
    figures = {k: sum(float(r[k]) for r in results) / len(results) for k in keys}
    value = (figures["source_f1"] + figures["cue_f1"] + figures["content_overlap_f1"]) / 3
    return value, {k: round(v, 4) for k, v in figures.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    ap.add_argument("--holdout", type=float, default=0.1, help="the share of articles (the last ones) fitted on")
    ap.add_argument("--folds", default="0", help="comma-separated --fold values of the taggers (pooled); {fold} in their paths")
    ap.add_argument("--crf", type=Path, required=True, help="CRF model folder trained without the held-out share")
    ap.add_argument(
        "--bilstm", type=Path, nargs="+", help="BiLSTM folder(s) trained without it (several: an ensemble); mixed with --crf"
    )
    ap.add_argument("--max-o", type=float, help="the BiLSTM's recall-step O threshold (default MAX_O_MARGINAL, 0.6)")
    ap.add_argument("--out", type=Path, default=OUT_DIR / FILTER_FILE)
    args = ap.parse_args(argv)
    articles = read_folder(args.data)
    nlp = load_spacy()
    by_tagger: dict[str, list[FoldSet]] = {}
    for fold in (int(f) for f in args.folds.split(",")):
        _, held = holdout_split(articles, args.holdout, fold)
        texts = [a.text for a in held]
        docs = parse_cached(texts, nlp)
        for tagger in fold_taggers(args, fold):
            by_tagger.setdefault(tagger.name, []).append(FoldSet(held, texts, docs, RememberingTagger(tagger)))
    entries = {}
    for name, sets in by_tagger.items():
        pooled = [labelled_candidates(f.held, f.docs, f.tagger) for f in sets]
        x, y = np.vstack([p[0] for p in pooled]), np.concatenate([p[1] for p in pooled])
        weights, bias, mean, scale = fit_logistic(x, y)
        best: tuple[float, float] | None = None
        unfiltered = 0.0
        for threshold in THRESHOLDS:
            keep = StatementFilter(tuple(weights), bias, tuple(mean), tuple(scale), float(threshold))
            value, figures = mean_f1(sets, keep)
            print(json.dumps({"tagger": name, "threshold": threshold, **figures}), flush=True)
            if threshold == 0.0:
                unfiltered = value
            if best is None or value > best[0] + 1e-9:
                best = (value, float(threshold))
        assert best is not None and THRESHOLDS[0] == 0.0
        if best[0] < unfiltered + MIN_GAIN:
            best = (unfiltered, 0.0)
        entries[name] = {
            "weights": [round(float(v), 6) for v in weights],
            "bias": round(bias, 6),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "threshold": best[1],
            "candidates": len(y),
            "matched_share": round(float(y.mean()), 4),
        }
        print(json.dumps({"tagger": name, "chosen": best[1], "mean_f1": round(best[0], 4)}), flush=True)
    args.out.write_text(json.dumps({"features": list(FEATURES), "taggers": entries}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
