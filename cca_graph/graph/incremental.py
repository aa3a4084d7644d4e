"""An import's named graph put into a copy of the published store, the rest of the store left as built.

A rebuild reads every case file and every earlier import again; an import
that changes one named graph needs none of that. :func:`replace_graph`:

1. **copies** the published database with ``Store.backup`` into a private
   folder ``stores/.tmp-…``: RocksDB's files are immutable, so the copy is hard
   links to them (milliseconds, no disk space), and the published store is
   never opened for writing;
2. **replaces** the graph there: its old quads removed (a second run of an
   import replaces it, never adds to it), the new file bulk-loaded (by an
   import through pipes as it writes them, :class:`GraphCopy`), and the
   copy opened again read-only for the rest (left open for writing, RocksDB
   rewrites the loaded files in the background, twice the size). When the
   old quads are a large share of the store (:data:`REMOVE_SHARE`), the copy
   is instead a new database into which every other graph is bulk-loaded,
   in a thread, while the resolver starts and the rows are read: deleting
   many quads costs more than loading the rest;
3. **checks** what the change can break (below), and the constraints that
   reach into the graph from other graphs;
4. **publishes** the copy as a build does (:func:`cca_graph.graph.store.publish`):
   the import's files renamed into place, then ``out/store`` swapped in one
   rename. A failure or a kill at any step leaves the published store as it
   was; the private folder is removed (by the next build or import, if killed).

What is checked. The shapes (:mod:`cca_graph.graph.shacl`) judge a node by
its own types, its own values (IRI paths, outgoing only) and the types of
those values, with the class hierarchy of ``rdfs:subClassOf``. Replacing a
graph changes those only for

- the subjects of the graph's old and new quads (and of the quads it adds to
  shared graphs: the sources it registers);
- the nodes, in any graph, that point at a node whose types the graph gave
  or gives (a membership of another import naming a town this import created,
  then no longer creates).

Those nodes, all their quads from every graph, the types of every node they
point at and the class hierarchy are copied into an in-memory store and
validated there; violations are kept for those nodes only. Every other node
is judged on the same quads as when the published store passed. When the
graph's old and new quads are more than a quarter of the store
(:data:`WHOLE_SHARE`), or the import touches the class hierarchy, the whole
copy is validated instead, as a build does: on the registry graph (545,000
quads) that takes 13 s, against well under a second for the nodes a C2ES
table touches.

The whole copy is validated with the constraints the change can reach only
(:class:`_Change`). A constraint reads the instances of its target classes,
their values on its paths and the types of those values
(:class:`~cca_graph.graph.shacl.Reads`); the change reaches it when its quads
(the graph's old ones, its new ones, those it adds to shared graphs)

- type a node with a target class (or a subclass of one);
- state one of its paths of a node that is, where the quad is (the published
  store for an old quad, the copy for a new one), an instance of a target class;
- type a node with one of its value classes that, where the type is, a node
  of a target class points at by one of its paths.

Otherwise its focus nodes, their values and the values' types are as they
were when the published store passed, and it is not run. On the benchmark's
M graph a roster's memberships reach 14 of the 166 queries (those of
memberships, citations and sources); a change to the class hierarchy
reaches every one.

A build after any run of imports makes the same quads (``tests/test_incremental.py``).
Two cases make an import rebuild in full instead (:func:`why_rebuild`): the
published store is not what a build of the files on disk makes (see
:mod:`cca_graph.graph.inputs`), or the new file drops quads the old one put
in a shared graph (a source registered differently), which case material or
another import may state as well: only a rebuild knows.
"""
from __future__ import annotations

import functools
import re
import shutil
import threading
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from ..errors import InputError
from ..ingest.cases import CaseReader
from ..ingest.model import graph_iri
from .build import BuildResult, Located, _Clock, import_files, store_problems
from .faults import fault_point
from .inputs import case_roots, read_inputs, stale_reason, write_inputs
from .loading import PipedLoad
from .store import new_build_dir, publish, store_path

__all__ = ["GraphCopy", "replace_graph", "why_rebuild", "WHOLE_SHARE", "REMOVE_SHARE"]

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS_OF = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")

#: validate the whole store when the graph's old and new quads are more than this share of it (on the
#: benchmark's M graph, the nodes of a 451,440-quad roster took 33 s to check, the whole 1.06 M quads 21 s)
WHOLE_SHARE = 0.25
#: copy the other graphs into a new database, instead of deleting the graph's old quads from a copy of
#: the store, when they are more than this share of the rest (on the benchmark's M graph, deleting a
#: roster's 451,440 quads took 40 s, loading the other 610,964 anew 14 s)
REMOVE_SHARE = 0.1


def _shared_quads(nquads: Path | None, graph: str) -> tuple[Quad, ...]:
    """The quads of the N-Quads file ``nquads`` outside its own graph ``graph`` (the sources it registers)."""
    if nquads is None or not nquads.exists():
        return ()
    found = nquads.stat()
    # an import asks twice about its new file (whether to rebuild, what to check): read once
    return _read_shared(str(nquads), (found.st_ino, found.st_size, found.st_mtime_ns), graph)


@functools.lru_cache(maxsize=2)
def _read_shared(nquads: str, version: tuple, graph: str) -> tuple[Quad, ...]:
    own = f" <{graph_iri(graph)}> .".encode()
    with open(nquads, "rb") as fh:
        others = b"".join(line for line in fh if not line.rstrip(b"\r\n").endswith(own))
    return tuple(parse(others, format=RdfFormat.N_QUADS)) if others.strip() else ()


def _lines(path: Path | None) -> int:
    if path is None or not path.exists():
        return 0
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def why_rebuild(out: Path | str, cases, graph: str, nquads: Path, replaces: Path | None) -> str | None:
    """Why the import of ``nquads`` as graph ``graph`` must rebuild the store of ``out`` (None: it need not).

    Parameters
    ----------
    cases : list of paths or None
        The case roots the store is to hold (the bundled material if None).
    replaces : path or None
        The import's file now in ``out/imports``, if it was imported before.
    """
    reason = stale_reason(store_path(out).resolve(), case_roots(cases), import_files(out))
    if reason is not None:
        return reason
    dropped = set(_shared_quads(replaces, graph)) - set(_shared_quads(nquads, graph))
    if dropped:
        return (f"the new file drops facts the old one stated in a shared graph, which other graphs may state "
                f"too ({len(dropped)}, the first: {sorted(map(str, dropped))[0]})")
    return None


def replace_graph(out: Path | str, graph: str, nquads: Path, *, cases=None, replaces: Path | None = None,
                  publish_with: dict[Path, Path] | None = None, reader: CaseReader | None = None,
                  copy: GraphCopy | None = None) -> BuildResult:
    """Put the N-Quads file ``nquads`` as named graph ``graph`` into a copy of the store of ``out`` and publish it.

    Call it holding :func:`~cca_graph.graph.store.graph_lock`, after
    :func:`why_rebuild` found no reason to rebuild.

    Parameters
    ----------
    graph : str
        The graph's name (``import-<name>``); its old quads are removed first.
    nquads : path
        The new quads, in the graph ``graph`` and shared graphs.
    cases : list of paths or None
        The case roots of the store, recorded in the new database.
    replaces : path or None
        The file ``nquads`` replaces (tells how large the change is).
    publish_with : dict
        Temporary -> final path of the files published with the store; it
        names ``nquads``'s place in ``out/imports``.
    reader : CaseReader, optional
        Knows the file and line of each record of ``nquads``, for the problems.
    copy : GraphCopy, optional
        The copy of the store, made beforehand, that has been fed ``nquads``
        as it was written; replace_graph makes one and loads the file if not.

    Raises
    ------
    InputError
        With every SHACL violation the change brings; the published store is untouched.
    """
    out, publish_with = Path(out), dict(publish_with or {})
    clock = _Clock()
    if copy is None:
        copy = GraphCopy(out, graph, replaces)
        clock.lap("copy")
    try:
        if copy.fed:
            copy.wait()
        else:
            copy.load(nquads)
        copy.reopen()
        source, store, iri, build_dir = copy.source, copy.store, copy.iri, copy.build_dir
        count, old, record = copy.count, copy.old, copy.record
        shared = _shared_quads(nquads, graph)
        whole = _lines(replaces) + _lines(nquads) > WHOLE_SHARE * (count + old)
        before = None if whole else _graph_nodes(source, iri)
        # the copy holds the published store's other graphs: a shared quad is in one as in the other
        added = [quad for quad in set(shared) if quad not in source]
        count += len(added)
        # the published store is kept open (read-only) only where the check reads the graph's old quads there
        published_side = [(source, iri)] if whole and old else []
        copy.source = source = None
        count += _count(store, iri)
        fault_point("import:during-build")
        clock.lap("replace")
        focus = None if whole else _touched(store, iri, before, shared)
        # a violation at a node another import wrote is placed in that import's file
        files = {p.stem: p for p in import_files(out) if p.name != publish_with[nquads].name}
        reader = Located(reader, store, files)
        if whole:
            change = _Change([(store, iri), *published_side], added, store)
            problems = store_problems(store, reader, path=build_dir, only=change.reaches, quads=count)
            del change, published_side
        elif focus is None:
            problems = store_problems(store, reader, path=build_dir, quads=count)
        else:
            problems = store_problems(_neighbourhood(store, focus), reader, focus={n.value for n in focus})
        if problems:
            copy.store = store = None
            raise InputError(problems)
        clock.lap("shacl")
        copy.store = store = None
        named = {p.name: p for p in import_files(out)}
        named[publish_with[nquads].name] = nquads
        write_inputs(build_dir, case_roots(cases), named, count, known=record)
        final = publish(out, build_dir, publish_with)
        clock.lap("publish")
    except BaseException:
        copy.discard()
        raise
    return BuildResult(out=out, store=final, quads=count, timings=clock.laps)


class GraphCopy:
    """A private copy of the published store of ``out`` without graph ``graph``, loading the graph's new quads.

    Made before the import's rows are read, it takes the N-Quads as they are
    written (:meth:`write`) and bulk-loads them in threads as they come
    (:class:`~cca_graph.graph.loading.PipedLoad`): the loads overlap the
    reading of the rows.
    :func:`replace_graph` checks and publishes it; :meth:`discard` removes it.

    Parameters
    ----------
    replaces : path or None
        The import's file now in ``out/imports``, if it was imported before.
    """

    def __init__(self, out: Path, graph: str, replaces: Path | None):
        published = store_path(out).resolve()
        self.build_dir = new_build_dir(out)
        self.build_dir.rmdir()  # the copy makes it, and refuses a folder that exists
        self.iri, self.store, self.source, self._loading = NamedNode(graph_iri(graph)), None, None, None
        self._others, self._others_error = None, None
        try:
            self.source = Store.read_only(str(published))
            self.record = read_inputs(published)
            count = self.record.get("quads") if self.record else None
            count = len(self.source) if count is None else count
            # the count follows the change: counting a large store takes seconds
            self.old = _count(self.source, self.iri)
            self.count = count - self.old
            if _lines(replaces) > REMOVE_SHARE * self.count:
                # deleting many quads costs more than loading the rest anew, and leaves the copy slower to read;
                # the rest is loaded in a thread (Oxigraph holds no interpreter lock as it dumps and loads),
                # beside the resolver's start and the reading of the rows
                self.store = Store(str(self.build_dir))
                self._others = threading.Thread(target=self._copy_others, args=(self.source, self.store),
                                                name="copy of the other graphs", daemon=True)
                self._others.start()
            else:
                self.source.backup(str(self.build_dir))
                self.store = Store(str(self.build_dir))
                self.store.remove_graph(self.iri)
        except BaseException:
            self.discard()
            raise

    @property
    def fed(self) -> bool:
        """Whether :meth:`feed` has started a load."""
        return self._loading is not None

    def _copy_others(self, source: Store, store: Store) -> None:
        try:
            _copy_without(source, self.iri, store, self.build_dir)
        except BaseException as exc:  # raised by the wait for the loads
            self._others_error = exc

    def _join_others(self) -> None:
        """Wait for the other graphs' load, if any; raise its error."""
        if self._others is not None:
            self._others.join()
            self._others = None
            if self._others_error is not None:
                raise self._others_error

    def load(self, nquads: Path) -> None:
        """Load the file ``nquads`` (instead of :meth:`feed`)."""
        self.store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
        self._join_others()

    def feed(self) -> None:
        """Start the loads of what :meth:`write` is given, until :meth:`wait` (:class:`~.loading.PipedLoad`)."""
        self._loading = PipedLoad(self.store)

    def write(self, data: bytes) -> int:
        return self._loading.write(data)

    def flush(self) -> None:
        """Nothing: the quads go to the loaders as the pipes' buffers fill."""

    def wait(self) -> None:
        """Wait for the loads fed by :meth:`write` to end; raise their error."""
        loading, self._loading = self._loading, None
        try:
            loading.wait()
        finally:
            self._join_others()

    def reopen(self) -> None:
        """Close the copy, loaded, and open it again read-only, as it is checked and published.

        Files added by bulk loads to a database that holds others make RocksDB
        rewrite (compact) them in the background while it stays open for
        writing: at M, 4 s of CPU beside the check, and a store twice the
        size (uncompressed) for the same quads.
        """
        self.store.flush()
        self.store = None
        self.store = Store.read_only(str(self.build_dir))

    def discard(self) -> None:
        """Remove the copy (its load stopped)."""
        if self._loading is not None:
            self._loading.stop()
            self._loading = None
        if self._others is not None:  # a load cannot be interrupted: it ends within seconds
            self._others.join()
            self._others = None
        self.store = self.source = None
        shutil.rmtree(self.build_dir, ignore_errors=True)


def _count(store: Store, graph: NamedNode) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    return int(next(iter(rows))["n"].value)


def _copy_without(source: Store, graph: NamedNode, store: Store, path: Path) -> None:
    """Every graph of ``source`` but ``graph`` bulk-loaded, graph by graph, into ``store``, a new database at ``path``."""
    spool = path.with_name(path.name + ".nt")  # removed with the folder's leftovers if this process dies
    try:
        for name in [DefaultGraph(), *sorted(source.named_graphs(), key=str)]:
            if name == graph:
                continue
            # to a file by its name: Oxigraph writes it without the interpreter lock
            source.dump(str(spool), format=RdfFormat.N_TRIPLES, from_graph=name)
            store.bulk_load(path=str(spool), format=RdfFormat.N_TRIPLES, to_graph=name)
    finally:
        spool.unlink(missing_ok=True)


def _graph_nodes(store: Store, graph: NamedNode) -> tuple[set, set] | None:
    """The subjects of ``graph`` and those it types; None if it states ``rdfs:subClassOf``."""
    subjects, typed = set(), set()
    for quad in store.quads_for_pattern(None, None, None, graph):
        if quad.predicate == SUBCLASS_OF:
            return None
        subjects.add(quad.subject)
        if quad.predicate == RDF_TYPE:
            typed.add(quad.subject)
    return subjects, typed


def _touched(store: Store, graph: NamedNode, before: tuple[set, set] | None, shared: list[Quad]) -> set | None:
    """The nodes whose shapes replacing ``graph`` can change (see the module); None: every node."""
    after = _graph_nodes(store, graph)
    if before is None or after is None or any(q.predicate == SUBCLASS_OF for q in shared):
        return None
    focus = before[0] | after[0] | {q.subject for q in shared}
    for node in before[1] | after[1] | {q.subject for q in shared if q.predicate == RDF_TYPE}:
        focus.update(q.subject for q in store.quads_for_pattern(None, None, node))
    return focus


def _neighbourhood(store: Store, focus: set) -> Store:
    """An in-memory store with what the shapes read to judge ``focus``: their quads, their values' types, the classes."""
    quads, seen = [], set()
    for node in focus:
        for quad in store.quads_for_pattern(node, None, None):
            quads.append(quad)
            value = quad.object
            if isinstance(value, (NamedNode, BlankNode)) and value not in seen:
                seen.add(value)
                quads.extend(store.quads_for_pattern(value, RDF_TYPE, None))
    quads.extend(store.quads_for_pattern(None, SUBCLASS_OF, None))
    part = Store()
    part.extend(quads)
    return part


#: every node's classes, as a subquery: evaluated on its own and joined by hashing, one scan of the store's
#: types costs less than a lookup for each of the many quads of a large graph (on the M graph 0.2 s, not 0.4 s;
#: the same in :meth:`_Change.pointing`)
_TYPES = "{ SELECT ?s ?c WHERE { ?s a ?c } }"


class _Change:
    """The quads replacing a graph may change, and which constraints they reach (see the module).

    Parameters
    ----------
    sides : list of (Store, NamedNode)
        A store and the graph of it whose quads change: the copy with the new
        quads, and the published store with the old ones, if any.
    added : list of Quad
        The quads added to shared graphs, in ``store``.
    store : Store
        The copy.

    What is read of the stores is read when a constraint asks, once.
    """

    def __init__(self, sides: list, added: list[Quad], store: Store):
        self.sides, self.added, self.store = sides, added, store
        self.types = set()
        for side in sides:
            self.types.update(r["c"].value for r in self._select(
                side, "SELECT DISTINCT ?c WHERE { GRAPH $g { ?s a ?c } }"))
        self.types.update(q.object.value for q in added if q.predicate == RDF_TYPE)
        self._states = dict.fromkeys((q.predicate.value for q in added), True)
        # a class newly under another changes which nodes every constraint reads
        self.everything = self.states(SUBCLASS_OF.value)
        self._stated: dict[str, set] = {}
        self._pointing: dict[str, set] = {}

    @staticmethod
    def _select(side: tuple, query: str, **terms) -> list:
        """``query`` run on a side, its ``$g`` and ``$name`` replaced by the graph and ``terms``.

        Written into the text as N-Triples terms (which the store's parser
        has checked): Oxigraph does not look a substituted value up in its
        indexes, and these queries are lookups.
        """
        store, graph = side
        terms = {"g": graph, **terms}
        # in one pass: a term's own text is never read for names
        query = re.sub(r"\$(\w+)", lambda m: str(terms[m.group(1)]), query)
        return list(store.query(query, use_default_graph_as_union=True))

    def states(self, predicate: str) -> bool:
        """Whether the changed quads state ``predicate``.

        One lookup per side: listing every predicate of a large graph reads
        all its quads (at M 0.16 s), and the constraints ask about a few dozen.
        """
        if predicate not in self._states:
            self._states[predicate] = any(
                self._select(side, "SELECT ?s WHERE { GRAPH $g { ?s $p ?o } } LIMIT 1", p=NamedNode(predicate))
                for side in self.sides)
        return self._states[predicate]

    def _classes(self, node) -> set[str]:
        return {q.object.value for q in self.store.quads_for_pattern(node, RDF_TYPE, None)}

    def stated(self, predicate: str) -> set[str]:
        """The classes of the nodes the changed quads of ``predicate`` are about (where each quad is)."""
        if predicate not in self._stated:
            found = set()
            query = f"SELECT DISTINCT ?c WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH $g {{ ?s $p ?o }} }} }} {_TYPES} }}"
            for side in self.sides:
                found.update(r["c"].value for r in self._select(side, query, p=NamedNode(predicate)))
            for quad in self.added:
                if quad.predicate.value == predicate:
                    found |= self._classes(quad.subject)
            self._stated[predicate] = found
        return self._stated[predicate]

    def pointing(self, cls: str) -> set[tuple[str, str]]:
        """(predicate, class) of the nodes pointing at a node the change types ``cls`` (where the type is)."""
        if cls not in self._pointing:
            found = set()
            query = ("SELECT DISTINCT ?p ?f WHERE { { SELECT ?v WHERE { GRAPH $g { ?v a $c } } } ?x ?p ?v . "
                     "{ SELECT ?x ?f WHERE { ?x a ?f } } }")
            for side in self.sides:
                found.update((r["p"].value, r["f"].value) for r in self._select(side, query, c=NamedNode(cls)))
            for quad in self.added:
                if quad.predicate != RDF_TYPE or quad.object.value != cls:
                    continue
                if isinstance(quad.subject, NamedNode):
                    # one query, the types joined by hashing, not lookups per pointer: every row of a large
                    # import cites the source it registers (at M 37,620 citations: 1.6 s of CPU as lookups, 0.2 s)
                    query = "SELECT DISTINCT ?p ?f WHERE { ?x ?p $v . { SELECT ?x ?f WHERE { ?x a ?f } } }"
                    found.update((r["p"].value, r["f"].value)
                                 for r in self._select((self.store, None), query, v=quad.subject))
                    continue
                for pointer in self.store.quads_for_pattern(None, None, quad.subject):
                    found.update((pointer.predicate.value, c) for c in self._classes(pointer.subject))
            self._pointing[cls] = found
        return self._pointing[cls]

    def reaches(self, reads) -> bool:
        """Whether the change can alter what a constraint reading ``reads`` finds (a :class:`~.shacl.Reads`)."""
        if self.everything or self.types & reads.targets:
            return True
        if any(self.stated(p) & reads.targets for p in sorted(reads.paths) if self.states(p)):
            return True
        return any(p in reads.paths and f in reads.targets
                   for c in sorted(reads.classes & self.types) for p, f in self.pointing(c))
