"""Sorting export rows in bounded memory.

Every writer sorts what it writes, so the same graph always gives the same
bytes. Sorting never holds the whole graph: :func:`external_sort` keeps at
most ``run_size`` rows (:data:`RUN_SIZE` unless a writer is told otherwise)
in memory, spills sorted runs to a private folder beside the output and
merges them. A row is a tuple of strings whose order is the order of the
output.
"""
from __future__ import annotations

import heapq
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from ..atomic import process_alive

__all__ = ["RUN_SIZE", "MERGE_WIDTH", "external_sort", "remove_stale_spills"]

#: rows a sort holds in memory; more are spilled to disk in sorted runs of this size
RUN_SIZE = 200_000
#: sorted runs merged at once; more are first merged into longer runs, so few files are open
MERGE_WIDTH = 64
@contextmanager
def external_sort(rows: Iterable, near: Path, run_size: int = RUN_SIZE) -> Iterator[Iterator]:
    """Sort ``rows`` holding at most ``run_size`` of them in memory; yield an iterator over them in order.

    Rows are read in runs of ``run_size``; each run is sorted and, unless it is
    the only one, pickled to a file in a private folder beside ``near`` (the
    output being written). The runs are then merged with :func:`heapq.merge`,
    :data:`MERGE_WIDTH` at a time, reading each run in batches small enough
    that the merge too holds about ``run_size`` rows. The folder is removed on
    leaving the ``with`` block, also when writing failed.

    Parameters
    ----------
    rows
        Orderable, picklable rows (here: tuples of strings).
    near
        The output file; the spill folder is made in its folder.
    run_size
        Rows sorted in memory at a time.

    Examples
    --------
    >>> with external_sort(["b", "c", "a"], Path("out/x.txt"), run_size=2) as ordered:
    ...     list(ordered)
    ['a', 'b', 'c']
    """
    near = Path(near)
    near.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{near.name}.sort-{os.getpid()}-", dir=near.parent) as folder:
        ordered = _merged_runs(iter(rows), Path(folder), run_size)
        try:
            yield ordered
        finally:
            ordered.close()  # closes the run files before their folder goes, even if the writer failed


def _merged_runs(rows: Iterator, folder: Path, run_size: int) -> Iterator:
    run = sorted(islice(rows, run_size))
    if len(run) < run_size:  # everything fits in one run: nothing to spill
        yield from run
        return
    batch = max(1, run_size // MERGE_WIDTH)
    paths: list[Path] = []
    while run:
        paths.append(_write_run(run, folder / f"run-{len(paths)}", batch))
        run.clear()  # before reading the next run, so only one is in memory
        run = sorted(islice(rows, run_size))
    merged = len(paths)
    while len(paths) > MERGE_WIDTH:
        group, paths = paths[:MERGE_WIDTH], paths[MERGE_WIDTH:]
        paths.append(_write_run(heapq.merge(*map(_read_run, group)), folder / f"run-{merged}", batch))
        merged += 1
        for path in group:
            path.unlink()
    yield from heapq.merge(*map(_read_run, paths))


def _write_run(rows: Iterable, path: Path, batch: int) -> Path:
    """Pickle sorted ``rows`` to ``path``, ``batch`` rows per pickle."""
    rows = iter(rows)
    with open(path, "wb") as fh:
        while chunk := list(islice(rows, batch)):
            pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _read_run(path: Path) -> Iterator:
    """The rows of a run written by :func:`_write_run` (our own file, so unpickling it is safe)."""
    with open(path, "rb") as fh:
        while True:
            try:
                chunk = pickle.load(fh)
            except EOFError:
                return
            yield from chunk


def remove_stale_spills(folder: Path) -> None:
    """Drop spill folders of sorts whose process died before removing them."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for spill in folder.rglob(".*.sort-*"):
        pid = spill.name.rsplit(".sort-", 1)[-1].split("-", 1)[0]
        if spill.is_dir() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(spill, ignore_errors=True)
