"""Cue and source boundaries as PolNeAR draws them (quotes_rules.conventions, quotes_tagger.active_subject).

Each case names the exact speaker span, cue span and content offsets the extractor must return."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.model import Analysis


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


CASES = [
    # auxiliaries and negation belong to the cue
    ("The governor has not said whether the road will reopen.", "The governor", "has not said",
     "whether the road will reopen"),
    # adverbs touching the cue belong to it, particles too
    ("The army also noted that the attack had failed.", "The army", "also noted", "that the attack had failed"),
    ("The ministry pointed out that the ceasefire was holding.", "The ministry", "pointed out",
     "that the ceasefire was holding"),
    ("The rebel commander, Abu Omar, has repeatedly denied that his men shelled the town.",
     "The rebel commander, Abu Omar", "has repeatedly denied", "that his men shelled the town"),
    # the whole noun phrase with its titles is the source
    ("Former House Speaker Newt Gingrich said the talks had collapsed.", "Former House Speaker Newt Gingrich", "said",
     "the talks had collapsed"),
    # a participle cue shares the subject of the verb it hangs on, names or not
    ("Local officials said the convoy was hit, adding that six people died.", "Local officials", "adding",
     "that six people died"),
    # a cue the tagger left without a source takes the subject of its (active) verb ...
    ("The militia's spokesman criticized the government for the delays.", "The militia's spokesman", "criticized",
     "the government for the delays"),
    # ... but not the words of another attribution: the relative clause is one of its own
    ("Sanders, who had said he would debate the front-runner, criticized the decision.", "Sanders", "criticized",
     "the decision"),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), CASES, ids=[c[0][:40] for c in CASES])
def test_span_conventions(text: str, speaker: str, cue: str, content: str, analyze: Callable[..., Analysis]) -> None:
    found = [s for s in analyze(text).statements if s.cue is not None and (s.cue.start, s.cue.end) == _at(text, cue)]
    assert found, f"no statement with cue {cue!r}"
    (statement,) = found
    assert statement.speaker is not None and (statement.speaker.start, statement.speaker.end) == _at(text, speaker)
    assert [(c.start, c.end) for c in statement.content] == [_at(text, content)]


def test_passive_cue_takes_no_subject_as_speaker(analyze: Callable[..., Analysis]) -> None:
    # the spokesman is the one asked, not the one asking
    text = "The spokesman was asked about the raid on the village."
    for statement in analyze(text).statements:
        assert statement.speaker is None or statement.speaker.text != "The spokesman"
