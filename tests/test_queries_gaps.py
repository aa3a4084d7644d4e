"""Expected answers of the seven vertical-integration gap questions (queries/gaps/).

Two graphs:

- ``catalogue_graph`` (bundled case material + the Under2 roster import, pushed to a
  real Neo4j): the answers the case material gives (Mexico, Indonesia, South Africa,
  Under2);
- ``gap_graph``: a small made-up case (Uruguay, Paraguay) built through the CLI and
  pushed to a Neo4j of its own, with one record for each branch the case material
  does not exercise (stronger / weaker / aligned targets, known absences, funding by
  ``implements`` / ``applies_to_level`` / ``funded_by``, a subnational law reaching
  only its own municipalities). Every answer there is checked on SPARQL and Cypher.
"""
from __future__ import annotations

import re

import pytest

from cca_graph import run_sparql
from cca_graph.query.catalogue import get, run_query

from .conftest import run_cli

ID = "https://w3id.org/cca-graph/id/"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]*: .+")
ENGINES = ["sparql", "cypher"]
STATUSES = {"absent in the data", "known absent"}


def _rows(df, *columns):
    return {tuple(row) for row in df[list(columns)].itertuples(index=False, name=None)}


def _both(name, store, uri, **params):
    """The SPARQL answer, after checking that Cypher gives the same rows."""
    sparql = run_query(name, "sparql", store=store, **params)
    cypher = run_query(name, "cypher", store=store, uri=uri, **params)
    assert list(sparql.columns) == get(name).columns
    assert sparql.values.tolist() == cypher.values.tolist(), f"{name} {params}"
    return sparql


def _regional(store, country):
    df = run_sparql(store, f"""SELECT ?g WHERE {{ ?n cca:isoCode "{country}" ;
        cca:level <{ID}level/national> . ?g cca:partOf+ ?n ; cca:level <{ID}level/regional> }}""")
    return {g[len(ID):] for g in df["g"]}


# -- the case material ------------------------------------------------------------------

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


def test_unfunded_mandate_mexico_and_south_africa(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("unfunded-mandate", store, neo4j.url, country="MX")
    assert _rows(df, "mandate", "level", "government", "law", "article", "status") == {
        ("mx-mandate-state-programme", "regional", None, "mx-lgcc", "58", "absent in the data"),
        ("mx-jal-mandate-municipal-plans", "local", None, "mx-jal-climate-law", "not stated in source",
         "absent in the data")}
    # EEPBIP is a South African funding programme for all three spheres
    assert run_query("unfunded-mandate", store=store, country="ZA").empty


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


@pytest.mark.parametrize("name", ["mandate-without-instrument", "level-without-mandate", "target-misalignment",
                                  "reporting-gap", "coordination-gap", "unfunded-mandate", "network-asymmetry"])
def test_gap_rows_carry_status_and_sources(catalogue_graph, name):
    _, store, _ = catalogue_graph
    for country in ("MX", "ID", "ZA", "US", "KR", "DE"):
        df = run_query(name, store=store, country=country)
        assert set(df["status"].dropna()) <= STATUSES, (name, country)
        assert all(SOURCE.match(s) for s in df["source"].dropna()), (name, country)


# -- a made-up case for the branches the case material leaves out -------------------------

GAP_SOURCES = """sources:
  - key: gap-doc
    title: A made-up document for the gap questions
    publisher: cca-graph tests
    year: 2024
"""

GAP_CASE = """records:
  - {id: UY, type: Government, label: Uruguay, level: national, iso: UY, source: {doc: gap-doc, locator: "p. 1"}}
  - {id: PY, type: Government, label: Paraguay, level: national, iso: PY, source: {doc: gap-doc, locator: "p. 1"}}
  - {id: UY-MO, type: Government, label: Montevideo, level: regional, iso: UY-MO, part_of: UY, reports_via: uy-mrv, source: {doc: gap-doc, locator: "p. 2"}}
  - {id: UY-CA, type: Government, label: Canelones, level: regional, iso: UY-CA, part_of: UY, reports_via: uy-ca-inventory, source: {doc: gap-doc, locator: "p. 2"}}
  - {id: UY-SA, type: Government, label: Salto, level: regional, iso: UY-SA, part_of: UY, source: {doc: gap-doc, locator: "p. 2"}}
  - {id: UY-RO, type: Government, label: Rocha, level: regional, iso: UY-RO, part_of: UY, source: {doc: gap-doc, locator: "p. 2"}}
  - {id: UY-CA.las-piedras, type: Government, label: Las Piedras, level: local, part_of: UY-CA, funded_by: uy-fund-c, source: {doc: gap-doc, locator: "p. 3"}}
  - {id: UY-SA.constitucion, type: Government, label: Constitución, level: local, part_of: UY-SA, source: {doc: gap-doc, locator: "p. 3"}}

  - {id: uy-net-zero, type: Commitment, label: Uruguay net zero 2050, committed_by: UY, commitment_type: net-zero, target_year: 2050, source: {doc: gap-doc, locator: "p. 10"}}
  - {id: uy-mo-neutral, type: Commitment, label: Montevideo carbon neutral 2040, committed_by: UY-MO, commitment_type: carbon-neutrality, target_year: 2040, source: {doc: gap-doc, locator: "p. 11"}}
  - {id: uy-mo-net-zero, type: Commitment, label: Montevideo net zero 2045, committed_by: UY-MO, commitment_type: net-zero, target_year: 2045, source: {doc: gap-doc, locator: "p. 12"}}
  - {id: uy-mo-renewables, type: Commitment, label: Montevideo renewables 2030, committed_by: UY-MO, commitment_type: renewable-energy, target_year: 2030, source: {doc: gap-doc, locator: "p. 12"}}
  - {id: uy-ca-net-zero, type: Commitment, label: Canelones net zero 2050, committed_by: UY-CA, commitment_type: net-zero, target_year: 2050, source: {doc: gap-doc, locator: "p. 13"}}
  - {id: uy-sa-net-zero, type: Commitment, label: Salto net zero 2060, committed_by: UY-SA, commitment_type: net-zero, target_year: 2060, source: {doc: gap-doc, locator: "p. 14"}}
  - {id: uy-ro-no-target, type: KnownAbsence, label: Rocha has no climate target, about: UY-RO, absent_type: Commitment, source: {doc: gap-doc, locator: "p. 15"}}

  - {id: uy-law, type: LegalAct, label: Uruguay climate law, enacted_by: UY, year: 2020, source: {doc: gap-doc, locator: "p. 20"}}
  - {id: uy-law-art3, type: Provision, label: "Uruguay climate law art. 3", act: uy-law, article: "3", source: {doc: gap-doc, locator: "p. 21"}}
  - {id: uy-law-art4, type: Provision, label: "Uruguay climate law art. 4", act: uy-law, article: "4", source: {doc: gap-doc, locator: "p. 22"}}
  - {id: uy-mandate-regional-plan, type: Mandate, label: Departments must adopt a climate plan, assigned_by: uy-law-art3, to_level: regional, domain: climate-planning, modality: obligation, requires_instrument_type: climate-action-plan, source: {doc: gap-doc, locator: "art. 3"}}
  - {id: uy-mandate-regional-coordination, type: Mandate, label: Departments must coordinate, assigned_by: uy-law-art4, to_level: regional, domain: coordination, modality: obligation, source: {doc: gap-doc, locator: "art. 4"}}
  - {id: uy-mandate-local-plan, type: Mandate, label: Municipalities must plan, assigned_by: uy-law, to_level: local, domain: climate-planning, modality: obligation, source: {doc: gap-doc, locator: "art. 5"}}
  - {id: uy-mandate-national, type: Mandate, label: The state must report, assigned_by: uy-law, assigned_to: UY, domain: mrv, modality: obligation, source: {doc: gap-doc, locator: "art. 6"}}
  - {id: uy-mandate-regional-power, type: Mandate, label: Departments may tax, assigned_by: uy-law, to_level: regional, domain: finance, modality: power, source: {doc: gap-doc, locator: "art. 7"}}
  - {id: uy-sa-law, type: LegalAct, label: Salto climate decree, enacted_by: UY-SA, year: 2021, source: {doc: gap-doc, locator: "p. 30"}}
  - {id: uy-sa-mandate-local-plans, type: Mandate, label: Salto's municipalities must plan, assigned_by: uy-sa-law, to_level: local, domain: climate-planning, modality: obligation, requires_instrument_type: climate-action-plan, source: {doc: gap-doc, locator: "p. 31"}}
  - {id: uy-sa-no-plan, type: KnownAbsence, label: Salto has no climate plan, about: UY-SA, absent_type: Instrument, domain: climate-planning, source: {doc: gap-doc, locator: "p. 32"}}
  - {id: uy-no-coordination-funding, type: KnownAbsence, label: No money for coordination, about: uy-mandate-regional-coordination, absent_type: Instrument, domain: finance, source: {doc: gap-doc, locator: "p. 33"}}

  - {id: uy-mo-plan, type: Instrument, label: Montevideo climate plan, instrument_type: climate-action-plan, adopted_by: UY-MO, source: {doc: gap-doc, locator: "p. 40"}}
  - {id: uy-fund-a, type: Instrument, label: Regional planning fund, instrument_type: funding-programme, adopted_by: UY, implements: uy-mandate-regional-plan, source: {doc: gap-doc, locator: "p. 41"}}
  - {id: uy-fund-b, type: Instrument, label: National reporting fund, instrument_type: funding-programme, adopted_by: UY, applies_to_level: national, source: {doc: gap-doc, locator: "p. 42"}}
  - {id: uy-fund-c, type: Instrument, label: Municipal fund, instrument_type: funding-programme, adopted_by: UY, source: {doc: gap-doc, locator: "p. 43"}}
  - {id: uy-mrv, type: Instrument, label: National MRV platform, instrument_type: mrv-platform, adopted_by: UY, source: {doc: gap-doc, locator: "p. 44"}}
  - {id: uy-ca-inventory, type: Instrument, label: Canelones inventory, instrument_type: mrv-platform, adopted_by: UY-CA, source: {doc: gap-doc, locator: "p. 45"}}

  - {id: uy-congress, type: CoordinationBody, label: Congress of departments, coordinates: [UY, UY-MO], source: {doc: gap-doc, locator: "p. 50"}}
  - {id: uy-municipal-forum, type: CoordinationBody, label: Municipal forum, member_level: [regional, local], hosted_by: UY, source: {doc: gap-doc, locator: "p. 51"}}
  - {id: uy-no-local-body, type: KnownAbsence, label: No body joins the state and the municipalities, about: UY, absent_type: CoordinationBody, to_level: local, source: {doc: gap-doc, locator: "p. 52"}}

  - {id: uy-net, type: Network, label: River Plate climate network, member_level: [national, regional], source: {doc: gap-doc, locator: "p. 60"}}
  - {id: uy-net-py, type: Membership, label: Paraguay in the network, member: PY, network: uy-net, role: endorser, source: {doc: gap-doc, locator: "p. 61"}}
  - {id: uy-net-mo, type: Membership, label: Montevideo in the network, member: UY-MO, network: uy-net, role: signatory, source: {doc: gap-doc, locator: "p. 62"}}
  - {id: uy-club, type: Network, label: National club, member_level: national, source: {doc: gap-doc, locator: "p. 63"}}
  - {id: uy-club-uy, type: Membership, label: Uruguay in the club, member: UY, network: uy-club, role: member, source: {doc: gap-doc, locator: "p. 64"}}

  - {id: PY-11, type: Government, label: Central, level: regional, iso: PY-11, part_of: PY, source: {doc: gap-doc, locator: "p. 70"}}
  - {id: PY-11.luque, type: Government, label: Luque, level: local, part_of: PY-11, source: {doc: gap-doc, locator: "p. 71"}}
  - {id: py-law, type: LegalAct, label: Paraguay climate law, enacted_by: PY, year: 2017, source: {doc: gap-doc, locator: "p. 72"}}
  - {id: py-law-art1, type: Provision, label: "Paraguay climate law art. 1", act: py-law, article: "1", source: {doc: gap-doc, locator: "p. 73"}}
  - {id: py-no-local-duty, type: KnownAbsence, label: The law puts no duty on municipalities, about: py-law-art1, absent_type: Mandate, to_level: local, modality: obligation, source: {doc: gap-doc, locator: "p. 74"}}
  - {id: py-11-law, type: LegalAct, label: Central climate ordinance, enacted_by: PY-11, year: 2019, source: {doc: gap-doc, locator: "p. 75"}}
  - {id: py-11-law-art2, type: Provision, label: "Central ordinance art. 2", act: py-11-law, article: "2", source: {doc: gap-doc, locator: "p. 76"}}
  - {id: py-11-mandate-local-plans, type: Mandate, label: Central's municipalities must plan, assigned_by: py-11-law-art2, to_level: local, domain: climate-planning, modality: obligation, requires_instrument_type: climate-action-plan, source: [{doc: gap-doc, locator: "p. 77"}, {doc: gap-doc, locator: "p. 78"}]}
"""


@pytest.fixture(scope="module")
def gap_graph(tmp_path_factory):
    """The made-up case built through the CLI and pushed to a Neo4j of its own: (store, bolt url)."""
    from cca_graph import open_store

    from .servers import start_neo4j

    root = tmp_path_factory.mktemp("gaps")
    cases = root / "cases"
    (cases / "uruguay").mkdir(parents=True)
    (cases / "sources.yaml").write_text(GAP_SOURCES, encoding="utf-8")
    (cases / "uruguay" / "case.yaml").write_text(GAP_CASE, encoding="utf-8")
    out = root / "out"
    run_cli("build", "--graph", str(out), "--cases", str(cases), "--quiet")
    server = start_neo4j(root / "neo4j")
    try:
        run_cli("push", "--graph", str(out), "--uri", server.url)
        yield open_store(out), server.url
    finally:
        server.stop()


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


def test_gaps_made_up_unfunded_mandate(gap_graph):
    store, uri = gap_graph
    uy = _both("unfunded-mandate", store, uri, country="UY")
    # funded: the regional plan (implemented by fund A), the national duty (fund B applies to the
    # national level), the municipal plans (fund C funds Las Piedras); a power is no obligation
    assert _rows(uy, "mandate", "level", "law", "article", "status") == {
        ("uy-mandate-regional-coordination", "regional", "uy-law", "4", "known absent"),
        # fund C funds a municipality outside Salto: Salto's decree stays unfunded
        ("uy-sa-mandate-local-plans", "local", "uy-sa-law", None, "absent in the data")}


def test_gaps_made_up_network_asymmetry(gap_graph):
    store, uri = gap_graph
    uy = _both("network-asymmetry", store, uri, country="UY")
    assert _rows(uy, "network", "direction", "government", "role", "source") == {
        ("uy-net", "subnational member without its nation", "UY-MO", "signatory", "gap-doc: p. 62")}
    py = _both("network-asymmetry", store, uri, country="PY")
    assert _rows(py, "network", "direction", "government", "role", "source") == {
        ("uy-net", "national member without subnational members", "PY", "endorser", "gap-doc: p. 61")}
