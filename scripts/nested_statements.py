"""Nested statements the extractor finds in a PolNeAR-layout folder: how many, and a sample to read.

    .venv/bin/python scripts/nested_statements.py --data ../shared/data/polnear/dev [--sample 20]

PolNeAR never annotates nested speech, so no gold figure exists for it; this prints the count of statements
and of nested ones (``parent_id`` set), then a seeded sample of nested ones as
``outer speaker | outer cue || inner source -> resolved speaker | inner cue | content``, for reading by hand
(docs/evaluation.md).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from rashomon.evaluation.quotes import parse_cached, read_folder
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.statements import extract_statements
from rashomon.model import Report, Statement
from rashomon.model.ids import report_id_for, sha256_hex

SAMPLE_SEED = 1


def nested(folder: Path) -> tuple[int, list[tuple[Statement | None, Statement]]]:
    """The number of statements over the folder, and each nested one with its enclosing statement."""
    articles = read_folder(folder)
    docs = parse_cached([a.text for a in articles], load_spacy())
    total = 0
    pairs: list[tuple[Statement | None, Statement]] = []
    for article, doc in zip(articles, docs, strict=True):
        digest = sha256_hex(article.text)
        statements = extract_statements(Report(id=report_id_for(digest), text=article.text, content_hash=digest), doc)
        total += len(statements)
        by_id = {s.id: s for s in statements}
        pairs.extend((by_id.get(s.parent_id), s) for s in statements if s.parent_id)
    return total, pairs


def _line(outer: Statement | None, inner: Statement) -> str:
    head = f"{outer.speaker_name if outer else None} | {outer.cue.text if outer and outer.cue else None}"
    source = inner.speaker.text if inner.speaker else None
    content = " ".join(c.text for c in inner.content)[:100]
    return f"{head} || {source} -> {inner.speaker_name} | {inner.cue.text if inner.cue else None} | {content}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a PolNeAR-layout folder (text/, attributions/)")
    parser.add_argument("--sample", type=int, default=20, help="how many nested statements to print")
    args = parser.parse_args()
    total, pairs = nested(args.data)
    print(f"statements {total}, nested {len(pairs)}")
    for outer, inner in random.Random(SAMPLE_SEED).sample(pairs, min(args.sample, len(pairs))):
        print(_line(outer, inner))


if __name__ == "__main__":
    main()
