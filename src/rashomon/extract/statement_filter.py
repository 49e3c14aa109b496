"""A confidence per candidate attribution, and the cut that drops the unlikely ones.

The tagger's recall step (``MAX_O_MARGINAL``) and the parse rules propose more attributions than PolNeAR's
annotators mark: on dev, before this filter, 2,327 predictions against 2,190 gold ones, and the unmatched
ones are mostly short contents under verbs that are seldom speech ("unveiled", "received", "has recused").
A logistic regression over a few features of each finished attribution (how sure the tagger was of its
cue, content and source tokens, how often its cue words are cues in the training data, its length, whether
it is quoted) scores it (``Statement.confidence``); ``extract_statements`` drops the plain assertions
(``FILTERED_STANCES``) scoring under the threshold whose cue the tagger tagged, unless the caller keeps them
all (``drop_unlikely=False``, the CLI's ``--no-statement-filter``). An attribution whose cue the parse rules found
(``tagger_proposed``) and one with any other stance (accuse, attribute, deny, claim, confirm, threaten,
demand) is always kept.

The weights and threshold (``rashomon/data/models/statement_filter.json``, one entry per tagger name) come
from ``scripts/train_statement_filter.py``: a tagger retrained on the first 90% of PolNeAR train proposes
attributions on the last 10%, each labelled by whether it overlaps a gold content, and the threshold is the
one that maximises the mean of source, cue and content-overlap F1 there (0, no filter, unless it gains the
script's ``MIN_GAIN`` over that). A tagger without an entry (one mixed at another weight, a test's
stand-in) or with threshold 0 is not filtered.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rashomon.errors import PipelineError
from rashomon.extract.quotes_tagger import MODEL_PACKAGE, RawAttribution, Tagging, TokenSpan
from rashomon.model import Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc

FILTER_FILE = "statement_filter.json"
FEATURES = (
    "cue_probability",  # mean P(not O) over the cue's tokens (every filtered candidate has a cue)
    "content_probability",  # mean over the content's tokens
    "content_probability_min",  # the least sure content fragment's mean
    "source_probability",  # mean over the source's tokens (0 without a source)
    "has_source",
    "cue_rate",  # the highest training cue rate of the cue's lemmas
    "log_content_tokens",
    "quoted_share",  # share of the content's words inside quotation marks
    "fragments",  # number of content fragments
)


def _mean(values: np.ndarray, spans: Sequence[TokenSpan]) -> float:
    picked = [values[i] for span in spans for i in range(span.start, span.end)]
    return float(np.mean(picked)) if picked else 0.0


def attribution_features(
    doc: Doc, raw: RawAttribution, tagging: Tagging, cue_rate: dict[str, float], inside: Sequence[bool]
) -> np.ndarray:
    """The FEATURES of one finished attribution, in that order."""
    probability = tagging.attribution
    words = [i for span in raw.content for i in range(span.start, span.end) if not doc[i].is_punct]
    cue = [raw.cue] if raw.cue is not None else []
    source = [raw.source] if raw.source is not None else []
    rates = [cue_rate.get(doc[i].lemma_.lower(), 0.0) for span in cue for i in range(span.start, span.end)]
    return np.array(
        [
            _mean(probability, cue),
            _mean(probability, raw.content),
            min((_mean(probability, [span]) for span in raw.content), default=0.0),
            _mean(probability, source),
            float(raw.source is not None),
            max(rates, default=0.0),
            math.log1p(len(words)),
            sum(inside[i] for i in words) / len(words) if words else 0.0,
            float(len(raw.content)),
        ]
    )


# Only plain assertions are filtered. An accusation, a denial, a claim, a threat or a demand carries an
# incident's contradictions, so losing a true one costs an analyst more than keeping a spurious one. They are
# rare in PolNeAR, and about as often right as assertions or more (scripts/statement_match_rates.py), and the
# filter's features, learnt on its politics, undervalue conflict phrasing: a first fit without this rule
# dropped "threatened to attack the airport if the siege continued" (tests/extract/test_statement_filter.py).
FILTERED_STANCES = frozenset({Stance.ASSERT, Stance.OTHER})


def tagger_proposed(raw: RawAttribution, tagging: Tagging) -> bool:
    """Whether the tagger tagged the attribution's cue. Only those are filtered: a cue the tagger left O came
    from the parse rules ("put the toll at", "according to", "in the latest survey"), which were written for
    conflict reporting and which the PolNeAR-trained probabilities would score low for that reason alone."""
    return raw.cue is not None and any(tagging.labels[i] != "O" for i in range(raw.cue.start, raw.cue.end))


@dataclass(frozen=True)
class StatementFilter:
    """Logistic weights over FEATURES (standardised by ``mean`` and ``scale``) and the keep threshold."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def confidence(self, features: np.ndarray) -> float:
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        return float(1.0 / (1.0 + math.exp(-(float(np.dot(self.weights, z)) + self.bias))))

    def score(
        self, doc: Doc, raw: RawAttribution, tagging: Tagging, cue_rate: dict[str, float], inside: Sequence[bool]
    ) -> float | None:
        """The confidence of a finished attribution whose cue the tagger tagged (``tagger_proposed``); None for
        one whose cue the parse rules found, which the PolNeAR-trained features do not describe."""
        if not tagger_proposed(raw, tagging):
            return None
        return self.confidence(attribution_features(doc, raw, tagging, cue_rate, inside))

    def drops(self, confidence: float | None, stance: Stance) -> bool:
        """Whether an attribution with this ``confidence`` (from ``score``) and ``stance`` is dropped: a scored
        plain assertion (FILTERED_STANCES) under the threshold."""
        if self.threshold <= 0.0 or confidence is None or stance not in FILTERED_STANCES:
            return False
        return confidence < self.threshold


def read_filters(path: Path) -> dict[str, StatementFilter]:
    """The filters of a ``statement_filter.json`` by tagger name; one trained on other FEATURES is an error."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise PipelineError(f"{path} was trained on other features; rerun scripts/train_statement_filter.py")
    return {
        name: StatementFilter(
            weights=tuple(entry["weights"]),
            bias=entry["bias"],
            mean=tuple(entry["mean"]),
            scale=tuple(entry["scale"]),
            threshold=entry["threshold"],
        )
        for name, entry in data["taggers"].items()
    }


@functools.cache
def packaged_filters() -> dict[str, StatementFilter]:
    """The packaged filters (read once per process); none when the file is absent."""
    path = Path(str(resources.files(MODEL_PACKAGE) / FILTER_FILE))
    return read_filters(path) if path.exists() else {}


def filter_for(tagger_name: str) -> StatementFilter | None:
    return packaged_filters().get(tagger_name)
