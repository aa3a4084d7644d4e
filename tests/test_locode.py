"""Cities keyed by UN/LOCODE placed on the governments the graph has (cca_graph/ingest/imports/unlocode.py and
the targets import).

Expected values are read by hand: the UN/LOCODE entries from UNECE's 2023-1 CSV files as the pyunlocode
package ships them (counted with the csv module: 115,770 distinct codes, two of them marked 'X' for
deletion); Net Zero Tracker's Target.csv lines from the file (../shared/data/openclimate/net_zero_tracker):
1033 DE HAM climate neutral 2050, 1088 MX GDL climate neutral 2050, 1107 ZA DUR climate neutral 2050,
1108 ZA JNB net zero 2050, 1109 ZA PRY net zero 2050 (citing tshwane.gov.za); Essen's targets under
three codes, lines 311, 312, 314 (2030) and 1031, 1032, 1034 (2050), all citing essen.de. The
government ids are those of the case files: DE-HH and ZA-GP.tshwane in loaders/, the other three in
tests/data/locode-cities/.
"""
from __future__ import annotations

import csv

import pytest

from cca_graph import open_store, run_sparql
from cca_graph.errors import InputError
from cca_graph.ingest.imports.unlocode import UNLocodes, read_crosswalk

from .conftest import DATA, REGISTRY, REPO, run_cli

NET_ZERO_TRACKER = REGISTRY / "openclimate" / "net_zero_tracker"
#: Target.csv line -> the government it must land on
PLACED = {1033: "DE-HH", 1088: "MX-JAL.guadalajara", 1107: "ZA-KZN.ethekwini", 1108: "ZA-GP.johannesburg",
          1109: "ZA-GP.tshwane"}
#: the labels of these governments and of the places that name them, as the case files write them
NAMES = ["Hamburg", "Guadalajara", "eThekwini", "Durban", "City of Johannesburg", "Johannesburg", "Tshwane",
         "Pretoria"]
_LOCAL = """SELECT ?c (COUNT(DISTINCT ?g) AS ?n) WHERE {
  ?g a cca:Government ; cca:level level:local ; rdfs:label ?l FILTER (STR(?l) IN (%s))
  VALUES ?c { "DE" "MX" "ZA" } FILTER STRSTARTS(STR(?g), CONCAT("https://w3id.org/cca-graph/id/", ?c, "-"))
} GROUP BY ?c ORDER BY ?c"""


# -- fast: the code list and the crosswalk ---------------------------------------------------

def test_the_code_list_holds_unece_release_with_its_subdivisions():
    codes = UNLocodes.load()
    assert len(codes) == 115_770 - 2  # distinct codes less the two marked for deletion
    # name, country, ISO 3166-2 parent, as UNECE's rows give them (Subdivision column)
    expected = {"DE HAM": ("Hamburg", "DE-HH"), "MX GDL": ("Guadalajara", "MX-JAL"), "ZA DUR": ("Durban", "ZA-KZN"),
                "ZA JNB": ("Johannesburg", "ZA-GP"), "ZA PRY": ("Pretoria", "ZA-GP"), "CA CAL": ("Calgary", "CA-AB"),
                "BG SOF": ("Sofia", "BG-22")}
    assert {code: (codes.entry(code)["name"], codes.entry(code)["parent"]) for code in expected} == expected
    # the name without diacritics is kept beside the name (UNECE writes León 'Léon')
    assert (codes.entry("MX LEN")["name"], codes.entry("MX LEN")["plain"]) == ("Léon", "Leon")
    # a code listed in two languages keeps its first entry; an alternative in brackets is no part of the name
    assert codes.entry("BE BRU")["name"] == "Brussel"
    assert "BG GTB" not in codes  # marked 'X' (use BG TOS)
    assert codes.entry("ZZ ZZZ") is None


def test_the_shipped_crosswalk_names_the_governments_of_pretoria_and_durban():
    crosswalk = read_crosswalk()
    assert {code: (row["node"], row["name"]) for code, row in crosswalk.items()} == {
        "ZA PRY": ("ZA-GP.tshwane", "Tshwane"), "ZA DUR": ("ZA-KZN.ethekwini", "eThekwini")}
    assert "tshwane.gov.za" in crosswalk["ZA PRY"]["source"]


def test_a_crosswalk_with_faults_reports_each_at_its_line(tmp_path):
    path = tmp_path / "crosswalk.csv"
    path.write_text("locode,node,name,source\n"
                    "ZAPRY,ZA-GP.tshwane,Tshwane,site\n"      # no space
                    "ZA PRY,MX-JAL.tshwane,Tshwane,site\n"    # a node of another country
                    "ZA DUR,ZA-KZN.durban,eThekwini,site\n"   # not the id the name makes
                    "ZA JNB,ZA-GP.johannesburg,Johannesburg,\n"  # no source
                    "ZA CPT,ZA-WC.cape-town,Cape Town,site\n"
                    "ZA CPT,ZA-WC.cape-town,Cape Town,site\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_crosswalk(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (2, "locode"), (3, "node"), (4, "node"), (5, "source"), (7, "locode")]


# -- slow: the real Net Zero Tracker file on the case files ----------------------------------

@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    """The bundled material and tests/data/locode-cities built, then Net Zero Tracker imported with a
    LOCODE table that names one code of the Fuzhou rows; gives ``(out, counts before, decision log)``."""
    root = tmp_path_factory.mktemp("locode")
    out = root / "out"
    run_cli("build", "--graph", str(out), "--cases", str(REPO / "loaders"), "--cases", str(DATA / "locode-cities"),
            "--quiet")
    before = _local_counts(out)
    table = root / "locodes.csv"
    table.write_text("locode,name,country,subdivision\nCN FUZ,Fuzhou,CN,JX\n", encoding="utf-8")
    run_cli("import", "targets", str(NET_ZERO_TRACKER), "--graph", str(out), "--locodes", str(table))
    with open(out / "imports" / "targets-net-zero-tracker.decisions.csv", encoding="utf-8", newline="") as fh:
        log = {int(row["line"]): row for row in csv.DictReader(fh)}
    return out, before, log


def _local_counts(out) -> dict[str, int]:
    names = ", ".join(f'"{n}"' for n in NAMES)
    found = run_sparql(open_store(out), _LOCAL % names)
    return dict(zip(found["c"], (int(n) for n in found["n"])))


@pytest.mark.slow  # builds and imports the real Net Zero Tracker file through the CLI
def test_city_targets_land_on_the_governments_the_graph_has(placed):
    out, before, log = placed
    assert {line: log[line]["node"] for line in PLACED} == PLACED
    # Hamburg, Guadalajara and eThekwini state climate neutrality, Johannesburg and Tshwane net zero, by 2050
    store = open_store(out)
    for line, node in PLACED.items():
        kinds = set(run_sparql(store, "SELECT ?k WHERE { ?t cca:committedBy ?g ; cca:targetYear 2050 ; "
                                      "cca:commitmentType/skos:notation ?k ; cca:citation/cca:locator ?where "
                                      "FILTER CONTAINS(?where, CONCAT('line ', ?line, ',')) }",
                               {"g": _node(node), "line": _text(str(line))})["k"])
        assert kinds == ({"net-zero"} if line in (1108, 1109) else {"carbon-neutrality"}), line


@pytest.mark.slow  # builds and imports the real Net Zero Tracker file through the CLI
def test_no_second_government_is_made_for_these_cities(placed):
    out, before, _ = placed
    # by hand: DE-HH is regional; Guadalajara (MX), City of Johannesburg, eThekwini and Tshwane (ZA) are local
    assert before == {"MX": 1, "ZA": 3}
    assert _local_counts(out) == before


@pytest.mark.slow  # builds and imports the real Net Zero Tracker file through the CLI
def test_namesake_codes_of_one_target_are_reported_not_placed(placed):
    out, _, log = placed
    for line in (311, 312, 314, 1031, 1032, 1034):
        assert (log[line]["method"], log[line]["node"]) == ("ambiguous", ""), line
        assert "'Essen'" in log[line]["detail"] and "DE ESS (DE-NW)" in log[line]["detail"]
    report = (out / "imports" / "targets-net-zero-tracker.report.txt").read_text(encoding="utf-8")
    assert "Target.csv:311: 'DE EEN': the file states one target under 3 codes of places named 'Essen'" in report


@pytest.mark.slow  # builds and imports the real Net Zero Tracker file through the CLI
def test_the_locode_table_overrides_the_code_list(placed):
    out, _, log = placed
    # the table names CN FUZ (Fuzhou, Jiangxi): placed; its Fujian namesakes stay in doubt
    assert (log[1017]["node"], log[1018]["method"], log[1024]["method"]) == ("CN-JX.fuzhou", "ambiguous", "ambiguous")
    report = (out / "imports" / "targets-net-zero-tracker.report.txt").read_text(encoding="utf-8")
    assert "Target.csv:1017: CN FUZ (Fuzhou) is CN-JX.fuzhou, named by the LOCODE table (--locodes)" in report
    assert "Target.csv:1109: ZA PRY (Pretoria) is ZA-GP.tshwane, named by the crosswalk locode-governments.csv" in report
    assert "Target.csv:1088: MX GDL (Guadalajara) is MX-JAL.guadalajara, named by the UN/LOCODE code list" in report


def _node(gid: str):
    from pyoxigraph import NamedNode

    return NamedNode("https://w3id.org/cca-graph/id/" + gid)


def _text(value: str):
    from pyoxigraph import Literal

    return Literal(value)
