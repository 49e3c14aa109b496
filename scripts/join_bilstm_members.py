"""Join BiLSTM statements taggers trained on the same articles into one ensemble artefact.

    .venv/bin/python scripts/train_quotes_neural.py --data ../shared/data/polnear/train --out /tmp/bilstm-s29 --seed 29
    .venv/bin/python scripts/join_bilstm_members.py --out /tmp/bilstm-x2 src/rashomon/data/models /tmp/bilstm-s29

Each source folder holds a ``train_quotes_neural.py`` model (quotes_bilstm.json and its weight files). The
output folder gets every source's networks as members (quotes_bilstm.npz, then quotes_bilstm.2.npz, ...)
and one quotes_bilstm.json listing them; ``quotes_neural.read_model`` averages their probabilities (copy
the folder's files over src/rashomon/data/models, with a statement filter fitted for the ensemble's tagger
name, to ship one). The
sources must share the vocabularies and the cue lexicon, i.e. have been trained on the same --data,
--holdout and --fold (only the --seed differs), or the join is refused. The output may be one of the sources: every
file is read before any is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rashomon.extract.quotes_neural import META_FILE, WEIGHTS_FILE

# Models written before train_quotes_neural.py had --seed were trained with its default seed.
DEFAULT_SEED = 13
# What every member must agree on: the network's shape and what it reads.
SHARED_KEYS = ("labels", "encoder_layers", "hidden", "layers", "proj", "vocabs", "cue_rate", "articles")


def member_file(index: int) -> str:
    """quotes_bilstm.npz for the first member, quotes_bilstm.2.npz for the second, ..."""
    return WEIGHTS_FILE if index == 0 else WEIGHTS_FILE.replace(".npz", f".{index + 1}.npz")


def join(sources: list[Path], out: Path) -> dict[str, Any]:
    """Write the ensemble of ``sources`` to ``out`` and return its metadata."""
    metas = [json.loads((folder / META_FILE).read_text(encoding="utf-8")) for folder in sources]
    for folder, meta in zip(sources[1:], metas[1:], strict=True):
        differing = [key for key in SHARED_KEYS if meta.get(key) != metas[0].get(key)]
        if differing:
            raise SystemExit(
                f"{folder} differs from {sources[0]} in {', '.join(differing)}: train every member on the same "
                "--data, --holdout and --fold, with only --seed changed"
            )
    weights = [
        (folder / name).read_bytes()
        for folder, meta in zip(sources, metas, strict=True)
        for name in meta.get("members", [WEIGHTS_FILE])
    ]
    seeds = [seed for meta in metas for seed in meta.get("seeds", [meta.get("seed", DEFAULT_SEED)])]
    joined = {key: value for key, value in metas[0].items() if key not in ("members", "seed", "seeds")}
    joined["members"] = [member_file(i) for i in range(len(weights))]
    joined["seeds"] = seeds
    out.mkdir(parents=True, exist_ok=True)
    for name, data in zip(joined["members"], weights, strict=True):
        (out / name).write_bytes(data)
    (out / META_FILE).write_text(json.dumps(joined, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return joined


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write the ensemble to (may be a source)")
    ap.add_argument("sources", type=Path, nargs="+", help="model folders trained by train_quotes_neural.py")
    args = ap.parse_args(argv)
    joined = join(args.sources, args.out)
    print(f"wrote {args.out}: {len(joined['members'])} members, seeds {joined['seeds']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
