"""What every RDF export shares: prefixes, compact names, Turtle terms, all quads of a store."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from ..ingest import model
from ..namespace import PREFIXES, RDF, XSD

__all__ = ["EXPORT_PREFIXES", "compact", "all_quads", "prefix_lines", "turtle_row", "turtle_block"]

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
XSD_STRING = str(XSD.string)
RDF_TYPE = str(RDF.type)


#: the N-Triples form of rdf:type, which Turtle writes first as ``a``
RDF_TYPE_TERM = f"<{RDF_TYPE}>"
#: the name a quad of the default graph gives its graph; never an IRI's N-Triples form
DEFAULT_GRAPH = str(DefaultGraph())


@lru_cache(maxsize=1 << 14)  # rows name the same graphs, subjects and predicates over and over
def compact(iri: str) -> str:
    """A Turtle name for ``iri``: ``prefix:local`` where possible, else ``<iri>``."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _turtle_term(term) -> str:
    if isinstance(term, NamedNode):
        return "a" if term.value == RDF_TYPE else compact(term.value)
    if isinstance(term, Literal):
        quoted = str(Literal(term.value))
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype.value == XSD_STRING:
            return quoted
        return f"{quoted}^^{compact(term.datatype.value)}"
    return str(term)


def _turtle_object(term) -> str:
    return compact(term.value) if isinstance(term, NamedNode) else _turtle_term(term)


def turtle_row(subject, predicate, object_) -> tuple[str, str, str, str, str, str]:
    """A triple as a sort row: each term's N-Triples form, then its Turtle form."""
    return (str(subject), compact(subject.value), str(predicate), _turtle_term(predicate),
            str(object_), _turtle_object(object_))


def _type_first(row: tuple[str, ...]) -> tuple:
    return (row[2] != RDF_TYPE_TERM, row[2], row[4])


def turtle_block(rows: Iterable[tuple[str, ...]], indent: str) -> Iterator[str]:
    """Turtle statements for rows of :func:`turtle_row` sorted by subject."""
    for _, by_subject in groupby(rows, key=itemgetter(0)):
        # one subject's triples: rdf:type first, then the rest in order
        by_subject = sorted(by_subject, key=_type_first)
        lines = []
        for _, by_predicate in groupby(by_subject, key=itemgetter(2)):
            by_predicate = list(by_predicate)
            objects = ", ".join(row[5] for row in by_predicate)
            lines.append(f"{by_predicate[0][3]} {objects}")
        yield f"{indent}{by_subject[0][1]} " + f" ;\n{indent}    ".join(lines) + " .\n"


def prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in EXPORT_PREFIXES.items()) + "\n"


def all_quads(store: Store) -> Iterator:
    return store.quads_for_pattern(None, None, None, None)
