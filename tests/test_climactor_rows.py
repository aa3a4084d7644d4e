"""ClimActor rows that are one government written twice, or a state written as a city.

The made-up file tests/data/imports/climactor-state-named.csv (README there), read by hand:

- lines 2-4: the regions Zacatecas, Jalisco (tag "Under2 Coalition") and Yucatán (Under2Coalition2022):
  with lines 5 and 6, five rows carry Under2 tags, three of them regions: a network of regions.
- line 5: "Zacatecas", typed City, named like its state, with Carbonn2019 (a city's tag) and
  Under2Coalition2019 (the state's: line 2 records Zacatecas in Under2): the city keeps carbonn only.
- line 6: "Oaxaca", typed City, with CDPStates&Regions2020 (a list of states) and Under2Coalition2020
  (a network of regions): read as the state MX-OAX, with both.
- line 7: "Durango", typed City, with CDPCities2020 (a city list) and CDPStates&Regions2022 (a list of
  states): the city keeps its 2020 CDP report only; no 2022 report is asserted.
- line 8: "Chihuahua", typed City, named like its state with city tags only: a city, not reported.
- lines 9, 11, 12: "Ciudad Victoria", "Victoria", "Victoria (Tamaulipas)" in Tamaulipas: one town.
- lines 10, 13: "Uruapan del Progreso" and "Uruapan" in Michoacán: population 334,749 both, points
  4.1 km apart (19.41291, -102.0238 and 19.42039, -102.0618): one town.
- lines 14, 15: "Ejemplo" and "Ejemplo de Abajo" in Tlaxcala, 2.2 km apart, populations 20,000 and
  6,149: possible duplicates, two nodes.
- lines 16, 17: "Apodaca" and "Apodaca Norte" in Nuevo León, one point and one population: a name
  with "Norte" is another body, neither merged nor reported.
"""
from __future__ import annotations

import csv
import shutil

import pytest
from pyoxigraph import NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.ingest.imports import run_import
from cca_graph.ingest.imports.climactor import REGION_LISTS, read_tags

from .conftest import DATA, run_cli

FILE = DATA / "imports" / "climactor-state-named.csv"
ID = "https://w3id.org/cca-graph/id/"
SHOWN = "tests/data/imports/climactor-state-named.csv"


def test_every_list_of_states_is_a_shipped_tag():
    shipped = read_tags()
    assert REGION_LISTS <= set(shipped)
    assert all(shipped[t].kind in ("membership", "reporting", "programme") for t in REGION_LISTS)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    built = tmp_path_factory.mktemp("state-named") / "base"
    run_cli("build", "--graph", str(built), "--cases", str(DATA / "namesakes"), "--quiet")
    out = built.parent / "out"
    shutil.copytree(built, out, symlinks=True)
    report = run_import("climactor", FILE, out, name="2022-12")
    with open(out / "imports" / "climactor-2022-12.decisions.csv", encoding="utf-8", newline="") as fh:
        decisions = {int(r["line"]): (r["node"], r["method"]) for r in csv.DictReader(fh)}
    return out, report, decisions


def _memberships(out, member: str) -> set[tuple[str, str]]:
    df = run_sparql(open_store(out), "SELECT ?n ?l WHERE { ?m org:member ?g ; org:organization ?n ; "
                    "cca:citation/cca:locator ?l } ", {"g": NamedNode(ID + member)})
    return {(n[len(ID):], loc.split("tag ")[1].split(" (")[0].strip("'")) for n, loc in zip(df["n"], df["l"])}


def _details(report, start: str) -> list[str]:
    return next((d for what, d in report.details.items() if what.startswith(start)), [])


@pytest.mark.slow(reason="builds a small graph and imports a file into it (about 4 s)")
def test_a_city_row_with_the_states_tags_is_read_as_the_state_or_keeps_them_off(imported):
    out, report, decisions = imported
    assert decisions[6] == ("MX-OAX", "as-region")
    assert _memberships(out, "MX-OAX") == {("cdp-disclosure", "CDPStates&Regions2020"),
                                           ("under2-coalition", "Under2Coalition2020")}
    assert decisions[5] == ("MX.zacatecas", "created") and decisions[7] == ("MX.durango", "created")
    assert _memberships(out, "MX.zacatecas") == {("carbonn-reporters", "Carbonn2019")}
    assert _memberships(out, "MX.durango") == {("cdp-disclosure", "CDPCities2020")}
    assert _memberships(out, "MX-ZAC") == {("under2-coalition", "Under2 Coalition")}
    assert _memberships(out, "MX-DUR") == set()
    kept_off = _details(report, "city rows named like their state and carrying the state's tags among")
    assert [d.split(": name:")[0] for d in kept_off] == [f"{SHOWN}:5", f"{SHOWN}:7"]
    assert kept_off[0].endswith("not asserted: 'Under2Coalition2019'")
    assert "MX-ZAC is recorded in under2-coalition" in kept_off[0]
    assert kept_off[1].endswith("not asserted: 'CDPStates&Regions2022'")
    read_as = _details(report, "city rows named like their state and carrying the state's tags, read as")
    assert [d.split(": name:")[0] for d in read_as] == [f"{SHOWN}:6"]
    # a city named like its state with a city's tags only is the city, and not reported
    assert decisions[8] == ("MX.chihuahua", "created")
    assert not any(":8: " in d for d in kept_off + read_as)


@pytest.mark.slow(reason="builds a small graph and imports a file into it (about 4 s)")
def test_spellings_of_one_town_are_one_node_and_namesakes_are_reported_or_left(imported):
    out, report, decisions = imported
    assert {decisions[n][0] for n in (9, 11, 12)} == {"MX-TAM.victoria"}
    assert decisions[13] == ("MX-MIC.uruapan-del-progreso", "variant")
    merged = _details(report, "rows naming a place another row names otherwise")
    assert merged == [f"{SHOWN}:13: name: 'Uruapan' (MX-MIC) is MX-MIC.uruapan-del-progreso: one name extends "
                      "the other, same region; line 10; points 4.1 km apart, population 334,749 and 334,749"]
    assert _memberships(out, "MX-MIC.uruapan-del-progreso") == {
        ("gcom", "GlobalCovenantofMayors2019"), ("nazca", "NAZCA"), ("cdp-disclosure", "CDPCities2022")}
    # not enough to tell: two nodes, reported
    assert decisions[14] == ("MX-TLA.ejemplo", "created") and decisions[15] == ("MX-TLA.ejemplo-de-abajo", "created")
    possible = _details(report, "possible duplicates")
    assert len(possible) == 1 and possible[0].startswith(f"{SHOWN}:15: name: 'Ejemplo de Abajo'")
    assert "points 2.2 km apart, population 6,149 and 20,000" in possible[0]
    # another body: two nodes, not reported
    assert decisions[16][0] == "MX-NLE.apodaca" and decisions[17][0] == "MX-NLE.apodaca-norte"
    labels = run_sparql(open_store(out), "SELECT ?l WHERE { ?g a cca:Government ; rdfs:label ?l "
                        f"FILTER(STRSTARTS(STR(?g), \"{ID}MX-TAM.\")) }}")
    assert set(labels["l"]) == {"Ciudad Victoria"}
    governments = run_sparql(open_store(out), "SELECT ?g WHERE { ?g a cca:Government ; cca:level ?l . "
                             "?l skos:notation 'local' }")
    # lines 5, 7, 8, 9, 10, 14, 15, 16, 17 make a government each; 6, 11, 12, 13 none
    assert len(governments) == 9 + 3  # and the case material's two Valence and Lyon
