"""HTML pages: article text, title, site name, canonical URL and publication time; broken pages rejected."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ingest_helpers import GOOD, assert_rejected, by_source, copy_good, read_all

from rashomon.ingest.limits import MAX_PAGE_BYTES
from rashomon.model import RejectionReason, Report

PAGE_TEXT = (
    "Convoy hit on desert road\n"
    "A convoy of fighters was hit by an air strike on a desert road near the border on Monday night, a spokesman for "
    "the group said on Wednesday.\n"
    "The spokesman said that eleven fighters were killed and several others wounded, and he accused a foreign air force "
    "of carrying out the strike.\n"
    "A military spokesman for the coalition denied that its aircraft had flown in the area that night and said the "
    "reports were false."
)
ARABIC_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="windows-1256"><title>خبر</title></head><body><article><p>'
    "قالت الميليشيا في بيان يوم الأربعاء إن غارة جوية قرب الحدود السورية قتلت عددا من مقاتليها، بينما نفى التحالف أي "
    "مسؤولية عن الهجوم في المنطقة الحدودية.</p></article></body></html>"
)
HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Statement <script>alert(1)</script></title></head><body>
<article><h1>Statement on the strike</h1>
<p onmouseover="alert('x')">The group's spokesman said in a statement that the strike hit a convoy near the border and
killed several fighters, and he demanded an inquiry.</p><script>document.write('injected text')</script>
<p>Read <a href="javascript:alert(document.cookie)">the full statement</a> from the spokesman, who said the
coalition's denial was "'; DROP TABLE reports; --" a lie.</p>
</article></body></html>"""


def test_html_batch_extracts_metadata_and_rejects_broken_pages(tmp_path: Path) -> None:
    good = copy_good(tmp_path, "page.html", "a_page.html")
    page = (GOOD / "page.html").read_bytes()
    truncated = tmp_path / "b_truncated.html"
    truncated.write_bytes(page[: len(page) * 2 // 3])
    nested = tmp_path / "c_nested.html"
    nested.write_text(
        "<html><body>" + "<div>" * 20_000 + "<p>Deep text.</p>" + "</div>" * 20_000 + "</body></html>", encoding="utf-8"
    )
    flood = tmp_path / "c_nested_flood.html"
    flood.write_text(
        "<html><body>" + "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000 + "</body></html>", encoding="utf-8"
    )
    (tmp_path / "d_arabic.html").write_bytes(ARABIC_PAGE.encode("cp1256"))
    (tmp_path / "e_mislabelled.html").write_bytes(ARABIC_PAGE.replace("windows-1256", "utf-8").encode("cp1256"))
    (tmp_path / "f_hostile.htm").write_text(HOSTILE_PAGE, encoding="utf-8")
    (tmp_path / "g_nav_only.html").write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    big = tmp_path / "h_big.html"
    big.write_bytes(b"<html><body>" + b"<p>x</p>" * (MAX_PAGE_BYTES // 8 + 1) + b"</body></html>")
    sniffed = tmp_path / "i_saved_page"  # no extension: recognised from its content
    sniffed.write_bytes(page)
    (tmp_path / "j_binary.html").write_bytes(b"<html>\x00\x00\x00\x01\x02")

    started = time.monotonic()
    items = by_source(read_all(sorted(tmp_path.iterdir())))
    assert time.monotonic() - started < 30

    report = items[str(good)]
    assert isinstance(report, Report)
    assert report.text == PAGE_TEXT
    assert report.title == "Convoy hit on desert road"
    assert report.outlet == "The Example Observer"
    assert report.url == "https://observer.example.org/2017/08/convoy-hit"
    assert report.published == datetime(2017, 8, 9, 14, 30, tzinfo=timezone(timedelta(hours=3)))
    assert report.published.astimezone(UTC) == datetime(2017, 8, 9, 11, 30, tzinfo=UTC)
    assert "tracking" not in report.text and "Home" not in report.text and "All rights reserved" not in report.text

    assert_rejected(items[str(truncated)], RejectionReason.MALFORMED, str(truncated), "truncated HTML")
    assert_rejected(items[str(nested)], RejectionReason.EMPTY, str(nested), "no article text", "nested too deeply")
    assert_rejected(items[str(flood)], RejectionReason.MALFORMED, str(flood), "100,003 HTML elements")
    assert_rejected(
        items[f"{tmp_path}/d_arabic.html"],
        RejectionReason.UNSUPPORTED_LANGUAGE,
        f"{tmp_path}/d_arabic.html",
        "language 'ar' detected; only English is analysed yet",
    )
    assert_rejected(
        items[f"{tmp_path}/e_mislabelled.html"],
        RejectionReason.ENCODING,
        f"{tmp_path}/e_mislabelled.html",
        "not valid UTF-8",
        "Windows-1256",
        "iconv -f cp1256 -t utf-8",
    )

    hostile = items[f"{tmp_path}/f_hostile.htm"]
    assert isinstance(hostile, Report)
    assert "alert" not in hostile.text and "injected" not in hostile.text and "javascript" not in hostile.text
    assert "the full statement" in hostile.text
    assert '"\'; DROP TABLE reports; --" a lie' in hostile.text  # kept as text; the store must bind it, not splice it

    assert_rejected(items[f"{tmp_path}/g_nav_only.html"], RejectionReason.EMPTY, f"{tmp_path}/g_nav_only.html", "no article text")
    assert_rejected(items[str(big)], RejectionReason.TOO_LARGE, str(big), "10.0 MiB limit for a html file")
    saved = items[str(sniffed)]
    assert isinstance(saved, Report) and saved.text == PAGE_TEXT and saved.id == report.id
    assert_rejected(items[f"{tmp_path}/j_binary.html"], RejectionReason.BINARY, f"{tmp_path}/j_binary.html", "NUL byte")


def test_page_without_time_of_day_gets_midnight_utc(tmp_path: Path) -> None:
    page = (GOOD / "page.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="article:published_time" content="2017-08-09T14:30:00+03:00">', "")
    page = page.replace("<footer>", '<p class="date">Published 9 August 2017</p><footer>')
    path = tmp_path / "dated.html"
    path.write_text(page.replace("<head>", '<head><meta name="date" content="2017-08-09">'), encoding="utf-8")
    [report] = read_all([path])
    assert isinstance(report, Report)
    assert report.published == datetime(2017, 8, 9, tzinfo=UTC)


def test_page_with_more_text_than_a_report_is_refused_before_extraction(tmp_path: Path) -> None:
    path = tmp_path / "wall.html"
    paragraph = b"<p>The spokesman said the strike killed eleven fighters near the border and wounded others.</p>\n"
    path.write_bytes(b"<html><body><article>" + paragraph * 15_000 + b"</article></body></html>")
    started = time.monotonic()
    [item] = read_all([path])
    assert time.monotonic() - started < 2  # trafilatura would take ~20 s on it
    assert_rejected(item, RejectionReason.TOO_LARGE, str(path), "the page holds 1.3 MiB of text", "save the article")


def test_page_with_more_elements_than_an_article_is_refused_before_extraction(tmp_path: Path) -> None:
    path = tmp_path / "links.html"
    path.write_text("<html><body>" + "<a href='/x'>.</a>" * 100_000 + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    [item] = read_all([path])
    assert time.monotonic() - started < 3  # trafilatura needs ~20 s for these 100,000 links
    assert_rejected(item, RejectionReason.MALFORMED, str(path), "100,002 HTML elements", "more than any article page (30,000)")


def test_dates_named_in_the_text_or_url_are_not_taken_for_the_publication_date(tmp_path: Path) -> None:
    page = (GOOD / "page.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="article:published_time" content="2017-08-09T14:30:00+03:00">', "")
    page = page.replace("<footer>", "<p>Fighting broke out on 3 March 2016 and resumed on 9 August 2017.</p><footer>")
    path = tmp_path / "undated.html"
    path.write_text(page, encoding="utf-8")
    [report] = read_all([path])
    assert isinstance(report, Report)
    assert report.url == "https://observer.example.org/2017/08/convoy-hit"
    assert report.published is None


def test_minified_page_without_optional_closing_tags_is_not_truncated(tmp_path: Path) -> None:
    page = (GOOD / "page.html").read_text(encoding="utf-8").replace("</body>", "").replace("</html>", "")
    path = tmp_path / "minified.html"
    path.write_text(page.rstrip(), encoding="utf-8")
    [report] = read_all([path])
    assert isinstance(report, Report) and report.text == PAGE_TEXT
    cut = tmp_path / "cut.html"
    cut.write_text(page[: page.index("eleven fighters")], encoding="utf-8")
    assert_rejected(read_all([cut])[0], RejectionReason.MALFORMED, str(cut), "truncated HTML")
