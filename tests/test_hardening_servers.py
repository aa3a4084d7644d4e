"""The servers: nothing reaches out of the machine, a rebuild cannot pull the store from under the
endpoint, and server errors are one line.

SERVICE is tried against a real HTTP server on 127.0.0.1 that records whether it was called.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cca_graph.graph.build import build
from cca_graph.graph.sparql import calls_service
from cca_graph.project.bolt import connect

from .conftest import DATA, LABELS, VILLEURBANNE, run_cli
from .servers import free_port, start_oxigraph

ANSWER = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "from-afar"}}]}}


class _Recorder(http.server.ThreadingHTTPServer):
    """A SPARQL endpoint 'elsewhere' that notes every request it gets."""

    def __init__(self):
        self.requests: list[str] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                recorder.requests.append(f"{self.command} {self.path}")
                body = json.dumps(ANSWER).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # noqa: N815

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/sparql"


@pytest.fixture
def recorder():
    server = _Recorder()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Path]:
    """Case roots A (tests/data/good) and B (A with Villeurbanne), and graph folders built from each."""
    root = tmp_path_factory.mktemp("servers")
    shutil.copytree(DATA / "good", root / "A")
    shutil.copytree(DATA / "good", root / "B")
    with open(root / "B" / "example" / "governments.yaml", "a", encoding="utf-8") as fh:
        fh.write(VILLEURBANNE)
    for name in "AB":
        build(root / f"graph-{name}", [root / name])
    return {"A": root / "A", "B": root / "B", "graph A": root / "graph-A", "graph B": root / "graph-B",
            "root": root}


@pytest.fixture(scope="module")
def endpoint(cases):
    """``cca-graph serve`` over a folder of its own, built from A."""
    served = cases["root"] / "served"
    build(served, [cases["A"]])
    server = start_oxigraph(served)
    server.graph = served
    yield server
    server.stop()
    assert server.process.poll() is not None


def _http(url: str, data: bytes | None = None, content_type: str | None = None) -> tuple[int, str]:
    headers = {"Accept": "application/sparql-results+json"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _labels(endpoint) -> list[str]:
    status, body = _http(endpoint.url + "/query?" + urllib.parse.urlencode({"query": "PREFIX cca: "
                         "<https://w3id.org/cca-graph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                         + LABELS}))
    assert status == 200, body
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def _one_error_line(proc) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    return lines[0]


# -- SERVICE ---------------------------------------------------------------------------

@pytest.mark.parametrize("query, calls", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    ("select * where { Service Silent <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE {SERVICE<http://127.0.0.1:9/>{?s ?p ?o}}", True),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    # an escape in a prefixed name does not open a string that hides the call
    ("PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\' AS ?z) SERVICE <http://127.0.0.1:9/> {} BIND('x' AS ?q) }",
     True),
    # the second net: the words of a call, even inside a string or a comment, are refused (safe side)
    ('SELECT * WHERE { ?s rdfs:label "SERVICE <http://127.0.0.1:9/> {}" }', True),
    ('SELECT * WHERE { ?s rdfs:label "a public service" }', False),
    ("SELECT * WHERE { ?s rdfs:label '''a 'SERVICE' \"x\"''' }", False),
    ("SELECT ?service WHERE { ?s ex:SERVICE ?service } # SERVICE <http://127.0.0.1:9/>", True),
    ("SELECT ?service WHERE { ?s ex:SERVICE ?service } # SERVICE", False),
    ("SELECT * WHERE { <http://example.org/SERVICE> ?p ?o }", False),
    ("SELECT * WHERE { ?s ?p ?o }", False),
])
def test_a_service_call_is_found_outside_strings_iris_comments_and_names(query, calls):
    assert calls_service(query) is calls


def test_query_refuses_service_unless_allowed(cases, recorder):
    sparql = f"SELECT ?x WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?x }} }}"
    proc = run_cli("query", "--graph", str(cases["graph A"]), "--sparql", sparql, check=False)
    assert proc.returncode == 1
    line = _one_error_line(proc)
    assert "SERVICE" in line and "--allow-service" in line
    assert recorder.requests == []
    proc = run_cli("query", "--graph", str(cases["graph A"]), "--sparql", sparql, "--allow-service")
    assert "from-afar" in proc.stdout
    assert len(recorder.requests) == 1


def test_endpoint_refuses_service_in_every_form_of_request(endpoint, recorder):
    sparql = f"SELECT ?x WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?x }} }}"
    form = urllib.parse.urlencode({"query": sparql}).encode()
    for status, body in [_http(endpoint.url + "/query?" + form.decode()),
                         _http(endpoint.url + "/query", form, "application/x-www-form-urlencoded"),
                         _http(endpoint.url + "/query", sparql.encode(), "application/sparql-query"),
                         _http(endpoint.url + "/query", sparql.lower().replace("service", "\\u0053ervice").encode(),
                               "application/sparql-query")]:
        assert status == 403
        assert "SERVICE" in body and "--allow-service" in body
    # bodies the front could not read are not forwarded unchecked: compressed, or of another type
    request = urllib.request.Request(endpoint.url + "/query", data=gzip.compress(sparql.encode()), method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Content-Encoding": "gzip"})
    assert _status(request) == 415
    assert _http(endpoint.url + "/query", sparql.encode(), "text/plain")[0] == 415
    # an escape in a prefixed name (ex:a\' is one name) does not hide a call behind a false string
    hidden = ("PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\' AS ?z) SERVICE SILENT <" + recorder.url
              + "> { ?s ?p ?o } BIND('x' AS ?q) }")
    assert _http(endpoint.url + "/query", hidden.encode(), "application/sparql-query")[0] == 403
    assert recorder.requests == []
    # a query nested deep enough to overflow the engine's stack is refused, and the endpoint lives on
    deep = "ASK " + "{" * 3000 + "}" * 3000
    status, body = _http(endpoint.url + "/query", deep.encode(), "application/sparql-query")
    assert status == 403 and "nests groups 3000 deep" in body
    status, body = _http(endpoint.url + "/query", b"ASK { ?s ?p ?o }", "application/sparql-query")
    assert (status, json.loads(body)["boolean"]) == (200, True)
    status, _ = _http(endpoint.url + "/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                      "application/sparql-update")
    assert status == 403


def test_endpoint_answers_from_the_new_store_after_a_rebuild(endpoint, cases):
    assert "Villeurbanne" not in _labels(endpoint)
    old = (endpoint.graph / "store").resolve()
    build(endpoint.graph, [cases["B"]])
    assert not old.exists()  # the build removed the database the endpoint was serving
    assert "Villeurbanne" in _labels(endpoint)
    assert endpoint.process.poll() is None


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


def _until(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_killed_endpoint_takes_its_oxigraph_server_with_it(endpoint):
    assert _until(lambda: len(_children(endpoint.process.pid)) == 1)  # the server of the old store is stopped
    child = _children(endpoint.process.pid)[0]
    assert "serve-read-only" in Path(f"/proc/{child}/cmdline").read_text()
    endpoint.kill()  # SIGKILL: the front has no say
    assert _until(lambda: not Path(f"/proc/{child}").exists())


# -- one line per server error -----------------------------------------------------------------

def test_server_errors_are_one_line(cases):
    graph = str(cases["graph A"])
    closed = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        for args, message in [
            (("push", "--uri", "http://127.0.0.1:7474"), "'http://127.0.0.1:7474' is not a Bolt URI: Neo4j's HTTP port"),
            (("push", "--uri", "not a uri"), "'not a uri' is not a Bolt URI"),
            (("push", "--uri", f"bolt://127.0.0.1:{closed}"), f"no Bolt server answers at bolt://127.0.0.1:{closed}"),
            (("query", "mandate-without-instrument", "--country", "FR", "--engine", "cypher",
              "--uri", f"bolt://127.0.0.1:{closed}"), f"no Bolt server answers at bolt://127.0.0.1:{closed}"),
            (("serve", "--port", str(busy)), f"127.0.0.1:{busy} is already in use"),
            (("push", "--uri", "bolt://neo4j:s3cret@127.0.0.1:7687"), "'bolt://neo4j:***@127.0.0.1:7687' holds a user"),
        ]:
            proc = run_cli(*args, "--graph", graph, check=False, timeout=120)
            assert proc.returncode == 1, args
            assert message in _one_error_line(proc), args
            assert "s3cret" not in proc.stderr + proc.stdout
    env_less = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    proc = subprocess.run([sys.executable, "-m", "cca_graph", "push", "--graph", graph,
                           "--uri", f"bolt://127.0.0.1:{closed}", "--user", "neo4j"],
                          capture_output=True, text=True, env=env_less, timeout=60)
    assert proc.returncode == 2 and "NEO4J_PASSWORD, which is not set" in proc.stderr
    proc = run_cli("serve", "--graph", graph, "--port", "99999", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Invalid value for '--port': 99999 is not in the range 1<=x<=65535" in proc.stderr


# -- push onto a database holding other data ------------------------------------------------------------

def _count(url: str, cypher: str) -> int:
    driver = connect(url)
    try:
        with driver.session() as session:
            return session.run(cypher).single()[0]
    finally:
        driver.close()


def test_push_onto_other_data_says_so_and_writes_nothing(cases, neo4j):
    _count(neo4j.url, "MATCH (n) DETACH DELETE n RETURN count(*)")
    _count(neo4j.url, "CREATE (t:Thing {name: 'kept'}) RETURN count(t)")
    proc = run_cli("push", "--graph", str(cases["graph A"]), "--uri", neo4j.url, check=False)
    assert proc.returncode == 1
    assert _one_error_line(proc) == (f"Error: the default database at {neo4j.url} holds 1 node that is not from "
                                     "this graph; push with --wipe to replace everything in it, or to another --database")
    assert _count(neo4j.url, "MATCH (n) RETURN count(n)") == 1  # nothing written, the other data kept
    assert _count(neo4j.url, "MATCH (t:Thing {name: 'kept'}) RETURN count(t)") == 1

    # an earlier push of another graph: B is A and Villeurbanne
    run_cli("push", "--graph", str(cases["graph B"]), "--uri", neo4j.url, "--wipe")
    # refused before anything is written: a property changed since B's push stays changed
    before = _count(neo4j.url, "MATCH (n) RETURN count(n)")
    _count(neo4j.url, "MATCH (g:Government) WITH g ORDER BY g.iri LIMIT 1 SET g.marker = 'kept' RETURN count(g)")
    _count(neo4j.url, "MATCH (g:Government) WITH g ORDER BY g.iri LIMIT 1 SET g.label_en = 'changed' RETURN count(g)")
    proc = run_cli("push", "--graph", str(cases["graph A"]), "--uri", neo4j.url, check=False)
    assert proc.returncode == 1
    assert "holds 1 node that is not from this graph; push with --wipe" in _one_error_line(proc)
    assert len(proc.stderr) < 300
    assert _count(neo4j.url, "MATCH (n) RETURN count(n)") == before
    assert _count(neo4j.url, "MATCH (g:Government {label_en: 'changed', marker: 'kept'}) RETURN count(g)") == 1
    run_cli("push", "--graph", str(cases["graph A"]), "--uri", neo4j.url, "--wipe")
    assert _count(neo4j.url, "MATCH (g:Government) WHERE g.iri ENDS WITH 'FR-ARA.villeurbanne' RETURN count(g)") == 0

