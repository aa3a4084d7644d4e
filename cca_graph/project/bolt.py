"""Push the property-graph projection to a Bolt server (Neo4j or compatible).

Everything that comes from data travels as query parameters: the Cypher text
holds only labels and relationship types of the vocabulary, which are checked
against a fixed pattern before use. Writes are ``MERGE`` on ``iri``, so a push
is idempotent, and each batch is one transaction retried on transient errors.
A pass reads the store once, in a thread that works out the next batches
while the current one is written.

A push adds to a database only what is of its graph: one that holds other
nodes is refused (say ``wipe=True`` or name another database), and a server
that cannot be reached, or a URI that is not Bolt, is one line of error.
Into an empty database (a new one, or one the push wiped) a pass writes with
``CREATE``, which needs no look-up first; a retried batch uses ``MERGE``, so
a batch the server wrote before its answer was lost is not written twice.
"""
from __future__ import annotations

import contextlib
import pickle
import queue
import re
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain, groupby, islice
from operator import itemgetter
from pathlib import Path

from pyoxigraph import Store

from ..errors import CcaError
from ..safety import server_url
from .property_graph import ENTITY_LABEL, project

__all__ = ["PushResult", "push", "server_counts", "connect", "bolt_errors", "BOLT_SCHEMES"]

_NAME = re.compile(r"^[A-Z][A-Za-z_]*$")
_MIN_BATCH, _MAX_BATCH = 200, 20_000
# a batch should take about this long: long enough to amortise the round trip,
# short enough that a retry after a failure repeats little
_TARGET_SECONDS = 1.0


@dataclass
class PushResult:
    """What a push wrote, and what the server holds afterwards."""

    nodes: Counter
    relationships: Counter
    batch_size: int
    passes: int = 1
    expected_nodes: Counter = field(default_factory=Counter)
    expected_relationships: Counter = field(default_factory=Counter)

    @property
    def matches(self) -> bool:
        return self.nodes == self.expected_nodes and self.relationships == self.expected_relationships


def _safe(name: str) -> str:
    if not _NAME.match(name):
        raise CcaError(f"refusing to use {name!r} as a label or relationship type")
    return name


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def shown_uri(uri: str) -> str:
    """``uri`` as messages show it: a password written into it is masked.

    Examples
    --------
    >>> shown_uri("bolt://neo4j:secret@127.0.0.1:7687"), shown_uri("bolt://127.0.0.1:7687")
    ('bolt://neo4j:***@127.0.0.1:7687', 'bolt://127.0.0.1:7687')
    """
    parts = urllib.parse.urlsplit(uri)
    if parts.password is None:
        return uri
    return parts._replace(netloc=f"{parts.username}:***@{parts.netloc.rsplit('@', 1)[1]}").geturl()


def _check_uri(uri: str) -> None:
    """Refuse a URI that is not ``bolt://HOST[:PORT]`` (or ``neo4j://``, TLS variants).

    Examples
    --------
    >>> _check_uri("bolt://127.0.0.1:7687")
    >>> _check_uri("http://127.0.0.1:7474")
    Traceback (most recent call last):
    ...
    cca_graph.errors.CcaError: 'http://127.0.0.1:7474' is not a Bolt URI: Neo4j's HTTP port does not speak Bolt; give bolt://HOST:PORT (the Bolt port, 7687 by default)
    """
    fine, credentials = server_url(uri, BOLT_SCHEMES)
    if credentials:
        raise CcaError(f"{shown_uri(uri)!r} holds a user name or password: give the user with --user and the "
                       "password in an environment variable (--password-env), never in the URI")
    if fine:
        return
    http = urllib.parse.urlsplit(uri).scheme.lower() in ("http", "https")
    why = "Neo4j's HTTP port does not speak Bolt; " if http else ""
    raise CcaError(f"{shown_uri(uri)!r} is not a Bolt URI: {why}give bolt://HOST:PORT (the Bolt port, 7687 by default)")


@contextlib.contextmanager
def bolt_errors(uri: str) -> Iterator[None]:
    """Turn the driver's errors at ``uri`` into :class:`CcaError` of one line."""
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    uri = shown_uri(uri)  # never a password in a message

    try:
        yield
    except ServiceUnavailable as exc:
        raise CcaError(f"no Bolt server answers at {uri} (is it running, and is that its Bolt port?)") from exc
    except AuthError as exc:
        raise CcaError(f"the Bolt server at {uri} refused the user name or password") from exc
    except Neo4jError as exc:
        raise CcaError(f"the Bolt server at {uri} refused: {_first_line(exc.message or str(exc))}") from exc
    except (DriverError, OSError) as exc:
        raise CcaError(f"talking to the Bolt server at {uri} failed: {_first_line(str(exc))}") from exc


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no reason given"


def connect(uri: str, user: str | None = None, password: str | None = None):
    """A driver for ``uri``; no authentication when ``user`` is None.

    Raises
    ------
    CcaError
        When ``uri`` is not a Bolt URI.
    """
    from neo4j import GraphDatabase

    _check_uri(uri)
    auth = (user, password or "") if user else None
    # the catalogue's Cypher reads optional properties (until, endYear) that a graph may lack:
    # Neo4j's "property key does not exist" notices are no news to its readers
    with bolt_errors(uri):
        return GraphDatabase.driver(uri, auth=auth, max_transaction_retry_time=120.0,
                                    connection_acquisition_timeout=120.0, notifications_min_severity="OFF")


def _batches(rows: Iterable, size_of: Callable[[], int]) -> Iterator[list]:
    it = iter(rows)
    while batch := list(islice(it, size_of())):
        yield batch


class _Tuner:
    """Grows or shrinks the batch size so each batch takes about the target time."""

    def __init__(self, start: int):
        self.size = start
        self.sizes: list[int] = []

    def __call__(self) -> int:
        return self.size

    def observe(self, rows: int, seconds: float) -> None:
        self.sizes.append(rows)
        if rows < self.size:
            return
        if seconds < _TARGET_SECONDS / 2:
            self.size = min(_MAX_BATCH, self.size * 2)
        elif seconds > _TARGET_SECONDS * 2:
            self.size = max(_MIN_BATCH, self.size // 2)


def _write(session, queries: tuple[str, ...], rows: list) -> None:
    """Write ``rows`` with ``queries[0]``; a retry of the transaction runs the last of ``queries``.

    A retry may follow a batch the server did write (its answer was lost), so
    the last query must be one that leaves a batch written already as it is.
    """
    attempts = iter(queries)

    def work(tx) -> None:
        tx.run(next(attempts, queries[-1]), rows=rows).consume()

    session.execute_write(work)


def _node_queries(label: str, fresh: bool) -> tuple[str, ...]:
    """The writes of a node batch (rows are the nodes' properties): ``MERGE`` on ``iri``, or into an empty database a plain ``CREATE`` first."""
    merge = f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL} {{iri: row.iri}}) SET n = row, n:{_safe(label)}"
    if not fresh:
        return (merge,)
    return f"UNWIND $rows AS row CREATE (n:{ENTITY_LABEL}:{_safe(label)}) SET n = row", merge


#: the properties a relationship between records shares with the node it starts at
_PROVENANCE = ("sources", "source_ids")
#: the properties of a relationship whose row is [start, end, iri]: its start's provenance, read by the server
_SHARED = "{iri: row[2], " + ", ".join(f"{name}: a.{name}" for name in _PROVENANCE) + "}"


def _relationship_queries(rel_type: str, shared: bool, fresh: bool) -> tuple[str, ...]:
    """The writes of a relationship batch: ``MERGE`` on type and ``iri``, or into an empty database ``CREATE`` first.

    A row is ``[start, end, properties]``, or with ``shared`` ``[start, end, iri]``:
    the relationship's other properties are those of :data:`_PROVENANCE` of
    its start, which the server copies rather than receives again.
    """
    ends = (f"UNWIND $rows AS row "
            f"MATCH (a:{ENTITY_LABEL} {{iri: row[0]}}) MATCH (b:{ENTITY_LABEL} {{iri: row[1]}}) ")
    props, iri = (_SHARED, "row[2]") if shared else ("row[2]", "row[2].iri")
    merge = ends + f"MERGE (a)-[r:{_safe(rel_type)} {{iri: {iri}}}]->(b) SET r = {props}"
    if not fresh:
        return (merge,)
    return ends + f"CREATE (a)-[r:{_safe(rel_type)}]->(b) SET r = {props}", merge


def _relationship_row(rel, shared: dict) -> tuple[str, bool, list]:
    """The type of ``rel``, whether it carries just its ``iri`` and the provenance ``shared`` of its start, its row."""
    if rel.properties == {"iri": rel.properties.get("iri"), **shared}:
        return rel.type, True, [rel.start, rel.end, rel.properties["iri"]]
    return rel.type, False, [rel.start, rel.end, rel.properties]


class _Sent:
    """:meth:`records` and :meth:`memberships` of a projection as the rows a push sends.

    Plain tuples, lists and dicts: a process that projects hands them over
    pickled, and they unpickle several times faster than nodes and relationships.
    """

    def __init__(self, graph):
        self._graph = graph

    def records(self) -> Iterator[tuple[str, dict, list[tuple[str, bool, list]]]]:
        """(label, node properties, [(type, shared, row) of each relationship that starts at the node])."""
        for node, links in self._graph.records():
            shared = {name: node.properties[name] for name in _PROVENANCE if name in node.properties}
            yield node.labels[-1], node.properties, [_relationship_row(rel, shared) for rel in links]

    def memberships(self) -> Iterator[tuple[str, bool, list]]:
        for rel in self._graph.memberships():
            yield rel.type, False, [rel.start, rel.end, rel.properties]


def server_counts(session) -> tuple[Counter, Counter]:
    """Nodes per label and relationships per type, as the server counts them."""
    nodes = Counter({r["label"]: r["n"] for r in session.run(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")})
    rels = Counter({r["type"]: r["n"] for r in session.run(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")})
    return nodes, rels


def _rows(graph: _Sent, tuner: _Tuner, nodes: Counter, rels: Counter,
          fresh: bool) -> Iterator[tuple[tuple[str, ...], list]]:
    """The batches of one pass as (queries, rows), counting what they hold into ``nodes`` and ``rels``.

    Every node goes before the first relationship (a relationship needs both
    ends in place). One read of the store gives a node and the relationships
    that start at it; those wait in a temporary file, not in memory.
    """
    with tempfile.TemporaryFile() as aside:
        def node_rows(group):
            for _, props, links in group:
                if links:
                    pickle.dump(links, aside, pickle.HIGHEST_PROTOCOL)
                yield props

        # nodes come grouped by label already
        for label, group in groupby(graph.records(), key=itemgetter(0)):
            for batch in _batches(node_rows(group), tuner):
                nodes[ENTITY_LABEL] += len(batch)
                nodes[label] += len(batch)
                yield _node_queries(label, fresh), batch
        aside.seek(0)
        # relationships come in entity order with their types mixed: one buffer
        # per type (and form of row), sent when full, so memory stays at a batch per type
        buffers: dict[tuple[str, bool], list[list]] = {}
        for rel_type, shared, row in chain(chain.from_iterable(_unpickled(aside)), graph.memberships()):
            rels[rel_type] += 1
            buffer = buffers.setdefault((rel_type, shared), [])
            buffer.append(row)
            if len(buffer) >= tuner.size:
                yield _relationship_queries(rel_type, shared, fresh), buffer
                buffers[rel_type, shared] = []
        for rel_type, shared in sorted(buffers):
            if buffers[rel_type, shared]:
                yield _relationship_queries(rel_type, shared, fresh), buffers[rel_type, shared]


def _unpickled(fh) -> Iterator:
    while True:
        try:
            yield pickle.load(fh)
        except EOFError:
            return


def _ahead(items: Generator, depth: int = 2) -> Iterator:
    """The items of ``items``, worked out in a thread up to ``depth`` ahead of the caller.

    Reading the store and writing to the server then overlap. An error of the
    thread is raised here; when the caller stops early, the thread closes
    ``items`` after the item it is on, and ends.
    """
    handoff: queue.Queue = queue.Queue(depth)
    stop = threading.Event()

    def hand(message: tuple) -> bool:
        while not stop.is_set():
            try:
                handoff.put(message, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            with closing(items):
                for item in items:
                    if not hand(("item", item)):
                        return
            hand(("end", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
            hand(("error", exc))

    thread = threading.Thread(target=work, name="cca-push-rows", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = handoff.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        thread.join()


#: records a projection process hands over at a time
_CHUNK = 500


def _project_records(path: str, handoff) -> None:
    """In a process of its own: the records, then the memberships, of the store at ``path``, in chunks."""
    try:
        graph = _Sent(project(Store.read_only(path)))
        for kind, items in (("record", graph.records()), ("membership", graph.memberships())):
            for chunk in _batches(items, lambda: _CHUNK):
                handoff.put((kind, chunk))
        handoff.put(("end", None))
    except BaseException as exc:  # noqa: BLE001 - said to the pushing process, which raises it
        handoff.put(("error", f"{exc.__class__.__name__}: {exc}"))


class _ProjectedApart:
    """:class:`_Sent` of the store at ``path``, worked out by a process of its own.

    Reading the store and projecting it hold the interpreter; in another
    process they run beside the driver instead of taking turns with it.
    """

    def __init__(self, path: str):
        import multiprocessing

        # spawn, not fork: this process holds the store's and the driver's threads
        context = multiprocessing.get_context("spawn")
        self._handoff = context.Queue(8)
        self._process = context.Process(target=_project_records, args=(path, self._handoff), name="cca-push-projection",
                                        daemon=True)
        self._process.start()
        self._pending = None

    def _next(self) -> tuple:
        while True:
            try:
                return self._handoff.get(timeout=1.0)
            except queue.Empty:
                if not self._process.is_alive():
                    raise CcaError(f"the process projecting the store ended early "
                                   f"(exit code {self._process.exitcode})") from None

    def _take(self, kind: str) -> Iterator:
        while True:
            if self._pending is None:
                self._pending = self._next()
            got, chunk = self._pending
            if got == "error":
                raise CcaError(f"projecting the store failed: {chunk}")
            if got != kind:
                return
            self._pending = None
            yield from chunk

    def records(self) -> Iterator:
        return self._take("record")

    def memberships(self) -> Iterator:
        return self._take("membership")

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._handoff.close()


@contextlib.contextmanager
def _projection(store: Store, path: Path | str | None):
    """The projection of ``store``: from a process of its own when its folder ``path`` is known and one can start."""
    from ..graph.workers import spawn_safe

    if path is None or not spawn_safe():
        yield _Sent(project(store))
        return
    apart = _ProjectedApart(str(path))
    try:
        yield apart
    finally:
        apart.close()


def _push_once(session, graph, tuner: _Tuner, bar) -> tuple[Counter, Counter]:
    """One pass over the projection ``graph``; returns the nodes per label and relationships per type it sent."""
    nodes, rels = Counter(), Counter()
    # into an empty database nothing can match: CREATE spares the server the look-up of MERGE
    fresh = session.run("MATCH (n) RETURN count(n) AS n").single()["n"] == 0
    # the next batches are worked out while this one is written; they are
    # written in order, so every node is in before the first relationship
    with closing(_ahead(_rows(graph, tuner, nodes, rels, fresh))) as batches:
        for queries, batch in batches:
            start = time.perf_counter()
            _write(session, queries, batch)
            tuner.observe(len(batch), time.perf_counter() - start)
            bar.update(len(batch))
    return nodes, rels


def push(store: Store, uri: str, *, user: str | None = None, password: str | None = None,
         database: str | None = None, wipe: bool = False, batch_size: int = 1000,
         progress: bool = False, max_passes: int = 3, store_path: Path | str | None = None) -> PushResult:
    """Push the projection of ``store`` to the Bolt server at ``uri``.

    Uniqueness of ``iri`` is enforced first; then nodes and relationships go in
    batches of ``UNWIND $rows … MERGE``. At the end the server's counts are
    compared with the projection's; if they differ (the server lost data, say
    it was restarted mid-push) the push runs again, up to ``max_passes``.

    Parameters
    ----------
    store_path : path, optional
        The folder of ``store`` on disk (:func:`cca_graph.graph.store.store_path`):
        given, a process of its own reads and projects it (opened read-only)
        while this one writes, which on two cores or more is faster.

    Raises
    ------
    CcaError
        When the server cannot be reached, holds nodes that are not of this
        graph (and ``wipe`` is false), or still disagrees after ``max_passes``.
    """
    from tqdm import tqdm

    if max_passes < 1:
        raise ValueError("max_passes must be at least 1")
    tuner = _Tuner(max(_MIN_BATCH, min(batch_size, _MAX_BATCH)))
    with contextlib.ExitStack() as first_pass:
        # the first pass's projection starts before anything else: its process
        # starts and projects while the driver connects, wipes and makes the constraint
        first = first_pass.enter_context(_projection(store, store_path))
        driver = connect(uri, user, password)
        try:
            with bolt_errors(uri), driver.session(database=database) as session:
                if wipe:
                    _wipe(session)
                else:
                    _refuse_foreign(session, uri, database, _foreign_nodes(session))
                    _refuse_foreign(session, uri, database, _nodes_of_another_graph(session, store))
                # the first pass counts what the projection holds (the total is
                # unknown until then), so the store is read once per pass
                expected_nodes = expected_rels = total = None
                for passes in range(1, max_passes + 1):
                    _constraints(session)
                    with contextlib.ExitStack() as later_pass, \
                            tqdm(total=total, desc=f"pushing to {uri}", unit=" rows", disable=not progress or None, leave=False) as bar:
                        graph = first if passes == 1 else later_pass.enter_context(_projection(store, store_path))
                        sent_nodes, sent_rels = _push_once(session, graph, tuner, bar)
                    if passes == 1:
                        first_pass.close()
                    if expected_nodes is None:
                        expected_nodes, expected_rels = sent_nodes, sent_rels
                        total = sent_nodes[ENTITY_LABEL] + sum(sent_rels.values())
                    nodes, rels = server_counts(session)
                    result = PushResult(nodes, rels, tuner.size, passes, expected_nodes, expected_rels)
                    if result.matches:
                        return result
                    # MERGE makes no more than the projection holds: more is what an earlier push left
                    _refuse_foreign(session, uri, database, nodes[ENTITY_LABEL] - expected_nodes[ENTITY_LABEL])
        finally:
            driver.close()
    raise CcaError(f"after {max_passes} passes the server holds {dict(result.nodes)} nodes and "
                   f"{dict(result.relationships)} relationships; expected {dict(expected_nodes)} and {dict(expected_rels)}")


def _foreign_nodes(session) -> int:
    """Nodes of the database that no push made (they lack the entity label)."""
    return session.run(f"MATCH (n) WHERE NOT n:{ENTITY_LABEL} RETURN count(n) AS n").single()["n"]


def _nodes_of_another_graph(session, store: Store) -> int:
    """Nodes an earlier push of another graph left: of the entity label, with an IRI this graph has no node of.

    Asked before anything is written, and only of a database that holds
    nodes of the entity label, so a push into an empty or wiped database
    reads nothing more.
    """
    if session.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n.iri AS iri LIMIT 1").single() is None:
        return 0
    ours = project(store).entity_iris()
    return sum(1 for record in session.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n.iri AS iri") if record["iri"] not in ours)


def _refuse_foreign(session, uri: str, database: str | None, count: int) -> None:
    if count > 0:
        where = f"database {database!r}" if database else "default database"
        raise CcaError(f"the {where} at {uri} holds {count} node{'s' if count != 1 else ''} that "
                       f"{'are' if count != 1 else 'is'} not from this graph; push with --wipe to replace "
                       "everything in it, or to another --database")


def _constraints(session) -> None:
    session.run(f"CREATE CONSTRAINT cca_entity_iri IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.iri IS UNIQUE").consume()


def _wipe(session) -> None:
    """Delete everything, in slices small enough for any server's memory."""
    while True:
        deleted = session.execute_write(
            lambda tx: tx.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").single()["n"])
        if deleted == 0:
            return

