"""Registry targets titled by the government they land on, and a city whose region field names no subdivision.

Expected values are read by hand from the registry files (../shared/data):

- Net Zero Tracker's Target.csv (openclimate/net_zero_tracker) line 276: ``net_zero_tracker:MX LEN:2030``,
  ``MX LEN``, absolute emission reduction of 58 percent against 2017 by 2030; line 1109:
  ``net_zero_tracker:ZA PRY:2050``, ``ZA PRY``, net zero by 2050. UNECE's code list spells MX LEN "Léon"
  and names ZA PRY Pretoria.
- ClimActor's December 2022 file (climactor, cp1252) line 6633: "Leon, Mexico", state Guanajuato, the
  government MX-GUA.leon; Tshwane is ``label: {en: Tshwane}`` in loaders/south-africa/cities.yaml.
- ClimActor line 8953: "Ottawa", state "National Capital Region" (not in ISO 3166-2), at 45.424722,
  -75.695; line 8954: "Ottawa, ON", state Ontario, admin_1 "National Capital Region". Ottawa lies in
  Ontario, CA-ON.
"""
from __future__ import annotations

import csv

from pyoxigraph import NamedNode

from cca_graph import open_store, run_sparql

ID = "https://w3id.org/cca-graph/id/"

_TARGET = """SELECT ?label ?locator WHERE {
  ?t rdfs:label ?label ; cca:citation ?c . ?c cca:locator ?locator FILTER (CONTAINS(?locator, "Target.csv"))
}"""


def _target(store, tid: str) -> tuple[list[str], list[str]]:
    found = run_sparql(store, _TARGET, {"t": NamedNode(ID + tid)})
    return sorted(set(map(str, found["label"]))), sorted(set(map(str, found["locator"])))


def test_a_city_target_is_titled_by_the_government_it_lands_on(registry_graph):
    out, _ = registry_graph
    store = open_store(out)
    labels, locators = _target(store, "target.MX-GUA.leon.emissions-reduction.2030.vs2017.58-percent")
    assert labels == ["Leon, Mexico: absolute emission reduction 58% vs 2017 by 2030"]
    # the registry's spelling and code stay in the locator
    assert locators == ["Target.csv line 276, target net_zero_tracker:MX LEN:2030, Léon (MX LEN)"]
    labels, locators = _target(store, "target.ZA-GP.tshwane.net-zero.2050")
    assert labels == ["Tshwane: net zero by 2050"]
    assert "Target.csv line 1109, target net_zero_tracker:ZA PRY:2050, Pretoria (ZA PRY)" in locators


def _decisions(out, lines: set[int]) -> dict[int, tuple[str, str]]:
    with open(out / "imports" / "climactor-2022-12.decisions.csv", encoding="utf-8", newline="") as fh:
        return {int(r["line"]): (r["node"], r["method"]) for r in csv.DictReader(fh) if int(r["line"]) in lines}


def test_a_region_field_naming_no_subdivision_leaves_the_city_where_its_coordinates_lie(registry_graph):
    out, reports = registry_graph
    store = open_store(out)
    parents = run_sparql(store, "SELECT ?p WHERE { ?g cca:partOf ?p }", {"g": NamedNode(ID + "CA-ON.ottawa")})
    assert list(parents["p"]) == [ID + "CA-ON"]
    assert run_sparql(store, "SELECT ?p WHERE { ?g ?p ?o }", {"g": NamedNode(ID + "CA.ottawa")}).empty
    # the first row places it, the second finds it by its GeoNames id
    assert _decisions(out, {8953, 8954}) == {8953: ("CA-ON.ottawa", "created"), 8954: ("CA-ON.ottawa", "geonames")}
    conflict = next(c for c in reports["climactor-2022-12"].conflicts if c["line"] == 8953)
    # GeoNames 6094817 is Ottawa, Ontario
    assert conflict["settled"] == "CA-ON: the gazetteer places the coordinates there, at the GeoNames place 'Ottawa' (6094817)"
    assert "'National Capital Region'" in conflict["values"]
