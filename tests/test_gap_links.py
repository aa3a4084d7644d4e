"""Expected answers of reporting-gap and coordination-gap (queries/gaps/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``gap_graph`` (the made-up case of tests/data/gaps/, built through the
CLI and pushed to a Neo4j of its own); every answer is checked on SPARQL and Cypher.
"""
from __future__ import annotations

import pytest  # noqa: F401

from cca_graph import run_sparql  # noqa: F401
from cca_graph.query.catalogue import get, run_query  # noqa: F401

from .gapcase import ENGINES, ID, SOURCE, STATUSES, _both, _regional, _rows  # noqa: F401


def test_reporting_gap_indonesian_provinces_report_through_pep_online(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("reporting-gap", store, neo4j.url, country="ID")
    reporting = run_sparql(store, f"""SELECT ?g WHERE {{ ?g cca:reportsVia <{ID}id-pep-online> }}""")
    reporting = {g[len(ID):] for g in reporting["g"]}
    assert {"ID-AC", "ID-KB", "ID-JK"} <= reporting
    # exactly the provinces without reports_via appear (Southwest Papua, created in 2022, among them)
    assert set(df["government"]) == _regional(store, "ID") - reporting
    assert "ID-PD" in set(df["government"]) and not set(df["government"]) & reporting
    assert set(df["national_platform"]) == {"id-pep-online", "id-aksara"}
    assert set(df["missing"]) == {"no reports_via to the national MRV platform"}
    assert all(SOURCE.match(s) for s in df["source"])

def test_reporting_gap_without_a_national_platform(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("reporting-gap", store, neo4j.url, country="MX")
    assert set(df["government"]) == _regional(store, "MX")
    assert set(df["missing"]) == {"no national MRV platform recorded"}
    assert df["national_platform"].isna().all() and set(df["status"]) == {"absent in the data"}

def test_coordination_gap_mexico_has_the_sncc(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("coordination-gap", store, neo4j.url, country="MX")
    assert _rows(df, "upper_level", "lower_level", "body", "gap") == {
        ("national", "regional", "mx-sncc", "no"), ("national", "local", "mx-sncc", "no")}
    assert df["missing"].isna().all() and df["status"].isna().all()

def test_coordination_gap_indonesia_and_china(catalogue_graph):
    _, store, _ = catalogue_graph
    idn = run_query("coordination-gap", store=store, country="ID")
    assert _rows(idn, "lower_level", "body", "gap") == {("regional", "id-ran-grk-secretariat", "no"),
                                                        ("local", None, "yes")}
    assert set(idn[idn["gap"] == "yes"]["status"]) == {"absent in the data"}
    # the China–US working group joins two national governments, no levels of one country
    cn = run_query("coordination-gap", store=store, country="CN")
    assert _rows(cn, "lower_level", "body", "gap") == {("regional", None, "yes"), ("local", None, "yes")}

def test_gaps_made_up_reporting_gap(gap_graph):
    store, uri = gap_graph
    uy = _both("reporting-gap", store, uri, country="UY")
    # Canelones reports, but only to its own inventory, not into the national platform
    assert _rows(uy, "government", "national_platform", "source") == {
        ("UY-CA", "uy-mrv", "gap-doc: p. 44"), ("UY-SA", "uy-mrv", "gap-doc: p. 44"),
        ("UY-RO", "uy-mrv", "gap-doc: p. 44")}
    py = _both("reporting-gap", store, uri, country="PY")
    assert _rows(py, "government", "national_platform", "missing", "source") == {
        ("PY-11", None, "no national MRV platform recorded", None)}

def test_gaps_made_up_coordination_gap(gap_graph):
    store, uri = gap_graph
    uy = _both("coordination-gap", store, uri, country="UY")
    # the municipal forum is hosted by the nation but has no national member: it joins nothing
    assert _rows(uy, "lower_level", "body", "gap", "status", "source") == {
        ("regional", "uy-congress", "no", None, "gap-doc: p. 50"),
        ("local", None, "yes", "known absent", "gap-doc: p. 52")}
