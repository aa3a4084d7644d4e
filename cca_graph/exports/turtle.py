"""Turtle: the union of all named graphs."""
from __future__ import annotations

from itertools import groupby
from pathlib import Path

from pyoxigraph import Store

from ..atomic import atomic_write
from .sort import RUN_SIZE, external_sort
from .terms import all_quads, prefix_lines, turtle_block, turtle_row

__all__ = ["write_turtle"]


def write_turtle(store: Store, path: Path, *, run_size: int = RUN_SIZE) -> Path:
    """The union of all graphs as Turtle (graph names are not kept; use TriG for them)."""
    rows = (turtle_row(q.subject, q.predicate, q.object) for q in all_quads(store))
    with atomic_write(path) as fh, external_sort(rows, path, run_size) as ordered:
        fh.write(prefix_lines())
        # a triple in several graphs comes once per graph, side by side
        for statement in turtle_block((row for row, _ in groupby(ordered)), ""):
            fh.write(statement)
    return path
