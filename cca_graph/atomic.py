"""Writing files so that a reader never sees half of one.

A file is written beside its final place under a temporary name that carries
the writer's process id, then renamed over the old one; temporaries of
writers that died are removed by the next writer.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from .store import process_alive

__all__ = ["atomic_text", "remove_stale_temporaries"]


@contextmanager
def atomic_text(path: Path, newline: str | None = None):
    """Open a temporary text file beside ``path``; rename it into place on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> None:
    """Drop temporary files of writers whose process died before renaming them."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for tmp in folder.rglob(".*.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            tmp.unlink(missing_ok=True)
