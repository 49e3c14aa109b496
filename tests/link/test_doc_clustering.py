"""Document clustering and the ECB+ evaluation (B-cubed)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from rashomon.evaluation.link import b_cubed, read_document
from rashomon.link.documents import cluster_documents, neighbour_graph
from rashomon.link.similarity import tfidf_matrix

REHAB_REID = [
    "Tara Reid checked herself into Promises Treatment Center in Malibu, her representative told People magazine.",
    "Actress Tara Reid has entered Promises Treatment Center, her rep Jack Ketsoyan said on Tuesday.",
    "Tara Reid is at Promises in Malibu for treatment, People reported; her rep Ketsoyan asked for privacy.",
]
REHAB_LOHAN = [
    "Lindsay Lohan checked into the Betty Ford Center to begin a 90-day court-mandated stay, her lawyer said.",
    "Lohan has entered the Betty Ford Center in Rancho Mirage after skipping a Newport Beach facility.",
    "Lindsay Lohan arrived at Betty Ford Center in Rancho Mirage on Thursday night for her court-ordered rehab.",
]
QUAKE = [
    "A magnitude 6.1 earthquake struck off the coast of northern California, the USGS said.",
    "The USGS said the magnitude 6.1 quake hit offshore of Eureka, California, with no damage reported.",
]


def test_b_cubed_exact_values() -> None:
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    p, r, f = b_cubed([1, 1, 2, 2], ["x", "x", "x", "y"])
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert b_cubed(["a", "b"], [1, 2]) == (1.0, 1.0, 1.0)


def test_b_cubed_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        b_cubed([1], [1, 2])


def test_similar_stories_with_different_names_are_split() -> None:
    texts = REHAB_REID + REHAB_LOHAN + QUAKE
    labels = cluster_documents(texts)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] == labels[5]
    assert labels[6] == labels[7]
    assert len({labels[0], labels[3], labels[6]}) == 3


def test_publication_dates_far_apart_forbid_a_link() -> None:
    texts = [QUAKE[0], QUAKE[1]]
    assert cluster_documents(texts, [datetime(2009, 1, 1), datetime(2009, 1, 2)]) == [0, 0]
    assert cluster_documents(texts, [datetime(2009, 1, 1), datetime(2011, 6, 1)]) == [0, 1]


def test_neighbour_graph_is_symmetric_and_sparse() -> None:
    graph = neighbour_graph(tfidf_matrix(REHAB_REID + QUAKE), k=1)
    dense = graph.toarray()
    assert (dense == dense.T).all()
    assert dense[0:3, 3:].sum() == 0  # no rehab-earthquake edge


def test_empty_inputs() -> None:
    assert cluster_documents([]) == []
    assert cluster_documents(["", ""]) in ([0, 1], [0, 0])


def test_read_document_drops_url_sentence(tmp_path: Path) -> None:
    xml = (
        '<Document doc_name="1_1ecbplus.xml">'
        '<token t_id="1" sentence="0" number="0">http</token><token t_id="2" sentence="0" number="1">:</token>'
        '<token t_id="3" sentence="1" number="0">Lohan</token><token t_id="4" sentence="1" number="1">&amp;</token>'
        '<token t_id="5" sentence="1" number="2">rehab</token></Document>'
    )
    path = tmp_path / "1_1ecbplus.xml"
    path.write_text(xml, encoding="utf-8")
    assert read_document(path) == "Lohan & rehab"
