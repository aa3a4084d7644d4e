"""The graph on a real SPARQL 1.1 store: pushed to Apache Jena Fuseki, asked there.

One Fuseki (tools/fuseki, in memory) serves the whole module on a free loopback
port and is stopped by its PID at the end. The bundled graph is pushed first;
a test that pushes something else puts the bundled graph back before it ends.
"""
from __future__ import annotations

import http.client
import http.server
import json
import threading
import urllib.parse
import urllib.request

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from cca_graph import open_store, run_sparql
from cca_graph.errors import CcaError, QueryError
from cca_graph.project.sparql_http import push, select
from cca_graph.query.catalogue import catalogue, run_query

from .conftest import DATA, run_cli
from .servers import start_fuseki, start_oxigraph
from .test_catalogue import _parameter_sets

QUERIES = catalogue()
GRAPH = "https://w3id.org/cca-graph/graph/"
CCA = "https://w3id.org/cca-graph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
HOSTILE = "Côte d'Ivoire \"test\" \\ 北京"
#: what the CLI test asks each question with: a case country (or government) it gives rows for
CLI_PARAMETERS = {"iso": ["--country", "MX"], "entity": ["--government", "DE-BW"]}
CLI_SPECIAL = {"pledge-integrity": ["--country", "DE"]}


@pytest.fixture(scope="module")
def fuseki(built, tmp_path_factory):
    """Fuseki holding the bundled graph, pushed by the library (the CLI's push is under test below)."""
    server = start_fuseki(tmp_path_factory.mktemp("fuseki"))
    server.query_url = server.url + "/query"
    push(open_store(built), server.url)
    yield server
    server.stop()
    assert server.process.poll() is not None


def _per_graph_remote(fuseki) -> dict[str, int]:
    return dict(zip(*select(fuseki.query_url, PER_GRAPH).values.T.tolist()))


def _per_graph_local(store) -> dict[str, int]:
    return dict(zip(*run_sparql(store, PER_GRAPH).values.T.tolist()))


def _restore(built, fuseki) -> None:
    """The bundled graph, and nothing else, on Fuseki again."""
    push(open_store(built), fuseki.url, wipe=True)
    assert _per_graph_remote(fuseki) == _per_graph_local(open_store(built))


def _store(*quads: Quad) -> Store:
    store = Store()
    store.extend(quads)
    return store


def _update(fuseki, update: str) -> None:
    body = urllib.parse.urlencode({"update": update}).encode()
    with urllib.request.urlopen(urllib.request.Request(fuseki.url + "/update", data=body), timeout=30) as response:
        assert response.status in (200, 204)


# -- push ------------------------------------------------------------------------------

@pytest.mark.slow  # starts Fuseki
def test_push_gives_each_named_graph_its_triples(built, store, fuseki):
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url)
    local = _per_graph_local(store)
    assert len(local) > 10 and sum(local.values()) == len(store)
    assert _per_graph_remote(fuseki) == local
    # the CLI reports each graph with the count the store gives
    for graph, n in local.items():
        assert f"  {graph}  {n}" in proc.stdout
    assert f"Pushed {len(store)} triples in {len(local)} graphs to {fuseki.url}" in proc.stdout


@pytest.mark.slow  # starts Fuseki
def test_a_second_push_replaces_and_a_large_graph_goes_in_batches(built, store, fuseki):
    graph = "https://w3id.org/cca-graph/graph/under2"
    _update(fuseki, f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:stale> <urn:said> "before" }} }}')
    assert _per_graph_remote(fuseki)[graph] == _per_graph_local(store)[graph] + 1
    # 500 triples a request: the larger graphs go as one PUT and several POSTs
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url, "--batch-size", "500")
    local = _per_graph_local(store)
    requests = int(proc.stdout.split(" in ")[2].split()[0])
    assert requests == sum(-(-n // 500) for n in local.values()) > len(local)
    assert _per_graph_remote(fuseki) == local
    total = select(fuseki.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["n"][0]
    assert total == len(store)
    assert not select(fuseki.query_url, "ASK { <urn:stale> ?p ?o }")["ask"][0]


@pytest.mark.slow  # starts Fuseki
def test_wipe_drops_graphs_the_store_does_not_have(built, store, fuseki):
    _update(fuseki, 'INSERT DATA { GRAPH <urn:someone-else> { <urn:a> <urn:b> "c" } }')
    assert "urn:someone-else" in _per_graph_remote(fuseki)
    run_cli("push", "--graph", str(built), "--sparql", fuseki.url, "--wipe")
    assert _per_graph_remote(fuseki) == _per_graph_local(store)


@pytest.mark.slow  # starts Fuseki
def test_a_second_push_removes_a_decimal_and_a_graph_the_build_lost_is_refused(built, fuseki):
    # Jena 5.6 keeps "37"^^xsd:decimal when its graph is replaced by a PUT alone
    target, label = NamedNode("https://w3id.org/cca-graph/id/target.test.37"), NamedNode(RDFS_LABEL)
    targets, other = NamedNode(GRAPH + "test-targets"), NamedNode(GRAPH + "test-other")
    value = Quad(target, NamedNode(CCA + "targetValue"), Literal("37", datatype=NamedNode(XSD + "decimal")), targets)
    named = Quad(target, label, Literal("a target"), targets)
    kept = Quad(NamedNode("https://w3id.org/cca-graph/id/XX"), label, Literal("kept"), other)
    try:
        push(_store(value, named, kept), fuseki.url, wipe=True)
        assert _per_graph_remote(fuseki) == {targets.value: 2, other.value: 1}
        result = push(_store(named, kept), fuseki.url)
        assert result.stored == {targets.value: 1, other.value: 1}
        assert _per_graph_remote(fuseki) == {targets.value: 1, other.value: 1}
        assert not select(fuseki.query_url, "ASK { GRAPH ?g { ?t cca:targetValue ?v } }")["ask"][0]
        # a graph of the project the build no longer has: refused, as the Bolt push refuses, and nothing written
        with pytest.raises(CcaError) as refused:
            push(_store(named), fuseki.url)
        assert str(refused.value) == (
            f"the SPARQL store at {fuseki.url} holds 1 graph of cca-graph that this graph does not have, which "
            f"questions asked there would count: <{other.value}>; nothing was written. Push with --wipe to replace "
            f"everything in the store, or delete that graph first (an HTTP DELETE of {fuseki.url}/data?graph=IRI)")
        assert _per_graph_remote(fuseki) == {targets.value: 1, other.value: 1}
    finally:
        _restore(built, fuseki)


class _SmallBodies(http.server.ThreadingHTTPServer):
    """A front of Fuseki that refuses a request body over ``limit`` bytes with 413, as a proxy's body limit does."""

    def __init__(self, fuseki_port: int, limit: int):
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if len(body) > front.limit:
                    self.send_response(413, "Request Entity Too Large")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                connection = http.client.HTTPConnection("127.0.0.1", fuseki_port, timeout=60)
                connection.request(self.command, self.path, body=body or None,
                                   headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
                reply = connection.getresponse()
                data = reply.read()
                self.send_response(reply.status, reply.reason)
                for name, value in reply.getheaders():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                connection.close()

            do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815

            def log_message(self, *args):
                pass

        self.limit = limit
        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/cca"


@pytest.mark.slow  # starts Fuseki
def test_a_push_refused_half_way_publishes_nothing_and_leaves_nothing_aside(built, store, fuseki):
    before = _per_graph_remote(fuseki)
    assert before == _per_graph_local(store)
    # a changed label in the first graph, which is small enough to pass the front, and a graph too large for it
    first = NamedNode(GRAPH + "canada")
    changed = Store()
    changed.extend(store)
    subject = next(iter(store.quads_for_pattern(None, NamedNode(RDFS_LABEL), None, first))).subject
    changed.add(Quad(subject, NamedNode(RDFS_LABEL), Literal("changed by the refused push"), first))
    front = _SmallBodies(fuseki.port, 200_000)
    serving = threading.Thread(target=front.serve_forever, daemon=True)
    serving.start()
    try:
        sizes = {g: n for g, n in _per_graph_local(store).items()}
        assert sizes[first.value] < 500 and max(sizes.values()) > 2_000  # so the first passes and a later one not
        with pytest.raises(CcaError) as refused:
            push(changed, front.url)
        message = str(refused.value)
        assert "HTTP 413" in message and "push with a smaller --batch-size" in message
        assert message.endswith("; nothing was published: every graph at the store holds what it held before the push")
        assert _per_graph_remote(fuseki) == before
        assert not select(fuseki.query_url, 'ASK { GRAPH ?g { ?s ?p "changed by the refused push" } }')["ask"][0]
        # what a push killed half-way left aside goes at the next push
        _update(fuseki, 'INSERT DATA { GRAPH <https://w3id.org/cca-graph/push-aside/0123/0> { <urn:a> <urn:b> "c" } }')
        front.limit = 10**9
        push(changed, front.url)
        assert select(fuseki.query_url, 'ASK { GRAPH ?g { ?s ?p "changed by the refused push" } }')["ask"][0]
        assert _per_graph_remote(fuseki) == _per_graph_local(changed)
    finally:
        front.shutdown()
        front.server_close()
        _restore(built, fuseki)


@pytest.mark.slow  # starts Fuseki and cca-graph serve
def test_a_read_only_store_and_a_failed_wipe_say_what_happened(built, fuseki, tmp_path):
    oxigraph = start_oxigraph(built)
    try:
        # the project's own read-only endpoint: refused as read-only, not for the body's length
        proc = run_cli("push", "--graph", str(built), "--sparql", oxigraph.url, "--gsp-url", oxigraph.url + "/store",
                       check=False)
        assert proc.returncode == 1
        assert proc.stderr.strip() == (
            f"Error: the SPARQL store at {oxigraph.url}/store refused the PUT of graph <{GRAPH}canada>: HTTP 403 "
            "Forbidden; the store says: this endpoint is read-only: updates are refused; nothing was published: "
            "every graph at the store holds what it held before the push")
        # counted at a store that does not hold what was written, after --wipe emptied Fuseki (after --wipe
        # the graphs go to their places at once: there was nothing to keep)
        small = _store(Quad(NamedNode("urn:a"), NamedNode("urn:b"), Literal("c"), NamedNode(GRAPH + "test-small")))
        with pytest.raises(CcaError) as refused:
            push(small, fuseki.url, query_url=oxigraph.url + "/query", wipe=True)
        assert str(refused.value) == (
            f"the SPARQL store at {fuseki.url} holds other numbers of triples than were sent, as "
            f"{oxigraph.url}/query counts them: graph <{GRAPH}test-small>: the store has 1 triples, the server 0. "
            f"--wipe had emptied the store first (DROP ALL at {fuseki.url}/update), so it now holds part of this "
            "graph at most: push again with --wipe once that is put right")
        assert _per_graph_remote(fuseki) == {GRAPH + "test-small": 1}
    finally:
        oxigraph.stop()
        _restore(built, fuseki)


@pytest.mark.slow  # starts Fuseki
def test_a_wipe_onto_a_store_that_refuses_writes_leaves_it_as_it_was(built, store, fuseki):
    # the update endpoint takes DROP ALL, the Graph Store endpoint (Fuseki's read-only /get) no PUT:
    # the trial write comes first, so nothing is dropped
    before = _per_graph_remote(fuseki)
    assert before == _per_graph_local(store)
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url, "--gsp-url", fuseki.url + "/get", "--wipe",
                   check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith(
        f"Error: the SPARQL store at {fuseki.url}/get refused a trial write (an empty PUT): HTTP 405 ")
    assert proc.stderr.strip().endswith(
        "; nothing was written: --wipe empties the store only once it has taken a trial write")
    assert _per_graph_remote(fuseki) == before


@pytest.mark.slow  # starts Fuseki
def test_blank_nodes_stay_one_node_and_the_default_graph_goes_too(built, fuseki):
    # from a graph's first blank node on, the rest of it goes in one request whatever the batch
    # size: a blank node's label holds only inside one document, so three requests would make three nodes
    ex = "https://example.org/"
    node = BlankNode()
    small = Store()
    small.extend([Quad(node, NamedNode(ex + p), Literal(v), NamedNode(ex + "g")) for p, v in
                  (("a", "1"), ("b", "2"), ("c", "3"))])
    # two triples without blank nodes in the same graph, and one in the default graph
    small.extend([Quad(NamedNode(ex + s), NamedNode(ex + "p"), Literal(s), NamedNode(ex + "g")) for s in ("x", "y")])
    small.add(Quad(NamedNode(ex + "s"), NamedNode(ex + "p"), Literal("default")))
    # the store's own order says how many triples come before the first blank node: one request each
    before = next(i for i, q in enumerate(small.quads_for_pattern(None, None, None, NamedNode(ex + "g")))
                  if isinstance(q.subject, BlankNode))
    try:
        result = push(small, fuseki.url, batch_size=1, wipe=True)
        assert result.requests == 1 + before + 1 and result.sent == {"": 1, ex + "g": 5}
        nodes = select(fuseki.query_url, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{ex}g> {{ ?s ?p ?o }} }}")
        assert nodes["n"][0] == 1 + 2
        blank = select(fuseki.query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ex}g> {{ ?s ?p ?o FILTER isBlank(?s) }} }}")
        assert blank["n"][0] == 3
        request = urllib.request.Request(fuseki.url + "/data?default", headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.read().decode().strip() == f'<{ex}s> <{ex}p> "default" .'
    finally:
        _restore(built, fuseki)


@pytest.mark.slow  # starts Fuseki
def test_a_refused_push_names_the_endpoint_and_the_status(built, fuseki, monkeypatch):
    wrong = fuseki.url.rsplit("/", 1)[0] + "/nowhere"
    proc = run_cli("push", "--graph", str(built), "--sparql", wrong, check=False)
    assert proc.returncode == 1
    hint = ("; --sparql takes the dataset's base URL (e.g. http://127.0.0.1:3030/cca), not its /query or /data "
            "endpoint")
    assert proc.stderr.strip() == (f"Error: the SPARQL store at {wrong}/query refused the query for its graphs: "
                                   f"HTTP 404 Not Found{hint}")
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url + "/data", check=False)
    assert proc.stderr.strip() == (f"Error: the SPARQL store at {fuseki.url}/data/query refused the query for its "
                                   f"graphs: HTTP 404 Not Found{hint}")
    # the read-only Graph Store endpoint: the reply's first line says why; the password stays unsaid
    monkeypatch.setenv("SPARQL_PASSWORD", "pa55-w0rd-never-shown")
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url, "--gsp-url", fuseki.url + "/get",
                   "--user", "loader", check=False)
    assert proc.returncode == 1
    assert f"the SPARQL store at {fuseki.url}/get refused" in proc.stderr
    assert "HTTP 405" in proc.stderr and "Read-only" in proc.stderr
    assert "pa55" not in proc.stdout + proc.stderr
    # nothing was written by either
    assert _per_graph_remote(fuseki) == _per_graph_local(open_store(built))


@pytest.mark.slow  # starts Fuseki
def test_a_password_in_the_url_or_no_server_is_one_line_of_error(built, fuseki):
    with_password = fuseki.url.replace("http://", "http://loader:s3cret@")
    proc = run_cli("push", "--graph", str(built), "--sparql", with_password, check=False)
    assert proc.returncode == 1 and "s3cret" not in proc.stderr and "--password-env" in proc.stderr
    from .servers import free_port

    nobody = f"http://127.0.0.1:{free_port()}/cca"
    proc = run_cli("push", "--graph", str(built), "--sparql", nobody, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: no SPARQL store answers at {nobody}/query (is it running, and is that its address?)"
    # https to a server that speaks http
    proc = run_cli("push", "--graph", str(built), "--sparql", fuseki.url.replace("http://", "https://"), check=False)
    assert proc.stderr.startswith(f"Error: talking to the SPARQL store at {fuseki.url.replace('http://', 'https://')}"
                                  "/query failed during the query for its graphs: [SSL")


# -- questions -------------------------------------------------------------------------

@pytest.mark.slow  # starts Fuseki
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_gives_the_same_rows_at_the_endpoint(store, fuseki, name):
    answered = 0
    for params in _parameter_sets(QUERIES[name], store):
        local = run_query(name, store=store, **params)
        remote = run_query(name, endpoint=fuseki.query_url, **params)  # what `query NAME --endpoint URL` runs
        assert list(remote.columns) == list(local.columns) == QUERIES[name].columns
        assert remote.values.tolist() == local.values.tolist(), f"{name} {params}"
        answered += len(local)
    assert answered > 0


def _cli_parameters(name: str) -> list[str]:
    kinds = [p.kind for p in QUERIES[name].parameters if not p.optional]
    return CLI_SPECIAL.get(name) or (CLI_PARAMETERS[kinds[0]] if kinds else [])


@pytest.mark.slow  # starts Fuseki, runs cca-graph in processes of its own
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_with_endpoint_prints_what_the_local_store_gives(built, fuseki, name):
    args = ["query", name, *_cli_parameters(name), "--format", "json"]
    remote = json.loads(run_cli(*args, "--endpoint", fuseki.query_url).stdout)
    local = json.loads(run_cli(*args, "--graph", str(built)).stdout)
    assert remote == local != []
    assert list(remote[0]) == QUERIES[name].columns


@pytest.mark.slow  # starts Fuseki, runs cca-graph in processes of its own
def test_names_are_read_as_people_type_them_at_the_endpoint(built, fuseki):
    for by_name, by_code in ((["--country", "mexico"], ["--country", "MX"]),
                             (["--government", "baden-wurttemberg"], ["--government", "DE-BW"])):
        question = "mandate-without-instrument" if by_name[0] == "--country" else "replication-candidates"
        named = run_cli("query", question, *by_name, "--endpoint", fuseki.query_url, "--format", "json").stdout
        coded = run_cli("query", question, *by_code, "--graph", str(built), "--format", "json").stdout
        assert json.loads(named) == json.loads(coded) != []
    proc = run_cli("query", "reporting-gap", "--country", "Atlantis", "--endpoint", fuseki.query_url, check=False)
    assert proc.returncode == 1 and "'Atlantis'" in proc.stderr and "known: " in proc.stderr


@pytest.mark.slow  # starts Fuseki, builds a case of its own
def test_quotes_and_backslashes_survive_the_push_and_the_bound_parameters(built, fuseki, tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "escaping"), "--quiet")
    try:
        run_cli("push", "--graph", str(out), "--sparql", fuseki.url, "--wipe")
        label = "SELECT ?g WHERE { ?g rdfs:label ?label FILTER (STR(?label) = ?name) }"
        found = run_cli("query", "--endpoint", fuseki.query_url, "--sparql", label, "--param", f"name={HOSTILE}",
                        "--format", "json").stdout
        assert json.loads(found) == [{"g": "https://w3id.org/cca-graph/id/CI"}]
        en = select(fuseki.query_url, 'SELECT ?label WHERE { ?g cca:isoCode "CI" ; rdfs:label ?label '
                                      'FILTER (LANG(?label) = "en") }')
        assert en["label"].tolist() == [HOSTILE]
        # a value that would close the string and the pattern is one literal, matching nothing
        before = _per_graph_remote(fuseki)
        sneaky = 'x") } } ; DROP ALL ; SELECT * WHERE { ("'
        none = run_cli("query", "--endpoint", fuseki.query_url, "--sparql", label, "--param", f"name={sneaky}",
                       "--format", "json").stdout
        assert json.loads(none) == [] and _per_graph_remote(fuseki) == before
    finally:
        _restore(built, fuseki)


@pytest.mark.slow  # starts Fuseki
def test_a_syntax_error_at_the_endpoint_is_placed_in_the_text_given(fuseki):
    # the "}" where an object is missing is the 60th character of the line (hand count); the store reads the
    # prefixes sent before the text and a VALUES block bound into it
    query = "SELECT ?gov WHERE { ?gov cca:isoCode ?iso . ?gov cca:level }"
    for given in (query, "\n" + query):
        with pytest.raises(QueryError, match=rf"at line {given.count(chr(10)) + 1}, column 60\.$"):
            select(fuseki.query_url, given, {"iso": "MX"})


@pytest.mark.slow  # starts Fuseki
def test_a_triple_in_two_graphs_counts_twice_locally_once_at_fuseki_and_once_with_distinct(built, fuseki):
    # two commitments (hand count), one of them stated by two imports: in both their graphs, as a target two
    # datasets give is
    typed = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(CCA + "Commitment")
    one, two = NamedNode("https://w3id.org/cca-graph/id/t-1"), NamedNode("https://w3id.org/cca-graph/id/t-2")
    both = _store(Quad(one, *typed, NamedNode(GRAPH + "import/a")), Quad(one, *typed, NamedNode(GRAPH + "import/b")),
                  Quad(two, *typed, NamedNode(GRAPH + "import/b")))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?c a cca:Commitment }"
    distinct = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a cca:Commitment }"
    push(both, fuseki.url, wipe=True)
    try:
        assert run_sparql(both, count)["n"].tolist() == [3]  # once per graph that holds it
        assert select(fuseki.query_url, count)["n"].tolist() == [2]
        assert run_sparql(both, distinct)["n"].tolist() == select(fuseki.query_url, distinct)["n"].tolist() == [2]
    finally:
        _restore(built, fuseki)
