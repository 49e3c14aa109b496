"""`rashomon eval plover`: event types against the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt).

The file is a JSON array of coded sentences (``{"id", "event", "text", ...}``, one PLOVER event type each;
a ``DOCUMENT`` record documents the file and is skipped). Each sentence is analysed alone, without a
publication date, by the default pipeline, and its predicted types are the PLOVER types of all its events,
whatever their modality (the records code threats and claims as events too).

Rashomon codes only the conflict types of PLOVER (``CODED_TYPES``: those its event triggers and statement
stances can give, read from ``events.TRIGGERS`` and ``events.STANCE_EVENTS``). The GSR predates PLOVER 2021,
which Rashomon follows: its DISAPPROVE records are scored as ACCUSE (``GOLD_RENAMES``). The scores are over
those types, one decision per sentence and type: a
sentence whose gold type is coded and predicted is a true positive; a coded type predicted on a sentence
coded otherwise (an ASSAULT found in an AGREE sentence) a false positive; a coded gold type not predicted a
false negative. Sentences of the other types (AGREE, CONSULT, AID, ...) therefore count only through
false positives. The ``merged_`` scores count ASSAULT and FIGHT as one type (``merged``), since Rashomon
types air strikes and shelling ASSAULT, where PLOVER types them FIGHT. The sentences are edited
CAMEO-manual examples, not news, and short: a check of typing, not of a corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import UsageError
from rashomon.extract.events import STANCE_EVENTS, TRIGGERS

CODED_TYPES = frozenset(plover_type for plover_type, _mode, _weak in TRIGGERS.values()) | frozenset(STANCE_EVENTS.values())
# The GSR's types as PLOVER 2021 names them, the version Rashomon codes: CAMEO 11 (disapprove, criticise,
# accuse, complain, sue) is DISAPPROVE in the GSR and ACCUSE (mode disapprove) in CAMEO2PLOVER-2021.txt.
GOLD_RENAMES = {"DISAPPROVE": "ACCUSE"}
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT"})
VIOLENCE = "ASSAULT_OR_FIGHT"
SKIPPED_EVENTS = frozenset({"DOCUMENT"})


@dataclass(frozen=True)
class Record:
    id: str
    event: str
    text: str


def read_records(path: Path) -> list[Record]:
    """The coded sentences of a PLOVER GSR file; a file that is not one is a UsageError naming it."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} is not a PLOVER gold-standard file ({exc}); pass PLOVER_GSR_CAMEO.txt") from exc
    if not isinstance(rows, list):
        raise UsageError(f"{path} is not a PLOVER gold-standard file: expected a JSON array of records")
    records = [
        Record(id=str(row.get("id", n)), event=str(row["event"]), text=str(row["text"]))
        for n, row in enumerate(rows)
        if isinstance(row, dict) and row.get("event") not in SKIPPED_EVENTS and row.get("text") and row.get("event")
    ]
    if not records:
        raise UsageError(f"{path} holds no coded sentences (records with an event and a text)")
    return records


def predict(texts: Sequence[str]) -> list[set[str]]:
    """The PLOVER types of each text's events, from the default pipeline (a failed analysis predicts none)."""
    from rashomon.extract.pipeline import build_pipeline
    from rashomon.ingest.fingerprint import make_report
    from rashomon.model import Analysis

    pipeline = build_pipeline()
    return [
        {e.plover_type for e in result.events} if isinstance(result, Analysis) else set()
        for result in pipeline.pipe(make_report(t) for t in texts)
    ]


def score(gold: Sequence[str], predicted: Sequence[set[str]], types: frozenset[str] = CODED_TYPES) -> dict[str, float | int]:
    """Micro precision, recall and F1 over ``types`` (one decision per sentence and type), and per-type F1."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for truth, found in zip(gold, predicted, strict=True):
        for t in found & types:
            (tp if t == truth else fp)[t] += 1
        if truth in types and truth not in found:
            fn[truth] += 1
    p_all, r_all = sum(tp.values()) + sum(fp.values()), sum(tp.values()) + sum(fn.values())
    precision = sum(tp.values()) / p_all if p_all else 0.0
    recall = sum(tp.values()) / r_all if r_all else 0.0
    scores: dict[str, float | int] = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "n": len(gold),
        "n_coded": sum(1 for g in gold if g in types),
    }
    for t in sorted(types & (set(gold) | {x for f in predicted for x in f})):
        denominator = 2 * tp[t] + fp[t] + fn[t]
        scores[f"f1_{t}"] = round(2 * tp[t] / denominator, 4) if denominator else 0.0
    return scores


def merged(plover_type: str) -> str:
    """ASSAULT and FIGHT as one type: the issue asks for an air strike to be ASSAULT/aerial (with ACLED's
    remote violence), where PLOVER codes conventional military force, air strikes and shelling included, FIGHT."""
    return VIOLENCE if plover_type in VIOLENT_TYPES else plover_type


def evaluate(path: Path) -> dict[str, float | int]:
    records = read_records(path)
    gold = [GOLD_RENAMES.get(r.event, r.event) for r in records]
    predicted = predict([r.text for r in records])
    scores = score(gold, predicted)
    together = score(
        [merged(g) for g in gold], [{merged(t) for t in p} for p in predicted], frozenset(merged(t) for t in CODED_TYPES)
    )
    scores.update({f"merged_{key}": together[key] for key in ("precision", "recall", "f1")})
    scores[f"merged_f1_{VIOLENCE}"] = together[f"f1_{VIOLENCE}"]
    return scores
