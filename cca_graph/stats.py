"""Summaries of a built graph: triples per graph, entities per class, facts per source."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pyoxigraph import Store

from .sparql import run_sparql

__all__ = ["Stats", "stats"]

_TRIPLES_PER_GRAPH = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
"""

_ENTITIES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  GRAPH ?g { ?entity a ?class }
  FILTER (?g != <https://w3id.org/cca-graph/graph/vocabulary>)
  FILTER (STRSTARTS(STR(?class), STR(cca:)))
}
GROUP BY ?class ORDER BY ?class
"""

_FACTS_PER_SOURCE = """
SELECT ?source ?title (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?source a cca:Source ; dcterms:title ?title .
  OPTIONAL { ?fact dcterms:source ?source . FILTER NOT EXISTS { ?fact a cca:Citation } }
}
GROUP BY ?source ?title ORDER BY ?source
"""


@dataclass
class Stats:
    """The three summary tables of a graph."""

    triples_per_graph: pd.DataFrame
    entities_per_class: pd.DataFrame
    facts_per_source: pd.DataFrame

    def as_text(self) -> str:
        def block(title: str, df: pd.DataFrame) -> str:
            return f"{title}\n" + (df.to_string(index=False) if len(df) else "  (none)") + "\n"

        return "\n".join([
            block("Triples per named graph", self.triples_per_graph),
            block("Entities per class", self.entities_per_class),
            block("Facts per source document", self.facts_per_source),
        ])


def _strip(df: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    df[column] = df[column].str.removeprefix(prefix)
    return df


def stats(store: Store) -> Stats:
    """Count what ``store`` holds."""
    return Stats(
        triples_per_graph=_strip(run_sparql(store, _TRIPLES_PER_GRAPH), "graph", "https://w3id.org/cca-graph/graph/"),
        entities_per_class=_strip(run_sparql(store, _ENTITIES_PER_CLASS), "class", "https://w3id.org/cca-graph/ontology#"),
        facts_per_source=_strip(run_sparql(store, _FACTS_PER_SOURCE), "source", "https://w3id.org/cca-graph/id/source/"),
    )
