"""The servers: SPARQL endpoint over HTTP, Neo4j over Bolt, and the property-graph writers."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import networkx as nx
import pytest

from cca_graph import open_store, run_sparql
from cca_graph.project.bolt import connect, server_counts
from cca_graph.project.nxgraph import to_networkx
from cca_graph.project.property_graph import project

from .conftest import DATA, REPO, run_cli
from .servers import start_oxigraph

LEVELS_RQ = REPO / "queries" / "governance" / "levels-and-mandates.rq"
LEVELS_CYPHER = REPO / "queries" / "governance" / "levels-and-mandates.cypher"
ADMIN_ARGUMENTS = REPO / "tools" / "neo4j" / "admin_arguments.py"
HOSTILE = "Côte d'Ivoire \"test\" \\ 北京"


@pytest.fixture(scope="module")
def endpoint(built):
    server = start_oxigraph(built)
    yield server
    server.stop()
    assert server.process.poll() is not None


def _http(url: str, data: dict | None = None, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    body = urllib.parse.urlencode(data).encode() if data else None
    request = urllib.request.Request(url, data=body, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _levels_query_for(country: str) -> str:
    # the protocol has no parameters: the test's own constant goes in a VALUES block
    assert country.isalpha()
    return LEVELS_RQ.read_text(encoding="utf-8").replace("WHERE {", f'WHERE {{ VALUES ?country {{ "{country}" }}', 1)


def _sparql_http_rows(endpoint, query: str) -> list[dict]:
    status, body = _http(endpoint.url + "/query", {"query": query})
    assert status == 200, body
    result = json.loads(body)
    names = result["head"]["vars"]
    # an unbound variable (an optional cell left blank) is None, as in a local run
    return [{n: b[n]["value"] if n in b else None for n in names} for b in result["results"]["bindings"]]


def _cypher_rows(server, query: str, **params) -> list[dict]:
    driver = connect(server.url)
    try:
        with driver.session() as session:
            return [dict(r) for r in session.run(query, **params)]
    finally:
        driver.close()


def _push(out, server, *extra) -> dict[str, int]:
    proc = run_cli("push", "--graph", str(out), "--uri", server.url, *extra)
    counts = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    assert "batch size" in proc.stdout
    return counts


def _expected(out) -> dict[str, int]:
    nodes, rels = project(open_store(out)).counts()
    return {**nodes, **rels}


# -- SPARQL endpoint -----------------------------------------------------------

def test_endpoint_answers_json_and_csv(endpoint, store):
    query = _levels_query_for("MX")
    rows = _sparql_http_rows(endpoint, query)
    local = run_sparql(store, LEVELS_RQ.read_text(encoding="utf-8"), {"country": "MX"})
    assert len(rows) == len(local) > 0
    assert rows == [{k: None if v is None else str(v) for k, v in r.items()} for r in local.to_dict("records")]
    status, body = _http(endpoint.url + "/query", {"query": query}, accept="text/csv")
    assert status == 200
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert {r["level"] for r in table} == {"national", "regional", "local"}


def test_endpoint_refuses_updates(endpoint, store):
    before = len(store)
    status, _ = _http(endpoint.url + "/update", {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert status >= 400
    status, _ = _http(endpoint.url + "/store?default", {"x": "y"})
    assert status >= 400
    assert _sparql_http_rows(endpoint, "SELECT * WHERE { <urn:a> <urn:b> <urn:c> }") == []
    args = endpoint.process.args
    assert len(open_store(args[args.index("--graph") + 1])) == before


# -- Bolt --------------------------------------------------------------------

def test_push_counts_equal_the_projection_and_are_idempotent(built, neo4j):
    expected = _expected(built)
    assert _push(built, neo4j, "--wipe") == expected
    assert _push(built, neo4j) == expected
    assert _push(built, neo4j, "--wipe", "--batch-size", "200") == expected
    driver = connect(neo4j.url)
    with driver.session() as session:
        nodes, rels = server_counts(session)
    driver.close()
    assert {**nodes, **rels} == expected


def test_hostile_name_survives_the_round_trip(tmp_path, neo4j):
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "escaping"), "--quiet")
    _push(out, neo4j, "--wipe")
    rows = _cypher_rows(neo4j, "MATCH (g:Government {isoCode: $iso}) RETURN g.label_en AS en, g.label_zh AS zh", iso="CI")
    assert rows == [{"en": HOSTILE, "zh": "科特迪瓦 <b>测试</b>"}]
    assert rows[0]["en"].encode("utf-8") == HOSTILE.encode("utf-8")


def test_sparql_over_http_and_cypher_over_bolt_give_the_same_rows(built, endpoint, neo4j):
    _push(built, neo4j, "--wipe")
    sparql = _sparql_http_rows(endpoint, _levels_query_for("MX"))
    cypher = _cypher_rows(neo4j, LEVELS_CYPHER.read_text(encoding="utf-8"), country="MX")
    assert len(sparql) >= 4
    def key(row):
        # a list cell: SPARQL joins it with the unit separator, Cypher gives a list
        cells = [row[c] for c in ("level", "article", "mandate", "source")]
        return tuple(sorted(c.split("\x1f")) if isinstance(c, str) and "\x1f" in c
                     else sorted(c) if isinstance(c, list) else [str(c)] for c in cells)

    assert sorted(map(key, sparql)) == sorted(map(key, cypher))
    assert [list(r) for r in cypher][0] == list(sparql[0])


def test_one_read_gives_the_nodes_and_relationships(store):
    # the push reads each entity once, for its node and its relationships
    graph = project(store)
    records = list(graph.records())
    assert [node for node, _ in records] == list(graph.nodes())
    assert [rel for _, links in records for rel in links] + list(graph.memberships()) == list(graph.relationships())


def test_rows_worked_out_ahead_raise_their_error_and_stop_with_the_caller():
    import threading

    from cca_graph.project.bolt import _ahead

    def failing():
        yield 1
        raise ValueError("no such term")

    rows = _ahead(failing())
    assert next(rows) == 1
    with pytest.raises(ValueError, match="no such term"):
        next(rows)
    produced = []

    def endless():
        while True:
            produced.append(len(produced))
            yield produced[-1]

    rows = _ahead(endless(), depth=2)
    assert next(rows) == 0
    rows.close()
    assert not any(thread.name == "cca-push-rows" for thread in threading.enumerate())
    assert len(produced) <= 4


# -- neo4j-admin import files ---------------------------------------------------

def _admin_arguments(folder) -> list[str]:
    """The arguments of README.txt's ``neo4j-admin`` command, split as ``make neo4j-import`` splits them."""
    readme = folder / "README.txt"
    assert readme.read_text(encoding="utf-8").startswith("Import these files into an empty Neo4j database")
    split = subprocess.run([sys.executable, str(ADMIN_ARGUMENTS), str(readme)], capture_output=True, text=True,
                           check=True)
    words = split.stdout.split("\0")
    assert words[:4] == ["database", "import", "full", "neo4j"] and "--id-type=string" in words
    return words


def _typed(value):
    # 2030 and 2030.0 are equal in Python; the comparison must tell an integer from a float
    if isinstance(value, dict):
        return {key: _typed(v) for key, v in value.items()}
    if isinstance(value, list):
        return ["list", [_typed(v) for v in value]]
    return [type(value).__name__, value]


def _everything(server) -> tuple[dict, list]:
    nodes = {r["iri"]: (sorted(r["labels"]), _typed(r["props"])) for r in _cypher_rows(
        server, "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props")}
    rels = sorted(json.dumps(_typed(r), sort_keys=True, ensure_ascii=False) for r in _cypher_rows(
        server, "MATCH (a)-[r]->(b) RETURN a.iri AS a, type(r) AS t, b.iri AS b, properties(r) AS props"))
    return nodes, rels


def _counts(server) -> dict[str, int]:
    driver = connect(server.url)
    with driver.session() as session:
        nodes, rels = server_counts(session)
    driver.close()
    return {**nodes, **rels}


#: typed values the case files give (giz-cca §4.2, the China-US declaration, the Friends of Cities roster)
TYPED_VALUES = """
MATCH (c:Commitment {id: 'de-bw-transport-co2-2030'}) MATCH (p:Commitment {id: 'cn-us-pursue-1-5c'})
MATCH (:Government {id: 'DE'})-[m:MEMBER_OF]->(:Network {id: 'friends-of-cities'})
RETURN c.targetYear AS year, c.targetValue AS value, c.appliesToLevel AS levels, c.source_ids AS sources,
       p.targetValue AS limit, m.since AS since, m.role AS role
"""


def test_neo4j_admin_files_load_through_the_bulk_importer_like_the_push(built, neo4j, tmp_path):
    from .servers import start_neo4j_import

    run_cli("export", "--graph", str(built), "--format", "neo4j-admin", "--to", str(tmp_path))
    folder = tmp_path / "neo4j-admin"
    # the other path: the same graph pushed over Bolt into another Neo4j
    _push(built, neo4j, "--wipe")
    pushed, pushed_counts = _everything(neo4j), _counts(neo4j)
    [pushed_values] = _cypher_rows(neo4j, TYPED_VALUES)
    # README.txt's command, run by Neo4j's own neo4j-admin into a fresh store
    imported = start_neo4j_import(tmp_path / "store", folder, _admin_arguments(folder))
    try:
        assert _counts(imported) == pushed_counts
        assert pushed_counts["Government"] > 100 and pushed_counts["MEMBER_OF"] > 100
        [values] = _cypher_rows(imported, TYPED_VALUES)
        assert _typed(values) == _typed(pushed_values)
        hand = {"year": 2030, "value": 40.0, "sources": ["giz-cca"], "limit": 1.5, "since": 2013,
                "role": "founding-member"}
        assert _typed({k: values[k] for k in hand}) == _typed(hand)
        assert sorted(values["levels"]) == ["local", "regional"]
        assert _everything(imported) == pushed
    finally:
        # a throwaway store: no clean shutdown to wait for
        imported.kill()


# -- networkx ----------------------------------------------------------------------

def test_networkx_projection_matches(built, store):
    g = to_networkx(store)
    nodes, rels = project(store).counts()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == nodes["Entity"]
    assert g.number_of_edges() == sum(rels.values())
    jalisco = g.nodes["https://w3id.org/cca-graph/id/MX-JAL"]
    assert jalisco["labels"] == ["Entity", "Government"] and jalisco["level"] == "regional"
    assert g.has_edge("https://w3id.org/cca-graph/id/MX-JAL", "https://w3id.org/cca-graph/id/MX", key="PART_OF")


def test_graphml_export_reads_back_and_is_deterministic(built, tmp_path):
    first = run_cli("export", "--graph", str(built), "--format", "graphml", "--to", str(tmp_path / "a"))
    run_cli("export", "--graph", str(built), "--format", "graphml", "--to", str(tmp_path / "b"))
    a, b = (tmp_path / "a" / "graph.graphml"), (tmp_path / "b" / "graph.graphml")
    assert a.read_bytes() == b.read_bytes()
    g = nx.read_graphml(a, force_multigraph=True)
    nodes, rels = project(open_store(built)).counts()
    assert g.number_of_nodes() == nodes["Entity"] and g.number_of_edges() == sum(rels.values())
    assert "wrote" in first.stdout


# -- a server that dies mid-push ---------------------------------------------------

def _many_governments(root, count: int):
    """A case root with ``count`` local governments, enough for many batches."""
    import shutil

    shutil.copytree(DATA / "good", root)
    lines = ["records:"]
    for i in range(count):
        lines += [f"  - id: FR-ARA.town-{i:05d}", "    type: Government", f"    label: Town {i}",
                  "    level: local", "    part_of: FR-ARA", '    source: {doc: test-doc, locator: "annex"}']
    (root / "example" / "towns.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_push_completes_after_the_server_is_killed_and_restarted(tmp_path):
    import subprocess
    import sys
    import time

    from .servers import start_neo4j

    _many_governments(tmp_path / "cases", 6000)
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--cases", str(tmp_path / "cases"), "--quiet")
    expected = _expected(out)
    server = start_neo4j(tmp_path / "data1")
    try:
        pusher = subprocess.Popen([sys.executable, "-m", "cca_graph", "push", "--graph", str(out), "--uri", server.url,
                                   "--batch-size", "200"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # wait until part of the graph is in, then kill the server by PID
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                n = _cypher_rows(server, "MATCH (n) RETURN count(n) AS n")[0]["n"]
            except Exception:  # noqa: BLE001 - the server may be busy; ask again
                n = 0
            if n > 0:
                break
            time.sleep(0.05)
        assert n > 0, "the push never started"
        server.kill()
        assert pusher.poll() is None, "the push ended before the server died"
        server = start_neo4j(tmp_path / "data2", port=server.port)
        stdout, stderr = pusher.communicate(timeout=600)
        assert pusher.returncode == 0, stderr
        counts = {p[0]: int(p[1]) for p in (line.split() for line in stdout.splitlines()) if len(p) == 2 and p[1].isdigit()}
        assert counts == expected
        assert counts["Government"] == 6003
    finally:
        server.stop()
