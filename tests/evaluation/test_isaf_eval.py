"""ISAF release reading: headers, batch dating from release numbers, the operation's date, and counts."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.evaluation import isaf


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("ISAF Joint Command\n2011-07-S-039\nFor Immediate Release\n\nA force detained ...", isaf.Stamp(2011, 7, None, "S", 39)),
        (
            "NEWS RELEASE ISAF Joint Command - Afghanistan  2009-12-CA\u2013080 | KABUL, Afghanistan (Dec. 24) - A force",
            isaf.Stamp(2009, 12, 24, "CA", 80),
        ),
        ("ISAF Joint Command - Afghanistan | 011-07-S-051 | For Immediate Release", isaf.Stamp(2011, 7, None, "S", 51)),
        (
            "Security force targets Taliban expert 2010-08-CA-XXX  KABUL, Afghanistan (Aug. 18) - A force",
            isaf.Stamp(2010, 8, 18, "CA", None),
        ),
        ("2011-11-S-001 | KABUL, Afghanistan (Nov. 1. 2011) | A combined force", isaf.Stamp(2011, 11, 1, "S", 1)),
        (
            "IJC Operational Update, July 16 | ISAF Joint Command - Afghanistan  2010-07-CA-097 For Immediate Release",
            isaf.Stamp(2010, 7, 16, "CA", 97),
        ),
        ("KABUL, Afghanistan (Dec. 13) | A combined force captured a facilitator today.", isaf.Stamp(None, 12, 13)),
    ],
)
def test_release_stamp(text: str, stamp: isaf.Stamp) -> None:
    assert isaf.release_stamp(text) == stamp


def test_a_release_without_a_day_is_dated_between_its_numbered_neighbours() -> None:
    texts = [
        "2011-07-S-029 | KABUL, Afghanistan (July 10, 2011) | A force ...",
        "2011-07-S-045 | KABUL, Afghanistan (July 14, 2011) | A force ...",
        "2011-07-S-039 | For Immediate Release | A force detained two insurgents yesterday.",  # 10 + 10/16 * 4 = 12.5
        "2011-07-S-045 | For Immediate Release | A force ...",  # a number seen with a day takes that day
        "2011-07-S-002 | For Immediate Release | A force ...",  # between release 1 (day 1) and 029: 1 + 1/28 * 9
        "2011-07-S-060 | For Immediate Release | A force ...",  # past the last dated one: its day
        "2011-07-D-010 | For Immediate Release | A force ...",  # another series: no neighbours, no day
        "KABUL, Afghanistan (Dec. 13) | A force ...",  # no year: the batch's newest year, 2011
        "KABUL, Afghanistan (Feb. 29) | A force ...",  # the last Feb. 29 up to 2011: 2008
        "KABUL, Afghanistan (Feb. 30) | A force ...",  # no such day
    ]
    assert isaf.release_dates(texts) == [
        date(2011, 7, 10),
        date(2011, 7, 14),
        date(2011, 7, 13),
        date(2011, 7, 14),
        date(2011, 7, 1),
        date(2011, 7, 14),
        None,
        date(2011, 12, 13),
        date(2008, 2, 29),
        None,
    ]


def test_day_interpolation_check_dates_each_stated_release_from_the_others() -> None:
    texts = [
        "2011-07-S-001 | KABUL, Afghanistan (July 1, 2011) | A force ...",
        "2011-07-S-010 | KABUL, Afghanistan (July 5, 2011) | A force ...",  # from 1 and 20: 1 + 9/19 * 8 = 4.8
        "2011-07-S-020 | KABUL, Afghanistan (July 9, 2011) | A force ...",  # past 10, the last other: day 5
        "2011-07-D-004 | KABUL, Afghanistan (July 3, 2011) | A force ...",  # alone in its series: not checked
        "2011-07-S-015 | For Immediate Release | A force ...",  # no day stated: not checked
    ]
    assert isaf.day_interpolation_check(texts) == {"n": 3, "exact_day": 0.667, "within_one_day": 0.667}
    assert isaf.day_interpolation_check(texts, rounding=0.0) == {"n": 3, "exact_day": 0.333, "within_one_day": 0.667}


def test_the_body_starts_after_the_header() -> None:
    text = (
        "ISAF Joint Command Evening Operational Update June 13, 2011\nISAF Joint Command - Afghanistan\n"
        "2011-06-S-045\nFor Immediate Release\n\nA force detained a facilitator, Tuesday."
    )
    body, offset = isaf.body_of(text)
    assert body.strip() == "A force detained a facilitator, Tuesday." and text[offset:] == body
    assert isaf.start_date(body, isaf.release_date(text) or date.min) == date(2011, 6, 7)  # not the title's June 13


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the reporting act is dated "today"; the operation "June 14"
        ("ISAF today confirmed the capture of a facilitator during an operation in Zabul province, June 14.", date(2011, 6, 14)),
        ("Also confirmed today was the capture of a Haqqani leader during a raid in Gardez, June 2.", date(2011, 6, 2)),
        # an earlier attack the target is linked to does not date the operation
        ("A force targeted a commander connected to the June 2 attack near the hotel in Kunduz today.", date(2011, 6, 20)),
        ("A force targeted a leader responsible for an attack June 7 in Charkh district yesterday.", date(2011, 6, 19)),
        (
            "Forces captured their 60th leader since June 1. The force captured him during an overnight operation.",
            date(2011, 6, 19),
        ),
    ],
)
def test_start_date_passes_over_reporting_and_earlier_attacks(body: str, expected: date) -> None:
    assert isaf.start_date(body, date(2011, 6, 20)) == expected


@pytest.mark.parametrize(
    ("body", "counts"),
    [
        # an Operational Update's opening summary covers other incidents
        (
            "Several insurgents were killed and numerous others were detained during separate clearing operations over "
            "the past 24 hours. In Helmand province, coalition forces engaged the enemy position, killing one insurgent.",
            (1, 0),
        ),
        # background totals are not this incident's
        (
            "The force detained a facilitator and two suspected insurgents. Joint teams have killed two and detained "
            "more than 30 individuals in six operations since Dec. 1.",
            (0, 3),
        ),
        # additional counts add to the restated one
        (
            "A force captured a Taliban leader during an operation. Two additional suspected insurgents were detained.",
            (0, 3),
        ),
        ("The force detained several suspected insurgents. Several suspected insurgents were detained.", (0, 3)),
        # an attack the target is linked to, and soldiers (here "U.S. soldiers"), are not the operation's toll
        (
            "The leader was involved in a recent car bomb attack in Logar province that killed one civilian. The force "
            "detained two suspected insurgents.",
            (0, 2),
        ),
        ("The commander is linked to an attack that killed four U.S. soldiers. The force killed two insurgents.", (2, 0)),
        ("Initial reports indicate more than 30 insurgents were killed with two ANA soldiers killed in action.", (31, 0)),
        # "one additional" after a verb-first count; arrests in one sentence add up
        ("A force captured a Taliban facilitator. The security force detained one additional suspected insurgent.", (0, 2)),
        ("The force captured a Haqqani leader and detained two suspected insurgents.", (0, 3)),
        # "and two other insurgents" is part of one fresh count, not an addition to an earlier one
        ("The force detained a Taliban commander and two other militants. Three militants were detained.", (0, 3)),
        # ISAF codes "a few" like "several"
        ("While searching the compound the force detained a few suspected insurgents.", (0, 3)),
        # "killing the leader" is one; "detained the leader" counts in a release
        ("During the operation the leader opened fire, and the force returned fire, killing the leader.", (1, 0)),
        ("A force searched for a Taliban leader and detained the leader without incident.", (0, 1)),
    ],
)
def test_isaf_counts(body: str, counts: tuple[int, int]) -> None:
    assert isaf.tolls_of(body) == counts


def test_province_labels_and_misspellings() -> None:
    assert isaf.canonical_province("sar-e pul") == "sar_e_pul" and isaf.canonical_province("Paktia") == "paktya"
    assert isaf.canonical_province("southern afghanistan") == "southern afghanistan"  # not a province: kept, never matched
    assert isaf.province_of("killed several insurgents in Nawah district, Ghanzi province, yesterday.", []) == "ghazni"
    assert isaf.province_of("detained two in Ghor province", []) == "ghor"
    assert isaf.province_of("a patrol in Goor province", []) is None  # names under five letters are not corrected


def test_a_title_with_a_date_is_header() -> None:
    text = (
        "Mar. 9: Afghan-ISAF Operations in Khost, Helmand, Kandahar\nNEWS RELEASE ISAF Joint Command - Afghanistan "
        "2010-03-CA-039  For Immediate Release\n In Kandahar last night, a joint security force searched a compound."
    )
    body, _ = isaf.body_of(text)
    assert body.strip().startswith("In Kandahar last night") and isaf.province_of(body, []) == "kandahar"
    assert isaf.release_date(text) == date(2010, 3, 9)


@pytest.mark.parametrize(
    ("body", "etype"),
    [
        ("Two fixed-wing aircraft engaged the insurgent positions, killing 13 insurgents.", "airstrike"),
        ("The aircraft engaged the vehicle with a precision-guided munition, killing two insurgents.", "airstrike"),
        ("The air weapons team engaged the enemy position, killing two insurgents.", "insurgentskilled"),
    ],
)
def test_air_strike_wording(body: str, etype: str) -> None:
    assert isaf.event_type_of(body, *isaf.tolls_of(body), aerial=False) == etype
