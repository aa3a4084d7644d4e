"""Exports of the built graph: Turtle, TriG, N-Quads, JSON-LD and CSV tables.

Every writer sorts what it writes, so the same graph always gives the same
bytes, and writes to a temporary file renamed into place, so a reader never
sees half a file.

Sorting never holds the whole graph: :func:`external_sort` keeps at most
``run_size`` rows (:data:`RUN_SIZE` unless a writer is told otherwise) in
memory, spills sorted runs to a private folder beside the output and merges
them. A row is a tuple of strings whose order is the order of the output:
the N-Triples form of each term, each followed where needed by its rendering
(which depends only on the term before it, so it never changes the order).
"""
from __future__ import annotations

import csv
import heapq
import json
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from ..atomic import atomic_write, process_alive, remove_stale_temporaries
from ..errors import UnknownNameError
from ..ingest import model
from ..ingest.model import RECORD_TYPES
from ..namespace import CCA, DCTERMS, PREFIXES, RDF, RDFS, XSD

__all__ = [
    "FORMATS",
    "export",
    "write_turtle",
    "write_trig",
    "write_nquads",
    "write_jsonld",
    "write_csv",
]

#: prefixes of exports: the shared ones plus the entity, graph and concept folders
EXPORT_PREFIXES = dict(sorted({
    **PREFIXES,
    "graph": model.GRAPH,
    "source": model.ID + "source/",
    "citation": model.ID + "citation/",
    "wd": model.WIKIDATA,
    **{scheme: f"{model.ID}{scheme}/" for scheme in model.SCHEMES},
    "scheme": model.ID + "scheme/",
}.items()))
# longest namespace first, so id/level/x compacts to level:x, not to id:
_BY_LENGTH = sorted(EXPORT_PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)


#: rows a sort holds in memory; more are spilled to disk in sorted runs of this size
RUN_SIZE = 200_000
#: sorted runs merged at once; more are first merged into longer runs, so few files are open
MERGE_WIDTH = 64
#: the N-Triples form of rdf:type, which Turtle writes first as ``a``
_RDF_TYPE_TERM = f"<{_RDF_TYPE}>"
#: the name a quad of the default graph gives its graph; never an IRI's N-Triples form
_DEFAULT_GRAPH = str(DefaultGraph())


# -- sorting in bounded memory ----------------------------------------------

@contextmanager
def external_sort(rows: Iterable, near: Path, run_size: int = RUN_SIZE) -> Iterator[Iterator]:
    """Sort ``rows`` holding at most ``run_size`` of them in memory; yield an iterator over them in order.

    Rows are read in runs of ``run_size``; each run is sorted and, unless it is
    the only one, pickled to a file in a private folder beside ``near`` (the
    output being written). The runs are then merged with :func:`heapq.merge`,
    :data:`MERGE_WIDTH` at a time, reading each run in batches small enough
    that the merge too holds about ``run_size`` rows. The folder is removed on
    leaving the ``with`` block, also when writing failed.

    Parameters
    ----------
    rows
        Orderable, picklable rows (here: tuples of strings).
    near
        The output file; the spill folder is made in its folder.
    run_size
        Rows sorted in memory at a time.

    Examples
    --------
    >>> with external_sort(["b", "c", "a"], Path("out/x.txt"), run_size=2) as ordered:  # doctest: +SKIP
    ...     list(ordered)
    ['a', 'b', 'c']
    """
    near = Path(near)
    near.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{near.name}.sort-{os.getpid()}-", dir=near.parent) as folder:
        ordered = _merged_runs(iter(rows), Path(folder), run_size)
        try:
            yield ordered
        finally:
            ordered.close()  # closes the run files before their folder goes, even if the writer failed


def _merged_runs(rows: Iterator, folder: Path, run_size: int) -> Iterator:
    run = sorted(islice(rows, run_size))
    if len(run) < run_size:  # everything fits in one run: nothing to spill
        yield from run
        return
    batch = max(1, run_size // MERGE_WIDTH)
    paths: list[Path] = []
    while run:
        paths.append(_write_run(run, folder / f"run-{len(paths)}", batch))
        run.clear()  # before reading the next run, so only one is in memory
        run = sorted(islice(rows, run_size))
    merged = len(paths)
    while len(paths) > MERGE_WIDTH:
        group, paths = paths[:MERGE_WIDTH], paths[MERGE_WIDTH:]
        paths.append(_write_run(heapq.merge(*map(_read_run, group)), folder / f"run-{merged}", batch))
        merged += 1
        for path in group:
            path.unlink()
    yield from heapq.merge(*map(_read_run, paths))


def _write_run(rows: Iterable, path: Path, batch: int) -> Path:
    """Pickle sorted ``rows`` to ``path``, ``batch`` rows per pickle."""
    rows = iter(rows)
    with open(path, "wb") as fh:
        while chunk := list(islice(rows, batch)):
            pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _read_run(path: Path) -> Iterator:
    """The rows of a run written by :func:`_write_run` (our own file, so unpickling it is safe)."""
    with open(path, "rb") as fh:
        while True:
            try:
                chunk = pickle.load(fh)
            except EOFError:
                return
            yield from chunk


def _remove_stale_spills(folder: Path) -> None:
    """Drop spill folders of sorts whose process died before removing them."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for spill in folder.rglob(".*.sort-*"):
        pid = spill.name.rsplit(".sort-", 1)[-1].split("-", 1)[0]
        if spill.is_dir() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(spill, ignore_errors=True)


# -- terms -------------------------------------------------------------------

@lru_cache(maxsize=1 << 14)  # rows name the same graphs, subjects and predicates over and over
def compact(iri: str) -> str:
    """A Turtle name for ``iri``: ``prefix:local`` where possible, else ``<iri>``."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _turtle_term(term) -> str:
    if isinstance(term, NamedNode):
        return "a" if term.value == _RDF_TYPE else compact(term.value)
    if isinstance(term, Literal):
        quoted = str(Literal(term.value))
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype.value == _XSD_STRING:
            return quoted
        return f"{quoted}^^{compact(term.datatype.value)}"
    return str(term)


def _turtle_object(term) -> str:
    return compact(term.value) if isinstance(term, NamedNode) else _turtle_term(term)


def _turtle_row(subject, predicate, object_) -> tuple[str, str, str, str, str, str]:
    """A triple as a sort row: each term's N-Triples form, then its Turtle form."""
    return (str(subject), compact(subject.value), str(predicate), _turtle_term(predicate),
            str(object_), _turtle_object(object_))


def _type_first(row: tuple[str, ...]) -> tuple:
    return (row[2] != _RDF_TYPE_TERM, row[2], row[4])


def _turtle_block(rows: Iterable[tuple[str, ...]], indent: str) -> Iterator[str]:
    """Turtle statements for rows of :func:`_turtle_row` sorted by subject."""
    for _, by_subject in groupby(rows, key=itemgetter(0)):
        # one subject's triples: rdf:type first, then the rest in order
        by_subject = sorted(by_subject, key=_type_first)
        lines = []
        for _, by_predicate in groupby(by_subject, key=itemgetter(2)):
            by_predicate = list(by_predicate)
            objects = ", ".join(row[5] for row in by_predicate)
            lines.append(f"{by_predicate[0][3]} {objects}")
        yield f"{indent}{by_subject[0][1]} " + f" ;\n{indent}    ".join(lines) + " .\n"


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in EXPORT_PREFIXES.items()) + "\n"


def _all_quads(store: Store) -> Iterator:
    return store.quads_for_pattern(None, None, None, None)


# -- writers -----------------------------------------------------------------

def write_nquads(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """All named graphs as N-Quads sorted by graph, subject, predicate, object."""
    rows = ((str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)) for q in _all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        for graph, subject, predicate, object_ in ordered:
            terms = (subject, predicate, object_) if graph == _DEFAULT_GRAPH else (subject, predicate, object_, graph)
            fh.write(" ".join(terms) + " .\n")
    return path


def write_trig(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """All named graphs as TriG, one block per graph."""
    rows = ((str(q.graph_name), compact(q.graph_name.value), *_turtle_row(q.subject, q.predicate, q.object))
            for q in _all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        fh.write(_prefix_lines())
        for (_, graph), in_graph in groupby(ordered, key=itemgetter(0, 1)):
            fh.write(f"{graph} {{\n")
            for statement in _turtle_block((row[2:] for row in in_graph), "    "):
                fh.write(statement)
            fh.write("}\n\n")
    return path


def write_turtle(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """The union of all graphs as Turtle (graph names are not kept; use TriG for them)."""
    rows = (_turtle_row(q.subject, q.predicate, q.object) for q in _all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        fh.write(_prefix_lines())
        # a triple in several graphs comes once per graph, side by side
        for statement in _turtle_block((row for row, _ in groupby(ordered)), ""):
            fh.write(statement)
    return path


def _jsonld_value(term) -> dict:
    if isinstance(term, NamedNode):
        return {"@id": _curie(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": _curie(term.datatype.value)}


def _curie(iri: str) -> str:
    name = compact(iri)
    return iri if name.startswith("<") else name


def _jsonld_row(quad) -> tuple[str, ...]:
    """A quad as a sort row: graph, subject, predicate, object, each with its JSON-LD key or value.

    The value is kept as JSON text so that rows stay tuples of strings.
    """
    if quad.predicate.value == _RDF_TYPE:
        key, value = "@type", _curie(quad.object.value)
    else:
        key, value = _curie(quad.predicate.value), _jsonld_value(quad.object)
    return (str(quad.graph_name), _curie(quad.graph_name.value), str(quad.subject), _curie(quad.subject.value),
            str(quad.predicate), key, str(quad.object), json.dumps(value, ensure_ascii=False))


def _json(value, depth: int) -> str:
    """``value`` as ``json.dump(indent=1, sort_keys=True)`` writes it ``depth`` levels deep."""
    # strings in JSON text never hold a raw newline, so every newline is indentation
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)


def _json_array(elements: Iterable[Iterable[str]], depth: int) -> Iterator[str]:
    """A JSON array ``depth`` levels deep, as :func:`_json` writes it, from the text of each element in pieces."""
    opening = "["
    for element in elements:
        yield f"{opening}\n{' ' * (depth + 1)}"
        yield from element
        opening = ","
    yield "[]" if opening == "[" else f"\n{' ' * depth}]"


def _jsonld_graph(graph: str, rows: Iterable[tuple[str, ...]]) -> Iterator[str]:
    """The text of one named graph's JSON-LD object, its nodes one subject at a time."""
    nodes = ([_json(_jsonld_node(subject, by_subject), 4)]
             for (_, subject), by_subject in groupby(rows, key=itemgetter(2, 3)))
    yield '{\n   "@graph": '
    yield from _json_array(nodes, 3)
    yield f',\n   "@id": {json.dumps(graph, ensure_ascii=False)}\n  }}'


def _jsonld_node(subject: str, rows: Iterable[tuple[str, ...]]) -> dict:
    node: dict = {"@id": subject}
    for row in rows:
        node.setdefault(row[5], []).append(json.loads(row[7]))
    return node


def write_jsonld(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """All named graphs as JSON-LD (one ``@graph`` object per named graph).

    The document is written a node at a time, byte for byte as
    ``json.dump(document, indent=1, sort_keys=True, ensure_ascii=False)``
    writes the whole of it.
    """
    rows = (_jsonld_row(q) for q in _all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        graphs = (_jsonld_graph(graph, in_graph) for (_, graph), in_graph in groupby(ordered, key=itemgetter(0, 1)))
        fh.write(f'{{\n "@context": {_json(EXPORT_PREFIXES, 1)},\n "@graph": ')
        for piece in _json_array(graphs, 1):
            fh.write(piece)
        fh.write("\n}\n")
    return path


def _short(term) -> str:
    """A CSV cell for ``term``: record ids, concept and source keys bare, literals as text."""
    if isinstance(term, NamedNode):
        if term.value.startswith(model.ID):
            return term.value[len(model.ID):].split("/", 1)[-1]
        return term.value
    return term.value


def _csv_header(rtype) -> list[str]:
    return ["id", "iri", "label_en", "label_zh", "labels_other"] + [f.name for f in rtype.fields] + ["note", "sources", "locators"]


def _csv_row(store: Store, rtype, iri: str) -> list[str]:
    """The CSV row of the record ``iri`` of type ``rtype``."""
    node = NamedNode(iri)
    by_predicate: dict[str, list] = {}
    for q in store.quads_for_pattern(node, None, None):
        by_predicate.setdefault(q.predicate.value, []).append(q.object)
    labels = by_predicate.get(str(RDFS.label), [])
    row = [
        iri[len(model.ID):], iri,
        _join(l.value for l in labels if l.language == "en"),
        _join(l.value for l in labels if l.language == "zh"),
        _join(f"{l.value}@{l.language}" for l in labels if l.language not in ("en", "zh")),
    ]
    for f in rtype.fields:
        if f.inverse:
            values = [q.subject for q in store.quads_for_pattern(None, NamedNode(f.predicate), node)]
        else:
            values = by_predicate.get(f.predicate, [])
        row.append(_join(_short(v) for v in values))
    row.append(_join(v.value for v in by_predicate.get(str(RDFS.comment), [])))
    row.append(_join(_short(v) for v in by_predicate.get(str(DCTERMS.source), [])))
    locators = []
    for citation in by_predicate.get(str(CCA.citation), []):
        doc = next(store.quads_for_pattern(citation, NamedNode(str(DCTERMS.source)), None)).object
        loc = next(store.quads_for_pattern(citation, NamedNode(str(CCA.locator)), None)).object
        locators.append(f"{_short(doc)}: {loc.value}")
    row.append(_join(locators))
    return row


def _join(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))


def write_csv(store: Store, folder: Path, *, run_size: int = RUN_SIZE) -> Path:
    """One CSV table per record type, rows sorted by id, in ``folder``."""
    folder = Path(folder)
    for type_name in sorted(RECORD_TYPES):
        rtype = RECORD_TYPES[type_name]
        path = folder / f"{type_name}.csv"
        typed = (q.subject.value for q in store.quads_for_pattern(None, NamedNode(_RDF_TYPE), NamedNode(rtype.rdf_class)))
        with atomic_write(path, newline="") as fh, external_sort(typed, path, run_size) as subjects:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(_csv_header(rtype))
            # a record typed in several graphs comes once per graph, side by side
            writer.writerows(_csv_row(store, rtype, iri) for iri, _ in groupby(subjects))
    return folder


def _property_graph_writer(name: str):
    # imported on use: the property-graph writers pull in networkx
    from ..project import neo4j_admin, nxgraph

    return getattr(neo4j_admin, name, None) or getattr(nxgraph, name)


#: format name -> (file name under export/, writer)
FORMATS: dict[str, tuple[str, Callable[[Store, Path], Path]]] = {
    "turtle": ("graph.ttl", write_turtle),
    "trig": ("graph.trig", write_trig),
    "nquads": ("graph.nq", write_nquads),
    "jsonld": ("graph.jsonld", write_jsonld),
    "csv": ("csv", write_csv),
    "neo4j-admin": ("neo4j-admin", lambda store, path: _property_graph_writer("write_neo4j_admin")(store, path)),
    "graphml": ("graph.graphml", lambda store, path: _property_graph_writer("write_graphml")(store, path)),
}


def export(store: Store, formats: Iterable[str], folder: Path | str) -> list[Path]:
    """Write ``formats`` (names of :data:`FORMATS`, or ``all``) into ``folder``.

    Examples
    --------
    >>> export(open_store("out"), ["turtle"], "out/export")   # doctest: +SKIP
    [PosixPath('out/export/graph.ttl')]
    """
    names = list(formats)
    if "all" in names:
        names = sorted(FORMATS)
    for name in names:
        if name not in FORMATS:
            raise UnknownNameError("export format", name, list(FORMATS) + ["all"])
    remove_stale_temporaries(Path(folder))
    _remove_stale_spills(Path(folder))
    written = []
    for name in dict.fromkeys(names):
        file_name, writer = FORMATS[name]
        written.append(writer(store, Path(folder) / file_name))
    return written

