"""Normalised text and content-derived report ids.

Normalisation is what makes "the same report" the same: Unicode NFC, unified newlines,
no trailing spaces, collapsed blank-line runs. Offsets everywhere refer to the
normalised text, which is what the store keeps.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from rashomon.model import Report
from rashomon.model.ids import report_id_for, sha256_hex

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


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
