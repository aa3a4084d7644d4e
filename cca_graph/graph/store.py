"""The embedded Oxigraph store on disk, and how a new one replaces the old.

An output folder looks like this::

    out/
      store -> stores/20261122T101500-4242     (a symlink, swapped atomically)
      stores/20261122T101500-4242/             (the Oxigraph database)
      export/                                  (files written by ``export``)

A build writes a complete new database under ``stores/.tmp-…``, renames it to
its final name, puts the files it was built from in place (``build.json``, an
import's N-Quads), then points ``store`` at it with one atomic rename of a
symlink. A build that dies at any moment leaves ``store`` pointing at a
complete database, the previous one until that rename; its leftovers are
removed by the next build. ``tests/test_crash.py`` kills builds at each step
(see :mod:`cca_graph.graph.faults`).

Builds and imports of one folder take turns: each holds :func:`graph_lock`
from its first read to its publish, so a build never removes the database
another has just published, and an import rebuilds with every import that
went before it (``tests/test_concurrency.py``).
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import inspect
import itertools
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pyoxigraph import Store

from ..atomic import commit, fsync, process_alive
from ..errors import StoreNotFoundError
from .faults import fault_point

__all__ = ["DEFAULT_OUT", "store_path", "open_store", "graph_lock", "holding_graph_lock", "new_build_dir", "publish",
           "clean_stale"]

DEFAULT_OUT = Path("out")
_TMP_PREFIX = ".tmp-"


def store_path(out: Path | str = DEFAULT_OUT) -> Path:
    return Path(out) / "store"


def open_store(out: Path | str = DEFAULT_OUT) -> Store:
    """Open the published store of ``out`` read-only.

    Raises
    ------
    StoreNotFoundError
        When ``out`` holds no built store.
    """
    path = store_path(out)
    if not path.exists():
        raise StoreNotFoundError(f"no graph built in {out}/ (run 'cca-graph build --graph {out}' first)")
    try:
        return Store.read_only(str(path.resolve()))
    except (OSError, RuntimeError, ValueError) as exc:  # a damaged or foreign folder: say so, no traceback
        raise StoreNotFoundError(f"the store of {out}/ cannot be opened ({path.resolve()}: {exc}); "
                                 f"rebuild it with 'cca-graph build --graph {out}'") from exc


_HELD = threading.local()


def _waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def graph_lock(out: Path | str, waiting: Callable[[str], None] = _waiting) -> Iterator[None]:
    """Hold the graph folder ``out`` for one build or import; wait while another holds it.

    The lock is ``flock`` on the folder itself (no lock file is left behind
    by a build that is killed: the kernel drops the lock with its process).
    A thread that holds it may take it again (an import rebuilds inside its
    own hold). ``waiting`` is told once when another process holds it.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    key = str(out.resolve())
    held = _HELD.__dict__.setdefault("folders", set())
    if key in held:
        yield
        return
    fd = os.open(key, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another build or import of {out}/ to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
    finally:
        os.close(fd)  # releases the lock


def holding_graph_lock(function: Callable) -> Callable:
    """Run ``function`` holding :func:`graph_lock` on its ``out`` argument (builds and imports)."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def locked(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        with graph_lock(bound.arguments["out"]):
            return function(*args, **kwargs)
    return locked


_SEQUENCE = itertools.count()


def new_build_dir(out: Path | str) -> Path:
    """A fresh, private folder under ``out/stores`` to build a database in."""
    stores = Path(out) / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    # a sequence number, so that two builds of one process within a second get two folders
    path = stores / f"{_TMP_PREFIX}{stamp}.{next(_SEQUENCE):04d}-{os.getpid()}"
    path.mkdir()
    return path


def publish(out: Path | str, build_dir: Path, files: dict[Path, Path] | None = None) -> Path:
    """Make ``build_dir`` the store of ``out``, atomically, and drop older databases.

    ``files`` (temporary → final path) are renamed into place just before the
    store's link is swapped, so that the files a store was built from are in
    place whenever it answers. A kill between the two leaves them in place
    with the previous store answering; the next build brings them in.
    """
    out = Path(out)
    final = build_dir.with_name(build_dir.name[len(_TMP_PREFIX):])
    os.replace(build_dir, final)
    fsync(final.parent)
    link = out / f".store-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(Path("stores") / final.name, link)
    for tmp, path in (files or {}).items():
        commit(tmp, path)
    fault_point("build:before-publish")
    os.replace(link, store_path(out))
    fsync(out)
    fault_point("build:after-publish")
    # whatever the link names now is kept, even if another build swapped it (it cannot under graph_lock)
    published = Path(os.readlink(store_path(out))).name
    for old in (out / "stores").iterdir():
        if old.name not in (final.name, published) and not old.name.startswith(_TMP_PREFIX):
            shutil.rmtree(old, ignore_errors=True)
    return final


def clean_stale(out: Path | str) -> None:
    """Remove what builds and imports that died left behind (their process is gone)."""
    out = Path(out)
    # databases, their N-Quads, new links; build.json and import files under temporary names
    stale = [*(out / "stores").glob(_TMP_PREFIX + "*"), *out.glob(".store-*"), *out.glob(".*.tmp-*"),
             *(out / "imports").glob(".*.tmp-*")]
    for path in stale:
        pid = path.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and process_alive(int(pid)):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
