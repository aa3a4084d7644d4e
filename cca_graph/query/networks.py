"""Catalogue questions answered on the networkx projection.

Each function takes the ``MultiDiGraph`` of :func:`cca_graph.project.nxgraph.to_networkx`
and the question's parameters, and returns a DataFrame with the columns the
question's header names; :func:`cca_graph.query.catalogue.run_query` sorts and compares.
"""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pandas as pd

__all__ = ["FUNCTIONS", "broker_betweenness", "membership_graph"]

#: question name -> function(graph, **params) -> DataFrame
FUNCTIONS: dict[str, Callable[..., pd.DataFrame]] = {}


def answers(name: str):
    """Register a function as the networkx answer to the question ``name``."""
    def register(function):
        FUNCTIONS[name] = function
        return function
    return register


def members(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Network IRI -> the IRIs of its member governments."""
    found: dict[str, set[str]] = {}
    for a, b, key in graph.edges(keys=True):
        if key == "MEMBER_OF":
            found.setdefault(b, set()).add(a)
    return found


# -- helpers ------------------------------------------------------------------------

def _has_label(graph: nx.MultiDiGraph, node: str, label: str) -> bool:
    return label in graph.nodes[node].get("labels", ())


def _government_networks(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Government IRI -> the IRIs of the networks it is a member of (any role, any period)."""
    found: dict[str, set[str]] = {}
    for a, b, key in graph.edges(keys=True):
        if key == "MEMBER_OF" and _has_label(graph, a, "Government") and _has_label(graph, b, "Network"):
            found.setdefault(a, set()).add(b)
    return found


def _countries(graph: nx.MultiDiGraph, government: str) -> set:
    """The isoCode of every national government reached from ``government`` by PART_OF*0.."""
    seen, todo, found = {government}, [government], set()
    while todo:
        node = todo.pop()
        attrs = graph.nodes[node]
        if _has_label(graph, node, "Government") and attrs.get("level") == "national":
            found.add(attrs.get("isoCode"))
        for _, parent, key in graph.out_edges(node, keys=True):
            if key == "PART_OF" and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return found or {None}


# -- networks/ ----------------------------------------------------------------------

@answers("network-overlap")
def network_overlap(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Pairs of networks sharing member governments (network_a < network_b by IRI), with member counts."""
    by_network: dict[str, set[str]] = {}
    for government, networks in _government_networks(graph).items():
        for network in networks:
            by_network.setdefault(network, set()).add(government)
    rows = []
    names = sorted(by_network)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = by_network[a] & by_network[b]
            if shared:
                rows.append({"network_a": a, "network_a_label": graph.nodes[a].get("label_en"),
                             "network_b": b, "network_b_label": graph.nodes[b].get("label_en"),
                             "shared_members": len(shared), "members_a": len(by_network[a]),
                             "members_b": len(by_network[b])})
    return pd.DataFrame(rows, columns=["network_a", "network_a_label", "network_b", "network_b_label",
                                       "shared_members", "members_a", "members_b"])


@answers("brokers")
def brokers(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Governments that are members of two or more networks, with level and country.

    The rows are the membership counts alone; :func:`broker_betweenness` is a
    separate measure for exploring (it does not change these rows).
    """
    rows = []
    for government, networks in sorted(_government_networks(graph).items()):
        if len(networks) < 2:
            continue
        attrs = graph.nodes[government]
        for country in sorted(_countries(graph, government), key=str):
            rows.append({"government": government, "government_label": attrs.get("label_en"),
                         "level": attrs.get("level"), "country": country, "networks": len(networks)})
    return pd.DataFrame(rows, columns=["government", "government_label", "level", "country", "networks"])


def membership_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected bipartite government–network membership graph.

    Nodes are the IRIs of governments (``kind="government"``) and networks
    (``kind="network"``) that have at least one membership; one edge per
    member–network pair, whatever the number of roles or periods.
    """
    bipartite = nx.Graph()
    for government, networks in _government_networks(graph).items():
        bipartite.add_node(government, kind="government")
        for network in networks:
            bipartite.add_node(network, kind="network")
            bipartite.add_edge(government, network)
    return bipartite


def broker_betweenness(graph: nx.MultiDiGraph, normalized: bool = True) -> dict[str, float]:
    """Betweenness centrality of each member government on the government–network membership graph.

    A government scores above zero only when it lies on shortest paths between
    networks (or between members of different networks), i.e. when it bridges
    networks; with the case material and the Under2 roster imported, those are
    the national endorsers of the Under2 Coalition that also belong to Friends
    of Cities (the case material alone has no government in two networks).
    Exact (not sampled), so the values are deterministic. Networks are left
    out of the result. For exploring in notebooks; the ``brokers`` answer does
    not use it.

    Returns
    -------
    dict
        Government IRI -> betweenness, highest first (ties by IRI).

    Examples
    --------
    A nation in two networks bridges its region (in one) and a peer (in the other):

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["mx", "mx-jal", "de"], labels=["Government"])
    >>> g.add_nodes_from(["under2", "friends"], labels=["Network"])
    >>> _ = g.add_edges_from([("mx", "under2", "MEMBER_OF"), ("mx", "friends", "MEMBER_OF"),
    ...                       ("mx-jal", "under2", "MEMBER_OF"), ("de", "friends", "MEMBER_OF")])
    >>> broker_betweenness(g)
    {'mx': 0.6666666666666666, 'de': 0.0, 'mx-jal': 0.0}
    """
    bipartite = membership_graph(graph)
    scores = nx.betweenness_centrality(bipartite, normalized=normalized)
    governments = [n for n, kind in bipartite.nodes(data="kind") if kind == "government"]
    return dict(sorted(((g, scores[g]) for g in governments), key=lambda item: (-item[1], item[0])))
