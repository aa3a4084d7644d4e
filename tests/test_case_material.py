"""Lint of the bundled case material against the documents it cites."""
from __future__ import annotations

import re

import pytest
import yaml

from cca_graph import run_sparql
from cca_graph.resources import loaders_dir

from .conftest import SEEDS


def _seed_keys() -> dict[str, str]:
    """Source key -> seed file, from the seeds' own README table."""
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    return {key: name for name, key in re.findall(r"^\|\s*(\S+\.txt)\s*\|\s*`([^`]+)`", readme, re.M)}


def _records():
    for path in sorted(loaders_dir().glob("*/*.yaml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))["records"]:
            yield path, record


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_texts():
    return {key: _squeeze((SEEDS / name).read_text(encoding="utf-8")) for key, name in _seed_keys().items()}


def test_the_five_seed_documents_are_registered():
    registered = {s["key"] for s in yaml.safe_load((loaders_dir() / "sources.yaml").read_text(encoding="utf-8"))["sources"]}
    assert len(_seed_keys()) == 5
    assert set(_seed_keys()) <= registered


def test_every_chinese_label_is_found_in_a_document_it_cites(seed_texts):
    checked, missing = 0, []
    for path, record in _records():
        label = record.get("label")
        if not isinstance(label, dict) or "zh" not in label:
            continue
        cites = record["source"] if isinstance(record["source"], list) else [record["source"]]
        docs = [c["doc"] for c in cites if c["doc"] in seed_texts]
        checked += 1
        if not any(_squeeze(label["zh"]) in seed_texts[d] for d in docs):
            missing.append(f"{path.name}: {record['id']}: {label['zh']!r} not in {docs}")
    assert missing == []
    assert checked >= 10


def test_every_record_cites_a_locator():
    for path, record in _records():
        cites = record["source"] if isinstance(record["source"], list) else [record["source"]]
        assert cites and all(str(c.get("locator", "")).strip() for c in cites), f"{path}: {record['id']}"


ISSUE_COUNTRIES = ["MX", "CA", "ID", "ZA", "CR", "DE", "FR", "GE", "JP", "KR", "IN", "CN", "US",
                   "BR", "CO", "BD", "LA", "RW"]


def test_stats_lists_every_case_country(built):
    from .conftest import run_cli

    text = run_cli("stats", "--graph", str(built)).stdout
    table = text.split("Entities per country and class")[1].split("\n\n")[0]
    for country in ISSUE_COUNTRIES:
        assert re.search(rf"^{country}\s+\d", table, re.M), f"{country} missing"


def test_every_country_of_the_case_material_has_a_coverage_record(store):
    from cca_graph import run_sparql

    df = run_sparql(store, """
        SELECT ?iso WHERE {
          GRAPH ?g { ?nation a cca:Government ; cca:level <https://w3id.org/cca-graph/id/level/national> ; cca:isoCode ?iso }
          FILTER NOT EXISTS { ?record a cca:CoverageRecord ; cca:country ?nation }
        } ORDER BY ?iso""")
    assert list(df["iso"]) == []
    covered = run_sparql(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?r a cca:CoverageRecord ; cca:country ?c }")
    assert covered.loc[0, "n"] >= len(ISSUE_COUNTRIES)


def test_known_absences_are_recorded_apart_from_missing_records(store):
    from cca_graph import run_sparql

    df = run_sparql(store, """
        SELECT ?about ?level WHERE { ?a a cca:KnownAbsence ; cca:about ?about ; cca:toLevel/skos:notation ?level ;
                                       cca:absentClass cca:Mandate }""")
    assert ("https://w3id.org/cca-graph/id/mx-lgcc", "local") in set(map(tuple, df.values.tolist()))


# -- the Under2 roster of the 2017 highlights is case material ----------------------------------

def test_the_under2_roster_is_in_the_default_graph(store):
    # the "about us" list prints 133 signatory names (Jämtland and Härjedalen are one region) and 20
    # endorsements (the Netherlands twice): 132 signatories and 19 endorsers (hand count of the text)
    roles = run_sparql(store, """
        SELECT ?role (COUNT(DISTINCT ?member) AS ?n) WHERE {
          ?m a cca:Membership ; org:organization id:under2-coalition ; org:member ?member ;
             org:role ?r ; cca:observedYear 2017 . ?r skos:notation ?role }
        GROUP BY ?role""")
    counts = dict(zip(roles["role"], roles["n"]))
    assert counts["signatory"] == 132 and counts["endorser"] == 19
    # a donor to the Future Fund is not thereby a member: Alberta is not in the printed list
    assert not run_sparql(store, "ASK { id:CA-AB cca:memberOf id:under2-coalition }")["ask"][0]
    # associations print among the members; they are organisations, not governments
    kinds = run_sparql(store, """SELECT ?m WHERE { ?x org:organization id:under2-coalition ; org:member ?m .
                                 ?m a cca:Organization }""")
    assert len(kinds) == 2


@pytest.mark.parametrize("name", ["network-asymmetry", "network-overlap", "brokers"])
def test_the_network_questions_answer_on_the_default_graph(store, name):
    from cca_graph import run_query

    params = {"country": "US"} if name == "network-asymmetry" else {}
    assert len(run_query(name, store=store, **params)) > 0
