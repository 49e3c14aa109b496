"""scripts/polnear_cue_conventions.py counts, per phrase after a speech verb, gold cues that keep it and that leave it out."""

from __future__ import annotations

from pathlib import Path

from support.scripts import load_script

TEXT = "The mayor said Monday the bridge was shut. The aide told reporters it would open. He said in a statement it was safe."


def _ann(*cues: tuple[str, str]) -> str:
    """A brat file with one attribution per (sentence opening, cue) of TEXT; the cue is found after the opening."""
    lines = []
    for k, (opening, cue) in enumerate(cues, 1):
        start = TEXT.index(cue, TEXT.index(opening))
        lines.append(f"T{2 * k}\tCue {start} {start + len(cue)}\t{cue}")
        lines.append(f"T{2 * k + 1}\tContent 0 3\tThe")
        lines.append(f"E{k}\tAttribution:T{2 * k} Content:T{2 * k + 1} Cue:T{2 * k}")
    return "\n".join(lines) + "\n"


def test_cues_are_counted_by_the_phrase_after_their_verb(tmp_path: Path) -> None:
    script = load_script("polnear_cue_conventions")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    kept = _ann(("The mayor", "said Monday"), ("The aide", "told"), ("He said", "said in a statement"))
    left_out = _ann(("The mayor", "said"), ("The aide", "told"), ("He said", "said"))
    (tmp_path / "attributions" / "doc_aa.ann").write_text(kept, encoding="utf-8")
    (tmp_path / "attributions" / "doc_bb.ann").write_text(left_out, encoding="utf-8")
    counts = script.count(tmp_path)
    weekday, reporters, statement = (next(n for n in script.PHRASES if key in n) for key in ("weekday", "reporters", "statement"))
    assert counts == {(weekday, True): 1, (weekday, False): 1, (reporters, False): 2, (statement, True): 1, (statement, False): 1}
