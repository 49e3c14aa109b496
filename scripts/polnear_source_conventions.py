"""Count how PolNeAR's gold sources treat relative pronouns, raising verbs and relative clauses.

    .venv/bin/python scripts/polnear_source_conventions.py --data ../shared/data/polnear/train

Over the first annotator file of train[:90%] (``holdout_split(..., 0.1)``, the articles the rules may be
chosen on), against the shared spaCy parse, it prints three tables (docs/evaluation.md):

* a gold cue whose verb has a relative pronoun as subject ("a staffer, who | said ..."): is that pronoun the
  gold source, per pronoun (``quotes_tagger.RELATIVE_SPEAKERS``);
* a gold cue that is "seem" or "appear" alone (with auxiliaries, negation and adverbs), or a passive
  "expected": does it have a gold source at all (``quotes_rules.RAISING_VERBS``, ``PASSIVE_OBJECT_VERBS``);
* a relative clause or participle phrase on a word of a gold source, not itself a gold cue: inside the
  source or left out, after a comma or bare;
* a subjectless gold cue verb the parse coordinates inside another gold cue's content clause ("the commander
  alleged that U.S. forces support IS and | hinted | that ..."): is its gold source the outer cue's, inside the
  inner clause's subject, another, or none (``quotes_tagger._outer_cue``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.evaluation.quotes import Attribution, holdout_split, parse_cached, read_folder, trim
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_rules import CUE_FUNCTION_ARCS, RAISING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc

RELATIVE_PRONOUNS = ("who", "which", "that")
SUBJECT_ARCS = {"nsubj", "nsubjpass"}
CLAUSE_BREAKS = {",", "-", "—", "–"}


def count(data: Path) -> dict[str, Counter]:
    train, _ = holdout_split(read_folder(data), 0.1)
    docs = parse_cached([a.text for a in train], load_spacy())
    relative: Counter = Counter()
    raising: Counter = Counter()
    clauses: Counter = Counter()
    coordinated: Counter = Counter()
    for article, doc in zip(train, docs, strict=True):
        gold = article.annotations[0]
        cue_chars = {i for a in gold for s, e in trim(article.text, a.cue) for i in range(s, e)}
        coordinated.update(_coordinated_sources(article.text, doc, gold))
        for attribution in gold:
            source, cue = trim(article.text, attribution.source), trim(article.text, attribution.cue)
            cue_tokens = [t for s, e in cue for t in (doc.char_span(s, e, alignment_mode="expand") or ())]
            for verb in (t for t in cue_tokens if t.pos_ in {"VERB", "AUX"}):
                for subj in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS):
                    if verb.dep_ == "relcl":
                        relative[subj.lower_, tuple(source) == ((subj.idx, subj.idx + len(subj)),)] += 1
            main = [t for t in cue_tokens if t.dep_ not in CUE_FUNCTION_ARCS and not t.is_punct]
            if len(main) == 1:
                lemma = main[0].lemma_.lower()
                if lemma == "expect" and any(c.dep_ == "auxpass" for c in main[0].children):
                    raising["expect (passive)", bool(source)] += 1
                elif lemma in RAISING_VERBS:
                    raising[lemma, bool(source)] += 1
            if not source:
                continue
            start, end = min(source)[0], max(source)[1]
            span = doc.char_span(start, end, alignment_mode="expand")
            for child in (c for t in span or () for c in t.rights if c.dep_ in {"relcl", "acl"}):
                first = child.left_edge
                if child.idx in cue_chars or first.idx < start:
                    continue  # its own attribution, or a clause the source starts inside
                after = "comma" if first.i > 0 and doc[first.i - 1].text in CLAUSE_BREAKS else "bare"
                clause_end = child.right_edge.idx + len(child.right_edge)
                if clause_end <= end:
                    clauses[child.dep_, after, "inside"] += 1
                elif first.idx >= end - 1:
                    clauses[child.dep_, after, "left out"] += 1
    return {"relative": relative, "raising": raising, "clauses": clauses, "coordinated": coordinated}


def _coordinated_sources(text: str, doc: Doc, gold: list[Attribution]) -> Counter:
    """Where the gold source of a subjectless cue verb coordinated inside another cue's ccomp lies."""
    cue_of = {t.i: a for a in gold for s, e in trim(text, a.cue) for t in doc.char_span(s, e, alignment_mode="expand") or ()}
    out: Counter = Counter()
    for attribution in gold:
        verbs = [t for s, e in trim(text, attribution.cue) for t in doc.char_span(s, e, alignment_mode="expand") or ()]
        for verb in verbs:
            clause = verb.head
            if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ in SUBJECT_ARCS for c in verb.children):
                continue
            if clause.i in cue_of or clause.dep_ != "ccomp" or clause.head.i not in cue_of:
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_ARCS), None)
            if subject is None:
                continue
            source, outer = trim(text, attribution.source), trim(text, cue_of[clause.head.i].source)
            words = list(subject.subtree)
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            if not source:
                out["none"] += 1
            elif source == outer:
                out["outer"] += 1
            elif min(source)[0] >= start and max(source)[1] <= end:
                out["inner"] += 1
            else:
                out["other"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    counts = count(ap.parse_args(argv).data)
    print("relative pronoun subject of a cue verb: pronoun is the source / is not")
    for pronoun in RELATIVE_PRONOUNS:
        print(f"  {pronoun:6s} {counts['relative'][pronoun, True]:5d} {counts['relative'][pronoun, False]:5d}")
    print("raising or passive-expect cue alone: no gold source / a gold source")
    for verb in (*sorted(RAISING_VERBS), "expect (passive)"):
        print(f"  {verb:17s} {counts['raising'][verb, False]:5d} {counts['raising'][verb, True]:5d}")
    print("clause on a gold source's word: inside / left out")
    for dep in ("relcl", "acl"):
        for after in ("comma", "bare"):
            inside, out = counts["clauses"][dep, after, "inside"], counts["clauses"][dep, after, "left out"]
            print(f"  {dep} after {after:5s} {inside:5d} {out:5d}")
    print("subjectless cue coordinated inside another cue's content: gold source is")
    for where in ("outer", "inner", "other", "none"):
        print(f"  {where:6s} {counts['coordinated'][where]:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
