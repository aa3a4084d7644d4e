"""One thing, one node, across the real registries: a target two datasets state, a county two rows
name, an association of governments a registry lists as a government.

Expected values are read by hand from the real files (../shared/data):

- C2ES's US ``Target.csv`` and Net Zero Tracker's ``Target.csv`` state 19 of the same targets (same
  state, type, base year, target year and share), named below by their lines; C2ES has 52 US rows,
  Net Zero Tracker 45 of US states (lines 139-150, 234-253, 980-992), of which line 143 (US-GA, whose
  evidence is the NDC of the country Georgia) is reported as suspect and not imported: 77 targets in all.
- ClimActor (December 2022) lines 7948-7950: "Montgomery County, Maryland" (no state, Under2Coalition2022),
  "Montgomery County, MD" (Maryland, WeAreStillIn2019), "Montgomery County, MO" (Missouri, with line
  7949's point, area and population: 39.13333333, -77.2; 1271.68509; 1052567). The Under2 list of
  2017 prints 蒙哥马利县 (Montgomery County) under the United States, no state. The US Census
  county list has a Montgomery County in 18 states.
- ClimActor lines 7503/7504 (Metropolitan Washington Council of Governments, Region and City) and
  7536/7537 ("Mid-America Regional", City; "Mid-America Regional Council", Region).
- ClimActor lines 167, 8621, 9966: "Aguascalientes", "Oaxaca", "Queretaro", typed City, no state named,
  with tags of the state of that name (Under2, CDP's states and regions list); lines 3107, 13305, 13307
  ("Ciudad Victoria", "Victoria", "Victoria (Tamaulipas)", Tamaulipas) and 12954, 14302 ("Uruapan del
  Progreso", "Uruapan", Michoacan, population 334749 both, points 4.1 km apart): one town each.
- No row of any file is in South Dakota; ClimActor's US rows name 48 states and Puerto Rico (not
  North or South Dakota), Net Zero Tracker has North Dakota (line 989), and "Washington D.C." is
  the District of Columbia.
"""
from __future__ import annotations

import hashlib
import shutil

import pytest
from pyoxigraph import Literal, NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.ingest.imports import run_import

from .conftest import CLIMACTOR_FILE as CLIMACTOR
from .conftest import REPO

OPENCLIMATE = REPO.parent / "shared" / "data" / "openclimate"
NET_ZERO_TRACKER = OPENCLIMATE / "net_zero_tracker"
C2ES_US = OPENCLIMATE / "C2ES_US_ghg_targets"
ID = "https://w3id.org/cca-graph/id/"

#: (C2ES line, Net Zero Tracker line, the target) for the targets both state, read by hand
SAME = [
    (3, 234, "US-CA", 2030, 1990, 40), (5, 235, "US-CO", 2025, 2005, 26), (7, 139, "US-CO", 2050, 2005, 90),
    (10, 237, "US-DE", 2025, 2005, 26), (13, 240, "US-LA", 2025, 2005, 26), (18, 242, "US-MD", 2031, 2006, 60),
    (20, 243, "US-ME", 2030, 1990, 45), (22, 244, "US-MI", 2025, 2005, 28), (24, 245, "US-MN", 2025, 2005, 30),
    (25, 144, "US-MN", 2050, 2005, 80), (32, 247, "US-NV", 2025, 2005, 28), (35, 248, "US-NY", 2030, 1990, 40),
    (37, 249, "US-OR", 2035, 1990, 45), (38, 146, "US-OR", 2050, 1990, 80), (39, 250, "US-PA", 2025, 2005, 26),
    (40, 147, "US-PA", 2050, 2005, 80), (46, 252, "US-VT", 2025, 2005, 26), (48, 150, "US-VT", 2050, 1990, 80),
    (50, 253, "US-WA", 2030, 1990, 45),
]
#: targets of the same state and year that differ, so stay two: (state, year, (base, share) per dataset)
DIFFERENT = [("US-CT", 2030, {(2001, 45), (1990, 45)}),   # C2ES line 8, Net Zero Tracker line 236: base year
             ("US-MA", 2030, {(1990, 50), (1990, 45)}),   # C2ES line 17, Net Zero Tracker line 241: share
             ("US-RI", 2050, {(1990, 100), (1990, 80)})]  # C2ES line 45, Net Zero Tracker line 148: share

_STATE_TARGETS = """SELECT ?t ?key ?locator WHERE {
  ?t a cca:Commitment ; cca:committedBy ?g ; cca:citation ?c .
  ?c dcterms:source ?s ; cca:locator ?locator . ?s dcterms:identifier ?key .
  FILTER(REGEX(STR(?g), "/id/US-[A-Z]{2}$"))
}"""


def _citations(out) -> set[tuple[str, str, str]]:
    df = run_sparql(open_store(out), _STATE_TARGETS)
    return {(t[len(ID):], key, locator) for t, key, locator in zip(df["t"], df["key"], df["locator"])}


def _lines(report, what: str) -> list[int]:
    return [int(d.split(":")[1]) for d in report.details.get(what, [])]


@pytest.fixture(scope="module")
def both_orders(tmp_path_factory):
    """A small graph (the United States only) with Net Zero Tracker then C2ES, and the other way round."""
    root = tmp_path_factory.mktemp("targets-both-orders")
    cases = root / "cases"
    (cases / "us").mkdir(parents=True)
    (cases / "sources.yaml").write_text("sources:\n  - {key: d, title: D, publisher: P, year: 2024}\n"
                                        "  - {key: iso-3166, title: ISO 3166, publisher: ISO, year: 2026}\n")
    (cases / "us" / "us.yaml").write_text("records:\n  - {id: US, type: Government, label: United States, "
                                          "level: national, iso: US, source: {doc: d, locator: p. 1}}\n")
    reports = {}
    for order, folders in (("nzt-first", (NET_ZERO_TRACKER, C2ES_US)), ("c2es-first", (C2ES_US, NET_ZERO_TRACKER))):
        for folder in folders:
            reports[order, folder.name] = run_import("targets", folder, root / order, [cases])
    return root, cases, reports


WHAT = "targets another dataset states too, one target citing both"


def test_a_target_two_datasets_state_is_one_target_citing_both(both_orders):
    root, _, reports = both_orders
    cited = _citations(root / "nzt-first")
    targets = {t for t, _, _ in cited}
    assert len(targets) == 52 + (45 - 1) - 19 == 77
    for c2es, nzt, state, year, base, share in SAME:
        target = f"target.{state}.emissions-reduction.{year}.vs{base}.{share}-percent"
        assert {(key, locator.split(",")[0]) for t, key, locator in cited if t == target} == {
            ("c2es-us-ghg-targets", f"Target.csv line {c2es}"), ("net-zero-tracker", f"Target.csv line {nzt}")}
    for state, year, stated in DIFFERENT:
        assert {f"target.{state}.emissions-reduction.{year}.vs{base}.{share}-percent" for base, share in stated} \
            <= targets
    # each merge is reported by the import that comes second, at its own line
    assert _lines(reports["nzt-first", "C2ES_US_ghg_targets"], WHAT) == [c2es for c2es, *_ in SAME]
    assert sorted(_lines(reports["c2es-first", "net_zero_tracker"], WHAT)) == sorted(nzt for _, nzt, *_ in SAME)
    assert WHAT not in reports["nzt-first", "net_zero_tracker"].notes
    first = reports["nzt-first", "C2ES_US_ghg_targets"].details[WHAT][0]
    assert first.endswith("Target.csv:3: target_id: C2ES:US-CA:2030 states target.US-CA.emissions-reduction.2030."
                          "vs1990.40-percent, which net-zero-tracker (Target.csv line 234, target "
                          "net_zero_tracker:US-CA:2030) states too")


def test_the_same_targets_whichever_dataset_comes_first_and_again(both_orders):
    root, cases, _ = both_orders
    cited = _citations(root / "nzt-first")
    assert _citations(root / "c2es-first") == cited
    again = root / "again"
    shutil.copytree(root / "nzt-first", again, symlinks=True)
    report = run_import("targets", C2ES_US, again, [cases])
    assert _citations(again) == cited
    assert len(report.details[WHAT]) == 19


_PLANS = """SELECT ?plan ?label ?key ?locator ?url ?target WHERE {
  ?plan cca:adoptedBy id:US-MI ; cca:instrumentType instrument-type:climate-action-plan ; rdfs:label ?label ;
        cca:implements ?target ; cca:citation ?c . ?c cca:locator ?locator ; dcterms:source/dcterms:identifier ?key ;
        schema:url ?url }"""


def test_a_draft_plan_and_its_final_version_are_one_plan(both_orders):
    # Michigan's Healthy Climate Plan, read by hand: Net Zero Tracker lines 244 (28 % below 2005 by 2025) and 987
    # (climate neutral by 2050) cite the draft (.../documents/egle/Draft-MI-Healthy-Climate-Plan_745872_7.pdf), C2ES
    # US lines 22 (28 % below 2005 by 2025) and 23 (52 % below 2005 by 2030) the plan as published
    # (.../egle/-/media/.../MI-Healthy-Climate-Plan.pdf?rev=...), both on www.michigan.gov
    root, _, reports = both_orders
    draft = "https://www.michigan.gov/documents/egle/Draft-MI-Healthy-Climate-Plan_745872_7.pdf"
    final = ("https://www.michigan.gov/egle/-/media/Project/Websites/egle/Documents/Offices/OCE/MI-Healthy-Climate-"
             "Plan.pdf?rev=d13f4adc2b1d45909bd708cafccbfffa")
    for order, first in (("nzt-first", draft), ("c2es-first", final)):
        df = run_sparql(open_store(root / order), _PLANS)
        assert set(df["plan"]) == {ID + "plan.US-MI." + hashlib.sha1(first.encode()).hexdigest()[:10]}, order
        assert set(df["label"]) == {f"US-MI: plan documented at {first}"}
        assert {(k, loc.split(",")[0], url) for k, loc, url in zip(df["key"], df["locator"], df["url"])} == {
            ("net-zero-tracker", "Target.csv line 244", draft), ("net-zero-tracker", "Target.csv line 987", draft),
            ("c2es-us-ghg-targets", "Target.csv line 22", final), ("c2es-us-ghg-targets", "Target.csv line 23", final)}
        assert {t[len(ID):] for t in df["target"]} == {
            "target.US-MI.emissions-reduction.2025.vs2005.28-percent",
            "target.US-MI.emissions-reduction.2030.vs2005.52-percent", "target.US-MI.carbon-neutrality.2050"}
    # the second import says which address it read as the first one's plan
    said = reports["nzt-first", "C2ES_US_ghg_targets"].details[
        "addresses of one plan document (a draft and its final version), one plan"]
    assert [d.split("Target.csv:", 1)[1] for d in said] == [
        f"22: URL: {draft} is the document of plan.US-MI.{hashlib.sha1(draft.encode()).hexdigest()[:10]} ({final})"]


# -- ClimActor and the Under2 list, on the graph of every registry -----------------------------------

def _decision(out, name: str, line: int, actor: str | None = None) -> tuple[str, str]:
    """How the import ``name`` resolved the row at ``line`` (the actor ``actor`` of it, when a line holds several)."""
    import csv

    with open(out / "imports" / f"{name}.decisions.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if int(r["line"]) == line and actor in (None, r["name"]))
    return row["node"], row["method"]


def _labelled(out, *labels: str) -> set[str]:
    df = run_sparql(open_store(out), "SELECT DISTINCT ?g WHERE { ?g rdfs:label ?l . FILTER(STR(?l) IN ("
                    + ", ".join(f'"{label}"' for label in labels) + ")) }")
    return {g[len(ID):] for g in df["g"]}


def test_montgomery_county_maryland_is_one_node_in_maryland(registry_graph):
    out, reports = registry_graph
    # the case material's Montgomery County of the 2017 list names no state; line 7948 names Maryland and
    # carries the Under2 tag: the shared network makes them one, and Maryland's next row finds it there
    assert _decision(out, "climactor-2022-12", 7948) == ("US.montgomery-county", "network")
    assert _decision(out, "climactor-2022-12", 7949) == ("US.montgomery-county", "name-in-region")
    df = run_sparql(open_store(out), "SELECT ?n WHERE { ?m org:member ?g ; org:organization ?n }",
                    {"g": NamedNode(ID + "US.montgomery-county")})
    assert sorted(set(n[len(ID):] for n in df["n"])) == ["under2-coalition", "we-are-still-in"]
    assert _labelled(out, "Montgomery County, Maryland", "Montgomery County, MD") <= {"US.montgomery-county"}
    notes = reports["climactor-2022-12"].details["counties the graph holds with no state, matched by a row naming "
                                                 "the state and a network the county is recorded in"]
    assert [n.split(":", 2)[1] for n in notes] == ["7948"]


def test_a_county_with_no_state_or_with_a_namesakes_figures_is_reported_not_guessed(registry_graph):
    out, reports = registry_graph
    # the Under2 list prints only 蒙哥马利县 under the United States
    line = next(int(d.split(":")[1]) for d in reports["under2-roster"].details["ambiguous names, not imported"]
                if "'Montgomery County'" in d)
    assert _decision(out, "under2-roster", line, "Montgomery County") == ("", "ambiguous")
    assert any("'Montgomery County' (US): no state given, and 18 states have a county of this name" in d
               for d in reports["under2-roster"].details["ambiguous names, not imported"])
    # "Montgomery County, MO" carries Maryland's county's point and population: suspect, not asserted
    assert _decision(out, "climactor-2022-12", 7950) == ("", "suspect")
    suspect = [s for s in reports["climactor-2022-12"].suspects if s["line"] == 7950]
    assert [s["reason"] for s in suspect] == ["a county row with the figures of a namesake county's row"]
    assert "line 7949, 'Montgomery County, MD'" in suspect[0]["detail"]
    assert _labelled(out, "Montgomery County, MO") == set()
    # a county whose point alone lies in a namesake's state keeps its own (Douglas County, KS: line 3848)
    assert _decision(out, "climactor-2022-12", 3848) == ("US-KS.douglas-county", "created")


@pytest.mark.parametrize("lines, node, label, networks", [
    ((7503, 7504), "US.metropolitan-washington-council-of-governments", "Metropolitan Washington Council of Governments",
     {("cdp-disclosure", 2020)}),
    ((7536, 7537), "US.mid-america-regional-council", "Mid-America Regional Council",
     {("cdp-disclosure", 2020), ("cdp-disclosure", 2022), ("gcom", 2022)}),
])
def test_a_council_of_governments_is_one_organisation_of_local_governments(registry_graph, lines, node, label,
                                                                           networks):
    out, _ = registry_graph
    assert {_decision(out, "climactor-2022-12", line) for line in lines} == {(node, "association")}
    store = open_store(out)
    df = run_sparql(store, "SELECT ?type ?level ?country ?kind ?label WHERE { ?o a ?type ; rdfs:label ?label . "
                    "OPTIONAL { ?o cca:representsLevel/skos:notation ?level } OPTIONAL { ?o cca:country ?country } "
                    "OPTIONAL { ?o dcterms:type ?kind } }", {"o": NamedNode(ID + node)})
    assert set(zip(df["type"], df["level"], df["country"], df["kind"], df["label"])) == {
        ("https://w3id.org/cca-graph/ontology#Organization", "local", ID + "US", "council of governments", label)}
    governments = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; rdfs:label ?l . "
                             "FILTER(CONTAINS(STR(?l), ?name)) }", {"name": Literal(label.split(" Council")[0])})
    assert governments.empty, governments
    df = run_sparql(store, "SELECT ?n ?year WHERE { ?m org:member ?o ; org:organization ?n ; cca:observedYear ?year }",
                    {"o": NamedNode(ID + node)})
    assert {(n[len(ID):], int(y)) for n, y in zip(df["n"], df["year"])} == networks


@pytest.mark.parametrize("lines, node, kind", [
    # ClimActor line 3933: a water utility, a special district (ebmud.com); line 12822: the Twin Cities'
    # regional planning agency, appointed by Minnesota's governor (metrocouncil.org): both typed City
    ((3933,), "US.east-bay-municipal-utility-district", "special-purpose district (public water utility)"),
    ((12822,), "US.twin-cities-metropolitan-council", "metropolitan planning agency"),
    # lines 192 and 5810: bodies Jalisco's municipalities set up together (an intermunicipal association,
    # an intermunicipal board), not municipalities
    ((192,), "MX.aipromades-lago-de-chapala", "intermunicipal association"),
    ((5810,), "MX.jinor", "intermunicipal association"),
])
def test_a_public_body_that_is_not_a_government_is_an_organisation(registry_graph, lines, node, kind):
    out, _ = registry_graph
    assert {_decision(out, "climactor-2022-12", line) for line in lines} == {(node, "association")}
    store = open_store(out)
    df = run_sparql(store, "SELECT ?type ?kind WHERE { ?o a ?type ; dcterms:type ?kind }", {"o": NamedNode(ID + node)})
    assert set(zip(df["type"], df["kind"])) == {("https://w3id.org/cca-graph/ontology#Organization", kind)}
    name = node.split(".", 1)[1].replace("-", " ")
    governments = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; rdfs:label ?l . "
                             "FILTER(CONTAINS(LCASE(STR(?l)), ?name)) }", {"name": Literal(name)})
    assert governments.empty, governments


def test_the_us_regional_governments_are_the_states_dc_and_puerto_rico(registry_graph):
    out, _ = registry_graph
    df = run_sparql(open_store(out), "SELECT DISTINCT ?g WHERE { ?g a cca:Government ; cca:partOf+ id:US ; "
                    "cca:level/skos:notation 'regional' }")
    states = ("AK AL AR AZ CA CO CT DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV "
              "NY OH OK OR PA RI SC TN TX UT VA VT WA WI WV WY").split()
    assert len(states) == 49 and "SD" not in states  # no row of any file is in South Dakota
    assert sorted(g[len(ID):] for g in df["g"]) == sorted([f"US-{s}" for s in states] + ["US-DC", "US-PR"])


def test_a_city_at_a_namesakes_point_stays_in_the_state_it_names(registry_graph):
    # ClimActor line 3232: "Columbia, SC", state South Carolina, admin_1 "Richland County, SC", population
    # 133,358, but the point 38.946, -92.471 is near Columbia, Missouri (line 3231: "Columbia, MO", 121,717).
    # GeoNames has a Columbia of that size in South Carolina (4575352): the row is South Carolina's capital,
    # its coordinates a namesake's. It was merged into Columbia, Missouri
    out, reports = registry_graph
    assert _decision(out, "climactor-2022-12", 3231)[0] == "US-MO.columbia"
    assert _decision(out, "climactor-2022-12", 3232)[0] == "US-SC.columbia"
    conflicts = [c for c in reports["climactor-2022-12"].conflicts if c["line"] == 3232]
    assert conflicts and conflicts[0]["settled"].startswith("US-SC kept")


def _real_rows(*lines: int) -> dict[int, dict]:
    """The rows at ``lines`` of ClimActor's December 2022 file, read by the csv module (cp1252 where not UTF-8)."""
    import csv

    text = []
    for raw in CLIMACTOR.read_bytes().splitlines(keepends=True):
        try:
            text.append(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            text.append(raw.decode("cp1252", errors="replace"))
    reader = csv.DictReader(text)
    return {reader.line_num: row for row in reader if reader.line_num in lines}


def _noted(report, start: str) -> dict[int, str]:
    """The lines a note of the report lists (its details say ``path:line: name: ...``), with their detail."""
    details = next((d for what, d in report.details.items() if what.startswith(start)), [])
    return {int(d.split(":")[1]): d for d in details}


def test_a_city_row_named_like_its_state_with_the_states_tags_is_reported(registry_graph):
    # lines 167, 8621, 9966: typed City, no state named, named like the Mexican states; read by hand:
    # 167 Carbonn2019;Under2Coalition2019 (the Under2 list of 2017 names the state Aguascalientes);
    # 8621 CDPStates&Regions2020;Under2Coalition2021;Under2Coalition2020 (no city tag);
    # 9966 CDPCities2020;Under2Coalition2020;CDPStates&Regions2020;Under2Coalition2021;Under2Coalition2020
    out, reports = registry_graph
    rows = _real_rows(167, 8621, 9966)
    assert [(rows[n]["name"], rows[n]["entity_type"], rows[n]["state"]) for n in (167, 8621, 9966)] == [
        ("Aguascalientes", "City", "NA"), ("Oaxaca", "City", "NA"), ("Queretaro", "City", "NA")]
    report = reports["climactor-2022-12"]
    kept_off = _noted(report, "city rows named like their state and carrying the state's tags among")
    read_as = _noted(report, "city rows named like their state and carrying the state's tags, read as")
    assert {167, 9966} <= set(kept_off) and 8621 in read_as
    assert kept_off[167].endswith("not asserted: 'Under2Coalition2019'")
    assert _decision(out, "climactor-2022-12", 8621) == ("MX-OAX", "as-region")
    df = run_sparql(open_store(out), "SELECT ?g ?n WHERE { VALUES ?g { id:MX.aguascalientes id:MX.queretaro } "
                    "?m org:member ?g ; org:organization ?n }")
    assert {(g[len(ID):], n[len(ID):]) for g, n in zip(df["g"], df["n"])} == {
        ("MX.aguascalientes", "carbonn-reporters"), ("MX.queretaro", "cdp-disclosure")}


def test_two_spellings_of_one_mexican_town_are_one_node(registry_graph):
    # read by hand: 3107 "Ciudad Victoria", 13305 "Victoria", 13307 "Victoria (Tamaulipas)", all in Tamaulipas
    # (13305 and 13307 at one point, 23.73333, -99.13333; 3107 at 23.731939, -99.150818); 12954 "Uruapan del
    # Progreso" and 14302 "Uruapan", Michoacan, both population 334749, points 4.1 km apart
    out, reports = registry_graph
    rows = _real_rows(3107, 13305, 13307, 12954, 14302)
    assert {rows[n]["state"] for n in (3107, 13305, 13307)} == {"Tamaulipas"}
    assert rows[12954]["population"] == rows[14302]["population"] == "334749"
    assert {_decision(out, "climactor-2022-12", n)[0] for n in (3107, 13305, 13307)} == {"MX-TAM.victoria"}
    assert _decision(out, "climactor-2022-12", 14302) == ("MX-MIC.uruapan-del-progreso", "variant")
    merged = _noted(reports["climactor-2022-12"], "rows naming a place another row names otherwise")
    assert "line 12954; points 4.1 km apart, population 334,749 and 334,749" in merged[14302]
    # Ali and Ali Terme (lines 404-405) share a population but are two comuni GeoNames knows: two nodes
    assert _decision(out, "climactor-2022-12", 404)[0] != _decision(out, "climactor-2022-12", 405)[0]
