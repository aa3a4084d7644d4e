"""Branches no other test reaches: ambiguous import names, tag years read from names, the
known-absence rules of the gap questions, the stats counts, the pySHACL engine.

Expected values come from the hand-written material under ``tests/data/`` (counted by
hand, see each test) or from counting quads in Python, never from the code under test.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from cca_graph import open_store, run_sparql
from cca_graph.graph.build import build
from cca_graph.ingest.imports import run_import
from cca_graph.query.catalogue import run_query

from .conftest import DATA, run_cli

ID = "https://w3id.org/cca-graph/id/"
GRAPH = "https://w3id.org/cca-graph/graph/"
CCA = "https://w3id.org/cca-graph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
IMPORTS = DATA / "imports"


def _known(status) -> bool:
    """Whether a gap row's status says "known absent" (either spelling of the status contract)."""
    return status in ("known absent", "known-absent")


def _line_of(path: Path, needle: str) -> int:
    """The one line of ``path`` that ends with ``needle``."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.rstrip().endswith(needle)]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {path}"
    return found[0]


# -- a. imports: a name with several candidates is reported, never merged ---------------------

@pytest.fixture(scope="module")
def namesakes_built(tmp_path_factory) -> Path:
    """tests/data/namesakes built once: two local governments called Valence.

    Built by the CLI, in a process of its own: two builds in one second of one process
    collide (see test_two_builds_in_one_second_of_one_process_both_publish).
    """
    out = tmp_path_factory.mktemp("namesakes") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "namesakes"), "--quiet")
    return out


@pytest.fixture
def namesakes(namesakes_built, tmp_path) -> Path:
    """A private copy of the namesakes graph for one import."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(namesakes_built, out, symlinks=True)
    return out


def _governments(out: Path) -> dict[str, set[str]]:
    df = run_sparql(open_store(out), "SELECT ?g ?l WHERE { ?g a cca:Government ; rdfs:label ?l }")
    found: dict[str, set[str]] = {}
    for g, label in zip(df["g"], df["l"]):
        found.setdefault(g[len(ID):], set()).add(label)
    return found


def _memberships(out: Path, graph: str) -> set[tuple[str, str]]:
    df = run_sparql(open_store(out), "SELECT ?member ?network WHERE { GRAPH ?g { ?m a cca:Membership ; "
                    "org:member ?member ; org:organization ?network } }", {"g": NamedNode(GRAPH + graph)})
    return {(m[len(ID):], n[len(ID):]) for m, n in zip(df["member"], df["network"])}


def test_an_ambiguous_roster_name_is_reported_with_its_candidates_and_never_merged(namesakes):
    before = _governments(namesakes)
    assert {g for g, labels in before.items() if "Valence" in labels} == {"FR-ARA.valence", "FR-OCC.valence"}
    report = run_import("roster", IMPORTS / "namesakes.csv", namesakes, year=2024)
    text = report.as_text()
    # line 2 of the CSV names Valence, which both regions have; line 3 names Lyon, which only one has
    assert report.notes["ambiguous names, not imported"] == 1
    assert re.search(r"namesakes\.csv:2: 'Valence' \(FR\): candidates FR-ARA\.valence, FR-OCC\.valence$", text, re.M), text
    assert report.governments == Counter({"matched by name": 1})
    assert dict(report.memberships) == {"rhone-network": 1}
    # only Lyon's membership is asserted; no government is made or merged for Valence
    assert _memberships(namesakes, "import-roster-namesakes") == {("FR-ARA.lyon", "rhone-network")}
    assert _governments(namesakes) == before
    df = run_sparql(open_store(namesakes), "SELECT ?x WHERE { { ?x org:member ?v } UNION { ?v cca:memberOf ?x } "
                    "VALUES ?v { id:FR-ARA.valence id:FR-OCC.valence } }")
    assert df.empty, df
    # the report beside the import says the same
    assert (namesakes / "imports" / "roster-namesakes.report.txt").read_text(encoding="utf-8") == text


def test_an_ambiguous_climactor_region_is_reported_with_its_iso_candidates(namesakes):
    # ISO 3166-2 has two subdivisions called Hsinchu (TW-HSQ the county, TW-HSZ the city); Taoyuan is one
    report = run_import("climactor", IMPORTS / "climactor-hsinchu.csv", namesakes, name="2021-06")
    assert report.details["ambiguous names, not imported"] == ["line 2: 'Hsinchu' (TW): candidates TW-HSQ, TW-HSZ"]
    governments = _governments(namesakes)
    assert "TW-TAO" in governments
    assert not {g for g in governments if "HSQ" in g or "HSZ" in g or "hsinchu" in g.lower()}
    assert _memberships(namesakes, "import-climactor-2021-06") == {("TW-TAO", "under2-coalition")}


def test_an_ambiguous_roster_region_is_reported_not_made_a_new_government(namesakes):
    report = run_import("roster", IMPORTS / "hsinchu.csv", namesakes, year=2024)
    assert "TW.hsinchu" not in _governments(namesakes)
    assert report.details.get("ambiguous names, not imported") == [
        f"{report.path}:2: 'Hsinchu' (TW): candidates TW-HSQ, TW-HSZ"]


def test_an_unknown_climactor_tag_is_noted_once_at_its_first_line(namesakes):
    # NoSuchTag2099 on lines 2, 3 and 4, OtherUnknown on line 4: two tags, each at its first line
    report = run_import("climactor", IMPORTS / "climactor-unknown-tags.csv", namesakes, name="2021-07")
    assert report.notes["unknown tags, not imported"] == 2
    assert report.details["unknown tags, not imported"] == ["'NoSuchTag2099' (first at line 2)",
                                                             "'OtherUnknown' (first at line 4)"]


# -- b. a ClimActor tag's year read from its name ---------------------------------------------

def test_climactor_tag_year_is_read_from_the_tag_name(namesakes, monkeypatch):
    from cca_graph.ingest.imports import climactor

    shipped = climactor.shipped_table
    tags = IMPORTS / "climactor-tags.csv"
    monkeypatch.setattr(climactor, "shipped_table", lambda name: tags if name == "climactor-tags.csv" else shipped(name))
    report = run_import("climactor", IMPORTS / "climactor-years.csv", namesakes, name="2021-06")
    assert report.notes["unknown tags, not imported"] == 0
    df = run_sparql(open_store(namesakes), """
        SELECT ?m ?member ?network ?observed ?since WHERE {
          GRAPH <https://w3id.org/cca-graph/graph/import-climactor-2021-06> {
            ?m a cca:Membership ; org:member ?member ; org:organization ?network }
          OPTIONAL { ?m cca:observedYear ?observed } OPTIONAL { ?m cca:since ?since } }""")
    found = {(m[len(ID):], n[len(ID):], None if o != o or o is None else int(o))
             for m, n, o in zip(df["member"], df["network"], df["observed"])}
    # the CSV and the tag table by hand: c40_2019 -> 2019 and ClimateAlliance2022 -> 2022 from the names,
    # C40 has no year anywhere, Under2Vintage2018 takes the table's 2020 over the name's 2018
    assert found == {
        ("FR-ARA.lyon", "c40", 2019), ("FR-ARA.lyon", "climate-alliance", 2022), ("FR-ARA.lyon", "c40", None),
        ("FR-ARA.grenoble", "under2-coalition", 2020), ("FR-ARA.grenoble", "c40", 2019)}
    # a tag dates when the list saw the member, not when it joined
    assert df["since"].isna().all()
    assert {m[len(ID):] for m in df["m"]} == {
        "ms.FR-ARA.lyon.c40.2019.v2021-06", "ms.FR-ARA.lyon.climate-alliance.2022.v2021-06", "ms.FR-ARA.lyon.c40.undated.v2021-06",
        "ms.FR-ARA.grenoble.under2-coalition.2020.v2021-06", "ms.FR-ARA.grenoble.c40.2019.v2021-06"}
    labels = dict(run_sparql(open_store(namesakes), "SELECT ?n ?l WHERE { ?n a cca:Network ; rdfs:label ?l }")
                  .itertuples(index=False))
    assert labels[ID + "climate-alliance"] == "Climate Alliance"


# -- c. the known-absence rules of the gap questions ---------------------------------------------

@pytest.fixture(scope="module")
def absences_out(tmp_path_factory) -> Path:
    """tests/data/absences built: Chile and Bolivia with known absences that do and do not match."""
    out = tmp_path_factory.mktemp("absences") / "out"
    build(out, [DATA / "absences"])
    return out


@pytest.fixture(scope="module")
def absences(absences_out):
    return open_store(absences_out)


def _status(df, key: str) -> dict[str, bool]:
    """``{row key: known absent?}``, one status per key."""
    found: dict[str, set[bool]] = {}
    for k, status in zip(df[key], df["status"]):
        found.setdefault(k, set()).add(_known(status))
    assert all(len(v) == 1 for v in found.values()), found
    return {k: v.pop() for k, v in found.items()}


def test_mandate_without_instrument_known_absence_matches_the_mandates_domain_or_none(absences):
    df = run_query("mandate-without-instrument", store=absences, country="CL")
    assert set(df["mandate"]) == {"cl-mandate-regional-plan"}
    assert _status(df, "government") == {
        "CL-VS": True,    # absent instrument in the mandate's domain (climate-planning)
        "CL-AR": True,    # absent instrument with no domain: any domain
        "CL-BI": False,   # absent instrument in another domain (finance)
        "CL-AP": False,   # absent instrument in another domain (mrv)
        "CL-LL": False,   # an absent commitment, not an instrument
    }


def test_reporting_gap_known_absence_needs_the_domain_mrv(absences):
    df = run_query("reporting-gap", store=absences, country="CL")
    # no region reports via Chile's national platform: every row is a missing link, no row no-gap
    assert df["national_platform"].isna().all() and "no-gap" not in set(df["status"])
    # only Arica y Parinacota's absence is in the domain mrv; Araucanía's has no domain at all
    assert _status(df, "government") == {"CL-AP": True, "CL-AR": False, "CL-BI": False, "CL-LL": False,
                                         "CL-VS": False}


def test_unfunded_mandate_known_absence_about_the_law_or_provision_needs_the_domain_finance(absences):
    df = run_query("unfunded-mandate", store=absences, country="CL")
    assert _status(df, "mandate") == {
        "cl-mandate-regional-plan": True,       # finance, about its law
        "cl-mandate-local-adaptation": True,    # finance, about its provision
        "cl-mandate-local-mrv": False,          # about its provision, but in the domain mrv
    }


def test_level_without_mandate_known_absence_needs_an_obligation_or_no_modality(absences):
    df = run_query("level-without-mandate", store=absences, country="BO")
    rows = {(level, _known(status), source) for level, status, source in zip(df["level"], df["status"], df["source"])}
    # local: about the nation, no modality -> known absent, with its citation;
    # regional: the absence is of a power, not of an obligation -> not known absent, no source
    assert rows == {("local", True, "absence-doc: p. 56"), ("regional", False, None)}


def test_coordination_gap_known_absence_names_its_level_only(absences):
    df = run_query("coordination-gap", store=absences, country="BO")
    assert df["body"].isna().all()    # no body joins any level
    assert _status(df, "lower_level") == {"local": True, "regional": False}
    assert dict(zip(df["lower_level"], df["source"])) == {"local": "absence-doc: p. 57", "regional": None}


def test_cypher_applies_the_same_known_absence_rules(absences_out, absences, neo4j):
    """The same rows from the Cypher files, on the same case pushed to a real Neo4j."""
    run_cli("push", "--graph", str(absences_out), "--uri", neo4j.url, "--wipe")
    for name, country in [("mandate-without-instrument", "CL"), ("reporting-gap", "CL"), ("unfunded-mandate", "CL"),
                          ("level-without-mandate", "BO"), ("coordination-gap", "BO")]:
        sparql = run_query(name, store=absences, country=country)
        cypher = run_query(name, "cypher", uri=neo4j.url, country=country)
        assert sparql.values.tolist() == cypher.values.tolist(), name


# -- d. stats against counts made here -----------------------------------------------------------

def _table(text: str, title: str) -> dict[str, int]:
    """The two-column table under ``title`` in the text of ``cca-graph stats``."""
    block = text.split(title + "\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return {key: int(value) for key, value in (line.split() for line in block[1:])}


def _cli(*args: str) -> str:
    """Run a cca-graph verb in this process; return what it printed."""
    from click.testing import CliRunner

    from cca_graph.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_counts_equal_counts_of_the_quads(absences_out, absences):
    text = _cli("stats", "--graph", str(absences_out))
    store = absences
    per_graph = Counter(q.graph_name.value[len(GRAPH):] for q in store.quads_for_pattern(None, None, None, None))
    assert _table(text, "Triples per named graph") == dict(per_graph)
    assert set(per_graph) == {"chile", "bolivia", "sources", "vocabulary"}
    # every record of the case files by hand (31), the one source, and a citation per distinct locator
    entities = _table(text, "Entities per class")
    assert {k: v for k, v in entities.items() if k not in ("Citation", "Source")} == {
        "Government": 9, "LegalAct": 3, "Provision": 4, "Mandate": 3, "Instrument": 1, "KnownAbsence": 11}
    assert entities["Source"] == 1
    citations = {q.subject for q in store.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(CCA + "Citation"))}
    assert entities["Citation"] == len(citations)
    assert _table(text, "Facts per source document") == {"absence-doc": 31}


# -- e. the pySHACL engine ----------------------------------------------------------------------

def test_validate_with_pyshacl_accepts_the_good_case():
    text = _cli("validate", "--cases", str(DATA / "good"), "--shacl-engine", "pyshacl")
    # tests/data/good by hand: 3 governments and 9 other records in one case, one source
    assert text.strip().splitlines()[-1] == "OK: 12 records in 1 cases, 1 sources."


# shapes.ttl's messages, and what breaks each: (record id, triple edit)
_GOOD = DATA / "good" / "example"
BREAKS = {
    "no label": ("FR-ARA.lyon", "a government has a label"),
    "second level": ("FR-ARA", "a government has exactly one level"),
    "no modality": ("fr-mandate-regional-plan", "a mandate has exactly one modality"),
    "no assignee": ("fr-mandate-regional-plan", "a mandate is assigned to a government or a level"),
}


def _break(nquads: Path, kind: str) -> None:
    """Edit the N-Quads of the good case so that they break one shape."""
    from pyoxigraph import Quad, RdfFormat, parse, serialize

    lyon, ara, mandate = (NamedNode(ID + i) for i in ("FR-ARA.lyon", "FR-ARA", "fr-mandate-regional-plan"))
    label, level, modality = (NamedNode(p) for p in ("http://www.w3.org/2000/01/rdf-schema#label", CCA + "level",
                                                     CCA + "modality"))
    with open(nquads, "rb") as fh:
        quads = list(parse(fh, format=RdfFormat.N_QUADS))
    if kind == "no label":
        quads = [q for q in quads if not (q.subject == lyon and q.predicate == label)]
    elif kind == "second level":
        first = next(q for q in quads if q.subject == ara and q.predicate == level)
        quads.append(Quad(ara, level, NamedNode(ID + "level/national"), first.graph_name))
    elif kind == "no modality":
        quads = [q for q in quads if not (q.subject == mandate and q.predicate == modality)]
    else:
        quads = [q for q in quads if not (q.subject == mandate and q.predicate.value == CCA + "toLevel")]
    nquads.write_bytes(serialize(quads, format=RdfFormat.N_QUADS))


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_pyshacl_reports_the_same_violations_as_the_sparql_engine(tmp_path, kind):
    from cca_graph.graph.build import check_cases, shacl_problems

    nquads = tmp_path / "graph.nq"
    reader, _ = check_cases([DATA / "good"], nquads)
    assert reader.problems == []
    _break(nquads, kind)
    record, message = BREAKS[kind]
    file = "governments.yaml" if record.startswith("FR") else "policy.yaml"
    line = _line_of(_GOOD / file, f"id: {record}")
    sparql = sorted(shacl_problems(nquads, reader, engine="sparql"))
    pyshacl = sorted(shacl_problems(nquads, reader, engine="pyshacl"))
    assert [(Path(p.path).name, p.line, p.message) for p in pyshacl] == [(file, line, f"{message} ({ID}{record})")]
    assert pyshacl == sparql


def test_an_unknown_shacl_engine_is_refused(tmp_path):
    from cca_graph.graph.build import shacl_problems

    nquads = tmp_path / "graph.nq"
    nquads.write_bytes(b"")
    with pytest.raises(ValueError, match="unknown SHACL engine 'jena'"):
        shacl_problems(nquads, engine="jena")


# -- found on the way ------------------------------------------------------------------------

def test_two_builds_in_one_second_of_one_process_both_publish(tmp_path, monkeypatch):
    from cca_graph.graph import store

    monkeypatch.setattr(store.time, "strftime", lambda fmt, t=None: "20260101T000000")
    build(tmp_path / "out", [DATA / "good"])
    build(tmp_path / "out", [DATA / "good"])
    assert run_sparql(open_store(tmp_path / "out"), "ASK { id:FR-ARA.lyon a cca:Government }")["ask"][0]
