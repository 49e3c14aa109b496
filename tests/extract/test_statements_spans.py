"""Cue and source boundaries as PolNeAR draws them (quotes_rules.conventions, quotes_tagger.active_subject).

Each case names the exact speaker span, cue span and content offsets the extractor must return."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from rashomon.extract.quotes_rules import _frame_after, _speakerless
from rashomon.extract.quotes_tagger import TokenSpan, parse_content
from rashomon.model import Analysis, Stance

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


CASES = [
    # auxiliaries and negation belong to the cue
    ("The governor has not said whether the road will reopen.", "The governor", "has not said", "whether the road will reopen"),
    # adverbs touching the cue belong to it, particles too
    ("The army also noted that the attack had failed.", "The army", "also noted", "that the attack had failed"),
    ("The ministry pointed out that the ceasefire was holding.", "The ministry", "pointed out", "that the ceasefire was holding"),
    (
        "The rebel commander, Abu Omar, has repeatedly denied that his men shelled the town.",
        "The rebel commander, Abu Omar",
        "has repeatedly denied",
        "that his men shelled the town",
    ),
    # the whole noun phrase with its titles is the source
    (
        "Former House Speaker Newt Gingrich said the talks had collapsed.",
        "Former House Speaker Newt Gingrich",
        "said",
        "the talks had collapsed",
    ),
    # a participle cue shares the subject of the verb it hangs on, names or not
    (
        "Local officials said the convoy was hit, adding that six people died.",
        "Local officials",
        "adding",
        "that six people died",
    ),
    # a cue the tagger left without a source takes the subject of its (active) verb ...
    (
        "The militia's spokesman criticized the government for the delays.",
        "The militia's spokesman",
        "criticized",
        "the government for the delays",
    ),
    # ... but not the words of another attribution: the relative clause is one of its own
    ("Sanders, who had said he would debate the front-runner, criticized the decision.", "Sanders", "criticized", "the decision"),
    # a relative pronoun opening the clause is the source of its own speech verb (PolNeAR marks "who"); the
    # outer source stops before it, though the apposition's subtree runs on through the relative clause
    (
        "Sanders, who had said he would debate the front-runner, criticized the decision.",
        "who",
        "had said",
        "he would debate the front-runner",
    ),
    (
        "Colonel Ryan Dillon, a spokesman for the coalition, who said there were no strikes, declined to give details.",
        "Colonel Ryan Dillon, a spokesman for the coalition",
        "declined",
        "to give details",
    ),
    # a second speech act of the same speaker is its own attribution, with its own content; "on Thursday" dates
    # the endorsing, so it is no part of what was endorsed (as "said | on Tuesday | ..." opens no content)
    (
        "The senator endorsed the governor on Thursday, saying that she was ready to lead.",
        "The senator",
        "endorsed",
        "the governor",
    ),
    (
        "The senator endorsed the governor on Thursday, saying that she was ready to lead.",
        "The senator",
        "saying",
        "that she was ready to lead",
    ),
    ('The general praised the troops, saying: "They fought with great courage."', "The general", "praised", "the troops"),
    (
        'The general praised the troops, saying: "They fought with great courage."',
        "The general",
        "saying",
        "They fought with great courage",
    ),
    # a poll is the source of its findings, "in" the cue
    (
        "In a new poll released Monday, the president leads by four points.",
        "a new poll released Monday",
        "In",
        "the president leads by four points",
    ),
    (
        "The senator trails in the latest survey of likely voters.",
        "the latest survey of likely voters",
        "in",
        "The senator trails",
    ),
    # a non-breaking space does not stop the cue from growing
    ("The minister said\u00a0Sunday that the talks had failed.", "The minister", "said\u00a0Sunday", "that the talks had failed"),
    # nor a source inside its noun phrase, nor a content
    (
        "Talk show co-host Stu\u00a0Burguiere mused that the race was over.",
        "Talk show co-host Stu\u00a0Burguiere",
        "mused",
        "that the race was over",
    ),
    (
        "The minister said the talks had\u00a0failed on every point.",
        "The minister",
        "said",
        "the talks had\u00a0failed on every point",
    ),
    # the cue verb's own modifiers between the source and the cue are no part of who spoke
    (
        "Beck, a radio host in Dallas, last week said the candidate was seeking a media empire.",
        "Beck, a radio host in Dallas",
        "said",
        "the candidate was seeking a media empire",
    ),
    # a participle under a preposition shares the subject of the verb the preposition hangs on
    ("Hannity followed up by asking whether the governor would run.", "Hannity", "asking", "whether the governor would run"),
    # "As X reported, ...": X is the source of the clause the frame hangs in
    (
        "As The Hill reported, the senator was also accused of breaking the rules.",
        "The Hill",
        "reported",
        "the senator was also accused of breaking the rules",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), CASES, ids=[c[0][:40] for c in CASES])
def test_span_conventions(text: str, speaker: str, cue: str, content: str, analyze: Callable[..., Analysis]) -> None:
    found = [s for s in analyze(text).statements if s.cue is not None and (s.cue.start, s.cue.end) == _at(text, cue)]
    assert found, f"no statement with cue {cue!r}"
    (statement,) = found
    assert statement.speaker is not None and (statement.speaker.start, statement.speaker.end) == _at(text, speaker)
    assert [(c.start, c.end) for c in statement.content] == [_at(text, content)]


def test_a_passive_agent_the_content_holds_is_no_speaker(nlp: Language) -> None:
    # "by the letter" is what intimidated: one role per word, so the letter is not also who spoke (the filter
    # then drops this unlikely attribution, so the candidates are asserted)
    from rashomon.extract.statements import candidate_attributions, default_tagger

    doc = nlp("A former campaign staffer, who said he left on good terms, was intimidated by the letter.")
    raws, _, _ = candidate_attributions(doc, default_tagger())
    (intimidated,) = [r for r in raws if r.cue is not None and doc[r.cue.start].text == "was"]
    assert [doc[c.start : c.end].text for c in intimidated.content] == ["the letter"]
    assert intimidated.source is None


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # a raising verb alone: its subject is what seems, not who speaks
        ("Trump appears to be ignorant of the differences between the two pools.", "appears", None),
        ("Home state favoritism also appears to play a role in the state.", "also appears", None),
        # a passive "expected": its subject is the one expected
        ("Trump is expected to deliver a victory speech in Miami.", "is expected", None),
        # a speech verb after the raising verb keeps its speaker
        ("The ministry appeared to confirm that the convoy was hit.", "appeared to confirm", "The ministry"),
    ],
)
def test_a_raising_or_expecting_cue_has_no_speaker(text: str, cue: str, speaker: str | None, nlp: Language) -> None:
    from rashomon.extract.statements import candidate_attributions, default_tagger

    doc = nlp(text)
    raws, _, _ = candidate_attributions(doc, default_tagger())
    (found,) = [r for r in raws if r.cue is not None and doc[r.cue.start : r.cue.end].text == cue]
    assert (doc[found.source.start : found.source.end].text if found.source else None) == speaker


def test_passive_cue_takes_no_subject_as_speaker(analyze: Callable[..., Analysis]) -> None:
    # the spokesman is the one asked, not the one asking
    text = "The spokesman was asked about the raid on the village."
    for statement in analyze(text).statements:
        assert statement.speaker is None or statement.speaker.text != "The spokesman"


@pytest.fixture(scope="module")
def nlp() -> Language:
    from rashomon.extract.pipeline import load_spacy

    return load_spacy()


def _token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # the clause or object a cue governs
        ("The ministry admitted it had withheld the report.", "admitted", "it had withheld the report"),
        # inverted frames: the clause the cue hangs on, on the cue's side
        ("The candidate will attend the rally, the newspaper reported.", "reported", "The candidate will attend the rally"),
        # a named object is what a cue is about ("endorsed Cruz"); an adverb cue frames its clause
        ("The senator endorsed Cruz on Friday.", "endorsed", "Cruz"),
        ("Reportedly, the commander was killed in the strike.", "Reportedly", "the commander was killed in the strike"),
    ],
)
def test_content_of_a_cue_from_the_parse(text: str, cue: str, content: str, nlp: Language) -> None:
    doc = nlp(text)
    i = _token(doc, cue)
    span = parse_content(doc, i, i + 1, taken=set())
    assert span is not None and doc[span.start : span.end].text == content
    # words another attribution holds are never taken
    assert parse_content(doc, i, i + 1, taken={span.start}) is None


def test_quotation_followed_by_a_clause_has_no_frame_there(nlp: Language) -> None:
    doc = nlp('He called his choice "not the most handsome man in the field," but he is a person he can admire.')
    close = next(t.i for t in doc if t.text in {"”", '"'} and t.i > _token(doc, "field"))
    assert _frame_after(doc, close + 1, {"admire": 0.9, "say": 0.9}) is None
    doc = nlp('"The road is open again," the governor said on Monday.')
    close = next(t.i for t in doc if t.text in {"”", '"'} and t.i > _token(doc, "again"))
    frame = _frame_after(doc, close + 1, {"say": 0.9})
    assert frame is not None and doc[frame[0].start : frame[0].end].text == "the governor"


def test_spans_leave_embed_markup_out() -> None:
    from rashomon.extract.statements import _outside_markup

    text = 'Shared: <tweet tweet-author="@x" tweet-date="March 10, 2016">Sanders aide Jeff Weaver told me'
    start = text.index("tweet")
    assert _outside_markup(text, start, text.index(" told")) == (text.index("Sanders"), text.index(" told"))
    text = "The aide said the count was wrong <tweet"
    assert _outside_markup(text, 4, len(text)) == (4, text.index(" <tweet") + 1)
    text = "Sales rose 5% > 3% expected, the minister said."
    assert _outside_markup(text, 0, 28) == (0, 28)


def test_headline_run_into_the_first_paragraph(analyze: Callable[..., Analysis]) -> None:
    # spaCy parses the headline and the first sentence as one: the headline's attribution must not
    # take the first paragraph's content, and the first paragraph's cue keeps its own speaker
    text = (
        "Militia chief says 47 killed, accuses U.S. of helping Islamic State\n"
        "The leader of Kata'ib Sayyid al-Shuhada, an Iran-backed Iraqi militia, said on Tuesday that 47 people were "
        "killed when its positions were bombarded."
    )
    by_cue = {s.cue.text: s for s in analyze(text).statements if s.cue is not None}
    assert [(c.start, c.end) for c in by_cue["says"].content] == [_at(text, "47 killed")]
    said = by_cue["said"]
    assert said.speaker is not None
    speaker = "The leader of Kata'ib Sayyid al-Shuhada, an Iran-backed Iraqi militia"
    assert (said.speaker.start, said.speaker.end) == _at(text, speaker)
    assert [(c.start, c.end) for c in said.content] == [_at(text, "that 47 people were killed when its positions were bombarded")]


def test_the_one_spoken_to_is_no_content(nlp: Language) -> None:
    doc = nlp("The prime minister told reporters in Baghdad.")
    told = _token(doc, "told")
    assert parse_content(doc, told, told + 1, taken=set()) is None


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "SANAA (Gulf Wire) - Air strikes by the coalition killed 20 people in Hajjah, the health ministry said.",
            "the health ministry",
            "Air strikes by the coalition killed 20 people in Hajjah",
        ),
        (
            "Filed earlier.\nBAGHDAD (Reuters) - Four soldiers died in the ambush, the ministry said.",
            "the ministry",
            "Four soldiers died in the ambush",
        ),
    ],
)
def test_a_dateline_is_never_part_of_the_content(text: str, speaker: str, content: str, analyze: Callable[..., Analysis]) -> None:
    # the dateline says where the report was filed, not what the source said
    (statement,) = [s for s in analyze(text).statements if s.cue is not None and s.cue.text == "said"]
    assert statement.speaker is not None and (statement.speaker.start, statement.speaker.end) == _at(text, speaker)
    assert [(c.start, c.end) for c in statement.content] == [_at(text, content)]


def test_a_line_break_starts_a_sentence(nlp: Language) -> None:
    doc = nlp("Militia chief says 47 killed\nThe leader said on Tuesday that 47 people were killed.")
    second = "The leader said on Tuesday that 47 people were killed."
    assert [s.text for s in doc.sents] == ["Militia chief says 47 killed\n", second]


def test_a_dateline_is_never_part_of_the_speaker(analyze: Callable[..., Analysis]) -> None:
    text = "Russia denies hitting civilians\nMOSCOW, July 9 (TASS) - Russia's Defence Ministry denied its forces struck homes."
    (statement,) = [s for s in analyze(text).statements if s.cue is not None and s.cue.text == "denied"]
    assert statement.speaker is not None
    assert (statement.speaker.start, statement.speaker.end) == _at(text, "Russia's Defence Ministry")
    assert statement.stance.value == "deny"


def test_a_headline_speaker_named_by_role_is_the_person_named_below(analyze: Callable[..., Analysis]) -> None:
    text = (
        "Shelling kills seven in Kramatorsk, governor says\n"
        "Russian forces shelled the centre of Kramatorsk on Friday, killing seven civilians, regional governor Pavlo "
        "Kyrylenko said on Telegram."
    )
    by_cue = {s.cue.text: s for s in analyze(text).statements if s.cue is not None}
    headline, body = by_cue["says"], by_cue["said"]
    assert headline.speaker is not None and headline.speaker.text == "governor"  # the span stays what the text says
    assert headline.speaker_name == body.speaker_name == "Pavlo Kyrylenko"
    assert headline.speaker_role == "regional governor"


@pytest.mark.parametrize(
    ("text", "cue", "speakerless"),
    [
        # the subject of a passive verb of asking is the one asked
        ("Trump and Rubio were pressed about the attacks.", "pressed", True),
        ("Asked if the practices were illegal, most voters said yes.", "Asked", True),
        ("The ministry asked residents to leave the area.", "asked", False),
        # an adverb cue names no speaker, nor a raising verb, unless a speech verb follows ("appeared to confirm")
        ("The commander reportedly fled the city.", "reportedly", True),
        ("The ministry appeared to confirm the strike.", "appeared", False),
        ("The ministry appeared to be in disarray.", "appeared", True),
    ],
)
def test_cues_that_have_no_speaker(text: str, cue: str, speakerless: bool, nlp: Language) -> None:
    doc = nlp(text)
    i = _token(doc, cue)
    assert _speakerless(doc, TokenSpan(i, i + 1)) is speakerless


def test_an_inverted_frame_holds_the_whole_clause_and_nests_the_statement_in_it(analyze: Callable[..., Analysis]) -> None:
    text = "Hillary Clinton told investigators she was advised to use a private account, the newspaper reported."
    statements = analyze(text).statements
    outer = next(s for s in statements if s.cue is not None and s.cue.text == "reported")
    assert outer.speaker is not None and outer.speaker.text == "the newspaper"
    assert [c.text for c in outer.content] == ["Hillary Clinton told investigators she was advised to use a private account"]
    assert all(s.parent_id == outer.id for s in statements if s is not outer)


def test_a_lede_description_is_the_person_named_below(analyze: Callable[..., Analysis]) -> None:
    # a definite description before any named speaker reads ahead to the first speaker later called by its head
    # noun; the pronoun statement that took the description's name follows it
    text = (
        "The commander of an Iraqi militia has accused American troops of bombing his fighters. "
        "He said dozens were killed.\n"
        "Abu Ala al-Welayi, the secretary-general of Kata'ib Sayyid al-Shuhada, said in an interview that the strikes "
        "hit his positions. The militia commander alleged that the Americans had lied."
    )
    by_cue = {s.cue.text: s for s in analyze(text).statements if s.cue is not None}
    lede, pronoun = by_cue["has accused"], by_cue["said"]
    assert lede.speaker is not None and (lede.speaker.start, lede.speaker.end) == _at(text, "The commander of an Iraqi militia")
    assert lede.speaker_name == pronoun.speaker_name == by_cue["alleged"].speaker_name == "Abu Ala al-Welayi"
    assert lede.stance == Stance.ACCUSE


def test_an_indefinite_description_keeps_its_own_name(analyze: Callable[..., Analysis]) -> None:
    text = (
        "A commander of an Iraqi militia said the strikes killed dozens.\n"
        "Abu Ala al-Welayi, the secretary-general of Kata'ib Sayyid al-Shuhada, said the strikes hit his positions. "
        "The militia commander alleged that the Americans had lied."
    )
    first = next(s for s in analyze(text).statements if s.cue is not None and s.cue.start < text.index("\n"))
    assert first.speaker_name == "commander of an Iraqi militia"


def test_a_name_in_a_relative_clause_on_the_speaker_is_not_the_speaker(analyze: Callable[..., Analysis]) -> None:
    text = (
        "The militia group, which is part of Iraq's Popular Mobilization Forces, warned that it will hold the U.S. "
        "military responsible for the killing."
    )
    (statement,) = analyze(text).statements
    assert statement.cue is not None and statement.cue.text == "warned"
    assert statement.speaker is not None and statement.speaker.text.startswith("The militia group")
    assert statement.speaker_name == "militia group" and statement.speaker_actor_id is None
    assert statement.stance == Stance.THREATEN


def test_a_speech_verb_coordinated_inside_another_content_is_the_outer_speakers(analyze: Callable[..., Analysis]) -> None:
    # the parse hangs "hinted" on "support", inside what the commander alleged; he hinted, not the U.S. forces
    text = (
        "The Iraqi militia commander alleged that the U.S. forces in Iraq and Syria support the Islamic State and "
        "hinted that the two sides are on a collision course."
    )
    by_cue = {s.cue.text: s for s in analyze(text).statements if s.cue is not None}
    hinted = by_cue["hinted"]
    assert hinted.speaker is not None
    assert (hinted.speaker.start, hinted.speaker.end) == _at(text, "The Iraqi militia commander")
    assert [(c.start, c.end) for c in hinted.content] == [_at(text, "that the two sides are on a collision course")]
    assert hinted.stance == Stance.ASSERT
