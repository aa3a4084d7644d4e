"""Where push goes when the environment names a store only questions can use, and when nothing names one.

docs/configuration.md: a flag, then the environment, then the file. A local
store named by CCA_GRAPH_STORE is the default of query only, so push keeps the
file's [defaults] push; with none, push stops rather than guess a server.
Where a push went is read from its own error: no store answers at a free port.
"""
from __future__ import annotations

from click.testing import CliRunner

from cca_graph.cli import cli
from cca_graph.project.config import read_config

from .servers import free_port

FILE = """\
[stores.fuseki]
kind = "sparql"
url = "http://127.0.0.1:{port}/cca"

[stores.laptop]
kind = "local"
graph = "{graph}"

[defaults]
push = "fuseki"
query = "fuseki"
"""
NO_SERVER = ("Error: no server to push to: give --uri bolt://HOST:PORT, --sparql URL or --store NAME, or name a "
             "store in [defaults] push of cca-graph.toml")



def test_a_local_store_of_every_verb_leaves_push_to_the_file():
    text = FILE.format(port=3030, graph="g")
    config = read_config(text, "cca-graph.toml", environ={"CCA_GRAPH_STORE": "laptop"})
    assert config.defaults == {"push": "fuseki", "query": "laptop"}
    # the variable of the verb still wins over both
    config = read_config(text, "cca-graph.toml", environ={"CCA_GRAPH_STORE": "laptop",
                                                          "CCA_GRAPH_DEFAULTS_PUSH": "fuseki",
                                                          "CCA_GRAPH_DEFAULTS_QUERY": "fuseki"})
    assert config.defaults == {"push": "fuseki", "query": "fuseki"}
    # without [defaults] push, the local store gives push no default at all
    config = read_config(text.replace('push = "fuseki"\n', ""), "cca-graph.toml", environ={"CCA_GRAPH_STORE": "laptop"})
    assert config.defaults == {"query": "laptop"}


def test_push_goes_to_the_file_store_not_to_a_built_in_server(built, workdir):
    port = free_port()
    (workdir / "cca-graph.toml").write_text(FILE.format(port=port, graph=built), encoding="utf-8")
    result = CliRunner().invoke(cli, ["push", "--graph", str(built)], env={"CCA_GRAPH_STORE": "laptop"})
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no SPARQL store answers at http://127.0.0.1:{port}/cca/query "
                             "(is it running, and is that its address?)\n")


def test_push_told_no_server_says_so(built, workdir):
    runner = CliRunner()
    result = runner.invoke(cli, ["push", "--graph", str(built)])
    assert result.exit_code == 2 and result.stderr.endswith(NO_SERVER + "\n"), result.stderr
    (workdir / "cca-graph.toml").write_text(FILE.format(port=free_port(), graph=built).replace('push = "fuseki"\n', ""),
                                            encoding="utf-8")
    result = runner.invoke(cli, ["push", "--graph", str(built)], env={"CCA_GRAPH_STORE": "laptop"})
    assert result.exit_code == 2
    assert result.stderr.endswith(NO_SERVER + " (CCA_GRAPH_STORE names laptop, a local graph folder: a store to "
                                              "ask, not to push to)\n"), result.stderr
