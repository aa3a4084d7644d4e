"""Parquet tables: read back with DuckDB, they hold what the store holds, typed as the case files give it.

The ``built`` graph was exported by ``cca-graph export`` (every format) in a
process of its own; counts are compared with SPARQL counts over the store, and
values with the case YAML they were built from.
"""
from __future__ import annotations

import subprocess
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from pyoxigraph import RdfFormat, Store

from cca_graph import export, run_sparql
from cca_graph.exports.parquet import write_parquet

from .conftest import REPO

ID = "https://w3id.org/cca-graph/id/"
CCA = "https://w3id.org/cca-graph/ontology#"

#: entities of the cca: classes, vocabulary concepts aside; citations and memberships are not nodes
#: (a citation becomes a node's ``sources``, a membership a MEMBER_OF relationship)
NODES = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?class .
  FILTER(STRSTARTS(STR(?class), "{CCA}") && ?class NOT IN (cca:Citation, cca:Membership))
  FILTER NOT EXISTS {{ ?s a skos:Concept }}
}} GROUP BY ?class
"""
#: links between two such entities, by predicate, each (subject, predicate, object) once; the link to a
#: source is a property (``sources``), alignments too (``sameAs``), and memberships are counted apart
LINKS = f"""
SELECT ?p (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
      ?s ?p ?o . ?s a ?sc . ?o a ?oc .
      FILTER(STRSTARTS(STR(?sc), "{CCA}") && STRSTARTS(STR(?oc), "{CCA}"))
      FILTER(?sc NOT IN (cca:Citation, cca:Membership) && ?oc NOT IN (cca:Citation, cca:Membership))
      FILTER NOT EXISTS {{ ?s a skos:Concept }} FILTER NOT EXISTS {{ ?o a skos:Concept }}
      FILTER(?p NOT IN (rdf:type, owl:sameAs, dcterms:source, cca:memberOf))
  }} }}
}} GROUP BY ?p
"""
MEMBERSHIPS = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a cca:Membership ; org:member ?a ; org:organization ?b }"


@pytest.fixture(scope="module")
def tables(built):
    return built / "export" / "parquet"


def _rows_per_file(folder, pattern: str) -> dict[str, int]:
    """Rows per file of ``folder`` matching ``pattern``, the file's stem without its prefix as key."""
    found = duckdb.execute("SELECT parse_filename(filename, true), count(*) FROM read_parquet(?, filename = true, "
                           "union_by_name = true) GROUP BY ALL", [str(folder / pattern)]).fetchall()
    return {stem.split("_", 1)[1]: n for stem, n in found}


def _record(case: str, record_id: str) -> dict:
    records = yaml.safe_load((REPO / "loaders" / case).read_text(encoding="utf-8"))["records"]
    return next(r for r in records if r["id"] == record_id)


def _row(path, record_id: str) -> dict:
    rows = duckdb.execute("SELECT * FROM read_parquet(?) WHERE id = ?", [str(path), record_id]).fetchall()
    names = [d[0] for d in duckdb.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0]))


def test_one_file_per_label_with_the_store_s_count_of_entities(tables, store):
    expected = {c.removeprefix(CCA): int(n) for c, n in run_sparql(store, NODES).itertuples(index=False)}
    assert len(expected) >= 19 and expected["Government"] > 200
    assert _rows_per_file(tables, "nodes_*.parquet") == expected


def test_one_file_per_relationship_type_with_the_store_s_count_of_links(tables, store):
    links = {p: int(n) for p, n in run_sparql(store, LINKS).itertuples(index=False)}
    per_file = _rows_per_file(tables, "relationships_*.parquet")
    assert per_file.pop("MEMBER_OF") == int(run_sparql(store, MEMBERSHIPS)["n"][0]) > 100
    # every file holds the links of one predicate, which its rows name in `iri`
    predicates = {}
    for rel_type in per_file:
        found = duckdb.execute("SELECT DISTINCT iri FROM read_parquet(?)",
                               [str(tables / f"relationships_{rel_type}.parquet")]).fetchall()
        assert len(found) == 1, (rel_type, found)
        predicates[found[0][0]] = per_file[rel_type]
    assert predicates == links
    # the names of the vocabulary contract (DESIGN.md)
    for rel_type, local in [("PART_OF", "partOf"), ("ADOPTED_BY", "adoptedBy"), ("HAS_PROVISION", "hasProvision"),
                            ("COMMITTED_BY", "committedBy"), ("SCALED_UP_FROM", "scaledUpFrom")]:
        assert per_file[rel_type] == links[CCA + local], rel_type


def test_every_relationship_joins_two_nodes(tables):
    dangling = duckdb.execute(
        "WITH n AS (SELECT iri FROM read_parquet(?, union_by_name = true)), "
        "r AS (SELECT start_iri, end_iri FROM read_parquet(?, union_by_name = true)) "
        "SELECT count(*) FROM r WHERE start_iri NOT IN (SELECT iri FROM n) OR end_iri NOT IN (SELECT iri FROM n)",
        [str(tables / "nodes_*.parquet"), str(tables / "relationships_*.parquet")]).fetchone()[0]
    assert dangling == 0


def test_values_are_typed_as_the_case_files_give_them(tables):
    # Baden-Württemberg's 40 % CO2 cut by 2030 (giz-cca §4.2)
    case = _record("germany/local.yaml", "de-bw-transport-co2-2030")
    row = _row(tables / "nodes_Commitment.parquet", "de-bw-transport-co2-2030")
    assert (row["targetYear"], row["targetValue"], row["unit"]) == (case["target_year"], case["value"], case["unit"])
    assert (row["targetYear"], row["targetValue"]) == (2030, 40.0)
    assert sorted(row["appliesToLevel"]) == sorted(case["applies_to_level"]) == ["local", "regional"]
    assert row["source_ids"] == ["giz-cca"]
    # the China-US declaration's 1.5 °C limit: a fraction survives
    assert _row(tables / "nodes_Commitment.parquet", "cn-us-pursue-1-5c")["targetValue"] == 1.5
    schema = pq.read_schema(tables / "nodes_Commitment.parquet")
    assert schema.field("targetYear").type == pa.int64() and schema.field("targetValue").type == pa.float64()
    assert schema.field("appliesToLevel").type == pa.list_(pa.string())
    # a month is kept as the case gives it, an ISO string; the year beside it is a number
    act = _row(tables / "nodes_LegalAct.parquet", "de-climate-law-2019")
    assert (act["date"], act["year"]) == (_record("germany/federal.yaml", "de-climate-law-2019")["date"], 2019)
    assert act["date"] == "2019-11"
    # a membership: Germany a founding member of Friends of Cities since 2013
    case = _record("networks/memberships.yaml", "friends-of-cities-de")
    member = _row(tables / "relationships_MEMBER_OF.parquet", "friends-of-cities-de")
    assert (member["start_iri"], member["end_iri"]) == (ID + case["member"], ID + case["network"])
    assert (member["since"], member["role"]) == (case["since"], case["role"]) == (2013, "founding-member")
    assert pq.read_schema(tables / "relationships_MEMBER_OF.parquet").field("since").type == pa.int64()


@pytest.fixture(scope="module")
def rewritten(store, tmp_path_factory):
    """The tables written again, in this process, over an earlier export's leftovers.

    The leftovers: a table of a label the graph no longer has, a reader's own file,
    and the spilled rows of an export whose process died.
    """
    out = tmp_path_factory.mktemp("parquet")
    folder = out / "parquet"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    (folder / f".rows.sort-{dead}-abc").mkdir(parents=True)
    (folder / f".rows.sort-{dead}-abc" / "nodes-0.jsonl").write_text('{"iri": "half a row', encoding="utf-8")
    (folder / "nodes_Vanished.parquet").write_bytes(b"an earlier export's table")
    (folder / "notes.txt").write_text("a reader's own file", encoding="utf-8")
    export(store, ["parquet"], out)
    return folder


def test_the_same_graph_gives_the_same_bytes(tables, rewritten):
    # built/export was written by `cca-graph export` in another process, under another hash seed
    expected = {p.name: p.read_bytes() for p in sorted(tables.iterdir())}
    assert len(expected) > 40
    assert {p.name: p.read_bytes() for p in sorted(rewritten.glob("*.parquet"))} == expected


def test_tables_of_vanished_labels_and_rows_of_an_export_that_died_are_removed(tables, rewritten):
    assert {p.name for p in rewritten.iterdir()} == {p.name for p in tables.iterdir()} | {"notes.txt"}


def test_small_batches_write_the_same_rows_in_row_groups(tables, store, tmp_path):
    write_parquet(store, tmp_path, batch_rows=100)
    governments = pq.ParquetFile(tmp_path / "nodes_Government.parquet")
    assert [governments.metadata.row_group(i).num_rows for i in range(governments.num_row_groups)] == [100, 100, 87]
    for path in sorted(tables.iterdir()):
        assert pq.read_table(tmp_path / path.name).equals(pq.read_table(path)), path.name


def test_a_column_takes_the_type_its_values_share(tmp_path):
    # made-up records, one per rule: whole numbers beside fractions are doubles, an integer beyond int64
    # keeps its digits as text, a second label makes the column a list, control characters stay as they are
    ttl = f"""
    @prefix cca: <{CCA}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <{ID}c-whole> a cca:Commitment ; cca:targetValue 40 ; cca:targetYear 2030 ; rdfs:label "a|b"@en .
    <{ID}c-fraction> a cca:Commitment ; cca:targetValue 1.5 ; cca:targetYear 99999999999999999999 .
    <{ID}c-two-labels> a cca:Commitment ; rdfs:label "Lis\\u0000bon"@en, "Lisboa"@en .
    """
    store = Store()
    store.load(ttl.encode(), RdfFormat.TURTLE)
    write_parquet(store, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nodes_Commitment.parquet"]
    table = pq.read_table(tmp_path / "nodes_Commitment.parquet")
    assert table.schema.names == ["iri", "id", "label_en", "targetValue", "targetYear"]
    assert [table.schema.field(n).type for n in table.schema.names[2:]] == [pa.list_(pa.string()), pa.float64(),
                                                                             pa.string()]
    assert table.to_pylist() == [
        {"iri": ID + "c-fraction", "id": "c-fraction", "label_en": None, "targetValue": 1.5,
         "targetYear": "99999999999999999999"},
        {"iri": ID + "c-two-labels", "id": "c-two-labels", "label_en": ["Lis\x00bon", "Lisboa"], "targetValue": None,
         "targetYear": None},
        {"iri": ID + "c-whole", "id": "c-whole", "label_en": ["a|b"], "targetValue": 40.0, "targetYear": "2030"},
    ]
