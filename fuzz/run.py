"""Run one fuzz target under atheris: `python fuzz/run.py TARGET [-runs=N] [corpus dir]`.

`make fuzz` runs every target for FUZZ_RUNS executions (default 100,000) over fuzz/corpus/TARGET,
where atheris also saves new inputs that reach new code. A crash stops the run and leaves
crash-<hash> in the working directory: add it to tests/reliability/crashers/ as a regression test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from fuzz.targets import TARGETS


def main() -> None:
    name = sys.argv.pop(1)
    target = TARGETS[name]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
