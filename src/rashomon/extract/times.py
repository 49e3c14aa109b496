"""Times of one report: time expressions resolved against the publication time (see extract/dates.py).

Mentions come from the patterns in ``dates.PATTERNS`` (relative expressions, weekdays, parts of day,
calendar dates) and from spaCy DATE/TIME entities that no pattern covers; those are kept as text with
precision ``unresolved`` ("the past few days", "recent weeks"): an interval is never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.extract.base import Draft
from rashomon.extract.dates import UNRESOLVED, find_times
from rashomon.model import TimeRef
from rashomon.model.ids import mention_id

if TYPE_CHECKING:
    from spacy.language import Language

MENTION_KIND = "tm"  # "<report>:tm:<start>-<end>"
TIME_LABELS = frozenset({"DATE", "TIME"})
# spaCy DATE entities that are durations or ages, not points in time ("19", "four-hour", "years").
_DURATION_WORDS = frozenset({"year-old", "years-old", "hour", "hours", "minutes", "decades", "years", "months", "weeks"})


class TimeComponent:
    name = "rashomon.times.v1"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("times",)

    def configure_nlp(self, nlp: Language) -> None:
        return None

    def __call__(self, draft: Draft) -> None:
        report = draft.report
        anchor = report.published
        matches = find_times(report.text, anchor)
        taken = [(m.start, m.end) for m in matches]
        for m in matches:
            value = m.value
            draft.times.append(
                TimeRef(
                    id=mention_id(report.id, MENTION_KIND, m.start, m.end),
                    span=draft.span(m.start, m.end),
                    expression=report.text[m.start : m.end],
                    start=value.start,
                    end=value.end,
                    precision=value.precision,
                    anchor=anchor,
                )
            )
        for ent in draft.doc.ents:
            if ent.label_ not in TIME_LABELS or any(a < ent.end_char and ent.start_char < b for a, b in taken):
                continue
            words = {t.lower_ for t in ent}
            if not any(t.is_alpha for t in ent) or words & _DURATION_WORDS:
                continue
            draft.times.append(
                TimeRef(
                    id=mention_id(report.id, MENTION_KIND, ent.start_char, ent.end_char),
                    span=draft.span(ent.start_char, ent.end_char),
                    expression=ent.text,
                    precision=UNRESOLVED.precision,
                    anchor=anchor,
                )
            )
