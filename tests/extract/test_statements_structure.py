"""Statement structure: multi-paragraph quotes, nesting, roles, direct vs reported, record fields."""

from __future__ import annotations

from collections.abc import Callable

from rashomon.model import Analysis, ChannelKind, Stance


def _spans(text: str, *parts: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in parts]


def test_quote_running_over_two_paragraphs_is_one_statement(analyze: Callable[..., Analysis]) -> None:
    text = '"We were bombed for three hours," the commander said. "Nobody came to help us.\n\n"We will not forget this."'
    (statement,) = analyze(text).statements
    assert statement.speaker is not None and statement.speaker.text == "the commander"
    assert statement.cue is not None and statement.cue.text == "said"
    assert [(c.start, c.end) for c in statement.content] == _spans(
        text, "We were bombed for three hours", "Nobody came to help us", "We will not forget this"
    )
    assert statement.direct
    assert statement.stance == Stance.ASSERT


def test_nested_speech_points_at_its_enclosing_statement(analyze: Callable[..., Analysis]) -> None:
    text = 'The mayor told Reuters: "The police chief said the attack was carried out by bandits."'
    outer, inner = analyze(text).statements
    assert outer.speaker is not None and outer.speaker.text == "The mayor"
    assert outer.channel.kind == ChannelKind.INTERVIEW and outer.channel.outlet == "Reuters"
    assert outer.parent_id is None
    assert inner.speaker is not None and inner.speaker.text == "The police chief"
    assert inner.speaker_name == "police chief"
    assert [(c.start, c.end) for c in inner.content] == _spans(text, "the attack was carried out by bandits")
    assert inner.parent_id == outer.id
    assert inner.channel.kind == ChannelKind.UNKNOWN  # the outlet is the mayor's, not the chief's
    assert inner.stance == Stance.ATTRIBUTE and inner.stance_target == "bandits"


def test_role_and_affiliation_before_the_name_and_pronoun_after(analyze: Callable[..., Analysis]) -> None:
    text = (
        "A spokesman for the coalition, Col. Ryan Dillon, said the strikes hit Islamic State positions. "
        '"The coalition did not bomb any militia," he said.'
    )
    first, second = analyze(text).statements
    assert first.speaker_name == "Ryan Dillon"
    assert first.speaker_role == "spokesman for the coalition"
    assert first.speaker_affiliation == "coalition"
    assert not first.direct
    assert second.speaker is not None and second.speaker.text == "he"
    assert second.speaker_name == "Ryan Dillon"
    assert second.direct
    assert second.stance == Stance.DENY and second.stance_target == "coalition"


def test_statement_spans_are_exact_slices(analyze: Callable[..., Analysis]) -> None:
    text = "Witnesses told the BBC that government helicopters had bombed the hospital."
    analysis = analyze(text)
    for statement in analysis.statements:
        for span in (statement.speaker, statement.cue, statement.channel.span, *statement.content):
            if span is not None:
                assert analysis.report.text[span.start : span.end] == span.text
        assert statement.attributed


def test_text_without_speech_has_no_statements(analyze: Callable[..., Analysis]) -> None:
    assert analyze("Heavy rain fell on Mosul on Tuesday. The river rose by two metres.").statements == ()


def test_an_actor_hyphenated_to_the_speaker_only_qualifies_it(analyze: Callable[..., Analysis]) -> None:
    text = "The al-Qaeda-linked al-Shabaab group said it was behind the attack on the hotel, in a statement on its radio."
    (statement,) = [s for s in analyze(text).statements if s.cue is not None and s.cue.text == "said"]
    assert (statement.speaker_actor_id, statement.speaker_name) == ("al_shabaab", "al-Shabaab")
