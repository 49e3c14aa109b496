"""HTML pages: trafilatura finds the article text, title, site name and date among the page furniture."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import trafilatura

from rashomon.ingest.common import finish
from rashomon.ingest.dates import parse_iso
from rashomon.ingest.decoding import check_not_binary, decode, known_encoding
from rashomon.ingest.limits import MAX_REPORT_BYTES, human_size
from rashomon.ingest.rejections import rejected, rejection
from rashomon.model import Rejection, RejectionReason, Report

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_OPENS_HTML = re.compile(r"<html[\s>]", re.IGNORECASE)
_CLOSES_HTML = re.compile(r"</html\s*>", re.IGNORECASE)
_CLOSES_BODY = re.compile(r"</body\s*>", re.IGNORECASE)
# <meta property="article:published_time" content="..."> in either attribute order; trafilatura keeps
# only the day, this keeps the time of day and the offset when a page gives them.
_PUBLISHED_META = (
    re.compile(
        r"""<meta[^>]{0,100}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
        r"""og:published_time|pubdate)["'][^>]{0,100}?content\s*=\s*["']([^"'<>]{4,40})["']""",
        re.IGNORECASE,
    ),
    re.compile(
        r"""<meta[^>]{0,100}?content\s*=\s*["']([^"'<>]{4,40})["'][^>]{0,100}?(?:property|name|itemprop)\s*=\s*"""
        r"""["'](?:article:published_time|datePublished|og:published_time|pubdate)["']""",
        re.IGNORECASE,
    ),
)
# htmldate's extensive search guesses a date from the body text or the URL ("/2017/08/" became
# 2017-08-01 on our test page, a date named in the article was taken for the publication date): a wrong
# publication date moves every relative time in the report, so only the page's declared dates are used.
DATE_PARAMETERS = {"extensive_search": False, "original_date": True}
META_SCAN_CHARS = 200_000  # metadata sits in <head>; do not scan a 10 MiB body for it
# trafilatura's fallbacks return a menu entry ("Home") from a page with no article; the shortest news
# item we keep, a one-sentence brief, has 10+ words, so fewer than this is page furniture.
MIN_ARTICLE_WORDS = 10
# trafilatura is slow on huge text (27 s for a 10 MB single paragraph, 20 s for 15,000 paragraphs in
# 1.9 MB), so a page showing more text than one report may hold (MAX_REPORT_BYTES) is refused before
# extraction: news pages show 10-100 KB, and the article of a larger page would be too large anyway.
# trafilatura spends ~2 s per 10,000 elements of hostile flat markup (measured: 100,000 empty <p> in
# 19 s, 100,000 links in 21 s). News pages hold 1,500-15,000 elements (Lighthouse flags 1,400 as an
# excessive DOM), so more than MAX_ELEMENTS is refused: the bound keeps one page under ~6 s (measured 5.5 s
# for 29,900 <span> pairs).
MAX_ELEMENTS = 30_000
_ELEMENT = re.compile(r"<[A-Za-z]")
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template)\b")
# [^<>]* stops at the next "<": the scans of all tags together cover the page once (no quadratic
# backtracking on a page of unclosed "<").
_TAG = re.compile(r"<[^<>]*>")


def read_html(data: bytes, source: str, *, url: str | None = None, charset: str | None = None) -> Iterator[Report | Rejection]:
    """Yield the article in one HTML page, or a Rejection (truncated page, no article text ...)."""
    check_not_binary(data, source)
    page = decode(data, source, charset or meta_charset(data))
    if is_truncated(page):
        raise rejected(
            source,
            RejectionReason.MALFORMED,
            "truncated HTML (the page opens <html> but never closes it); save or download the whole page again",
        )
    visible = visible_text_bytes(page)
    if visible > MAX_REPORT_BYTES:
        raise rejected(
            source,
            RejectionReason.TOO_LARGE,
            f"the page holds {human_size(visible)} of text, more than one report can have "
            f"({human_size(MAX_REPORT_BYTES)}); save the article's text as a .txt file",
        )
    elements = len(_ELEMENT.findall(page))
    if elements > MAX_ELEMENTS:
        raise rejected(
            source,
            RejectionReason.MALFORMED,
            f"the page has {elements:,} HTML elements, more than any article page ({MAX_ELEMENTS:,}); "
            "save the article's text as a .txt file",
        )
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params=DATE_PARAMETERS,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        yield rejection(
            source,
            RejectionReason.EMPTY,
            "no article text found in the page (a front page, a paywall, a script-only page or markup nested too "
            "deeply); save the article's own page, or its text as a .txt file",
        )
        return
    yield finish(
        text,
        source=source,
        title=getattr(document, "title", None),
        url=url or getattr(document, "url", None),
        outlet=getattr(document, "sitename", None),
        published=published_time(page, getattr(document, "date", None)),
    )


def visible_text_bytes(page: str) -> int:
    """About how much text a page shows: without scripts, styles and tags (a cheap upper bound, linear time)."""
    lower = page.lower()
    parts: list[str] = []
    position = 0
    while (opening := _INVISIBLE_OPEN.search(lower, position)) is not None:
        parts.append(page[position : opening.start()])
        closing = lower.find(f"</{opening.group(1)}", opening.end())
        if closing < 0:  # never closed: the rest of the page is script
            position = len(page)
            break
        position = closing
    parts.append(page[position:])
    return len(_TAG.sub("", "".join(parts)).encode("utf-8", errors="replace"))


def meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return known_encoding(match.group(1).decode("ascii")) if match else None


def is_truncated(page: str) -> bool:
    """A page that opens <html>, closes neither <body> nor <html> and stops inside text or a tag was cut
    off (a broken download). Minifiers may drop the optional closing tags, but their pages end with ">"."""
    if not _OPENS_HTML.search(page[:4096]):
        return False
    tail = page[-65_536:]
    if _CLOSES_HTML.search(tail) or _CLOSES_BODY.search(tail):
        return False
    return not tail.rstrip().endswith(">")


def published_time(page: str, day: str | None) -> datetime | None:
    """The page's publication time: a full timestamp from its meta tags when it agrees with trafilatura's day."""
    head = page[:META_SCAN_CHARS]
    found = parse_iso(day) if day else None
    for pattern in _PUBLISHED_META:
        match = pattern.search(head)
        stamp = parse_iso(match.group(1)) if match else None
        if stamp is not None and (found is None or stamp.date() == found.date()):
            return stamp
    return found
