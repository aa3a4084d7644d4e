"""Build: case material → checked records → RDF → SHACL → Oxigraph store on disk.

Nothing is published until every step has passed: records stream into an
N-Quads file in a private folder, the whole is validated, bulk-loaded into a new
database, and only then swapped in (:func:`cca_graph.store.publish`).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import Quad, RdfFormat, Store, parse, serialize
from tqdm import tqdm

from . import model
from .cases import CaseReader
from .errors import InputError, Problem
from .resources import loaders_dir, ontology_dir
from .store import DEFAULT_OUT, new_build_dir, publish
from .vocab import vocabulary_quads

__all__ = ["BuildResult", "build", "validate", "check_cases", "shacl_problems"]


@dataclass
class BuildResult:
    """What a build produced."""

    out: Path
    store: Path
    quads: int
    records_per_case: dict[str, int] = field(default_factory=dict)


def _roots(cases: Iterable[Path | str] | None) -> list[Path]:
    return [Path(c) for c in cases] if cases else [loaders_dir()]


def check_cases(cases: Iterable[Path | str] | None = None, nquads: Path | None = None,
                progress: bool = False) -> tuple[CaseReader, int]:
    """Read and check the case roots; write their quads to ``nquads`` if given.

    Returns the reader (its ``problems`` hold every problem found) and the
    number of quads written.
    """
    reader = CaseReader(_roots(cases))
    stream: Iterator[Quad] = itertools.chain(vocabulary_quads(), reader.quads())
    counted = _Counter(stream)
    bar = tqdm(counted, desc="reading case material", unit=" quads", disable=not progress or None, leave=False)
    if nquads is None:
        for _ in bar:
            pass
    else:
        with open(nquads, "wb") as fh:
            serialize(bar, fh, format=RdfFormat.N_QUADS)
    return reader, counted.count


def shacl_problems(nquads: Path, reader: CaseReader | None = None, shapes: Path | None = None) -> list[Problem]:
    """Validate the quads in ``nquads`` (all graphs as one) against ``shapes``.

    ``shapes`` defaults to the package's ``ontology/shapes.ttl``.

    Each violation becomes a :class:`Problem` at the file and line of the
    record it concerns, when ``reader`` knows them.
    """
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


def report_problems(report: rdflib.Graph, reader: CaseReader | None = None) -> list[Problem]:
    """Turn a SHACL validation report graph into problems."""
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(report.value(result, sh.focusNode))
        path = report.value(result, sh.resultPath)
        message = str(report.value(result, sh.resultMessage) or "violates a shape")
        where = None
        if reader is not None and focus.startswith(model.ID):
            where = reader.where(focus[len(model.ID):])
        file, line = where if where else ("<graph>", 0)
        field_name = path.n3(rdflib.Graph().namespace_manager) if isinstance(path, rdflib.URIRef) else "shacl"
        problems.append(Problem(file, line, field_name, f"{message} ({focus})"))
    return problems


def validate(cases: Iterable[Path | str] | None = None, *, shacl: bool = True, progress: bool = False) -> CaseReader:
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
            problems = shacl_problems(nquads, reader)
            if problems:
                raise InputError(problems)
    return reader


def build(out: Path | str = DEFAULT_OUT, cases: Iterable[Path | str] | None = None, *,
          progress: bool = False) -> BuildResult:
    """Build the graph from case material into a new store under ``out``.

    Parameters
    ----------
    out : path
        Output folder; the store is published as ``out/store``.
    cases : list of paths, optional
        Case roots (each with ``sources.yaml`` and one folder per case);
        the bundled case material by default.

    Raises
    ------
    InputError
        With every problem found; the previous store of ``out`` is untouched.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    build_dir = new_build_dir(out)
    nquads = build_dir.with_name(build_dir.name + ".nq")
    try:
        reader, count = check_cases(cases, nquads, progress)
        if reader.problems:
            raise InputError(reader.problems)
        problems = shacl_problems(nquads, reader)
        if problems:
            raise InputError(problems)
        store = Store(str(build_dir))
        store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
        store.flush()
        del store
        final = publish(out, build_dir)
    except BaseException:
        import shutil

        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    finally:
        nquads.unlink(missing_ok=True)
    return BuildResult(out=out, store=final, quads=count, records_per_case=dict(reader.records_per_case))


class _Counter:
    """Pass items through, counting them."""

    def __init__(self, items: Iterable):
        self._items = items
        self.count = 0

    def __iter__(self):
        for item in self._items:
            self.count += 1
            yield item

