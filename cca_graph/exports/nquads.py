"""N-Quads: every named graph, one sorted line a quad."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from ..atomic import atomic_write
from .sort import RUN_SIZE, external_sort
from .terms import DEFAULT_GRAPH, all_quads

__all__ = ["write_nquads"]


def write_nquads(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """All named graphs as N-Quads sorted by graph, subject, predicate, object."""
    rows = ((str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)) for q in all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        for graph, subject, predicate, object_ in ordered:
            terms = (subject, predicate, object_) if graph == DEFAULT_GRAPH else (subject, predicate, object_, graph)
            fh.write(" ".join(terms) + " .\n")
    return path
