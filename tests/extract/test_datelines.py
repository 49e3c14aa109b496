"""The one dateline pattern that statements, speaker names and account places share."""

from __future__ import annotations

import pytest

from rashomon.extract.datelines import dateline_end


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("SANAA (Gulf Wire) - Air strikes hit", "Air strikes hit"),
        ("BAGHDAD (Reuters) \u2014 Four soldiers died", "Four soldiers died"),
        ("KABUL, Afghanistan (Nov. 20, 2011) \u2013 A coalition force", "A coalition force"),
        ("KABUL, AFGHANISTAN (Nov. 20) - A coalition force", "A coalition force"),
        ("WASHINGTON - The Pentagon said", "The Pentagon said"),
        # a title-case place with a second part
        ("Idlib, SANA - Syrian Arab Army units", "Syrian Arab Army units"),
        ("Kabul, Afghanistan - A suicide bomber", "A suicide bomber"),
    ],
)
def test_a_dateline_ends_before_the_first_word_of_the_report(text: str, rest: str) -> None:
    end = dateline_end(text)
    assert end is not None and text[end:] == rest


@pytest.mark.parametrize(
    "text",
    ["The ministry said - again - that", "Air strikes hit (Gulf Wire) - x", "Meanwhile, the army said - no", "Hamas - the group"],
)
def test_ordinary_openings_are_no_datelines(text: str) -> None:
    assert dateline_end(text) is None


def test_a_dateline_is_read_at_a_line_start_inside_the_text() -> None:
    text = "Headline\nBAGHDAD (Reuters) - Four died"
    assert dateline_end(text, text.index("BAGHDAD")) == text.index("Four")
