"""Time the actors component and check it leaves place NER alone.

Usage: .venv/bin/python scripts/bench_actors.py ../shared/seed/000_c092c067313caf18.txt \
           ../shared/data/guardian_sdf_sample/Guardian_SDF_sample.csv --limit 40

Parses the reports with bare spaCy and with spaCy plus the actor EntityRuler (best of two runs each), times the
EntityRuler pipe on its own (rerun over the parsed documents, so other load on the machine does not blur it) and
the component itself, and counts how many GPE/LOC/FAC entities of the bare parse survive unchanged.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import spacy

from rashomon.extract import build_pipeline
from rashomon.extract.actors import RULER_NAME
from rashomon.extract.base import Draft
from rashomon.extract.pipeline import SPACY_MODEL
from rashomon.ingest.fingerprint import make_report

PLACE_LABELS = ("GPE", "LOC", "FAC")


def read_texts(paths: list[Path], limit: int) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for path in paths:
        if path.suffix == ".csv":
            with path.open(encoding="utf-8") as handle:
                texts.extend(row["text"] for _, row in zip(range(limit), csv.DictReader(handle), strict=False))
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="text files, or CSV files with a 'text' column")
    parser.add_argument("--limit", type=int, default=40, help="rows read from each CSV file")
    args = parser.parse_args()
    texts = read_texts(args.paths, args.limit)
    reports = [make_report(t) for t in texts]
    bare = spacy.load(SPACY_MODEL)
    pipeline = build_pipeline(("rashomon.actors.v1",))
    component = pipeline.components[0]
    ruler = pipeline.nlp.get_pipe(RULER_NAME)
    bare_s, ruler_s, component_s, ruler_only_s = [], [], [], []
    known = unknown = 0
    for _ in range(2):
        start = time.perf_counter()
        bare_docs = list(bare.pipe(texts))
        bare_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        docs = list(pipeline.nlp.pipe(texts))
        ruler_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        for doc in docs:
            ruler(doc)
        ruler_only_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        known = unknown = 0
        for report, doc in zip(reports, docs, strict=True):
            draft = Draft(report=report, doc=doc)
            component(draft)
            known += sum(1 for m in draft.actors if m.actor_id)
            unknown += sum(1 for m in draft.actors if not m.actor_id)
        component_s.append(time.perf_counter() - start)
    n = len(texts)
    b, r, c, ro = min(bare_s), min(ruler_s), min(component_s), min(ruler_only_s)
    kept = total = 0
    for bare_doc, doc in zip(bare_docs, docs, strict=True):
        now = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for ent in bare_doc.ents:
            if ent.label_ in PLACE_LABELS:
                total += 1
                kept += (ent.start_char, ent.end_char, ent.label_) in now
    print(
        f"reports={n} chars={sum(map(len, texts))} bare_spacy_ms={1000 * b / n:.0f} "
        f"spacy_with_ruler_ms={1000 * r / n:.0f} ruler_pipe_ms={1000 * ro / n:.1f} component_ms={1000 * c / n:.1f} "
        f"added_ms={1000 * (ro + c) / n:.1f} ratio={(b + ro + c) / b:.3f} "
        f"mentions_known={known} mentions_unknown={unknown} place_entities_kept={kept}/{total}"
    )


if __name__ == "__main__":
    main()
