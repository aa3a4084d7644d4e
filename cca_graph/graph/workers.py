"""Read-only SPARQL queries on a store on disk, shared out to worker processes.

Evaluating a query holds the interpreter, so threads do not help; processes
that open the same store read-only do. Used where many independent queries
run over a large store (the SHACL constraints of a build).

Workers are started with "spawn", and a spawned worker imports the program's
main module again. A plain script that calls cca-graph at its top level, with
no ``if __name__ == "__main__":`` guard, would run that call again in every
worker, and each would start workers of its own, endlessly. So workers are
used only where :func:`spawn_safe` says the main module will not re-run the
call; elsewhere the same work runs in this process.
"""
from __future__ import annotations

import ast
import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Store

__all__ = ["pool", "select_values", "sharing", "spawn_safe", "worker_count"]


def _guarded(source: str) -> bool:
    """Whether a script's source has a top-level ``if __name__ == "__main__":`` block.

    Examples
    --------
    >>> _guarded('import cca_graph\\nif __name__ == "__main__":\\n    cca_graph.build("out")\\n')
    True
    >>> _guarded('import cca_graph\\ncca_graph.build("out")\\n')
    False
    """
    for node in ast.parse(source).body:
        test = node.test if isinstance(node, ast.If) else None
        if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
                and {ast.dump(test.left), ast.dump(test.comparators[0])}
                == {ast.dump(ast.Name("__name__", ast.Load())), ast.dump(ast.Constant("__main__"))}):
            return True
    return False


def spawn_safe() -> bool:
    """Whether spawned worker processes can be started from this program without re-running it.

    True in an interactive session, a notebook, ``python -c``, ``python -m``
    of a package (a spawned worker runs none of them again) and a script
    whose calls are under a ``__main__`` guard; False for an unguarded script,
    a main module whose source cannot be read, and inside a worker itself.
    """
    import multiprocessing

    main = sys.modules.get("__main__")
    if main is None or multiprocessing.parent_process() is not None:
        return False
    spec = getattr(main, "__spec__", None)
    if spec is not None and (spec.name == "__main__" or spec.name.endswith(".__main__")):
        return True
    path = getattr(main, "__file__", None)
    if path is None:
        return True
    try:
        return _guarded(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return False

_STORE: tuple[str, Store] | None = None  # a worker's store: its path and the store open read-only
_SHARED: list = []  # the pools kept by sharing(), innermost last (None until one is started)


def worker_count() -> int:
    """How many worker processes are worth starting on this machine (1: run here)."""
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4)


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """Within, worker processes started for one task stay for the next, and are stopped on exit.

    A build reads its case files in worker processes, then checks the store
    in worker processes: the same ones, already started, when both run
    within ``sharing()``.
    """
    _SHARED.append(None)
    try:
        yield
    finally:
        shared = _SHARED.pop()
        if shared is not None:
            shared.terminate()
            shared.join()


@contextlib.contextmanager
def pool(workers: int) -> Iterator:
    """A pool of ``workers`` spawned worker processes: the one kept by :func:`sharing` if any, else a new one."""
    import multiprocessing

    # spawn, not fork: this process may hold open stores, whose threads a fork would copy mid-flight
    context = multiprocessing.get_context("spawn")
    if not _SHARED:
        with context.Pool(workers) as new:
            yield new
        return
    if _SHARED[-1] is None:
        _SHARED[-1] = context.Pool(workers)
    yield _SHARED[-1]


def _values(job: tuple[int, str, str, str]) -> tuple[int, list[str]]:
    global _STORE
    index, path, query, variable = job
    if _STORE is None or _STORE[0] != path:
        _STORE = (path, Store.read_only(path))
    return index, [solution[variable].value for solution in _STORE[1].query(query, use_default_graph_as_union=True)]


def select_values(path: Path | str, queries: Iterable[str], variable: str, workers: int | None = None) -> Iterator[list[str]]:
    """For each SELECT query (run on the union of the graphs), the values of ``variable``, in query order.

    ``path`` is a store on disk that nothing writes to while the queries run
    (flushed). ``queries`` may be a generator: the workers run the first
    while the next are made (a pool's thread takes them as they come). With
    one worker, or where worker processes would run an unguarded script again
    (:func:`spawn_safe`), the queries run in this process.
    """
    workers = worker_count() if workers is None else workers
    jobs = ((n, str(path), query, variable) for n, query in enumerate(queries))
    if isinstance(queries, (list, tuple)) and len(queries) < 2 or workers < 2 or not spawn_safe():
        try:
            for job in jobs:
                yield _values(job)[1]
        finally:
            _close()
        return
    with pool(workers) as shared:
        done: dict[int, list[str]] = {}
        following = 0
        for index, values in shared.imap_unordered(_values, jobs):
            done[index] = values
            while following in done:
                yield done.pop(following)
                following += 1


def _close() -> None:
    global _STORE
    _STORE = None
