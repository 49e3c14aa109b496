"""Evaluation gate: every task in floors.json must reach its floors on the shared development data.

Each entry of ``floors.json`` names the task (``rashomon eval <task>``), its dataset path relative to
``../shared``, whether the run is slow (over about a minute on 2 cores) and the floor per metric.
A task whose data is absent skips with a message, so CI without ../shared stays green.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from conftest import shared_path

FLOORS_FILE = Path(__file__).with_name("floors.json")
FLOORS: dict[str, dict] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def _params() -> list:
    params = []
    for task, entry in sorted(FLOORS.items()):
        marks = [pytest.mark.data]
        if entry.get("slow", False):
            marks.append(pytest.mark.slow)
        params.append(pytest.param(task, entry, id=task, marks=marks))
    return params


@pytest.mark.parametrize(("task", "entry"), _params())
def test_task_meets_floors(task: str, entry: dict) -> None:
    data = shared_path(*Path(entry["data"]).parts)
    module = importlib.import_module(f"rashomon.evaluation.{task}")
    scores = module.evaluate(data)
    below = {
        metric: (scores.get(metric), floor)
        for metric, floor in entry["floors"].items()
        if scores.get(metric) is None or scores[metric] < floor
    }
    assert not below, f"{task}: metrics below their floors (got, floor): {below}"
