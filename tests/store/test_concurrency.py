"""Readers keep working while one writer ingests, and never see half of an analysis."""

from __future__ import annotations

import threading
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_records import TEXT, full_analysis, report

from rashomon.model import Analysis
from rashomon.store import Store, open_store
from support.strategies import analyses

WRITES = 40


def test_readers_see_only_whole_analyses_while_one_writer_writes(store_url: str, open_test_store: Callable[[], Store]) -> None:
    reader = open_test_store()
    errors: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        writer = open_store(store_url)  # a connection belongs to the thread that opened it
        try:
            for i in range(WRITES):
                writer.save_analysis(full_analysis(report(f"{TEXT} [{i}]")))
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            writer.close()
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    reads = 0
    while not done.is_set() or reads == 0:
        for analysis in reader.iter_analyses():
            # A whole analysis or none: the sample has every child kind.
            assert analysis.actors and analysis.statements and analysis.events and analysis.places and analysis.times
        reads += 1
    thread.join()
    assert not errors, errors
    assert reader.count_reports() == WRITES
    assert reads > 1


# One store serves all examples: each example's reports are distinct, and rewriting one replaces it.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(analyses(), min_size=1, max_size=3, unique_by=lambda a: a.report.id))
def test_store_write_then_read_returns_the_same_records(open_test_store: Callable[[], Store], written: list[Analysis]) -> None:
    store = open_test_store()
    for analysis in written:
        store.save_analysis(analysis)
    for analysis in written:
        assert store.get_analysis(analysis.report.id) == analysis
