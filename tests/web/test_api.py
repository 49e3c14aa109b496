"""The JSON API: shapes, filters, and the one error envelope."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web.records import Dataset


def test_list_incidents_json(client: TestClient) -> None:
    body = client.get("/api/incidents", params={"per_page": 2, "page": 1}).json()
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (5, 1, 2, 3)
    assert [i["id"] for i in body["items"]] == ["inc-akashat-2026", "inc-kyiv-protest"]
    first = body["items"][0]
    assert first["grade"] == "contested"
    assert first["sources"] == ["Kata'ib Sayyid al-Shuhada", "US-led coalition", "Office of the Iraqi Prime Minister"]
    assert (first["n_reports"], first["n_accounts"], first["n_contradictions"]) == (3, 3, 3)
    assert first["killed"] == {"min": 36, "max": 47}
    assert body["filter"] == {"start": None, "end": None, "country": None, "actor": None, "grade": None, "q": None}


def test_filter_echoed_and_applied(client: TestClient) -> None:
    body = client.get("/api/incidents", params={"country": "ye", "grade": "confirmed"}).json()
    assert [i["id"] for i in body["items"]] == ["inc-aden-drone"]
    assert body["filter"]["country"] == "YE"


def test_incident_detail_json(client: TestClient, dataset: Dataset) -> None:
    body = client.get(f"/api/incidents/{dataset.contested_id}").json()
    assert body["incident"]["grade"] == "contested"
    assert [c["kind"] for c in body["incident"]["contradictions"]] == ["accusation_vs_denial", "rival_perpetrators", "toll"]
    statement = body["accounts"][0]["statements"][0]
    content = dataset.accusation_statement.content[0]
    assert statement["anchor"] == f"span-{content.start}-{content.end}"
    assert statement["report_id"] == dataset.accusation_report_id
    assert statement["stance"] == "accuse"
    assert [r["outlet"] for r in body["reports"]] == ["Tasnim News Agency", "Reuters", "AFP"]


def test_report_json_has_tokens_that_rebuild_the_text(client: TestClient, dataset: Dataset) -> None:
    body = client.get(f"/api/reports/{dataset.hostile_report_id}").json()
    text = "".join(t["text"] for t in body["tokens"] if t["type"] == "text")
    assert text == body["report"]["text"]
    opens = sum(t["type"] == "open" for t in body["tokens"])
    assert opens == sum(t["type"] == "close" for t in body["tokens"]) >= 5


def test_map_is_geojson(client: TestClient) -> None:
    body = client.get("/api/map").json()
    assert body["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in body["features"]}
    assert set(by_id) == {"inc-akashat-2026", "inc-kyiv-protest", "inc-aden-drone", "inc-hostile"}
    assert by_id["inc-akashat-2026"]["geometry"] == {"type": "Point", "coordinates": [40.62, 33.78]}


def test_timeline_and_facets(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"country": "IQ"}).json()
    assert timeline["unit"] == "day"
    assert [(b["label"], b["counts"]) for b in timeline["buckets"]] == [("2026-03-11", {"contested": 1})]
    assert client.get("/api/facets").json() == {
        "country": ["IQ", "SY", "UA", "YE"],
        "grade": ["confirmed", "fair", "weak", "contested", "discounted"],
    }


def test_actor_json(client: TestClient) -> None:
    body = client.get("/api/actors/coalition").json()
    assert body["name"] == "US-led coalition"
    assert body["actor_ids"] == ["coalition"]
    assert [s["stance"] for s in body["statements"]] == ["deny"]
    assert [i["id"] for i in body["incidents"]] == ["inc-akashat-2026"]


def test_error_envelope(client: TestClient) -> None:
    cases = [
        (client.get("/api/incidents/nope"), 404, "RSH-E500"),
        (client.get("/api/incidents", params={"grade": "rumour"}), 400, "RSH-E100"),
        (client.get("/api/incidents", params={"start": "2026-03-12", "end": "2026-03-01"}), 400, "RSH-E100"),
        (client.get("/api/incidents", params={"page": 0}), 422, "RSH-E104"),
        (client.get("/api/nothing-here"), 404, "RSH-E500"),
        (client.post("/api/incidents"), 405, "RSH-E103"),
        (client.delete(f"/api/incidents/{'inc-akashat-2026'}"), 405, "RSH-E103"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, response.text
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert body["error"]["code"] == code
        assert body["error"]["message"]
    assert "use one of confirmed, fair" in cases[1][0].json()["error"]["message"]
    assert "read-only" in cases[5][0].json()["error"]["message"]


def test_openapi_spec_lists_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/reports/{report_id}",
        "/api/actors/{key}",
        "/api/timeline",
        "/api/map",
        "/api/facets",
    }
    assert "ErrorEnvelope" in spec["components"]["schemas"]
