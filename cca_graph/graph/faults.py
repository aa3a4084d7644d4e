"""Named points where a crash test can kill a build or an import: fault injection.

With ``CCA_GRAPH_FAULT=<point>`` in the environment, the process kills itself
with SIGKILL (nothing cleans up, as when the machine loses power or the kernel
runs out of memory) on reaching that point. Unset, :func:`fault_point` is one
dictionary lookup. ``tests/test_crash.py`` kills at every point and checks
that the previous outputs still answer, whole.

Points of ``cca-graph build`` (:func:`cca_graph.graph.build.build` and
:func:`cca_graph.graph.store.publish`):

``build:after-read``
    the case material read and checked, its quads given to the bulk loads of
    the new database ``stores/.tmp-<build>`` (``build.build``)
``build:during-load``
    the new database ``stores/.tmp-<build>`` holds the case material, not yet
    the imports (``build.build``)
``build:during-shacl``
    the new database loaded and flushed, its SHACL validation (in this process
    or in worker processes) about to run (``build.build``)
``build:before-publish``
    the new database complete under its final name ``stores/<build>``, the new
    link made beside the old one, ``build.json`` (and an import's files) in
    place, ``out/store`` not yet swapped (``store.publish``)
``build:after-publish``
    ``out/store`` swapped, the older databases not yet removed
    (``store.publish``)

Points of ``cca-graph import`` (:func:`cca_graph.ingest.imports.run_import`),
which replaces its graph in a copy of the published store
(:func:`cca_graph.graph.incremental.replace_graph`) or, where it must,
rebuilds the store:

``import:after-read``
    every row read, checked and written to the temporary N-Quads file
    ``imports/.<name>.nq.tmp-<pid>``, the report beside it; the store not yet
    copied (``imports.run_import``)
``import:during-build``
    the copy ``stores/.tmp-<build>`` holds the new graph in place of the old
    one, not yet validated (``incremental.replace_graph``); in a rebuild, its
    ``build:during-load``
``import:before-publish``
    ``build:before-publish`` of the copy (or rebuild): the import's file and
    report renamed into place, ``out/store`` not yet swapped (the files are
    the import's commit: the next build, or import, which then rebuilds,
    brings them into the store)
``import:after-publish``
    ``build:after-publish`` of the copy (or rebuild)

Examples
--------
>>> fault_point("build:after-read")   # CCA_GRAPH_FAULT unset: nothing happens
"""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from ..errors import CcaError

__all__ = ["ENV", "POINTS", "fault_point", "fault_aliases"]

ENV = "CCA_GRAPH_FAULT"
POINTS = ("build:after-read", "build:during-load", "build:during-shacl", "build:before-publish",
          "build:after-publish", "import:after-read", "import:during-build", "import:before-publish",
          "import:after-publish")

_aliases: dict[str, str] = {}


def fault_point(name: str) -> None:
    """Kill this process with SIGKILL if ``CCA_GRAPH_FAULT`` names ``name`` (or its alias)."""
    wanted = os.environ.get(ENV)
    if wanted is None:
        return
    if wanted not in POINTS:
        # a misspelt point would let the run finish and the crash test pass for nothing
        raise CcaError(f"{ENV}={wanted!r} names no fault point; known: {', '.join(POINTS)}")
    if wanted == name or wanted == _aliases.get(name):
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def fault_aliases(aliases: dict[str, str]):
    """Inside the block, reaching point ``p`` also reaches ``aliases[p]``.

    For an operation whose points sit in another's code: an import's rebuild
    reaches ``build:during-load``, which is then also ``import:during-build``.
    """
    _aliases.update(aliases)
    try:
        yield
    finally:
        for name in aliases:
            _aliases.pop(name, None)
