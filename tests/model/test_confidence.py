"""rashomon.model.confidence: an analysis read at a stricter bar, its references kept whole."""

from __future__ import annotations

import pytest

from rashomon.model.confidence import at_min_confidence, check_min_confidence, passes
from web.statement_scores import build_scored


def test_no_bar_or_a_bar_nothing_is_under_returns_the_analysis_itself() -> None:
    scored = build_scored()
    assert at_min_confidence(scored.analysis, None) is scored.analysis
    assert at_min_confidence(scored.analysis, 0.42) is scored.analysis  # the bar is inclusive
    assert at_min_confidence(scored.analysis, 0.0) is scored.analysis


def test_a_bar_drops_scored_statements_under_it_and_keeps_unscored_ones() -> None:
    scored = build_scored()
    kept = at_min_confidence(scored.analysis, 0.5)
    assert [s.id for s in kept.statements] == [scored.chief.id, scored.army.id, scored.governor.id]
    # every stance is under the bar alike: the analysis-time filter spares accusations, a reader's bar does not
    assert [s.id for s in at_min_confidence(scored.analysis, 0.95).statements] == [scored.army.id]
    assert passes(scored.army, 1.0) and not passes(scored.mayor, 0.43) and passes(scored.mayor, None)


def test_references_to_a_dropped_statement_move_to_the_nearest_kept_one() -> None:
    scored = build_scored()
    kept = at_min_confidence(scored.analysis, 0.5)
    chief = next(s for s in kept.statements if s.id == scored.chief.id)
    assert scored.chief.parent_id == scored.mayor.id
    assert chief.parent_id is None  # the mayor was its only enclosing statement
    by_trigger = {e.trigger.text: e for e in kept.events}
    assert by_trigger["shut"].statement_id is None  # told in the mayor's statement, which is gone
    assert by_trigger["shelled"].statement_id == scored.army.id  # untouched
    assert by_trigger["shut"].plover_type == "RESTRICT"  # the event itself stays as analysed
    assert kept.report == scored.analysis.report and kept.places == scored.analysis.places


def test_a_grandchild_moves_to_its_grandparent() -> None:
    scored = build_scored()
    analysis = scored.analysis
    # make the chief's quote the middle of a chain: mayor (0.95) > chief (0.3) > a nested third statement (0.9)
    mayor = scored.mayor.model_copy(update={"confidence": 0.95})
    chief = scored.chief.model_copy(update={"confidence": 0.3})
    inner = scored.governor.model_copy(update={"parent_id": chief.id, "confidence": 0.9})
    chained = analysis.model_copy(update={"statements": (mayor, chief, scored.army, inner)})
    kept = at_min_confidence(chained, 0.5)
    assert [(s.id, s.parent_id) for s in kept.statements] == [
        (mayor.id, None),
        (scored.army.id, None),
        (inner.id, mayor.id),
    ]


@pytest.mark.parametrize("bad", [-0.1, 1.01, 80.0])
def test_a_bar_outside_zero_to_one_is_refused_with_the_fix(bad: float) -> None:
    with pytest.raises(ValueError, match=r"give a number from 0 to 1, e\.g\. 0\.8"):
        check_min_confidence(bad)
    with pytest.raises(ValueError):
        at_min_confidence(build_scored().analysis, bad)
