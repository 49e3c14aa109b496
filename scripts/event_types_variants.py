"""Cross-validate the sentence-embedding variants that were tried for event typing and not shipped.

    .venv/bin/python scripts/event_types_variants.py --data ../shared/data/case2021_task2/event_snippets.tsv [--seed 13]

Same stratified 5-fold split as scripts/train_event_types.py. Variants: embeddings alone (linear SVM,
logistic regression, nearest class prototype, k-nearest neighbours), zero-shot similarity to the class
descriptions, and late fusion of the TF-IDF SVM with a logistic regression on the embeddings. Prints one
JSON line per variant (weighted F1, macro F1, accuracy); docs/evaluation.md "Event typing" lists them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_event_types import SEED, read_tsv

from rashomon.extract.event_types import CLASS_DESCRIPTIONS, featurise, load_sentence_encoder, make_vectorizers

Variant = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (train indices, test indices) -> predicted labels


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    encoder = load_sentence_encoder()
    if encoder is None:
        print("error: needs the embeddings extra (torch==2.13.0, then '.[embeddings]')", file=sys.stderr)
        return 2
    texts, labels = read_tsv(args.data)
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
        protos = np.stack([emb[tr][y[tr] == c].mean(axis=0) for c in classes])
        protos /= np.linalg.norm(protos, axis=1, keepdims=True)
        return np.array(classes)[(emb[te] @ protos.T).argmax(axis=1)]

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
            word, char = make_vectorizers()
            train_texts = [texts[i] for i in tr]
            word.fit(train_texts)
            char.fit(train_texts)
            svc = LinearSVC(C=1.0, random_state=SEED).fit(featurise(word, char, train_texts), y[tr])
            lr = LogisticRegression(C=100, max_iter=3000).fit(emb[tr], y[tr])
            s = svc.decision_function(featurise(word, char, [texts[i] for i in te]))
            s = s + alpha * lr.predict_log_proba(emb[te]) / 10
            return svc.classes_[s.argmax(axis=1)]

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
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed).split(texts, labels))
    for name, variant in variants.items():
        pred = np.empty(len(y), dtype=object)
        for tr, te in folds:
            pred[te] = variant(tr, te)
        p = pred.astype(str)
        scores = {
            "weighted_f1": round(float(f1_score(y, p, average="weighted")), 4),
            "macro_f1": round(float(f1_score(y, p, average="macro")), 4),
            "accuracy": round(float(accuracy_score(y, p)), 4),
        }
        print(json.dumps({"variant": name, "seed": args.seed, **scores}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
