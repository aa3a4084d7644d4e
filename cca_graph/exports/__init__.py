"""Exports of the built graph: one module per format behind a small registry.

Turtle, TriG, N-Quads, JSON-LD and CSV tables are written here (one module
each); the neo4j-admin import files and GraphML come from the property-graph
projection (:mod:`cca_graph.project`), whose nodes and relationships the Parquet
tables (:mod:`.parquet`) hold too. Every writer sorts what it writes
(:mod:`.sort`), so the same graph always gives the same bytes, and writes to
a temporary file renamed into place, so a reader never sees half a file.

A writer is imported only when its format is asked for, as rdflib's plugins
are: exporting Turtle does not load networkx. A format that cannot be written
does not stop the others: :func:`export` writes every format it can, then
raises :class:`ExportError` naming each one that failed and why; the files of
a failed format stay as the previous export left them.

Examples
--------
>>> sorted(FORMATS)
['csv', 'graphml', 'jsonld', 'neo4j-admin', 'nquads', 'parquet', 'trig', 'turtle']
>>> FORMATS["trig"].file_name
'graph.trig'
>>> FORMATS["trig"].writer.__name__
'write_trig'
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from pyoxigraph import Literal, Store
from tqdm import tqdm

from ..atomic import remove_stale_temporaries
from ..errors import CcaError, UnknownNameError
from ..safety import control_problem, printable
from .sort import remove_stale_spills

__all__ = ["FORMATS", "Format", "ExportError", "export"]


class ExportError(CcaError):
    """Some formats could not be written; the others were.

    Attributes
    ----------
    written : list of Path
        What was written.
    failed : dict
        Format name -> why it failed.
    """

    def __init__(self, written: list[Path], failed: dict[str, str]):
        self.written, self.failed = written, failed
        reasons = "; ".join(f"{name} not written: {why}" for name, why in failed.items())
        done = ", ".join(str(p) for p in written) or "nothing"
        super().__init__(f"{reasons}. Written: {done}")


class Format(NamedTuple):
    """An export format: where it goes under the export folder and which function writes it."""

    file_name: str
    module: str
    function: str

    @property
    def writer(self) -> Callable[..., Path]:
        """The writer, ``writer(store, path, **options) -> path``, imported on first use."""
        return getattr(import_module(self.module, __name__), self.function)


#: format name -> where it is written and by whom
FORMATS: dict[str, Format] = {
    "turtle": Format("graph.ttl", ".turtle", "write_turtle"),
    "trig": Format("graph.trig", ".trig", "write_trig"),
    "nquads": Format("graph.nq", ".nquads", "write_nquads"),
    "jsonld": Format("graph.jsonld", ".jsonld", "write_jsonld"),
    "csv": Format("csv", ".csv_tables", "write_csv"),
    "neo4j-admin": Format("neo4j-admin", "..project.neo4j_admin", "write_neo4j_admin"),
    "graphml": Format("graph.graphml", "..project.nxgraph", "write_graphml"),
    "parquet": Format("parquet", ".parquet", "write_parquet"),
}


def export(store: Store, formats: Iterable[str], folder: Path | str, *, progress: bool = False) -> list[Path]:
    """Write ``formats`` (names of :data:`FORMATS`, or ``all``) into ``folder``.

    Every name is checked before anything is written. With ``progress``, a
    line on standard error names the format being written, when that is a
    terminal (a registry-sized export takes minutes).

    Examples
    --------
    >>> from cca_graph import open_store
    >>> export(open_store("out"), ["turtle"], "out/export")
    [PosixPath('out/export/graph.ttl')]
    >>> export(open_store("out"), ["turtle", "rdf/xml"], "out/export")
    Traceback (most recent call last):
    ...
    cca_graph.errors.UnknownNameError: unknown export format 'rdf/xml'; known: all, csv, ...
    """
    names = list(formats)
    if "all" in names:
        names = sorted(FORMATS)
    for name in names:
        if name not in FORMATS:
            raise UnknownNameError("export format", name, list(FORMATS) + ["all"])
    remove_stale_temporaries(Path(folder))
    remove_stale_spills(Path(folder))
    written, failed = [], {}
    names = list(dict.fromkeys(names))
    with tqdm(total=len(names), unit=" formats", disable=not progress or None, leave=False) as bar:
        for name in names:
            bar.set_description(f"writing {name}")
            fmt = FORMATS[name]
            try:
                written.append(fmt.writer(store, Path(folder) / fmt.file_name))
            # a value the format cannot hold (ValueError), a full disk (OSError), a refusal of ours
            except (CcaError, ValueError, OSError) as error:
                failed[name] = _why(store, error)
            bar.update()
    if failed:
        raise ExportError(written, failed)
    return written


def _why(store: Store, error: Exception) -> str:
    """Why a writer failed, naming the entity when a value it could not write is to blame."""
    why = printable(str(error) or type(error).__name__)
    if isinstance(error, ValueError):
        culprit = _control_value(store)
        if culprit:
            why += f" — {culprit}"
    return why


def _control_value(store: Store) -> str | None:
    """The first entity and property whose value holds a control character, streaming the store."""
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.object, Literal):
            problem = control_problem(quad.object.value, one_line=False)
            if problem:
                return f"<{quad.subject.value}> <{quad.predicate.value}> {problem}"
    return None
