"""How often the extractor's statements match a gold PolNeAR attribution, by content length and by stance.

    .venv/bin/python scripts/statement_match_rates.py --data ../shared/data/polnear/dev

A statement matches when its content overlaps a gold content of the article's annotator file (averaged over
the files of an article with several). ``--filtered`` keeps the packaged statement filter; by default it is
off, which gives the figures the filter was designed from (docs/evaluation.md).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from rashomon.evaluation.quotes import overlap, parse_cached, read_folder, trim
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.statement_filter import FEATURES, StatementFilter
from rashomon.extract.statements import extract_statements
from rashomon.model import Report
from rashomon.model.ids import report_id_for, sha256_hex

LENGTH_STEP = 40  # characters per content-length bucket
LENGTH_CAP = 240  # the last bucket holds everything longer
NO_FILTER = StatementFilter((0.0,) * len(FEATURES), 0.0, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), 0.0)


def rates(folder: Path, filtered: bool) -> dict[str, dict[str, tuple[int, float]]]:
    """{"length" | "stance": {bucket: (statements, matched)}} over the folder's articles."""
    articles = read_folder(folder)
    docs = parse_cached([a.text for a in articles], load_spacy())
    table: dict[str, dict[str, list[float]]] = {"length": defaultdict(lambda: [0, 0.0]), "stance": defaultdict(lambda: [0, 0.0])}
    for article, doc in zip(articles, docs, strict=True):
        digest = sha256_hex(article.text)
        report = Report(id=report_id_for(digest), text=article.text, content_hash=digest)
        for statement in extract_statements(report, doc, statement_filter=None if filtered else NO_FILTER):
            if not statement.attributed or statement.parent_id is not None:
                continue  # scored as `rashomon eval quotes` scores
            content = trim(article.text, [(c.start, c.end) for c in statement.content])
            if not content:
                continue
            matched = sum(
                any(overlap(content, trim(article.text, g.content)) > 0 for g in gold) for gold in article.annotations
            ) / len(article.annotations)
            length = min(sum(e - s for s, e in content) // LENGTH_STEP * LENGTH_STEP, LENGTH_CAP)
            for kind, bucket in (
                ("length", f"{length}+" if length == LENGTH_CAP else f"{length}-{length + LENGTH_STEP - 1}"),
                ("stance", statement.stance.value),
            ):
                table[kind][bucket][0] += 1
                table[kind][bucket][1] += matched
    return {kind: {b: (int(n), m) for b, (n, m) in rows.items()} for kind, rows in table.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a PolNeAR split, e.g. ../shared/data/polnear/dev")
    parser.add_argument("--filtered", action="store_true", help="keep the packaged statement filter")
    args = parser.parse_args()
    for kind, rows in rates(args.data, args.filtered).items():
        total = sum(n for n, _ in rows.values())
        print(f"| {kind} | statements | share | matched |\n|---|---:|---:|---:|")
        order = (
            sorted(rows, key=lambda b: int(b.split("-")[0].rstrip("+")))
            if kind == "length"
            else sorted(rows, key=lambda b: -rows[b][0])
        )
        for bucket in order:
            n, m = rows[bucket]
            print(f"| {bucket} | {n} | {n / total:.1%} | {m / n:.1%} |")
        print()


if __name__ == "__main__":
    main()
