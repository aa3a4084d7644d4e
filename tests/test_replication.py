"""Expected answers of scaled-up and replication-candidates (queries/replication/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``replication_graph`` (the made-up case of tests/data/replication/),
SPARQL and Cypher alike.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from cca_graph import run_sparql
from cca_graph.query.catalogue import get, run_query

from .gapcase import ID, SOURCE, _rows

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


# -- replication/replication-candidates ------------------------------------------------
# The contract: queries/README.md, "Status: how sure each row is (wave 2)".

CONCEPTS = Path(__file__).resolve().parent.parent / "ontology" / "concepts.ttl"
CYPHER = Path(__file__).resolve().parent.parent / "queries" / "replication" / "replication-candidates.cypher"
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEME = ID + "scheme/"


def _related_matches() -> dict[str, set[str]]:
    g = rdflib.Graph().parse(CONCEPTS)
    types = set(g.subjects(SKOS.inScheme, rdflib.URIRef(SCHEME + "instrument-type")))
    domains = set(g.subjects(SKOS.inScheme, rdflib.URIRef(SCHEME + "mandate-domain")))
    found: dict[str, set[str]] = {str(t).rsplit("/", 1)[-1]: set() for t in types}
    for t, d in g.subject_objects(SKOS.relatedMatch):
        assert t in types, f"{t}: skos:relatedMatch from outside the instrument types"
        assert d in domains, f"{t} -> {d}: not a mandate domain"
        found[str(t).rsplit("/", 1)[-1]].add(str(d).rsplit("/", 1)[-1])
    return found


def test_every_instrument_type_maps_to_mandate_domains():
    found = _related_matches()
    assert len(found) == 17 and all(found.values()), {k for k, v in found.items() if not v}
    # the decisions docs/instrument-domains.md gives reasons for
    assert found["carbon-tax"] == {"mitigation", "finance"}
    assert found["mrv-platform"] == {"mrv"}
    assert found["partnership"] == {"coordination"}
    assert "coordination" not in found["carbon-tax"] | found["carbon-price"] | found["emissions-trading"]


def test_the_cypher_mapping_is_the_ontologys():
    # the property graph holds concept keys only, so the Cypher question writes the mapping out
    text = CYPHER.read_text(encoding="utf-8")
    written = {k: set(re.findall(r"'([a-z-]+)'", v)) for k, v in re.findall(r"`([a-z-]+)`: \[([^\]]*)\]", text)}
    assert written == _related_matches()


@pytest.fixture(scope="module")
def replication_graph(tmp_path_factory):
    """The made-up case of tests/data/replication/ built and pushed to a Neo4j of its own."""
    from .conftest import DATA, built_and_pushed

    with built_and_pushed(tmp_path_factory.mktemp("replication"), DATA / "replication") as graph:
        yield graph


def _own_types(store, government):
    df = run_sparql(store, f"""SELECT DISTINCT ?key WHERE {{ ?i cca:adoptedBy <{ID}{government}> ;
        cca:instrumentType/skos:notation ?key }}""")
    return set(df["key"])


def _both(graph, **params):
    """The question on both engines: the same rows."""
    store, url = graph if len(graph) == 2 else (graph[1], graph[2].url)
    sparql = run_query("replication-candidates", store=store, **params)
    cypher = run_query("replication-candidates", "cypher", store=store, uri=url, **params)
    assert list(sparql.columns) == get("replication-candidates").columns
    assert cypher.values.tolist() == sparql.values.tolist(), params
    return sparql


RANKED = ["instrument_type", "outcome_evidence", "adopters", "status", "competence"]


def test_made_up_case_ranks_by_measured_outcomes_and_says_why(replication_graph):
    df = _both(replication_graph, government="PY-1")
    # worked out by hand from tests/data/replication/paraguay/case.yaml
    assert _rows(df, *RANKED) == {
        # two measured outcomes (p. 11, p. 12); the scheduled rate and the estimate do not count
        ("carbon-tax", 2, 1, "gap", "mandate py-mandate-finance; mandate py-mandate-mitigation"),
        # three adopters (two in the country, Salto through the network), a scheduled budget only
        ("funding-programme", 0, 3, "gap", "mandate py-mandate-finance"),
        # the survey did not read for it, but a source (p. 30) says Concepción has none
        ("feed-in-tariff", 0, 1, "known-absent", "mandate py-mandate-finance"),
        # not read for: a question to ask. Paraguay's own lack of one (p. 32) is the nation's, not Concepción's;
        # Cordillera's partnership has one measured outcome (p. 22). The competence is the power to conclude
        # agreements (art. 9), never the duty to co-operate (art. 6), which empowers to adopt nothing
        ("partnership", 1, 1, "not-covered", "mandate py-mandate-agreements"),
    }
    tariff = df.set_index("instrument_type").loc["feed-in-tariff"]
    assert tariff["source"] == "rep-doc: art. 5; rep-doc: p. 24; rep-doc: p. 30"
    # the absence of an adaptation instrument (p. 31) is in a domain none of these types covers
    assert not df["source"].str.contains("p. 31|p. 32").any()
    # never proposed: strategy (its nation has one), consultation (it has one),
    # mrv-platform (no mandate in the mrv domain)
    # the runner sorts ascending: measured outcomes outrank adopters, so the carbon tax (2) comes last, after
    # the partnership (1) and the funding programme (none, three adopters)
    assert df["instrument_type"].tolist()[-3:] == ["funding-programme", "partnership", "carbon-tax"]
    tax = df.set_index("instrument_type").loc["carbon-tax"]
    assert tax["why"] == ("measured py-2-tax-co2 of py-2-tax; measured py-2-tax-revenue of py-2-tax; "
                          "py-2-tax by PY-2 (same country)")
    assert tax["source"] == ("rep-doc: art. 2; rep-doc: art. 5; rep-doc: p. 10; rep-doc: p. 11; rep-doc: p. 12; "
                             "rep-survey: scope")
    fund = df.set_index("instrument_type").loc["funding-programme"]
    assert "uy-sa-fund by UY-SA (rep-net)" in fund["why"].split("; ")
    # Rivera shares a reporting platform with it (both role reporter) and a pledge campaign of 401
    # members (campaign.yaml), one more than a network may have to make peers: no peer, so its emissions
    # trading is not in the rows above, and no reason names the platform or the campaign
    assert not df["why"].str.contains("rep-disclosure|rep-campaign|UY-RV").any()


def test_made_up_case_as_of(replication_graph):
    # 2015: the tariff (2021) has not started, Salto joins the network in 2016, the revenue figure
    # runs to 2018, the partnership's to 2019, the law on agreements is of 2016 and the mitigation law
    # of 2020; the survey (2019) still speaks for 2015. The departments' only coordination mandate then
    # is the duty to co-operate (art. 6): a duty of conduct, no competence, so no partnership
    df = _both(replication_graph, government="PY-1", as_of=2015)
    assert _rows(df, *RANKED) == {
        ("carbon-tax", 1, 1, "gap", "mandate py-mandate-finance"),
        ("funding-programme", 0, 2, "gap", "mandate py-mandate-finance"),
    }
    # 2021: the 2019 survey cannot speak for it, so nothing is a gap; the absence of a tariff (p. 30) is
    # not dated and still holds. The campaign had 400 members (one town joined in 2022), so Rivera was a
    # peer through it, and its emissions trading (2013) a candidate: the mitigation law is of 2020
    later = _both(replication_graph, government="PY-1", as_of=2021)
    assert _rows(later, "instrument_type", "adopters", "status") == {
        ("carbon-tax", 1, "not-covered"),
        ("funding-programme", 3, "not-covered"),
        ("feed-in-tariff", 1, "known-absent"),
        ("partnership", 1, "not-covered"),
        ("emissions-trading", 1, "not-covered"),
    }
    ets = later.set_index("instrument_type").loc["emissions-trading"]
    assert ets["why"] == "uy-rv-ets by UY-RV (rep-campaign)"
    assert ets["competence"] == "mandate py-mandate-mitigation"


CARBON_PRICING = {"carbon-tax", "carbon-price", "emissions-trading"}


def test_replication_candidates_on_the_case_material(catalogue_graph):
    # Mexico: the 2012 climate law gives the states powers in climate planning (giz-cca §4.3, arts. 7-9),
    # not in mitigation or finance, and the material does not survey carbon pricing in Mexico:
    # Jalisco is not told it lacks a carbon tax (British Columbia's, giz-cca §4.5).
    jalisco = _both(catalogue_graph, government="MX-JAL")
    assert not set(jalisco["instrument_type"]) & CARBON_PRICING
    # South Africa: the provinces' only recorded mandate is the duty to co-operate (giz-cca §2.2, the
    # three spheres), a duty of conduct: no competence for anything, so Vermont's electric-vehicle
    # partnership and the Future Fund secondments (Under2 peers) are not offered to KwaZulu-Natal
    western_cape = _both(catalogue_graph, government="ZA-WC")
    assert western_cape.empty
    kwazulu = _both(catalogue_graph, government="ZA-KZN")
    assert kwazulu.empty
    # Indonesia's provinces: no province is told it lacks a climate action plan (giz-cca §4.4 records no
    # provincial mandate, and Indonesia's plans are national)
    for province in ("ID-SS", "ID-KI", "ID-KB"):
        assert "climate-action-plan" not in set(_both(catalogue_graph, government=province)["instrument_type"])
    # Baden-Württemberg: the Länder take part in federal law-making (giz-cca §4.1; Basic Law art. 50),
    # a coordination power; four Under2 peers have partnerships (Vermont, South Australia, California, Western
    # Cape; the Yucatán Peninsula's inter-state carbon programme, under2-2017-highlights §2, Future Fund, names
    # no state, so no peer government), which the German material was not read for at the regional level: a
    # question to ask, not a gap
    bw = _both(catalogue_graph, government="DE-BW")
    assert _rows(bw, *RANKED) == {("partnership", 0, 4, "not-covered", "mandate de-mandate-bundesrat-legislation")}
    assert set(bw["why"].iloc[0].split("; ")) == {
        "under2-case-vermont-ev-partnership by US-VT (under2-coalition)",
        "under2-ff-secondment-gujarat-south-australia by AU-SA (under2-coalition)",
        "under2-ff-secondment-western-cape-california by US-CA (under2-coalition)",
        "under2-ff-secondment-western-cape-california by ZA-WC (under2-coalition)",
    }
    assert all(SOURCE.match(s) for s in bw["source"].iloc[0].split("; "))
    # a type the government or its nation has is never a candidate
    for government, df in (("MX-JAL", jalisco), ("DE-BW", bw)):
        held = _own_types(catalogue_graph[1], government) | _own_types(catalogue_graph[1], government.split("-")[0])
        assert not set(df["instrument_type"]) & held, government


def test_the_brief_tells_each_status_apart(replication_graph):
    """Section 7 of a brief on the made-up case: a known absence, what was surveyed and not found, and
    the questions to ask, each under its own heading; nothing not looked at reads as a lack."""
    from cca_graph.present.briefs.model import Heading, Note, Table
    from cca_graph.present.briefs.sections import replication
    from cca_graph.present.briefs.sections.context import Context

    section = replication.build(Context(replication_graph[0], "PY", "en"))
    found: dict[str, set[str]] = {}
    notes: dict[str, str] = {}
    heading = None
    for block in section.blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            found[heading] = {"".join(str(p) for p in row.cells[1]) for row in block.rows}
        elif isinstance(block, Note) and heading not in notes:
            notes[heading] = "".join(str(p) for p in block.parts)
    # the rows of test_made_up_case_ranks_by_measured_outcomes_and_says_why, by status
    assert found == {"Candidates: known absences": {"feed-in tariff"},
                     "Candidates: surveyed and not found": {"carbon tax", "funding programme"},
                     "Candidates: not looked at": {"partnership (whether one is in place is not known)"}}
    questions = notes["Candidates: not looked at"]
    assert "may well have one" in questions and "not a finding that they lack" in questions
    assert "a source states" in notes["Candidates: known absences"]
    # who counts as a peer is said once, under the first heading of candidates; no heading stands empty above
    # another, and none over the candidates' headings
    said = ["".join(str(p) for p in b.parts) for b in section.blocks if isinstance(b, Note)]
    assert sum("at most 400 members" in n for n in said) == 1
    assert "Candidates: what peers adopted" not in [b.text for b in section.blocks if isinstance(b, Heading)]
    assert not [(a.text, b.text) for a, b in zip(section.blocks, section.blocks[1:])
                if isinstance(a, Heading) and isinstance(b, Heading)]
    assert not isinstance(section.blocks[-1], Heading)


def test_a_candidate_not_looked_at_is_a_question_to_raise(replication_graph):
    """The top of a brief on the made-up case: the partnership Concepción's peers hold, which nothing
    surveys and which has a measured outcome (test_made_up_case_ranks_by_measured_outcomes_and_says_why),
    is a question in "What to raise", and the candidates a source or a survey settles are not asked about."""
    from cca_graph.present.briefs.model import plain
    from cca_graph.present.briefs.sections import messages
    from cca_graph.present.briefs.sections.context import Context

    asked = [plain(item.parts) for item in messages.to_raise(Context(replication_graph[0], "PY", "en"))]
    candidates = [t for t in asked if t.startswith("Ask whether Concepción has a ")]
    assert len(candidates) == 1 and candidates[0].startswith("Ask whether Concepción has a partnership, as its peers do")
    # its status, in the word the brief's legend explains once ("not looked at": a question to ask)
    assert candidates[0].endswith(": not looked at.")
    assert not any(word in t for t in asked for word in ("feed-in tariff", "carbon tax", "funding programme"))
