"""Imports of real rosters and registries, from the files in ../shared/data and the seed."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.ingest.imports.resolve import slug
from cca_graph.ingest.imports.under2 import STATED_TOTAL, parse_roster

from .conftest import REPO, SEEDS, run_cli

DATA = REPO.parent / "shared" / "data"
CLIMACTOR = DATA / "climactor" / "subnational_contextuals_database_Dec2022.csv"
ROSTER_TEXT = SEEDS / "001_ab2cfe98b41507bd.txt"
TARGETS = [DATA / "openclimate" / d for d in ("net_zero_tracker", "C2ES_US_ghg_targets", "C2ES_canadian_ghg_targets")]
ID = "https://w3id.org/cca-graph/id/"


@pytest.fixture(scope="module")
def imported(registry_graph):
    """The bundled graph with every registry imported (tests/conftest.py), and the reports of the imports."""
    out, found = registry_graph
    reports = {"under2": found["under2-roster"].as_text(), "climactor": found["climactor-2022-12"].as_text()}
    for folder in TARGETS:
        reports[folder.name] = found[f"targets-{slug(folder.name)}"].as_text()
    return out, reports


def _sources_of(out: Path, gov: str) -> dict[str, set[str]]:
    df = run_sparql(open_store(out), """
        SELECT ?gov ?kind ?graph WHERE {
          { GRAPH ?g { ?x org:member ?gov } BIND("membership" AS ?kind) }
          UNION { GRAPH ?g { ?x cca:committedBy ?gov } BIND("target" AS ?kind) }
          BIND(STRAFTER(STR(?g), "/graph/") AS ?graph)
        }""", {"gov": NamedNode(ID + gov)})
    found: dict[str, set[str]] = {}
    for row in df.itertuples(index=False):
        found.setdefault(row.kind, set()).add(row.graph)
    return found


@pytest.mark.parametrize("gov", ["MX-JAL", "CA-BC", "DE-BW", "US-CA"])
def test_one_node_with_memberships_and_targets_from_several_sources(imported, gov):
    out, _ = imported
    store = open_store(out)
    assert run_sparql(store, "SELECT ?g (COUNT(?t) AS ?n) WHERE { ?g a cca:Government ; a ?t } GROUP BY ?g",
                      {"g": NamedNode(ID + gov)}).loc[0, "n"] == 1
    found = _sources_of(out, gov)
    # the 2017 roster is case material (graph under2); importing it again repeats no membership;
    # a ClimActor import is named by its vintage
    assert {"import-climactor-2022-12", "under2"} <= found["membership"]
    assert "import-under2-roster" not in found["membership"]
    assert any(g.startswith("import-targets-") for g in found["target"])
    assert len(found["membership"] | found["target"]) >= 3


def test_no_government_is_made_twice_from_the_same_name(imported):
    out, _ = imported
    # a government with two labels in one language would be a sign of a merge gone wrong
    df = run_sparql(open_store(out), """
        SELECT ?g (COUNT(DISTINCT ?l) AS ?n) WHERE { ?g a cca:Government ; cca:level ?lvl }
        GROUP BY ?g HAVING (COUNT(DISTINCT ?lvl) > 1)""")
    assert df.empty, df.head()


def test_c40_members_from_climactor(imported):
    out, reports = imported
    members = run_sparql(open_store(out), """
        SELECT (COUNT(DISTINCT ?gov) AS ?n) WHERE {
          GRAPH <https://w3id.org/cca-graph/graph/import-climactor-2022-12> { ?m org:organization id:c40 ; org:member ?gov }
        }""").loc[0, "n"]
    # the file tags 82 actors C40Cities2022 and a few more with older vintages
    assert 82 <= members <= 140
    match = re.search(r"^\s+c40: (\d+)$", reports["climactor"], re.M)
    assert match and int(match.group(1)) >= members


def test_stats_prints_networks_countries_and_the_under2_reconciliation(imported):
    out, _ = imported
    text = run_cli("stats", "--graph", str(out)).stdout
    assert "Members per network" in text and "Entities per country and class" in text
    networks = dict(re.findall(r"^\s*(gcom|c40|under2-coalition)\s+(\d+)", text, re.M))
    assert int(networks["gcom"]) > 10000 and int(networks["c40"]) >= 82
    block = text.split("Under2 Coalition members, by the case or import that lists them")[1]
    rows = re.findall(r"^\s*(\S.*?)\s+(\d+)$", block, re.M)
    combos = {c.strip(): int(n) for c, n in rows}
    # agreement between the three sources, and members only one of them lists
    assert any("import-climactor" in c and "under2" in c.split(" | ") for c in combos)
    assert combos.get("import-climactor-2022-12", 0) > 0
    # the printed 2017 roster is case material (loaders/under2/roster.yaml): importing it adds no
    # membership at all (before, every member was listed by the import alone)
    assert not any("import-under2-roster" in c for c in combos)
    for country in ("MX", "CA", "ZA", "DE", "FR", "JP", "KR", "IN", "ID", "CR", "GE", "CN", "US"):
        assert re.search(rf"^{country}\s+\d", text, re.M), f"{country} missing from the per-country table"


def test_under2_roster_report_counts_against_the_stated_total(imported):
    _, reports = imported
    names = list(parse_roster(ROSTER_TEXT.read_text(encoding="utf-8")))
    assert f"names printed: {len(names)}" in reports["under2"]
    assert f"against the {STATED_TOTAL} the report states" in reports["under2"]
    assert "names the alias table does not resolve" not in reports["under2"]
    assert len(names) < STATED_TOTAL
    # one government, one node: the case material defines every member, so the import finds them
    # all (by ISO code or by key) and creates none; Region Jämtland Härjedalen, printed as two
    # names, and the Netherlands, printed twice, give one membership each
    assert "created" not in reports["under2"]
    assert "names printed twice, one membership: 2" in reports["under2"]
    # 153 names printed, 151 memberships, every one already in the case material; one of them,
    # 蒙哥马利县 (Montgomery County) printed with no state, is reported as ambiguous (18 states have
    # a Montgomery County) instead of read as the case material's record of it
    assert "memberships the graph already holds, not repeated: 150" in reports["under2"]
    assert "'Montgomery County' (US): no state given, and 18 states have a county of this name" in reports["under2"]


def test_climactor_report_says_what_it_did_with_the_quirks(imported):
    _, reports = imported
    report = reports["climactor"]
    assert "rows read: 14706" in report
    assert re.search(r"rows repaired \(not UTF-8, decoded as cp1252\): [1-9]", report)
    assert re.search(r"empty tags \(between ';;'\), skipped: \d+", report)
    assert re.search(r"unknown tags, not imported: \d+", report)
    assert "entity type written 'city', read as City" in report


def test_targets_cite_the_dataset_and_the_row_url(imported):
    out, _ = imported
    df = run_sparql(open_store(out), """
        SELECT ?c ?year ?value ?url ?doc WHERE {
          ?c cca:committedBy id:US-CA ; cca:targetYear ?year ; cca:citation ?cit .
          OPTIONAL { ?c cca:targetValue ?value }
          ?cit schema:url ?url ; dcterms:source/dcterms:identifier ?doc .
          FILTER(?doc = "c2es-us-ghg-targets")
        }""")
    assert 2030 in set(df["year"])
    assert all(u.startswith("http") for u in df["url"])


# -- bad input -------------------------------------------------------------------

def _digest(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((out / "imports").glob("*")) if (out / "imports").exists() else []:
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest() + str((out / "store").resolve())


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("small") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(REPO / "tests" / "data" / "good"), "--quiet")
    return out


ROSTER_HEADER = "name,country,level,network,role,since,source\n"
BAD_ROSTERS = {
    "missing column": ("name,country,level,network,role,since\nLyon,FR,local,c40,member,2019\n", 1, "source",
                       "missing column"),
    "unknown country": (ROSTER_HEADER + "Lyon,FR,local,Test Network,member,2019,p. 1\nAtlantis,ZZ,local,Test Network,member,2019,p. 2\n",
                        3, "country", "unknown country 'ZZ'"),
    "malformed year": (ROSTER_HEADER + "Lyon,FR,local,Test Network,member,20l9,p. 1\n", 2, "since", "expected a year"),
}


@pytest.mark.parametrize("kind", sorted(BAD_ROSTERS))
def test_bad_roster_is_reported_and_nothing_is_written(small, tmp_path, kind):
    text, line, field, words = BAD_ROSTERS[kind]
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    before = _digest(small)
    proc = run_cli("import", "roster", str(path), "--year", "2024", "--graph", str(small), check=False)
    assert proc.returncode != 0
    assert re.search(rf"roster\.csv:{line}: {field}: .*{re.escape(words)}", proc.stderr), proc.stderr
    assert "nothing was written" in proc.stderr
    assert _digest(small) == before
    assert not list((small / "imports").glob(".*tmp*")) if (small / "imports").exists() else True


def test_undecodable_bytes_fail_without_and_import_with_an_encoding(small, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes((ROSTER_HEADER + "Lyon,FR,local,Test Network,member,2019,p. 1\n").encode()
                     + "Saint-Étienne,FR,local,Test Network,member,2020,p. 2\n".encode("cp1252"))
    before = _digest(small)
    proc = run_cli("import", "roster", str(path), "--year", "2024", "--graph", str(small), check=False)
    assert proc.returncode != 0
    assert re.search(r"roster\.csv:3: encoding: not valid UTF-8", proc.stderr), proc.stderr
    assert _digest(small) == before
    ok = run_cli("import", "roster", str(path), "--year", "2024", "--encoding", "cp1252", "--graph", str(small))
    assert "rows read: 2" in ok.stdout
    labels = set(run_sparql(open_store(small), "SELECT ?l WHERE { ?g a cca:Government ; rdfs:label ?l }")["l"])
    assert "Saint-Étienne" in labels


def test_climactor_without_an_encoding_names_the_undecodable_line(small):
    proc = run_cli("import", "climactor", str(CLIMACTOR), "--graph", str(small), check=False)
    assert proc.returncode != 0
    assert re.search(r"subnational_contextuals_database_Dec2022\.csv:\d+: encoding: not valid UTF-8", proc.stderr)
    assert "--lenient" in proc.stderr


def test_roster_matches_existing_governments_and_networks(small, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(ROSTER_HEADER + "Auvergne-Rhône-Alpes,FR,regional,Test Network of Regions,co-chair,2018,board page\n"
                    "Lyon,FRA,local,test-network,member,,member list\n", encoding="utf-8")
    proc = run_cli("import", "roster", str(path), "--year", "2024", "--graph", str(small))
    assert "Network: " not in proc.stdout  # both rows name the existing network
    df = run_sparql(open_store(small), """
        SELECT ?member ?role WHERE { GRAPH ?g { ?m org:organization id:test-network ; org:member ?member ; org:role ?r }
          ?r skos:notation ?role . FILTER(?g = <https://w3id.org/cca-graph/graph/import-roster-mine>) }
        ORDER BY ?member""")
    assert list(df["member"]) == [ID + "FR-ARA", ID + "FR-ARA.lyon"]
    assert list(df["role"]) == ["co-chair", "member"]


# -- subdivision aliases -----------------------------------------------------------

CLIMACTOR_HEADER = ("name,iso,entity_type,country,area,num_commit,lat,lng,population,population_year,"
                    "state,admin_1,initiatives_committed,region\n")
# English and mis-decoded region names as ClimActor writes them, and one no table knows
CLIMACTOR_ALIASED = CLIMACTOR_HEADER + (
    "Ghent,BEL,City,Belgium,NA,1,51.05,3.72,NA,NA,East Flanders,Ghent,GCoM2022,Europe\n"
    "Odense,DNK,City,Denmark,NA,1,55.4,10.39,NA,NA,South Denmark Region,NA,GCoM2022,Europe\n"
    "Carbonia,ITA,City,Italy,NA,1,39.17,8.52,NA,NA,Sardinia,South Sardinia,GCoM2022,Europe\n"
    "Ubeda,ESP,City,Spain,NA,1,38.01,-3.37,NA,NA,JaA(c)n,NA,GCoM2022,Europe\n"
    "East Flanders,BEL,Region,Belgium,NA,1,NA,NA,NA,NA,NA,NA,Under2Coalition2022,Europe\n"
    "Atlantis,BEL,City,Belgium,NA,1,NA,NA,NA,NA,Atlantis Shire,NA,GCoM2022,Europe\n")


def test_climactor_region_names_are_read_through_the_alias_table(tmp_path):
    path = tmp_path / "climactor_Dec2022.csv"
    path.write_text(CLIMACTOR_ALIASED, encoding="utf-8")
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--quiet")
    report = run_cli("import", "climactor", str(path), "--graph", str(out)).stdout
    df = run_sparql(open_store(out), """
        SELECT ?gov ?parent WHERE { GRAPH <https://w3id.org/cca-graph/graph/import-climactor-2022-12> { ?gov cca:partOf ?parent } }""")
    part_of = {g[len(ID):]: p[len(ID):] for g, p in zip(df["gov"], df["parent"])}
    assert part_of["BE-VOV.ghent"] == "BE-VOV" and part_of["BE-VOV"] == "BE-VLG"
    assert part_of["DK-83.odense"] == "DK-83"
    assert part_of["IT-SU.carbonia"] == "IT-SU" and part_of["IT-SU"] == "IT-88"  # the inner of state and admin_1
    assert part_of["ES-J.ubeda"] == "ES-J"
    assert part_of["BE.atlantis"] == "BE"
    assert not any(g.startswith("BE.east-flanders") for g in part_of)  # the region row is BE-VOV itself
    assert "cities placed under a region through the alias table: 4" in report
    assert "regions matched to ISO 3166-2 through the alias table: 1" in report
    assert "'East Flanders' (BE) = BE-VOV: 2 rows" in report
    assert "'JaA(c)n' (ES) = ES-J: 1 row" in report
    block = report.split("region names found neither in ISO 3166-2 nor in the alias table (1):")[1]
    assert block.splitlines()[1].strip() == "- 'Atlantis Shire' (BE): 1 row"


BAD_ALIASES = {
    "unknown code": ("BE,East Flanders,BE-XX,", "code", "'BE-XX' is not an ISO 3166-2 code pycountry knows"),
    "code of another country": ("BE,South Denmark Region,DK-83,", "code", "'DK-83' is a subdivision of DK, not of BE"),
    "duplicate name": ("BE,EAST FLANDERS,BE-VOV,", "name", "'EAST FLANDERS' is listed twice for BE (first at line 2)"),
    "unknown country": ("ZZ,Atlantis,BE-VOV,", "country", "'ZZ' is not an ISO 3166-1 alpha-2 code"),
}


@pytest.mark.parametrize("kind", sorted(BAD_ALIASES))
def test_bad_alias_table_names_file_line_and_field(tmp_path, kind):
    from cca_graph.errors import InputError
    from cca_graph.ingest.imports.resolve import read_subdivision_aliases

    row, field, words = BAD_ALIASES[kind]
    path = tmp_path / "aliases.csv"
    path.write_text(f"country,name,code,note\nBE,East Flanders,BE-VOV,Oost-Vlaanderen\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_subdivision_aliases(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:3: {field}: {words}"]


def test_shipped_alias_table_is_valid_and_every_alias_is_needed():
    from cca_graph.ingest.imports.resolve import Resolver, read_subdivision_aliases

    aliases = read_subdivision_aliases()
    assert aliases[("BE", "east flanders")] == "BE-VOV"
    without = Resolver(aliases={})
    # an alias for a name ISO 3166-2 already matches would never be read
    assert [k for k in aliases if without.subdivision(*k)] == []
    assert Resolver(aliases=aliases).subdivision("DK", "South Denmark Region") == ["DK-83"]


def test_climactor_real_file_places_english_region_names(imported):
    out, reports = imported
    report = reports["climactor"]
    placed = int(re.search(r"cities placed under a region \(ISO 3166-2\): (\d+)", report).group(1))
    aliased = int(re.search(r"cities placed under a region through the alias table: (\d+)", report).group(1))
    unplaced = int(re.search(r"regions named but found neither in ISO 3166-2 nor in the alias table "
                             r"\(city placed under its country\): (\d+)", report).group(1))
    assert placed > 12000 and aliased > 2000 and unplaced < 1500
    assert "region names found neither in ISO 3166-2 nor in the alias table" in report
    df = run_sparql(open_store(out), "SELECT ?p WHERE { id:BE-VOV.ghent cca:partOf ?p }")
    assert list(df["p"]) == [ID + "BE-VOV"]


def test_bad_alias_table_stops_the_import_and_nothing_is_written(tmp_path, monkeypatch):
    from cca_graph.errors import InputError
    from cca_graph.ingest.imports import resolve, run_import

    table = tmp_path / "aliases.csv"
    table.write_text("country,name,code,note\nBE,East Flanders,DK-83,\n", encoding="utf-8")
    monkeypatch.setattr(resolve, "shipped_table", lambda name: table)
    path = tmp_path / "climactor_Dec2022.csv"
    path.write_text(CLIMACTOR_ALIASED, encoding="utf-8")
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--quiet")
    before = _digest(out)
    with pytest.raises(InputError, match=rf"{re.escape(str(table))}:2: code: 'DK-83' is a subdivision of DK, not of BE"):
        run_import("climactor", path, out)
    assert _digest(out) == before
