"""Normalised text and content-derived report ids.

Normalisation is what makes "the same report" the same: Unicode NFC, unified newlines,
no trailing spaces, collapsed blank-line runs, and hard-wrapped lines joined into their
paragraph. Offsets everywhere refer to the normalised text, which is what the store keeps.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import datetime

from rashomon.model import Report
from rashomon.model.ids import report_id_for, sha256_hex

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Plain-text wire copy and mail archives are often wrapped at a fixed width (60 to 80 columns). The analysis
# reads a line break as a sentence start (a headline is not part of the paragraph below it), so such a
# text is unwrapped first. A text is hard-wrapped when no line is wider than WRAP_MAX_WIDTH and at least
# WRAP_MIN_CONTINUATIONS lines go on in lower case after a single line break (a paragraph never starts so).
# Inside it a line break joins two lines when the line before fills WRAP_FILL of the widest line or the
# next goes on in lower case; a short line (a headline, a byline, a paragraph's end) keeps its break.
# Set by hand from wire copy wrapped at 64-76 columns, whose lines fill 85-100% of the width, and
# headlines at 40-60% of it.
WRAP_MAX_WIDTH = 100
WRAP_MIN_CONTINUATIONS = 2
WRAP_FILL = 0.8


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _TRAILING_SPACE.sub("\n", text)
    return unwrap(_BLANK_RUNS.sub("\n\n", text).strip())


def unwrap(text: str) -> str:
    """``text`` with its hard wraps joined by a space, so every offset stays where it was; a text that is not
    hard-wrapped comes back as it is."""
    lines = text.split("\n")
    width = max(len(line) for line in lines)
    if len(lines) < 3 or width > WRAP_MAX_WIDTH:
        return text
    pairs = list(itertools.pairwise(lines))
    if sum(1 for line, after in pairs if line and after[:1].islower()) < WRAP_MIN_CONTINUATIONS:
        return text
    joined = [
        line + (" " if line and after and after[:1] != " " and (len(line) >= WRAP_FILL * width or after[:1].islower()) else "\n")
        for line, after in pairs
    ]
    return "".join(joined) + lines[-1]


def make_report(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    language: str | None = None,
    source: str | None = None,
) -> Report:
    """Build a Report whose id and hash come from its normalised text."""
    normalised = normalise_text(text)
    content_hash = sha256_hex(normalised)
    return Report(
        id=report_id_for(content_hash),
        text=normalised,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        language=language,
        source=source,
        content_hash=content_hash,
    )
