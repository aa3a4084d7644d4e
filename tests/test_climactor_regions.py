"""ClimActor's region rows resolved to the node that exists: spellings, groupings, a misplaced municipality.

Expected values are read by hand from ClimActor's December 2022 file (../shared/data/climactor,
``subnational_contextuals_database_Dec2022.csv``, cp1252) and from ISO 3166-2:

- line 7551: "Migayi Prefecture", Region, Japan, population 2,337,514: Miyagi, JP-04 (g and y swapped);
- line 2939: "Chattisgargh", Region, India, population 25,500,000: Chhattisgarh, IN-CG; line 4147
  "Estado do Espirito Santo" and line 4148 "Estado do Rio Grande do Sul", both Under2Coalition2022,
  beside lines 4133 "Espirito Santo" and 10210 "Rio Grande do Sul" with the same area and population;
- line 3388 "Cooperation Area Aller-Leine-Tal" (Region, Germany), line 10057 "RAP Pacifico" (Region,
  Colombia, population 8,237,407), line 861 "Assembly of Regions of Cote d'Ivoire (ARDCI)" (Region),
  lines 3318 and 3320 "Comunidade Inter do Tamega e Sousa", "Comunidade Intermunicipal do Medio Tejo"
  (Region, Portugal), line 3319 "Comunidade Intermunicipal do Alentejo Central" (City);
- line 8124 "Municipality of Centro", state "State of Mexico", population 683,607 (2020), which is
  Centro, Tabasco's 2020 census count; line 2818 "Centro", Tabasco;
- lines 7948-7949 "Montgomery County, Maryland" (no state, Under2Coalition2022) and "Montgomery County,
  MD" (Maryland, WeAreStillIn2019); the Under2 list of 2017 prints 蒙哥马利县 (Montgomery County) under
  the United States, no state.

Japan has 47 prefectures, Brazil 26 states and a federal district (ISO 3166-2).
"""
from __future__ import annotations

import csv

import pytest
from pyoxigraph import Literal, NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.ingest.imports.resolve import edit_distance, spelled_subdivision

ID = "https://w3id.org/cca-graph/id/"
IMPORT = "climactor-2022-12"


def _decision(out, line: int) -> tuple[str, str, str]:
    with open(out / "imports" / f"{IMPORT}.decisions.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if int(r["line"]) == line)
    return row["node"], row["method"], row["detail"]


# -- the rule, on names whose subdivision ISO 3166-2 gives ----------------------------------------------

@pytest.mark.parametrize("a, b, expected", [
    ("migayi", "miyagi", 2),          # two letters changed (not neighbours)
    ("chattisgargh", "chhattisgarh", 2),
    ("shanaxi", "shanxi", 1),         # a letter more
    ("shanaxi", "shaanxi", 1),        # two neighbours swapped: one edit
    ("miyagi", "miyagi", 0),
])
def test_edit_distance_counts_a_swap_of_neighbours_as_one(a, b, expected):
    assert edit_distance(a, b) == expected


@pytest.mark.parametrize("country, name, expected", [
    ("JP", "Migayi Prefecture", (["JP-04"], 2, "Miyagi")),
    ("IN", "Chattisgargh", (["IN-CG"], 2, "Chhattīsgarh")),
    ("BR", "Estado do Espirito Santo", (["BR-ES"], 0, "Espírito Santo")),
    ("BR", "Estado do Rio Grande do Sul", (["BR-RS"], 0, "Rio Grande do Sul")),
    ("US", "State of Virginia", (["US-VA"], 0, "Virginia")),
    # ISO 3166-2 writes Chinese provinces with "Sheng", Swedish counties with "län"
    ("CN", "Hainan Province", (["CN-HI"], 0, "Hainan Sheng")),
    ("SE", "Dalarnas County", (["SE-W"], 0, "Dalarnas län [SE-20]")),
    # an exact name wins over a neighbour one letter off (Shanxi, not Shaanxi)
    ("CN", "Shanxi", (["CN-SX"], 0, "Shanxi Sheng")),
    # as near to Shaanxi as to Shanxi: ambiguous, never a guess
    ("CN", "Shanaxi", (["CN-SN", "CN-SX"], 1, "")),
    # short names get no slack: Gao is no misspelling of Goa
    ("IN", "Gao", ([], 0, "")),
    ("CO", "RAP Pacifico", ([], 0, "")),
])
def test_a_region_name_spelled_otherwise_finds_its_subdivision(country, name, expected):
    assert spelled_subdivision(country, name) == expected


# -- the import of the real file -------------------------------------------------------------------------

@pytest.mark.parametrize("line, code, edits", [(7551, "JP-04", "2 letters off"), (2939, "IN-CG", "2 letters off"),
                                               (4147, "BR-ES", "generic words"), (4148, "BR-RS", "generic words")])
def test_region_rows_spelled_otherwise_are_the_subdivision(registry_graph, line, code, edits):
    out, reports = registry_graph
    node, method, detail = _decision(out, line)
    assert (node, method) == (code, "iso-3166-spelling")
    assert edits in detail
    notes = reports[IMPORT].details["region rows read as the ISO 3166-2 subdivision their name spells otherwise"]
    assert any(n.split(":", 2)[1] == str(line) and f"is {code}" in n for n in notes)


@pytest.mark.parametrize("country, expected", [("JP", 47), ("BR", 27)])
def test_a_country_has_as_many_regional_governments_as_iso_3166_2_gives(registry_graph, country, expected):
    out, _ = registry_graph
    df = run_sparql(open_store(out), "SELECT DISTINCT ?g WHERE { ?g a cca:Government ; cca:partOf ?c ; "
                    "cca:level/skos:notation 'regional' }", {"c": NamedNode(ID + country)})
    assert len(df) == expected, sorted(df["g"])


@pytest.mark.parametrize("lines, node, kind, level", [
    ((3388,), "DE.cooperation-area-aller-leine-tal", "intermunicipal cooperation area", "local"),
    ((10057,), "CO.rap-pacifico", "administrative and planning region (association of departments)", "regional"),
    ((3318,), "PT.comunidade-intermunicipal-do-tamega-e-sousa", "intermunicipal community", "local"),
    ((3319,), "PT.comunidade-intermunicipal-do-alentejo-central", "intermunicipal community", "local"),
    ((3320,), "PT.comunidade-intermunicipal-do-medio-tejo", "intermunicipal community", "local"),
])
def test_a_grouping_of_governments_is_an_organisation(registry_graph, lines, node, kind, level):
    out, _ = registry_graph
    assert {_decision(out, line)[:2] for line in lines} == {(node, "association")}
    store = open_store(out)
    df = run_sparql(store, "SELECT ?type ?kind ?level WHERE { ?o a ?type ; dcterms:type ?kind ; "
                    "cca:representsLevel/skos:notation ?level }", {"o": NamedNode(ID + node)})
    assert set(zip(df["type"], df["kind"], df["level"])) == {(ID.replace("/id/", "/ontology#") + "Organization",
                                                               kind, level)}
    name = node.split(".", 1)[1].replace("-", " ")
    governments = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; rdfs:label ?l . "
                             "FILTER(CONTAINS(LCASE(STR(?l)), ?name)) }", {"name": Literal(name)})
    assert governments.empty, governments


def test_ardci_is_the_case_materials_organisation(registry_graph):
    out, _ = registry_graph
    assert _decision(out, 861)[:2] == ("CI.ardci", "association")
    df = run_sparql(open_store(out), "SELECT ?g WHERE { ?g a cca:Government ; rdfs:label ?l . "
                    "FILTER(CONTAINS(STR(?l), 'ARDCI')) }")
    assert df.empty, df


def test_centro_placed_in_the_state_of_mexico_is_centro_tabasco(registry_graph):
    out, _ = registry_graph
    assert _decision(out, 2818)[:2] == ("MX-TAB.centro", "created")
    node, method, detail = _decision(out, 8124)
    assert (node, method) == ("MX-TAB.centro", "alias")
    assert "683,607" in detail
    df = run_sparql(open_store(out), "SELECT ?g WHERE { ?g a cca:Government ; cca:partOf id:MX-MEX ; rdfs:label ?l . "
                    "FILTER(CONTAINS(STR(?l), 'Centro')) }")
    assert df.empty, df


def test_montgomery_county_of_the_under2_list_is_marylands(registry_graph):
    out, reports = registry_graph
    node, method, detail = _decision(out, 7948)
    assert (node, method) == ("US.montgomery-county", "network")
    assert "under2-coalition" in detail and "US-MD" in detail
    assert _decision(out, 7949)[:2] == ("US.montgomery-county", "name-in-region")
    store = open_store(out)
    df = run_sparql(store, "SELECT DISTINCT ?n WHERE { ?m org:member id:US.montgomery-county ; org:organization ?n }")
    assert sorted(n[len(ID):] for n in df["n"]) == ["under2-coalition", "we-are-still-in"]
    df = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; rdfs:label ?l . "
                    "FILTER(STRSTARTS(STR(?l), 'Montgomery County')) }")
    assert sorted(g[len(ID):] for g in df["g"]) == ["US.montgomery-county"]
