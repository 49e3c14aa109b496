"""`rashomon eval police` on a small hand-written IndiaPoliceEvents-shaped folder whose scores are known."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.errors import UsageError
from rashomon.evaluation import police
from rashomon.model import ActorMention, Casualties, Event, Modality, Span

# (doc id, date, [(sentence, labels)]): the odd-position document (the second) is the "unread" half.
CORPUS = [
    (
        4,
        "2002-03-01",
        [
            ("two persons were killed in police firing in the old city.", ["KILL", "FORCE", "ANY_ACTION"]),
            ("the police lathi-charged the mob near the market.", ["FORCE", "ANY_ACTION"]),
            ("the chief minister visited the town on friday.", []),
        ],
    ),
    (
        9,
        "2002-03-02",
        [
            ("police arrested twelve people after the clashes.", ["ARREST", "ANY_ACTION"]),
            ("nobody was arrested as it was a peaceful march.", []),
            ("the curfew was relaxed for four hours.", ["ANY_ACTION"]),
            ("fifty rioters were detained.", ["ANY_ACTION"]),  # a labelling the reader disagrees with: counted
        ],
    ),
]


def _write(folder: Path, corpus: list = CORPUS) -> Path:
    folder.mkdir()
    docs, sents, meta = [], [], []
    for doc_id, day, rows in corpus:
        text = " ".join(s for s, _ in rows)
        docs.append({"doc_id": doc_id, "doc_text": text, "doc_labels": sorted({x for _, ls in rows for x in ls})})
        meta.append({"doc_id": doc_id, "date": day, "url": f"http://example.org/{doc_id}"})
        sents += [{"doc_id": doc_id, "sent_id": n, "sent_text": s, "sent_labels": ls} for n, (s, ls) in enumerate(rows)]
    for name, rows in (("docs.jsonl", docs), ("sents.jsonl", sents), ("metadata.jsonl", meta)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def test_eval_police_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(police, "CACHE_DIR", tmp_path / "cache")
    scores = police.evaluate(_write(tmp_path / "ipe"))
    assert scores["n"] == 7 and scores["unread_n"] == 4
    # KILL: the firing sentence only; FORCE: firing and lathi-charge
    assert (scores["kill_precision"], scores["kill_recall"], scores["kill_f1"]) == (1.0, 1.0, 1.0)
    assert (scores["force_precision"], scores["force_recall"], scores["force_f1"]) == (1.0, 1.0, 1.0)
    # ARREST: "police arrested" right, "nobody was arrested" denied (no prediction), "were detained" a false positive
    assert (scores["arrest_precision"], scores["arrest_recall"], scores["arrest_f1"]) == (0.5, 1.0, 0.6667)
    assert (scores["unread_arrest_precision"], scores["unread_arrest_recall"]) == (0.5, 1.0)
    assert scores["unread_kill_f1"] == 0.0 and scores["unread_force_f1"] == 0.0  # no gold and no prediction there
    assert list((tmp_path / "cache").glob("police-*.json"))  # a rerun parses nothing


def test_eval_police_cli_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(police, "CACHE_DIR", tmp_path / "cache")
    result = CliRunner().invoke(app, ["eval", "police", "--data", str(_write(tmp_path / "ipe")), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kill_f1"] == 1.0


def test_a_folder_without_the_corpus_files_is_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "docs.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape("sents.jsonl, metadata.jsonl missing")):
        police.read_corpus(tmp_path)
    result = CliRunner().invoke(app, ["eval", "police", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 2
    assert "not an IndiaPoliceEvents folder" in " ".join(result.output.split())


def test_malformed_records_are_refused(tmp_path: Path) -> None:
    folder = _write(tmp_path / "ipe")
    (folder / "sents.jsonl").write_text('{"doc_id": 4, "sent_id": 0}\n{"oops": 1}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="does not hold IndiaPoliceEvents records"):
        police.read_corpus(folder)
    (folder / "sents.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is not JSON Lines"):
        police.read_corpus(folder)


def _event(
    plover: str,
    mode: str | None,
    actor: str | None,
    killed: int | None = None,
    modality: Modality = Modality.AUTHOR,
    killed_max: int | None = None,
) -> Event:
    span = Span(report_id="r", start=0, end=5, text="xxxxx")
    who = None
    if actor:
        who = ActorMention(id="a", span=Span(report_id="r", start=0, end=len(actor), text=actor), name=actor)
    return Event(
        id="e",
        trigger=span,
        plover_type=plover,
        plover_mode=mode,
        actor=who,
        killed=Casualties(min=killed, max=killed_max),
        modality=modality,
    )


@pytest.mark.parametrize(
    ("events", "labels"),
    [
        ([_event("ASSAULT", "firearms", "police", killed=2)], {"KILL", "FORCE"}),
        ([_event("ASSAULT", "firearms", "the state reserve police")], {"FORCE"}),
        ([_event("ASSAULT", "firearms", "militants", killed=3)], set()),  # not the police
        # unnamed firing is the police's in these reports, as unnamed arrests are ("injured in the firing")
        ([_event("ASSAULT", "firearms", None, killed=3)], {"KILL", "FORCE"}),
        ([_event("ASSAULT", "targeted", None, killed=3)], set()),  # an unnamed stabbing is nobody's force
        ([_event("ASSAULT", "firearms", "police", killed_max=98)], {"KILL", "FORCE"}),  # "as many as 98 killed"
        ([_event("COERCE", "disperse", None)], {"FORCE"}),  # tear gas, unnamed: the police's
        ([_event("COERCE", "arrest", None)], {"ARREST"}),
        ([_event("COERCE", "arrest", "the army")], set()),
        ([_event("COERCE", "arrest", "policemen", modality=Modality.DENIED)], set()),
        ([_event("ASSAULT", "firearms", "police", killed=1, modality=Modality.HYPOTHETICAL)], set()),
    ],
)
def test_labels_of(events: list[Event], labels: set[str]) -> None:
    assert police.labels_of(events) == labels
