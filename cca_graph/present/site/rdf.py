"""Each entity's own triples, in Turtle and JSON-LD, beside its page.

An entity's description is every triple whose subject it is, in any named graph,
and those of the citations it points to (source and locator), so that a fact
downloaded from its page keeps its provenance. Curators' notes (``skos:editorialNote``
and the deprecated ``rdfs:comment`` note) are left out, as they are of every page
and view: they are written for the curators, not for readers. Both files are written as the
whole-graph exports write theirs (:mod:`cca_graph.exports`): the same prefixes,
terms and order, so the same graph gives the same bytes.
"""
from __future__ import annotations

from functools import cache
from itertools import groupby
from operator import itemgetter

from pyoxigraph import NamedNode, Store

from ...exports.jsonld import _json, _json_array, _jsonld_graph, _jsonld_row
from ...exports.terms import EXPORT_PREFIXES, prefix_lines, turtle_block, turtle_row
from ...ingest.model import PROSE_FIELDS
from ...namespace import CCA
from .. import views

__all__ = ["CURATORS_PREDICATES", "description_quads", "entity_turtle", "entity_jsonld"]

_CITATION = NamedNode(str(CCA.citation))
#: predicates of the fields for curators only, never written beside a page
CURATORS_PREDICATES = frozenset(NamedNode(predicate) for name, predicate in PROSE_FIELDS
                                if name in views.CURATORS_ONLY)


def description_quads(store: Store, iri: str) -> list:
    """The quads of ``iri`` and of the citations it points to, curators' notes left out."""
    subject = NamedNode(iri)
    quads = list(store.quads_for_pattern(subject, None, None, None))
    for citation in sorted({q.object.value for q in quads if q.predicate == _CITATION}):
        quads += store.quads_for_pattern(NamedNode(citation), None, None, None)
    return [q for q in quads if q.predicate not in CURATORS_PREDICATES]


def entity_turtle(quads: list) -> str:
    """The triples of ``quads`` as Turtle (a triple held in several graphs once)."""
    rows = sorted({turtle_row(q.subject, q.predicate, q.object) for q in quads})
    return prefix_lines() + "".join(turtle_block(rows, ""))


@cache
def _context() -> str:
    """The ``@context`` of every file: the same prefixes, written once."""
    return f'{{\n "@context": {_json(EXPORT_PREFIXES, 1)},\n "@graph": '


def entity_jsonld(quads: list) -> str:
    """``quads`` as JSON-LD: one ``@graph`` object per named graph, as the JSON-LD export writes them."""
    rows = sorted({_jsonld_row(q) for q in quads})
    graphs = (_jsonld_graph(graph, in_graph) for (_, graph), in_graph in groupby(rows, key=itemgetter(0, 1)))
    return _context() + "".join(_json_array(graphs, 1)) + "\n}\n"
