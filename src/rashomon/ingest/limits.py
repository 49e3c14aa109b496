"""Size limits the readers enforce before they read, so a hostile input cannot exhaust memory.

MAX_REPORT_BYTES (1 MiB of UTF-8 text per report): the longest texts in the development corpora
(../shared/data, measured) are 57.6 KiB (Guardian sample), 56.4 KiB (WikiRef220), 33.5 KiB (PolNeAR),
19.7 KiB (FNC-1), 10.3 KiB (ECB+), 7.5 KiB (Times of India), 3.1 KiB (ISAF releases), and spaCy refuses
documents longer than 1,000,000 characters by default, so anything larger cannot be a single news
report and could not be analysed anyway: 17 times the longest article seen. A 10 MB single line or a 50 MB text is rejected
as too large instead of being read into memory.

Markup (HTML pages, feeds) carries scripts, styles and navigation around the text, so a page file may
be larger than its text: MAX_PAGE_BYTES (10 MiB) covers the heaviest news front pages we know of
(2-5 MiB) with room to spare. The text extracted from a page is then held to MAX_REPORT_BYTES.

A JSONL corpus may be any size (it is streamed), but each line is one report: JSON escapes
(``\\u0627`` is 6 bytes for a 2-byte letter) can triple the size of the text, so a line may be up to
MAX_JSONL_LINE_BYTES before it is rejected without being parsed.
"""

from __future__ import annotations

MiB = 1024 * 1024

MAX_REPORT_BYTES = 1 * MiB
MAX_PAGE_BYTES = 10 * MiB
MAX_JSONL_LINE_BYTES = 3 * MAX_REPORT_BYTES


def human_size(n: int) -> str:
    """1536 -> '1.5 KiB'; used in rejection messages."""
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover - the loop always returns
