"""Access, headers and inertness: the server binds safely, demands its token, and runs no page content."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rashomon.errors import UsageError
from rashomon.web import WebSettings, create_app
from rashomon.web.render import safe_url
from rashomon.web.security import TOKEN_COOKIE
from web.records import Dataset

TOKEN = "s3cret-token-for-tests-0123456789"
PAGES = ("/", "/incidents", "/incidents/inc-akashat-2026", "/map", "/timeline", "/actors/kss", "/incidents/inc-hostile")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_refuses_non_loopback_without_token(web_db: Path, host: str) -> None:
    with pytest.raises(UsageError, match="without an access token"):
        create_app(WebSettings(db=str(web_db), host=host))


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_needs_no_token(web_db: Path, host: str) -> None:
    create_app(WebSettings(db=str(web_db), host=host))


def test_short_token_refused(web_db: Path) -> None:
    with pytest.raises(UsageError, match="at least 16"):
        create_app(WebSettings(db=str(web_db), host="0.0.0.0", token="short"))


@pytest.fixture(scope="module")
def guarded(web_db: Path) -> FastAPI:
    return create_app(WebSettings(db=str(web_db), host="0.0.0.0", token=TOKEN))


def _all_routes(dataset: Dataset) -> list[str]:
    return [
        *PAGES,
        f"/reports/{dataset.hostile_report_id}",
        "/api/incidents",
        f"/api/incidents/{dataset.contested_id}",
        f"/api/reports/{dataset.accusation_report_id}",
        "/api/actors/kss",
        "/api/map",
        "/api/timeline",
        "/api/facets",
        "/api/openapi.json",
        "/static/css/app.css",
        "/static/map/countries.topo.json",
        "/no/such/page",
    ]


def test_every_route_needs_the_token(guarded: FastAPI, dataset: Dataset) -> None:
    with TestClient(guarded, base_url="http://203.0.113.5") as c:
        for path in _all_routes(dataset):
            for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": f"Basic {TOKEN}"}):
                response = c.get(path, headers=headers)
                assert response.status_code == 401, (path, headers)
                assert response.headers["www-authenticate"].startswith("Bearer")
            assert c.get(path, headers={"Cookie": f"{TOKEN_COOKIE}=nope"}).status_code == 401
        api = c.get("/api/incidents")
        assert api.json()["error"]["code"] == "RSH-E102"
        assert c.get("/api/incidents", params={"token": "wrong"}).status_code == 401


def test_bearer_token_opens_every_route(guarded: FastAPI, dataset: Dataset) -> None:
    with TestClient(guarded, base_url="http://203.0.113.5", headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        for path in _all_routes(dataset):
            assert c.get(path).status_code == (404 if path == "/no/such/page" else 200), path


def test_query_token_becomes_a_cookie(guarded: FastAPI) -> None:
    with TestClient(guarded, base_url="http://203.0.113.5", follow_redirects=False) as c:
        first = c.get("/incidents", params={"grade": "fair", "token": TOKEN})
        assert first.status_code == 303
        assert first.headers["location"] == "/incidents?grade=fair"  # the token leaves the URL
        cookie = first.headers["set-cookie"]
        assert cookie.startswith(f"{TOKEN_COOKIE}={TOKEN};")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        sneaky = c.get("http://203.0.113.5//evil.example/x", params={"token": TOKEN})
        assert sneaky.status_code == 303 and sneaky.headers["location"] == "/evil.example/x"
        follow = c.get("/incidents?grade=fair")
        assert follow.status_code == 200
        assert "inc-kyiv-protest" in follow.text


def test_rebinding_guard_on_loopback(app: FastAPI) -> None:
    with TestClient(app, base_url="http://attacker.example") as c:
        response = c.get("/api/incidents")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "RSH-E101"
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/api/incidents").status_code == 200


def test_security_headers_everywhere(client: TestClient, dataset: Dataset) -> None:
    for path in [*_all_routes(dataset), "/api/incidents/missing"]:
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["server-timing"].startswith("app;dur=")


def test_pages_carry_no_inline_script_style_or_handlers(client: TestClient, dataset: Dataset) -> None:
    for path in [*PAGES, f"/reports/{dataset.hostile_report_id}", f"/reports/{dataset.accusation_report_id}"]:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), path
        assert not re.search(r"<[a-zA-Z][^>]*\s(on[a-z]+|style)\s*=", html), path
        assert not re.search(r"(href|src)=\"\s*javascript:", html, re.I), path


def test_read_only(client: TestClient) -> None:
    for method in ("post", "put", "patch", "delete"):
        for path in ("/incidents", "/api/incidents", "/api/incidents/inc-akashat-2026"):
            assert client.request(method.upper(), path).status_code == 405


def test_browsing_does_not_change_the_database(web_db: Path, dataset: Dataset) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    with TestClient(create_app(WebSettings(db=str(web_db))), base_url="http://127.0.0.1") as c:
        for path in _all_routes(dataset):
            c.get(path)
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before


def test_web_layer_builds_no_sql() -> None:
    import rashomon.web

    root = Path(rashomon.web.__file__).parent
    for source in root.rglob("*.py"):
        text = source.read_text()
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", text), source
        assert "execute(" not in text and "sqlite3" not in text, source


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("/relative", None),
        ("vbscript:x", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected
