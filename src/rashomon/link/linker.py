"""Incremental incident linking: each new report mention joins its best existing incident or opens one.

Blocking keeps the cost near n log n: a mention is compared only with incidents whose time
window overlaps its own (day buckets +- ``BLOCK_DAYS``) and, when both are geocoded, whose
coarse geographic cell (``GEO_CELL_DEG`` degrees) touches its own. Inside a block, signals are
combined (text similarity with block-local TF-IDF, time, place, event type, participants)
and the best incident above ``LINK_THRESHOLD`` wins. Incident ids come from the first member
and never change as the incident grows, so reruns and incremental ingests give the same ids.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from rashomon.link.mentions import IncidentMention
from rashomon.link.similarity import (
    TermRow,
    TextIndex,
    add_rows,
    embedding_similarity,
    participant_similarity,
    place_similarity,
    time_similarity,
    type_similarity,
)
from rashomon.model.ids import sha256_hex

# Signal weights in the link score (a weighted mean over the signals both sides have).
# Text carries most because it is always present; the structured signals sharpen it.
WEIGHTS = {"text": 0.40, "time": 0.15, "place": 0.20, "type": 0.10, "participants": 0.15}
# A mention joins an incident when its best member score reaches this. Calibrated on the
# illustrative corpora in tests/data/incidents: same-incident pairs across outlets score
# 0.48-0.99 (lowest: the wire report placing the strike at al-Tanf against al-Abadi placing it
# at al-Akashat, 185 km apart); unrelated incidents are ruled out by time or place (score 0),
# and without place a same-day, same-country pair scores about 0.35.
LINK_THRESHOLD = 0.45
# Without places on both sides, text must be this similar to link.
TEXT_ONLY_THRESHOLD = 0.35
# Below this text similarity a link also needs shared participants. Calibrated on the illustrative
# corpora: reports of one incident score 0.17-0.99 against each other (higher against the whole
# incident); reports of unrelated incidents 0.00-0.18.
MIN_LINK_TEXT = 0.12
# Time-window blocking: candidate incidents start within this many days of the mention.
BLOCK_DAYS = 3
# Coarse geographic cell for blocking (degrees); neighbouring cells are searched too, so two
# places up to one cell apart (about 220 km at the equator) still meet.
GEO_CELL_DEG = 2.0
ID_PREFIX = "inc-"
ID_LENGTH = 12


def incident_id_for(mention: IncidentMention) -> str:
    """Stable id of an incident: derived from its first member's report and event ids."""
    key = mention.report_id + "|" + ",".join(mention.event_ids)
    return ID_PREFIX + sha256_hex(key)[:ID_LENGTH]


@dataclass
class Cluster:
    """One incident while linking: its id and member mentions (first member made the id)."""

    id: str
    mentions: list[IncidentMention] = field(default_factory=list)

    @property
    def report_ids(self) -> set[str]:
        return {m.report_id for m in self.mentions}


def _day(value: datetime) -> int:
    return value.toordinal()


def _cell(mention: IncidentMention) -> tuple[int, int] | None:
    if mention.coords is None:
        return None
    return (math.floor(mention.coords[0] / GEO_CELL_DEG), math.floor(mention.coords[1] / GEO_CELL_DEG))


class BlockIndex:
    """Day-bucket x geo-cell index of the mentions of every incident (value: incident id)."""

    def __init__(self) -> None:
        self._by_day: dict[int, set[str]] = {}
        self._undated: set[str] = set()
        self._cells: dict[str, set[tuple[int, int] | None]] = {}

    def add(self, cluster_id: str, mention: IncidentMention) -> None:
        when = mention.interval[0] if mention.interval else mention.published
        if when is None:
            self._undated.add(cluster_id)
        else:
            self._by_day.setdefault(_day(when), set()).add(cluster_id)
        self._cells.setdefault(cluster_id, set()).add(_cell(mention))

    def drop(self, cluster_id: str) -> None:
        for ids in self._by_day.values():
            ids.discard(cluster_id)
        self._undated.discard(cluster_id)
        self._cells.pop(cluster_id, None)

    def candidates(self, mention: IncidentMention) -> set[str]:
        when = mention.interval[0] if mention.interval else mention.published
        if when is None:
            found = set(self._undated).union(*self._by_day.values()) if self._by_day else set(self._undated)
        else:
            day = _day(when)
            found = set(self._undated)
            for d in range(day - BLOCK_DAYS, day + BLOCK_DAYS + 1):
                found |= self._by_day.get(d, set())
        cell = _cell(mention)
        if cell is None:
            return found
        near = {(cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        return {cid for cid in found if cid in self._cells and (None in self._cells[cid] or self._cells[cid] & near)}


def pair_score(a: IncidentMention, b: IncidentMention, text: float) -> float:
    """Weighted mean of the available signals; 0 when time or place rule the link out."""
    signals: dict[str, float | None] = {
        "text": text,
        "time": time_similarity(a.interval, b.interval),
        "place": place_similarity(a.coords, b.coords),
        "type": type_similarity(a.plover_type, b.plover_type),
        "participants": participant_similarity(a.participants, b.participants),
    }
    if signals["time"] == 0.0 or signals["place"] == 0.0:
        return 0.0
    shared = signals["participants"]
    if text < MIN_LINK_TEXT and (shared is None or shared < 0.5):
        return text  # same day and area, but nothing in common to say: two incidents on a busy day
    present = {k: v for k, v in signals.items() if v is not None}
    if "place" not in present:  # without a place on both sides, type and actors alone cannot tie two reports
        return text if text >= TEXT_ONLY_THRESHOLD else text * 0.5
    return sum(WEIGHTS[k] * v for k, v in present.items()) / sum(WEIGHTS[k] for k in present)


class Linker:
    """Holds the incidents known so far and links new mentions into them."""

    def __init__(self, clusters: Iterable[Cluster] = ()) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.index = BlockIndex()
        self._report_cluster: dict[str, str] = {}
        self.text_index = TextIndex()
        self._centroids: dict[str, TermRow] = {}
        self._centroid_sizes: dict[str, int] = {}
        for cluster in clusters:
            self._register(cluster)

    def _register(self, cluster: Cluster) -> None:
        self.clusters[cluster.id] = cluster
        for mention in cluster.mentions:
            self.index.add(cluster.id, mention)
            self._report_cluster[mention.report_id] = cluster.id

    def _join(self, cluster: Cluster, mention: IncidentMention) -> None:
        cluster.mentions.append(mention)
        self.index.add(cluster.id, mention)
        self._report_cluster[mention.report_id] = cluster.id

    def _text_similarities(
        self, mention: IncidentMention, members: Sequence[tuple[str, IncidentMention]], candidate_ids: Sequence[str]
    ) -> np.ndarray:
        """Text similarity of a mention to each member, then to each candidate incident as a whole."""
        embedded = embedding_similarity(
            [
                mention.text,
                *(m.text for _, m in members),
                *("\n".join(m.text for m in self.clusters[c].mentions) for c in candidate_ids),
            ]
        )
        if embedded is not None:
            return embedded[0, 1:]
        index = self.text_index
        rows = [index.row(m.report_id, m.text) for _, m in members]
        wholes = [self._centroid(c) for c in candidate_ids]
        return index.similarities(index.row(mention.report_id, mention.text), rows + wholes)

    def _centroid(self, cid: str) -> TermRow:
        """Summed term rows of an incident's members, kept up to date as members join."""
        cached = self._centroids.get(cid)
        if cached is None or self._centroid_sizes.get(cid) != len(self.clusters[cid].mentions):
            cached = {}
            for member in self.clusters[cid].mentions:
                add_rows(cached, self.text_index.row(member.report_id, member.text))
            self._centroids[cid] = cached
            self._centroid_sizes[cid] = len(self.clusters[cid].mentions)
        return cached

    def best_match(self, mention: IncidentMention, exclude: str | None = None) -> tuple[str | None, float]:
        """Best candidate incident and its score: the best member score, where the text signal is
        the better of the member's text and the whole incident's text (an incident's reports
        together use more of the words a new report may use)."""
        candidate_ids = sorted(c for c in self.index.candidates(mention) if c in self.clusters and c != exclude)
        members = [(cid, m) for cid in candidate_ids for m in self.clusters[cid].mentions]
        if not members:
            return None, 0.0
        sims = self._text_similarities(mention, members, candidate_ids)
        whole = dict(zip(candidate_ids, sims[len(members) :], strict=True))
        best: dict[str, float] = {}
        for (cid, member), text in zip(members, sims[: len(members)], strict=True):
            best[cid] = max(best.get(cid, 0.0), pair_score(mention, member, max(float(text), float(whole[cid]))))
        cid = max(best, key=lambda c: (best[c], c))
        return cid, best[cid]

    def add(self, mention: IncidentMention) -> str:
        """Link one mention; return the id of the incident it joined or opened."""
        if mention.report_id in self._report_cluster:
            return self._report_cluster[mention.report_id]
        original = mention.near_duplicate_of
        if original is not None and original in self._report_cluster:
            cluster = self.clusters[self._report_cluster[original]]
            self._join(cluster, mention)
            return cluster.id
        cid, score = self.best_match(mention)
        if cid is not None and score >= LINK_THRESHOLD:
            self._join(self.clusters[cid], mention)
            return cid
        cluster = Cluster(id=incident_id_for(mention), mentions=[mention])
        self._register(cluster)
        return cluster.id

    def add_all(self, mentions: Iterable[IncidentMention]) -> list[str]:
        """Link mentions earliest first (so ids come from the earliest report); return touched ids.

        A second pass offers each incident opened in this batch to the others: a report that
        came first in time order may only match an incident through a report that came later.
        """
        touched: list[str] = []
        opened: list[str] = []
        # Originals before their syndicated copies, so a copy always finds its original's incident.
        for mention in sorted(mentions, key=lambda m: (m.near_duplicate_of is not None, m.sort_key)):
            known = set(self.clusters)
            cid = self.add(mention)
            if cid not in known:
                opened.append(cid)
            if cid not in touched:
                touched.append(cid)
        for cid in opened:
            target = self._merge_target(cid)
            if target is not None:
                self._merge(cid, target)
                touched = [t for t in touched if t != cid]
                if target not in touched:
                    touched.append(target)
        return touched

    def _merge_target(self, cid: str) -> str | None:
        cluster = self.clusters[cid]
        best: tuple[float, str] | None = None
        for mention in cluster.mentions:
            target, score = self.best_match(mention, exclude=cid)
            if target is not None and score >= LINK_THRESHOLD and (best is None or score > best[0]):
                best = (score, target)
        return best[1] if best else None

    def _merge(self, source: str, target: str) -> None:
        """Move every member of ``source`` into ``target``; ``target`` keeps its (older) id."""
        moving = self.clusters.pop(source)
        for mention in moving.mentions:
            self._join(self.clusters[target], mention)
        self.index.drop(source)


def link_mentions(mentions: Sequence[IncidentMention], existing: Iterable[Cluster] = ()) -> list[Cluster]:
    """Cluster mentions (optionally into existing incidents); return the incidents they touched."""
    linker = Linker(existing)
    return [linker.clusters[cid] for cid in linker.add_all(mentions)]
