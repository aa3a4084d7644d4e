"""Expected answers of target-misalignment and network-asymmetry (queries/gaps/).

On ``gap_graph`` (the made-up case of tests/data/gaps/: Uruguay and Paraguay in case.yaml,
Guyana and Suriname in uruguay/targets.yaml, whose one source, gap-doc, is of 2024) every
status and branch is checked on SPARQL and Cypher, with ``as_of`` at several years; the
expected rows are read off the records of those files by hand. On ``catalogue_graph``
(the bundled case material + the Under2 roster import) a few answers the documents settle.
"""
from __future__ import annotations

import pytest

from cca_graph.query.catalogue import run_query

from .gapcase import SOURCE, STATUSES, _both, _regional, _rows

TARGET = ("government", "national_target_year", "target_year", "commitment", "alignment", "status", "source")
NETWORK = ("network", "direction", "government", "level", "role", "missing", "status", "source")
NO_NATION = "the national government is not a member of this network"
NO_SUBNATIONAL = "no regional or local government of the country is a member of this network"


# -- target-misalignment on the made-up case ----------------------------------------------

def test_target_misalignment_made_up_uruguay_and_paraguay(gap_graph):
    store, uri = gap_graph
    # Uruguay's 2050 target (p. 10) is the yardstick of every row and cited in each
    assert _rows(_both("target-misalignment", store, uri, country="UY"), *TARGET) == {
        ("UY-MO", 2050, 2040, "uy-mo-neutral", "stronger", "no-gap", "gap-doc: p. 10; gap-doc: p. 11"),
        ("UY-CA", 2050, 2050, "uy-ca-net-zero", "aligned", "no-gap", "gap-doc: p. 10; gap-doc: p. 13"),
        ("UY-SA", 2050, 2060, "uy-sa-net-zero", "weaker", "no-gap", "gap-doc: p. 10; gap-doc: p. 14"),
        # a source says Rocha has no target (p. 15); no record covers Uruguay's targets
        ("UY-RO", 2050, None, None, "missing", "known-absent", "gap-doc: p. 10; gap-doc: p. 15"),
    }
    # Paraguay: no target anywhere, nothing read for targets
    assert _rows(_both("target-misalignment", store, uri, country="PY"), *TARGET) == {
        ("PY-11", None, None, None, "missing", "not-covered", None)}


def test_target_misalignment_made_up_guyana_by_year(gap_graph):
    store, uri = gap_graph
    weaker = ("GY-DE", 2045, 2050, "gy-de-net-zero", "weaker", "no-gap", "gap-doc: p. 83; gap-doc: p. 84")
    gap = ("GY-BA", 2045, None, None, "missing", "gap", "gap-doc: p. 83; gap-doc: p. 87")
    # the record of 2024 covers regional targets; Cuyuni-Mazaruni, dissolved in 2022, is not
    # in the rows judged at 2024
    assert _rows(_both("target-misalignment", store, uri, country="GY"), *TARGET) == {weaker, gap}
    # as of 2020 it still existed, and the record of 2024 speaks for 2020
    assert _rows(_both("target-misalignment", store, uri, country="GY", as_of=2020), *TARGET) == {
        weaker, gap, ("GY-CU", 2045, None, None, "missing", "gap", "gap-doc: p. 83; gap-doc: p. 87")}
    # as of 2025 the record says nothing: a missing target is not covered
    assert _rows(_both("target-misalignment", store, uri, country="GY", as_of=2025), *TARGET) == {
        weaker, ("GY-BA", 2045, None, None, "missing", "not-covered", "gap-doc: p. 83")}


# -- network-asymmetry on the made-up case ---------------------------------------------------

def test_network_asymmetry_made_up_without_as_of(gap_graph):
    store, uri = gap_graph
    gy = _both("network-asymmetry", store, uri, country="GY")
    assert _rows(gy, *NETWORK) == {
        # every recorded membership counts: Guyana (2018-2020) and Barima-Waini (2021-) are both members
        ("gy-compact", "national member with subnational members", "GY", "national", "endorser", None, "no-gap",
         "gap-doc: p. 102; gap-doc: p. 103; gap-doc: p. 104"),
        ("gy-compact", "subnational member with its nation", "GY-BA", "regional", "co-chair; signatory", None,
         "no-gap", "gap-doc: p. 102; gap-doc: p. 103; gap-doc: p. 104"),
        # no record read the circle's member list; Suriname is its national member
        ("gy-circle", "subnational member without its nation", "GY-DE.georgetown", "local", "member", NO_NATION,
         "not-covered", "gap-doc: p. 110"),
    }
    # the association of Guyana's regions is a member, but no government: never a row
    assert "gy-regions" not in set(gy["government"])
    sr = _both("network-asymmetry", store, uri, country="SR")
    assert _rows(sr, *NETWORK) == {
        # the compact's member list was read at the regional level (p. 101)
        ("gy-compact", "national member without subnational members", "SR", "national", "endorser", NO_SUBNATIONAL,
         "gap", "gap-doc: p. 101; gap-doc: p. 105"),
        ("gy-circle", "national member without subnational members", "SR", "national", "member", NO_SUBNATIONAL,
         "not-covered", "gap-doc: p. 109"),
    }


def test_network_asymmetry_made_up_as_of(gap_graph):
    store, uri = gap_graph
    # 2020: Barima-Waini has not joined (2021), the circle does not exist (2022); Guyana alone
    assert _rows(_both("network-asymmetry", store, uri, country="GY", as_of=2020), *NETWORK) == {
        ("gy-compact", "national member without subnational members", "GY", "national", "endorser", NO_SUBNATIONAL,
         "gap", "gap-doc: p. 101; gap-doc: p. 102")}
    # 2022: Guyana has left (2020); Barima-Waini is a signatory, not yet co-chair (2023)
    assert _rows(_both("network-asymmetry", store, uri, country="GY", as_of=2022), *NETWORK) == {
        ("gy-compact", "subnational member without its nation", "GY-BA", "regional", "signatory", NO_NATION, "gap",
         "gap-doc: p. 101; gap-doc: p. 103"),
        ("gy-circle", "subnational member without its nation", "GY-DE.georgetown", "local", "member", NO_NATION,
         "not-covered", "gap-doc: p. 110")}
    # 2025: later than the member list of 2024, which then covers nothing
    gy = _both("network-asymmetry", store, uri, country="GY", as_of=2025)
    assert _rows(gy, "network", "government", "role", "status") == {
        ("gy-compact", "GY-BA", "co-chair; signatory", "not-covered"),
        ("gy-circle", "GY-DE.georgetown", "member", "not-covered")}
    assert set(_both("network-asymmetry", store, uri, country="SR", as_of=2025)["status"]) == {"not-covered"}


# -- on the case material ---------------------------------------------------------------------

def test_target_misalignment_seoul_and_the_mexican_states(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # giz-cca §2.3: Seoul's net-zero vision for 2050; the material records no Korean national target
    kr = _both("target-misalignment", store, neo4j.url, country="KR")
    assert _rows(kr, "government", "national_target_year", "target_year", "commitment", "alignment", "status") == {
        ("KR-11", None, 2050, "kr-seoul-net-zero-2050", "no national target", "no-gap")}
    assert kr["source"].str.startswith("giz-cca: §2.3").all()
    # no Mexican state has a recorded net-zero target: one row each, none of them no-gap
    mx = run_query("target-misalignment", store=store, country="MX")
    assert set(mx["government"]) == _regional(store, "MX") and len(mx) == len(set(mx["government"]))
    assert set(mx["alignment"]) == {"missing"} and set(mx["status"]) <= STATUSES - {"no-gap"}


def test_network_asymmetry_under2_members_without_their_nation(catalogue_graph):
    _, store, neo4j = catalogue_graph
    us = _both("network-asymmetry", store, neo4j.url, country="US")
    assert set(us["network"]) == {"under2-coalition"}
    assert set(us["direction"]) == {"subnational member without its nation"}
    # one row per member: California's roles (signatory, 2018 co-chair) in one cell
    assert list(us["government"]).count("US-CA") == 1
    roles = us.loc[us["government"] == "US-CA", "role"].iloc[0].split("; ")
    assert {"signatory", "co-chair"} <= set(roles)
    assert "US" not in set(us["government"]) and set(us["status"]) <= {"gap", "not-covered"}
    assert all(SOURCE.match(s) for cell in us["source"] for s in cell.split("; "))


@pytest.mark.parametrize("country", ["NO", "DK"])
def test_network_asymmetry_national_endorsers_without_subnational_members(catalogue_graph, country):
    _, store, neo4j = catalogue_graph
    df = _both("network-asymmetry", store, neo4j.url, country=country)
    assert _rows(df, "network", "direction", "government", "level", "role") == {
        ("under2-coalition", "national member without subnational members", country, "national", "endorser")}


def test_network_asymmetry_mexico_sits_with_its_states(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # Mexico endorses Under2 and its states are members: every row is no-gap
    mx = _both("network-asymmetry", store, neo4j.url, country="MX")
    assert set(mx["status"]) == {"no-gap"} and mx["missing"].isna().all()
    assert ("under2-coalition", "national member with subnational members", "MX") in _rows(
        mx, "network", "direction", "government")
    # Friends of Cities and the China–US partnership admit only national members
    for country in ("CN", "US", "FR", "DE"):
        df = run_query("network-asymmetry", store=store, country=country)
        assert not set(df["network"]) & {"friends-of-cities", "cn-us-climate-partnership"}, country
