"""Expected answers of the network questions of the catalogue (queries/networks/).

Runs on the ``catalogue_graph`` fixture (bundled case material + the Under2 roster
import, pushed to a real Neo4j): SPARQL always, Cypher and networkx where named.
"""
from __future__ import annotations

import re

import pytest

from cca_graph import run_sparql
from cca_graph.project.nxgraph import to_networkx
from cca_graph.query.catalogue import get, run_query
from cca_graph.query.networks import broker_betweenness, membership_graph

ID = "https://w3id.org/cca-graph/id/"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]*: .+")


@pytest.fixture(scope="module")
def nx_graph(catalogue_graph):
    return to_networkx(catalogue_graph[1])


def _rows(df, *columns):
    return {tuple(row) for row in df[list(columns)].itertuples(index=False, name=None)}


# -- networks/network-overlap ---------------------------------------------------------

def _member_count(store, network):
    df = run_sparql(store, f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ ?m org:member ?g ;
        org:organization <{ID}{network}> . ?g a cca:Government }}""")
    return int(df["n"][0])


@pytest.mark.parametrize("engine", ["sparql", "cypher", "networkx"])
def test_network_overlap_includes_the_under2_coalition(catalogue_graph, engine):
    _, store, neo4j = catalogue_graph
    df = run_query("network-overlap", engine, store=store, uri=neo4j.url)
    assert list(df.columns) == get("network-overlap").columns
    assert (df["network_a"] < df["network_b"]).all()
    under2 = df[(df["network_a"] == "under2-coalition") | (df["network_b"] == "under2-coalition")]
    # five national endorsers of the Under2 Coalition also back Friends of Cities
    assert _rows(under2, "network_a", "network_b", "shared_members") == {
        ("friends-of-cities", "under2-coalition", 5)}
    row = under2.iloc[0]
    assert row["members_a"] == _member_count(store, "friends-of-cities") == 9
    assert row["members_b"] == _member_count(store, "under2-coalition")
    assert row["network_b_label"] == "Under2 Coalition"
    assert (df["shared_members"] <= df["members_a"]).all() and (df["shared_members"] <= df["members_b"]).all()


# -- networks/brokers -----------------------------------------------------------------

BROKERS = {("DE", "national", "DE", 2), ("FR", "national", "FR", 2), ("MX", "national", "MX", 2),
           ("NL", "national", "NL", 2), ("PE", "national", "PE", 2)}


def test_brokers_on_networkx_equal_sparql_and_cypher(catalogue_graph, nx_graph):
    _, store, neo4j = catalogue_graph
    sparql = run_query("brokers", store=store)
    assert list(sparql.columns) == get("brokers").columns
    assert _rows(sparql, "government", "level", "country", "networks") == BROKERS
    assert dict(zip(sparql["government"], sparql["government_label"]))["DE"] == "Germany"
    networkx_rows = run_query("brokers", "networkx", graph=nx_graph, store=store)
    assert networkx_rows.values.tolist() == sparql.values.tolist()
    cypher = run_query("brokers", "cypher", store=store, uri=neo4j.url)
    assert cypher.values.tolist() == sparql.values.tolist()


def test_broker_betweenness_is_positive_exactly_for_the_brokers(catalogue_graph, nx_graph):
    _, store, _ = catalogue_graph
    scores = broker_betweenness(nx_graph)
    bipartite = membership_graph(nx_graph)
    # only governments are scored, every member government is
    assert set(scores) == {n for n, kind in bipartite.nodes(data="kind") if kind == "government"}
    # on the bipartite membership graph a one-network member is a leaf (0); a broker lies on the
    # shortest path between its networks (> 0)
    positive = {iri[len(ID):] for iri, value in scores.items() if value > 0}
    assert positive == set(run_query("brokers", store=store)["government"])
    values = list(scores.values())
    assert values == sorted(values, reverse=True) and all(0 <= v <= 1 for v in values)
    # the brokers answer does not use betweenness: its rows are the same with or without it
    assert run_query("brokers", "networkx", graph=nx_graph, store=store).values.tolist() == \
        run_query("brokers", store=store).values.tolist()


def test_every_membership_has_its_member_of_shortcut(catalogue_graph):
    """The network questions read memberships as cca:memberOf; the loaders must write one per Membership."""
    _, store, _ = catalogue_graph
    counts = run_sparql(store, """
        SELECT (COUNT(DISTINCT ?m) AS ?memberships) (COUNT(DISTINCT ?lacking) AS ?without) WHERE {
          ?m org:member ?g ; org:organization ?n .
          OPTIONAL { ?m org:member ?lacking . FILTER NOT EXISTS { ?lacking cca:memberOf ?n } }
        }""")
    assert int(counts["memberships"][0]) > 100
    assert int(counts["without"][0]) == 0
