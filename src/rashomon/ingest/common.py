"""The checks every reader applies to an extracted text before it becomes a Report."""

from __future__ import annotations

from datetime import datetime

from rashomon.ingest.fingerprint import make_report, normalise_text
from rashomon.ingest.language import detect_language, is_english
from rashomon.ingest.limits import MAX_REPORT_BYTES, human_size
from rashomon.ingest.rejections import one_line, rejection
from rashomon.model import Rejection, RejectionReason, Report

ANALYSED_LANGUAGE = "en"
MAX_TITLE_CHARS = 1000  # a headline; longer "titles" are page junk and are cut


def finish(
    text: str,
    *,
    source: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    language: str | None = None,
    language_hint: str | None = None,
) -> Report | Rejection:
    """Report, or the Rejection saying why not (empty, too large, not English).

    ``language`` is a language the user declared (a JSONL field) and is trusted. Otherwise the language is
    detected, and ``language_hint`` (a feed's or page's own metadata, often a CMS default) is used only
    when detection cannot tell. Undetermined text (too short, no clue) is accepted with language None,
    since rejecting it would drop short English items such as one-line feed entries.
    """
    normalised = normalise_text(text)
    if not normalised:
        return rejection(source, RejectionReason.EMPTY, "no text in it; give a report with some text")
    size = len(normalised.encode("utf-8"))
    if size > MAX_REPORT_BYTES:
        return rejection(
            source,
            RejectionReason.TOO_LARGE,
            f"its text is {human_size(size)}, over the {human_size(MAX_REPORT_BYTES)} limit for one report; "
            "split it into one file per report",
        )
    declared = language.strip() if language and language.strip() else None
    hint = language_hint.strip() if language_hint and language_hint.strip() else None
    if declared is not None:
        code, how = declared, "declared"
    else:
        code, how = detect_language(normalised), "detected"
        if code is None and hint is not None:
            code, how = hint, "declared by its source"
    if code is not None and not is_english(code):
        return rejection(
            source,
            RejectionReason.UNSUPPORTED_LANGUAGE,
            f"language '{one_line(code)[:20]}' {how}; only English is analysed yet (translate it, or wait for "
            "multilingual support)",
        )
    return make_report(
        normalised,
        title=clean_title(title),
        url=url or None,
        outlet=clean_title(outlet),
        published=published,
        language=ANALYSED_LANGUAGE if code is not None else None,
        source=source,
    )


def clean_title(value: str | None) -> str | None:
    """Headlines and outlet names on one line, trimmed; None when blank."""
    if value is None:
        return None
    flat = " ".join(one_line(value).split())
    return flat[:MAX_TITLE_CHARS] or None
