"""Incident use cases: link analysed reports into incidents and assess them.

PLACEHOLDER until the incidents issue lands: returns no incidents.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.model import Analysis, Incident
from rashomon.store.base import Store


def update_incidents(store: Store, new_analyses: Sequence[Analysis]) -> list[Incident]:
    """Join newly analysed reports to stored incidents (or open new ones) and save them."""
    return []
