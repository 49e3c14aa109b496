"""How PolNeAR's annotators end a cue before a phrase of the speech verb: inside the cue or outside it.

For every gold cue that opens on a speech verb ("said", "told", "announced", ...), the phrase right after
the verb is classed (a weekday, "in an interview", "in a statement", "on Twitter", "of", "reporters") and
counted as kept in the cue or left out of it. Near-even splits bound the cue F1 any one convention can reach
(docs/evaluation.md). Reads the annotations only; nothing is parsed.

    .venv/bin/python scripts/polnear_cue_conventions.py --data ../shared/data/polnear/train
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from rashomon.evaluation.quotes import read_folder, trim

SPEECH_VERB = re.compile(r"(?:said|says|told|announced|explained|wrote|tweeted)\b")
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PHRASES = {
    "a weekday, 'yesterday', 'today'": re.compile(rf"\s+(?:on\s+)?(?:{_DAY}|yesterday|today|last week)\b"),
    "'in an interview'": re.compile(r"\s+in (?:an?|his|her|the|a recent|a televised) (?:\w+ )?interview\b"),
    "'in a statement', letter, email": re.compile(r"\s+in (?:a|the|an?) (?:\w+ )?(?:statement|letter|email|op-ed|tweet|post)\b"),
    "'on Twitter', 'via email', a network": re.compile(r"\s+(?:on|via) (?:Twitter|Facebook|email|Fox News|CNN|MSNBC)\b"),
    "'of'": re.compile(r"\s+of\b"),
    "'reporters', 'journalists'": re.compile(r"\s+(?:reporters|journalists)\b"),
}


def count(folder: Path) -> Counter[tuple[str, bool]]:
    """(phrase class, kept in the cue) -> number of gold cues, over every annotator's file."""
    counts: Counter[tuple[str, bool]] = Counter()
    for article in read_folder(folder):
        text = article.text
        for annotator in article.annotations:
            for attribution in annotator:
                cue = sorted(trim(text, attribution.cue))
                if not cue:
                    continue
                start, end = cue[0][0], cue[-1][1]
                verb = SPEECH_VERB.match(text, start)
                if verb is None:
                    continue
                for name, pattern in PHRASES.items():
                    phrase = pattern.match(text, verb.end())
                    if phrase:
                        counts[(name, end >= phrase.end())] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a PolNeAR split, e.g. ../shared/data/polnear/train")
    counts = count(parser.parse_args().data)
    print("| after the speech verb | kept in the cue | left out |")
    print("|---|---:|---:|")
    for name in PHRASES:
        print(f"| {name} | {counts[(name, True)]} | {counts[(name, False)]} |")


if __name__ == "__main__":
    main()
