"""Expected answers of mandate-without-instrument, level-without-mandate and unfunded-mandate (queries/gaps/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``gap_graph`` (the made-up case of tests/data/gaps/, built through the
CLI and pushed to a Neo4j of its own); every answer is checked on SPARQL and Cypher.
"""
from __future__ import annotations

import pytest  # noqa: F401

from cca_graph import run_sparql  # noqa: F401
from cca_graph.query.catalogue import get, run_query  # noqa: F401

from .gapcase import ENGINES, ID, SOURCE, STATUSES, _both, _regional, _rows  # noqa: F401


def test_mandate_without_instrument_mexican_states_lack_a_state_programme(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("mandate-without-instrument", store, neo4j.url, country="MX")
    # LGCC art. 58 obliges every state; none has a climate-action-plan recorded
    assert set(df["government"]) == _regional(store, "MX") and len(_regional(store, "MX")) == 32
    assert _rows(df, "level", "mandate", "law", "article", "required_instrument_type", "missing", "status") == {
        ("regional", "mx-mandate-state-programme", "mx-lgcc", "58", "climate-action-plan",
         "no climate-action-plan adopted", "absent in the data")}
    assert dict(zip(df["government"], df["government_label"]))["MX-JAL"] == "Jalisco"
    assert set(df["source"]) == {"giz-cca: §4.3, box 'Mexico's national climate change law' (墨西哥的国家气候变化法), art. 58"}
    # Jalisco's law reaches Puerto Vallarta, which has its plan: no row for it
    assert "MX-JAL.puerto-vallarta" not in set(df["government"])

def test_mandate_without_instrument_needs_an_obligation_with_an_instrument_type(catalogue_graph):
    _, store, _ = catalogue_graph
    # South Africa's constitutional obligations name no instrument type
    assert run_query("mandate-without-instrument", store=store, country="ZA").empty

def test_level_without_mandate_mexican_municipalities_and_jalisco(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("level-without-mandate", store, neo4j.url, country="MX")
    assert set(df["level"]) == {"local"}          # the states are obliged by art. 58
    assert set(df["national_obligations"]) == {0}
    assert set(df["status"]) == {"known absent"}
    assert set(df["source"]) == {"giz-cca: §4.3, box 'Mexico's national climate change law' (墨西哥的国家气候变化法), "
                                 "after the art. 58 reference"}
    assert _rows(df, "filled_by", "filled_by_label", "filled_by_mandate", "filled_by_law") == {
        ("MX-JAL", "Jalisco", "mx-jal-mandate-municipal-plans", "mx-jal-climate-law")}
    assert all(SOURCE.match(s) for s in df["filled_by_source"])

def test_level_without_mandate_south_africa_obliges_every_sphere(catalogue_graph):
    _, store, _ = catalogue_graph
    assert run_query("level-without-mandate", store=store, country="ZA").empty

def test_unfunded_mandate_mexico_and_south_africa(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("unfunded-mandate", store, neo4j.url, country="MX")
    assert _rows(df, "mandate", "level", "government", "law", "article", "status") == {
        ("mx-mandate-state-programme", "regional", None, "mx-lgcc", "58", "absent in the data"),
        ("mx-jal-mandate-municipal-plans", "local", None, "mx-jal-climate-law", "not stated in source",
         "absent in the data")}
    # EEPBIP is a South African funding programme for all three spheres
    assert run_query("unfunded-mandate", store=store, country="ZA").empty

def test_gaps_made_up_mandate_without_instrument(gap_graph):
    store, uri = gap_graph
    uy = _both("mandate-without-instrument", store, uri, country="UY")
    assert _rows(uy, "government", "mandate", "law", "article", "status", "source") == {
        ("UY-CA", "uy-mandate-regional-plan", "uy-law", "3", "absent in the data", "gap-doc: art. 3"),
        ("UY-RO", "uy-mandate-regional-plan", "uy-law", "3", "absent in the data", "gap-doc: art. 3"),
        ("UY-SA", "uy-mandate-regional-plan", "uy-law", "3", "known absent", "gap-doc: art. 3"),
        # Salto's decree reaches Salto's municipality only (not Las Piedras in Canelones)
        ("UY-SA.constitucion", "uy-sa-mandate-local-plans", "uy-sa-law", None, "absent in the data", "gap-doc: p. 31"),
    }
    py = _both("mandate-without-instrument", store, uri, country="PY")
    assert _rows(py, "government", "level", "mandate", "source") == {
        ("PY-11.luque", "local", "py-11-mandate-local-plans", "gap-doc: p. 77"),
        ("PY-11.luque", "local", "py-11-mandate-local-plans", "gap-doc: p. 78")}

def test_gaps_made_up_level_without_mandate(gap_graph):
    store, uri = gap_graph
    # Uruguay's law obliges both subnational levels
    assert _both("level-without-mandate", store, uri, country="UY").empty
    py = _both("level-without-mandate", store, uri, country="PY")
    assert _rows(py, "level", "status", "source", "filled_by", "filled_by_law", "filled_by_article",
                 "filled_by_source") == {
        ("local", "known absent", "gap-doc: p. 74", "PY-11", "py-11-law", "2", "gap-doc: p. 77"),
        ("local", "known absent", "gap-doc: p. 74", "PY-11", "py-11-law", "2", "gap-doc: p. 78"),
        ("regional", "absent in the data", None, None, None, None, None)}

def test_gaps_made_up_unfunded_mandate(gap_graph):
    store, uri = gap_graph
    uy = _both("unfunded-mandate", store, uri, country="UY")
    # funded: the regional plan (implemented by fund A), the national duty (fund B applies to the
    # national level), the municipal plans (fund C funds Las Piedras); a power is no obligation
    assert _rows(uy, "mandate", "level", "law", "article", "status") == {
        ("uy-mandate-regional-coordination", "regional", "uy-law", "4", "known absent"),
        # fund C funds a municipality outside Salto: Salto's decree stays unfunded
        ("uy-sa-mandate-local-plans", "local", "uy-sa-law", None, "absent in the data")}
