"""Train the statements tagger (CRF over spaCy features) on PolNeAR train and write the packaged artefact.

    .venv/bin/python scripts/train_quotes.py --data ../shared/data/polnear/train

Writes src/rashomon/data/models/quotes_crf.crfsuite and quotes_lexicon.json. With ``--holdout 0.1
--out DIR`` it trains on the first 90% of the articles and then prints the scores of the last 10%;
``--score`` prints those scores for a model already in DIR without training. spaCy parses are cached
under /tmp (see rashomon.evaluation.quotes.parse_cached), so a rerun only pays for training.
Deterministic: L-BFGS from zero weights over the articles in sorted order, first annotator file each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pycrfsuite

from rashomon.evaluation.quotes import Article, Attribution, holdout_split, parse_cached, predict, read_folder, score
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_tagger import CUE_MIN_COUNT, CUE_MIN_RATE, QuoteTagger, paragraphs, sequence_features

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "models"
# L1 keeps the model small by zeroing weak features, MIN_FREQ drops features seen fewer times before
# training; L2 smooths the rest. c1=0.1 without MIN_FREQ gave a 19 MB model; c1=0.3/min 3 gave 7.1 MB;
# c1=0.6/min 5 gives 4.7 MB and scored no worse on PolNeAR dev (source F1 0.671 vs 0.664, cue 0.624
# vs 0.613, content overlap 0.798 vs 0.800).
C1 = 0.6
C2 = 0.01
MIN_FREQ = 5
MAX_ITERATIONS = 120
ROLES = (("source", "SRC"), ("cue", "CUE"), ("content", "CON"))


def gold_labels(doc: Doc, attributions: tuple[Attribution, ...]) -> list[str]:
    """BIO labels of the doc's tokens; the first attribution to claim a token keeps it."""
    labels = ["O"] * len(doc)
    token_at = [-1] * (len(doc.text) + 1)
    for tok in doc:
        if not tok.is_space:
            for c in range(tok.idx, tok.idx + len(tok.text)):
                token_at[c] = tok.i
    for attribution in attributions:
        for role, tag in ROLES:
            for start, end in getattr(attribution, role):
                covered = sorted({token_at[c] for c in range(start, min(end, len(doc.text))) if token_at[c] >= 0})
                for n, i in enumerate(covered):
                    if labels[i] == "O":
                        labels[i] = ("B-" if n == 0 else "I-") + tag
    return labels


def cue_lexicon(docs: list, labels: list[list[str]]) -> dict[str, float]:
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for doc, labs in zip(docs, labels, strict=True):
        for tok, lab in zip(doc, labs, strict=True):
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            if lab.endswith("CUE"):
                cue[lemma] += 1
    return {
        lemma: round(cue[lemma] / seen[lemma], 3)
        for lemma in sorted(cue)
        if cue[lemma] >= CUE_MIN_COUNT and cue[lemma] / seen[lemma] >= CUE_MIN_RATE
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train folder (text/, attributions/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--c1", type=float, default=C1, help="L1 penalty (larger: smaller model)")
    parser.add_argument("--min-freq", type=int, default=MIN_FREQ, help="drop features seen fewer times")
    parser.add_argument("--iterations", type=int, default=MAX_ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--holdout", type=float, default=0.0, help="leave out this share of articles (for tuning)")
    parser.add_argument("--fold", type=int, default=0, help="which --holdout share: 0 the last, 1 the one before, ...")
    parser.add_argument(
        "--score",
        action="store_true",
        help="no training: score the held-out articles (--holdout) with the model already in --out",
    )
    args = parser.parse_args(argv)

    started = time.time()
    articles = read_folder(args.data)
    articles, held = holdout_split(articles, args.holdout, args.fold)
    if args.score and not held:
        parser.error("--score needs --holdout (the share of articles to score)")
    nlp = load_spacy()
    if args.score:
        print(json.dumps(score_held_out(held, args.out, nlp), indent=2))
        return 0
    docs = parse_cached([a.text for a in articles], nlp)
    labels = [gold_labels(doc, a.annotations[0]) for doc, a in zip(docs, articles, strict=True)]
    lexicon = cue_lexicon(docs, labels)
    print(f"parsed {len(docs)} articles, {len(lexicon)} cue lemmas ({time.time() - started:.0f}s)", file=sys.stderr)

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, labs in zip(docs, labels, strict=True):
        for start, end in paragraphs(doc):
            if end - start < 2:
                continue
            trainer.append(sequence_features(doc, start, end, lexicon), labs[start:end])
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": C2,
            "max_iterations": args.iterations,
            "feature.minfreq": args.min_freq,
            "feature.possible_transitions": True,
        }
    )
    args.out.mkdir(parents=True, exist_ok=True)
    model_path = args.out / "quotes_crf.crfsuite"
    trainer.train(str(model_path))
    (args.out / "quotes_lexicon.json").write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    size = model_path.stat().st_size / 1e6
    print(f"wrote {model_path} ({size:.1f} MB) in {time.time() - started:.0f}s", file=sys.stderr)
    if held:
        print(json.dumps(score_held_out(held, args.out, nlp), indent=2))
    return 0


def score_held_out(held: list[Article], model_dir: Path, nlp: Language) -> dict[str, float | int]:
    """`rashomon eval quotes` figures of the held-out articles, with the model in ``model_dir`` and
    the shipped rules (how docs/evaluation.md's development figures were measured)."""
    lexicon = json.loads((model_dir / "quotes_lexicon.json").read_text(encoding="utf-8"))
    tagger = QuoteTagger(model_dir / "quotes_crf.crfsuite", lexicon)
    texts = [a.text for a in held]
    return score(held, predict(parse_cached(texts, nlp), texts, tagger=tagger))


if __name__ == "__main__":
    raise SystemExit(main())
