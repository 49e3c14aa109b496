"""Incident use cases: link analysed reports into incidents, assess them, and read them back.

``update_incidents`` is incremental: only stored incidents whose time window could hold one of
the new reports are loaded (with their members' analyses) and offered to the linker; every
other incident is left untouched. Incidents that gained members are re-assessed and saved
under their unchanged ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from rashomon.assess.incident import assess_incident
from rashomon.errors import NotFound
from rashomon.link.linker import BLOCK_DAYS, Cluster, Linker
from rashomon.link.mentions import IncidentMention, mention_from_analysis
from rashomon.model import Analysis, Incident
from rashomon.store.base import Store

# Stored incidents further than this from every new report are not loaded for linking.
CANDIDATE_WINDOW = timedelta(days=BLOCK_DAYS + 2)


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


def _incident_when(store: Store, incident: Incident) -> datetime | None:
    if incident.time is not None and incident.time.start is not None:
        return _naive(incident.time.start)
    for ref in incident.reports:
        try:
            published = store.get_report(ref.id).published
        except Exception:  # noqa: BLE001 - a dangling member must not block linking the others
            continue
        if published is not None:
            return _naive(published)
    return None


def _near(when: datetime | None, windows: Sequence[datetime]) -> bool:
    if when is None or not windows:
        return True
    return any(abs(when - w) <= CANDIDATE_WINDOW for w in windows)


def _load_cluster(store: Store, incident: Incident, analyses: dict[str, Analysis]) -> Cluster:
    mentions: list[IncidentMention] = []
    for ref in incident.reports:
        analysis = analyses.get(ref.id) or store.get_analysis(ref.id)
        if analysis is None:
            continue
        analyses[ref.id] = analysis
        mentions.append(mention_from_analysis(analysis))
    return Cluster(id=incident.id, mentions=mentions)


def link_and_assess(
    new_analyses: Sequence[Analysis],
    existing: Iterable[Cluster] = (),
    known: dict[str, Analysis] | None = None,
    reassess: Iterable[str] = (),
) -> list[Incident]:
    """Link analyses into (existing) incidents and assess every incident they touched, plus the
    ``reassess`` ids (incidents that lost a member). No store needed."""
    analyses = dict(known or {})
    analyses.update({a.report.id: a for a in new_analyses})
    linker = Linker(existing)
    touched = linker.add_all(mention_from_analysis(a) for a in new_analyses)
    touched += [cid for cid in reassess if cid in linker.clusters and cid not in touched]
    incidents = []
    for cid in touched:
        cluster = linker.clusters[cid]
        members = [(analyses[m.report_id], m) for m in cluster.mentions if m.report_id in analyses]
        incidents.append(assess_incident(cid, members))
    return incidents


def update_incidents(store: Store, new_analyses: Sequence[Analysis]) -> list[Incident]:
    """Join newly analysed reports to stored incidents (or open new ones) and save them."""
    if not new_analyses:
        return []
    windows = []
    for analysis in new_analyses:
        mention = mention_from_analysis(analysis)
        when = mention.interval[0] if mention.interval else mention.published
        if when is not None:
            windows.append(when)
    known: dict[str, Analysis] = {a.report.id: a for a in new_analyses}
    new_ids = set(known)
    existing = []
    shrunk: list[str] = []
    emptied: list[str] = []
    for incident in store.iter_incidents():
        if any(ref.id in new_ids for ref in incident.reports) or _near(_incident_when(store, incident), windows):
            cluster = _load_cluster(store, incident, known)
            # A re-analysed report is linked afresh rather than kept where it was.
            kept = [m for m in cluster.mentions if m.report_id not in new_ids]
            if len(kept) < len(cluster.mentions):
                (shrunk if kept else emptied).append(cluster.id)
            cluster.mentions = kept
            if kept:
                existing.append(cluster)
    incidents = link_and_assess(new_analyses, existing, known, reassess=shrunk)
    store.save_incidents(incidents)
    gone = set(emptied) - {i.id for i in incidents}
    delete = getattr(store, "delete_incidents", None)
    if gone and delete is not None:
        delete(sorted(gone))  # every report of these incidents now belongs to another one
    return incidents


def list_incidents(store: Store) -> list[Incident]:
    return sorted(store.iter_incidents(), key=lambda i: (_naive(i.time.start) if i.time and i.time.start else datetime.max, i.id))


def get_incident(store: Store, incident_id: str) -> Incident:
    try:
        return store.get_incident(incident_id)
    except NotFound:
        raise
    except KeyError as exc:
        raise NotFound(f"no incident {incident_id!r}; list them with `rashomon incidents`") from exc


def incident_json(incident: Incident, urls: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The documented JSON shape of one incident (docs/incidents.md)."""

    def rng(r: Any) -> dict[str, int | None]:
        return {"min": r.min, "max": r.max}

    def span(s: Any) -> dict[str, Any]:
        return {"report_id": s.report_id, "start": s.start, "end": s.end, "text": s.text}

    place = incident.place
    time = incident.time
    return {
        "id": incident.id,
        "title": incident.title,
        "event_type": incident.plover_type,
        "reports": [
            {"id": r.id, "url": r.url or (urls or {}).get(r.id), "outlet": r.outlet, "independent": r.independent}
            for r in incident.reports
        ],
        "accounts": [
            {
                "source": a.source,
                "source_actor_id": a.source_actor_id,
                "affiliation": [{"relation": f.relation.value, "actor_id": f.actor_id, "name": f.name} for f in a.affiliation],
                "outlets": list(a.outlets),
                "stance": a.stance.value,
                "alleged_perpetrator": a.alleged_perpetrator,
                "killed": rng(a.killed),
                "wounded": rng(a.wounded),
                "place": a.place,
                "time": a.time.isoformat() if a.time else None,
                "method": a.method,
                "reports": list(a.reports),
                "evidence": [span(s) for s in a.evidence],
            }
            for a in incident.accounts
        ],
        "contradictions": [
            {
                "kind": c.kind.value,
                "summary": c.summary,
                "sides": [{"sources": list(s.sources), "claim": s.claim} for s in c.sides],
                "evidence": [[span(e) for e in s.evidence] for s in c.sides],
            }
            for c in incident.contradictions
        ],
        "grade": incident.grade.value,
        "grade_reasons": list(incident.grade_reasons),
        "killed": rng(incident.killed),
        "wounded": rng(incident.wounded),
        "place": None
        if place is None
        else {
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "precision": place.precision.value if place.precision else None,
            "country_code": place.country_code,
        },
        "time": None
        if time is None
        else {
            "expression": time.expression,
            "start": time.start.isoformat() if time.start else None,
            "end": time.end.isoformat() if time.end else None,
            "precision": time.precision.value,
        },
    }
