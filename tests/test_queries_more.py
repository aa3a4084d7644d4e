"""Expected answers of the replication, integrity and network questions of the catalogue.

Runs on the ``catalogue_graph`` fixture (bundled case material + the Under2 roster
import, pushed to a real Neo4j): SPARQL always, Cypher and networkx where named.
"""
from __future__ import annotations

import re

import pytest

from cca_graph import run_sparql
from cca_graph.query.networks import broker_betweenness, membership_graph
from cca_graph.project.nxgraph import to_networkx
from cca_graph.query.catalogue import get, run_query

ID = "https://w3id.org/cca-graph/id/"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]*: .+")


@pytest.fixture(scope="module")
def nx_graph(catalogue_graph):
    return to_networkx(catalogue_graph[1])


def _rows(df, *columns):
    return {tuple(row) for row in df[list(columns)].itertuples(index=False, name=None)}


# -- replication/scaled-up ------------------------------------------------------------

SCALED_UP = {
    ("CA", "ca-federal-carbon-price", "scaled-up-from", "ca-bc-carbon-tax", "CA-BC", "regional"),
    ("JP", "jp-carbon-pricing-expert-panel", "inspired-by", "jp-tokyo-ets", "JP-13", "regional"),
    ("JP", "jp-carbon-pricing-expert-panel", "inspired-by", "jp-saitama-ets", "JP-11", "regional"),
    ("IN", "in-storm-water-drainage-manual", "scaled-up-from", "in-bhubaneswar-mu-saviour", "IN-OD.bhubaneswar",
     "local"),
}


@pytest.mark.parametrize("engine", ["sparql", "cypher"])
def test_scaled_up_finds_the_three_subnational_to_national_moves(catalogue_graph, engine):
    _, store, neo4j = catalogue_graph
    df = run_query("scaled-up", engine, store=store, uri=neo4j.url)
    assert list(df.columns) == get("scaled-up").columns
    found = _rows(df, "country", "instrument", "link", "origin", "origin_government", "origin_level")
    assert found == SCALED_UP
    # national-to-national diffusion (the Talanoa dialogues inspired by Fiji's) is not a scale-up
    assert not df["origin"].str.contains("talanoa").any()
    assert set(df["origin_level"]) <= {"regional", "local"}
    labels = dict(zip(df["instrument"], df["instrument_label"]))
    assert labels["ca-federal-carbon-price"] == "Canadian federal carbon price"
    assert all(SOURCE.match(s) and s.startswith("giz-cca: §") for s in df["source"])


# -- replication/replication-candidates -----------------------------------------------

def _own_types(store, government):
    df = run_sparql(store, f"""SELECT DISTINCT ?key WHERE {{ ?i cca:adoptedBy <{ID}{government}> ;
        cca:instrumentType/skos:notation ?key }}""")
    return set(df["key"])


def test_replication_candidates_for_jalisco(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = run_query("replication-candidates", store=store, government="MX-JAL")
    assert list(df.columns) == get("replication-candidates").columns
    assert len(df) > 0 and set(df["government"]) == {"MX-JAL"}
    # every candidate carries a competence: Mexico's climate law gives states powers (art. 8)
    assert df["competence"].notna().all()
    assert set(df["competence"]) == {"mandate mx-mandate-state-competences"}
    # British Columbia (an Under2 peer at the same level) has the carbon tax with two measured outcomes
    tax = df[df["instrument_type"] == "carbon-tax"]
    assert _rows(tax, "outcome_evidence", "adopters", "example_instrument") == {(2, 1, "ca-bc-carbon-tax")}
    # several Under2 regions have partnerships: counted once per peer
    partnership = df[df["instrument_type"] == "partnership"]
    assert set(partnership["adopters"]) == {4} and set(partnership["outcome_evidence"]) == {0}
    # rank columns come first: the runner's ascending sort puts the strongest candidate last
    assert list(df.columns[1:3]) == ["outcome_evidence", "adopters"]
    assert df.iloc[-1]["instrument_type"] == "carbon-tax"
    # a type Jalisco already has is never a candidate
    assert not set(df["instrument_type"]) & _own_types(store, "MX-JAL")
    assert all(isinstance(v, int) for v in df["outcome_evidence"]) and all(isinstance(v, int) for v in df["adopters"])
    assert all(SOURCE.match(s) for s in df["source"])
    cypher = run_query("replication-candidates", "cypher", store=store, uri=neo4j.url, government="MX-JAL")
    assert cypher.values.tolist() == df.values.tolist()


def test_replication_candidates_say_when_no_mandate_is_recorded(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # no mandate for US states is recorded at all: kept, marked "no mandate recorded"
    df = run_query("replication-candidates", store=store, government="US-CA")
    assert len(df) > 0 and set(df["competence"]) == {"no mandate recorded"}
    assert "carbon-tax" in set(df["instrument_type"])
    assert not set(df["instrument_type"]) & _own_types(store, "US-CA")   # California has regulation, partnership
    for government in ("DE-BW", "ZA-WC"):
        rows = run_query("replication-candidates", store=store, government=government)
        assert len(rows) > 0 and all(c.startswith("mandate ") for c in rows["competence"]), government
        assert rows.values.tolist() == run_query("replication-candidates", "cypher", store=store, uri=neo4j.url,
                                           government=government).values.tolist()


def test_replication_candidates_need_peers(catalogue_graph):
    _, store, _ = catalogue_graph
    # Seoul shares no recorded network with another region: no peers, no candidates
    df = run_query("replication-candidates", store=store, government="KR-11")
    assert df.empty and list(df.columns) == get("replication-candidates").columns


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
