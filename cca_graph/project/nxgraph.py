"""The networkx projection: the property graph as a ``MultiDiGraph``.

Nodes are keyed by IRI and carry ``labels`` and their properties; edges are
keyed by relationship type and carry ``type`` and their properties — the same
rows :mod:`cca_graph.project.property_graph` gives every other property-graph writer.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from pyoxigraph import Store

from ..atomic import atomic_path
from ..safety import escape_controls
from .property_graph import project

__all__ = ["to_networkx", "write_graphml"]


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The projection of ``store`` as a networkx ``MultiDiGraph``.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> g = to_networkx(open_store("out"))
    >>> g.nodes["https://w3id.org/cca-graph/id/MX-JAL"]["level"]
    'regional'
    >>> g.has_edge("https://w3id.org/cca-graph/id/MX-JAL", "https://w3id.org/cca-graph/id/MX", key="PART_OF")
    True
    """
    graph = project(store)
    g = nx.MultiDiGraph()
    for node in graph.nodes():
        g.add_node(node.iri, labels=list(node.labels), **node.properties)
    for rel in graph.relationships():
        # the key is the relationship type; a second relationship of the same
        # type between the same two nodes (two memberships of one network,
        # say) gets a numbered key instead of overwriting the first
        key, n = rel.type, 1
        while g.has_edge(rel.start, rel.end, key=key):
            n += 1
            key = f"{rel.type}#{n}"
        g.add_edge(rel.start, rel.end, key=key, type=rel.type, **rel.properties)
    return g


def _flat(attrs: dict) -> dict:
    # GraphML has no list type: lists travel as JSON text; XML holds no control character: escaped
    return {k: escape_controls(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
            if isinstance(v, (str, list)) else v for k, v in attrs.items()}


def write_graphml(store: Store, path: Path) -> Path:
    """The networkx projection as GraphML (list properties as JSON text)."""
    g = to_networkx(store)
    flat = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        flat.add_node(n, **_flat(attrs))
    for a, b, key, attrs in g.edges(keys=True, data=True):
        flat.add_edge(a, b, key=key, **_flat(attrs))
    with atomic_path(path) as tmp:
        nx.write_graphml(flat, tmp, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return Path(path)
