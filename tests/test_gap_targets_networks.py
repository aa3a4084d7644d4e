"""Expected answers of target-misalignment and network-asymmetry (queries/gaps/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``gap_graph`` (the made-up case of tests/data/gaps/, built through the
CLI and pushed to a Neo4j of its own); every answer is checked on SPARQL and Cypher.
"""
from __future__ import annotations

import pytest  # noqa: F401

from cca_graph import run_sparql  # noqa: F401
from cca_graph.query.catalogue import get, run_query  # noqa: F401

from .gapcase import ENGINES, ID, SOURCE, STATUSES, _both, _regional, _rows  # noqa: F401


def test_target_misalignment_seoul_and_the_mexican_states(catalogue_graph):
    _, store, neo4j = catalogue_graph
    kr = _both("target-misalignment", store, neo4j.url, country="KR")
    assert _rows(kr, "government", "national_target_year", "target_year", "commitment", "alignment") == {
        ("KR-11", None, 2050, "kr-seoul-net-zero-2050", "no national target")}
    assert kr["status"].isna().all() and all(SOURCE.match(s) for s in kr["source"])
    mx = run_query("target-misalignment", store=store, country="MX")
    assert set(mx["government"]) == _regional(store, "MX")
    assert set(mx["alignment"]) == {"missing"} and set(mx["status"]) == {"absent in the data"}
    assert mx["national_target_year"].isna().all() and mx["source"].isna().all()

def test_network_asymmetry_under2_members_without_their_nation(catalogue_graph):
    _, store, neo4j = catalogue_graph
    us = _both("network-asymmetry", store, neo4j.url, country="US")
    assert set(us["network"]) == {"under2-coalition"}
    assert set(us["direction"]) == {"subnational member without its nation"}
    assert {("US-CA", "regional", "signatory"), ("US-CA", "regional", "co-chair")} <= _rows(
        us, "government", "level", "role")
    assert "US" not in set(us["government"]) and set(us["status"]) == {"absent in the data"}
    assert all(SOURCE.match(s) for s in us["source"])

@pytest.mark.parametrize("country", ["NO", "DK"])
def test_network_asymmetry_national_endorsers_without_subnational_members(catalogue_graph, country):
    _, store, neo4j = catalogue_graph
    df = _both("network-asymmetry", store, neo4j.url, country=country)
    assert _rows(df, "network", "direction", "government", "level", "role") == {
        ("under2-coalition", "national member without subnational members", country, "national", "endorser")}

def test_network_asymmetry_ignores_symmetric_and_national_only_networks(catalogue_graph):
    _, store, _ = catalogue_graph
    # Mexico endorses Under2 and its states are members: no asymmetry
    assert run_query("network-asymmetry", store=store, country="MX").empty
    # Friends of Cities and the China–US partnership admit only national members
    for country in ("CN", "US", "FR", "DE"):
        df = run_query("network-asymmetry", store=store, country=country)
        assert not set(df["network"]) & {"friends-of-cities", "cn-us-climate-partnership"}, country

def test_gaps_made_up_target_misalignment(gap_graph):
    store, uri = gap_graph
    uy = _both("target-misalignment", store, uri, country="UY")
    assert _rows(uy, "government", "national_target_year", "target_year", "commitment", "alignment", "status",
                 "source") == {
        ("UY-MO", 2050, 2040, "uy-mo-neutral", "stronger", None, "gap-doc: p. 11"),   # earliest of 2040 and 2045
        ("UY-CA", 2050, 2050, "uy-ca-net-zero", "aligned", None, "gap-doc: p. 13"),
        ("UY-SA", 2050, 2060, "uy-sa-net-zero", "weaker", None, "gap-doc: p. 14"),
        ("UY-RO", 2050, None, None, "missing", "known absent", "gap-doc: p. 10"),     # cites the national target
    }
    py = _both("target-misalignment", store, uri, country="PY")
    assert _rows(py, "government", "national_target_year", "alignment", "status", "source") == {
        ("PY-11", None, "missing", "absent in the data", None)}

def test_gaps_made_up_network_asymmetry(gap_graph):
    store, uri = gap_graph
    uy = _both("network-asymmetry", store, uri, country="UY")
    assert _rows(uy, "network", "direction", "government", "role", "source") == {
        ("uy-net", "subnational member without its nation", "UY-MO", "signatory", "gap-doc: p. 62")}
    py = _both("network-asymmetry", store, uri, country="PY")
    assert _rows(py, "network", "direction", "government", "role", "source") == {
        ("uy-net", "national member without subnational members", "PY", "endorser", "gap-doc: p. 61")}
