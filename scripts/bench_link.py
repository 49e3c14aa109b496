"""Linking cost on synthetic event mentions: `make bench` runs it and docs/performance.md shows the curve.

    .venv/bin/python scripts/bench_link.py [--sizes 10000 100000 1000000] [--budget-s 600] [--json]

The synthetic archive has the density of a busy conflict feed, constant at every size (so a linear
linker has a flat cost per mention): ``INCIDENTS_PER_DAY`` incidents a day over ``PLACES`` towns in
``COUNTRIES`` countries, each incident told by 1-5 outlets within a day, each telling ~60 words of
which a third name the incident (town, actors, weapon, toll), a quarter are common news words and the
rest Zipf-distributed over a 5,000-word vocabulary.
Mentions are fed to one ``rashomon.link.linker.Linker`` in daily batches (``Linker.add_all``), as
incremental ingests do. Times are CPU seconds of the one linking process (wall time is kept too).
A size whose predicted time exceeds ``--budget-s`` is not run; the page then
shows an extrapolation, labelled as such.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.link.mentions import IncidentMention

INCIDENTS_PER_DAY = 60  # ACLED codes ~300 events/day worldwide; ~60 reach several outlets
PLACES = 2000
COUNTRIES = 60
MENTIONS_PER_INCIDENT = (1, 5)
SEED = 7
COMMON = [
    "the",
    "a",
    "of",
    "in",
    "on",
    "and",
    "to",
    "said",
    "officials",
    "reported",
    "according",
    "local",
    "residents",
    "security",
    "forces",
    "area",
    "attack",
    "people",
    "killed",
    "wounded",
    "government",
    "statement",
    "police",
    "army",
    "militants",
    "near",
    "village",
    "town",
    "city",
    "district",
    "province",
    "on",
    "friday",
    "monday",
    "yesterday",
    "night",
    "morning",
    "sources",
    "told",
    "witnesses",
    "added",
    "later",
]
WEAPONS = ("airstrike", "shelling", "ambush", "bombing", "raid", "clashes", "drone", "gunmen", "mortar", "IED")
VOCABULARY = 5000  # other words: Zipf-distributed over this many, as in running news text
TYPES = ("ASSAULT", "FIGHT", "COERCE", "PROTEST", None)


def synthetic_mentions(n: int, seed: int = SEED) -> list[IncidentMention]:
    """``n`` mentions in time order (see the module docstring for the distribution)."""
    from rashomon.link.mentions import IncidentMention
    from rashomon.model import PlacePrecision, TimePrecision

    rng = random.Random(seed)
    places = [(rng.uniform(-35, 55), rng.uniform(-20, 120), f"Town{i}", f"C{i % COUNTRIES:02d}") for i in range(PLACES)]
    actors = [f"act-{i}" for i in range(400)]
    start = datetime(2015, 1, 1)
    out: list[IncidentMention] = []
    incident = 0
    while len(out) < n:
        day = start + timedelta(days=incident // INCIDENTS_PER_DAY, hours=rng.uniform(0, 23))
        lat, lon, town, country = rng.choice(places)
        who = rng.sample(actors, 2)
        weapon, kind = rng.choice(WEAPONS), rng.choice(TYPES)
        toll = rng.randint(1, 60)
        key_words = [town, who[0], who[1], weapon, str(toll), f"Name{rng.randint(0, 99999)}"]
        for outlet in range(rng.randint(*MENTIONS_PER_INCIDENT)):
            if len(out) >= n:
                break
            words = [rng.choice(key_words) for _ in range(20)] + rng.choices(COMMON, k=15)
            words += [f"w{min(int(rng.paretovariate(1.0)), VOCABULARY)}" for _ in range(25)]
            rng.shuffle(words)
            when = day + timedelta(hours=rng.uniform(0, 12))
            dated = rng.random() < 0.7
            out.append(
                IncidentMention(
                    report_id=f"r{incident:07d}-{outlet}",
                    event_ids=(f"e{incident:07d}-{outlet}",) if kind else (),
                    text=f"{weapon.title()} in {town}\n" + " ".join(words),
                    plover_type=kind,
                    interval=(when - timedelta(hours=6), when, TimePrecision.DAY) if dated else None,
                    coords=(lat + rng.uniform(-0.05, 0.05), lon, PlacePrecision.TOWN) if rng.random() < 0.8 else None,
                    country_code=country,
                    participants=frozenset(who[: rng.randint(0, 2)]),
                    published=when + timedelta(hours=2),
                    near_duplicate_of=None,
                )
            )
        incident += 1
    out.sort(key=lambda m: m.sort_key)
    return out


def measure(n: int) -> dict[str, object]:
    """Link ``n`` synthetic mentions in daily batches; seconds, mentions/s, incidents, candidates per mention."""
    from rashomon.link.linker import Linker

    mentions = synthetic_mentions(n)
    linker = Linker()
    batch: list[IncidentMention] = []
    day = None
    started, cpu_started = time.perf_counter(), time.process_time()
    done, tail_from = 0, (None, 0)  # CPU time and count where the last quarter of the run began
    for mention in mentions:
        when = mention.sort_key[0].date()
        if day is not None and when != day and batch:
            linker.add_all(batch)
            done += len(batch)
            batch = []
            if tail_from[0] is None and done >= 0.75 * n:
                tail_from = (time.process_time(), done)
        day = when
        batch.append(mention)
    if batch:
        linker.add_all(batch)
    # CPU seconds of this process: the target is "on one core", and the machine may be shared.
    seconds = time.process_time() - cpu_started
    return {
        "mentions": n,
        "seconds": round(seconds, 2),
        "wall_seconds": round(time.perf_counter() - started, 2),
        "mentions_per_s": round(n / seconds, 1),
        "incidents": len(linker.clusters),
        "true_incidents": len({m.report_id.split("-")[0] for m in mentions}),
        "extrapolated": False,
        # CPU seconds per mention over the run's last quarter: the marginal cost once the time
        # window is full, which is what the rest of a long archive pays per mention.
        "marginal_s_per_mention": round((time.process_time() - tail_from[0]) / (n - tail_from[1]), 4)
        if tail_from[0] is not None and n > tail_from[1]
        else None,
    }


def extrapolate(measured: list[dict[str, object]], n: int) -> dict[str, object]:
    """Predict the time for ``n`` from the largest measured run: its time plus its marginal cost per
    mention (last quarter, window full) for every further mention. Linear, because blocking bounds the
    candidates at constant density; per-mention work that grows with the archive is not in it."""
    last = measured[-1]
    marginal = last.get("marginal_s_per_mention") or float(last["seconds"]) / float(last["mentions"])  # type: ignore[arg-type]
    seconds = float(last["seconds"]) + (n - int(last["mentions"])) * float(marginal)  # type: ignore[arg-type]
    return {
        "mentions": n,
        "seconds": round(seconds, 1),
        "mentions_per_s": round(n / seconds, 2),
        "incidents": None,
        "extrapolated": True,
        "from_mentions": last["mentions"],
    }


def run(sizes: list[int], budget_s: float) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    for n in sorted(sizes):
        measured = [r for r in results if not r["extrapolated"]]
        if measured and float(extrapolate(measured, n)["seconds"]) > budget_s:  # type: ignore[arg-type]
            results.append(extrapolate(measured, n))
        else:
            results.append(measure(n))
        print(f"bench_link: {json.dumps(results[-1])}", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--budget-s", type=float, default=600.0, help="skip (and extrapolate) sizes predicted slower")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON list on stdout")
    args = parser.parse_args(argv)
    results = run(args.sizes, args.budget_s)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
