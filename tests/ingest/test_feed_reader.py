"""RSS and Atom files: one report per entry with the feed's title as outlet; broken feeds rejected whole."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_helpers import GOOD, LANGUAGES, assert_rejected, by_source, copy_good, read_all

from rashomon.model import Rejection, RejectionReason, Report

RSS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Example Wire Service</title>\n'
ENTRY = (
    "<item><title>{title}</title><link>https://wire.example.net/{slug}</link>"
    "<pubDate>Sat, 12 Aug 2017 10:00:00 GMT</pubDate><description>{body}</description></item>\n"
)
RSS_TAIL = "</channel></rss>\n"
ENGLISH_BODY = "Officials said on Saturday that the bridge over the river had been reopened to traffic after repairs."


def rss(*entries: str) -> str:
    return RSS_HEAD + "".join(entries) + RSS_TAIL


def test_feed_batch_reads_entries_and_rejects_broken_feeds(tmp_path: Path) -> None:
    rss_file = copy_good(tmp_path, "feed.xml", "a_feed.xml")
    atom_file = copy_good(tmp_path, "atom.xml", "b_feed.atom")
    feed = (GOOD / "feed.xml").read_bytes()
    cut = tmp_path / "c_cut.rss"
    cut.write_bytes(feed[: len(feed) // 2])
    (tmp_path / "d_not_a_feed.xml").write_text('<?xml version="1.0"?><note><to>Desk</to></note>', encoding="utf-8")
    (tmp_path / "e_no_entries.xml").write_text(rss(), encoding="utf-8")
    french = LANGUAGES.joinpath("fr.txt").read_text(encoding="utf-8").strip()
    (tmp_path / "f_mixed.xml").write_text(
        rss(
            ENTRY.format(title="Bridge reopened&nbsp;", slug="bridge", body=ENGLISH_BODY),  # &nbsp; is not XML: recovered
            ENTRY.format(title="Frappe", slug="frappe", body=french),
            "<item><title>Headline only</title><link>https://wire.example.net/headline</link></item>\n",
        ),
        encoding="utf-8",
    )
    (tmp_path / "g_path_body.xml").write_text("/etc/passwd", encoding="utf-8")  # never opened as a file
    (tmp_path / "h_garbage.rss").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "i_cp1256.xml").write_bytes(rss(ENTRY.format(title="x", slug="x", body="خبر عاجل")).encode("cp1256"))

    items = by_source(read_all(sorted(tmp_path.iterdir())))

    first, second = items[f"{rss_file}#1"], items[f"{rss_file}#2"]
    assert isinstance(first, Report) and isinstance(second, Report)
    assert first.text == (
        "Negotiators from both sides met again on Thursday to discuss a ceasefire, a United Nations envoy said.\n"
        "The envoy said the talks would continue for at least three days."
    )
    assert (first.title, first.outlet, first.url) == (
        "Ceasefire talks resume in the capital",
        "Example Wire Service",
        "https://wire.example.net/2017/08/10/ceasefire-talks",
    )
    assert first.published == datetime(2017, 8, 10, 9, 15, tzinfo=UTC)
    assert second.published == datetime(2017, 8, 11, 14, 40, tzinfo=UTC)  # +0200 converted by feedparser
    assert second.title == "Aid convoy reaches besieged town" and second.outlet == "Example Wire Service"

    atom = items[f"{atom_file}#1"]
    assert isinstance(atom, Report)
    assert atom.text == (
        "A monitoring group said that artillery shells struck a crowded market on Saturday morning, killing four people.\n"
        "The army said it had not fired on the town and blamed the rebels."
    )
    assert (atom.title, atom.outlet, atom.url) == (
        "Monitor reports shelling of market",
        "Example Monitor",
        "https://monitor.example.org/2017/08/12/market",
    )
    assert atom.published == datetime(2017, 8, 12, 7, 45, tzinfo=UTC)  # <updated>, as there is no <published>

    assert_rejected(items[str(cut)], RejectionReason.MALFORMED, str(cut), "malformed feed", "cut off", "download it again")
    assert_rejected(
        items[f"{tmp_path}/d_not_a_feed.xml"],
        RejectionReason.MALFORMED,
        f"{tmp_path}/d_not_a_feed.xml",
        "not an RSS or Atom feed",
    )
    assert_rejected(items[f"{tmp_path}/e_no_entries.xml"], RejectionReason.EMPTY, f"{tmp_path}/e_no_entries.xml", "no entries")

    mixed = f"{tmp_path}/f_mixed.xml"
    bridge = items[f"{mixed}#1"]
    assert isinstance(bridge, Report)
    assert bridge.text == ENGLISH_BODY and bridge.title == "Bridge reopened"
    assert bridge.published == datetime(2017, 8, 12, 10, 0, tzinfo=UTC)
    assert_rejected(items[f"{mixed}#2"], RejectionReason.UNSUPPORTED_LANGUAGE, f"{mixed}#2", "language 'fr' detected")
    assert_rejected(items[f"{mixed}#3"], RejectionReason.EMPTY, f"{mixed}#3", "without text", "https://wire.example.net/headline")
    assert_rejected(items[f"{tmp_path}/g_path_body.xml"], RejectionReason.MALFORMED, f"{tmp_path}/g_path_body.xml", "not an RSS")
    assert_rejected(items[f"{tmp_path}/h_garbage.rss"], RejectionReason.BINARY, f"{tmp_path}/h_garbage.rss", "PNG image")
    assert_rejected(items[f"{tmp_path}/i_cp1256.xml"], RejectionReason.ENCODING, f"{tmp_path}/i_cp1256.xml", "Windows-1256")
    assert len(items) == 12


def test_feed_entry_scripts_are_dropped(tmp_path: Path) -> None:
    body = (
        "&lt;p onclick=&quot;alert(1)&quot;&gt;The council said the curfew would be lifted on Monday morning across the city."
        "&lt;/p&gt;&lt;script&gt;alert('feed')&lt;/script&gt;&lt;a href=&quot;javascript:alert(2)&quot;&gt;More&lt;/a&gt;"
    )
    path = tmp_path / "hostile.rss"
    path.write_text(rss(ENTRY.format(title="Curfew &lt;b&gt;lifted&lt;/b&gt;", slug="curfew", body=body)), encoding="utf-8")
    [report] = read_all([path])
    assert isinstance(report, Report)
    assert report.text == "The council said the curfew would be lifted on Monday morning across the city.\nMore"
    assert report.title == "Curfew lifted"


def test_trailing_comment_after_the_root_is_not_truncation(tmp_path: Path) -> None:
    path = tmp_path / "cached.xml"
    path.write_text(
        rss(ENTRY.format(title="Bridge", slug="b", body=ENGLISH_BODY)) + "<!-- Dynamic page generated in 0.2 seconds. -->\n",
        encoding="utf-8",
    )
    [report] = read_all([path])
    assert isinstance(report, Report) and report.text == ENGLISH_BODY


def test_language_declared_by_a_feed_is_used_only_when_the_text_cannot_tell(tmp_path: Path) -> None:
    short = "Cessez-le-feu."  # too short to detect
    path = tmp_path / "declared.xml"
    path.write_text(
        rss(
            ENTRY.format(title="a", slug="a", body=short),
            ENTRY.format(title="b", slug="b", body=ENGLISH_BODY),  # English text wins over the feed's <language>
        ).replace("<channel>", "<channel><language>fr</language>"),
        encoding="utf-8",
    )
    first, second = read_all([path])
    assert_rejected(first, RejectionReason.UNSUPPORTED_LANGUAGE, f"{path}#1", "language 'fr' declared by its source")
    assert isinstance(second, Report) and second.language == "en"


@pytest.mark.issue(8)
def test_unparseable_entry_date_is_dropped_without_a_warning(tmp_path: Path) -> None:
    """Found by fuzzing: feedparser stores published_parsed=None for a leap second, and reading
    entry['updated_parsed'] then raised its issue-310 DeprecationWarning (an error under pytest)."""
    path = tmp_path / "leap.xml"
    entry = ENTRY.format(title="Leap", slug="leap", body=ENGLISH_BODY).replace(
        "Sat, 12 Aug 2017 10:00:00 GMT", "Sat, 31 Dec 2016 23:59:60 +0000"
    )
    path.write_text(rss(entry), encoding="utf-8")
    [report] = read_all([path])
    assert isinstance(report, Report) and report.text == ENGLISH_BODY and report.published is None


@pytest.mark.issue(8)
@pytest.mark.parametrize("pattern", ["<!--", '<a href="', "<", "<div>"])
def test_hostile_entry_markup_is_read_in_linear_time(tmp_path: Path, pattern: str) -> None:
    """300 KB of unterminated comments, attributes or tags: feedparser's sanitiser and the stdlib HTMLParser
    took 36 s on 200 KB of these (quadratic); libxml2 through lxml takes well under a second."""
    path = tmp_path / "hostile.xml"
    body = (pattern * (300_000 // len(pattern))).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    path.write_text(rss(ENTRY.format(title="Flood", slug="flood", body=ENGLISH_BODY + body)), encoding="utf-8")
    started = time.monotonic()
    [item] = read_all([path])
    assert time.monotonic() - started < 8  # quadratic parsing took 36 s on 200 KB of comments
    assert isinstance(item, Rejection | Report)
    if isinstance(item, Report):
        assert item.text.startswith(ENGLISH_BODY)


def test_broken_feed_too_large_to_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "broken_big.xml"
    padding = "".join(ENTRY.format(title=f"Item {n}&nbsp;", slug=str(n), body=ENGLISH_BODY) for n in range(12_000))
    path.write_text(rss(padding), encoding="utf-8")
    assert path.stat().st_size > 2 * 1024 * 1024
    [item] = read_all([path])
    assert_rejected(
        item, RejectionReason.MALFORMED, str(path), "Entity 'nbsp' not defined", "too large to be read leniently", "fix the XML"
    )


def test_aggregated_items_keep_their_own_outlet(tmp_path: Path) -> None:
    path = tmp_path / "aggregator.xml"
    item = ENTRY.format(title="Bridge", slug="b", body=ENGLISH_BODY).replace(
        "<description>", '<source url="https://wire.example.net/rss">Example Wire Service</source><description>'
    )
    other = ENTRY.format(title="Bridge 2", slug="c", body=ENGLISH_BODY + " Traffic resumed at noon.")
    path.write_text(rss(item, other).replace("Example Wire Service</title>", "News Aggregator</title>", 1), encoding="utf-8")
    first, second = read_all([path])
    assert isinstance(first, Report) and first.outlet == "Example Wire Service"
    assert isinstance(second, Report) and second.outlet == "News Aggregator"
