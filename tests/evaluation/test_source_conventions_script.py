"""scripts/polnear_source_conventions.py counts how gold sources treat relative pronouns and raising verbs."""

from __future__ import annotations

from pathlib import Path

from support.scripts import load_script

TEXT = "Dillon, a spokesman, who said the strikes stopped, declined to comment. The plan appears to be working."


def _span(part: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(part, TEXT.index(after) if after else 0)
    return start, start + len(part)


def _brat(*attributions: tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int]]) -> str:
    lines, t = [], 0
    for k, (source, cue, content) in enumerate(attributions, 1):
        ids = {}
        for role, span in (("Source", source), ("Cue", cue), ("Content", content)):
            if span is not None:
                t += 1
                ids[role] = f"T{t}"
                lines.append(f"T{t}\t{role} {span[0]} {span[1]}\t{TEXT[span[0] : span[1]]}")
        lines.append(f"E{k}\tAttribution:{ids['Cue']} " + " ".join(f"{r}:{i}" for r, i in ids.items()))
    return "\n".join(lines) + "\n"


def test_relative_pronoun_and_raising_cues_are_counted(tmp_path: Path) -> None:
    script = load_script("polnear_source_conventions")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    # two articles: holdout_split(..., 0.1) keeps the first for counting and holds out the second
    for name in ("a", "b"):
        (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    gold = _brat(
        (_span("who"), _span("said"), _span("the strikes stopped")),
        (_span("Dillon, a spokesman"), _span("declined"), _span("to comment")),
        (None, _span("appears"), _span("to be working")),
    )
    (tmp_path / "attributions" / "a_aa.ann").write_text(gold, encoding="utf-8")
    (tmp_path / "attributions" / "b_aa.ann").write_text("", encoding="utf-8")
    counts = script.count(tmp_path)
    assert counts["relative"] == {("who", True): 1}
    assert counts["raising"] == {("appear", False): 1}
