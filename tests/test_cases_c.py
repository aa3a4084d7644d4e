"""Curated cases C: China–US Glasgow declaration, Under2 2017 highlights, UN HLEG
net-zero integrity criteria, and the coverage records written with them.

Each test asserts one characteristic fact of a case, taken from its source
document, together with the locator that points to it.
"""
from __future__ import annotations

import pytest

from cca_graph import run_sparql

ID = "https://w3id.org/cca-graph/id/"


def test_china_us_us_pledges_carbon_free_power_by_2035(store):
    """China–US Joint Glasgow Declaration §9(2): the US goal of 100% carbon-pollution-free power by 2035."""
    df = run_sparql(store, """
        SELECT ?c ?year ?value ?loc WHERE {
          ?c a cca:Commitment ;
             cca:committedBy id:US ;
             cca:commitmentType <https://w3id.org/cca-graph/id/commitment-type/clean-power> ;
             cca:targetYear ?year ;
             cca:targetValue ?value ;
             dcterms:source <https://w3id.org/cca-graph/id/source/china-us-glasgow-2021> ;
             cca:citation/cca:locator ?loc .
        }""")
    assert len(df) == 1
    row = df.iloc[0]
    assert int(row["year"]) == 2035
    assert float(row["value"]) == 100
    assert "§9 item (2)" in row["loc"]


def test_under2_annual_disclosure_had_110_governments_in_2017(store):
    """Under2 2017 highlights, §3 Transparency: 110 governments disclosed in 2017 through Annual Disclosure."""
    df = run_sparql(store, """
        SELECT ?instrument ?value ?loc WHERE {
          ?instrument a cca:Instrument ;
             cca:instrumentType <https://w3id.org/cca-graph/id/instrument-type/mrv-platform> ;
             cca:adoptedBy id:under2-coalition ;
             cca:hasOutcome ?o .
          ?o cca:value ?value ; cca:unit "governments" ; cca:periodEnd 2017 ;
             cca:citation/cca:locator ?loc .
        }""")
    assert len(df) == 1
    assert df.iloc[0]["instrument"] == ID + "under2-annual-disclosure"
    assert float(df.iloc[0]["value"]) == 110
    assert "§3 Transparency" in df.iloc[0]["loc"]


def test_un_hleg_interim_targets_criterion_requires_2025_2030_2035(store):
    """UN HLEG report, Recommendation 1: interim targets for 2025, 2030 and 2035, for regions and cities."""
    df = run_sparql(store, """
        SELECT ?crit ?year ?notation ?loc WHERE {
          ?crit a cca:IntegrityCriterion ;
                cca:checkKey "interim-targets" ;
                cca:requiresTargetYear ?year ;
                cca:appliesToLevel <https://w3id.org/cca-graph/id/level/local> ;
                cca:basedOn ?rec ;
                cca:citation/cca:locator ?loc .
          ?rec skos:notation ?notation .
        }""")
    assert len(df) > 0
    assert {int(y) for y in df["year"]} == {2025, 2030, 2035}
    assert "R1" in set(df["notation"])
    assert any("Recommendation 1" in loc for loc in df["loc"])


def test_mexico_coverage_includes_the_local_level(store):
    """mx-coverage: the Mexico material was read down to municipalities (LGCC art. 9, Puerto Vallarta)."""
    df = run_sparql(store, """
        SELECT ?rec ?loc WHERE {
          ?rec a cca:CoverageRecord ;
               cca:country id:MX ;
               cca:coversLevel <https://w3id.org/cca-graph/id/level/local> ;
               cca:coversMandateDomain <https://w3id.org/cca-graph/id/mandate-domain/climate-planning> ;
               cca:citation/cca:locator ?loc .
        }""")
    assert set(df["rec"]) == {ID + "mx-coverage"}
    assert any("§4.3" in loc for loc in df["loc"])


def test_canada_coverage_includes_carbon_tax(store):
    """ca-coverage: the Canada material was read for British Columbia's carbon tax (giz-cca §4.5)."""
    df = run_sparql(store, """
        SELECT ?rec ?loc WHERE {
          ?rec a cca:CoverageRecord ;
               cca:country id:CA ;
               cca:coversInstrumentType <https://w3id.org/cca-graph/id/instrument-type/carbon-tax> ;
               cca:citation/cca:locator ?loc .
        }""")
    assert set(df["rec"]) == {ID + "ca-coverage"}
    assert any("§4.5" in loc for loc in df["loc"])


def test_indonesia_coverage_includes_mrv_platforms(store):
    """id-coverage: the Indonesia material was read for PEP-Online / AKSARA (giz-cca §4.6)."""
    df = run_sparql(store, """
        SELECT ?rec ?loc WHERE {
          ?rec a cca:CoverageRecord ;
               cca:country id:ID ;
               cca:coversInstrumentType <https://w3id.org/cca-graph/id/instrument-type/mrv-platform> ;
               cca:citation/cca:locator ?loc .
        }""")
    assert set(df["rec"]) == {ID + "id-coverage"}
    assert any("§4.6" in loc for loc in df["loc"])


# country, level it must cover, the source it must cite, a piece of the locator
OTHER_COVERAGE = [
    ("CN", "national", "china-us-glasgow-2021", "§1–§16"),
    ("US", "national", "china-us-glasgow-2021", "§8 item (2)"),
    ("AU", "regional", "under2-2017-highlights", "Future Fund"),
    ("GB", "regional", "under2-2017-highlights", "Future Fund"),
    ("ES", "regional", "under2-2017-highlights", "footnote 1"),
    ("IT", "regional", "under2-2017-highlights", "steering group"),
    ("NG", "regional", "under2-2017-highlights", "Future Fund"),
]


@pytest.mark.parametrize("country,level,doc,locator", OTHER_COVERAGE)
def test_coverage_record_of_country(store, country, level, doc, locator):
    """<cc>-coverage of the countries defined in china-us/ and under2/: level covered and cited passage."""
    df = run_sparql(store, f"""
        SELECT ?rec ?loc WHERE {{
          ?rec a cca:CoverageRecord ;
               cca:country id:{country} ;
               cca:coversLevel <https://w3id.org/cca-graph/id/level/{level}> ;
               cca:citation ?c .
          ?c cca:locator ?loc ; dcterms:source <https://w3id.org/cca-graph/id/source/{doc}> .
        }}""")
    assert set(df["rec"]) == {ID + country.lower() + "-coverage"}
    assert any(locator in loc for loc in df["loc"])
