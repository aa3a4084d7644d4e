"""A SPARQL 1.1 store over HTTP: push the graph by the Graph Store Protocol, ask it questions.

:func:`push` writes every named graph of the built store to a store's Graph
Store Protocol endpoint (Fuseki, Oxigraph server, GraphDB, Virtuoso…) with an
the Graph Store Protocol, and publishes them all at once: each graph is
written aside, under a graph name of its own (``PUT`` of its first batch of
``batch_size`` triples, ``POST`` of the rest, read from the store once), the
store's counts of what it took are checked, and then one SPARQL Update
request puts every graph written aside in its place (``DROP`` the old graph,
``INSERT`` the new one's triples there, ``DROP`` the one aside), which the
store runs as one transaction. A
second push replaces each graph rather than adding to it, and a push that a
store refuses half-way (a body too large for a proxy, a graph it may not
write) leaves every graph as it was and removes what it wrote aside. A
graph is dropped rather than cleared: Jena 5.6 keeps a removed
``"37"^^xsd:decimal`` on a ``PUT`` or ``CLEAR``, not on a ``DROP``.
A request's body is held whole and sent with a ``Content-Length``, which some
servers and proxies require.

A push adds to a store only what is of its graph, as the Bolt push does:
when the store holds graphs of the project's namespace that the built store
does not have (an import since removed), the push is refused before anything
is written, naming them, unless ``wipe`` drops everything first. At the end
the store is asked how many triples each graph holds, and a difference is an
error.

:func:`select` asks a question by the SPARQL protocol (``POST``, results as
JSON), and :func:`lookup_store` fetches what reads a country or government as
people type it, so a catalogue question asked at an endpoint takes the same
parameters as on the local store. Parameters are bound as the embedded
store binds them (:func:`cca_graph.graph.sparql.bind`: a ``VALUES`` block of
terms written by the RDF library), never pasted into the text.

A store that refuses is one line of error naming the endpoint, the HTTP
status and the first lines of the store's reply, and for a refused login
(HTTP 401, or 403 to a user) where the password goes (the environment
variable the command line read it from, :func:`password_from`); a password
is never shown. Every request carries HTTP Basic authentication when a user is given.
"""
from __future__ import annotations

import base64
import http.client
import json
import secrets
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice

import pandas as pd
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    RdfFormat,
    Store,
    parse,
    serialize,
)

from ..errors import CcaError, QueryError
from ..ingest.model import GRAPH
from ..namespace import ID, PREFIXES
from ..safety import server_url
from .bolt import shown_uri

__all__ = ["Endpoints", "SparqlPushResult", "endpoints", "push", "select", "graph_counts", "lookup_store",
           "check_url", "password_from"]

#: triples per request when a push is not told otherwise
BATCH_SIZE = 100_000
# triples serialised at a time inside a request: one write to the socket each
_BLOCK = 2_000
_TIMEOUT = 600.0
_N_TRIPLES = "application/n-triples"
_RESULTS_JSON = "application/sparql-results+json"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_REPLY_LINES = 5
# graphs named in a message before "and N more"
_NAMED = 10
# the graph of a trial write before --wipe: the project's, outside the namespace of its data graphs
_PROBE = "https://w3id.org/cca-graph/push-trial"
_TOO_LARGE = ("; the store, or a proxy in front of it, takes smaller request bodies: push with a smaller "
              "--batch-size (triples a request; 5,000 make about 0.8 MB of N-Triples)")
# graphs written aside before a push publishes them: the project's, outside the namespace of its data graphs
_ASIDE = "https://w3id.org/cca-graph/push-aside/"
_BASE_HINT = ("; --sparql takes the dataset's base URL (e.g. http://127.0.0.1:3030/cca), not its /query or "
              "/data endpoint")


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL store takes each kind of request."""

    gsp: str
    query: str
    update: str


def endpoints(url: str, *, gsp_url: str | None = None, query_url: str | None = None,
              update_url: str | None = None) -> Endpoints:
    """The endpoints of the dataset at ``url``, as Fuseki lays them out unless told otherwise.

    Examples
    --------
    >>> endpoints("http://127.0.0.1:3030/cca/")
    Endpoints(gsp='http://127.0.0.1:3030/cca/data', query='http://127.0.0.1:3030/cca/query', update='http://127.0.0.1:3030/cca/update')
    >>> endpoints("http://127.0.0.1:7878", gsp_url="http://127.0.0.1:7878/store").gsp
    'http://127.0.0.1:7878/store'
    >>> endpoints("ftp://example.org/cca")
    Traceback (most recent call last):
    ...
    cca_graph.errors.CcaError: 'ftp://example.org/cca' is not an http:// or https:// URL
    """
    base = url.rstrip("/")
    found = Endpoints(gsp_url or f"{base}/data", query_url or f"{base}/query", update_url or f"{base}/update")
    for each in (url, *vars(found).values()):
        check_url(each)
    return found


def check_url(url: str) -> None:
    """Refuse ``url`` unless it is http(s)://HOST… with no user name or password in it."""
    fine, credentials = server_url(url, ("http", "https"))
    if not fine:
        raise CcaError(f"{shown_uri(url)!r} is not an http:// or https:// URL")
    if credentials:
        raise CcaError(f"{shown_uri(url)!r} holds a user name or password: give the user with --user and the "
                       "password in an environment variable (--password-env), never in the URL")


# -- HTTP ----------------------------------------------------------------------------

def _headers(user: str | None, password: str | None, **more: str) -> dict[str, str]:
    headers = {"User-Agent": "cca-graph", **more}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return headers


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str], what: str,
             endpoint: str | None = None, *, missing_ok: bool = False, hint: str = "") -> bytes:
    """Send one request; return the reply's body, or raise :class:`CcaError` naming the endpoint and the status.

    ``what`` says what the request was for and ``endpoint`` (default: ``url``)
    where it went, in messages. With ``missing_ok`` an HTTP 404 is an answer
    (a graph to delete that is not there); otherwise ``hint`` ends the message
    of a 404.
    """
    parts = urllib.parse.urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=_TIMEOUT)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    shown = shown_uri(endpoint or url)
    try:
        try:
            connection.request(method, target, body=body, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # a store may answer and close before it has read the body: its answer says why
        try:
            response = connection.getresponse()
            reply = response.read()
        except (http.client.HTTPException, OSError) as exc:
            raise CcaError(f"the SPARQL store at {shown} broke off during {what}: {exc or exc.__class__.__name__}") from exc
    except ConnectionRefusedError as exc:
        raise CcaError(f"no SPARQL store answers at {shown} (is it running, and is that its address?)") from exc
    except CcaError:
        raise
    except OSError as exc:
        raise CcaError(f"talking to the SPARQL store at {shown} failed during {what}: {exc}") from exc
    finally:
        connection.close()
    if response.status == 404 and missing_ok:
        return reply
    if response.status >= 300:
        raise CcaError(f"the SPARQL store at {shown} refused {what}: HTTP {response.status} {response.reason}"
                       + _reply_excerpt(reply) + (hint if response.status == 404 else "")
                       + (_TOO_LARGE if response.status == 413 and body else "")
                       + _login_hint(response.status, "Authorization" in headers))
    return reply


def _login_hint(status: int, sent: bool) -> str:
    """What to do about a refused login (HTTP 401, or 403 to a user), as a message ends.

    Names where the password comes from when :func:`password_from` said so.
    """
    where = _PASSWORD_FROM.get()
    if status == 401 and not sent:
        if where is None:
            return "; the store asks for a login: give a user and its password"
        return f"; the store asks for a login: give the user with --user (or user in cca-graph.toml) and its password in {where}"
    if status == 401:
        return "; the store did not take the user and password given" + (f": check the password in {where}" if where else "")
    if status == 403 and sent:
        return ("; the store does not let the user given do this"
                + (f": give another with --user and its password in {where}" if where else ""))
    # a 403 to nobody is a store that refuses everyone (read-only): its reply says why
    return ""


#: where the password of the requests comes from, as a refused login names it (None: not said)
_PASSWORD_FROM: ContextVar[str | None] = ContextVar("password_from", default=None)


@contextmanager
def password_from(where: str) -> Iterator[None]:
    """Within the block, a refused login names ``where`` as the place of the password.

    The command line reads a password from an environment variable that a flag,
    a store of cca-graph.toml or a default names, and says which
    (``"the environment variable LAB_PW (store lab's password_env)"``); a
    library call gives the password itself, and a refused login names no
    variable.
    """
    token = _PASSWORD_FROM.set(where)
    try:
        yield
    finally:
        _PASSWORD_FROM.reset(token)


def _reply_excerpt(reply: bytes) -> str:
    """The first lines of a store's reply, as a message shows them."""
    lines = [line.strip() for line in reply.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return ""
    shown = lines[:_REPLY_LINES] + (["…"] if len(lines) > _REPLY_LINES else [])
    return "; the store says: " + " | ".join(line[:200] for line in shown)


# -- push ----------------------------------------------------------------------------

@dataclass
class SparqlPushResult:
    """What a push sent, per graph (``""`` for the default graph), and what the store then counts."""

    sent: Counter
    stored: Counter
    requests: int
    batch_size: int

    @property
    def matches(self) -> bool:
        return all(self.stored[g] == n for g, n in self.sent.items() if g)


def _graph_param(graph) -> str:
    return "default" if isinstance(graph, DefaultGraph) else "graph=" + urllib.parse.quote(graph.value, safe="")


def _graph_url(gsp: str, graph) -> str:
    return gsp + ("&" if "?" in gsp else "?") + _graph_param(graph)


def _graphs(store: Store) -> Iterator:
    """The named graphs of ``store`` in IRI order, and the default graph first when it holds triples."""
    if next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None:
        yield DefaultGraph()
    yield from sorted(store.named_graphs(), key=lambda g: (not isinstance(g, NamedNode), g.value))


class _GraphBodies:
    """The triples of one graph as N-Triples request bodies of ``size`` triples, read from the store once.

    A blank node's label holds only inside one document, so from the first
    blank node on, the rest of the graph goes in the body being written: the
    requests before it held none, so every blank node is in that one document.
    """

    def __init__(self, quads: Iterator, size: int, count: Counter, key: str, bar):
        self._quads = quads
        self._size: int | None = size
        self._count, self._key, self._bar = count, key, bar
        self._next = next(quads, None)

    @property
    def more(self) -> bool:
        return self._next is not None

    def body(self) -> Iterator[bytes]:
        """The next request's body, a block of triples at a time, counted as they go."""
        left = self._size
        while self._next is not None and (left is None or left > 0):
            take = _BLOCK if left is None else min(_BLOCK, left)
            block = [self._next.triple, *(q.triple for q in islice(self._quads, take - 1))]
            self._next = next(self._quads, None)
            data = serialize(block, format=RdfFormat.N_TRIPLES)
            # the bytes rule most blocks out at once; a literal holding "_:" is looked at term by term
            if self._size is not None and b"_:" in data and any(
                    isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in block):
                self._size = left = None
            if left is not None:
                left -= len(block)
            self._count[self._key] += len(block)
            self._bar.update(len(block))
            yield data


def _push_graph(store: Store, graph, target, gsp: str, headers: dict, batch_size: int, sent: Counter,
                bar, written: list[str]) -> int:
    """Write one graph of ``store`` to the graph ``target``: ``PUT`` its first batch, ``POST`` the rest.

    Return the requests made; ``target`` joins ``written`` once the store has taken its first.
    """
    key = "" if isinstance(graph, DefaultGraph) else graph.value
    url, name = _graph_url(gsp, target), "the default graph" if not key else f"graph <{key}>"
    sent[key] += 0
    bodies = _GraphBodies(iter(store.quads_for_pattern(None, None, None, graph)), batch_size, sent, key, bar)
    requests = 0
    # an empty graph still gets its PUT, which makes the graph at the store
    while requests == 0 or bodies.more:
        method = "PUT" if requests == 0 else "POST"
        # one batch at a time in memory, sent whole: a server or proxy may refuse a body without a length
        _request(method, url, b"".join(bodies.body()), {**headers, "Content-Type": _N_TRIPLES},
                 f"the {method} of {name}", endpoint=gsp, hint=_BASE_HINT)
        if not requests:
            written.append(getattr(target, "value", ""))
        requests += 1
    return requests


def _publish_update(aside: Mapping[str, NamedNode], sent: Counter) -> str:
    """The one update that puts every graph written aside in its place.

    A graph is dropped first, as a ``DELETE`` of it would (Jena 5.6 keeps a
    decimal through ``CLEAR``, not through ``DROP``), then the triples aside
    are inserted there and their graph dropped. ``MOVE`` would say it in one
    step, but Jena 5.6 lost a triple of a graph moved onto one that held it
    (``"引用"@zh`` of the vocabulary, on a second push of the bundled graph);
    ``INSERT … WHERE`` keeps every triple, blank nodes as the same nodes.
    A graph the push sent no triple of is dropped only.
    """
    steps = []
    for key, staged in aside.items():
        place = "DEFAULT" if not key else f"GRAPH <{key}>"
        steps.append(f"DROP SILENT {place}")
        if sent[key]:
            inside = "?s ?p ?o" if not key else f"GRAPH <{key}> {{ ?s ?p ?o }}"
            steps.append(f"INSERT {{ {inside} }} WHERE {{ GRAPH <{staged.value}> {{ ?s ?p ?o }} }}")
            steps.append(f"DROP GRAPH <{staged.value}>")
    return " ;\n".join(steps)


def _remove_aside(names: Iterable[str], where: Endpoints, headers: dict) -> str:
    """Delete graphs written aside; say in a clause of a message what could not be deleted."""
    left = []
    for name in names:
        try:
            _request("DELETE", _graph_url(where.gsp, NamedNode(name)), None, headers, f"the DELETE of <{name}>",
                     endpoint=where.gsp, missing_ok=True)
        except CcaError:
            left.append(name)
    if not left:
        return ""
    return (f"; {len(left)} graph{'s' if len(left) != 1 else ''} written aside could not be removed and the next "
            f"push removes {'them' if len(left) != 1 else 'it'}: {_listed(left)}")


def graph_counts(query_url: str, *, user: str | None = None, password: str | None = None,
                 graphs: Iterable[NamedNode] | None = None) -> Counter:
    """Triples per named graph (of ``graphs`` only, when given), as the store at ``query_url`` counts them."""
    listed = "" if graphs is None else "VALUES ?g { " + " ".join(f"<{g.value}>" for g in graphs) + " } "
    df = select(query_url, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {listed}GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
                user=user, password=password)
    return Counter({g: int(n) for g, n in zip(df["g"], df["n"])})


def _graph_names(query_url: str, headers: dict) -> list[str]:
    """The named graphs of the store at ``query_url``, in IRI order."""
    body = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"}).encode()
    reply = _request("POST", query_url, body, {**headers, "Content-Type": "application/x-www-form-urlencoded",
                                               "Accept": _RESULTS_JSON}, "the query for its graphs", hint=_BASE_HINT)
    try:
        return sorted(b["g"]["value"] for b in json.loads(reply)["results"]["bindings"] if "g" in b)
    except (ValueError, KeyError, TypeError) as exc:
        raise CcaError(f"the SPARQL endpoint at {shown_uri(query_url)} answered the query for its graphs with "
                       f"no SPARQL JSON result: {exc}") from exc


def _listed(names: list[str]) -> str:
    shown = ", ".join(f"<{n}>" for n in names[:_NAMED])
    return shown + (f" and {len(names) - _NAMED} more" if len(names) > _NAMED else "")


def _refuse_stale(store: Store, url: str, where: Endpoints, headers: dict) -> list[str]:
    """Refuse a push onto a store holding graphs of this project that ``store`` does not have.

    Return the named graphs the store holds.
    """
    ours = {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}
    held = _graph_names(where.query, headers)
    stale = [g for g in held if g.startswith(GRAPH) and g not in ours]
    if stale:
        many = len(stale) != 1
        raise CcaError(f"the SPARQL store at {shown_uri(url)} holds {len(stale)} graph{'s' if many else ''} of "
                       f"cca-graph that this graph does not have, which questions asked there would count: "
                       f"{_listed(stale)}; nothing was written. Push with --wipe to replace everything in the "
                       f"store, or delete {'those graphs' if many else 'that graph'} first (an HTTP DELETE of "
                       f"{shown_uri(where.gsp)}?graph=IRI)")
    return held


def _try_before_wipe(where: Endpoints, headers: dict) -> None:
    """Make sure the store answers questions and takes writes before ``DROP ALL`` empties it.

    A store that refuses the push's writes (a read-only Graph Store endpoint,
    a user who may read but not write) would otherwise be emptied and then
    the push fail. The trial is an empty ``PUT`` and a ``DELETE`` of a graph
    of the project's own, which leave nothing behind.
    """
    probe = _graph_url(where.gsp, NamedNode(_PROBE))
    try:
        _graph_names(where.query, headers)
        _request("PUT", probe, b"", {**headers, "Content-Type": _N_TRIPLES}, "a trial write (an empty PUT)",
                 endpoint=where.gsp, hint=_BASE_HINT)
        _request("DELETE", probe, None, headers, "a trial DELETE", endpoint=where.gsp, missing_ok=True,
                 hint=_BASE_HINT)
    except CcaError as exc:
        raise CcaError(f"{exc}; nothing was written: --wipe empties the store only once it has taken a trial "
                       "write") from exc


def _count_mismatch(result: SparqlPushResult, url: str, query_url: str) -> str:
    wrong = [f"graph <{g}>: the store has {n} triples, the server {result.stored[g]}"
             for g, n in sorted(result.sent.items()) if g and result.stored[g] != n]
    return (f"the SPARQL store at {shown_uri(url)} holds other numbers of triples than were sent, as "
            f"{shown_uri(query_url)} counts them: " + "; ".join(wrong))


def push(store: Store, url: str, *, gsp_url: str | None = None, query_url: str | None = None,
         update_url: str | None = None, user: str | None = None, password: str | None = None,
         wipe: bool = False, batch_size: int = BATCH_SIZE, progress: bool = False) -> SparqlPushResult:
    """Write every graph of ``store`` to the SPARQL store whose dataset is at ``url``.

    Parameters
    ----------
    url : str
        The dataset's base (``http://127.0.0.1:3030/cca``); its Graph Store
        Protocol, query and update endpoints are ``/data``, ``/query`` and
        ``/update`` under it unless ``gsp_url``, ``query_url``, ``update_url`` say otherwise.
    user, password : str, optional
        Sent as HTTP Basic authentication; none when ``user`` is None.
    wipe : bool
        First drop everything the store holds (``DROP ALL`` at the update endpoint),
        graphs this store does not have included, once the store has answered a
        question and taken a trial write (an empty ``PUT`` and a ``DELETE``).
        Without it, a store holding graphs of the project's namespace that
        ``store`` lacks is refused.
    batch_size : int
        Triples per request; from a graph's first blank node on, the rest of it goes in one request.
        After ``wipe`` the graphs are written in their places at once, not aside: the store held
        nothing to keep.

    Raises
    ------
    CcaError
        When the store cannot be reached or refuses a request, holds graphs of
        the project that ``store`` does not have (and ``wipe`` is false), or
        counts other numbers of triples per graph than were sent. Up to the
        update that publishes them the graphs go aside, so without ``wipe`` a
        failure leaves every graph at the store as it was, and the message
        says so; after a ``wipe`` it says that the store was emptied (a store
        that refuses the trial write before it is left as it was).
    """
    from tqdm import tqdm

    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    where = endpoints(url, gsp_url=gsp_url, query_url=query_url, update_url=update_url)
    headers = _headers(user, password)
    if wipe:
        _try_before_wipe(where, headers)
        _request("POST", where.update, urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                 {**headers, "Content-Type": "application/x-www-form-urlencoded"}, "the update DROP ALL",
                 hint=_BASE_HINT)
    else:
        held = _refuse_stale(store, url, where, headers)
        # what a push that was killed wrote aside
        _remove_aside([g for g in held if g.startswith(_ASIDE)], where, headers)
    graphs = list(_graphs(store))
    token = secrets.token_hex(8)
    # after --wipe the store holds nothing to keep: each graph goes to its place at once
    aside = {("" if isinstance(g, DefaultGraph) else g.value): g if wipe else NamedNode(f"{_ASIDE}{token}/{n}")
             for n, g in enumerate(graphs)}
    sent, requests, written = Counter(), 0, []
    try:
        with tqdm(total=len(store), desc=f"pushing to {shown_uri(url)}", unit=" triples",
                  disable=not progress or None, leave=False) as bar:
            for graph, staged in zip(graphs, aside.values()):
                requests += _push_graph(store, graph, staged, where.gsp, headers, batch_size, sent, bar, written)
        if wipe:
            result = SparqlPushResult(sent, graph_counts(where.query, user=user, password=password), requests,
                                      batch_size)
            if not result.matches:
                raise CcaError(_count_mismatch(result, url, where.query))
            return result
        taken = graph_counts(where.query, user=user, password=password, graphs=aside.values())
        wrong = [f"{'the default graph' if not key else f'graph <{key}>'}: the store has {sent[key]} triples, the "
                 f"server took {taken[staged.value]}" for key, staged in aside.items() if taken[staged.value] != sent[key]]
        if wrong:
            raise CcaError(f"the SPARQL store at {shown_uri(url)} took other numbers of triples than were sent, as "
                           f"{shown_uri(where.query)} counts them: " + "; ".join(wrong))
        _request("POST", where.update, urllib.parse.urlencode({"update": _publish_update(aside, sent)}).encode(),
                 {**headers, "Content-Type": "application/x-www-form-urlencoded"},
                 "the update that puts the graphs written aside in their places", hint=_BASE_HINT)
    except CcaError as exc:
        if wipe:
            raise CcaError(f"{exc}. --wipe had emptied the store first (DROP ALL at {shown_uri(where.update)}), so "
                           "it now holds part of this graph at most: push again with --wipe once that is put "
                           "right") from exc
        left = _remove_aside(written, where, headers)
        raise CcaError(f"{exc}; nothing was published: every graph at the store holds what it held before the "
                       f"push{left}") from exc
    result = SparqlPushResult(sent, graph_counts(where.query, user=user, password=password), requests, batch_size)
    if not result.matches:
        raise CcaError(_count_mismatch(result, url, where.query))
    return result


# -- questions -----------------------------------------------------------------------

_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


def _cell(term: dict):
    """A cell of SPARQL JSON results as plain Python, as :func:`cca_graph.graph.sparql.term_value` gives it locally."""
    value, datatype = term["value"], term.get("datatype", "")
    if term["type"] in ("literal", "typed-literal") and datatype.startswith(_XSD):
        kind = datatype[len(_XSD):]
        if kind == "integer":
            return int(value)
        if kind in ("decimal", "double", "float"):
            return float(value)
        if kind == "boolean":
            return value in ("true", "1")
    return value


def select(query_url: str, query: str, params: Mapping[str, object] | None = None, *,
           user: str | None = None, password: str | None = None) -> pd.DataFrame:
    """Run the SELECT or ASK ``query`` at the SPARQL endpoint ``query_url``; return its rows.

    The prefixes the embedded store offers (:data:`cca_graph.namespace.PREFIXES`)
    are declared, and ``params`` bound by :func:`cca_graph.graph.sparql.bind`.
    Cells are as a local run gives them: IRIs and literals as text, numbers as numbers.

    Raises
    ------
    QueryError
        When the endpoint refuses the query or answers with something that is no SPARQL result.
        A line and column the endpoint names in its reply are said as they are in ``query``.
    """
    from ..graph.sparql import bind, located

    sent = bind(query, params)
    body = urllib.parse.urlencode({"query": _PROLOGUE + sent}).encode("utf-8")
    headers = _headers(user, password, **{"Content-Type": "application/x-www-form-urlencoded", "Accept": _RESULTS_JSON})
    try:
        reply = _request("POST", query_url, body, headers, "the query")
        result = json.loads(reply)
    except CcaError as exc:
        # a position the store names is in the text it was sent: said where it is in ``query``
        raise QueryError(located(str(exc), query, sent, lines_before=_PROLOGUE.count("\n"))) from exc
    except ValueError as exc:
        raise QueryError(f"the SPARQL endpoint at {shown_uri(query_url)} answered with no SPARQL JSON result: {exc}") from exc
    if "boolean" in result:
        return pd.DataFrame({"ask": [bool(result["boolean"])]})
    columns = result["head"]["vars"]
    rows = [[_cell(b[c]) if c in b else None for c in columns] for b in result["results"]["bindings"]]
    # object columns: a year stays 2050, not 2050.0, when another row leaves it unbound
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _construct(query_url: str, query: str, params: Mapping[str, object] | None, into: Store,
               user: str | None, password: str | None) -> None:
    from ..graph.sparql import bind

    body = urllib.parse.urlencode({"query": _PROLOGUE + bind(query, params)}).encode("utf-8")
    headers = _headers(user, password, **{"Content-Type": "application/x-www-form-urlencoded", "Accept": _N_TRIPLES})
    try:
        into.extend(q for q in parse(_request("POST", query_url, body, headers, "the query"),
                                     format=RdfFormat.N_TRIPLES))
    except CcaError as exc:
        raise QueryError(str(exc)) from exc


def lookup_store(query_url: str, *, countries: bool = False, governments: Iterable[str] = (),
                 user: str | None = None, password: str | None = None) -> Store:
    """A small store in memory with what reads a country or government as people type it, from ``query_url``.

    The catalogue reads ``Mexico`` or ``jalisco`` against a store; a question
    asked at an endpoint reads them against this one: the national
    governments' ISO codes and English names (with ``countries``), and
    every government's id and English names plus one statement about each
    of ``governments`` that is an id (when there are any), as the endpoint's
    store has them.

    Parameters
    ----------
    countries : bool
        Fetch what reads a country (a parameter of kind ``iso``).
    governments : iterable of str
        Governments as given (a parameter of kind ``entity``): ids or names.
    """
    found = Store()
    if countries:
        _construct(query_url, """CONSTRUCT { ?g cca:isoCode ?iso ; cca:level ?level ; rdfs:label ?label }
            WHERE { ?g cca:isoCode ?iso ; cca:level ?level . FILTER (?level = <https://w3id.org/cca-graph/id/level/national>)
                    OPTIONAL { ?g rdfs:label ?label . FILTER (LANGMATCHES(LANG(?label), "en")) } }""",
                   None, found, user, password)
    governments = list(governments)
    for value in governments:
        try:
            subject = NamedNode(ID + str(value).strip())
        except ValueError:
            continue  # a name, not an id: found among the governments' labels
        _construct(query_url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", {"s": subject}, found,
                   user, password)
    if governments:
        _construct(query_url, """CONSTRUCT { ?g a cca:Government ; rdfs:label ?label }
            WHERE { ?g a cca:Government . OPTIONAL { ?g rdfs:label ?label . FILTER (LANGMATCHES(LANG(?label), "en")) } }""",
                   None, found, user, password)
    return found
