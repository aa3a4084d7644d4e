"""Exports at scale: sorted in bounded memory, the same bytes however small the runs, never half written."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store

from cca_graph import exports as ex
from cca_graph.exports import sort
from cca_graph.ingest.model import RECORD_TYPES

#: the formats export.py sorts itself (neo4j-admin, GraphML and Parquet come from the projections)
SORTED = ["turtle", "trig", "nquads", "jsonld", "csv"]
#: runs this small spill the bundled graph into hundreds of files, merged in several rounds
TINY = 16


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(name: str, store, folder: Path, **kwargs) -> Path:
    fmt = ex.FORMATS[name]
    return fmt.writer(store, folder / fmt.file_name, **kwargs)


@pytest.fixture
def spills(monkeypatch) -> list[Path]:
    """The run files the sorts write, as they are written."""
    written: list[Path] = []
    write_run = sort._write_run

    def spy(rows, path, batch):
        written.append(path)
        return write_run(rows, path, batch)

    monkeypatch.setattr(sort, "_write_run", spy)
    return written


def test_the_formats_sorted_here_are_all_but_the_projections():
    assert set(ex.FORMATS) - set(SORTED) == {"neo4j-admin", "graphml", "parquet"}


@pytest.mark.parametrize("name", SORTED)
def test_tiny_runs_give_the_bytes_of_the_default_run(built, store, tmp_path, spills, name):
    # built/export was written by `cca-graph export`, with the default run size (nothing spilled)
    default = built / "export" / ex.FORMATS[name].file_name
    _write(name, store, tmp_path, run_size=TINY)
    assert spills, "the tiny runs were never spilled to disk"
    if name != "csv":  # one sort of the whole graph: enough runs for more than one merge round
        assert len(spills) > len(store) // TINY > sort.MERGE_WIDTH
    if default.is_dir():
        expected = _files(default)
        assert len(expected) == len(RECORD_TYPES)
        assert _files(tmp_path / default.name) == expected
    else:
        assert default.stat().st_size > 0
        assert (tmp_path / default.name).read_bytes() == default.read_bytes()


@pytest.mark.parametrize("name", SORTED)
def test_spill_files_are_gone_afterwards(store, tmp_path, spills, name):
    _write(name, store, tmp_path, run_size=TINY)
    # the runs were spilled beside the output, in a folder of their own ...
    out = tmp_path / ex.FORMATS[name].file_name
    assert {p.parent.parent for p in spills} == {out if name == "csv" else tmp_path}
    # ... and nothing of them, and no temporary, is left: only the export itself
    left = set(_files(tmp_path))
    if name == "csv":
        assert left == {f"csv/{t}.csv" for t in RECORD_TYPES}
    else:
        assert left == {out.name}
    assert not any(p.exists() for p in spills)
    assert not list(tmp_path.rglob(".*"))


def test_the_default_run_size_keeps_a_small_graph_in_memory(store, tmp_path, spills):
    assert len(store) < sort.RUN_SIZE
    _write("nquads", store, tmp_path)
    assert spills == []
    assert len((tmp_path / "graph.nq").read_text(encoding="utf-8").splitlines()) == len(store)


@pytest.mark.parametrize("name", SORTED)
def test_a_failure_mid_export_leaves_the_earlier_export_intact(store, tmp_path, monkeypatch, name):
    _write(name, store, tmp_path, run_size=TINY)
    before = _files(tmp_path)
    read_run = sort._read_run
    rows_read = []

    def failing(path):
        # the merge reads a few rows, the writer writes them, then the disk goes away
        for row in read_run(path):
            if len(rows_read) == 5 * TINY:
                raise OSError("disk gone")
            rows_read.append(row)
            yield row

    monkeypatch.setattr(sort, "_read_run", failing)
    with pytest.raises(OSError, match="disk gone"):
        _write(name, store, tmp_path, run_size=TINY)
    assert len(rows_read) == 5 * TINY
    assert _files(tmp_path) == before
    assert before
    assert not list(tmp_path.rglob(".*")), "a temporary or spill folder was left behind"


def test_a_stale_spill_folder_of_a_dead_export_is_removed(store, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    stale = tmp_path / f".graph.nq.sort-{dead.stdout.strip()}-abc123"
    running = tmp_path / f".graph.ttl.sort-{os.getpid()}-def456"
    for spill in (stale, running):
        spill.mkdir()
        (spill / "run-0").write_bytes(b"rows")
    ex.export(store, ["nquads"], tmp_path)
    assert not stale.exists()
    assert (running / "run-0").read_bytes() == b"rows"


# -- terms that are hard to write, in a graph of our own ------------------------

G1, G2 = NamedNode("https://w3id.org/cca-graph/graph/one"), NamedNode("https://w3id.org/cca-graph/graph/two")
ID = "https://w3id.org/cca-graph/id/"
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
NOTE = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _hard_store() -> Store:
    """Many subjects with awkward literals; one triple in two graphs; blank nodes."""
    store = Store()
    for i in range(40):
        s = NamedNode(f"{ID}X-{i:02d}")
        for g in (G1, G2) if i % 3 == 0 else (G1,):
            store.add(Quad(s, TYPE, NamedNode("https://w3id.org/cca-graph/ontology#Government"), g))
            store.add(Quad(s, LABEL, Literal(f"name {i}", language="en"), g))
        store.add(Quad(s, NOTE, Literal(f'line\nbreak, "quote", back\\slash, tab\t, bell\x07, 中文 {i}'), G2))
        store.add(Quad(s, NamedNode(f"{ID}odd(value)"), Literal(str(i), datatype=INTEGER), G2))
        store.add(Quad(BlankNode(f"b{i}"), NOTE, Literal(f"{i}", language="pt-BR"), G1))
    return store


@pytest.mark.parametrize("name", SORTED)
def test_hard_terms_give_the_same_bytes_in_tiny_runs(tmp_path, name):
    store = _hard_store()
    default, tiny = _write(name, store, tmp_path / "default"), _write(name, store, tmp_path / "tiny", run_size=3)
    assert _files(tiny) == _files(default) if name == "csv" else tiny.read_bytes() == default.read_bytes()
    assert default.stat().st_size > 0


def test_turtle_writes_a_triple_of_several_graphs_once(tmp_path):
    text = _write("turtle", _hard_store(), tmp_path, run_size=3).read_text(encoding="utf-8")
    start = text.index("id:X-00 ")
    assert text[start:text.index(" .\n", start) + 3] == (
        'id:X-00 a cca:Government ;\n'
        '    rdfs:comment "line\\nbreak, \\"quote\\", back\\\\slash, tab\\t, bell\\u0007, 中文 0" ;\n'
        '    rdfs:label "name 0"@en ;\n'
        '    <https://w3id.org/cca-graph/id/odd(value)> "0"^^xsd:integer .\n')


def test_csv_writes_a_record_typed_in_several_graphs_once(tmp_path):
    folder = _write("csv", _hard_store(), tmp_path, run_size=3)
    with open(folder / "Government.csv", encoding="utf-8", newline="") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    assert ids == [f"X-{i:02d}" for i in range(40)]


def test_nquads_are_sorted_by_graph_subject_predicate_object(tmp_path):
    store = _hard_store()
    store.add(Quad(NamedNode(f"{ID}in-the-default-graph"), LABEL, Literal("d"), DefaultGraph()))
    quads = sorted(store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    path = _write("nquads", store, tmp_path, run_size=3)
    assert path.read_text(encoding="utf-8") == "".join(f"{q} .\n" for q in quads)


@pytest.mark.parametrize("graph", [_hard_store(), Store()], ids=["hard", "empty"])
def test_jsonld_is_written_as_json_dump_writes_the_whole_document(tmp_path, graph):
    text = _write("jsonld", graph, tmp_path, run_size=3).read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert [g["@id"] for g in document["@graph"]] == ([] if len(graph) == 0 else ["graph:one", "graph:two"])
