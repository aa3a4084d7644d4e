"""Summaries of a built graph: triples per graph, entities per class, facts per source."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pyoxigraph import Store

from ..graph.sparql import run_sparql
from ..query.checklist import coverage

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
    """The summary tables of a graph."""

    triples_per_graph: pd.DataFrame
    entities_per_class: pd.DataFrame
    facts_per_source: pd.DataFrame
    per_country: pd.DataFrame | None = None
    per_network: pd.DataFrame | None = None
    under2: pd.DataFrame | None = None
    seed_facts: pd.DataFrame | None = None

    def as_text(self) -> str:
        def block(title: str, df: pd.DataFrame | None, index: bool = False) -> str:
            if df is None:
                return ""
            return f"{title}\n" + (df.to_string(index=index) if len(df) else "  (none)") + "\n"

        return "\n".join(b for b in [
            block("Triples per named graph", self.triples_per_graph),
            block("Entities per class", self.entities_per_class),
            block("Facts per source document", self.facts_per_source),
            block("Entities per country and class", self.per_country, index=True),
            block("Members per network", self.per_network),
            block("Under2 Coalition members, by the case or import that lists them", self.under2),
            block("Seed facts held as structure, per document (loaders/checklists/)", self.seed_facts),
        ] if b)


def _strip(df: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    df[column] = df[column].str.removeprefix(prefix)
    return df


def stats(store: Store, detail: bool = True) -> Stats:
    """Count what ``store`` holds; ``detail`` adds the per-country and per-network tables."""
    facts = _strip(run_sparql(store, _FACTS_PER_SOURCE), "source", "https://w3id.org/cca-graph/id/source/")
    result = Stats(
        triples_per_graph=_strip(run_sparql(store, _TRIPLES_PER_GRAPH), "graph", "https://w3id.org/cca-graph/graph/"),
        entities_per_class=_strip(run_sparql(store, _ENTITIES_PER_CLASS), "class", "https://w3id.org/cca-graph/ontology#"),
        facts_per_source=facts.drop(columns=["title"]),
    )
    if detail:
        result.per_country = per_country(store)
        result.per_network = per_network(store)
        result.under2 = reconciliation(store, "under2-coalition")
        result.seed_facts = coverage(store)
    return result


# -- by country, by network -----------------------------------------------------

#: how an entity of each kind reaches the government it belongs to
_TO_GOVERNMENT = (
    "cca:adoptedBy|cca:enactedBy|cca:committedBy|cca:assignedTo|org:member|cca:country|cca:coordinates"
    "|cca:ledBy|(cca:assignedBy/^cca:hasProvision/cca:enactedBy)|(cca:assignedBy/cca:enactedBy)"
    "|(^cca:hasProvision/cca:enactedBy)|(^cca:hasOutcome/cca:adoptedBy)|(cca:about/cca:enactedBy)|cca:about"
)

_PER_COUNTRY = f"""
SELECT ?country ?class (COUNT(DISTINCT ?entity) AS ?n) WHERE {{
  {{ ?entity a cca:Government . BIND(?entity AS ?gov) }}
  UNION
  {{ ?entity a ?c . FILTER(?c != cca:Government && ?c != cca:Citation && ?c != cca:Source)
     ?entity {_TO_GOVERNMENT} ?gov . ?gov a cca:Government }}
  ?entity a ?class . FILTER(STRSTARTS(STR(?class), STR(cca:)))
  ?gov cca:partOf* ?nation . ?nation cca:level <https://w3id.org/cca-graph/id/level/national> ;
      cca:isoCode ?country .
}}
GROUP BY ?country ?class ORDER BY ?country ?class
"""

_PER_NETWORK = """
SELECT ?network (COUNT(DISTINCT ?member) AS ?members) (COUNT(DISTINCT ?m) AS ?memberships) WHERE {
  ?m a cca:Membership ; org:organization ?network ; org:member ?member .
}
GROUP BY ?network ORDER BY DESC(?members) ?network
"""

_NETWORK_SOURCES = """
SELECT ?member ?source WHERE {
  GRAPH ?g { ?m a cca:Membership ; org:organization ?network ; org:member ?member }
  BIND(STRAFTER(STR(?g), "https://w3id.org/cca-graph/graph/") AS ?source)
}
"""


def per_country(store: Store) -> pd.DataFrame:
    """Entities per country (rows) and class (columns); a government's country is the nation it is part of."""
    long = run_sparql(store, _PER_COUNTRY)
    if long.empty:
        return pd.DataFrame()
    long["class"] = long["class"].str.removeprefix("https://w3id.org/cca-graph/ontology#")
    table = long.pivot_table(index="country", columns="class", values="n", aggfunc="sum", fill_value=0)
    return table.reindex(sorted(table.columns), axis=1).sort_index()


def per_network(store: Store) -> pd.DataFrame:
    """Members and memberships per network."""
    df = run_sparql(store, _PER_NETWORK)
    df["network"] = df["network"].str.removeprefix("https://w3id.org/cca-graph/id/")
    return df


def network_sources(store: Store, network: str) -> pd.DataFrame:
    """Each member of ``network`` with the named graphs (case or import) that list it, one row per member.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> members = network_sources(open_store("out"), "under2-coalition")
    >>> members.set_index("member").loc["MX-JAL", "sources"]
    'under2'
    """
    from pyoxigraph import NamedNode

    df = run_sparql(store, _NETWORK_SOURCES.replace("SELECT ?member ?source", "SELECT ?network ?member ?source"),
                    {"network": NamedNode(f"https://w3id.org/cca-graph/id/{network}")})
    if df.empty:
        return pd.DataFrame(columns=["member", "sources"])
    df["member"] = df["member"].str.removeprefix("https://w3id.org/cca-graph/id/")
    grouped = df.groupby("member")["source"].apply(lambda s: " | ".join(sorted(set(s)))).reset_index()
    return grouped.rename(columns={"source": "sources"}).sort_values("member").reset_index(drop=True)


def reconciliation(store: Store, network: str) -> pd.DataFrame:
    """How many members of ``network`` each combination of sources lists."""
    members = network_sources(store, network)
    if members.empty:
        return pd.DataFrame(columns=["sources", "members"])
    counts = members.groupby("sources").size().reset_index(name="members")
    return counts.sort_values(["members", "sources"], ascending=[False, True]).reset_index(drop=True)
