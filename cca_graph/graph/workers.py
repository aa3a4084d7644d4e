"""Read-only SPARQL queries on a store on disk, shared out to worker processes.

Evaluating a query holds the interpreter, so threads do not help; processes
that open the same store read-only do. Used where many independent queries
run over a large store (the SHACL constraints of a build).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Store

__all__ = ["select_values", "worker_count"]

_STORE: Store | None = None


def worker_count() -> int:
    """How many worker processes are worth starting on this machine (1: run here)."""
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4)


def _open(path: str) -> None:
    global _STORE
    _STORE = Store.read_only(path)


def _values(job: tuple[int, str, str]) -> tuple[int, list[str]]:
    index, query, variable = job
    return index, [solution[variable].value for solution in _STORE.query(query, use_default_graph_as_union=True)]


def select_values(path: Path | str, queries: list[str], variable: str, workers: int | None = None) -> Iterator[list[str]]:
    """For each SELECT query (run on the union of the graphs), the values of ``variable``, in query order.

    ``path`` is a store on disk that nothing writes to while the queries run
    (flushed). With one worker the queries run in this process.
    """
    workers = worker_count() if workers is None else workers
    if workers < 2 or len(queries) < 2:
        _open(str(path))
        try:
            for n, query in enumerate(queries):
                yield _values((n, query, variable))[1]
        finally:
            _close()
        return
    import multiprocessing

    # spawn, not fork: this process holds the store's threads, which a fork would copy mid-flight
    with multiprocessing.get_context("spawn").Pool(min(workers, len(queries)), _open, (str(path),)) as pool:
        done: dict[int, list[str]] = {}
        jobs = [(n, query, variable) for n, query in enumerate(queries)]
        following = 0
        for index, values in pool.imap_unordered(_values, jobs):
            done[index] = values
            while following in done:
                yield done.pop(following)
                following += 1


def _close() -> None:
    global _STORE
    _STORE = None
