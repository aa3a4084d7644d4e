"""Names from data survive every export unchanged and never reach a query string."""
from __future__ import annotations

import csv

import pytest
from pyoxigraph import Dataset, RdfFormat, parse

from cca_graph import open_store, run_sparql

from .conftest import DATA, run_cli

HOSTILE = "Côte d'Ivoire \"test\" \\ 北京"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "escaping"), "--quiet")
    run_cli("export", "--graph", str(out))
    return out


def test_label_is_stored_byte_for_byte(hostile):
    df = run_sparql(open_store(hostile), "SELECT ?label WHERE { ?g cca:isoCode 'CI' ; rdfs:label ?label . FILTER(LANG(?label) = 'en') }")
    assert list(df["label"]) == [HOSTILE]


@pytest.mark.parametrize("name,fmt", [("graph.nq", RdfFormat.N_QUADS), ("graph.trig", RdfFormat.TRIG),
                                      ("graph.jsonld", RdfFormat.JSON_LD), ("graph.ttl", RdfFormat.TURTLE)])
def test_exports_parse_back_to_the_same_labels(hostile, name, fmt):
    with open(hostile / "export" / name, "rb") as fh:
        exported = Dataset(parse(fh, format=fmt))
    labels = {q.object.value for q in exported if q.predicate.value.endswith("#label")}
    assert HOSTILE in labels
    assert "<script>alert(1)</script>" in labels
    assert "科特迪瓦 <b>测试</b>" in labels


def test_csv_cells_read_back_exactly(hostile):
    with open(hostile / "export" / "csv" / "Government.csv", encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["CI"]["label_en"] == HOSTILE
    assert rows["CI"]["locators"] == "test-doc: p. <script>alert(1)</script>"


def test_hostile_parameter_is_a_literal_not_query_text(hostile):
    store = open_store(hostile)
    query = "SELECT ?g ?label WHERE { ?g rdfs:label ?label }"
    injected = '"} UNION { ?g ?p ?label } #'
    assert run_sparql(store, query, {"label": injected}).empty
    # a plain string is a plain literal: it does not match the language-tagged label
    assert run_sparql(store, query, {"label": "<script>alert(1)</script>"}).empty
    from pyoxigraph import Literal

    found = run_sparql(store, query, {"label": Literal("<script>alert(1)</script>", language="en")})
    assert list(found["g"]) == ["https://w3id.org/cca-graph/id/CI.script-town"]


def test_cli_binds_iris_and_literals_apart(hostile):
    query = "SELECT ?g ?iso WHERE { ?g cca:isoCode ?iso }"
    by_iri = run_cli("query", "--graph", str(hostile), "--sparql", query, "--iri",
                     "g=https://w3id.org/cca-graph/id/CI", "--format", "csv")
    assert by_iri.stdout.splitlines()[1:] == ["https://w3id.org/cca-graph/id/CI,CI"]
    bad = run_cli("query", "--graph", str(hostile), "--sparql", query, "--iri", "g=not an iri>", check=False)
    assert bad.returncode == 2 and "--iri" in bad.stderr


@pytest.mark.parametrize("text", ["C:\\data\\Ñ", "a \\n that is two characters", "\\", "ends with \\"])
def test_a_backslash_alone_in_a_text_is_stored_as_written(tmp_path, text):
    """A text whose only character N-Quads escapes is a backslash (no quote or line break beside it)."""
    import shutil

    import yaml

    root = tmp_path / "cases"
    shutil.copytree(DATA / "escaping", root)
    path = root / "hostile" / "governments.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["records"][0]["label"]["en"] = text
    data["records"][1]["source"]["locator"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--cases", str(root), "--quiet")
    store = open_store(out)
    labels = run_sparql(store, "SELECT ?label WHERE { ?g cca:isoCode 'CI' ; rdfs:label ?label . FILTER(LANG(?label) = 'en') }")
    assert list(labels["label"]) == [text]
    locators = run_sparql(store, "SELECT ?l WHERE { ?c cca:locator ?l }")
    assert text in set(locators["l"])
