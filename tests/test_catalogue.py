"""The query catalogue: every question answers alike on SPARQL, Cypher and networkx."""
from __future__ import annotations

import re

import pytest

from cca_graph import run_sparql
from cca_graph.errors import UnknownNameError
from cca_graph.query.catalogue import ENGINES, catalogue, run_query

from .conftest import REPO, run_cli, run_notebook

QUERIES = catalogue()
CATALOGUE_V1 = ["mandate-without-instrument", "level-without-mandate", "target-misalignment", "reporting-gap",
                "coordination-gap", "unfunded-mandate", "network-asymmetry", "scaled-up", "replication-candidates",
                "pledge-integrity", "network-overlap", "brokers"]


def _countries(store) -> list[str]:
    return sorted(run_sparql(store, """SELECT DISTINCT ?iso WHERE { GRAPH ?g { ?n cca:isoCode ?iso ;
        cca:level <https://w3id.org/cca-graph/id/level/national> }
        FILTER(!STRSTARTS(STR(?g), "https://w3id.org/cca-graph/graph/import-")) }""")["iso"])


#: governments replication-candidates is always asked for: one or more per case country, each with
#: a story in the documents (a state law, a carbon price, a platform, a pledge)
NAMED_GOVERNMENTS = ("CA-BC", "DE-BW", "ID-JK", "IN-OD", "JP-13", "KR-11", "MX-JAL", "US-CA", "ZA-WC", "ZA-GP")


def _governments(store) -> list[str]:
    """Regional and local governments of the case material (replication-candidates takes one).

    The named ones, and the first of each country and level: each answer takes about a
    second, and the 287 governments of the case material would take minutes on both engines.
    """
    df = run_sparql(store, """SELECT DISTINCT ?g ?l ?n WHERE { GRAPH ?c { ?g a cca:Government ; cca:level ?l }
        ?g cca:partOf+ ?n . ?n cca:level <https://w3id.org/cca-graph/id/level/national>
        FILTER(?l != <https://w3id.org/cca-graph/id/level/national>)
        FILTER(!STRSTARTS(STR(?c), "https://w3id.org/cca-graph/graph/import-")) }""")
    chosen, seen = set(NAMED_GOVERNMENTS), {}
    for g, level, nation in sorted(zip(df["g"], df["l"], df["n"])):
        key = (nation, level)
        if seen.get(key, 0) < 1:
            seen[key] = seen.get(key, 0) + 1
            chosen.add(g.rsplit("/", 1)[-1])
    return sorted(chosen)


def test_every_question_of_the_design_is_in_the_catalogue():
    missing = [name for name in CATALOGUE_V1 if name not in QUERIES]
    assert missing == []


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_has_a_full_header_and_both_languages(name):
    q = QUERIES[name]
    assert q.question.endswith("?") and q.columns and q.no_rows
    assert {"sparql", "cypher"} <= set(q.files)
    for path in q.files.values():
        text = path.read_text(encoding="utf-8")
        assert "no rows means" in text
        # parameters are bound, never formatted into the text
        assert "{" + "country" + "}" not in text and "%s" not in text


#: years a question is asked as of, besides the default (the year of each fact's source): before
#: most sources, between them, and after the newest
AS_OF = (2012, 2019, 2030)


def _parameter_sets(q, store):
    kinds = {p.name: p.kind for p in q.parameters if not p.optional}
    optional = {p.name: p.kind for p in q.parameters if p.optional}
    if not kinds:
        sets = [{}]
    elif set(kinds) == {"country"}:
        sets = [{"country": c} for c in _countries(store)]
    elif set(kinds) == {"government"}:
        sets = [{"government": g} for g in _governments(store)]
    else:
        raise AssertionError(f"no test values for the parameters {kinds} of {q.name}")
    if set(optional) - {"as_of"}:
        raise AssertionError(f"no test values for the optional parameters {optional} of {q.name}")
    if "as_of" in optional:
        # the case countries with dated records (not all 56 countries: the suite stays quick)
        dated = ("CA", "DE", "ID", "KR", "MX", "US", "ZA")
        sets += [{**s, "as_of": year} for s in sets for year in AS_OF
                 if s.get("country") in dated or s.get("government") in NAMED_GOVERNMENTS]
    return sets


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_sparql_and_cypher_give_the_same_rows(catalogue_graph, name):
    out, store, neo4j = catalogue_graph
    q = QUERIES[name]
    answered = 0
    for params in _parameter_sets(q, store):
        sparql = run_query(name, "sparql", store=store, **params)
        cypher = run_query(name, "cypher", store=store, uri=neo4j.url, **params)
        assert list(sparql.columns) == q.columns
        assert sparql.values.tolist() == cypher.values.tolist(), f"{name} {params}"
        if "networkx" in q.engines:
            nx_rows = run_query(name, "networkx", store=store, **params)
            assert sparql.values.tolist() == nx_rows.values.tolist(), f"{name} {params} (networkx)"
        answered += len(sparql)
    assert answered > 0, f"{name} answers nothing for any country of the case material"


def test_an_unknown_country_is_an_error_not_an_empty_table(catalogue_graph):
    _, store, _ = catalogue_graph
    with_country = [n for n, q in QUERIES.items() if any(p.kind == "iso" for p in q.parameters)]
    assert with_country
    for name in with_country:
        with pytest.raises(UnknownNameError, match="neither an ISO 3166-1"):
            run_query(name, store=store, country="ZZ")
    proc = run_cli("query", with_country[0], "--country", "XX", "--graph", str(catalogue_graph[0]), check=False)
    assert proc.returncode == 1 and "neither an ISO 3166-1 alpha-2 code nor the name of a country" in proc.stderr


def test_queries_lists_every_question():
    text = run_cli("queries").stdout
    for name, q in QUERIES.items():
        assert f"{q.group}/{name}" in text and q.question in text


def test_catalogue_page_is_current():
    from cca_graph.present.querydoc import render_catalogue

    assert (REPO / "docs" / "queries.md").read_text(encoding="utf-8") == render_catalogue(), "run `make generate`"


def test_engines_are_known():
    for q in QUERIES.values():
        assert set(q.engines) <= set(ENGINES)
        assert re.fullmatch(r"[a-z-]+", q.name)


def test_researcher_notebook_runs_and_the_engines_agree(catalogue_graph, monkeypatch):
    out, _, neo4j = catalogue_graph
    monkeypatch.setenv("CCA_GRAPH_OUT", str(out))
    monkeypatch.setenv("CCA_GRAPH_BOLT", neo4j.url)
    printed = run_notebook("researcher", timeout=900)
    assert printed.count("same: True") == 5 and "same: False" not in printed
    assert re.search(r"\d+ sources; the largest supports \d+ facts", printed)


def test_a_list_cell_of_iris_is_shortened_item_by_item():
    """SPARQL joins a list cell's items with U+001F; each IRI of it becomes its id, as the other engines give.

    pledge-integrity's evidence for Jalisco at registry scale lists a membership and a disclosure;
    the first item being an IRI once made the whole cell one id with a full IRI glued to it.
    """
    import pandas as pd

    from cca_graph.query.catalogue import normalise_frame

    base = "https://w3id.org/cca-graph/id/"
    cell = f"{base}ms.b\x1f{base}ms.a\x1fno plan recorded"
    frame = normalise_frame(pd.DataFrame({"evidence": [cell], "pledge": [f"{base}target.x"]}), ["pledge", "evidence"])
    assert frame.to_dict("records") == [{"pledge": "target.x", "evidence": "ms.a; ms.b; no plan recorded"}]
