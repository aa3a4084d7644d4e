"""Exports of the built graph: Turtle, TriG, N-Quads, JSON-LD and CSV tables.

Every writer sorts what it writes, so the same graph always gives the same
bytes, and writes to a temporary file renamed into place, so a reader never
sees half a file.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from . import model
from .errors import UnknownNameError
from .model import RECORD_TYPES
from .atomic import atomic_text, remove_stale_temporaries
from .namespace import CCA, DCTERMS, PREFIXES, RDF, RDFS, XSD

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


# -- shared ------------------------------------------------------------------

def _key(quad: Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def sorted_quads(store: Store) -> list[Quad]:
    """Every quad of every named graph of ``store``, in a fixed order."""
    return sorted(store.quads_for_pattern(None, None, None, None), key=_key)


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


def _turtle_block(triples: list[tuple], indent: str) -> Iterator[str]:
    """Turtle statements for triples sorted by subject, predicate, object."""
    for subject, by_subject in groupby(triples, key=lambda t: t[0]):
        by_subject = list(by_subject)
        # rdf:type first, then the rest in order
        by_subject.sort(key=lambda t: (t[1].value != _RDF_TYPE, str(t[1]), str(t[2])))
        lines = []
        for predicate, by_predicate in groupby(by_subject, key=lambda t: t[1]):
            objects = ", ".join(_turtle_object(t[2]) for t in by_predicate)
            lines.append(f"{_turtle_term(predicate)} {objects}")
        yield f"{indent}{compact(subject.value)} " + f" ;\n{indent}    ".join(lines) + " .\n"


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in EXPORT_PREFIXES.items()) + "\n"


# -- writers -----------------------------------------------------------------

def write_nquads(store: Store, path: Path) -> Path:
    """All named graphs as sorted N-Quads."""
    with atomic_text(path) as fh:
        for quad in sorted_quads(store):
            fh.write(f"{quad} .\n")
    return path


def write_trig(store: Store, path: Path) -> Path:
    """All named graphs as TriG, one block per graph."""
    with atomic_text(path) as fh:
        fh.write(_prefix_lines())
        for graph, quads in groupby(sorted_quads(store), key=lambda q: q.graph_name):
            fh.write(f"{compact(graph.value)} {{\n")
            triples = [(q.subject, q.predicate, q.object) for q in quads]
            for statement in _turtle_block(triples, "    "):
                fh.write(statement)
            fh.write("}\n\n")
    return path


def write_turtle(store: Store, path: Path) -> Path:
    """The union of all graphs as Turtle (graph names are not kept; use TriG for them)."""
    triples = sorted({(str(q.subject), str(q.predicate), str(q.object)): (q.subject, q.predicate, q.object)
                      for q in store.quads_for_pattern(None, None, None, None)}.items())
    with atomic_text(path) as fh:
        fh.write(_prefix_lines())
        for statement in _turtle_block([t for _, t in triples], ""):
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


def write_jsonld(store: Store, path: Path) -> Path:
    """All named graphs as JSON-LD (one ``@graph`` object per named graph)."""
    graphs = []
    for graph, quads in groupby(sorted_quads(store), key=lambda q: q.graph_name):
        nodes = []
        for subject, by_subject in groupby(quads, key=lambda q: q.subject):
            node: dict = {"@id": _curie(subject.value)}
            for q in by_subject:
                if q.predicate.value == _RDF_TYPE:
                    node.setdefault("@type", []).append(_curie(q.object.value))
                else:
                    node.setdefault(_curie(q.predicate.value), []).append(_jsonld_value(q.object))
            nodes.append(node)
        graphs.append({"@id": _curie(graph.value), "@graph": nodes})
    document = {"@context": EXPORT_PREFIXES, "@graph": graphs}
    with atomic_text(path) as fh:
        json.dump(document, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    return path


def _short(term) -> str:
    """A CSV cell for ``term``: record ids, concept and source keys bare, literals as text."""
    if isinstance(term, NamedNode):
        if term.value.startswith(model.ID):
            return term.value[len(model.ID):].split("/", 1)[-1]
        return term.value
    return term.value


def _csv_rows(store: Store, type_name: str) -> tuple[list[str], list[list[str]]]:
    rtype = RECORD_TYPES[type_name]
    header = ["id", "iri", "label_en", "label_zh", "labels_other"] + [f.name for f in rtype.fields] + ["note", "sources", "locators"]
    rows = []
    subjects = sorted({q.subject.value for q in store.quads_for_pattern(None, NamedNode(_RDF_TYPE), NamedNode(rtype.rdf_class))})
    for iri in subjects:
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
        rows.append(row)
    return header, rows


def _join(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))


def write_csv(store: Store, folder: Path) -> Path:
    """One CSV table per record type, rows sorted by id, in ``folder``."""
    for type_name in sorted(RECORD_TYPES):
        header, rows = _csv_rows(store, type_name)
        with atomic_text(folder / f"{type_name}.csv", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    return folder


def _property_graph_writer(name: str):
    # imported on use: the property-graph writers pull in networkx
    from . import neo4j_admin, nxgraph

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
    written = []
    for name in dict.fromkeys(names):
        file_name, writer = FORMATS[name]
        written.append(writer(store, Path(folder) / file_name))
    return written

