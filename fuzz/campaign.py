"""`make fuzz`: run every fuzz target for N executions and record the figures in docs/reliability.md.

    .venv/bin/python fuzz/campaign.py [--runs 100000] [--targets text,html,...]

Each target runs as its own atheris process over fuzz/corpus/TARGET (new coverage-reaching inputs
are added there). The table between the FUZZ markers in docs/reliability.md is rewritten.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fuzz.targets import TARGETS  # noqa: E402

DOC = REPO / "docs" / "reliability.md"
BEGIN, END = "<!-- FUZZ:BEGIN -->", "<!-- FUZZ:END -->"
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def run_target(name: str, runs: int) -> dict[str, object]:
    corpus = REPO / "fuzz" / "corpus" / name
    corpus.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "run.py"), name, f"-runs={runs}", "-max_len=8192", str(corpus)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    done = _DONE.search(proc.stderr)
    crashed = proc.returncode != 0
    if crashed:
        sys.stderr.write(proc.stderr[-4000:])
    return {
        "target": name,
        "executions": int(done.group(1)) if done else 0,
        "seconds": round(elapsed),
        "crashes": 1 if crashed else 0,
        "corpus": len(list(corpus.iterdir())),
    }


def render(rows: list[dict[str, object]], runs: int) -> str:
    lines = [
        BEGIN,
        f"Command: `.venv/bin/python fuzz/campaign.py --runs {runs}` (`make fuzz`), {time.strftime('%Y-%m-%d')}.",
        "",
        "| target | executions | seconds | crashes | corpus files |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['target']} | {r['executions']} | {r['seconds']} | {r['crashes']} | {r['corpus']} |" for r in rows]
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--targets", default=",".join(TARGETS))
    args = parser.parse_args()
    rows = []
    for name in args.targets.split(","):
        row = run_target(name, args.runs)
        print(row, file=sys.stderr)
        rows.append(row)
    doc = DOC.read_text(encoding="utf-8")
    doc = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: render(rows, args.runs), doc, flags=re.DOTALL)
    DOC.write_text(doc, encoding="utf-8")
    return 1 if any(r["crashes"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
