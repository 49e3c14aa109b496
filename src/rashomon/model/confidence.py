"""Reading an analysis at a stricter statement confidence than the one it was stored with.

``Statement.confidence`` is the statement filter's score. Analysis drops plain assertions under the
filter's fitted threshold (or keeps everything with ``--no-statement-filter``); a reader who wants fewer,
surer statements raises the bar afterwards with ``min_confidence``, without analysing again.

Unscored statements (``confidence`` None: a cue the parse rules found) always pass: the filter's model does
not describe them, so no threshold of it applies. References stay whole: a statement nested in a dropped one
moves up to its nearest kept ancestor, and so does an event told in a dropped statement (to no statement
when none is kept). The events themselves, their modality included, are as analysed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.model.records import Analysis, Statement


def check_min_confidence(value: float | None) -> float | None:
    """``value`` if it is a usable bar (None, or 0 to 1); a ValueError that says what to write otherwise."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"min_confidence={value} is not a probability; give a number from 0 to 1, e.g. 0.8")
    return value


def passes(statement: Statement, min_confidence: float | None) -> bool:
    """Whether ``statement`` clears the bar; None clears every bar, and so does an unscored statement."""
    return min_confidence is None or statement.confidence is None or statement.confidence >= min_confidence


def confident_statements(statements: Iterable[Statement], min_confidence: float | None) -> list[Statement]:
    """The statements that clear the bar, in their order."""
    return [s for s in statements if passes(s, min_confidence)]


def at_min_confidence(analysis: Analysis, min_confidence: float | None) -> Analysis:
    """``analysis`` without the statements under ``min_confidence``, its references repaired (module doc)."""
    check_min_confidence(min_confidence)
    kept = confident_statements(analysis.statements, min_confidence)
    if len(kept) == len(analysis.statements):
        return analysis
    parent_of = {s.id: s.parent_id for s in analysis.statements}
    kept_ids = {s.id for s in kept}

    def nearest_kept(statement_id: str | None) -> str | None:
        seen: set[str] = set()
        while statement_id is not None and statement_id not in kept_ids and statement_id not in seen:
            seen.add(statement_id)
            statement_id = parent_of.get(statement_id)
        return statement_id if statement_id in kept_ids else None

    statements = tuple(
        s if s.parent_id is None or s.parent_id in kept_ids else s.model_copy(update={"parent_id": nearest_kept(s.parent_id)})
        for s in kept
    )
    events = tuple(
        e
        if e.statement_id is None or e.statement_id in kept_ids
        else e.model_copy(update={"statement_id": nearest_kept(e.statement_id)})
        for e in analysis.events
    )
    return analysis.model_copy(update={"statements": statements, "events": events})
