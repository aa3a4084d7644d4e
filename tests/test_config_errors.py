"""What a configuration problem stops, and what the error says after it.

A verb that needs only the graph folder (stats, export, …) is not stopped by a
store it never asks; one that asks stores (query, push) is. Only the verbs
that write say "nothing was written".
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cca_graph.cli import cli
from cca_graph.errors import InputError
from cca_graph.project.config import read_config

# a sound [graph] and a store of an unknown kind (line 5, counted by hand)
FILE = """\
[graph]
default = "{graph}"

[stores.neo]
kind = "neo4j"
uri = "bolt://127.0.0.1:7687"
"""
BAD_STORE = "cca-graph.toml:5: stores.neo.kind: unknown kind 'neo4j'; one of sparql, bolt, local"



def test_a_reader_of_the_graph_folder_alone_skips_the_stores():
    config = read_config(FILE.format(graph="g"), "cca-graph.toml", environ={}, uses=("graph",))
    assert (config.graph, config.stores, config.defaults) == ("g", {}, {})
    with pytest.raises(InputError) as caught:
        read_config(FILE.format(graph="g"), "cca-graph.toml", environ={})
    assert [str(p) for p in caught.value.problems] == [BAD_STORE]
    # the graph folder's own problems, a misspelt section and bad syntax stop it still
    with pytest.raises(InputError) as caught:
        read_config('[graph]\ndefault = 3\n[grpah]\ndefault = "g"\n', "cca-graph.toml", environ={}, uses=("graph",))
    assert [str(p) for p in caught.value.problems] == [
        "cca-graph.toml:2: graph.default: must be a text in quotes, got 3",
        "cca-graph.toml:3: grpah: unknown section; known: defaults, graph, stores"]


def test_stats_runs_beside_a_bad_store_and_query_says_what_stops_it(built, workdir):
    (workdir / "cca-graph.toml").write_text(FILE.format(graph=built), encoding="utf-8")
    runner = CliRunner()
    stats = runner.invoke(cli, ["stats"])
    assert stats.exit_code == 0 and stats.stdout.startswith("Triples per named graph\n"), stats.output
    query = runner.invoke(cli, ["query", "brokers"])
    assert query.exit_code == 1
    assert query.stderr.splitlines() == [BAD_STORE, "Error: 1 problem found."]
    push = runner.invoke(cli, ["push"])
    assert push.exit_code == 1
    assert push.stderr.splitlines() == [BAD_STORE, "Error: 1 problem found; nothing was written."]
    (workdir / "cca-graph.toml").write_text("[graph]\ndefault = 3\n", encoding="utf-8")
    stats = runner.invoke(cli, ["stats"])
    assert stats.exit_code == 1
    assert stats.stderr.splitlines() == ["cca-graph.toml:2: graph.default: must be a text in quotes, got 3",
                                         "Error: 1 problem found."]


@pytest.mark.parametrize("verb", ["push", "stats", "query"])
def test_config_after_the_verb_says_where_it_goes(verb, workdir):
    # docs/configuration.md: "the option goes before the verb"
    result = CliRunner().invoke(cli, [verb, "--config", "lab.toml"])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"\nError: --config goes before the verb: cca-graph --config PATH {verb} …\n")
