"""Expected answers of pledge-integrity (queries/integrity/).

Runs on the ``catalogue_graph`` fixture (bundled case material + the Under2 roster
import, pushed to a real Neo4j): SPARQL always, Cypher and networkx where named.
"""
from __future__ import annotations

import re

import pytest

from cca_graph import run_sparql
from cca_graph.project.nxgraph import to_networkx
from cca_graph.query.catalogue import get, run_query

ID = "https://w3id.org/cca-graph/id/"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]*: .+")


@pytest.fixture(scope="module")
def nx_graph(catalogue_graph):
    return to_networkx(catalogue_graph[1])


def _rows(df, *columns):
    return {tuple(row) for row in df[list(columns)].itertuples(index=False, name=None)}


# -- integrity/pledge-integrity -------------------------------------------------------

def _check_keys(store):
    return set(run_sparql(store, "SELECT ?k WHERE { ?c a cca:IntegrityCriterion ; cca:checkKey ?k }")["k"])


def test_pledge_integrity_of_seouls_net_zero_pledge(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = run_query("pledge-integrity", store=store, country="KR")
    assert list(df.columns) == get("pledge-integrity").columns
    assert set(df["pledge"]) == {"kr-seoul-net-zero-2050"} and set(df["government"]) == {"KR-11"}
    assert set(df["target_year"]) == {2050}
    # every criterion of the UN expert group is checked
    assert set(df["criterion"]) == _check_keys(store)
    # what the data lacks is "no record", never "no"
    assert set(df["met"]) == {"yes", "no record"}
    assert "no" not in set(df["met"]) and "not met" not in set(df["met"])
    met = {c: set(df[df["criterion"] == c]["met"]) for c in set(df["criterion"])}
    assert met["net-zero"] == {"yes"}
    assert met["transition-plan"] == {"yes"}
    assert met["interim-targets"] == {"no record"}
    assert met["annual-reporting"] == {"no record"}
    assert met["third-party-verification"] == {"no record"}
    plan = df[df["criterion"] == "transition-plan"]
    assert set(plan["evidence"]) == {"kr-seoul-one-less-npp", "kr-seoul-one-less-npp-phase-2"}
    interim = df[df["criterion"] == "interim-targets"]
    assert set(interim["requirement"]) == {"target year 2025", "target year 2030", "target year 2035"}
    assert set(interim["evidence"]) == {f"no commitment with target year {y} recorded" for y in (2025, 2030, 2035)}
    # "no record" rows cite the UN expert group's recommendation that sets the criterion
    assert all(s.startswith("un-hleg-net-zero-2022: ") for s in df[df["met"] == "no record"]["source"])
    assert all(SOURCE.match(s) for s in df["source"])
    cypher = run_query("pledge-integrity", "cypher", store=store, uri=neo4j.url, country="KR")
    assert cypher.values.tolist() == df.values.tolist()


def test_pledge_integrity_is_empty_without_a_subnational_pledge(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # Mexico's case material holds no net-zero pledge of a state or municipality;
    # the US has national commitments only
    for country in ("MX", "US"):
        assert run_query("pledge-integrity", store=store, country=country).empty
        assert run_query("pledge-integrity", "cypher", store=store, uri=neo4j.url, country=country).empty
