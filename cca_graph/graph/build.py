"""Build: case material → checked records → RDF → SHACL → Oxigraph store on disk.

Nothing is published until every step has passed: records stream as N-Quads
through pipes into Oxigraph's bulk loaders (:mod:`cca_graph.graph.loading`),
which fill a new database while the rest is read; then the imports are loaded, the
whole is validated, and only then swapped in
(:func:`cca_graph.graph.store.publish`). Each moment between the steps is a
named point where a crash test kills the build (:mod:`cca_graph.graph.faults`).
"""
from __future__ import annotations

import contextlib
import itertools
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import NamedNode, RdfFormat, Store, parse, serialize
from tqdm import tqdm

from ..errors import InputError, Problem
from ..ingest import model
from ..ingest.cases import CaseReader
from ..ingest.vocab import vocabulary_quads
from ..resources import loaders_dir, ontology_dir
from .faults import fault_point
from .inputs import case_roots, write_inputs
from .loading import PipedLoad
from .store import DEFAULT_OUT, holding_graph_lock, new_build_dir, publish
from .workers import sharing

__all__ = ["BuildResult", "build", "validate", "check_cases", "shacl_problems", "store_problems", "import_files"]


@dataclass
class BuildResult:
    """What a build produced."""

    out: Path
    store: Path
    quads: int
    records_per_case: dict[str, int] = field(default_factory=dict)
    #: seconds spent in each stage: read (parse, check, write N-Quads), load (the case material),
    #: imports (loading them), shacl, publish
    timings: dict[str, float] = field(default_factory=dict)


def _roots(cases: Iterable[Path | str] | None) -> list[Path]:
    return [Path(c) for c in cases] if cases else [loaders_dir()]


def check_cases(cases: Iterable[Path | str] | None = None, nquads: Path | None = None,
                progress: bool = False) -> tuple[CaseReader, int]:
    """Read and check the case roots; write their quads to ``nquads`` if given.

    Returns the reader (its ``problems`` hold every problem found) and the
    number of quads written.
    """
    with open(nquads, "wb") if nquads is not None else contextlib.nullcontext() as fh:
        return _read_cases(cases, fh.write if fh is not None else None, progress)


def _read_cases(cases: Iterable[Path | str] | None, write, progress: bool) -> tuple[CaseReader, int]:
    """:func:`check_cases`, the N-Quads given to ``write`` (if not None) in chunks of whole lines."""
    reader = CaseReader(_roots(cases))
    count = 0
    bar = tqdm(desc="reading case material", unit=" quads", disable=not progress or None, leave=False)
    for chunk, quads in itertools.chain([_serialized_vocabulary()], reader.nquads()):
        if write is not None:
            write(chunk)
        count += quads
        bar.update(quads)
    bar.close()
    return reader, count


def _serialized_vocabulary() -> tuple[bytes, int]:
    quads = list(vocabulary_quads())
    return serialize(quads, format=RdfFormat.N_QUADS), len(quads)


def shacl_problems(nquads: Path, reader: CaseReader | None = None, shapes: Path | None = None,
                   engine: str = "sparql") -> list[Problem]:
    """Validate the quads in ``nquads`` (all graphs as one) against ``shapes``.

    ``shapes`` defaults to the package's ``ontology/shapes.ttl``. ``engine``
    is ``sparql`` (the shapes run as queries inside Oxigraph, see
    :mod:`cca_graph.graph.shacl`) or ``pyshacl`` (the reference implementation,
    slower and memory-hungry at scale). Each violation becomes a
    :class:`Problem` at the file and line of the record it concerns, when
    ``reader`` knows them.
    """
    if engine == "sparql":
        store = Store()
        store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
        return store_problems(store, reader, shapes)
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}")
    import pyshacl

    # the shapes look across graphs (a fact in a case cites a source in the
    # sources graph), so validate the union of all graphs as one graph
    with open(nquads, "rb") as fh:
        triples = (q.triple for q in parse(fh, format=RdfFormat.N_QUADS))
        union = serialize(triples, format=RdfFormat.N_TRIPLES)
    data = rdflib.Graph().parse(data=union, format="nt")
    shape_graph = rdflib.Graph().parse(shapes or ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, inference="none", allow_warnings=False)
    if conforms:
        return []
    return report_problems(report, reader)


def store_problems(store: Store, reader: CaseReader | None = None, shapes: Path | None = None,
                   path: Path | None = None, focus: set[str] | None = None, only=None,
                   quads: int | None = None) -> list[Problem]:
    """SHACL violations in ``store`` as problems located at their records.

    ``path``: where ``store`` lives on disk, flushed, so that worker processes
    can share the constraints out (see :func:`cca_graph.graph.shacl.validate_store`).
    ``focus``: report only violations at these nodes (IRIs), when ``store``
    holds just enough of a graph to judge them (see :mod:`cca_graph.graph.incremental`).
    ``only``: run only the constraints it accepts (``validate_store``'s ``only``).
    ``quads``: how many quads ``store`` holds, if known.
    """
    from .shacl import validate_store

    problems = []
    for v in validate_store(store, shapes or ontology_dir() / "shapes.ttl", path, only=only, quads=quads):
        if focus is not None and v.focus not in focus:
            continue
        problems.append(_located_problem(v.focus, _short_path(v.path), f"{v.message} ({v.focus})", reader))
    return problems


class Located:
    """Where a record a violation names was written: by ``reader``'s material, else in an import's file.

    A change can break a node an import wrote (a membership one import made
    for a town another no longer creates); the reader of the case material,
    or of an import's rows, does not know it, and the problem would be placed
    nowhere (``<graph>:0``). It is placed at the node's first line in the
    N-Quads file of the import whose graph holds it.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store checked, open while problems are located.
    files : dict
        Import name (``roster-mine``, graph ``import-roster-mine``) -> the
        N-Quads file loaded for it.
    """

    def __init__(self, reader: CaseReader | None, store: Store, files: dict[str, Path]):
        self.reader, self.store, self.files = reader, store, files
        self._lines: dict[Path, dict[str, int]] = {}

    def where(self, record_id: str) -> tuple[str, int] | None:
        found = self.reader.where(record_id) if self.reader is not None else None
        if found is not None and found[1]:
            return found
        node = NamedNode(model.entity_iri(record_id))
        prefix = model.graph_iri("import-")
        graphs = {q.graph_name.value for q in self.store.quads_for_pattern(node, None, None)
                  if isinstance(q.graph_name, NamedNode) and q.graph_name.value.startswith(prefix)}
        for graph in sorted(graphs):
            path = self.files.get(graph[len(prefix):])
            line = self._first_lines(path).get(f"<{node.value}>") if path is not None else None
            if line:
                return str(path), line
        return found

    def _first_lines(self, path: Path) -> dict[str, int]:
        """The first line of each subject in the N-Quads file ``path`` (read once, when a violation asks)."""
        if path not in self._lines:
            lines: dict[str, int] = {}
            if path.exists():
                with open(path, "rb") as fh:
                    for number, line in enumerate(fh, 1):
                        lines.setdefault(line.split(b" ", 1)[0].decode("utf-8", "replace"), number)
            self._lines[path] = lines
        return self._lines[path]


def _short_path(path: str) -> str:
    if not path:
        return "shacl"
    return rdflib.URIRef(path).n3(rdflib.Graph().namespace_manager)


def _located_problem(focus: str, field_name: str, message: str, reader: CaseReader | None) -> Problem:
    where = None
    if reader is not None and focus.startswith(model.ID):
        where = reader.where(focus[len(model.ID):])
    file, line = where if where else ("<graph>", 0)
    return Problem(file, line, field_name, message)


def report_problems(report: rdflib.Graph, reader: CaseReader | None = None) -> list[Problem]:
    """Turn a pySHACL validation report graph into problems."""
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(report.value(result, sh.focusNode))
        path = report.value(result, sh.resultPath)
        message = str(report.value(result, sh.resultMessage) or "violates a shape")
        field_name = _short_path(str(path)) if isinstance(path, rdflib.URIRef) else "shacl"
        problems.append(_located_problem(focus, field_name, f"{message} ({focus})", reader))
    return problems


def validate(cases: Iterable[Path | str] | None = None, *, shacl: bool = True, progress: bool = False,
             engine: str = "sparql") -> CaseReader:
    """Check case material without building a store.

    Raises
    ------
    InputError
        With every problem found.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cca-validate-") as tmp:
        nquads = Path(tmp) / "graph.nq"
        reader, _ = check_cases(cases, nquads, progress)
        if reader.problems:
            raise InputError(reader.problems)
        if shacl:
            problems = shacl_problems(nquads, reader, engine=engine)
            if problems:
                raise InputError(problems)
    return reader


_SETTINGS = "build.json"


def build_settings(out: Path | str) -> dict:
    """What the last build of ``out`` was made from (``{"cases": [...] or None}``)."""
    path = Path(out) / _SETTINGS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"cases": None}


def _settings_file(out: Path, cases: list[Path] | None) -> Path:
    """``build.json`` written under its temporary name, to be published with the store."""
    from ..atomic import temporary_name

    tmp = temporary_name(out / _SETTINGS)
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"cases": case_roots(cases)}, fh, indent=1)
        fh.write("\n")
    return tmp


def import_files(out: Path | str) -> list[Path]:
    """The imported registries of ``out`` (``out/imports/*.nq``), in name order."""
    return sorted((Path(out) / "imports").glob("*.nq"))


@holding_graph_lock  # builds and imports of one folder take turns
def build(out: Path | str = DEFAULT_OUT, cases: Iterable[Path | str] | None = None, *,
          imports: Iterable[Path] | None = None, publish_with: dict[Path, Path] | None = None,
          progress: bool = False) -> BuildResult:
    """Build the graph from case material into a new store under ``out``.

    Parameters
    ----------
    out : path
        Output folder; the store is published as ``out/store``.
    cases : list of paths, optional
        Case roots (each with ``sources.yaml`` and one folder per case);
        the bundled case material by default.
    imports : list of paths, optional
        N-Quads files of imported registries to add (already checked when
        they were imported); by default every ``out/imports/*.nq``.
    publish_with : dict, optional
        Temporary files to rename into place (temporary → final path) with
        the store, just before it is published: an import's N-Quads file.

    The case roots are remembered in ``out/build.json``, so that imports
    rebuild from the same material. Like ``publish_with``, it is put in place
    just before the store: whatever moment kills a build, the inputs on disk
    are those of the store answering or of the one the build was making. The
    new database records them too (:mod:`cca_graph.graph.inputs`), so that an
    import can tell whether the store answering is the one these inputs make.

    Raises
    ------
    InputError
        With every problem found; the previous store of ``out`` is untouched.
    """
    out = Path(out)
    cases = list(cases) if cases else None
    out.mkdir(parents=True, exist_ok=True)
    build_dir = new_build_dir(out)
    settings = None
    clock = _Clock()
    loading = None
    shared = contextlib.ExitStack()
    try:
        store = Store(str(build_dir))
        # the worker processes that read the case files stay to check the store: started once
        shared.enter_context(sharing())
        # the quads go to the loaders through pipes as they are read: reading and loading overlap
        loading = PipedLoad(store)
        reader, count = _read_cases(cases, loading.write, progress)
        fault_point("build:after-read")
        clock.lap("read")
        loading.wait()  # raises a loader's error
        loading = None  # ended: nothing to stop, and the loads no longer hold the store open
        if reader.problems:
            del store
            raise InputError(reader.problems)
        fault_point("build:during-load")
        clock.lap("load")
        imports = import_files(out) if imports is None else list(imports)
        for extra in imports:
            store.bulk_load(path=str(extra), format=RdfFormat.N_QUADS)
        store.flush()
        # checked and published read-only: left open for writing, RocksDB merges the files of several loads in
        # the background, and a merge that removes a file the check's workers (which open the database
        # read-only) have yet to open fails the build ("Corruption: … No such file or directory")
        del store
        store = Store.read_only(str(build_dir))
        count = len(store)  # counted once: it takes a while at scale, and the check needs it too
        clock.lap("imports")
        fault_point("build:during-shacl")
        # a violation at a node an import wrote is placed in its file (not in one under a temporary name, which
        # a refused import removes)
        located = Located(reader, store, {p.stem: p for p in imports if p not in (publish_with or {})})
        problems = store_problems(store, located, path=build_dir, quads=count)
        shared.close()
        if problems:
            del store
            raise InputError(problems)
        clock.lap("shacl")
        del store
        write_inputs(build_dir, case_roots(cases), _named_imports(out, imports, publish_with or {}), count)
        settings = _settings_file(out, cases)
        final = publish(out, build_dir, {**(publish_with or {}), settings: out / _SETTINGS})
        clock.lap("publish")
    except BaseException:
        shared.close()
        if loading is not None:
            loading.stop()
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    finally:
        if settings is not None:
            settings.unlink(missing_ok=True)
    return BuildResult(out=out, store=final, quads=count, records_per_case=dict(reader.records_per_case),
                       timings=clock.laps)


def _named_imports(out: Path, imports: list[Path], publish_with: dict[Path, Path]) -> dict[str, Path] | None:
    """The loaded import files by their names in ``out/imports`` (None if one lives elsewhere)."""
    folder, named = (out / "imports").resolve(), {}
    for path in imports:
        final = publish_with.get(path, path)
        if final.parent.resolve() != folder:
            return None
        named[final.name] = path
    return named


class _Clock:
    """Seconds between successive laps."""

    def __init__(self):
        import time

        self._now = time.perf_counter
        self._last = self._now()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = self._now()
        self.laps[name] = round(now - self._last, 3)
        self._last = now
