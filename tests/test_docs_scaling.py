"""docs/scaling-out.md: its command lines parse, its file reads as it says, and what it says was tried holds.

Every ``cca-graph …`` line of the page's code blocks is parsed by the command
line itself (click, as a run would, without running it), so a renamed flag or
a value a verb no longer takes fails here. The ``cca-graph.toml`` block is read
by the configuration reader, and the N-Quads bulk load into an Oxigraph server
is done as the page writes it, its answers compared with the local store's.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import time
import urllib.request

import click
import pytest

from cca_graph.cli import cli
from cca_graph.graph.server import oxigraph_executable
from cca_graph.project.config import read_config
from cca_graph.query.catalogue import run_query

from .conftest import REPO
from .servers import Server, free_port

PAGE = REPO / "docs" / "scaling-out.md"
DOC = PAGE.read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```[a-z]*\n(.*?)^```", DOC, re.S | re.M)


def _command_lines(program: str) -> list[list[str]]:
    """The words of each line of the page's code blocks that runs ``program``, comments left out."""
    lines = [line for block in BLOCKS for line in block.splitlines() if line.startswith(program + " ")]
    return [shlex.split(line, comments=True) for line in lines]


def _parse(words: list[str]) -> str:
    """Parse ``cca-graph VERB ARGS`` as a run would (options, types, choices), run nothing; return the verb."""
    parent = click.Context(cli, info_name="cca-graph")
    name = words[1]
    verb = cli.get_command(parent, name)
    assert verb is not None, f"no verb {name!r}: {shlex.join(words)}"
    verb.make_context(name, words[2:], parent=parent)
    return name


def test_every_cca_graph_line_of_the_page_parses():
    lines = _command_lines("cca-graph")
    verbs = [_parse(words) for words in lines]
    # counted in the page by hand: 21 lines (5 export, 6 push, 9 query, 1 serve)
    assert len(lines) == 21
    assert set(verbs) == {"push", "query", "export", "serve"}


def test_every_make_target_of_the_page_is_in_the_makefile():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = {words[1] for words in _command_lines("make")}
    assert targets == {"neo4j", "neo4j-import", "fuseki"}
    for target in targets:
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target


def test_the_page_s_stores_read_as_it_says():
    [block] = re.findall(r"^```toml\n(.*?)^```", DOC, re.S | re.M)
    config = read_config(block, "cca-graph.toml", environ={})
    assert {name: store.kind for name, store in config.stores.items()} == {
        "qlever": "sparql", "virtuoso": "sparql", "graphdb": "sparql"}
    # the endpoints the page's `query --endpoint` lines name for each product
    assert config.store("qlever").endpoint == "http://localhost:7001"
    assert config.store("virtuoso").endpoint == "http://localhost:8890/sparql"
    assert config.store("graphdb").endpoint == "http://localhost:7200/repositories/cca"


def test_the_quoted_neo4j_admin_command_is_the_export_s(built):
    readme = (built / "export" / "neo4j-admin" / "README.txt").read_text(encoding="utf-8")
    quoted = re.search(r"^(neo4j-admin database import full .*?)^  …$", DOC, re.S | re.M).group(1)
    assert quoted.splitlines() == [line[4:] for line in readme.splitlines()[2:6]]


# -- the N-Quads export through Oxigraph's bulk loader -------------------------------------------

@pytest.fixture(scope="module")
def loaded(built, tmp_path_factory):
    """``oxigraph load`` of the export's graph.nq, served read-only as the page writes it."""
    oxigraph = oxigraph_executable()
    location = tmp_path_factory.mktemp("oxigraph") / "db"
    subprocess.run([oxigraph, "load", "--location", str(location), "--file", str(built / "export" / "graph.nq")],
                   check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server(proc, f"http://127.0.0.1:{port}", port)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(server.url + "/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.1)
    yield server
    server.stop()


PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.mark.slow  # starts an Oxigraph server
def test_a_bulk_loaded_oxigraph_holds_every_quad_in_its_graph(loaded, store):
    from cca_graph import run_sparql
    from cca_graph.project.sparql_http import select

    remote = select(loaded.url + "/query", PER_GRAPH)
    local = run_sparql(store, PER_GRAPH)
    assert remote.values.tolist() == local.values.tolist()
    # the page's check: 18 named graphs in the bundled build (16 cases, sources, vocabulary), none left empty
    assert len(remote) >= 18 and remote["n"].astype(int).sum() == len(store)


@pytest.mark.slow  # starts an Oxigraph server
@pytest.mark.parametrize("name, params", [("brokers", {}), ("mandate-without-instrument", {"country": "MX"}),
                                          ("reporting-gap", {"country": "ID"})])
def test_a_bulk_loaded_oxigraph_answers_as_the_local_store(loaded, store, name, params):
    local = run_query(name, store=store, **params)
    remote = run_query(name, endpoint=loaded.url + "/query", **params)
    assert remote.values.tolist() == local.values.tolist() and len(local) > 0
