"""Statement structure: multi-paragraph quotes, nesting, roles, direct vs reported, record fields."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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


@pytest.mark.parametrize(
    ("text", "outer_speaker", "inner_speaker", "inner_name", "inner_cue", "inner_content"),
    [
        ("The ministry told Reuters that the commander said the town had fallen.", "The ministry", "the commander",
         "commander", "said", "the town had fallen"),
        ("Residents quoted a local official who said the militants had fled the town.", "Residents", "who",
         "local official", "said", "the militants had fled the town"),
        ("Amnesty said witnesses reported that soldiers had opened fire on the crowd.", "Amnesty", "witnesses",
         "witnesses", "reported", "that soldiers had opened fire on the crowd"),
    ],
)  # fmt: skip
def test_reported_speech_inside_reported_content_is_nested(
    analyze: Callable[..., Analysis],
    text: str,
    outer_speaker: str,
    inner_speaker: str,
    inner_name: str,
    inner_cue: str,
    inner_content: str,
) -> None:
    outer, inner = sorted(analyze(text).statements, key=lambda s: s.parent_id is not None)
    assert outer.speaker is not None and outer.speaker.text == outer_speaker and outer.parent_id is None
    assert inner.parent_id == outer.id
    assert inner.speaker is not None and (inner.speaker.start, inner.speaker.end) == _spans(text, inner_speaker)[0]
    assert inner.speaker_name == inner_name
    assert inner.cue is not None and (inner.cue.start, inner.cue.end) == _spans(text, inner_cue)[0]
    assert [(c.start, c.end) for c in inner.content] == _spans(text, inner_content)


def test_an_attitude_inside_reported_content_is_no_statement_of_its_own(analyze: Callable[..., Analysis]) -> None:
    # "he wants", "he plans" are what the speaker says of him, not speech he made
    text = "The senator said he wants to end the war and plans to visit the troops."
    assert [s.cue.text for s in analyze(text).statements if s.cue is not None] == ["said"]


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


def test_a_headline_claim_holding_the_act_in_its_cue_claims_responsibility(analyze: Callable[..., Analysis]) -> None:
    text = "Islamic State claims attack on Iraqi militia at Syrian border"
    (statement,) = analyze(text).statements
    assert statement.speaker_name == "Islamic State"
    assert statement.stance == Stance.CLAIM_RESPONSIBILITY and statement.stance_target == "Islamic State"


def test_hard_wrapped_copy_reads_like_the_same_copy_unwrapped(analyze: Callable[..., Analysis]) -> None:
    lines = (
        "The al-Shabaab militant group said in a statement on its radio station",
        "that it had carried out the attack. The police chief, Abdullahi Hassan,",
        "told reporters that the militants had planted the bomb in a parked car.",
    )
    wrapped, flat = analyze("\n".join(lines)), analyze(" ".join(lines))
    assert wrapped.report.text == flat.report.text  # hard wraps are joined by a space, so every offset holds

    def summary(analysis: Analysis) -> list[tuple[str | None, str | None, Stance, list[tuple[int, int]]]]:
        return [
            (s.speaker_name, s.cue.text if s.cue else None, s.stance, [(c.start, c.end) for c in s.content])
            for s in analysis.statements
        ]

    assert summary(wrapped) == summary(flat)
    assert [(s[0], s[2]) for s in summary(wrapped)] == [
        ("al-Shabaab", Stance.CLAIM_RESPONSIBILITY),
        ("Abdullahi Hassan", Stance.ATTRIBUTE),
    ]


def test_a_participle_speech_verb_shares_the_speaker_of_the_clause_it_hangs_on(analyze: Callable[..., Analysis]) -> None:
    text = (
        "The al-Shabaab militant group said in a statement that it had carried out the attack, "
        "saying it had targeted government officials."
    )
    first, second = analyze(text).statements
    assert second.speaker is None and second.cue is not None and second.cue.text == "saying"
    assert second.speaker_name == first.speaker_name == "al-Shabaab"
    assert second.stance == Stance.CLAIM_RESPONSIBILITY


def test_a_source_that_names_nobody_makes_no_statement(analyze: Callable[..., Analysis]) -> None:
    assert analyze("No other group said it had carried out the strike.").statements == ()


def test_a_headline_toll_names_no_killer(analyze: Callable[..., Analysis]) -> None:
    (statement, _) = analyze("Iraqi militia chief says 47 killed, accuses U.S. of helping Islamic State").statements
    assert [c.text for c in statement.content] == ["47 killed"]
    assert statement.stance == Stance.ASSERT and statement.stance_target is None


def test_a_name_ner_missed_is_named_by_its_apposition_and_speaks_for_the_known_group(
    analyze: Callable[..., Analysis],
) -> None:
    text = (
        "The Emergency Lawyers, a Sudanese rights group, said the market was shelled. "
        '"We did not fire," RSF adviser Youssef Ezzat said.'
    )
    lawyers, adviser = analyze(text).statements
    assert (lawyers.speaker_name, lawyers.speaker_role) == ("Emergency Lawyers", "Sudanese rights group")
    assert (adviser.speaker_name, adviser.speaker_role) == ("Youssef Ezzat", "RSF adviser")
    assert adviser.speaker_affiliation == "RSF"  # the knowledge base's actor inside the role, as written


def test_a_relative_pronoun_speaker_is_the_person_it_stands_for(analyze: Callable[..., Analysis]) -> None:
    text = (
        "Colonel Ryan Dillon, a spokesman for the coalition, who said there were no strikes near the town, "
        "declined to give details. A former campaign staffer, who said he left on good terms, was intimidated."
    )
    who, declined, staffer = (s for s in analyze(text).statements if s.cue is not None and s.cue.text != "was intimidated")
    assert who.speaker is not None and who.speaker.text == "who" and who.cue is not None and who.cue.text == "said"
    assert (who.speaker_name, who.speaker_role, who.speaker_affiliation) == (
        "Ryan Dillon",
        "spokesman for the coalition",  # the apposition, not the relative clause after it
        "coalition",
    )
    assert who.stance == Stance.DENY
    assert declined.speaker_name == "Ryan Dillon" and declined.speaker_role == "spokesman for the coalition"
    # an antecedent nothing earlier names is the speaker as described
    assert staffer.speaker is not None and staffer.speaker.text == "who"
    assert staffer.speaker_name == "former campaign staffer"
