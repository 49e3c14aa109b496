"""Wire datelines: "SANAA (Gulf Wire) - ", "BAGHDAD (Reuters) - ", "KABUL, Afghanistan (Nov. 20, 2011) - ".

A dateline says where a report was filed. It is neither what a source said nor where the event happened,
so statements, speaker names and account places all leave it out; this is the one pattern they share.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"(?:[A-Z][A-Z.,'\- ]{1,30}(?:,\s*[A-Z][\w.' ]{1,30})?"
    # a title-case place needs a second part: "Idlib, SANA - ", "Kabul, Afghanistan - "
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s*[A-Z][\w.' ]{1,30}?)"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s*"
)


def dateline_end(text: str, start: int = 0) -> int | None:
    """End of the dateline that opens ``text`` at ``start`` (a line start), or None when there is none."""
    found = DATELINE.match(text, start)
    return found.end() if found else None
