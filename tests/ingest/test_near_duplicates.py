"""Near-duplicates: a wire copy under another headline, byline and footer is found; an independently
written report of the same incident is not."""

from __future__ import annotations

import csv
import random
from collections import Counter

import pytest
from ingest_helpers import shared_file

from rashomon.ingest.dedup import JACCARD_THRESHOLD, NUM_PERM, NearDuplicateIndex, shingles, signature, similarity

WIRE = (
    "A convoy of pro-government fighters was hit by an air strike on a desert road near the border town of "
    "Marsh Point late on Monday, a spokesman for the group said on Wednesday. The spokesman said that eleven "
    "fighters were killed and several others wounded when two aircraft struck the vehicles as they travelled "
    "towards a checkpoint. He accused a foreign air force of carrying out the strike and said the group would "
    "respond at a time of its choosing. A military spokesman for the coalition denied that its aircraft had flown "
    'in the area that night. "We have no record of any strike near Marsh Point on Monday," he told reporters. '
    "The country's prime minister said in a televised address that the attack had been carried out by the "
    "insurgents, who later claimed responsibility in a statement posted online. Independent verification of the "
    "death toll was not possible because access to the area is restricted. Local officials said the wounded had "
    "been taken to a hospital in the provincial capital, about ninety kilometres to the east."
)

SYNDICATED = (
    "Militia says 11 fighters killed in border air strike\n"
    "By Staff Reporter | Regional desk | 9 August 2017\n\n" + WIRE + "\n\n"
    "(Reporting by the wire service; editing by the regional desk.) Copyright 2017. All rights reserved. "
    "Follow us for more news from the region."
)

TRIMMED = "Border strike: militia counts its dead\n" + WIRE.rsplit(" Independent verification", 1)[0]

# The same incident, written independently: same names, numbers and even the coalition's quote.
INDEPENDENT_A = (
    "Eleven members of a pro-government militia died on Monday night near Marsh Point when their convoy was "
    "bombed from the air, according to the group, which blamed a foreign air force. The coalition rejected the "
    'claim. "We have no record of any strike near Marsh Point on Monday," a coalition spokesman said. Hours '
    "later the insurgents said they had attacked the convoy themselves, and the prime minister backed that "
    "account in a speech on television. The wounded were treated in the provincial capital."
)
INDEPENDENT_B = (
    "Who killed the militia fighters on the desert road? Three accounts of Monday's attack near Marsh Point now "
    "compete. The militia says a foreign air force bombed its convoy, killing eleven men. The coalition says its "
    "jets were nowhere near the area. The insurgents say they did it, and the prime minister agrees with them. "
    "Reporters have not been allowed to reach the site, so none of the accounts can be checked."
)


def test_syndicated_and_trimmed_copies_match_the_original() -> None:
    index = NearDuplicateIndex()
    index.add("r-wire", signature(WIRE))
    assert index.find(signature(SYNDICATED)) == "r-wire"
    assert index.find(signature(TRIMMED)) == "r-wire"
    assert similarity(signature(WIRE), signature(SYNDICATED)) >= 0.75


def test_independent_reports_of_the_same_incident_do_not_match() -> None:
    index = NearDuplicateIndex()
    index.add("r-wire", signature(WIRE))
    index.add("r-a", signature(INDEPENDENT_A))
    assert index.find(signature(INDEPENDENT_A)) == "r-a"  # itself, trivially
    fresh = NearDuplicateIndex()
    fresh.add("r-wire", signature(WIRE))
    assert fresh.find(signature(INDEPENDENT_A)) is None
    assert fresh.find(signature(INDEPENDENT_B)) is None
    for text in (INDEPENDENT_A, INDEPENDENT_B):
        exact = len(shingles(WIRE) & shingles(text)) / len(shingles(WIRE) | shingles(text))
        assert exact < 0.05


def test_the_earliest_matching_report_is_returned() -> None:
    index = NearDuplicateIndex()
    index.add("r-first", signature(WIRE))
    index.add("r-copy", signature(SYNDICATED))
    assert index.find(signature(TRIMMED)) == "r-first"


def test_signatures_round_trip_through_a_store_as_ints() -> None:
    sig = signature(WIRE)
    assert len(sig) == NUM_PERM and all(isinstance(v, int) and 0 <= v < 2**32 for v in sig)
    assert signature(WIRE) == sig == NearDuplicateIndex.signature(WIRE)  # deterministic across calls and runs
    stored = [int(v) for v in sig]  # e.g. a JSON array or one INTEGER column per value
    index = NearDuplicateIndex()
    index.add("r-wire", stored)
    index.add("r-wire", stored)  # idempotent
    assert len(index) == 1 and "r-wire" in index
    assert index.find(list(signature(SYNDICATED))) == "r-wire"


def test_empty_text_and_wrong_signatures() -> None:
    index = NearDuplicateIndex()
    index.add("r-empty", signature(""))
    assert len(index) == 0
    assert index.find(signature("")) is None
    assert index.find(signature(WIRE)) is None
    with pytest.raises(ValueError, match="has 64 values, not 128"):
        index.add("r-short", signature(WIRE)[:64])


def test_normalisation_and_case_do_not_hide_a_copy() -> None:
    shouted = WIRE.upper().replace(". ", ".\r\n\r\n\r\n")
    assert similarity(signature(WIRE), signature(shouted)) == 1.0


@pytest.mark.data
def test_copies_of_real_articles_are_found_and_articles_do_not_match_each_other() -> None:
    """Guardian articles (../shared/data) against their syndicated copies; see dedup.py's calibration notes."""
    with shared_file("data", "guardian_sdf_sample", "Guardian_SDF_sample.csv").open(newline="", encoding="utf-8") as f:
        articles = [row["text"] for row in csv.DictReader(f) if len(row["text"].split()) > 150][:80]
    rng = random.Random(7)
    index = NearDuplicateIndex()
    for n, text in enumerate(articles):
        assert index.find(signature(text)) is None, f"article {n} matched an unrelated article"
        index.add(f"g{n}", signature(text))
    for n, text in enumerate(articles):
        words = text.split(" ")
        for i in rng.sample(range(len(words)), len(words) // 50):
            words[i] = "reportedly"
        copy = "Another headline\nBy Wire Staff\n" + " ".join(words[: len(words) * 3 // 4]) + "\nCopyright 2019 Wire."
        assert index.find(signature(copy)) == f"g{n}"
    assert JACCARD_THRESHOLD == 0.5


@pytest.mark.data
@pytest.mark.slow
def test_calibration_figures_hold() -> None:
    """The figures quoted in dedup.py and language.py, from `python -m rashomon.ingest.calibrate` (~1 min)."""
    from rashomon.ingest.calibrate import corpora, dedup_figures, language_figures

    docs = list(corpora(shared_file("data")))
    languages = language_figures(docs)
    detected = Counter()
    for figures in languages.values():
        detected.update(figures["detected"])  # type: ignore[index]
    assert set(detected) <= {"en", "None"} and detected["en"] >= 4100
    dedup = dedup_figures(docs)
    assert dedup["guardian_cross_matches"] == 0
    assert all(v["found"] == v["of"] for v in dedup["copies"].values())  # type: ignore[attr-defined]
    assert dedup["ecb_pairs_at_threshold"] == len(dedup["ecb_matched_by_index_exact_jaccard"])  # type: ignore[arg-type]
