"""Server-rendered pages over the hand-built dataset: what each page shows, exactly."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from web.records import HOSTILE_IMG, HOSTILE_SCRIPT, Dataset


def test_list_shows_all_incidents_newest_first(client: TestClient) -> None:
    response = client.get("/incidents")
    assert response.status_code == 200
    titles = re.findall(r'class="incident-link" href="/incidents/([^"]+)"', response.text)
    # Dated incidents newest first (Mar 11, Feb 1, Jan 15, Dec 19), the undated one last.
    assert titles == ["inc-akashat-2026", "inc-kyiv-protest", "inc-hostile", "inc-aden-drone", "inc-rumour"]
    assert "5 incidents." in response.text


def test_list_filters(client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        response = client.get("/incidents", params=params)
        assert response.status_code == 200, response.text
        return re.findall(r'class="incident-link" href="/incidents/([^"]+)"', response.text)

    assert ids(country="iq") == ["inc-akashat-2026"]
    assert ids(grade="fair") == ["inc-kyiv-protest"]
    assert ids(actor="islamic state") == ["inc-akashat-2026"]
    assert ids(actor="ansar") == ["inc-aden-drone"]
    assert ids(q="conscription kyiv") == ["inc-kyiv-protest"]
    assert ids(start="2026-01-01", end="2026-02-28") == ["inc-kyiv-protest", "inc-hostile"]
    assert ids(start="2026-03-11", end="2026-03-11") == ["inc-akashat-2026"]
    # Blank form fields mean "any".
    assert len(ids(start="", end="", country="", actor="", grade="", q="")) == 5


def test_list_paging(app: object, web_db: object) -> None:
    from rashomon.web import WebSettings, create_app

    small = create_app(WebSettings(db=str(web_db), per_page=2))
    with TestClient(small, base_url="http://127.0.0.1") as c:
        first = c.get("/incidents").text
        assert "page 1 of 3" in first
        third = c.get("/incidents", params={"page": 3}).text
        assert re.findall(r'class="incident-link" href="/incidents/([^"]+)"', third) == ["inc-rumour"]
        assert 'rel="prev" href="/incidents?page=2"' in third


def test_bad_filter_is_a_400_page_that_says_how_to_fix_it(client: TestClient) -> None:
    response = client.get("/incidents", params={"start": "11/03/2026"})
    assert response.status_code == 400
    assert "write it as YYYY-MM-DD" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_incident_page_accounts_side_by_side(client: TestClient, dataset: Dataset) -> None:
    html = client.get(f"/incidents/{dataset.contested_id}").text
    accounts = re.findall(r'<article class="account stance-(\w+)">\s*<h3><a href="([^"]+)">([^<]+)</a>', html)
    assert accounts == [
        ("accuses", "/actors/kss", "Kata&#39;ib Sayyid al-Shuhada"),
        ("denies", "/actors/coalition", "US-led coalition"),
        ("attributes", "/actors/iraq-pmo", "Office of the Iraqi Prime Minister"),
    ]
    assert 'backed by <a href="/actors/irgc">IRGC</a>' in html
    assert "Tasnim News Agency" in html and "Reuters" in html and "AFP" in html


def test_incident_page_links_each_statement_to_its_span(client: TestClient, dataset: Dataset) -> None:
    html = client.get(f"/incidents/{dataset.contested_id}").text
    content = dataset.accusation_statement.content[0]
    href = f"/reports/{dataset.accusation_report_id}#span-{content.start}-{content.end}"
    assert f'class="statement-link" href="{href}"' in html
    # the statement filter's score, to two places, where a model gave one (and only there)
    assert re.findall(r'<span class="confidence"[^>]*>([^<]+)</span>', html) == ["confidence 0.87"]
    # ... and that span exists, highlighted, on the report page.
    report = client.get(f"/reports/{dataset.accusation_report_id}").text
    assert f'<span class="hl hl-statement" id="span-{content.start}-{content.end}"' in report


def test_incident_page_contradictions_grade_and_sources(client: TestClient, dataset: Dataset) -> None:
    html = client.get(f"/incidents/{dataset.contested_id}").text
    kinds = re.findall(r'<article class="contradiction kind-(\w+)">', html)
    assert kinds == ["accusation_vs_denial", "rival_perpetrators", "toll"]
    assert "36 against 47 killed cannot both be true." in html
    assert '<p class="claim">36 killed</p>' in html and '<p class="claim">47 killed</p>' in html
    assert '<span class="grade grade-contested">contested</span>' in html
    assert "rival perpetrators are named: US-led coalition and Islamic State" in html
    assert 'href="https://www.reuters.com/world/akashat" rel="noopener noreferrer nofollow"' in html
    brief = html.split('<section id="brief">')[1].split("</section>")[0]
    assert "<h3>Who says what</h3>" in brief and "<li>Grade: contested.</li>" in brief
    assert "<li>36 against 47 killed cannot both be true.</li>" in brief


def test_report_page_highlights_every_kind(client: TestClient, dataset: Dataset) -> None:
    html = client.get(f"/reports/{dataset.accusation_report_id}").text
    for kind in ("statement", "event", "actor", "place", "time", "toll"):
        assert f'class="hl hl-{kind}' in html, kind
    # The toll "36" sits inside the statement: nested, not flattened.
    text = re.sub(r"<[^>]+>", "", html.split('<div class="report-text"')[1].split("</div>")[0].split(">", 1)[1])
    assert text.startswith("Abu Ala al-Welayi, secretary-general")


def test_hostile_report_is_inert_text(client: TestClient, dataset: Dataset) -> None:
    for path in (f"/reports/{dataset.hostile_report_id}", f"/incidents/{dataset.hostile_id}", "/incidents"):
        html = client.get(path).text
        assert HOSTILE_SCRIPT not in html, path
        assert HOSTILE_IMG not in html, path
        assert "<script>window" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html, path
    report = client.get(f"/reports/{dataset.hostile_report_id}").text
    # The javascript: URL is shown as text, not as a link; the SQL and bidi characters survive as text.
    assert '<span class="inert-url">javascript:window.__pwned=1</span>' in report
    assert "Robert&#39;); DROP TABLE reports;--" in report
    assert "\u202eDawud\u202c" in report
    # ... and names carrying invisible or direction-changing characters are flagged where they appear.
    incident = client.get(f"/incidents/{dataset.hostile_id}").text
    assert 'class="hidden-chars"' in incident and 'class="hidden-chars"' in report
    assert 'class="hidden-chars"' not in client.get(f"/incidents/{dataset.contested_id}").text
    # Escaping is lossless: the shown text, markup removed and entities decoded, is the report text exactly.
    shown = report.split('<div class="report-text" lang="en">')[1].split("</div>")[0]
    report_text = client.get(f"/api/reports/{dataset.hostile_report_id}").json()["report"]["text"]
    assert unescape(re.sub(r"<[^>]+>", "", shown)) == report_text


def test_actor_page(client: TestClient) -> None:
    html = client.get("/actors/kss").text
    assert "<h1>Kata&#39;ib Sayyid al-Shuhada</h1>" in html
    assert "backed by IRGC" in html
    assert "inc-akashat-2026" in html
    assert len(re.findall(r'class="statement-link" href="([^"]+)"', html)) == 1
    # An affiliate named only in an account's affiliation has a page too: who is tied to it, and where.
    irgc = client.get("/actors/irgc")
    assert irgc.status_code == 200
    assert "<dd>Kata&#39;ib Sayyid al-Shuhada (backed by)</dd>" in irgc.text
    assert "inc-akashat-2026" in irgc.text
    # A person found by name: his statement, his organisation as affiliation, no id borrowed from it.
    person = client.get("/actors/Abu Ala al-Welayi").text
    assert "<h1>Abu Ala al-Welayi</h1>" in person
    assert "<dd>person:welayi</dd>" in person
    assert "<dd>Kata&#39;ib Sayyid al-Shuhada</dd>" in person
    assert len(re.findall(r'class="statement-link" href="([^"]+)"', person)) == 1


def test_map_and_timeline_pages(client: TestClient) -> None:
    html = client.get("/map", params={"grade": "contested"}).text
    assert 'data-incidents="/api/map?grade=contested"' in html
    assert "1 incident with coordinates." in html
    assert '<script src="/static/js/map.js"></script>' in html
    timeline = client.get("/timeline").text
    # 82 days from first to last: one bar slot per day, four of them filled.
    assert "Incidents per day, 2025-12-19 to 2026-03-11; 1 undated not shown." in timeline
    assert timeline.count('<rect class="bar grade-') == 4
    assert '<a href="/incidents?start=2026-03-11&amp;end=2026-03-11"><rect class="bar grade-contested"' in timeline


def test_unknown_pages_are_404_pages(client: TestClient) -> None:
    for path in ("/incidents/nope", "/reports/nope", "/actors/nobody-at-all", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "RSH-E5" in response.text


def test_every_internal_link_resolves(client: TestClient) -> None:
    """Crawl from the list: every same-site link on every page answers 200 (no dead actor or report links)."""
    seen: set[str] = set()
    queue = ["/incidents"]
    while queue and len(seen) < 300:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(unescape(path))
        assert response.status_code == 200, (path, response.status_code)
        if "text/html" not in response.headers["content-type"]:
            continue
        for href in re.findall(r'href="(/[^"#]*)', response.text):
            if href not in seen and not href.startswith("/incidents?"):  # filtered lists: sampled below
                queue.append(href)
    assert any(p.startswith("/actors/") for p in seen) and any(p.startswith("/reports/") for p in seen)
    assert len(seen) > 20


def test_every_evidence_and_statement_link_lands_on_an_anchor(client: TestClient, dataset: Dataset) -> None:
    for incident in dataset.incidents:
        html = client.get(f"/incidents/{incident.id}").text
        links = re.findall(r'href="/reports/([^"#]+)#(span-\d+-\d+)"', html)
        assert links or not any(a.evidence for a in incident.accounts), incident.id
        for report_id, anchor in links:
            assert f'id="{anchor}"' in client.get(f"/reports/{report_id}").text, (incident.id, anchor)
    # Evidence that no extracted record covers is still anchored, highlighted as evidence.
    kyiv2 = next(a for a in dataset.analyses if a.report.outlet == "Ukrainska Pravda")
    start = kyiv2.report.text.index("several thousand demonstrators")
    anchor = f"span-{start}-{start + len('several thousand demonstrators')}"
    assert f'<span class="hl hl-evidence" id="{anchor}"' in client.get(f"/reports/{kyiv2.report.id}").text


def test_empty_database_pages(tmp_path: object) -> None:
    from pathlib import Path

    from rashomon.store.sqlite import SQLiteStore
    from rashomon.web import WebSettings, create_app

    db = Path(str(tmp_path)) / "empty.db"
    SQLiteStore(db).close()
    with TestClient(create_app(WebSettings(db=str(db))), base_url="http://127.0.0.1") as c:
        assert "No incidents match." in c.get("/incidents").text
        assert "No dated incidents match" in c.get("/timeline").text
        assert "0 incidents with coordinates." in c.get("/map").text
        assert c.get("/api/map").json() == {"type": "FeatureCollection", "features": []}
        assert c.get("/api/incidents").json()["pages"] == 1
