"""Train the BiLSTM statements tagger (rashomon.extract.quotes_neural) on PolNeAR train and write its artefact.

    .venv/bin/python scripts/train_quotes_neural.py --data ../shared/data/polnear/train

Writes src/rashomon/data/models/quotes_bilstm.npz and quotes_bilstm.json (about 40 minutes on 2 cores: 12
to encode the articles, 2.5 per epoch; a rerun reads the cached vectors and takes about 15). Needs the
``embeddings`` extra. With ``--holdout 0.1 --out DIR`` it trains on the first 90% of the articles (first
annotator file each, as scripts/train_quotes.py) and prints, after the epochs named by --evals, the
`rashomon eval quotes` figures of the last 10% (the slice docs/evaluation.md develops on), with the
shipped rules run over its tags. ``--dev`` scores another
folder after training; ``--crf DIR`` scores a CRF trained on the same articles (train_quotes.py --holdout
0.1 --out DIR) beside it, alone and mixed into the network's probabilities (``--weights``). ``--seed``
changes the initial weights and the article order; models at several seeds joined by
scripts/join_bilstm_members.py form an ensemble (tried with seeds 13 and 29, not shipped: docs/evaluation.md).

spaCy parses are cached under /tmp (rashomon.evaluation.quotes.parse_cached) and token vectors under
--cache, so a rerun only pays for training. The window, sizes, dropout, learning rate and epochs are first
choices, not tuned; docs/evaluation.md records the runs. Seeded, but torch's CPU kernels are not bitwise
deterministic across machines, so a retrained model can differ in the third decimal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from spacy.tokens import Doc
from torch import nn
from train_quotes import OUT_DIR, cue_lexicon, gold_labels

from rashomon.evaluation.quotes import Article, holdout_split, parse_cached, predict, read_folder, score
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_neural import (
    ENCODER_LAYERS,
    LABEL_INDEX,
    LABELS,
    N_CATEGORICAL,
    NeuralQuoteTagger,
    SpanNet,
    TokenEncoder,
    categorical_keys,
    index_keys,
    save_model,
)
from rashomon.extract.quotes_tagger import QuoteTagger

EPOCHS = 8
BATCH = 8  # articles per step
LEARNING_RATE = 2e-3
HIDDEN = 128
PROJECTION = 128
LAYERS = 1
CLIP = 5.0
SEED = 13


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


def figures(name: str, articles: list[Article], docs: list[Doc], tagger: object) -> None:
    result = score(articles, predict(docs, [a.text for a in articles], tagger=tagger))  # type: ignore[arg-type]
    keys = ("source_f1", "cue_f1", "content_overlap_f1", "content_exact_f1")
    print(json.dumps({"scored": name, **{k: result[k] for k in keys}}), flush=True)


class PrecomputedEncoder:
    """The token encoder with the cached vectors of the docs scored here (by text), so scoring re-encodes nothing."""

    def __init__(self, encoder: TokenEncoder) -> None:
        self.encoder, self.dim = encoder, encoder.dim
        self.known: dict[str, np.ndarray] = {}

    def add(self, docs: list[Doc], vectors: list[np.ndarray]) -> None:
        self.known.update({d.text: v for d, v in zip(docs, vectors, strict=True)})

    def doc_vectors(self, doc: Doc) -> np.ndarray:
        known = self.known.get(doc.text)
        return known if known is not None else self.encoder.doc_vectors(doc)


def batches(order: np.ndarray, vectors: list[np.ndarray], cats: list[np.ndarray], ys: list[np.ndarray], dim: int):
    """Padded (x, categorical, y) tensors of BATCH articles; padding is labelled -1 (ignored by the loss)."""
    for b in range(0, len(order), BATCH):
        idx = order[b : b + BATCH]
        n = max(len(ys[i]) for i in idx)
        x = torch.zeros(len(idx), n, dim)
        c = torch.zeros(len(idx), n, N_CATEGORICAL, dtype=torch.long)
        y = torch.full((len(idx), n), -1)
        for r, i in enumerate(idx):
            m = len(ys[i])
            x[r, :m] = torch.tensor(vectors[i], dtype=torch.float32)
            c[r, :m] = torch.from_numpy(cats[i])
            y[r, :m] = torch.from_numpy(ys[i])
        yield x, c, y


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--holdout", type=float, default=0.0, help="leave out this share of articles and score them")
    ap.add_argument("--fold", type=int, default=0, help="which --holdout share: 0 the last, 1 the one before, ...")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--evals", default="", help="epochs (from 0) after which to score the held-out slice")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rashomon-bilstm-vectors"))
    ap.add_argument("--dev", type=Path, help="also score this PolNeAR folder after training (e.g. polnear/dev)")
    ap.add_argument("--crf", type=Path, help="a CRF model folder (train_quotes.py --holdout 0.1 --out DIR) to score too")
    ap.add_argument("--weights", default="0.3,0.5", help="CRF weights of the mixtures scored with --crf")
    ap.add_argument("--seed", type=int, default=SEED, help="initial weights and article order (another gives an ensemble member)")
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(2)
    started = time.time()
    articles = read_folder(args.data)
    train, held = holdout_split(articles, args.holdout, args.fold)
    nlp = load_spacy()
    docs = parse_cached([a.text for a in train], nlp)
    held_docs = parse_cached([a.text for a in held], nlp)
    encoder = TokenEncoder()
    vectors = cached_vectors(encoder, docs, [a.name for a in train], args.cache)
    held_vectors = cached_vectors(encoder, held_docs, [a.name for a in held], args.cache)
    print(f"encoded ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
    labels = [gold_labels(d, a.annotations[0]) for d, a in zip(docs, train, strict=True)]
    lexicon = cue_lexicon(docs, labels)
    vocabs: list[dict[str, int]] = [{"<unk>": 0} for _ in range(N_CATEGORICAL)]
    cats = [index_keys(categorical_keys(d, lexicon), vocabs, grow=True) for d in docs]
    ys = [np.array([LABEL_INDEX[label] for label in labs]) for labs in labels]
    net = SpanNet(encoder.dim, [len(v) for v in vocabs], HIDDEN, LAYERS, PROJECTION)
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    loss_of = nn.CrossEntropyLoss(ignore_index=-1)
    scoring = PrecomputedEncoder(encoder)
    scoring.add(held_docs, held_vectors)
    tagger = NeuralQuoteTagger(net, vocabs, lexicon, scoring)  # type: ignore[arg-type]
    evals = {int(e) for e in args.evals.split(",") if e}
    order = np.arange(len(docs))
    for epoch in range(args.epochs):
        net.train()
        np.random.shuffle(order)
        total = 0.0
        for x, c, y in batches(order, vectors, cats, ys, encoder.dim):
            loss = loss_of(net(x, c).reshape(-1, len(LABELS)), y.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), CLIP)
            optimiser.step()
            total += loss.item()
        net.eval()
        print(f"epoch {epoch} loss {total:.2f} ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
        if epoch in evals and held:
            figures(f"slice after epoch {epoch}", held, held_docs, tagger)
    meta = {
        "labels": list(LABELS), "encoder_layers": list(ENCODER_LAYERS), "hidden": HIDDEN, "layers": LAYERS,
        "proj": PROJECTION, "vocabs": vocabs, "cue_rate": lexicon, "epochs": args.epochs, "articles": len(train),
        "seed": args.seed,
    }  # fmt: skip
    save_model(args.out, net, meta)
    print(f"wrote {args.out} ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
    sets = [("slice", held, held_docs)] if held else []
    if args.dev is not None:
        dev = read_folder(args.dev)
        dev_docs = parse_cached([a.text for a in dev], nlp)
        dev_vectors = cached_vectors(encoder, dev_docs, [f"dev-{a.name}" for a in dev], args.cache)
        scoring.add(dev_docs, dev_vectors)
        sets.append(("dev", dev, dev_docs))
    for name, arts, ds in sets:
        figures(f"{name}: bilstm", arts, ds, tagger)
    if args.crf is not None:
        crf = QuoteTagger(args.crf / "quotes_crf.crfsuite", json.loads((args.crf / "quotes_lexicon.json").read_text()))
        for name, arts, ds in sets:
            figures(f"{name}: crf", arts, ds, crf)
            for weight in (float(w) for w in args.weights.split(",")):
                mixed = NeuralQuoteTagger(net, vocabs, lexicon, scoring, crf=crf, crf_weight=weight)  # type: ignore[arg-type]
                figures(f"{name}: {weight} crf + bilstm", arts, ds, mixed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
