"""TriG: every named graph as a block of Turtle."""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from pathlib import Path

from pyoxigraph import Store

from ..atomic import atomic_write
from .sort import RUN_SIZE, external_sort
from .terms import all_quads, compact, prefix_lines, turtle_block, turtle_row

__all__ = ["write_trig"]


def write_trig(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """All named graphs as TriG, one block per graph."""
    rows = ((str(q.graph_name), compact(q.graph_name.value), *turtle_row(q.subject, q.predicate, q.object))
            for q in all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        fh.write(prefix_lines())
        for (_, graph), in_graph in groupby(ordered, key=itemgetter(0, 1)):
            fh.write(f"{graph} {{\n")
            for statement in turtle_block((row[2:] for row in in_graph), "    "):
                fh.write(statement)
            fh.write("}\n\n")
    return path
