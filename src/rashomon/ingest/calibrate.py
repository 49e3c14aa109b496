"""Reproduce the calibration figures behind the ingestion thresholds (language, near-duplicates, sizes).

    .venv/bin/python -m rashomon.ingest.calibrate --data ../shared/data [--json]

A development tool: it reads the shared corpora in their own formats (Guardian CSV, Times of India,
ISAF and FNC-1 exports, PolNeAR and WikiRef220 text files, ECB+ token XML) and prints what the
comments on the constants in language.py, dedup.py and limits.py quote. About a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from rashomon.ingest.dedup import JACCARD_THRESHOLD, NearDuplicateIndex, shingles, signature, similarity
from rashomon.ingest.language import detect_language, stopword_ratios

SEED = 7  # the random edits of the synthetic copies
_TOKEN_XML = re.compile(r"<token[^>]*>([^<]*)</token>")


def corpora(data: Path) -> Iterator[tuple[str, str, str]]:
    """(corpus, document name, text) for every English text the calibration uses."""
    csv.field_size_limit(1 << 30)
    with (data / "guardian_sdf_sample" / "Guardian_SDF_sample.csv").open(newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            yield "guardian", str(n), row["text"]
    with (data / "india_police_events" / "docs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            yield "india", str(doc["doc_id"]), doc["doc_text"]
    with (data / "isaf_press_releases" / "isaf_press_releases.jsonl").open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            for turn in json.loads(line)["conversations"]:
                if turn["from"] in ("human", "user"):
                    yield "isaf", str(n), turn["value"]
    for path in sorted(data.glob("polnear/**/text/*.txt")):
        yield "polnear", path.name, path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((data / "wikiref220" / "WikiRef220").glob("*")):
        yield "wikiref", path.name, path.read_text(encoding="utf-8", errors="replace")
    with (data / "fnc1" / "bodies.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield "fnc1", row["Body ID"], row["articleBody"]
    for path in sorted((data / "ecbplus" / "ECB+").glob("*/*.xml")):
        tokens = _TOKEN_XML.findall(path.read_text(encoding="utf-8"))
        text = " ".join(tokens).replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
        yield "ecb", path.name, text


def language_figures(docs: list[tuple[str, str, str]]) -> dict[str, object]:
    rows: dict[str, list[tuple[float, float, str | None]]] = defaultdict(list)
    for corpus, _, text in docs:
        if text.strip():
            ratios = stopword_ratios(text)
            other = max(value for code, value in ratios.items() if code != "en")
            rows[corpus].append((ratios["en"], other, detect_language(text)))
    out: dict[str, object] = {}
    for corpus, values in rows.items():
        english = sorted(v[0] for v in values)
        other = sorted(v[1] for v in values)
        out[corpus] = {
            "texts": len(values),
            "en_p5": round(english[len(english) // 20], 3),
            "en_median": round(statistics.median(english), 3),
            "other_max": round(other[-1], 3),
            "other_p95": round(other[len(other) * 19 // 20], 3),
            "detected": dict(Counter(str(v[2]) for v in values)),
        }
    return out


def syndicate(text: str, variant: str, rng: random.Random) -> str:
    """A wire copy: another headline, a byline and a footer; 'edit' changes 2% of the words, 'trim' keeps 3/4."""
    words = text.split(" ")
    if variant == "trim":
        words = words[: len(words) * 3 // 4]
    if variant == "edit":
        for i in rng.sample(range(len(words)), max(1, len(words) // 50)):
            words[i] = "told"
    return (
        "Wire copy: officials respond to the latest developments\nBy Staff Reporter, Regional Desk | Updated 14:02 GMT\n"
        + " ".join(words)
        + "\n(Reporting by the Wire Service; editing by the regional desk.) Copyright 2019. All rights reserved."
    )


def dedup_figures(docs: list[tuple[str, str, str]]) -> dict[str, object]:
    rng = random.Random(SEED)
    articles = [text for corpus, _, text in docs if corpus == "guardian" and len(text.split()) > 150]
    index = NearDuplicateIndex()
    cross_matches = 0
    for n, text in enumerate(articles):
        cross_matches += index.find(signature(text)) is not None
        index.add(f"g{n}", signature(text))
    copies: dict[str, dict[str, float]] = {}
    for variant in ("plain", "edit", "trim"):
        found, lowest = 0, 1.0
        for n, text in enumerate(articles):
            copy = signature(syndicate(text, variant, rng))
            found += index.find(copy) == f"g{n}"
            lowest = min(lowest, similarity(copy, signature(text)))
        copies[variant] = {"found": found, "of": len(articles), "min_estimated_jaccard": round(lowest, 3)}
    groups: dict[tuple[str, bool], list[tuple[str, str]]] = defaultdict(list)
    for corpus, name, text in docs:
        if corpus == "ecb":
            groups[(name.split("_")[0], "ecbplus" in name)].append((name, text))
    pairs: list[float] = []
    matched: list[float] = []
    for items in groups.values():
        grams = {name: shingles(text) for name, text in items}
        group_index = NearDuplicateIndex()
        for name, text in items:
            original = group_index.find(signature(text))
            if original is not None:
                a, b = grams[name], grams[original]
                matched.append(round(len(a & b) / len(a | b), 2))
            group_index.add(name, signature(text))
        for (_, a), (_, b) in itertools.combinations(grams.items(), 2):
            pairs.append(len(a & b) / len(a | b) if a | b else 0.0)
    pairs.sort()
    return {
        "guardian_articles": len(articles),
        "guardian_cross_matches": cross_matches,
        "copies": copies,
        "ecb_same_event_pairs": len(pairs),
        "ecb_p99_jaccard": round(pairs[len(pairs) * 99 // 100], 3),
        "ecb_pairs_over_0.3": sum(1 for v in pairs if v > 0.3),
        "ecb_pairs_at_threshold": sum(1 for v in pairs if v >= JACCARD_THRESHOLD),
        "ecb_matched_by_index_exact_jaccard": sorted(matched, reverse=True),
    }


def size_figures(docs: list[tuple[str, str, str]]) -> dict[str, str]:
    longest: dict[str, int] = defaultdict(int)
    for corpus, _, text in docs:
        longest[corpus] = max(longest[corpus], len(text.encode("utf-8")))
    return {corpus: f"{size / 1024:.1f} KiB" for corpus, size in longest.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared datasets folder, e.g. ../shared/data")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (args.data / "guardian_sdf_sample").is_dir():
        print(f"error: {args.data} does not hold the shared datasets (no guardian_sdf_sample/)", file=sys.stderr)
        return 2
    docs = list(corpora(args.data))
    figures = {"language": language_figures(docs), "near_duplicates": dedup_figures(docs), "longest": size_figures(docs)}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for section, values in figures.items():
            print(f"[{section}]")
            for key, value in values.items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
