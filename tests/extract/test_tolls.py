"""Toll phrases and the vague-quantity rules of rashomon.extract.tolls, one assertion per rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.extract.tolls import Toll, combine, find_tolls, quantity_range, victim_role, words_to_int


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("36", (36, 36)),
        ("1,200", (1200, 1200)),
        ("thirty-six", (36, 36)),
        ("thirty six", (36, 36)),
        ("two hundred and five", (205, 205)),
        ("a hundred", (100, 100)),
        ("at least 36", (36, None)),
        ("no fewer than 36", (36, None)),
        ("36 or more", (36, None)),
        ("more than 40", (41, None)),
        ("over 40", (41, None)),
        ("upwards of 40", (41, None)),
        ("up to 75", (None, 75)),
        ("as many as 75", (None, 75)),
        ("fewer than 10", (None, 9)),
        ("about 30", (27, 33)),
        ("around 30", (27, 33)),
        ("some 30", (27, 33)),
        ("approximately 5", (4, 6)),
        ("nearly 30", (27, 29)),
        ("almost 10", (9, 9)),
        ("between 30 and 40", (30, 40)),
        ("between 40 and 30", (30, 40)),
        ("30 to 40", (30, 40)),
        ("30-40", (30, 40)),
        ("a dozen", (12, 12)),
        ("dozens", (24, None)),
        ("scores", (40, None)),
        ("hundreds", (200, None)),
        ("thousands", (2000, None)),
        ("a couple", (2, 2)),
        ("a few", (2, None)),
        ("several", (3, None)),
        ("numerous", (4, None)),
        ("an", (1, 1)),
    ],
)
def test_quantity_rules(expression: str, expected: tuple[int | None, int | None]) -> None:
    assert quantity_range(expression) == expected


@pytest.mark.parametrize(
    ("word", "value"),
    [("one", 1), ("twelve", 12), ("forty-seven", 47), ("ninety nine", 99), ("three thousand", 3000), ("2,500", 2500)],
)
def test_number_words(word: str, value: int) -> None:
    assert words_to_int(word) == value


def test_words_to_int_rejects_non_numbers() -> None:
    assert words_to_int("militiamen") is None


def _kinds(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(t.kind, t.min, t.max) for t in find_tolls(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killing dozens of Iraqi militiamen", [("killed", 24, None)]),
        ("The blast killed 36 and wounded 75 others.", [("killed", 36, 36), ("wounded", 75, 75)]),
        ("killing 36 and wounding 75", [("killed", 36, 36), ("wounded", 75, 75)]),
        ("36 people were killed in the raid.", [("killed", 36, 36)]),
        ("Thirty-six people were killed.", [("killed", 36, 36)]),
        ("the death toll rose to 47 on Tuesday", [("killed", 47, 47)]),
        ("More than 40 were killed and about 30 wounded.", [("killed", 41, None), ("wounded", 27, 33)]),
        ("up to 75 were injured", [("wounded", None, 75)]),
        ("at least 36 fighters killed", [("killed", 36, None)]),
        ("a dozen soldiers were killed", [("killed", 12, 12)]),
        ("Hundreds of people died.", [("killed", 200, None)]),
        ("1,200 killed since March", [("killed", 1200, 1200)]),
        ("36 Iraqi militiamen and I.R.G.C. officers were killed", [("killed", 36, 36)]),
        ("wounded 12 and killed four", [("wounded", 12, 12), ("killed", 4, 4)]),
        ("The force detained three insurgents.", [("captured", 3, 3)]),
        ("Several suspected insurgents were detained.", [("captured", 3, None)]),
        ("the force captured a Taliban leader and several associates", [("captured", 4, None)]),
        ("killing an insurgent", [("killed", 1, 1)]),
        ("a Haqqani leader was detained", [("captured", 1, 1)]),
        ("The force engaged the male, killing him.", [("killed", 1, 1)]),
        ("He was engaged and killed.", [("killed", 1, 1)]),
        ("Muhammad Yah, a senior Taliban commander, was killed.", [("killed", 1, 1)]),
        ("which resulted in the deaths of five enemy fighters", [("killed", 5, 5)]),
        ("one Taliban facilitator killed and two insurgents detained", [("killed", 1, 1), ("captured", 2, 2)]),
        # a definite singular person is one death; a definite force is the actor, not a victim
        ("The force returned fire, killing the leader.", [("killed", 1, 1)]),
        ("Assessing an immediate threat, the security force fired, killing the individual.", [("killed", 1, 1)]),
        ("The gunman was killed by police.", [("killed", 1, 1)]),
        ("The security force killed two insurgents.", [("killed", 2, 2)]),
        ("The patrol killed the Taliban leader.", [("killed", 1, 1)]),
        ("killing the leader and several other insurgents", [("killed", 4, None)]),
        # the same subject in a second predicate
        ("Several insurgents fired on the patrol and were killed.", [("killed", 3, None)]),
        # and-more with a singular noun: "and one suspected insurgent"
        ("The force killed a Taliban commander and one suspected insurgent.", [("killed", 2, 2)]),
        # a filler never crosses a sentence end; a weapon's designation is not a count
        ("The man pointed an AK-47 toward them. They reacted and killed the man.", [("killed", 1, 1)]),
        ("The patrol found four AK-47 rifles. One man was detained.", [("captured", 1, 1)]),
        ("The force seized two M-16 rifles.", []),
        # a relative clause in the active voice: the number counts the attacks, not the victims
        ("He is linked to several IED attacks including one that killed four US soldiers.", [("killed", 4, 4)]),
        ("Three insurgents that were killed in the strike", [("killed", 3, 3)]),
        # "leaving" is a toll verb only before the dead; "the murdered man" has no passive
        ("As the security force was leaving the target area, it came under fire.", []),
        ("The murdered man was found in Zharay district.", []),
        # an aim is no toll; a gathering "held" counts no people; "another" is one more
        ("The force conducted an operation to detain a Taliban leader.", []),
        ("An immediate shura was held with local elders.", []),
        ("Two men were held by police.", [("captured", 2, 2)]),
        ("The force killed a few militants and detained another militant.", [("killed", 2, None), ("captured", 1, 1)]),
        ("Another Afghan-led security force detained two individuals.", [("captured", 2, 2)]),
        # a verb with its own object does not take the number before it
        ("The patrol engaged one insurgent and detained several suspected insurgents.", [("captured", 3, None)]),
        # a person named in full as the object of a kill verb, but not a nationality before a noun
        ("The security force fired, killing Malawi Sahib.", [("killed", 1, 1)]),
        ("The strike hit a market, killing Afghan civilians.", []),
        # abbreviations with inner stops still sit between a number and its verb
        ("Two U.S. soldiers were killed.", [("killed", 2, 2)]),
        # "among the wounded" is part of a count given elsewhere: at least that many
        ("A U.S. service member was among the wounded.", [("wounded", 1, None)]),
        ("Two journalists were among the dead.", [("killed", 2, None)]),
        # a death toll with the attack it counts between the toll and its verb
        ("The death toll from an air strike on a centre in Tajoura, Libya, has risen to 53.", [("killed", 53, 53)]),
        # an age between the article and the victim; a verb nobody does to anyone needs no passive
        ("A 19-year-old boy was killed in the firing.", [("killed", 1, 1)]),
        ("A 12 year old girl was wounded.", [("wounded", 1, 1)]),
        ("A 19-year-old youth perished in police firing.", [("killed", 1, 1)]),
        ("A woman died in the blast.", [("killed", 1, 1)]),
        # killings told by how they were done
        ("A woman was burnt alive by the mob.", [("killed", 1, 1)]),
        ("Eleven people were burned to death in their house.", [("killed", 11, 11)]),
        ("Two men were hacked to death.", [("killed", 2, 2)]),
        ("The mob lynched a man near the station.", [("killed", 1, 1)]),
        # an article that starts one phrase of two: the count is the second's, or the sum of a person and more
        (
            "Two soldiers were killed in a roadside bomb blast and three militants died in the gunfight.",
            [("killed", 2, 2), ("killed", 3, 3)],
        ),
        ("An engagement followed and the insurgent was killed.", [("killed", 1, 1)]),
        ("A Taliban leader and a suspected insurgent were captured.", [("captured", 2, 2)]),
        ("A man and his son were killed.", [("killed", 1, 1)]),
        # and-more stops at a toll of another kind
        ("The firing left one dead and several others injured.", [("killed", 1, 1), ("wounded", 3, None)]),
    ],
)
def test_toll_phrases(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They were killed three days ago.",  # a duration, not a count
        "An Afghan-led security force detained the suspect.",  # the article belongs to the actor
        "Two years after 40 km of road were destroyed.",  # units are not people
    ],
)
def test_no_false_tolls(text: str) -> None:
    assert find_tolls(text) == []


def test_definite_arrests_count_only_when_asked() -> None:
    text = "A force searched for a Taliban leader and detained the leader."
    assert _kinds(text) == []
    assert [(t.kind, t.min, t.max) for t in find_tolls(text, definite_arrests=True)] == [("captured", 1, 1)]
    assert find_tolls("The security force detained the insurgents.", definite_arrests=True) == []  # plural: no count
    # a definite person joined to a count adds to it only when definite arrests count
    joined = "The leader and two of his associates were detained."
    assert _kinds(joined) == [("captured", 2, 2)]
    assert [(t.kind, t.min, t.max) for t in find_tolls(joined, definite_arrests=True)] == [("captured", 3, 3)]


def test_offsets_point_at_the_phrase() -> None:
    text = "Officials said the attack killed 36 and wounded 75."
    (killed, wounded) = find_tolls(text, offset=100)
    assert text[killed.start - 100 : killed.end - 100] == "killed 36"
    assert text[wounded.start - 100 : wounded.end - 100] == "wounded 75"


def test_combine_takes_the_highest_floor() -> None:
    tolls = [Toll("killed", 36, 36, 0, 5), Toll("killed", 47, 47, 10, 15), Toll("wounded", 75, 75, 20, 25)]
    best = combine(tolls, "killed")
    assert best is not None and best.min == 47
    assert combine(tolls, "captured") is None


@given(
    st.sampled_from(["", "at least ", "more than ", "up to ", "about ", "nearly ", "fewer than ", "some "]),
    st.integers(min_value=0, max_value=100_000),
)
def test_ranges_are_never_inverted(modifier: str, n: int) -> None:
    rng = quantity_range(f"{modifier}{n:,}")
    assert rng is not None
    lo, hi = rng
    assert lo is None or hi is None or lo <= hi
    assert lo is None or lo >= 0


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_explicit_ranges_are_sorted(a: int, b: int) -> None:
    assert quantity_range(f"between {a} and {b}") == (min(a, b), max(a, b))


def test_victim_role_keeps_dotted_acronyms() -> None:
    after = ", a senior I.R.G.C. commander and military strategist, was among the casualties."
    assert victim_role(after) == "a senior I.R.G.C. commander and military strategist"
    assert victim_role(" was among the casualties.") is None


_WORDS = [
    "killed",
    "wounded",
    "detained",
    "at",
    "least",
    "more",
    "than",
    "up",
    "to",
    "about",
    "dozens",
    "of",
    "people",
    "and",
    "36",
    "1,200",
    "thirty-six",
    "a",
    "dozen",
    "were",
    "the",
    "death",
    "toll",
    "rose",
    "between",
    "nearly",
    "several",
    ",",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=25))
def test_any_word_salad_gives_well_formed_tolls(words: list[str]) -> None:
    text = " ".join(words)
    for toll in find_tolls(text):
        assert toll.kind in ("killed", "wounded", "captured")
        assert 0 <= toll.start < toll.end <= len(text)
        assert toll.min is None or toll.max is None or toll.min <= toll.max
