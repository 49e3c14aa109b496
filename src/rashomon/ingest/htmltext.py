"""HTML fragments (feed entry bodies) to plain text, with a streaming parser.

The stdlib HTMLParser never builds a tree, so deeply nested or truncated markup costs no recursion
and cannot fail; script, style and similar elements are dropped with their content. Whole pages go
through trafilatura instead (html_reader), which finds the article among the navigation.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "section", "article", "pre", "hr", "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "aside",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Newlines inside markup are layout of the source, not of the text.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph (block element) per line, as trafilatura gives pages."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
