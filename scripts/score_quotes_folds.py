"""Score held-out PolNeAR train slices with each fold's taggers and the shipped statement filter.

    .venv/bin/python scripts/score_quotes_folds.py --data ../shared/data/polnear/train --holdout 0.1 \\
        --folds 0,1,2 --crf '/tmp/quotes-f{fold}' --bilstm '/tmp/bilstm-f{fold}'

The models are those of the cross-fitting commands in docs/evaluation.md (``train_quotes.py`` and
``train_quotes_neural.py`` with ``--fold``); ``{fold}`` in a path names each fold's. For each fold it prints
one JSON line: ``rashomon eval quotes``'s scores of the extractor with the last tagger (the BiLSTM mix with
``--bilstm``, else the CRF) and its packaged filter (``statement_filter.filter_for``), so a rule change can
be measured on text the taggers never saw without refitting anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from train_statement_filter import fold_taggers

from rashomon.evaluation.quotes import holdout_split, parse_cached, predict, read_folder, score
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.statement_filter import filter_for


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    ap.add_argument("--holdout", type=float, default=0.1, help="the share of articles each fold holds out")
    ap.add_argument("--folds", default="0", help="comma-separated folds (0 the last share, 1 the one before, ...)")
    ap.add_argument("--crf", required=True, help="CRF model folder per fold ({fold} in the path)")
    ap.add_argument("--bilstm", nargs="+", help="BiLSTM model folder(s) per fold ({fold} in the path)")
    args = ap.parse_args(argv)
    args.max_o = None  # fold_taggers' recall-step override: the shipped decode
    articles = read_folder(args.data)
    nlp = load_spacy()
    for fold in (int(f) for f in args.folds.split(",")):
        _, held = holdout_split(articles, args.holdout, fold)
        tagger = fold_taggers(args, fold)[-1]
        texts = [a.text for a in held]
        predictions = predict(parse_cached(texts, nlp), texts, tagger=tagger, statement_filter=filter_for(tagger.name))
        print(json.dumps({"fold": fold, "tagger": tagger.name, **score(held, predictions)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
