"""The event type classifier: its two shipped heads, the optional sentence encoder and the fallback without it."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sklearn.svm import LinearSVC

from rashomon.evaluation import events as events_eval
from rashomon.extract.event_types import (
    CASE_TO_ACLED,
    CLASS_DESCRIPTIONS,
    EMBEDDING_DIM,
    EventTypeModel,
    class_prototypes,
    featurise,
    load_event_type_model,
    load_sentence_encoder,
    make_vectorizers,
    model_from_arrays,
    save_model,
    with_embeddings,
)

OBVIOUS = [
    "Warplanes pounded the village with air strikes, killing six civilians.",
    "Police arrested 40 people suspected of membership in a drug gang.",
    "A powerful earthquake and flood destroyed hundreds of homes.",
    "A suicide bomber blew himself up at a checkpoint, killing four soldiers.",
]
OBVIOUS_LABELS = ["AIR_STRIKE", "ARREST", "NATURAL_DISASTER", "SUIC_BOMB"]

needs_encoder = pytest.mark.skipif(load_sentence_encoder() is None, reason="the embeddings extra (torch) is not installed")


def test_one_description_per_type() -> None:
    assert set(CLASS_DESCRIPTIONS) == set(CASE_TO_ACLED)
    assert all(len(text.split()) >= 8 for text in CLASS_DESCRIPTIONS.values())


def test_fallback_head_types_obvious_snippets() -> None:
    model = load_event_type_model(use_embeddings=False)
    assert model.backend == "tfidf"
    assert model.encoder is None
    assert set(model.classes) == set(CASE_TO_ACLED)
    assert model.predict(OBVIOUS) == OBVIOUS_LABELS
    assert model.predict([]) == []


@needs_encoder
def test_embedding_head_types_obvious_snippets() -> None:
    model = load_event_type_model()
    assert model.backend == "tfidf+embeddings"
    fallback = load_event_type_model(use_embeddings=False)
    assert model.coef.shape == (30, fallback.coef.shape[1] + EMBEDDING_DIM)
    assert model.predict(OBVIOUS) == OBVIOUS_LABELS
    assert model.scores(OBVIOUS[:1]).shape == (1, 30)


@needs_encoder
def test_encoder_gives_unit_vectors_that_reflect_meaning() -> None:
    encode = load_sentence_encoder()
    assert encode is not None
    vectors = encode(["Jets bombed the town.", "Aircraft struck the town from the air.", "Two ministers signed a trade deal."])
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encode([]).shape == (0, EMBEDDING_DIM)


def test_no_torch_means_no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    assert load_sentence_encoder.__wrapped__() is None


def _fake_encoder(texts: Sequence[str]) -> np.ndarray:
    """A deterministic stand-in for the sentence encoder: a unit vector from the text's letters."""
    out = np.zeros((len(texts), EMBEDDING_DIM))
    for i, text in enumerate(texts):
        for ch in text.lower():
            out[i, ord(ch) % EMBEDDING_DIM] += 1.0
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _tiny_arrays(tmp_path: Path, with_emb: bool) -> dict[str, np.ndarray]:
    # three classes: a two-class LinearSVC keeps one coefficient row, unlike the shipped 30-class heads
    texts = [
        "jets bombed the town",
        "police arrested a man",
        "drones struck a convoy",
        "officers detained two suspects",
        "floods swept away homes",
        "a flood hit the valley",
    ]
    labels = ["AIR_STRIKE", "ARREST", "AIR_STRIKE", "ARREST", "NATURAL_DISASTER", "NATURAL_DISASTER"]
    word, char = make_vectorizers()
    word.fit(texts)
    char.fit(texts)
    x = featurise(word, char, texts)
    tfidf = LinearSVC(C=1.0, random_state=0).fit(x, labels)
    emb = LinearSVC(C=1.0, random_state=0).fit(with_embeddings(x, _fake_encoder(texts)), labels)
    path = tmp_path / "m.npz"
    protos = class_prototypes(_fake_encoder(texts), labels, list(emb.classes_))
    emb_head = (emb.coef_, emb.intercept_, protos) if with_emb else None
    save_model(str(path), word, char, list(tfidf.classes_), (tfidf.coef_, tfidf.intercept_), emb_head)
    with np.load(path, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def test_saved_heads_round_trip_and_pick_by_encoder(tmp_path: Path) -> None:
    arrays = _tiny_arrays(tmp_path, with_emb=True)
    assert arrays["coef"].shape[1] + EMBEDDING_DIM == arrays["coef_emb"].shape[1]
    with_enc = model_from_arrays(arrays, _fake_encoder)
    without = model_from_arrays(arrays, None)
    assert (with_enc.backend, without.backend) == ("tfidf+embeddings", "tfidf")
    for model in (with_enc, without):
        assert model.predict(["jets bombed the convoy", "police arrested two suspects", "the flood swept the town"]) == [
            "AIR_STRIKE",
            "ARREST",
            "NATURAL_DISASTER",
        ]


def test_file_without_embedding_head_ignores_the_encoder(tmp_path: Path) -> None:
    model = model_from_arrays(_tiny_arrays(tmp_path, with_emb=False), _fake_encoder)
    assert model.encoder is None
    assert model.coef.shape[1] == featurise(model.word, model.char, ["x"]).shape[1]


def test_eval_says_on_stderr_when_it_scores_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "snippets.tsv"
    rows = "".join(f"{i}\t{text}\t{label}\n" for i, (text, label) in enumerate(zip(OBVIOUS, OBVIOUS_LABELS, strict=True)))
    path.write_text("id\tEventSnippet\tSubType\n" + rows, encoding="utf-8")
    fallback: EventTypeModel = load_event_type_model(use_embeddings=False)
    monkeypatch.setattr(events_eval, "load_event_type_model", lambda: fallback)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    scores = events_eval.evaluate(path)
    assert scores["accuracy"] == 1.0
    assert "TF-IDF fallback" in err.getvalue()
    assert "torch==2.13.0" in err.getvalue()
