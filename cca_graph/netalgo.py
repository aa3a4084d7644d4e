"""Catalogue questions answered on the networkx projection.

Each function takes the ``MultiDiGraph`` of :func:`cca_graph.nxgraph.to_networkx`
and the question's parameters, and returns a DataFrame with the columns the
question's header names; :func:`cca_graph.queries.run` sorts and compares.
"""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pandas as pd

__all__ = ["FUNCTIONS"]

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
