"""`rashomon eval events`: event typing against CASE 2021 Task 2 snippets (TSV: id, EventSnippet, SubType).

Scores the shipped classifier (``rashomon.extract.event_types``) on the file given. The shipped model
was trained on the whole dev file, so scoring it on that same file is optimistic; the honest dev figure
is the stratified 5-fold cross-validation printed by ``scripts/train_event_types.py`` (see
docs/evaluation.md). On the held-out half the classifier meets the snippets for the first time.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rashomon.errors import PipelineError
from rashomon.extract.event_types import load_event_type_model


def read_snippets(path: Path) -> tuple[list[str], list[str]]:
    if path.is_dir():
        candidates = sorted(path.glob("*.tsv"))
        if not candidates:
            raise PipelineError(f"{path} holds no .tsv file; pass --data with a CASE 2021 Task 2 TSV (id, EventSnippet, SubType)")
        path = candidates[0]
    texts: list[str] = []
    labels: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not reader.fieldnames or "EventSnippet" not in reader.fieldnames or "SubType" not in reader.fieldnames:
            raise PipelineError(f"{path} has columns {reader.fieldnames}; expected a TSV with EventSnippet and SubType columns")
        for row in reader:
            if row.get("EventSnippet") and row.get("SubType"):
                texts.append(row["EventSnippet"])
                labels.append(row["SubType"].strip())
    return texts, labels


def evaluate(path: Path) -> dict[str, float | int]:
    from sklearn.metrics import accuracy_score, f1_score

    texts, gold = read_snippets(Path(path))
    if not texts:
        raise PipelineError(f"{path} has no labelled snippets")
    pred = load_event_type_model().predict(texts)
    return {
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "n": len(gold),
    }
