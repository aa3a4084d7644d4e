"""What a published store was made from, recorded inside it: whether an import may add its graph alone.

Every build and import writes ``inputs.json`` into the database folder it
is about to publish: the case roots it read (as ``build.json`` names them),
how many quads it holds and, for each file of ``out/imports`` it loaded,
that file's size, modification time and SHA-256. The record lives inside the database, so it
is swapped in with it by the one rename of ``out/store``: it always speaks
of the store that answers, whatever moment killed a build.

An import replaces its own named graph in a copy of the published store
(:mod:`cca_graph.graph.incremental`) only when the record matches what is on
disk now; otherwise the store is not the one a build of these files makes
(a build or import killed after putting its files in place and before
swapping the store, a store built by an older cca-graph, case roots given
anew with ``--cases``, import files copied in by hand) and the import
rebuilds it in full, as a build would.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..atomic import fsync

__all__ = ["INPUTS", "case_roots", "write_inputs", "read_inputs", "stale_reason"]

#: the record's file name inside a database folder (RocksDB leaves files it does not know alone)
INPUTS = "inputs.json"


def case_roots(cases: Iterable[Path | str] | None) -> list[str] | None:
    """The case roots as ``build.json`` and the record name them: resolved paths, or None for the bundled ones."""
    cases = list(cases) if cases else None
    return [str(Path(c).resolve()) for c in cases] if cases else None


def _entry(path: Path, known: dict | None = None) -> dict:
    stat = path.stat()
    if known and known.get("size") == stat.st_size and known.get("mtime_ns") == stat.st_mtime_ns:
        return known  # recorded by the store this one copies: the same file, not read again
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest.hexdigest()}


def write_inputs(database: Path, cases: list[str] | None, imports: dict[str, Path] | None, quads: int,
                 known: dict | None = None) -> None:
    """Record in ``database`` the case roots and import files it was made from.

    Parameters
    ----------
    database : path
        The database folder, not yet published.
    cases : list of str or None
        As :func:`case_roots` gives them.
    imports : dict or None
        Name in ``out/imports`` -> the file to read it from now (the
        temporary a build renames into place with the store has the same
        bytes and times). None when the store holds imports from outside
        ``out/imports``: then no import may add to it alone.
    quads : int
        How many quads the database holds (counting a large store takes seconds).
    known : dict, optional
        The record of the store this one was copied from: files it lists
        with the same size and time are not read again.
    """
    known = (known or {}).get("imports") or {}
    record = {"cases": cases, "quads": quads, "imports": None if imports is None else
              {name: _entry(path, known.get(name)) for name, path in sorted(imports.items())}}
    path = database / INPUTS
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(record, fh, indent=1, sort_keys=True)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    fsync(database)


def read_inputs(database: Path) -> dict | None:
    """The record of ``database``, or None when it has none (or an unreadable one)."""
    try:
        record = json.loads((database / INPUTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and {"cases", "imports"} <= record.keys() else None


def _same(path: Path, entry: dict) -> bool:
    stat = path.stat()
    if stat.st_size != entry.get("size"):
        return False
    # a copy (cp -a, shutil.copytree) keeps the time; a rewrite of equal size does not: then the bytes decide
    return stat.st_mtime_ns == entry.get("mtime_ns") or _entry(path)["sha256"] == entry.get("sha256")


def stale_reason(database: Path, cases: list[str] | None, imports: Iterable[Path]) -> str | None:
    """Why ``database`` is not what a build of ``cases`` and ``imports`` makes (None: it is).

    ``imports`` are the files of ``out/imports`` now, ``cases`` as
    :func:`case_roots` gives them.
    """
    record = read_inputs(database)
    if record is None:
        return "the store does not record what it was built from: an earlier version built it"
    if record["cases"] != cases:
        return "the store was built from other case material"
    if record["imports"] is None:
        return "the store holds imports from outside its imports folder"
    files = {p.name: p for p in imports}
    if sorted(files) != sorted(record["imports"]):
        return "the imports folder holds other imports than the store"
    for name, path in sorted(files.items()):
        if not _same(path, record["imports"][name]):
            return f"imports/{name} is not the file the store was built with"
    return None
