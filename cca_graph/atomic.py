"""Writing files so that a reader never sees half of one.

Every file cca-graph writes goes through :func:`atomic_write` (or, for a
writer that wants a path rather than an open file, :func:`atomic_path`): it
is written beside its final place under a temporary name that carries the
writer's process id, flushed to disk, renamed over the old one, and the
folder is flushed so the rename survives a power cut. Temporaries of writers
that died are removed by the next writer (:func:`remove_stale_temporaries`).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(folder / "a.txt") as fh:
...     _ = fh.write("whole or nothing")
>>> (folder / "a.txt").read_text()
'whole or nothing'
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write", "atomic_path", "commit", "fsync", "process_alive", "remove_stale_temporaries"]


def temporary_name(path: Path) -> Path:
    """The temporary file this process writes ``path`` under.

    Examples
    --------
    >>> temporary_name(Path("out/export/graph.ttl")) == Path(f"out/export/.graph.ttl.tmp-{os.getpid()}")
    True
    """
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


@contextmanager
def atomic_path(path: Path | str):
    """Yield a temporary path beside ``path``; on success flush it and rename it into place.

    For writers that open the file themselves (a library that takes a file
    name). On an exception the temporary is removed and ``path`` is untouched.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "graph.nq"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("half a gra")
    ...     raise RuntimeError("the writer died")
    Traceback (most recent call last):
    ...
    RuntimeError: the writer died
    >>> list(target.parent.iterdir())
    []
    """
    path = Path(path)
    if path.exists() and not path.is_file() or path.is_symlink() and not path.exists():
        # a device, a pipe, a folder, a link to one, or a link that leads nowhere: writing beside it and
        # renaming would replace the node itself (/dev/full, a FIFO), so nothing is written
        raise IsADirectoryError(errno.EISDIR if path.is_dir() else errno.EINVAL,
                                "is not a regular file; give the path of a file to write", str(path))
    if path.is_symlink():
        path = path.resolve()  # a link to a file: the file is written (beside it, then renamed), the link kept
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file, or a link that leads nowhere, where a folder must be
        where = Path(exc.filename or path.parent)
        why = ("is a symbolic link that leads nowhere or back at itself" if where.is_symlink()
               else "is a file, not a folder")
        raise NotADirectoryError(errno.ENOTDIR, why, str(where)) from exc
    tmp = temporary_name(path)
    try:
        yield tmp
        commit(tmp, path)
    except OSError as exc:
        if exc.filename is None:  # a write that failed (disk full, file too large) names no file: name ours
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    finally:
        tmp.unlink(missing_ok=True)


def commit(tmp: Path, path: Path) -> None:
    """Put the finished temporary ``tmp`` in place as ``path``: flush it, rename it, flush the folder.

    :func:`atomic_path` ends with this; a build calls it for the files it
    publishes together with its store.
    """
    fsync(tmp)
    os.replace(tmp, path)
    fsync(path.parent)


@contextmanager
def atomic_write(path: Path | str, mode: str = "w", *, newline: str | None = None):
    """Open a temporary file beside ``path`` (``mode`` ``"w"`` for UTF-8 text, ``"wb"`` for
    bytes); on success flush it to disk and rename it into place."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    with atomic_path(path) as tmp:
        if mode == "wb":
            with open(tmp, "wb") as fh:
                yield fh
        else:
            with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
                yield fh


def fsync(path: Path | str) -> None:
    """Flush a file's bytes, or a folder's entries (a rename into it), to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def process_alive(pid: int) -> bool:
    """Whether a process with id ``pid`` exists (the owner of a temporary file, say)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path | str) -> None:
    """Drop temporary files of writers whose process died before renaming them."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for tmp in folder.rglob(".*.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)) and tmp.is_file():
            tmp.unlink(missing_ok=True)
