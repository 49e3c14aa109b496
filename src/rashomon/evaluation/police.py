"""`rashomon eval police`: police actions against the IndiaPoliceEvents sentence labels.

The corpus (Halterman, Keith, Sarwar and O'Connor, Findings of ACL 2021) holds 1,257 Times of India
articles from March 2002, on the Gujarat violence, split into 21,391 sentences, each labelled with the
answers to yes/no questions: ``KILL`` (did police kill someone?), ``ARREST`` (did police arrest someone?),
``FORCE`` (did police use force or violence? kills included), ``FAIL`` and ``ANY_ACTION``. The folder holds
``docs.jsonl`` (``doc_id``, ``doc_text``), ``sents.jsonl`` (``doc_id``, ``sent_id``, ``sent_text``,
``sent_labels``) and ``metadata.jsonl`` (``doc_id``, ``date``).

How a sentence is read: each sentence is analysed alone by the default pipeline, statements skipped
(nothing below reads speech), published on its article's date. Its events answer the questions
(``labels_of``); a denied or hypothetical event answers none ("police denied firing", "police may open
fire"):

- ``ARREST``: a COERCE/arrest event whose actor is police (``POLICE``) or unnamed ("50 persons were
  held": in these reports the police make the arrests);
- ``FORCE``: an ASSAULT or FIGHT event whose actor is police ("opened fire to disperse a rioting mob",
  "killed in police firing"), firing with no actor named ("three persons were injured in the firing, police
  said": as with arrests, in these reports the police do the shooting), or a COERCE/disperse or repression
  event whose actor is police or unnamed ("police lathi-charged the mob", "tear-gas shells were burst");
- ``KILL``: such a FORCE event with a killed toll (a floor of at least one, or only a ceiling: "as many as 98").

``FAIL`` and ``ANY_ACTION`` are not scored: failing to act is no event, and "did police do anything" asks
for every police action, patrols and statements included. Scores are precision, recall and F1 per label
over all sentences, and the same over the articles at odd positions in ``docs.jsonl`` (``unread_``): the
rules were developed reading the errors of the even ones only, so the odd half is text they were not
written on. The labels may use the rest of the article (``ann_multi_sent`` in the raw data), which a
sentence read alone cannot.

Results are cached under ``$TMPDIR/rashomon-eval/police-*.json``, keyed by the texts, the source of the
extraction code and this module's own (the labels are cached, so a change to ``labels_of`` must miss), so a
rerun parses nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rashomon.errors import UsageError
from rashomon.evaluation.signals import CACHE_DIR, code_fingerprint, pipeline_without_statements
from rashomon.model import Event, Modality

SCORED = ("KILL", "ARREST", "FORCE")
FILES = ("docs.jsonl", "sents.jsonl", "metadata.jsonl")
SIGNALS_VERSION = "1"  # bump when the cached signal format changes
# Who counts as police: the state's police and paramilitary police forces of Indian reports (the Rapid
# Action Force, State Reserve Police, CRPF, BSF), and the generic "security forces". The army is not police.
POLICE = re.compile(
    r"\b(?:police\w*|cops?|constab\w*|(?:sub-?)?inspectors?|head\s+constables?|jawans?|srp|crpf|bsf|raf|rapid\s+action"
    r"|state\s+reserve|security\s+(?:forces?|personnel|men)|paramilitary|home\s+guards?|khaki)\b",
    re.IGNORECASE,
)
NOT_DONE = frozenset({Modality.DENIED, Modality.HYPOTHETICAL})
# COERCE modes that are force against a crowd ("lathi-charged", "tear gas", excessive force on protesters).
CROWD_MODES = frozenset({"disperse", "repression"})


@dataclass(frozen=True)
class Sentence:
    doc_index: int
    text: str
    labels: frozenset[str]
    published: date | None


def read_corpus(path: Path) -> list[Sentence]:
    """The labelled sentences of an IndiaPoliceEvents folder, in file order; a wrong folder is a UsageError."""
    missing = [name for name in FILES if not (path / name).is_file()]
    if missing:
        raise UsageError(
            f"{path} is not an IndiaPoliceEvents folder: {', '.join(missing)} missing; pass the folder that holds "
            f"{', '.join(FILES)}"
        )
    try:
        docs = _jsonl(path / "docs.jsonl")
        rows = _jsonl(path / "sents.jsonl")
        meta = {str(m.get("doc_id", m.get("docid"))): m.get("date") for m in _jsonl(path / "metadata.jsonl")}
        order = {str(d["doc_id"]): n for n, d in enumerate(docs)}
        sentences = [
            Sentence(
                doc_index=order[str(r["doc_id"])],
                text=str(r["sent_text"]).strip(),
                labels=frozenset(r.get("sent_labels") or ()),
                published=_date(meta.get(str(r["doc_id"]))),
            )
            for r in rows
            if str(r["sent_text"]).strip()
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path} does not hold IndiaPoliceEvents records ({exc!r} missing or malformed)") from exc
    if not sentences:
        raise UsageError(f"{path} holds no labelled sentences")
    return sentences


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} is not JSON Lines ({exc})") from exc


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def is_police(event: Event) -> bool:
    return event.actor is not None and bool(POLICE.search(f"{event.actor.name} {event.actor.span.text}"))


def labels_of(events: Iterable[Event]) -> set[str]:
    """The scored questions a sentence's events answer yes to."""
    out: set[str] = set()
    for event in events:
        if event.modality in NOT_DONE:
            continue
        unnamed_or_police = event.actor is None or is_police(event)
        if event.plover_type == "COERCE" and event.plover_mode == "arrest" and unnamed_or_police:
            out.add("ARREST")
        force = (
            (event.plover_type in ("ASSAULT", "FIGHT") and is_police(event))
            or (event.plover_mode == "firearms" and event.actor is None)
            or (event.plover_type == "COERCE" and event.plover_mode in CROWD_MODES and unnamed_or_police)
        )
        if force:
            out.add("FORCE")
            if event.killed.min or event.killed.max:
                out.add("KILL")  # "as many as 98 people were killed" states a ceiling only, but deaths
    return out


def predict(sentences: Sequence[Sentence]) -> list[set[str]]:
    """Each sentence's predicted labels (cached by text, date and extraction code)."""
    texts = [s.text for s in sentences]
    days = [s.published.isoformat() if s.published else "" for s in sentences]
    # the labels are cached, so the key holds this module's reading rules (``labels_of``) as well as the extraction code
    rules = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    key = hashlib.sha256(
        ("\x00".join(texts) + "\x01".join(days) + code_fingerprint() + rules + SIGNALS_VERSION).encode()
    ).hexdigest()[:16]
    cache = CACHE_DIR / f"police-{key}.json"
    if cache.exists():
        return [set(labels) for labels in json.loads(cache.read_text())]
    from rashomon.ingest.fingerprint import make_report
    from rashomon.model import Analysis

    pipeline = pipeline_without_statements()
    reports = (
        make_report(s.text, published=datetime(d.year, d.month, d.day, 12, tzinfo=UTC) if (d := s.published) else None)
        for s in sentences
    )
    out = [labels_of(result.events) if isinstance(result, Analysis) else set() for result in pipeline.pipe(reports)]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([sorted(labels) for labels in out]))
    return out


def score(gold: Sequence[frozenset[str]], predicted: Sequence[set[str]], prefix: str = "") -> dict[str, float | int]:
    """Precision, recall and F1 per scored label, one decision per sentence and label."""
    scores: dict[str, float | int] = {}
    for label in SCORED:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if label in g and label in p)
        n_pred = sum(1 for p in predicted if label in p)
        n_gold = sum(1 for g in gold if label in g)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        key = f"{prefix}{label.lower()}"
        scores.update({f"{key}_precision": round(precision, 4), f"{key}_recall": round(recall, 4), f"{key}_f1": round(f1, 4)})
    scores[f"{prefix}n"] = len(gold)
    return scores


def evaluate(path: Path) -> dict[str, float | int]:
    sentences = read_corpus(Path(path))
    predicted = predict(sentences)
    gold = [s.labels for s in sentences]
    scores = score(gold, predicted)
    unread = [i for i, s in enumerate(sentences) if s.doc_index % 2 == 1]
    scores.update(score([gold[i] for i in unread], [predicted[i] for i in unread], prefix="unread_"))
    return scores
