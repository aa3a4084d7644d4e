"""A server address whose port is no port is called that, wherever the address is given.

A port runs from 1 to 65535 (RFC 6335, section 6); 0 is reserved and no
server listens on it. Before, 99999 was reported as "not an http:// URL" and 0
went out as a request.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cca_graph.cli import cli
from cca_graph.errors import CcaError, InputError
from cca_graph.project.config import read_config
from cca_graph.safety import port_problem, server_url


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:99999/cca", "port 99999 is out of range (1-65535)"),
    ("http://127.0.0.1:0/cca", "port 0 is out of range (1-65535)"),
    ("bolt://[::1]:65536", "port 65536 is out of range (1-65535)"),
    ("http://h:30x0/cca", "port '30x0' is not a number"),
    ("http://127.0.0.1:65535/cca", None),
    ("http://[::1]/cca", None),   # the colons of an IPv6 address are no port
    ("https://db.example.org/cca", None),
])
def test_the_port_is_checked_by_its_range(url, expected):
    assert port_problem(url) == expected


def test_a_password_beside_a_bad_port_is_not_shown():
    with pytest.raises(CcaError) as caught:
        server_url("https://loader:pa55word@db.example.org:123456/cca", ("http", "https"))
    assert str(caught.value) == "'https://loader:***@db.example.org:123456/cca': port 123456 is out of range (1-65535)"


def test_the_verbs_and_the_file_name_the_port(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCA_GRAPH_CONFIG", raising=False)
    runner = CliRunner()
    g = str(built)
    for args, url in ((["push", "--graph", g, "--sparql", "http://127.0.0.1:99999/cca"], "http://127.0.0.1:99999/cca"),
                      (["push", "--graph", g, "--uri", "bolt://127.0.0.1:0"], "bolt://127.0.0.1:0"),
                      (["query", "brokers", "--graph", g, "--endpoint", "http://127.0.0.1:0/cca/query"],
                       "http://127.0.0.1:0/cca/query")):
        result = runner.invoke(cli, args)
        port = url.rsplit(":", 1)[1].split("/")[0]
        assert result.exit_code == 1
        assert result.stderr.endswith(f"Error: '{url}': port {port} is out of range (1-65535)\n"), result.stderr
    text = '[stores.far]\nkind = "sparql"\nurl = "http://127.0.0.1:99999/cca"\n\n[stores.zero]\nkind = "bolt"\n' \
           'uri = "bolt://127.0.0.1:0"\n'
    with pytest.raises(InputError) as caught:
        read_config(text, "cca-graph.toml", environ={})
    assert [str(p) for p in caught.value.problems] == [
        "cca-graph.toml:3: stores.far.url: port 99999 is out of range (1-65535)",
        "cca-graph.toml:7: stores.zero.uri: port 0 is out of range (1-65535)"]
