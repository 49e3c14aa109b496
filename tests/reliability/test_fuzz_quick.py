"""Quick fuzzing in `make test`: the atheris targets (fuzz/targets.py) under Hypothesis.

Long coverage-guided runs are `make fuzz`; every crash they ever found is kept in
tests/reliability/crashers/TARGET-*.bin and replayed here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from fuzz.targets import TARGETS  # noqa: E402 - needs the repository root on sys.path

CORPUS = REPO / "fuzz" / "corpus"
CRASHERS = Path(__file__).parent / "crashers"


def _seeds(name: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted((CORPUS / name).glob("*")) if p.is_file()]


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    """A seed with random bytes spliced in, or plain random bytes."""
    seeds = _seeds(name)
    if not seeds or draw(st.booleans()):
        return draw(st.binary(max_size=4096))
    seed = draw(st.sampled_from(seeds))
    at = draw(st.integers(0, len(seed)))
    cut = draw(st.integers(at, len(seed)))
    return seed[:at] + draw(st.binary(max_size=64)) + seed[cut:]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_survives_random_and_mutated_inputs(name: str) -> None:
    @settings(max_examples=150, deadline=None, database=None)
    @given(mutated(name))
    def run(data: bytes) -> None:
        TARGETS[name](data)

    run()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_survives_its_seed_corpus(name: str) -> None:
    for data in _seeds(name):
        TARGETS[name](data)


@pytest.mark.parametrize("crasher", sorted(CRASHERS.glob("*.bin")), ids=lambda p: p.name)
def test_earlier_crashers_stay_fixed(crasher: Path) -> None:
    TARGETS[crasher.name.split("-", 1)[0]](crasher.read_bytes())
