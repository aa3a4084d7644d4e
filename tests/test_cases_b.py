"""Curated cases B: Japan, South Korea, India, ICLEI model cities, networks (all giz-cca).

Each test asserts one characteristic fact of a case, with the locator it is cited under.
"""
from __future__ import annotations

from cca_graph import run_sparql


def test_japan_national_carbon_pricing_panel_was_inspired_by_the_prefectural_trading_systems(store):
    df = run_sparql(store, """
        SELECT ?ets ?year ?loc WHERE {
          id:jp-carbon-pricing-expert-panel cca:adoptedBy id:JP ;
              cca:inspiredBy ?ets ;
              cca:citation/cca:locator ?loc .
          ?ets cca:instrumentType <https://w3id.org/cca-graph/id/instrument-type/emissions-trading> ;
               cca:adoptedBy/cca:partOf id:JP ;
               cca:startYear ?year .
        }""")
    years = {str(e).rsplit("/", 1)[-1]: int(y) for e, y in zip(df["ets"], df["year"])}
    assert years == {"jp-tokyo-ets": 2010, "jp-saitama-ets": 2011}
    assert any("§2.3" in loc and "日本地方的排放权交易体系大获成功" in loc for loc in df["loc"])
    # the panel is not a scale-up: the text only says it was prompted by the local systems
    scaled = run_sparql(store, "SELECT ?x WHERE { id:jp-carbon-pricing-expert-panel cca:scaledUpFrom ?x }")
    assert scaled.empty


def test_south_korea_seoul_cut_emissions_while_the_country_raised_them_2005_2017(store):
    df = run_sparql(store, """
        SELECT ?o ?value ?start ?end ?loc WHERE {
          id:kr-seoul-one-less-npp cca:adoptedBy id:KR-11 ;
              cca:startYear 2012 ;
              cca:hasOutcome ?o .
          ?o cca:value ?value ; cca:unit "%" ; cca:periodStart ?start ; cca:periodEnd ?end ;
             cca:citation/cca:locator ?loc .
        }""")
    got = {str(o).rsplit("/", 1)[-1]: (float(v), int(s), int(e)) for o, v, s, e in
           zip(df["o"], df["value"], df["start"], df["end"])}
    # the national rise is the benchmark the text sets against Seoul, not a result of Seoul's
    # initiative: an Observation about South Korea, no longer an Outcome of the initiative
    assert got == {"kr-seoul-ghg-2005-2017": (-5.0, 2005, 2017)}
    assert all("§2.3" in loc and "首尔市：东南亚的气候保护楷模" in loc for loc in df["loc"])
    national = run_sparql(store, """
        SELECT ?value ?start ?end ?loc WHERE {
          id:kr-national-ghg-2005-2017 a cca:Observation ; cca:about id:KR ;
              cca:value ?value ; cca:periodStart ?start ; cca:periodEnd ?end ;
              cca:citation/cca:locator ?loc .
        }""")
    assert len(national) == 1
    row = national.iloc[0]
    assert (float(row["value"]), int(row["start"]), int(row["end"])) == (26.8, 2005, 2017)
    assert "§2.3" in row["loc"] and "首尔市：东南亚的气候保护楷模" in row["loc"]


def test_india_national_drainage_manual_scaled_up_bhubaneswars_flood_app(store):
    df = run_sparql(store, """
        SELECT ?app ?city ?loc WHERE {
          id:in-storm-water-drainage-manual cca:adoptedBy id:IN ;
              cca:scaledUpFrom ?app ;
              cca:citation/cca:locator ?loc .
          ?app cca:adoptedBy ?city .
          ?city cca:level <https://w3id.org/cca-graph/id/level/local> ; cca:partOf+ id:IN .
        }""")
    assert len(df) == 1
    assert str(df.loc[0, "app"]).endswith("/in-bhubaneswar-mu-saviour")
    assert str(df.loc[0, "city"]).endswith("/IN-OD.bhubaneswar")
    assert "§4.5" in df.loc[0, "loc"] and "本地开发的应用程序成为国家标准" in df.loc[0, "loc"]


def test_iclei_eight_model_cities_in_brazil_india_south_africa_2012_2015(store):
    df = run_sparql(store, """
        SELECT ?country ?n ?loc WHERE {
          ?prog cca:adoptedBy id:iclei ;
                cca:startYear 2012 ; cca:endYear 2015 ;
                cca:participant ?country ;
                cca:hasOutcome ?o .
          ?o cca:value ?n ; cca:unit "cities" ; cca:citation/cca:locator ?loc .
        }""")
    assert {str(c).rsplit("/", 1)[-1] for c in df["country"]} == {"BR", "IN", "ZA"}
    assert set(df["n"].astype(int)) == {8}
    assert all("§4.2" in loc and "脱碳现代战略与国家气候政策密切相关" in loc for loc in df["loc"])


def test_networks_friends_of_cities_founded_2013_by_nine_national_governments(store):
    df = run_sparql(store, """
        SELECT ?member ?since ?loc WHERE {
          id:friends-of-cities cca:startYear 2013 .
          ?m org:organization id:friends-of-cities ;
             org:member ?member ;
             org:role <https://w3id.org/cca-graph/id/role/founding-member> ;
             cca:since ?since ;
             cca:citation/cca:locator ?loc .
          ?member cca:level <https://w3id.org/cca-graph/id/level/national> .
        }""")
    members = {str(m).rsplit("/", 1)[-1] for m in df["member"]}
    assert members == {"DE", "FR", "MX", "NL", "ID", "PE", "PL", "SN", "ZA"}
    assert set(df["since"].astype(int)) == {2013}
    assert all("§5.3" in loc and "多级气候行动之友" in loc for loc in df["loc"])
