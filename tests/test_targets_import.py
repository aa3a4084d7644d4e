"""The targets import (cca_graph/ingest/imports/openclimate.py): cities keyed by UN/LOCODE, the
LOCODE table's checks, plans named by a target's URL, and the registries' evidence for
pledge-integrity.

The real files are ../shared/data/openclimate/ (Net Zero Tracker, C2ES) and ClimActor; the LOCODE
table is tests/data/locodes/locodes.csv, written by hand from UN/LOCODE's code list.
"""
from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from cca_graph import open_store
from cca_graph.errors import InputError
from cca_graph.ingest.imports import run_import
from cca_graph.ingest.imports.openclimate import names_a_plan, read_locodes
from cca_graph.query.catalogue import run_query

from .conftest import DATA, REPO

SHARED = REPO.parent / "shared" / "data"
NET_ZERO_TRACKER = SHARED / "openclimate" / "net_zero_tracker"
C2ES_US = SHARED / "openclimate" / "C2ES_US_ghg_targets"
CLIMACTOR = SHARED / "climactor" / "subnational_contextuals_database_Dec2022.csv"
LOCODES = DATA / "locodes" / "locodes.csv"
ID = "https://w3id.org/cca-graph/id/"


def _locode_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if re.fullmatch(r"[A-Z]{2} [A-Z0-9]{3}", row["actor_id"])]


# -- fast: the LOCODE table and the plan rule ------------------------------------------------

def test_the_locode_table_of_the_tests_reads_whole():
    problems = []
    table = read_locodes(LOCODES, lambda *p: problems.append(p))
    assert problems == []
    assert table["CA CAL"] == {"name": "Calgary", "country": "CA", "parent": "CA-AB", "line": 3}
    # the suffix as UN/LOCODE writes it and the full ISO 3166-2 code mean the same
    assert table["BG SOF"]["parent"] == "BG-22" and table["ES BCN"]["parent"] == "ES-B"


def test_a_locode_table_with_faults_reports_each_at_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("locode,name,country,subdivision\n"
                    "BGSOF,Sofia,BG,\n"           # no space
                    "CA CAL,,CA,AB\n"             # no name
                    "CA OTT,Ottawa,US,ON\n"       # not the LOCODE's country
                    "CA WNP,Winnipeg,CA,XX\n"     # no such subdivision of Canada
                    "CA CAL,Calgary,CA,AB\n"      # listed twice (line 3 had a fault, line 7 is kept)
                    "CA CAL,Calgary,CA,AB\n", encoding="utf-8")
    problems = []
    table = read_locodes(path, lambda *p: problems.append(p))
    assert [(line, column) for line, column, _ in problems] == [
        (2, "locode"), (3, "name"), (4, "country"), (4, "subdivision"), (5, "subdivision"), (7, "locode")]
    assert "listed twice (first at line 6)" in problems[-1][2]
    assert set(table) == {"CA CAL"}


@pytest.mark.parametrize(("url", "plan"), [
    # addresses from Net Zero Tracker's Target.csv, read by hand
    ("https://winnipeg.ca/sustainability/PublicEngagement/ClimateActionPlan/pdfs/CW_Climate-Action-Plan.pdf", True),
    ("https://www.melbourne.vic.gov.au/sitecollectiondocuments/climate-change-mitigation-strategy-2050.pdf", True),
    ("https://klima.praha.eu/DATA/Dokumenty/Klimaplan_2109_15_online_LOWRES_final2.pdf", True),
    ("https://www.rosario.gob.ar/inicio/sites/default/files/2022-06/Plan%20Local%20de%20Acci%C3%B3n%20Clima%CC%81tica"
     "%20Rosario%202030.pdf", True),
    # an executive order, a law, a portal page: no plan by name
    ("https://www.ca.gov/archive/gov39/wp-content/uploads/2018/09/9.10.18-Executive-Order.pdf", False),
    ("https://leg.colorado.gov/bills/hb19-1261", False),
    ("https://unfccc.int/climate-action/race-to-zero/who-s-in-race-to-zero#eq-5", False),
    # the word must be the document's: not the folder's, the host's or the query's
    ("https://www.chicago.gov/content/dam/city/sites/climate-action-plan/documents/CHICAGO_CAP_20220429.pdf", False),
    ("https://plan.example.org/report.pdf?kind=plan", False),
])
def test_a_plan_is_named_by_the_documents_own_address(url, plan):
    assert names_a_plan(url) is plan


def test_a_faulty_locode_table_stops_the_import_with_every_problem(tmp_path):
    cases = tmp_path / "cases"
    (cases / "c").mkdir(parents=True)
    (cases / "sources.yaml").write_text("sources:\n  - {key: d, title: D, publisher: P, year: 2024}\n")
    (cases / "c" / "c.yaml").write_text(
        "records:\n  - {id: BG, type: Government, label: Bulgaria, level: national, iso: BG, "
        "source: {doc: d, locator: p. 1}}\n")
    table = tmp_path / "locodes.csv"
    table.write_text("locode,name,country,subdivision\nBG SOF,Sofia,BG,99\n", encoding="utf-8")
    folder = tmp_path / "targets"
    folder.mkdir()
    (folder / "Target.csv").write_text(
        "target_id,actor_id,target_type,baseline_year,target_year,target_value,target_unit,URL,datasource_id\n"
        "t1,BG SOF,Net zero,,2050,,,,ds\n", encoding="utf-8")
    (folder / "DataSource.csv").write_text("datasource_id,name,publisher,published,URL\nds,D,P,2022-01-01,\n",
                                           encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run_import("targets", folder, tmp_path / "out", [cases], locodes=str(table))
    assert f"{table}:2: subdivision: '99' is not an ISO 3166-2 code of BG" in str(caught.value)


# -- slow: the real files --------------------------------------------------------------------

@pytest.fixture(scope="module")
def imported(registry_graph):
    """The bundled graph with the real registries imported (tests/conftest.py): Net Zero Tracker
    with the tests' LOCODE table among them."""
    out, reports = registry_graph
    return out, {"nzt": reports["targets-net-zero-tracker"], "c2es": reports["targets-c2es-us-ghg-targets"]}


@pytest.fixture(scope="module")
def us_states_graph(tmp_path_factory):
    """The bundled graph with Net Zero Tracker, C2ES US targets and the real ClimActor rows of US states (the December 2022
    file less its other rows: pledge-integrity then answers for the United States in seconds)."""
    root = tmp_path_factory.mktemp("us-states")
    lines = CLIMACTOR.read_bytes().splitlines(keepends=True)
    states = [line for line in lines[1:] if b'"USA","Region"' in line]
    assert len(states) >= 20  # the file's US states and territories
    sample = root / "subnational_contextuals_database_Dec2022.csv"
    sample.write_bytes(lines[0] + b"".join(states))
    out = root / "out"
    run_import("targets", NET_ZERO_TRACKER, out)  # California's net-zero pledge (2045)
    run_import("targets", C2ES_US, out)
    before = run_query("pledge-integrity", store=open_store(out), country="US")
    run_import("climactor", sample, out, fallback="cp1252")
    return out, before


def test_cities_keyed_by_locode_get_their_targets_and_the_rest_are_listed(imported):
    out, reports = imported
    rows = _locode_rows(NET_ZERO_TRACKER / "Target.csv")
    assert len(rows) == 244  # counted by hand with the csv module (actor ids like 'BG SOF')
    with open(LOCODES, encoding="utf-8", newline="") as fh:
        named = {row["locode"]: row for row in csv.DictReader(fh)}
    expected = {}
    for row in rows:
        if row["actor_id"] in named:
            expected.setdefault(row["actor_id"], set()).add(int(row["target_year"]))
    # the node each LOCODE row went to, from the import's decision log (the city may be a node another
    # registry made, under its own spelling: Calgary is ClimActor's "Calgary, AB")
    with open(out / "imports" / "targets-net-zero-tracker.decisions.csv", encoding="utf-8", newline="") as fh:
        node_at = {int(row["line"]): row["node"] for row in csv.DictReader(fh)}
    nodes = {}
    with open(NET_ZERO_TRACKER / "Target.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            if row["actor_id"] in named:
                nodes.setdefault(row["actor_id"], set()).add(node_at[reader.line_num])
    assert all(len(found) == 1 for found in nodes.values()), nodes  # one city, one node
    nodes = {locode: found.pop() for locode, found in nodes.items()}
    store = open_store(out)
    for locode, years in expected.items():
        city = named[locode]
        assert nodes[locode].startswith(city["country"]), locode
        found = run_query_years(store, nodes[locode])
        assert found == years, locode
    report = reports["nzt"]
    # a row whose base year is its target year is reported as suspect before its actor is looked up
    suspect = [r for r in rows if r["baseline_year"] == r["target_year"]]
    assert len(suspect) == 9  # counted with the csv module
    # every other code is in UNECE's list (checked by hand against the pyunlocode package's CSV files): none is
    # unresolved; the codes of one target's namesakes are in doubt (Essen: lines 311, 312, 314, 1031, 1032, 1034;
    # Fuzhou: 1017, 1018, 1024; Gwangju: 1081, 1082), the rest placed, each listed with the list that named it
    assert report.methods["unresolved"] == 0
    doubted = [d.split(": ", 1)[0].rsplit(":", 1)[1] for d in
               report.details["targets of cities keyed by UN/LOCODE whose place is in doubt, not placed (ambiguous)"]]
    assert sorted(map(int, doubted)) == [311, 312, 314, 1017, 1018, 1024, 1031, 1032, 1034, 1081, 1082]
    placed = report.details["targets of cities keyed by UN/LOCODE, placed (the government, and the list that named "
                            "the city)"]
    assert len(placed) == 244 - len(suspect) - len(doubted)  # every one, not a sample
    # Winnipeg's targets cite its climate action plan: read as its plan
    assert any(d.startswith("Winnipeg (CA WNP): ") for d in
               report.details["plans read from a target's URL (its address names a plan or a strategy)"])


def run_query_years(store, node: str) -> set[int]:
    """Target years of the commitments of the government ``node``."""
    from cca_graph import run_sparql

    df = run_sparql(store, "SELECT DISTINCT ?year WHERE { ?c cca:committedBy ?g ; cca:targetYear ?year }",
                    {"g": NamedNode(ID + node)})
    return {int(y) for y in df["year"]}


def test_california_reports_through_cdp(us_states_graph):
    out, before = us_states_graph
    store = open_store(out)
    started = time.perf_counter()
    after = run_query("pledge-integrity", store=store, country="US")
    elapsed = time.perf_counter() - started
    ca = after[(after["government"] == "US-CA") & (after["criterion"] == "annual-reporting")]
    # a disclosure to a platform is on record, for one year only: no annual reporting shown (un-hleg R8)
    assert set(ca["met"]) == {"partly"} and set(ca["status"]) == {"not-covered"}
    assert "annual reporting not shown: one year on record (2022)" in ca["evidence"].iloc[0]
    # ClimActor's row for California carries the tag CDPStates&Regions2022
    assert any("climactor-2022" in cell and "CDPStates&Regions2022" in cell for cell in ca["source"])
    was = before[(before["government"] == "US-CA") & (before["criterion"] == "annual-reporting")]
    assert set(was["met"]) == {"no record"}
    # as of 2021 the CDP disclosure observed in 2022 is no evidence yet; the file's undated listing in
    # the States and Regions Annual Disclosure (a tag without a year) still is
    then = run_query("pledge-integrity", store=store, country="US", as_of=2021)
    ca_then = then[(then["government"] == "US-CA") & (then["criterion"] == "annual-reporting")]
    assert not any("CDPStates&Regions2022" in cell for cell in ca_then["source"])
    assert any("States and Regions Annual Disclosure" in cell for cell in ca_then["source"])
    print(f"\npledge-integrity US: {len(before)} rows before ClimActor, {len(after)} after; "
          f"SPARQL {elapsed:.2f} s")


def test_suspect_rows_are_reported_not_asserted(imported):
    out, reports = imported
    details = reports["nzt"].details
    ndc = details["suspect rows not imported (a subdivision's target whose evidence is a country's NDC)"]
    # line 143: US-GA's target cites the NDC of the country Georgia (read in the file by hand)
    assert [d.split("Target.csv:", 1)[1] for d in ndc] == ["143: net_zero_tracker:US-GA:2030"]
    base = [d for what, found in details.items() if what.startswith("suspect rows not imported (the base year")
            for d in found]
    # 53 rows have baseline_year equal to target_year (counted with awk); Indonesia's is line 58
    assert len(base) == 53 and any(d.endswith(":58: net_zero_tracker:ID:2030") for d in base)
    from cca_graph import run_sparql

    store = open_store(out)
    for government in ("US-GA", "ID"):
        labels = run_sparql(store, f"""SELECT ?label WHERE {{ ?t cca:committedBy <https://w3id.org/cca-graph/id/{government}> ;
                                       rdfs:label ?label }}""")["label"].tolist()
        assert not [x for x in labels if "by 2030" in x and ("vs 1990" in x or "vs 2030" in x)], labels


def test_a_reduction_of_nothing_is_a_return_to_the_base_years_level(imported):
    # C2ES US Target.csv, read by hand: lines 2 (California, AB 32), 28 (New Jersey) and 49 (Washington):
    # "Absolute emission reduction", base year 1990, target year 2020, 0 percent: back to 1990's emissions
    from cca_graph import run_sparql

    out, _ = imported
    df = run_sparql(open_store(out), "SELECT ?t ?label WHERE { ?t cca:targetYear 2020 ; cca:baseYear 1990 ; "
                    "cca:targetValue ?v ; rdfs:label ?label FILTER(?v = 0) }")
    assert set(zip(df["t"].str.removeprefix(ID), df["label"])) == {
        (f"target.{s}.emissions-reduction.2020.vs1990.0-percent", f"{s}: emissions back to the 1990 level by 2020")
        for s in ("US-CA", "US-NJ", "US-WA")}


def test_a_relative_reduction_is_not_claimed_to_be_intensity(imported):
    # Net Zero Tracker, read by hand: line 33, CN, "Relative emission reduction", 65 percent below 2005 by 2030 (an
    # intensity target, per unit of GDP, which the row does not say); line 34, CO, the same type, 51 percent by
    # 2030 with base year 2030 (a business-as-usual projection: reported as suspect). The one row of the three files
    # whose type says intensity is C2ES Canada's line 2: Alberta, "Emission intensity reduction", 50 % below 1990
    # by 2020
    from cca_graph import run_sparql

    out, reports = imported
    df = run_sparql(open_store(out), "SELECT ?t ?type ?label WHERE { ?t cca:committedBy id:CN ; cca:targetYear 2030 ; "
                    "cca:commitmentType/skos:notation ?type ; rdfs:label ?label FILTER(STRSTARTS(STR(?t), STR(id:))) "
                    "FILTER(CONTAINS(STR(?t), '/target.')) }")
    assert set(zip(df["t"].str.removeprefix(ID), df["type"], df["label"])) == {
        ("target.CN.relative-reduction.2030.vs2005.65-percent", "relative-reduction",
         "CN: relative emission reduction (kind not stated) 65% vs 2005 by 2030")}
    intensity = run_sparql(open_store(out), "SELECT ?t WHERE { GRAPH ?g { ?t cca:commitmentType "
                           "commitment-type:intensity } FILTER(STRSTARTS(STR(?g), "
                           "'https://w3id.org/cca-graph/graph/import-targets-')) }")
    assert list(intensity["t"].str.removeprefix(ID)) == ["target.CA-AB.intensity.2020.vs1990.50-percent"]
    base = [d for what, found in reports["nzt"].details.items() if what.startswith("suspect rows not imported (the base")
            for d in found]
    assert any(d.endswith(":34: net_zero_tracker:CO:2030") for d in base)


# -- statements of one target that disagree ---------------------------------------------------

CONFLICT = DATA / "imports" / "targets-conflict"
Q_LINKS = "SELECT DISTINCT ?a ?b WHERE { ?a cca:conflictsWith ?b }"


def _links(out) -> set[tuple[str, str]]:
    from cca_graph import run_sparql

    df = run_sparql(open_store(out), Q_LINKS)
    return {(a.removeprefix(ID), b.removeprefix(ID)) for a, b in zip(df["a"], df["b"])}


def _canada(tmp_path) -> Path:
    """A case root with Canada's national government and the ISO 3166 source imports cite for regions."""
    cases = tmp_path / "cases"
    (cases / "c").mkdir(parents=True)
    (cases / "sources.yaml").write_text(
        "sources:\n  - {key: d, title: D, publisher: P, year: 2024}\n"
        "  - {key: iso-3166, title: ISO 3166, publisher: ISO, year: 2024}\n", encoding="utf-8")
    (cases / "c" / "c.yaml").write_text(
        "records:\n  - {id: CA, type: Government, label: Canada, level: national, iso: CA, "
        "source: {doc: d, locator: p. 1}}\n", encoding="utf-8")
    return cases


@pytest.fixture(scope="module")
def two_registries(tmp_path_factory):
    """registry-a, then registry-b, imported into a graph of Canada (tests/data/imports/targets-conflict)."""
    root = tmp_path_factory.mktemp("conflict")
    out = root / "out"
    cases = [_canada(root)]
    a = run_import("targets", CONFLICT / "registry-a", out, cases)
    b = run_import("targets", CONFLICT / "registry-b", out, cases)
    return out, cases, a, b


# the pairs the README of targets-conflict lists, read from its rows by hand
NS_1990, NS_2005 = ("target.CA-NS.emissions-reduction.2030.vs1990.53-percent",
                    "target.CA-NS.emissions-reduction.2030.vs2005.53-percent")
MB_2005, MB_1990 = ("target.CA-MB.emissions-reduction.2030.vs2005.33-percent",
                    "target.CA-MB.emissions-reduction.2030.vs1990.25-percent")
ON_PLAN, ON_LAW = ("target.CA-ON.emissions-reduction.2030.vs2005.30-percent",
                   "target.CA-ON.emissions-reduction.2030.vs1990.37-percent")
BOTH_STATED = "targets of one year that one dataset states both of: two targets, not sources that disagree"


def test_two_registries_that_disagree_are_linked_both_ways_and_reported(two_registries):
    out, _, a, b = two_registries
    assert a.conflicts == []  # registry-a alone states nothing twice
    # registry-b: line 2 (Nova Scotia, base year) and line 9 (Manitoba, base year and value); Ontario's lines 3
    # and 4 are two targets registry-b states both of (line 4 is registry-a's line 3): no disagreement
    assert [(e["line"], e["country"], e["field"]) for e in b.conflicts] == [
        (2, "CA", "base_year"), (9, "CA", "base_year, target_value")]
    ns, mb = b.conflicts
    # both rows named: this file and line, the other dataset and its line
    assert f"{CONFLICT / 'registry-b' / 'Target.csv'}:2 states 53% vs 2005" in ns["values"]
    assert "a (Target.csv line 2, target a:CA-NS:2030) states 53% vs 1990" in ns["values"]
    assert "25% vs 1990" in mb["values"] and "a (Target.csv line 6, target a:CA-MB:2030) states 33% vs 2005" in mb["values"]
    assert _links(out) == {(NS_2005, NS_1990), (NS_1990, NS_2005), (MB_1990, MB_2005), (MB_2005, MB_1990)}
    assert "conflicts (2):" in (out / "imports" / "targets-registry-b.report.txt").read_text(encoding="utf-8")
    # Ontario: the two targets are listed apart, both stated by registry-b
    [ontario] = b.details[BOTH_STATED]
    assert ontario.startswith(f"{CONFLICT / 'registry-b' / 'Target.csv'}:4; a (Target.csv line 3, target "
                              f"a:CA-ON:2030): {ON_PLAN} (30% vs 2005) and {ON_LAW} (37% vs 1990, ")
    assert ontario.endswith("Target.csv:3): both stated by b")
    # each statement stays a target with its own citation: nothing is picked
    from cca_graph import run_sparql

    cited = run_sparql(open_store(out), """SELECT ?t ?key WHERE { ?t cca:citation/dcterms:source/dcterms:identifier ?key
                                           FILTER (STRSTARTS(STR(?t), STR(id:target.CA-NS))) }""")
    assert set(zip(cited["t"].str.removeprefix(ID), cited["key"])) == {
        (NS_1990, "a"), (NS_2005, "b"), ("target.CA-NS.net-zero.2050", "b")}


def test_importing_again_adds_no_conflict(two_registries):
    out, cases, _, _ = two_registries
    again = run_import("targets", CONFLICT / "registry-b", out, cases)
    assert len(again.conflicts) == 2 and len(_links(out)) == 4
    # registry-a imported again now meets registry-b's statements in the graph: the same two pairs, from its side
    a = run_import("targets", CONFLICT / "registry-a", out, cases)
    assert [(e["line"], e["field"]) for e in a.conflicts] == [(2, "base_year"), (6, "base_year, target_value")]
    assert len(_links(out)) == 4


def test_two_targets_of_one_year_in_one_file_are_no_disagreement(tmp_path):
    b = run_import("targets", CONFLICT / "registry-b", tmp_path / "out", [_canada(tmp_path)])
    # alone, registry-b states Ontario's 2030 twice, 37 % below 1990 (line 3) and 30 % below 2005 (line 4):
    # two targets of one registry, each with an id of its own
    assert b.conflicts == [] and _links(tmp_path / "out") == set()
    assert b.details[BOTH_STATED] == [
        f"{CONFLICT / 'registry-b' / 'Target.csv'}:4: {ON_PLAN} (30% vs 2005) and {ON_LAW} (37% vs 1990, "
        f"{CONFLICT / 'registry-b' / 'Target.csv'}:3): both stated by b"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_brief_shows_a_disagreeing_target_once_with_what_each_source_says(two_registries, tmp_path, lang):
    from .conftest import run_cli

    out, _, _, _ = two_registries
    run_cli("brief", "CA", "--graph", str(out), "--to", str(tmp_path / "CA.md"), "--lang", lang)
    text = (tmp_path / "CA.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| Nova Scotia") or line.startswith("| Ontario")]
    ns = [r for r in rows if "2030" in r and r.startswith("| Nova Scotia")]
    on = [r for r in rows if r.startswith("| Ontario")]
    assert len(ns) == 1, rows  # one row, not two targets of one year
    disagree, according = ("各资料来源说法不一", "，依据") if lang == "zh" else ("sources disagree", " according to ")
    assert disagree in ns[0]
    if lang == "zh":
        # the amount and the brackets in Chinese; the registry's own locator as it is
        assert "53%（基准年：1990年），依据Registry A（Target.csv line 2, target a:CA-NS:2030）" in ns[0]
        assert "53%（基准年：2005年），依据Registry B（Target.csv line 2, target b:CA-NS:2030）" in ns[0]
    else:
        assert f"53 percent (base year 1990){according}Registry A (Target.csv line 2, target a:CA-NS:2030)" in ns[0]
        assert f"53 percent (base year 2005){according}Registry B (Target.csv line 2, target b:CA-NS:2030)" in ns[0]
    # Ontario's two 2030 targets are both registry-b's: two rows, neither said to be a disagreement; the
    # plan's is stated by both registries, one target citing both
    assert len(on) == 2 and not any(disagree in r for r in on), on
    amount = ("{}%（基准年：{}年）" if lang == "zh" else "{} percent (base year {})").format
    law, plan = sorted(on, key=lambda r: amount(30, 2005) in r)
    assert amount(37, 1990) in law and amount(30, 2005) in plan
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", text, flags=re.M))
    cited = [[notes[n] for n in re.findall(r"\[\^(\d+)\]", row.rsplit("|", 2)[-2])] for row in (law, plan)]
    assert [[c.split(", target")[0] for c in cites] for cites in cited] == [
        ["[b] Target.csv line 3"], ["[a] Target.csv line 3", "[b] Target.csv line 4"]]


def test_the_registries_disagreements_are_each_reported_with_both_rows(registry_graph):
    # read in the CSVs by hand (../shared/data/openclimate/*/Target.csv): the same government, type and target
    # year, another base year or value. Imported in the order Net Zero Tracker, C2ES US, C2ES Canada:
    out, reports = registry_graph
    nzt = SHARED / "openclimate" / "net_zero_tracker" / "Target.csv"
    us = C2ES_US / "Target.csv"
    ca = SHARED / "openclimate" / "C2ES_canadian_ghg_targets" / "Target.csv"
    expected = {
        # Connecticut 45 % by 2030 below 2001 (C2ES line 8) and below 1990 (NZT line 236); 80 % by 2050 likewise
        (str(us), 8): ("base_year", 236), (str(us), 9): ("base_year", 140),
        # Illinois 26 % below 2005: by 2030 (C2ES line 12), by 2025 (NZT line 239), neither with another year's
        (str(us), 12): ("target_year", 239),
        # Massachusetts by 2030: 50 % (C2ES line 17), 45 % (NZT line 241); Rhode Island by 2050: 100 %, 80 %
        (str(us), 17): ("target_value", 241), (str(us), 45): ("target_value", 148),
        # Newfoundland and Labrador by 2050: 75 % below 2001 (C2ES line 11), 85 % below 1990 (NZT line 117)
        (str(ca), 11): ("base_year, target_value", 117),
        # Nova Scotia 53 % by 2030 below 2005 (C2ES line 13), below 1990 (NZT line 160)
        (str(ca), 13): ("base_year", 160),
    }
    found = {}
    for name, path in (("targets-c2es-us-ghg-targets", us), ("targets-c2es-canadian-ghg-targets", ca)):
        for e in reports[name].conflicts:
            other = re.search(r"net-zero-tracker \(Target\.csv line (\d+),", e["values"])
            assert e["values"].startswith(f"{path}:{e['line']} states "), e
            found[(str(path), e["line"])] = (e["field"], int(other.group(1)) if other else None)
    assert found == expected
    # Ontario by 2030: 37 % below 1990 (C2ES line 15) and 30 % below 2005 (C2ES line 16), both with the id
    # C2ES:CA-ON:2030: suspect, neither imported nor compared (tests/test_targets_truth.py)
    canada = reports["targets-c2es-canadian-ghg-targets"].details
    assert BOTH_STATED not in canada
    assert [d.split("Target.csv:", 1)[1][:2] for what, found in canada.items()
            if what.startswith("suspect rows not imported (one target id") for d in found] == ["15", "16"]
    # Net Zero Tracker states two 2030 targets below 2013 for four Japanese prefectures, one of each pair on
    # another prefecture's site: Hokkaido (JP-01) 31 % on Aomori's (line 186) and 35 % on its own (187); Osaka
    # 33 % on Hyogo's (207), 40 % (208); Hiroshima 50 % on Tokushima's (214), 22 % (215); Kochi 33 % on
    # Kagoshima's (220), 29 % (221). Neither the actor nor the site is taken on trust: those rows are reported, and
    # no conflict or pair of one dataset is left
    nzt_report = reports["targets-net-zero-tracker"]
    assert nzt_report.conflicts == []
    # Hamburg by 2030 below 1990: 55 % under DE-HH (line 168, its climate protection law) and 70 % under DE HAM
    # (line 313, its climate plan), both this dataset's: two targets of the city-state, no disagreement
    assert [d.split("Target.csv:", 1)[1].split(" (55%")[0] for d in nzt_report.details[BOTH_STATED]] == [
        "313: target.DE-HH.emissions-reduction.2030.vs1990.70-percent (70% vs 1990) and "
        "target.DE-HH.emissions-reduction.2030.vs1990.55-percent"]
    assert nzt_report.details[BOTH_STATED][0].endswith("Target.csv:168): both stated by net-zero-tracker")
    elsewhere = nzt_report.details["suspect rows not imported (a subdivision's target whose evidence is another "
                                   "subdivision's site)"]
    # read by hand: the nine rows of lines 186-222 whose site names another prefecture
    assert all(d.startswith(f"{nzt}:") for d in elsewhere)
    assert [d.split("Target.csv:", 1)[1] for d in elsewhere] == [
        "186: net_zero_tracker:JP-01:2030: JP-01, on the site of JP-02 (www.pref.aomori.lg.jp)",
        "207: net_zero_tracker:JP-27:2030: JP-27, on the site of JP-28 (www.kankyo.pref.hyogo.lg.jp)",
        "214: net_zero_tracker:JP-34:2030: JP-34, on the site of JP-36 (www.pref.tokushima.lg.jp)",
        "216: net_zero_tracker:JP-35:2030: JP-35, on the site of JP-38 (www.pref.ehime.jp)",
        "217: net_zero_tracker:JP-36:2030: JP-36, on the site of JP-41 (www.pref.saga.lg.jp)",
        "218: net_zero_tracker:JP-37:2030: JP-37, on the site of JP-42 (www.pref.nagasaki.jp)",
        "219: net_zero_tracker:JP-38:2030: JP-38, on the site of JP-43 (www.pref.kumamoto.jp)",
        "220: net_zero_tracker:JP-39:2030: JP-39, on the site of JP-46 (www.pref.kagoshima.jp)",
        "222: net_zero_tracker:JP-41:2030: JP-41, on the site of JP-44 (www.pref.oita.jp)"]
    # every pair is linked both ways in the graph, and nothing else is
    pairs = {frozenset(p) for p in _links(out)}
    assert len(_links(out)) == 2 * len(pairs)
    assert len(pairs) == sum(e["field"] in ("base_year", "target_value", "base_year, target_value", "target_year")
                             for name, r in reports.items() if name.startswith("targets-") for e in r.conflicts)


def test_the_property_graph_carries_the_disagreement(two_registries):
    from cca_graph.project.property_graph import project

    out, _, _, _ = two_registries
    links = {(r.start.removeprefix(ID), r.end.removeprefix(ID)) for r in project(open_store(out)).relationships()
             if r.type == "CONFLICTS_WITH"}
    assert links == _links(out)
