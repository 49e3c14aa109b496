"""Generated records with awkward text (quotes, RTL overrides, zero-width joiners, markup characters):
every page renders, shows the report text exactly, and never emits it as markup."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from rashomon.model import Account, AccountStance, Analysis, Incident, IncidentReport
from rashomon.web import WebSettings, create_app
from rashomon.web.render import path_part
from support.strategies import analyses, names
from web.fakes import MemoryStore

STORE = MemoryStore()


@pytest.fixture(scope="module")
def generated_client() -> TestClient:
    with TestClient(create_app(WebSettings(db="unused"), store=STORE), base_url="http://127.0.0.1") as client:
        yield client


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(analysis=analyses(), title=names, source=names)
def test_generated_records_render_exactly(generated_client: TestClient, analysis: Analysis, title: str, source: str) -> None:
    report = analysis.report
    incident = Incident(
        id="inc-generated",
        title=title,
        reports=(IncidentReport(id=report.id, url=report.url, outlet=report.outlet),),
        accounts=(
            Account(
                source=source,
                stance=AccountStance.ACCUSES,
                statement_ids=tuple(s.id for s in analysis.statements),
                reports=(report.id,),
                evidence=tuple(s.content[0] for s in analysis.statements if s.content),
            ),
        ),
    )
    STORE.analyses = {report.id: analysis}
    STORE.incidents = {incident.id: incident}

    page = generated_client.get(f"/reports/{path_part(report.id)}")
    assert page.status_code == 200
    shown = page.text.split('<div class="report-text"', 1)[1].split(">", 1)[1].split("</div>", 1)[0]
    assert unescape(re.sub(r"<[^>]+>", "", shown)) == report.text
    # Only our own elements appear inside the text: highlight spans.
    assert set(re.findall(r"<(/?[a-zA-Z]+)", shown)) <= {"span", "/span"}

    for path in ("/incidents/inc-generated", "/incidents", "/api/incidents/inc-generated", "/timeline", "/map"):
        response = generated_client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
    incident_html = generated_client.get("/incidents/inc-generated").text
    links = re.findall(r'class="statement-link" href="/reports/[^"#]+#?(span-\d+-\d+)?"', incident_html)
    assert len(links) == len(analysis.statements)
    for anchor in filter(None, links):
        assert f'id="{anchor}"' in page.text
    actor = generated_client.get(f"/api/actors/{path_part(source)}")
    if source.strip():
        assert actor.status_code in (200, 404), actor.text  # odd names ('.', '..') may be normalised away by the URL
    else:  # a name of whitespace only (str.strip's set, "\x1c" included) is no key: the usage error
        assert actor.status_code == 400, actor.text
    assert generated_client.get("/incidents", params={"q": title[:5]}).status_code == 200
