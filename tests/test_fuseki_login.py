"""A SPARQL store that asks for a login even to read: Fuseki with a password file.

One Fuseki (tools/fuseki, in memory, ``--passwd``) serves the module; every
request needs HTTP Basic authentication as its one user. The push and the
questions log in with the user of the command line or of cca-graph.toml and
the password of an environment variable, as the Bolt push does.
"""
from __future__ import annotations

import json
import secrets

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, Store

from cca_graph import open_store, run_sparql
from cca_graph.cli import cli
from cca_graph.errors import CcaError
from cca_graph.project.sparql_http import push, select

from .conftest import run_cli
from .servers import start_fuseki

GRAPH = "https://w3id.org/cca-graph/graph/"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: a password made up for this run, which no output may hold
PASSWORD = "pw-" + secrets.token_hex(8)
QUESTION = ["query", "mandate-without-instrument", "--country", "MX", "--format", "json"]
WHERE_THE_PASSWORD_GOES = "the environment variable SPARQL_PASSWORD (the default; --password-env names another)"


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """Fuseki whose only user is ``loader``, holding nothing yet."""
    folder = tmp_path_factory.mktemp("fuseki-login")
    (folder / "passwd").write_text(f"loader: {PASSWORD}\n", encoding="utf-8")
    server = start_fuseki(folder, passwd=folder / "passwd")
    server.query_url = server.url + "/query"
    yield server
    server.stop()
    assert server.process.poll() is not None


def _cca(*args: str):
    """``cca-graph ARGS`` in this process (the push and one question run in processes of their own)."""
    return CliRunner().invoke(cli, list(args))


def _per_graph(rows) -> dict[str, int]:
    return dict(zip(*rows.values.T.tolist()))


@pytest.mark.slow  # starts Fuseki, runs cca-graph in a process of its own
def test_push_and_question_log_in_and_without_a_login_the_error_says_where_it_goes(built, store, locked,
                                                                                     monkeypatch, tmp_path):
    monkeypatch.setenv("SPARQL_PASSWORD", PASSWORD)
    pushed = run_cli("push", "--graph", str(built), "--sparql", locked.url, "--user", "loader", "--wipe")
    stored = _per_graph(select(locked.query_url, PER_GRAPH, user="loader", password=PASSWORD))
    assert stored == _per_graph(run_sparql(store, PER_GRAPH)) and sum(stored.values()) == len(store)
    # the same question, logged in at the endpoint and on the local store (another engine's rows)
    local = json.loads(_cca(*QUESTION, "--graph", str(built)).stdout)
    remote_run = run_cli(*QUESTION, "--endpoint", locked.query_url, "--user", "loader")
    remote = json.loads(remote_run.stdout)
    assert remote == local != []
    # by a store of cca-graph.toml, its password in the variable its password_env names
    (tmp_path / "cca-graph.toml").write_text(
        f'[stores.team]\nkind = "sparql"\nurl = "{locked.url}"\nuser = "loader"\npassword_env = "TEAM_PASSWORD"\n'
        '\n[defaults]\nquery = "team"\n', encoding="utf-8")
    monkeypatch.setenv("TEAM_PASSWORD", PASSWORD)
    monkeypatch.delenv("SPARQL_PASSWORD")
    monkeypatch.chdir(tmp_path)
    by_name = _cca(*QUESTION, "--store", "team")
    assert json.loads(by_name.stdout) == local
    # the rows of a server are never taken for the local store's: stderr says who answered
    by_default = _cca(*QUESTION)
    assert by_default.stdout == by_name.stdout
    assert by_default.stderr == by_name.stderr == (
        f"Note: answered by store team, the SPARQL endpoint {locked.query_url}, not the local store.\n")
    assert _cca(*QUESTION, "--graph", str(built)).stderr == ""
    assert remote_run.stderr == f"Note: answered by the SPARQL endpoint {locked.query_url}, not the local store.\n"
    # no login: one line naming the endpoint, the status and where the password goes
    refused = _cca(*QUESTION, "--endpoint", locked.query_url)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        f"Error: the SPARQL store at {locked.query_url} refused the query: HTTP 401 Unauthorized; the store asks "
        f"for a login: give the user with --user (or user in cca-graph.toml) and its password in "
        f"{WHERE_THE_PASSWORD_GOES}")
    # a wrong password: said so, and shown nowhere
    monkeypatch.setenv("SPARQL_PASSWORD", "not-" + PASSWORD)
    wrong = _cca(*QUESTION, "--endpoint", locked.query_url, "--user", "loader")
    assert wrong.exit_code == 1
    assert wrong.stderr.strip() == (
        f"Error: the SPARQL store at {locked.query_url} refused the query: HTTP 401 Unauthorized; the store did not "
        f"take the user and password given: check the password in {WHERE_THE_PASSWORD_GOES}")
    # the variable a store's password_env or --password-env names, when it holds a wrong password
    monkeypatch.setenv("TEAM_PASSWORD", "not-" + PASSWORD)
    wrong_by_name = _cca(*QUESTION, "--store", "team")
    push_by_name = _cca("push", "--graph", str(built), "--store", "team")
    push_by_flag = _cca("push", "--graph", str(built), "--store", "team", "--password-env", "SPARQL_PASSWORD")
    assert wrong_by_name.stderr.strip() == (
        f"Error: the SPARQL store at {locked.query_url} refused the query: HTTP 401 Unauthorized; the store did not "
        "take the user and password given: check the password in the environment variable TEAM_PASSWORD "
        "(store team's password_env)")
    assert push_by_name.exit_code == push_by_flag.exit_code == 1
    assert push_by_name.stderr.strip().endswith(
        "HTTP 401 Unauthorized; the store did not take the user and password given: check the password in the "
        "environment variable TEAM_PASSWORD (store team's password_env)")
    assert push_by_flag.stderr.strip().endswith(
        "HTTP 401 Unauthorized; the store did not take the user and password given: check the password in the "
        "environment variable SPARQL_PASSWORD (--password-env)")
    for proc in (pushed, remote_run, by_name, refused, wrong, wrong_by_name, push_by_name, push_by_flag):
        assert PASSWORD not in proc.stdout + proc.stderr


@pytest.mark.slow  # starts Fuseki
def test_a_wipe_with_a_wrong_password_leaves_the_store_as_it_was(built, locked):
    earlier = Store()
    earlier.add(Quad(NamedNode("urn:x:a"), NamedNode("urn:x:b"), Literal("kept"), NamedNode(GRAPH + "earlier")))
    push(earlier, locked.url, user="loader", password=PASSWORD, wipe=True)
    with pytest.raises(CcaError) as refused:
        push(open_store(built), locked.url, user="loader", password="not-" + PASSWORD, wipe=True)
    assert str(refused.value) == (
        f"the SPARQL store at {locked.query_url} refused the query for its graphs: HTTP 401 Unauthorized; the "
        "store did not take the user and password given; "
        "nothing was written: --wipe empties the store only once it has taken a trial write")
    assert _per_graph(select(locked.query_url, PER_GRAPH, user="loader", password=PASSWORD)) == {GRAPH + "earlier": 1}
