"""Expected answers of reporting-gap and coordination-gap (queries/gaps/) under the status contract.

On ``gap_graph`` (the made-up case of tests/data/gaps/: uruguay/case.yaml and, for these two
questions, uruguay/links.yaml, whose every source is gap-doc of 2024) and on ``catalogue_graph``
(the bundled case material, where the documents are clear); every answer is checked on SPARQL
and Cypher. Expected rows are read off the case files by hand.
"""
from __future__ import annotations

import pytest

from cca_graph import run_sparql
from cca_graph.errors import UnknownNameError
from cca_graph.query.catalogue import run_query

from .gapcase import ID, STATUSES, _both, _rows

#: Indonesia's provinces formed in 2022 (id-papua-laws-2022), after the 2020 GIZ publication
NEW_PAPUAN_PROVINCES = {"ID-PD", "ID-PE", "ID-PS", "ID-PT"}


# -- reporting-gap on the made-up case --------------------------------------------------------

def test_reporting_gap_each_status(gap_graph):
    store, uri = gap_graph
    uy = _both("reporting-gap", store, uri, country="UY")
    # Montevideo reports into the national platform (its record p. 2, the platform p. 44); Canelones
    # reports only to its own inventory and Salto to nothing, where regional reporting was surveyed
    # (p. 80); Rocha is known to report to no MRV system (p. 81). No municipality reports.
    assert _rows(uy, "government", "level", "national_platform", "status", "source") == {
        ("UY-MO", "regional", "uy-mrv", "no-gap", "gap-doc: p. 2; gap-doc: p. 44"),
        ("UY-CA", "regional", None, "gap", "gap-doc: p. 80"),
        ("UY-SA", "regional", None, "gap", "gap-doc: p. 80"),
        ("UY-RO", "regional", None, "known-absent", "gap-doc: p. 81")}
    assert set(uy["status"]) <= STATUSES


def test_reporting_gap_local_governments_where_covered_or_reporting(gap_graph):
    store, uri = gap_graph
    # Paraguay has no national platform; p. 84 surveyed regional and local reporting, so its
    # municipality Luque is in the rows too
    py = _both("reporting-gap", store, uri, country="PY")
    assert {("PY-11", "regional", None, "gap", "gap-doc: p. 84"),
            ("PY-11.luque", "local", None, "gap", "gap-doc: p. 84")} <= _rows(
        py, "government", "level", "national_platform", "status", "source")
    assert set(py["status"]) == {"gap"} and set(py["source"]) == {"gap-doc: p. 84"}
    # the record speaks for 2024: a municipality formed after it or dissolved before it is in no row
    dated = run_sparql(store, f"""SELECT ?g WHERE {{ ?g cca:partOf+ <{ID}PY> .
        {{ ?g cca:startYear ?y . FILTER (?y > 2024) }} UNION {{ ?g cca:endYear ?y . FILTER (?y < 2024) }} }}""")
    assert not {g[len(ID):] for g in dated["g"]} & set(py["government"])
    # Bolivia surveyed regional reporting only: El Alto is in the rows because it reports (to its
    # own inventory, not the national platform), Viacha, which does not, is not
    bo = _both("reporting-gap", store, uri, country="BO")
    assert _rows(bo, "government", "level", "national_platform", "status") == {
        ("BO-L", "regional", "bo-mrv", "no-gap"), ("BO-L.el-alto", "local", None, "not-covered")}


def test_reporting_gap_as_of_two_years(gap_graph):
    store, uri = gap_graph
    same = _both("reporting-gap", store, uri, country="UY", as_of=2024)
    assert _rows(same, "government", "status") == {("UY-MO", "no-gap"), ("UY-CA", "gap"), ("UY-SA", "gap"),
                                                   ("UY-RO", "known-absent")}
    # the 2024 coverage record cannot speak for 2025: the absences it made findings are not covered;
    # the link and the stated absence still hold
    later = _both("reporting-gap", store, uri, country="UY", as_of=2025)
    assert _rows(later, "government", "status", "source") == {
        ("UY-MO", "no-gap", "gap-doc: p. 2; gap-doc: p. 44"), ("UY-CA", "not-covered", None),
        ("UY-SA", "not-covered", None), ("UY-RO", "known-absent", "gap-doc: p. 81")}
    # Paraguay's municipalities are in the rows only while the record covers them
    py = _both("reporting-gap", store, uri, country="PY", as_of=2025)
    assert _rows(py, "government", "status") == {("PY-11", "not-covered")}


def test_reporting_gap_a_department_formed_after_the_source(gap_graph):
    store, uri = gap_graph
    # BO-new was formed in 2025; every source is of 2024, so by default (and as of 2024) it is in no row
    for params in ({}, {"as_of": 2024}):
        bo = _both("reporting-gap", store, uri, country="BO", **params)
        assert "BO-new" not in set(bo["government"]), params
    bo = _both("reporting-gap", store, uri, country="BO", as_of=2025)
    assert _rows(bo, "government", "status") == {("BO-L", "no-gap"), ("BO-L.el-alto", "not-covered"),
                                                 ("BO-new", "not-covered")}


# -- coordination-gap on the made-up case -----------------------------------------------------

def test_coordination_gap_each_status(gap_graph):
    store, uri = gap_graph
    uy = _both("coordination-gap", store, uri, country="UY")
    # the congress coordinates the state and Montevideo (p. 50); the municipal forum has no
    # national member and joins nothing; a source says no body joins the state and the
    # municipalities (p. 52); the council of p. 83 only begins in 2025, after its source
    assert _rows(uy, "upper_level", "lower_level", "body", "status", "source") == {
        ("national", "regional", "uy-congress", "no-gap", "gap-doc: p. 50"),
        ("national", "local", None, "known-absent", "gap-doc: p. 52")}
    # Paraguay's forum is of the country by its country alone (p. 86); regional coordination was
    # surveyed (p. 84) and the council that joined the regions ended in 2020
    py = _both("coordination-gap", store, uri, country="PY")
    assert _rows(py, "lower_level", "body", "body_label", "status", "source") == {
        ("local", "py-local-forum", "Forum of the state and the municipalities", "no-gap", "gap-doc: p. 86"),
        ("regional", None, None, "gap", "gap-doc: p. 84")}
    bo = _both("coordination-gap", store, uri, country="BO")
    assert _rows(bo, "lower_level", "body", "status", "source") == {
        ("regional", None, "not-covered", None), ("local", None, "not-covered", None)}


def test_coordination_gap_as_of(gap_graph):
    store, uri = gap_graph
    # in 2019 the former council (ended 2020) joined Paraguay's regions; in 2025 the 2024 record
    # covers nothing
    regional = {}
    for year in (2019, 2024, 2025):
        py = _both("coordination-gap", store, uri, country="PY", as_of=year)
        regional[year] = _rows(py[py["lower_level"] == "regional"], "body", "status", "source")
    assert regional == {2019: {("py-old-council", "no-gap", "gap-doc: p. 85")},
                        2024: {(None, "gap", "gap-doc: p. 84")},
                        2025: {(None, "not-covered", None)}}


def test_coordination_gap_an_association_representing_a_level(gap_graph):
    store, uri = gap_graph
    # from 2025 the council joins the state with the municipalities through the congress of
    # mayors, an association of Uruguay that represents the local level (pp. 82-83)
    uy = _both("coordination-gap", store, uri, country="UY", as_of=2025)
    assert _rows(uy, "lower_level", "body", "status", "source") == {
        ("regional", "uy-congress", "no-gap", "gap-doc: p. 50"),
        ("local", "uy-local-council", "no-gap", "gap-doc: p. 83")}
    before = _both("coordination-gap", store, uri, country="UY", as_of=2024)
    assert _rows(before, "lower_level", "body", "status") == {("regional", "uy-congress", "no-gap"),
                                                              ("local", None, "known-absent")}


def test_an_unknown_country_is_an_error_and_a_code_any_case(gap_graph):
    store, _ = gap_graph
    for name in ("reporting-gap", "coordination-gap"):
        with pytest.raises(UnknownNameError, match="neither an ISO 3166-1"):
            run_query(name, store=store, country="ZZ")
        assert run_query(name, store=store, country="uy").equals(run_query(name, store=store, country="Uruguay"))
        assert set(run_query(name, store=store, country="uy")["country"]) == {"UY"}


# -- on the case material ---------------------------------------------------------------------

def test_coordination_gap_mexico_and_south_africa_join_every_level(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # giz-cca §4.3: the SNCC brings together the federation, the states and the municipalities
    mx = _both("coordination-gap", store, neo4j.url, country="MX")
    assert _rows(mx, "upper_level", "lower_level", "body", "status") == {
        ("national", "regional", "mx-sncc", "no-gap"), ("national", "local", "mx-sncc", "no-gap")}
    assert all(s.startswith("giz-cca: §4.3") for s in mx["source"])
    # giz-cca §2.2: South Africa's intergovernmental climate change committee joins the three spheres
    za = _both("coordination-gap", store, neo4j.url, country="ZA")
    assert _rows(za, "lower_level", "body", "status") == {("regional", "za-igccc", "no-gap"),
                                                          ("local", "za-igccc", "no-gap")}


def test_coordination_gap_indonesia_provinces_through_the_ran_grk_secretariat(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # giz-cca §4.6: the secretariat gathers the project data of the centre and of the provinces
    idn = _both("coordination-gap", store, neo4j.url, country="ID")
    assert _rows(idn[idn["lower_level"] == "regional"], "body", "status") == {("id-ran-grk-secretariat", "no-gap")}


def test_reporting_gap_indonesian_provinces_report_through_pep_online(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # giz-cca §4.6 (2020): the provinces' climate projects report through PEP-Online; Indonesia had
    # 34 provinces then; the four Papuan provinces formed in 2022 are not a finding of that source
    idn = _both("reporting-gap", store, neo4j.url, country="ID")
    assert len(idn) == 34 and not set(idn["government"]) & NEW_PAPUAN_PROVINCES
    assert set(idn["status"]) == {"no-gap"} and set(idn["national_platform"]) == {"id-pep-online"}
    assert set(idn["level"]) == {"regional"}
    assert all("giz-cca: §4.6" in s for s in idn["source"])
    # asked for 2023, they exist, and the 2020 material cannot say whether they report
    later = _both("reporting-gap", store, neo4j.url, country="ID", as_of=2023)
    new = later[later["government"].isin(NEW_PAPUAN_PROVINCES)]
    assert set(new["government"]) == NEW_PAPUAN_PROVINCES and set(new["status"]) == {"not-covered"}
    assert (later["status"] == "no-gap").sum() == 34


def test_reporting_gap_france_counts_the_regions_of_the_source_year(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # the material on France is of 2020 (giz-cca); the European Collectivity of Alsace began in 2021
    # and Alsace, Aquitaine and Midi-Pyrénées merged into larger regions in 2016 (cited to the laws)
    merged = {"FR.alsace", "FR.aquitaine", "FR.midi-pyrenees"}
    fr = _both("reporting-gap", store, neo4j.url, country="FR")
    assert not set(fr["government"]) & (merged | {"FR-6AE"})
    later = _both("reporting-gap", store, neo4j.url, country="FR", as_of=2022)
    assert "FR-6AE" in set(later["government"]) and not set(later["government"]) & merged
