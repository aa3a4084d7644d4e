"""The vocabulary files under ``ontology/``: loading them and reading concept keys."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, parse

from ..resources import ontology_dir
from .model import ID, graph_iri

__all__ = ["VOCABULARY_FILES", "concept_keys", "vocabulary_quads"]

#: files of ontology/ that go into the graph (shapes.ttl validates, it is not data)
VOCABULARY_FILES = ("cca.ttl", "concepts.ttl")
GENID = "https://w3id.org/cca-graph/.well-known/genid/"
_IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"


def vocabulary_quads() -> Iterator[Quad]:
    """The ontology and concept schemes, as quads of the ``vocabulary`` graph."""
    graph = NamedNode(graph_iri("vocabulary"))
    for name in VOCABULARY_FILES:
        # blank nodes (owl:unionOf lists) get IRIs numbered in reading order,
        # so every build names them alike and exports stay byte-identical
        skolem: dict[str, NamedNode] = {}

        def fixed(term):
            if not isinstance(term, BlankNode):
                return term
            if term.value not in skolem:
                skolem[term.value] = NamedNode(f"{GENID}{name.removesuffix('.ttl')}-{len(skolem) + 1}")
            return skolem[term.value]

        with open(ontology_dir() / name, "rb") as fh:
            for triple in parse(fh, format=RdfFormat.TURTLE):
                yield Quad(fixed(triple.subject), triple.predicate, fixed(triple.object), graph)


@lru_cache(maxsize=1)
def concept_keys() -> dict[str, frozenset[str]]:
    """Scheme key -> the keys of its concepts, read from ``concepts.ttl``.

    Examples
    --------
    >>> sorted(concept_keys()["level"])
    ['local', 'national', 'regional', 'supranational']
    """
    keys: dict[str, set[str]] = {}
    prefix = ID + "scheme/"
    with open(ontology_dir() / "concepts.ttl", "rb") as fh:
        for triple in parse(fh, format=RdfFormat.TURTLE):
            if triple.predicate.value != _IN_SCHEME or not triple.object.value.startswith(prefix):
                continue
            scheme = triple.object.value[len(prefix):]
            concept = triple.subject.value
            if concept.startswith(f"{ID}{scheme}/"):
                keys.setdefault(scheme, set()).add(concept[len(f"{ID}{scheme}/"):])
    return {k: frozenset(v) for k, v in keys.items()}
