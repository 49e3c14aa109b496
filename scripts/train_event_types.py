"""Train the CASE 2021 Task 2 event type classifier and report cross-validated figures.

    .venv/bin/python scripts/train_event_types.py --data ../shared/data/case2021_task2/event_snippets.tsv \
        [--acled ../shared/data/acled_samples/acled_afghanistan_2020-03_dkoban.csv] [--folds 5] [--no-save]

Prints stratified k-fold figures (weighted F1, macro F1, accuracy) on the TSV, then fits on all of it
and writes src/rashomon/data/models/event_types.npz. ``--acled`` adds ACLED notes (sub_event_type as
label) to the training folds only; they are never scored.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from rashomon.extract.event_types import CASE_TO_ACLED, EventTypeModel, featurise, make_vectorizers

OUT = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "models" / "event_types.npz"
# Linear SVM inverse regularisation strength. 5-fold CV weighted F1 on the CASE dev file (cue weight 0.3):
# C=0.5 0.717, C=1 0.723, C=3 0.723; logistic regression (C=20) 0.704. Adding the ACLED Afghanistan notes
# to the training folds lowered it to 0.708, so they are off by default.
C = 1.0
SEED = 13


def read_tsv(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("EventSnippet") and row.get("SubType"):
                texts.append(row["EventSnippet"])
                labels.append(row["SubType"].strip())
    return texts, labels


def read_acled(path: Path) -> tuple[list[str], list[str]]:
    by_sub = {v[1]: k for k, v in CASE_TO_ACLED.items() if v is not None}
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = by_sub.get(row["sub_event_type"])
            if label and row["notes"]:
                texts.append(row["notes"])
                labels.append(label)
    return texts, labels


def fit(texts: list[str], labels: list[str], c: float = C) -> EventTypeModel:
    word, char = make_vectorizers()
    word.fit(texts)
    char.fit(texts)
    x = featurise(word, char, texts)
    clf = LinearSVC(C=c, random_state=SEED)
    clf.fit(x, labels)
    return EventTypeModel(word=word, char=char, coef=clf.coef_, intercept=clf.intercept_, classes=tuple(clf.classes_))


def cross_validate(
    texts: list[str], labels: list[str], extra: tuple[list[str], list[str]], folds: int, c: float = C
) -> dict[str, float]:
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    gold: list[str] = []
    pred: list[str] = []
    for train, test in skf.split(texts, labels):
        tr_x = [texts[i] for i in train] + extra[0]
        tr_y = [labels[i] for i in train] + extra[1]
        model = fit(tr_x, tr_y, c)
        pred += model.predict([texts[i] for i in test])
        gold += [labels[i] for i in test]
    return {
        "cv_weighted_f1": round(float(f1_score(gold, pred, average="weighted")), 4),
        "cv_macro_f1": round(float(f1_score(gold, pred, average="macro")), 4),
        "cv_accuracy": round(float(accuracy_score(gold, pred)), 4),
        "folds": folds,
        "n": len(gold),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--acled", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    texts, labels = read_tsv(args.data)
    extra = read_acled(args.acled) if args.acled else ([], [])
    scores = cross_validate(texts, labels, extra, args.folds, args.c)
    scores["extra_acled"] = len(extra[0])
    print(json.dumps(scores))
    if not args.no_save:
        model = fit(texts + extra[0], labels + extra[1], args.c)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        model.save(str(OUT))
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {model.coef.shape[1]} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
