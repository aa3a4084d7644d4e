"""What the gap tests share: the status values, row helpers, and the two-engine check."""
from __future__ import annotations

import re

from cca_graph import run_sparql
from cca_graph.query.catalogue import get, run_query

ID = "https://w3id.org/cca-graph/id/"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]*: .+")
ENGINES = ["sparql", "cypher"]
#: the status contract (DESIGN.md, "Saying how sure"; queries/README.md, "Status")
STATUSES = {"gap", "known-absent", "not-covered", "no-gap"}


def _rows(df, *columns):
    return {tuple(row) for row in df[list(columns)].itertuples(index=False, name=None)}


def _both(name, store, uri, **params):
    """The SPARQL answer, after checking that Cypher gives the same rows."""
    sparql = run_query(name, "sparql", store=store, **params)
    cypher = run_query(name, "cypher", store=store, uri=uri, **params)
    assert list(sparql.columns) == get(name).columns
    assert sparql.values.tolist() == cypher.values.tolist(), f"{name} {params}"
    return sparql


def _regional(store, country):
    df = run_sparql(store, f"""SELECT ?g WHERE {{ ?n cca:isoCode "{country}" ;
        cca:level <{ID}level/national> . ?g cca:partOf+ ?n ; cca:level <{ID}level/regional> }}""")
    return {g[len(ID):] for g in df["g"]}
