"""JSON-LD: one ``@graph`` object per named graph, written a node at a time."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from pyoxigraph import NamedNode, Store

from ..atomic import atomic_write
from .sort import RUN_SIZE, external_sort
from .terms import EXPORT_PREFIXES, RDF_TYPE, XSD_STRING, all_quads, compact

__all__ = ["write_jsonld"]


def _jsonld_value(term) -> dict:
    if isinstance(term, NamedNode):
        return {"@id": _curie(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": _curie(term.datatype.value)}


def _curie(iri: str) -> str:
    name = compact(iri)
    return iri if name.startswith("<") else name


def _jsonld_row(quad) -> tuple[str, ...]:
    """A quad as a sort row: graph, subject, predicate, object, each with its JSON-LD key or value.

    The value is kept as JSON text so that rows stay tuples of strings.
    """
    if quad.predicate.value == RDF_TYPE:
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
    rows = (_jsonld_row(q) for q in all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        graphs = (_jsonld_graph(graph, in_graph) for (_, graph), in_graph in groupby(ordered, key=itemgetter(0, 1)))
        fh.write(f'{{\n "@context": {_json(EXPORT_PREFIXES, 1)},\n "@graph": ')
        for piece in _json_array(graphs, 1):
            fh.write(piece)
        fh.write("\n}\n")
    return path
