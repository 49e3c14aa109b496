"""The UI in a real browser: Playwright drives Debian's chromium (headless) against a live server.

Skips with a message when /usr/bin/chromium is absent (`apt-get install chromium`; .ci/run
installs it). Playwright's own browser downloads are never used. Screenshots of the list, an
incident, the map and the timeline go to docs/screenshots/ (RASHOMON_SCREENSHOTS overrides the folder).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from rashomon.web import WebSettings, create_app
from web.records import Dataset

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("RASHOMON_SCREENSHOTS", REPO / "docs" / "screenshots"))
VIEWPORT = {"width": 1280, "height": 860}


@pytest.fixture(scope="module")
def live_server(web_db: Path) -> Iterator[str]:
    """The app on a free 127.0.0.1 port, served by uvicorn in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=str(web_db), port=port)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start within 15 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)  # type: ignore[attr-defined]
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    try:
        yield tab
    finally:
        context.close()


# The map's antialiasing varies by a few bytes between runs. A new image within this fraction of
# the stored one's size is taken as the same picture and not rewritten, so test runs do not dirty
# the working tree; RASHOMON_SCREENSHOTS_REFRESH=1 always rewrites.
SCREENSHOT_NOISE = 0.002


def _shot(page: object, name: str) -> None:
    image: bytes = page.screenshot(full_page=False)  # type: ignore[attr-defined]
    assert image.startswith(b"\x89PNG") and len(image) > 10_000
    target = SCREENSHOTS / name
    if target.exists() and not os.environ.get("RASHOMON_SCREENSHOTS_REFRESH"):
        old = target.stat().st_size
        if abs(len(image) - old) <= SCREENSHOT_NOISE * old:
            return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.write_bytes(image)


def test_list_filter_open_incident(page: object, live_server: str, dataset: Dataset) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server}/incidents")
    expect(page.locator("a.incident-link")).to_have_count(5)
    _shot(page, "incidents.png")
    page.select_option("select[name=country]", "IQ")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=IQ"))
    links = page.locator("a.incident-link")
    expect(links).to_have_count(1)
    links.first.click()
    page.wait_for_url(f"{live_server}/incidents/{dataset.contested_id}")
    expect(page.locator("h1")).to_have_text("Strike near Akashat, Anbar")
    # The accounts side by side: three columns in one row.
    accounts = page.locator("article.account")
    expect(accounts).to_have_count(3)
    boxes = [accounts.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    expect(accounts.nth(0).locator("h3")).to_have_text("Kata'ib Sayyid al-Shuhada")
    expect(accounts.nth(1).locator(".stance-line .stance")).to_have_text("denies")
    contradiction = page.locator("article.contradiction.kind-accusation_vs_denial")
    expect(contradiction).to_be_visible()
    expect(contradiction.locator(".side .claim")).to_have_text(["the coalition struck", "no coalition strike"])
    _shot(page, "incident.png")


def test_statement_link_lands_on_highlighted_span(page: object, live_server: str, dataset: Dataset) -> None:
    from playwright.sync_api import expect

    content = dataset.accusation_statement.content[0]
    anchor = f"span-{content.start}-{content.end}"
    page.goto(f"{live_server}/incidents/{dataset.contested_id}")
    page.locator("article.account").first.locator("a.statement-link").click()
    page.wait_for_url(f"{live_server}/reports/{dataset.accusation_report_id}#{anchor}")
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile(r"\bhl-statement\b"))
    expect(target).to_have_text(content.text)
    assert target.evaluate("el => el.matches(':target') && getComputedStyle(el).outlineStyle") == "solid"


def test_statement_controls_narrow_the_accounts(page: object, live_server: str, dataset: Dataset) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server}/incidents/{dataset.contested_id}")
    first = page.locator("article.account").first
    expect(first.locator("li.statement")).to_have_count(1)  # the accusation, scored 0.87
    page.fill("form.statement-controls input[name=min_confidence]", "0.9")
    page.click("form.statement-controls button[type=submit]")
    page.wait_for_url(re.compile(r"min_confidence=0\.9"))
    expect(page.locator("article.account").first.locator("li.statement")).to_have_count(0)
    # the unscored denial and attribution stay, and the form keeps the bar it was given
    expect(page.locator("li.statement")).to_have_count(2)
    expect(page.locator("form.statement-controls input[name=min_confidence]")).to_have_value("0.9")


def test_map_shows_markers_offline(page: object, live_server: str) -> None:
    from playwright.sync_api import expect

    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server) else outside.append(r.url))
    page.goto(f"{live_server}/map")
    expect(page.locator("#map")).to_have_attribute("data-ready", "yes", timeout=20_000)
    expect(page.locator("#map")).to_have_attribute("data-markers", "4")
    expect(page.locator("path.incident-marker")).to_have_count(4)
    expect(page.locator("path.incident-marker.grade-contested")).to_have_count(1)
    assert page.locator("path.leaflet-interactive").count() >= 4
    assert outside == [], f"the map reached outside the server: {outside[:3]}"
    _shot(page, "map.png")
    page.locator("path.incident-marker.grade-contested").dispatch_event("click")
    expect(page.locator(".map-popup a")).to_have_text("Strike near Akashat, Anbar")


def test_hostile_report_does_not_run(page: object, live_server: str, dataset: Dataset) -> None:
    from playwright.sync_api import expect

    for path in (
        f"/reports/{dataset.hostile_report_id}",
        f"/incidents/{dataset.hostile_id}",
        "/incidents?q=shelling",
        "/actors/kss",
    ):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
        assert page.evaluate("document.querySelectorAll('main img').length") == 0
    # Hover and click what looks like markup, then check again.
    page.goto(f"{live_server}/reports/{dataset.hostile_report_id}")
    expect(page.locator(".report-text")).to_contain_text("<script>window.__pwned=1</script>")
    expect(page.locator(".inert-url")).to_have_text("javascript:window.__pwned=1")
    page.locator(".inert-url").click()
    page.locator(".report .facts span").first.hover()
    # The hostile title is shown as text in the map popup too.
    page.goto(f"{live_server}/map")
    expect(page.locator("#map")).to_have_attribute("data-ready", "yes", timeout=20_000)
    page.locator("path.incident-marker.grade-weak").dispatch_event("click")
    expect(page.locator(".map-popup a")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_timeline_bar_opens_that_day(page: object, live_server: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server}/timeline")
    bars = page.locator("svg.timeline rect.bar")
    expect(bars).to_have_count(4)
    _shot(page, "timeline.png")
    page.locator("svg.timeline rect.bar.grade-contested").click()
    page.wait_for_url(re.compile(r"/incidents\?start=2026-03-11&end=2026-03-11$"))
    expect(page.locator("a.incident-link")).to_have_text(["Strike near Akashat, Anbar"])
