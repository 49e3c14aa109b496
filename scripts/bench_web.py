"""Server time of the incident page for an incident built from 50 reports (target < 300 ms).

    .venv/bin/python scripts/bench_web.py [--reports 50] [--requests 30] [--json]

Builds a synthetic incident (each report with statements, actors, places, times, events and
tolls; one account per source; contradictions with evidence) in a temporary SQLite database
through the real store, then requests /incidents/{id} in-process and reads the server's own
``Server-Timing: app;dur=`` header (time from request to rendered response, no network).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the hand-built record helpers the web tests use

from rashomon.model import (  # noqa: E402
    Account,
    AccountStance,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Grade,
    Incident,
    IncidentReport,
    Range,
    Stance,
)
from web.records import Doc  # noqa: E402

TARGET_MS = 300.0
OUTLETS = ("Reuters", "AFP", "AP", "Tasnim News Agency", "Al Jazeera", "BBC", "Rudaw", "Shafaq News", "Al Sumaria", "Kurdistan24")
SOURCES = (
    ("Kata'ib Sayyid al-Shuhada", "kss", Stance.ACCUSE, AccountStance.ACCUSES, "US-led coalition"),
    ("US-led coalition", "coalition", Stance.DENY, AccountStance.DENIES, None),
    ("Office of the Iraqi Prime Minister", "iraq-pmo", Stance.ATTRIBUTE, AccountStance.ATTRIBUTES, "Islamic State"),
    ("Islamic State", "isis", Stance.CLAIM_RESPONSIBILITY, AccountStance.CLAIMS_RESPONSIBILITY, "Islamic State"),
    ("Anbar Operations Command", "anbar-ops", Stance.CONFIRM, AccountStance.CONFIRMS, None),
)


def synthetic_report(i: int, published: datetime) -> tuple[Doc, list[tuple[int, str]]]:
    """One report; returns it and (source index, statement id) for each statement it carries."""
    paragraphs = []
    carried = []
    for k in range(3):
        name, _, _, _, perp = SOURCES[(i + k) % len(SOURCES)]
        toll = 30 + (i + k) % 20
        paragraphs.append(
            f'A spokesman for {name} said on Tuesday that "{perp or "nobody"} carried out strike number {i}-{k} near Akashat, '
            f'killing {toll} people," according to a statement carried by {OUTLETS[i % len(OUTLETS)]}. '
            "Residents of Anbar province described explosions after midnight and damaged vehicles on the road to Al-Qaim. "
        )
    doc = Doc.new(
        "\n\n".join(paragraphs) + f"\n\nReport {i} ends here.",
        title=f"Report {i} on the Akashat strike",
        outlet=OUTLETS[i % len(OUTLETS)],
        url=f"https://news.example/{i}",
        published=published,
    )
    for k in range(3):
        name, actor_id, stance, _, perp = SOURCES[(i + k) % len(SOURCES)]
        if k == 0:
            doc.actor(name, actor_id=actor_id)
        quote = f"{perp or 'nobody'} carried out strike number {i}-{k} near Akashat"
        statement = doc.statement(
            quote,
            speaker=f"A spokesman for {name}" if k else None,
            speaker_name=name,
            actor_id=actor_id,
            cue=None,
            stance=stance,
            outlet=doc.report.outlet,
        )
        carried.append(((i + k) % len(SOURCES), statement.id))
        toll = str(30 + (i + k) % 20)
        doc.event(
            f"strike number {i}-{k}", "ASSAULT", killed=(int(toll), int(toll), f"killing {toll} people"), statement=statement
        )
    doc.place("Akashat", "Akashat", 33.78, 40.62, "IQ", "Anbar")
    doc.place("Al-Qaim", "Al-Qaim", 34.37, 41.09, "IQ", "Anbar")
    doc.time("on Tuesday", published - timedelta(days=1))
    return doc, carried


def build(n_reports: int, path: Path) -> str:
    from rashomon.store.sqlite import SQLiteStore

    start = datetime(2026, 3, 11, tzinfo=UTC)
    docs, carried = [], []
    for i in range(n_reports):
        doc, stmts = synthetic_report(i, start + timedelta(hours=i))
        docs.append(doc)
        carried += [(src, sid, doc) for src, sid in stmts]
    accounts = []
    for index, (name, actor_id, _, stance, perp) in enumerate(SOURCES):
        mine = [(sid, doc) for src, sid, doc in carried if src == index]
        evidence = tuple(next(s for s in doc.statements if s.id == sid).content[0] for sid, doc in mine[:10])
        accounts.append(
            Account(
                source=name,
                source_actor_id=actor_id,
                outlets=tuple(sorted({d.report.outlet or "" for _, d in mine})),
                stance=stance,
                alleged_perpetrator=perp,
                killed=Range(min=30, max=49),
                statement_ids=tuple(sid for sid, _ in mine),
                reports=tuple(dict.fromkeys(d.id for _, d in mine)),
                evidence=evidence,
            )
        )
    contradictions = tuple(
        Contradiction(
            kind=kind,
            sides=(
                ContradictionSide(sources=(accounts[0].source,), claim="one side", evidence=accounts[0].evidence[:3]),
                ContradictionSide(sources=(accounts[j].source,), claim="other side", evidence=accounts[j].evidence[:3]),
            ),
            summary=f"{kind.value} between {accounts[0].source} and {accounts[j].source}",
        )
        for j, kind in enumerate(
            (
                ContradictionKind.ACCUSATION_VS_DENIAL,
                ContradictionKind.RIVAL_PERPETRATORS,
                ContradictionKind.THIRD_PARTY_CLAIM,
                ContradictionKind.TOLL,
            ),
            start=1,
        )
    )
    incident = Incident(
        id="bench-incident",
        title="Strike near Akashat (benchmark)",
        plover_type="ASSAULT",
        place=docs[0].places[0],
        time=docs[0].times[0],
        country_code="IQ",
        reports=tuple(IncidentReport(id=d.id, url=d.report.url, outlet=d.report.outlet) for d in docs),
        accounts=tuple(accounts),
        contradictions=contradictions,
        grade=Grade.CONTESTED,
        grade_reasons=("an accusation stands against a denial", "rival perpetrators are named"),
        killed=Range(min=30, max=49),
    )
    store = SQLiteStore(path)
    try:
        with store.transaction():
            for doc in docs:
                store.add_report(doc.report)
                store.save_analysis(doc.analysis())
            store.save_incidents([incident])
    finally:
        store.close()
    return incident.id


def measure(db: Path, incident_id: str, requests: int) -> dict[str, float | int]:
    from fastapi.testclient import TestClient

    from rashomon.web import WebSettings, create_app

    durations = []
    with TestClient(create_app(WebSettings(db=str(db))), base_url="http://127.0.0.1") as client:
        first = client.get(f"/incidents/{incident_id}")  # warm-up: opens the store, compiles templates
        if first.status_code != 200:
            raise SystemExit(f"incident page answered {first.status_code}: {first.text[:300]}")
        for _ in range(requests):
            response = client.get(f"/incidents/{incident_id}")
            durations.append(float(response.headers["server-timing"].split("dur=")[1]))
        size = len(response.content)
    durations.sort()
    return {
        "requests": requests,
        "median_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[min(len(durations) - 1, int(0.95 * len(durations)))], 1),
        "max_ms": round(durations[-1], 1),
        "first_request_ms": float(first.headers["server-timing"].split("dur=")[1]),
        "page_bytes": size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        incident_id = build(args.reports, Path(tmp) / "bench.db")
        built = time.perf_counter() - began
        result = {
            "reports": args.reports,
            "build_s": round(built, 2),
            **measure(Path(tmp) / "bench.db", incident_id, args.requests),
        }
    result["target_ms"] = TARGET_MS
    result["ok"] = result["median_ms"] < TARGET_MS
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"incident page, {args.reports} reports: median {result['median_ms']} ms, p95 {result['p95_ms']} ms, "
            f"max {result['max_ms']} ms server time over {args.requests} requests (target < {TARGET_MS:.0f} ms): "
            + ("ok" if result["ok"] else "TOO SLOW")
        )
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
