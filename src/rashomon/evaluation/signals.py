"""What the pipeline-driven evaluations share: their cache folder, the extraction code's fingerprint that keys
it, and a pipeline without the statements component for scores that read no speech."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.extract import Pipeline

CACHE_DIR = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "rashomon-eval"


def code_fingerprint() -> str:
    """A hash of the extraction code, so cached pipeline results go stale when any component changes."""
    import rashomon.extract as ex

    h = hashlib.sha256()
    root = Path(ex.__file__).parent
    for p in sorted(root.glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


class NoStatements:
    """Stands in for the statements component: scores that need no speech skip it and save its time."""

    name = "rashomon.evaluation.no_statements"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("statements",)

    def configure_nlp(self, nlp: object) -> None:
        return None

    def __call__(self, draft: object) -> None:
        return None


def pipeline_without_statements() -> Pipeline:
    """Actors, times, places and events, with the default options."""
    from rashomon.extract import Pipeline
    from rashomon.extract.base import DEFAULT_OPTIONS
    from rashomon.extract.pipeline import load_spacy
    from rashomon.extract.registry import COMPONENT_FACTORIES

    names = ("rashomon.actors.v1", "rashomon.times.v1", "rashomon.places.v1")
    components = [COMPONENT_FACTORIES[n](DEFAULT_OPTIONS) for n in names]
    components += [NoStatements(), COMPONENT_FACTORIES["rashomon.events.v1"](DEFAULT_OPTIONS)]
    return Pipeline(load_spacy(), components)
