"""Backends by configuration: ``cca-graph.toml``, the CCA_GRAPH_* variables over it, flags over both.

The file and the environment are read by the library (no process of its own);
the verbs are run in this process (click's runner) where no server is asked,
and as a user runs them against the real Fuseki of tests/test_fuseki.py for the
round trip. Where a verb went is read from its own words: a store that does not
answer is named in the error, a free port at a time.
"""
from __future__ import annotations

import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cca_graph import open_store
from cca_graph.cli import cli
from cca_graph.errors import CcaError, InputError, UnknownNameError
from cca_graph.project.config import (
    Config,
    StoreConfig,
    find_config,
    load_config,
    read_config,
)
from cca_graph.query.catalogue import run_query

from .conftest import REPO, run_cli
from .servers import free_port
from .test_fuseki import fuseki  # noqa: F401 - the module's Fuseki, holding the bundled graph

LAB = """\
[graph]
default = "graphs/main"

[stores.lab]
kind = "sparql"
url = "http://127.0.0.1:3030/cca"
user = "loader"
password_env = "LAB_PASSWORD"

[stores.neo]
kind = "bolt"
uri = "bolt://127.0.0.1:7687"
database = "climate"

[defaults]
push = "neo"
query = "lab"
"""


def _problems(text: str, environ: dict | None = None, path: str = "cca-graph.toml") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_config(text, path, environ=environ or {})
    return [str(p) for p in caught.value.problems]


# -- reading the file and the environment ------------------------------------------------

def test_without_a_file_or_variables_nothing_is_configured(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config(environ={}) is None
    assert load_config(environ={"CCA_GRAPH_CASES": "elsewhere"}) == Config()


def test_the_file_in_the_working_folder_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cca-graph.toml").write_text(LAB, encoding="utf-8")
    config = load_config(environ={})
    assert config.path == Path("cca-graph.toml") and config.graph == "graphs/main"
    assert config.default_store("query") == StoreConfig("lab", "sparql", url="http://127.0.0.1:3030/cca",
                                                        user="loader", password_env="LAB_PASSWORD")
    assert config.default_store("query").endpoint == "http://127.0.0.1:3030/cca/query"
    assert config.default_store("push") == StoreConfig("neo", "bolt", uri="bolt://127.0.0.1:7687", database="climate")
    # --config, then CCA_GRAPH_CONFIG, name another file; one that is not there is an error
    (tmp_path / "other.toml").write_text('[graph]\ndefault = "g2"\n', encoding="utf-8")
    assert load_config(environ={"CCA_GRAPH_CONFIG": str(tmp_path / "other.toml")}).graph == str(tmp_path / "g2")
    assert load_config("other.toml", environ={"CCA_GRAPH_CONFIG": "cca-graph.toml"}).graph == "g2"
    with pytest.raises(CcaError, match=r"^missing.toml: no such configuration file \(named by CCA_GRAPH_CONFIG\)$"):
        load_config(environ={"CCA_GRAPH_CONFIG": "missing.toml"})


def test_the_environment_wins_over_the_file_and_a_flag_over_both():
    environ = {"CCA_GRAPH_STORES_LAB_URL": "https://triples.example.org/cca",
               "CCA_GRAPH_STORES_NEO_DATABASE": "neo4j",
               "CCA_GRAPH_GRAPH_DEFAULT": "/data/graph"}
    config = read_config(LAB, "conf/cca-graph.toml", environ=environ)
    lab = config.store("lab")
    assert (lab.url, lab.user, lab.endpoint) == ("https://triples.example.org/cca", "loader",
                                                 "https://triples.example.org/cca/query")
    assert config.store("neo").database == "neo4j" and config.graph == "/data/graph"
    # what a verb does with a flag: the flag's value, the rest as configured
    flagged = lab.overridden(url="http://127.0.0.1:9999/cca", user=None, query_url=None)
    assert (flagged.url, flagged.user, flagged.password_env) == ("http://127.0.0.1:9999/cca", "loader", "LAB_PASSWORD")
    # without the variables the file's values stand, its relative folder read from its own folder
    plain = read_config(LAB, "conf/cca-graph.toml", environ={})
    assert plain.store("lab").url == "http://127.0.0.1:3030/cca" and plain.graph == "conf/graphs/main"


def test_the_default_store_of_each_verb_by_variable():
    both = read_config(LAB, None, environ={"CCA_GRAPH_STORE": "lab"})
    assert (both.defaults["push"], both.defaults["query"]) == ("lab", "lab")
    # the variable of one verb wins over the one of both
    one = read_config(LAB, None, environ={"CCA_GRAPH_STORE": "lab", "CCA_GRAPH_DEFAULTS_QUERY": "neo"})
    assert (one.defaults["push"], one.defaults["query"]) == ("lab", "neo")
    # an empty variable is as good as none
    assert read_config(LAB, None, environ={"CCA_GRAPH_STORE": ""}).defaults == {"push": "neo", "query": "lab"}


def test_a_store_made_in_the_environment_alone():
    config = read_config("", None, environ={"CCA_GRAPH_STORES_CI_KIND": "sparql",
                                            "CCA_GRAPH_STORES_CI_URL": "http://10.1.2.3:3030/ds",
                                            "CCA_GRAPH_STORES_CI_QUERY_URL": "http://10.1.2.3:3030/ds/sparql",
                                            "CCA_GRAPH_STORE": "ci"})
    assert config.default_store("push") == StoreConfig("ci", "sparql", url="http://10.1.2.3:3030/ds",
                                                       query_url="http://10.1.2.3:3030/ds/sparql")
    assert config.default_store("query").endpoint == "http://10.1.2.3:3030/ds/sparql"
    with pytest.raises(UnknownNameError, match=r"^unknown store 'lab'; known: ci$"):
        config.store("lab")


# -- what is refused ---------------------------------------------------------------------

def test_a_password_in_the_file_is_refused_with_its_line():
    text = LAB.replace('user = "loader"\n', 'user = "loader"\npassword = "s3cret-pw"\n')
    assert _problems(text) == [
        "cca-graph.toml:8: stores.lab.password: a password is never written in the configuration; put it in an "
        "environment variable and name that variable with password_env"]
    # nor in a URL, nor as the name of the variable; the password itself is never repeated
    text = LAB.replace("http://127.0.0.1:3030", "http://loader:s3cret-pw@127.0.0.1:3030")
    text = text.replace('"LAB_PASSWORD"', '"s3cret pw!"')
    found = _problems(text)
    assert found == [
        "cca-graph.toml:6: stores.lab.url: holds a user name or password; give the user with user and the password "
        "in an environment variable named by password_env",
        "cca-graph.toml:8: stores.lab.password_env: names the environment variable that holds the password (such as "
        "SPARQL_PASSWORD), not the password"]
    # a variable meant to carry the password is not read as one
    assert _problems(LAB, {"CCA_GRAPH_STORES_NEO_PASSWORD": "s3cret-pw"}) == [
        "environment variable CCA_GRAPH_STORES_NEO_PASSWORD: stores.neo.password: not read: the password comes from "
        "the variable that password_env names (set CCA_GRAPH_STORES_NEO_PASSWORD_ENV to the name of this variable)"]


def test_a_bad_file_gives_every_problem_with_its_line():
    text = """\
[graph]
default = 3

[stores.lab]
kind = "sparql"
uri = "bolt://127.0.0.1:7687"

[stores.neo]
kind = "neo4j"

[stores.files]
kind = "local"

[stores]
mirror = { kind = "sparql", url = "ftp://mirror.example.org/cca" }

[defaults]
push = "files"
serve = "lab"

[server]
port = 7878
"""
    # the lines counted by hand in the text above
    assert _problems(text, {"CCA_GRAPH_STORES_LABB_URL": "http://x"}) == [
        "cca-graph.toml:2: graph.default: must be a text in quotes, got 3",
        "cca-graph.toml:4: stores.lab.url: missing: a sparql store needs its url",
        "cca-graph.toml:6: stores.lab.uri: is for a bolt store; a sparql store takes kind, url, gsp_url, query_url, "
        "update_url, user, password_env",
        "cca-graph.toml:9: stores.neo.kind: unknown kind 'neo4j'; one of sparql, bolt, local",
        "cca-graph.toml:11: stores.files.graph: missing: a local store needs its graph",
        "cca-graph.toml:15: stores.mirror.url: 'ftp://mirror.example.org/cca' is not an http:// or https:// URL",
        "cca-graph.toml:18: defaults.push: store 'files' is a local graph folder; push goes to a sparql or bolt store",
        "cca-graph.toml:19: defaults.serve: unknown key; known: push, query",
        "cca-graph.toml:21: server: unknown section; known: defaults, graph, stores",
        "environment variable CCA_GRAPH_STORES_LABB_URL: stores: names no store (a store made in the environment "
        "needs its _KIND)"]


def test_a_syntax_error_gives_the_line_tomllib_found():
    assert _problems('[stores.lab]\nkind = "sparql"\nurl = http://127.0.0.1/cca\n', path="lab.toml") == [
        "lab.toml:3: toml: Invalid value"]
    assert _problems('[stores.lab]\nkind = "sparql"\nkind = "bolt"\n') == [
        "cca-graph.toml:3: toml: Cannot overwrite a value"]


# -- the verbs -----------------------------------------------------------------------------

def _cca(*args: str, env: dict | None = None):
    """``cca-graph ARGS`` in this process, with ``env`` over the environment."""
    return CliRunner().invoke(cli, list(args), env=env)



COUNT = ("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")


def test_the_graph_folder_from_flag_then_environment_then_file(built, store, workdir):
    expected = f"n\n{len(store)}\n"  # the quads of the store, as pyoxigraph counts them
    (workdir / "cca-graph.toml").write_text(f'[graph]\ndefault = "{built}"\n', encoding="utf-8")
    assert _cca(*COUNT).stdout == expected
    nowhere = workdir / "nowhere"
    by_variable = _cca(*COUNT, env={"CCA_GRAPH_GRAPH_DEFAULT": str(nowhere)})
    assert by_variable.exit_code == 1 and by_variable.stderr.startswith(f"Error: no graph built in {nowhere}")
    assert _cca(*COUNT, "--graph", str(built), env={"CCA_GRAPH_GRAPH_DEFAULT": str(nowhere)}).stdout == expected


def test_push_goes_where_the_flag_then_the_environment_then_the_file_say(built, workdir):
    file_port, env_port, flag_port = free_port(), free_port(), free_port()
    (workdir / "cca-graph.toml").write_text(
        f'[stores.lab]\nkind = "sparql"\nurl = "http://127.0.0.1:{file_port}/cca"\n[defaults]\npush = "lab"\n',
        encoding="utf-8")
    unanswered = "Error: no SPARQL store answers at http://127.0.0.1:{}/cca/query (is it running, and is that its address?)\n"
    env = {"CCA_GRAPH_STORES_LAB_URL": f"http://127.0.0.1:{env_port}/cca"}
    for args, variables, port in ((["--store", "lab"], {}, file_port),
                                  ([], {}, file_port),  # the default store of push
                                  (["--store", "lab"], env, env_port),
                                  (["--store", "lab", "--sparql", f"http://127.0.0.1:{flag_port}/cca"], env, flag_port)):
        result = _cca("push", "--graph", str(built), *args, env=variables)
        assert result.exit_code == 1 and result.stderr == unanswered.format(port), (args, variables)


def test_push_to_a_bolt_store_uses_its_uri_and_password_variable(built, workdir):
    port = free_port()
    (workdir / "cca-graph.toml").write_text(
        f'[stores.neo]\nkind = "bolt"\nuri = "bolt://127.0.0.1:{port}"\nuser = "neo4j"\npassword_env = "LAB_NEO4J"\n',
        encoding="utf-8")
    result = _cca("push", "--graph", str(built), "--store", "neo", env={"LAB_NEO4J": None})
    assert result.exit_code == 2
    assert ("Error: store neo's user neo4j needs its password in the environment variable LAB_NEO4J, which is not "
            "set (or name another with --password-env)") in result.stderr
    result = _cca("push", "--graph", str(built), "--store", "neo", env={"LAB_NEO4J": "pa55-never-shown"})
    assert result.exit_code == 1
    assert result.stderr == f"Error: no Bolt server answers at bolt://127.0.0.1:{port} (is it running, and is that its Bolt port?)\n"


def test_a_store_of_the_wrong_kind_for_the_verb_is_a_usage_error(built, workdir):
    (workdir / "cca-graph.toml").write_text(
        f'[stores.here]\nkind = "local"\ngraph = "{built}"\n[stores.neo]\nkind = "bolt"\nuri = "bolt://127.0.0.1:1"\n',
        encoding="utf-8")
    for args, message in ((["push", "--graph", str(built), "--store", "here"],
                           "store here is a local graph folder; push goes to a sparql or bolt store"),
                          (["push", "--graph", str(built), "--store", "neo", "--sparql", "http://127.0.0.1:1/cca"],
                           "store neo is a Bolt server; --sparql is for a SPARQL store"),
                          (["query", "--sparql", "ASK {}", "--store", "neo"],
                           "store neo is a Bolt server: it answers catalogue questions in Cypher, not SPARQL text or --endpoint"),
                          (["query", "brokers", "--store", "neo", "--engine", "networkx"],
                           "store neo (bolt) answers --engine cypher, not networkx")):
        result = _cca(*args)
        assert result.exit_code == 2 and result.stderr.endswith(f"Error: {message}\n"), args
    result = _cca("query", "brokers", "--store", "nope")
    assert result.exit_code == 1 and result.stderr == "Error: unknown store 'nope'; known: here, neo\n"


def test_query_at_a_local_store_gives_the_rows_of_its_graph(built, store, workdir):
    (workdir / "cca-graph.toml").write_text(
        f'[graph]\ndefault = "nowhere"\n[stores.here]\nkind = "local"\ngraph = "{built}"\n', encoding="utf-8")
    expected = run_query("mandate-without-instrument", store=store, country="MX")
    result = _cca("query", "mandate-without-instrument", "--country", "MX", "--store", "here", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == len(expected) > 0 and [r["government"] for r in rows] == expected["government"].tolist()
    # without --store the default graph folder, which holds nothing
    result = _cca("query", "mandate-without-instrument", "--country", "MX")
    assert result.exit_code == 1 and "no graph built in nowhere" in result.stderr


def test_a_bad_file_stops_the_verb_with_every_problem(built, workdir):
    (workdir / "cca-graph.toml").write_text(LAB.replace('user = "loader"\n', 'user = "loader"\npassword = "pw-123"\n'),
                                            encoding="utf-8")
    result = _cca("push", "--graph", str(built))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "cca-graph.toml:8: stores.lab.password: a password is never written in the configuration; put it in an "
        "environment variable and name that variable with password_env",
        "Error: 1 problem found; nothing was written."]
    assert "pw-123" not in result.output
    # a verb told everything on the command line reads no configuration, so is not stopped by it
    assert _cca(*COUNT, "--graph", str(built)).exit_code == 0


# -- the round trip on a real SPARQL store ------------------------------------------------

@pytest.mark.slow  # starts Fuseki, runs cca-graph in processes of its own
def test_push_and_query_by_store_name_on_fuseki(built, fuseki, tmp_path, monkeypatch):  # noqa: F811
    # the file names a Fuseki that is not there; the environment moves the store to the real one
    (tmp_path / "cca-graph.toml").write_text(
        f'[graph]\ndefault = "nowhere"\n[stores.shared]\nkind = "sparql"\nurl = "http://127.0.0.1:{free_port()}/cca"\n'
        '[defaults]\nquery = "shared"\n', encoding="utf-8")
    monkeypatch.setenv("CCA_GRAPH_STORES_SHARED_URL", fuseki.url)
    # as a user runs it, in a process of its own
    pushed = run_cli("push", "--graph", str(built), "--store", "shared", "--wipe", cwd=tmp_path)
    assert f"graphs to {fuseki.url} in " in pushed.stdout
    # the questions in this process (the same verb, without a second start of Python)
    monkeypatch.chdir(tmp_path)
    for question, params in (("mandate-without-instrument", ["--country", "MX"]), ("brokers", [])):
        local = json.loads(_cca("query", question, *params, "--graph", str(built), "--format", "json").stdout)
        named = _cca("query", question, *params, "--store", "shared", "--format", "json")
        assert json.loads(named.stdout) == local != []
    # the default store of query: no flag at all, and the local graph folder holds nothing
    assert json.loads(_cca("query", "brokers", "--format", "json").stdout) == local
    # SPARQL text goes to the store's query endpoint too: every quad pushed is there
    counted = _cca("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", "shared",
                   "--format", "csv")
    assert counted.stdout == f"n\n{len(open_store(built))}\n"


# -- the documentation -----------------------------------------------------------------------

DOC = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_the_documented_file_reads_as_the_page_says():
    block = re.search(r"```toml\n(.*?)```", DOC, re.S).group(1)
    config = read_config(block, "lab/cca-graph.toml", environ={})
    assert config.graph == "lab/out"
    assert {name: s.kind for name, s in config.stores.items()} == {
        "fuseki": "sparql", "oxigraph": "sparql", "neo4j": "bolt", "laptop": "local"}
    assert config.store("oxigraph").endpoint == "http://127.0.0.1:7878/query"
    assert config.store("laptop").graph == "lab/out" and config.store("neo4j").database == "neo4j"
    assert config.defaults == {"push": "fuseki", "query": "fuseki"}


def test_the_documented_errors_are_what_a_verb_prints(workdir):
    (workdir / "cca-graph.toml").write_text(
        '[graph]\ndefault = "out"\n\n[stores.lab]\nkind = "sparql"\nurl = "http://127.0.0.1:3030/cca"\n'
        'user = "loader"\npassword = "s3cret"\n\n[stores.neo]\nkind = "neo4j"\nuri = "bolt://127.0.0.1:7687"\n',
        encoding="utf-8")
    result = _cca("push")
    assert result.exit_code == 1
    shown = re.search(r"exit status 1:\n\n```\n(.*?)```", DOC, re.S).group(1)
    assert result.stderr == shown


class _Refusing(http.server.ThreadingHTTPServer):
    """A SPARQL store on a free loopback port that refuses every login (HTTP 401)."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def _refuse(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_DELETE = _refuse

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def test_a_refused_login_names_the_variable_the_password_came_from(built, workdir, monkeypatch):
    server = _Refusing()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/cca"
    try:
        (workdir / "cca-graph.toml").write_text(
            f'[stores.lab]\nkind = "sparql"\nurl = "{url}"\nuser = "loader"\npassword_env = "LAB_SPARQL_PW"\n',
            encoding="utf-8")
        monkeypatch.setenv("LAB_SPARQL_PW", "wrong")
        monkeypatch.setenv("OTHER_PW", "wrong")
        monkeypatch.setenv("SPARQL_PASSWORD", "wrong")
        asked = _cca("query", "--sparql", "ASK { ?s ?p ?o }", "--store", "lab")
        pushed = _cca("push", "--graph", str(built), "--store", "lab")
        flagged = _cca("query", "--sparql", "ASK { ?s ?p ?o }", "--store", "lab", "--password-env", "OTHER_PW")
        by_default = _cca("query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint", url + "/query", "--user", "loader")
    finally:
        server.shutdown()
        server.server_close()
    # the line docs/configuration.md shows, at this store's address
    shown = re.search(r"^Error: the SPARQL store at .*LAB_SPARQL_PW.*$", DOC, re.M).group(0)
    assert asked.stderr.strip() == shown.replace("http://127.0.0.1:3030/cca", url)
    assert pushed.exit_code == 1 and pushed.stderr.strip().endswith(
        "check the password in the environment variable LAB_SPARQL_PW (store lab's password_env)")
    assert flagged.stderr.strip().endswith("check the password in the environment variable OTHER_PW (--password-env)")
    assert by_default.stderr.strip().endswith(
        "check the password in the environment variable SPARQL_PASSWORD (the default; --password-env names another)")
