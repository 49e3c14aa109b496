"""RSS and Atom feeds (feedparser): each entry is one report, its outlet the feed's title.

Policy on broken feeds: feedparser recovers from small faults (an HTML entity such as ``&nbsp;`` that
XML does not define is the common one) and those entries are kept. A feed that was cut off (its root
element never closes) or is not a feed at all is rejected whole: a cut-off feed's last entry is cut
too, and a silently shortened report is worse than none.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree

from rashomon.ingest.common import finish
from rashomon.ingest.dates import from_struct_time
from rashomon.ingest.decoding import check_not_binary, decode
from rashomon.ingest.htmltext import html_to_text
from rashomon.ingest.limits import human_size
from rashomon.ingest.rejections import rejected, rejection
from rashomon.model import Rejection, RejectionReason, Report

# feedparser falls back to a lenient pure-Python parser when a feed is not well-formed XML; it reads
# about 0.1 MB/s of hostile markup (measured: 400 KB of '<a b=' in 4.3 s, linear), against 1 MB/s for
# well-formed feeds. Real feeds are 10 KB-1 MB, so a broken feed over 2 MiB is refused instead of
# holding a batch for minutes.
MAX_LENIENT_FEED_BYTES = 2 * 1024 * 1024
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")
# The root element closes at the end, give or take whitespace and comments (caches append "<!-- ... -->").
_ROOT_CLOSED = re.compile(r"</(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>(?:\s|<!--.*?-->)*\Z", re.IGNORECASE | re.DOTALL)


def read_feed(data: bytes, source: str, *, url: str | None = None, charset: str | None = None) -> Iterator[Report | Rejection]:
    """Yield one report (or rejection) per entry; entries are numbered ``SOURCE#N`` from 1."""
    check_not_binary(data, source)
    text = decode(data, source, xml_encoding(data) or charset)
    if len(data) > MAX_LENIENT_FEED_BYTES:
        problem = xml_syntax_error(data)
        if problem is not None:
            raise rejected(
                source,
                RejectionReason.MALFORMED,
                f"malformed feed ({problem}) of {human_size(len(data))}, too large to be read leniently "
                f"(limit {human_size(MAX_LENIENT_FEED_BYTES)}); fix the XML or split the feed",
            )
    headers = {"content-location": url} if url else {}
    # A file-like object, never bytes or str: given a string, feedparser would treat a feed whose body
    # looks like a path or URL as one and open it.
    # Entry HTML becomes plain text here (htmltext.html_to_text drops scripts), so feedparser's own
    # sanitiser and URI rewriting, which take quadratic time on hostile markup (36 s for 200 KB of
    # unterminated comments), are switched off.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    closed = _ROOT_CLOSED.search(text[-4096:]) is not None
    if not parsed.get("version"):
        problem = _bozo(parsed)
        raise rejected(
            source,
            RejectionReason.MALFORMED,
            f"not an RSS or Atom feed{problem}; give the feed's own address or file",
        )
    if not closed:
        raise rejected(
            source,
            RejectionReason.MALFORMED,
            f"malformed feed: it is cut off before its closing tag{_bozo(parsed)}; download it again in full",
        )
    entries = parsed.get("entries") or []
    if not entries:
        yield rejection(source, RejectionReason.EMPTY, "the feed has no entries; check that it is the right feed")
        return
    channel = parsed.get("feed") or {}
    outlet = channel.get("title") or None
    language_hint = channel.get("language") or None
    for number, entry in enumerate(entries, start=1):
        yield _entry(entry, f"{source}#{number}", outlet, language_hint)


def _entry(entry: Any, source: str, outlet: str | None, language_hint: str | None) -> Report | Rejection:
    body = _body(entry)
    title = html_to_text(entry.get("title") or "") or None
    link = entry.get("link") or None
    if not body:
        fix = f"ingest the article's page instead: {link}" if link else "the entry carries only a headline"
        return rejection(source, RejectionReason.EMPTY, f"feed entry without text; {fix}")
    # dict.get, not entry.get: feedparser maps a missing updated_parsed to published_parsed with a
    # DeprecationWarning (its issue 310); each key is read as it is.
    published = from_struct_time(dict.get(entry, "published_parsed")) or from_struct_time(dict.get(entry, "updated_parsed"))
    # Aggregators (news search feeds, planets) name each item's own outlet in <source>: that outlet
    # published the report, not the aggregator.
    origin = dict.get(entry, "source")
    own_outlet = origin.get("title") if isinstance(origin, dict) else None
    return finish(
        body,
        source=source,
        title=title,
        url=link,
        outlet=own_outlet or outlet,
        published=published,
        language_hint=entry.get("language") or language_hint,
    )


def _body(entry: Any) -> str:
    """The longest of the entry's content blocks and its summary, as text."""
    candidates = [block.get("value") or "" for block in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [html_to_text(value) for value in candidates if value.strip()]
    return max(texts, key=len, default="")


def xml_syntax_error(data: bytes) -> str | None:
    """None when ``data`` is well-formed XML, else libxml2's first error. Entities and DTDs are not loaded."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)
    try:
        etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def xml_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data[:512])
    return match.group(1).decode("ascii") if match else None


def _bozo(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    if error is None:
        return ""
    if callable(getattr(error, "getLineNumber", None)):  # an XML syntax error from expat
        return f" ({error.getMessage()} at line {error.getLineNumber()}, column {error.getColumnNumber()})"
    return f" ({error})"
