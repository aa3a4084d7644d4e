"""Building the bundled case material: SHACL, provenance, determinism, round trips."""
from __future__ import annotations

import hashlib

import pytest
import rdflib
from pyoxigraph import Dataset, RdfFormat, parse

from cca_graph import run_sparql
from cca_graph.exports import FORMATS
from cca_graph.graph.build import shacl_problems

from .conftest import REPO, run_cli

FACT_CLASSES = ["Government", "Network", "Membership", "LegalAct", "Provision", "Mandate", "Instrument",
                "Commitment", "CoordinationBody", "Outcome", "KnownAbsence"]


def test_built_graph_conforms_to_shapes(built, tmp_path):
    nq = built / "export" / "graph.nq"
    assert shacl_problems(nq) == []


@pytest.mark.parametrize("cls", FACT_CLASSES)
def test_no_fact_without_a_registered_source(store, cls):
    df = run_sparql(store, f"""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          ?x a cca:{cls} .
          FILTER NOT EXISTS {{ ?x dcterms:source ?s . ?s a cca:Source ; dcterms:title ?t }}
          FILTER NOT EXISTS {{ ?x cca:citation/cca:locator ?loc }}
        }}""")
    assert df.loc[0, "n"] == 0
    # and the class is not empty, or the check above proves nothing
    present = run_sparql(store, f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a cca:{cls} }}")
    if cls not in ("Membership",):
        assert present.loc[0, "n"] > 0, f"no {cls} in the case material"


def test_every_named_graph_is_a_case_or_source(store):
    graphs = set(run_sparql(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")["g"])
    expected = {f"https://w3id.org/cca-graph/graph/{g}"
                for g in ("mexico", "canada", "indonesia", "under2", "sources", "vocabulary")}
    assert expected <= graphs


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_give_byte_identical_exports(built, tmp_path):
    again = tmp_path / "again"
    run_cli("build", "--graph", str(again), "--quiet")
    run_cli("export", "--graph", str(again))
    first, second = _digests(built / "export"), _digests(again / "export")
    assert len(first) >= len(FORMATS) + 9
    assert first == second


def _store_dataset(store):
    return Dataset(store.quads_for_pattern(None, None, None, None))


@pytest.mark.parametrize("name,fmt", [("graph.nq", RdfFormat.N_QUADS), ("graph.trig", RdfFormat.TRIG),
                                      ("graph.jsonld", RdfFormat.JSON_LD)])
def test_dataset_exports_hold_exactly_the_store(built, store, name, fmt):
    with open(built / "export" / name, "rb") as fh:
        exported = Dataset(parse(fh, format=fmt))
    assert len(exported) == len(_store_dataset(store))
    assert exported == _store_dataset(store)


def test_turtle_export_holds_the_union_of_graphs(built, store):
    turtle = rdflib.Graph().parse(built / "export" / "graph.ttl", format="turtle")
    union = {(q.subject.value, q.predicate.value, str(q.object)) for q in store.quads_for_pattern(None, None, None, None)}
    assert len(turtle) == len(union)


def test_csv_tables_have_one_row_per_entity(built, store):
    import csv

    for cls in FACT_CLASSES:
        with open(built / "export" / "csv" / f"{cls}.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        n = run_sparql(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a cca:{cls} }}").loc[0, "n"]
        assert len(rows) == n
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
        assert all(r["sources"] and r["locators"] for r in rows)


def test_mexico_levels_with_mandates_and_articles(built):
    import json

    query = REPO / "queries" / "governance" / "levels-and-mandates.rq"
    proc = run_cli("query", "--graph", str(built), str(query), "--param", "country=MX", "--format", "json")
    rows = json.loads(proc.stdout)
    assert {r["level"] for r in rows} == {"national", "regional", "local"}
    assert all(r["source"].startswith("giz-cca: ") and r["country"] == "MX" for r in rows)
    # every mandate under its article, but the states' power over municipal planning, which the
    # source gives for the law as a whole (giz-cca §4.3, after the art. 58 reference)
    assert {r["mandate"].rsplit("/", 1)[-1] for r in rows if not r["article"]} == {
        "mx-mandate-state-power-over-municipal-planning"}
    articles = {(r["level"], r["article"], r["modality"]) for r in rows}
    assert ("regional", "58", "obligation") in articles   # state climate programmes
    assert ("local", "9", "power") in articles            # competences, no planning duty
    assert {"7", "8", "9"} <= {r["article"] for r in rows}


def test_an_unknown_country_gives_no_rows_not_an_error(built):
    query = REPO / "queries" / "governance" / "levels-and-mandates.rq"
    proc = run_cli("query", "--graph", str(built), str(query), "--param", "country=ZZ")
    assert proc.stdout.strip() == "(no rows)"


def test_stats_prints_the_three_summaries(built):
    out = run_cli("stats", "--graph", str(built)).stdout
    for heading in ("Triples per named graph", "Entities per class", "Facts per source document"):
        assert heading in out
    assert "mexico" in out and "giz-cca" in out and "Government" in out


def test_worker_processes_give_the_same_quads_and_problems(tmp_path, monkeypatch):
    """Files checked in worker processes give the bytes and problems of checking them here, in file order."""
    import shutil

    from cca_graph.graph.build import check_cases
    from cca_graph.ingest import cases
    from cca_graph.resources import loaders_dir

    root = tmp_path / "cases"
    shutil.copytree(loaders_dir(), root)
    # a duplicate across files and a dangling reference: settled here, after the workers
    (root / "mexico" / "zz-extra.yaml").write_text(
        "records:\n  - {id: MX, type: Government, label: Mexico again, level: national, "
        "source: {doc: giz-cca, locator: p. 1}}\n"
        "  - {id: mx-extra, type: Instrument, label: Extra, instrument_type: strategy, adopted_by: NOWHERE, "
        "source: {doc: giz-cca, locator: p. 1}}\n", encoding="utf-8")
    here, here_count = check_cases([root], tmp_path / "here.nq")
    monkeypatch.setattr(cases, "PARALLEL_BYTES", 0)
    shared, shared_count = check_cases([root], tmp_path / "shared.nq")
    assert (tmp_path / "here.nq").read_bytes() == (tmp_path / "shared.nq").read_bytes()
    assert here_count == shared_count > 5000
    assert sorted(shared.problems) == sorted(here.problems)
    messages = " ".join(p.message for p in shared.problems)
    assert "duplicate id 'MX'" in messages and "unknown id 'NOWHERE'" in messages
    assert shared.records_per_case == here.records_per_case
    assert shared.where("mx-extra") == here.where("mx-extra")
