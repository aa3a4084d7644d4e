"""Expected answers of every gap question: the status contract (queries/gaps/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``gap_graph`` (the made-up case of tests/data/gaps/, built through the
CLI and pushed to a Neo4j of its own); every answer is checked on SPARQL and Cypher.
"""
from __future__ import annotations

import pytest  # noqa: F401

from cca_graph import run_sparql  # noqa: F401
from cca_graph.query.catalogue import get, run_query  # noqa: F401

from .gapcase import ENGINES, ID, SOURCE, STATUSES, _both, _regional, _rows  # noqa: F401


@pytest.mark.parametrize("name", ["mandate-without-instrument", "level-without-mandate", "target-misalignment",
                                  "reporting-gap", "coordination-gap", "unfunded-mandate", "network-asymmetry"])
def test_gap_rows_carry_status_and_sources(catalogue_graph, name):
    _, store, _ = catalogue_graph
    for country in ("MX", "ID", "ZA", "US", "KR", "DE"):
        df = run_query(name, store=store, country=country)
        assert set(df["status"].dropna()) <= STATUSES, (name, country)
        assert all(SOURCE.match(s) for s in df["source"].dropna()), (name, country)
