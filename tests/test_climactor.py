"""The ClimActor importer: what each tag means, suspect rows, region conflicts and vintages.

Expected values come from the real file read with the csv module here (not the importer),
from the shipped tag table read by hand, and from public facts (Nanjing is in Jiangsu, Bury
in Greater Manchester, Lagos the C40 city is in Nigeria).
"""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.errors import InputError
from cca_graph.ingest.imports import import_name
from cca_graph.ingest.imports.climactor import (
    KINDS,
    decode_escapes,
    read_tags,
    vintage_of,
)

from .conftest import REPO, run_cli

CLIMACTOR = REPO.parent / "shared" / "data" / "climactor" / "subnational_contextuals_database_Dec2022.csv"
ID = "https://w3id.org/cca-graph/id/"
GRAPH = "https://w3id.org/cca-graph/graph/import-climactor-2022-12"
C40_TAG = re.compile(r"C40Cities\d{4}|C40")


# -- the tag table ------------------------------------------------------------------------------

def test_every_shipped_tag_says_its_kind_and_evidence():
    tags = read_tags()
    assert {t.kind for t in tags.values()} <= set(KINDS)
    assert all(len(t.evidence) > 20 for t in tags.values())
    # the U.S. Climate Alliance, carried only by US states, not the European Klima-Bündnis
    assert tags["ClimateAlliance2022"].network == "us-climate-alliance"
    # carried only by Arizona, Florida and New Hampshire, which had not joined in 2019: not a membership
    assert tags["ClimateAlliance2019"].network is None and tags["ClimateAlliance2019"].kind == "dataset"
    assert not any(t.network == "climate-alliance" for t in tags.values())
    # C40's Deadline 2020 is a commitment (transition plan), not C40 membership
    deadline = tags["c40_s_deadline_2020"]
    assert (deadline.kind, deadline.network, deadline.commitment_type) == ("commitment", None, "transition-plan")
    assert {t.network for t in tags.values() if t.kind == "reporting"} >= {"cdp-disclosure", "carbonn-reporters"}
    assert all(tags[t].selective for t in ("C40Cities2022", "C40Cities2019", "C40"))


BAD_TAGS = {
    "unknown kind": ("GCoM2022,gcom,,2022,affiliation,,,,,the covenant's list", "kind", "unknown kind 'affiliation'"),
    "empty evidence": ("GCoM2022,gcom,,2022,membership,,,,,", "evidence", "empty"),
    "unknown network": ("Atlantis2022,atlantis-league,,2022,membership,,,,,a league nobody knows", "network",
                        "unknown network 'atlantis-league'"),
    "commitment without a type": ("Pledge,-,A pledge,,commitment,,,,,a pledge", "commitment_type",
                                  "'' is not a commitment type"),
}


@pytest.mark.parametrize("kind", sorted(BAD_TAGS))
def test_a_bad_tag_table_names_file_line_and_field(tmp_path, kind):
    row, field, words = BAD_TAGS[kind]
    path = tmp_path / "tags.csv"
    path.write_text("tag,network,network_label,year,kind,selective,commitment_type,target_year,scope,evidence\n"
                    "C40,c40,,,membership,yes,,,,C40's list of member cities\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_tags(path, known_network=lambda n: n in {"c40", "gcom"})
    assert [str(p) for p in caught.value.problems if p.field == field][0].startswith(f"{path}:3: {field}: {words}")


# -- vintages, by name ----------------------------------------------------------------------------

def test_the_vintage_is_read_from_the_file_name_or_given():
    assert vintage_of(CLIMACTOR).key == "2022-12"
    assert vintage_of(Path("subnational_contextuals_database_Jun2021.csv")).label == "June 2021"
    assert vintage_of(Path("climactor.csv"), "2020-05").key == "2020-05"
    assert vintage_of(Path("climactor.csv")).key is None
    assert import_name("climactor", CLIMACTOR, {}) == "climactor-2022-12"
    assert import_name("climactor", Path("any.csv"), {"name": "Jun2021"}) == "climactor-2021-06"


def test_r_escapes_are_decoded():
    assert decode_escapes("Bra<U+0219>ov") == "Bra\u0219ov"
    assert decode_escapes("<U+00C9>vora, Set<U+00FA>bal") == "Évora, Setúbal"


# -- the real file (slow) -------------------------------------------------------------------------

def _read_real_file() -> list[tuple[int, dict]]:
    """The real file's rows with their line numbers, read by the csv module (cp1252 where not UTF-8)."""
    raw = CLIMACTOR.read_bytes().splitlines(keepends=True)
    text = []
    for line in raw:
        try:
            text.append(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            text.append(line.decode("cp1252", errors="replace"))
    reader = csv.DictReader(text)
    return [(reader.line_num, row) for row in reader]


@pytest.fixture(scope="module")
def imported(registry_graph):
    """The bundled graph with the real registries imported (tests/conftest.py), and the report of the
    December 2022 file's import."""
    out, reports = registry_graph
    return out, reports["climactor-2022-12"].as_text()


def _report_rows(out: Path, section: str) -> list[dict]:
    with open(out / "imports" / "climactor-2022-12.report.csv", encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == section]


def _members(out: Path, network: str) -> set[str]:
    df = run_sparql(open_store(out), "SELECT DISTINCT ?gov WHERE { GRAPH ?g { ?m org:organization ?n ; org:member ?gov } }",
                    {"g": NamedNode(GRAPH), "n": NamedNode(ID + network)})
    return {g[len(ID):] for g in df["gov"]}


def test_c40_members_are_the_actors_the_file_tags_less_the_suspects(imported):
    out, _ = imported
    tagged = {line for line, row in _read_real_file()
              if any(C40_TAG.fullmatch(t.strip()) for t in row["initiatives_committed"].split(";"))}
    assert len(tagged) == 101  # counted by hand with grep: 82 C40Cities2022 and 19 older or undated
    suspect = {int(r["line"]) for r in _report_rows(out, "suspect")}
    assert len(tagged - suspect) == 97
    # lines 3917 (Durban) and 4166 (eThekweni) are the one eThekwini Metropolitan Municipality: 96 members
    assert len(_members(out, "c40")) == 96
    # the Danish municipalities and English councils of Deadline 2020 made commitments instead
    df = run_sparql(open_store(out), """SELECT ?c WHERE { GRAPH ?g { ?c cca:committedBy id:GB-BUR.bury ;
        cca:commitmentType ?t } ?t skos:notation "transition-plan" }""", {"g": NamedNode(GRAPH)})
    assert len(df) == 1
    assert not {"GB-BUR.bury", "DK-83.aabenraa", "DK-84.ballerup"} & _members(out, "c40")


def test_us_states_are_in_the_us_climate_alliance_and_none_in_klima_buendnis(imported):
    out, _ = imported
    states = {line for line, row in _read_real_file() if "ClimateAlliance2022" in row["initiatives_committed"]}
    members = _members(out, "us-climate-alliance")
    assert len(members) == len(states) == 25 and all(m.startswith("US-") for m in members)
    # the 2019 tag sits on Arizona, Florida and New Hampshire, which had not joined: not read as membership
    assert not members & {"US-AZ", "US-FL", "US-NH"}
    assert _members(out, "climate-alliance") == set()


def test_namesakes_of_c40_cities_are_suspect_and_not_members(imported):
    out, report = imported
    suspects = {(r["name"], r["country"]) for r in _report_rows(out, "suspect")
                if r["key"] == "namesakes share a small network's tag"}
    assert suspects == {("Lagos", "PT"), ("Lagos", "BG"), ("Madrid", "CO"), ("Guadalajara", "ES")}
    c40 = _members(out, "c40")
    assert not {m for m in c40 if m.startswith(("PT", "BG")) and m.endswith(".lagos")}
    assert not {m for m in c40 if m.startswith("CO") and m.endswith(".madrid")}
    assert not {m for m in c40 if m.startswith("ES") and m.endswith(".guadalajara")}
    assert {m for m in c40 if m.endswith((".lagos", ".madrid", ".guadalajara"))} == {
        "NG.lagos", "ES-MD.madrid", "MX-JAL.guadalajara"}
    assert re.search(r"suspect rows, not asserted \(\d+\)", report)


def test_region_conflicts_are_settled_by_corroborated_coordinates(imported):
    out, report = imported
    part_of = dict(run_sparql(open_store(out), """SELECT ?g ?p WHERE { VALUES ?g { id:CN-JS.nanjing id:GB-BUR.bury }
        ?g cca:partOf ?p }""").itertuples(index=False))
    assert part_of == {ID + "CN-JS.nanjing": ID + "CN-JS", ID + "GB-BUR.bury": ID + "GB-BUR"}
    assert not bool(run_sparql(open_store(out), "ASK { ?c cca:partOf id:GB-CAM ; rdfs:label 'Bury' }").loc[0, "ask"])
    conflicts = _report_rows(out, "conflict")
    listed = {(r["name"], r["key"]) for r in conflicts}
    assert {("Nanjing", "state/admin_1"), ("Bury", "admin_1"), ("Mexico City", "state")} <= listed
    # every conflict is listed: the report's count, its CSV and the rows the file read by hand has whose
    # state and admin_1 both name one of Nanjing's two provinces differently
    assert f"conflicts ({len(conflicts)}):" in report
    rows = _read_real_file()
    both = [line for line, row in rows if {row["state"], row["admin_1"]} == {"Zhejiang", "Jiangsu"}]
    assert set(both) <= {int(r["line"]) for r in conflicts}


# -- an older vintage over the newer one (slow) ------------------------------------------------------

def test_an_older_vintage_updates_the_same_nodes_and_keeps_its_own_graph(imported, tmp_path):
    out_new, _ = imported
    out = tmp_path / "out"
    shutil.copytree(out_new, out, symlinks=True)
    lines = CLIMACTOR.read_bytes().splitlines(keepends=True)
    header = lines[0].replace(b'"lng"', b'"lon"')  # an older column name
    kept = [line for line in lines[1:2000] if not line.startswith(b'"Abidjan"')]  # rows dropped
    kept = [line.replace(b'"Brasov","ROU"', b'"Bra<U+0219>ov","ROU"') for line in kept]  # an R escape
    # Bury listed as a C40 city in this older vintage, which the December 2022 one does not do
    kept = [line.replace(b'"c40_s_deadline_2020;;', b'"C40Cities2021;;c40_s_deadline_2020;;')
            if line.startswith(b'"Bury"') else line for line in kept]
    older = tmp_path / "subnational_contextuals_database_Jun2021.csv"
    older.write_bytes(header + b"".join(kept))
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a cca:Government }"
    before = run_sparql(open_store(out), count).loc[0, "n"]
    report = run_cli("import", "climactor", str(older), "--lenient", "--graph", str(out), timeout=1200).stdout
    assert run_sparql(open_store(out), count).loc[0, "n"] == before
    store = open_store(out)
    graphs = set(run_sparql(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a cca:Membership } }")["g"])
    assert {GRAPH, GRAPH.replace("2022-12", "2021-06")} <= graphs
    title = run_sparql(store, "SELECT ?t WHERE { ?s dcterms:identifier 'climactor-2021-06' ; dcterms:title ?t }")
    assert "June 2021" in title.loc[0, "t"]
    assert "lon -> lng" in report
    # Bra<U+0219>ov, decoded, matched the city the newer vintage made: no second node, no second label
    df = run_sparql(store, """SELECT ?g ?l WHERE { ?g a cca:Government ; rdfs:label ?l ; cca:level ?v .
        ?v skos:notation "local" FILTER(STRSTARTS(STR(?l), "Bra") && STRENDS(STR(?l), "ov")) }""")
    assert set(zip(df["g"], df["l"])) == {(ID + "RO-BV.brasov", "Brasov")}
    # Bury's C40 listing of 2021 is marked as not observed in December 2022
    assert "memberships not observed in vintage 2022-12" in report
    df = run_sparql(store, """SELECT ?o WHERE { ?o a cca:Observation ; cca:about ?m .
        ?m org:member id:GB-BUR.bury ; org:organization id:c40 }""")
    assert len(df) == 1
