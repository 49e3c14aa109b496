"""The outlet's geographic profile: where an outlet's stored reports are about, as input to geocoding.

A local paper writes mostly about its own county and a regional outlet about its own region, so a
report naming one ambiguous place ("Richmond", "Hajjah") is read within the outlet's area. For each
report about to be analysed this module builds the profile ``rashomon eval geocode`` uses
(``extract.geocode.outlet_prior``, with ``OUTLET_MIN_READINGS`` and ``W_OUTLET`` unchanged) from what the
store already holds for that outlet: the places of its other analysed reports (gazetteer id and name,
which give back the gazetteer entry with its country, admin-1 and admin-2 codes), each distinct reading
counted once per report.

Rules:
- *Outlet*: ``Report.outlet``, compared exactly; a report without one gets no profile.
- *Leave-one-out*: a report never sees its own places. Every report of the batch being analysed is left
  out of every profile of that batch (its earlier analysis too, when it is being re-analysed).
- *Batches*: a batch is read with profiles from the store as it was before the batch (batches commit in
  order, so an ingest run's later batches see its earlier ones). The reports of one batch do not inform
  each other: the first ``--batch-size`` reports of a new outlet are read without a profile.
- *Deterministic*: the same store contents and batch give the same profiles (rows in gazetteer-id order).
- An outlet with too little history (fewer than ``OUTLET_MIN_READINGS`` readings) gets none; a stored
  place whose gazetteer id this gazetteer lacks is skipped.

Profiles are computed here, in the driver, and travel with the reports to the executor (local, worker
processes or Ray), so every engine reads the same reports the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rashomon.extract.base import ReportContext
from rashomon.extract.gazetteer import GazEntry, Gazetteer
from rashomon.extract.geocode import OutletTally, outlet_prior
from rashomon.model import Report
from rashomon.store.base import Store

# Whether ingest and analyze read a report within its outlet's profile when none is asked for.
DEFAULT_OUTLET_PROFILE = True


def _load_gazetteer() -> Gazetteer:
    from rashomon.extract.gazetteer import load_gazetteer

    return load_gazetteer()


def outlet_contexts(
    store: Store,
    reports: Sequence[Report],
    gazetteer: Gazetteer | Callable[[], Gazetteer] = _load_gazetteer,
) -> list[ReportContext | None]:
    """One ``ReportContext`` (or None: no profile) per report, in order, for analysing ``reports`` as one
    batch. ``gazetteer`` is the one the places component uses, or a loader called only when some outlet
    has stored places (the packaged one by default, loaded once per process)."""
    batch = {r.id for r in reports}
    loaded: list[Gazetteer] = []

    def entries(rows: list[tuple[str, str, int]]) -> list[tuple[GazEntry, int]]:
        if not loaded:
            loaded.append(gazetteer if isinstance(gazetteer, Gazetteer) else gazetteer())
        out: list[tuple[GazEntry, int]] = []
        for gid, name, n in rows:
            entry = loaded[0].find(gid, name)
            if entry is not None:
                out.append((entry, n))
        return out

    profiles: dict[str, ReportContext | None] = {}
    for outlet in sorted({r.outlet for r in reports if r.outlet}):
        rows = store.outlet_place_counts(outlet, exclude=batch)
        prior = outlet_prior(OutletTally.of_readings(entries(rows))) if rows else None
        profiles[outlet] = ReportContext(outlet_profile=prior) if prior is not None else None
    return [profiles.get(r.outlet) if r.outlet else None for r in reports]
