"""HTML fragments (feed entry bodies) to plain text, with libxml2 through lxml.

Why not the stdlib HTMLParser: on Python 3.11 it takes quadratic time on an unterminated comment or
attribute, or on runs of "<" that open nothing (over 4 minutes for 2 MB of '<a href="'), so a hostile
feed could stall a batch. libxml2 parses any of those in linear time, recovers from broken markup,
and the tree is walked iteratively, so deep nesting costs no recursion. Script, style and similar
elements are dropped with their content. Whole pages go through trafilatura instead (html_reader).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "title"})
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "section", "article", "pre", "hr", "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "aside",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def _parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True, default_doctype=False
    )


def _flat(text: str) -> str:
    """Newlines inside markup are layout of the source, not of the text: only block elements break lines."""
    return text.replace("\r", " ").replace("\n", " ")


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph (block element) per line, as trafilatura gives pages."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(fragment.encode("utf-8", errors="replace"), parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""  # nothing parseable (an empty document)
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if element.text:
                parts.append(_flat(element.text))
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if element.tail:
                parts.append(_flat(element.tail))
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
