"""Curated cases from the GIZ publication (giz-cca): South Africa, Costa Rica, Germany,
France, Georgia. One characteristic fact per case, asserted with its source locator."""
from __future__ import annotations

from cca_graph import run_sparql

LEVEL = "https://w3id.org/cca-graph/id/level/"
ITYPE = "https://w3id.org/cca-graph/id/instrument-type/"
MODALITY = "https://w3id.org/cca-graph/id/modality/"
GIZ = "https://w3id.org/cca-graph/id/source/giz-cca"


def _giz_locators(df) -> set[str]:
    return set(df["loc"])


def test_south_africa_eepbip_is_led_by_the_energy_department_for_all_three_spheres(store):
    df = run_sparql(store, """
        SELECT ?lvl ?loc WHERE {
          id:za-eepbip cca:ledBy id:za-dmre ;
                       cca:appliesToLevel ?lvl ;
                       cca:citation/cca:locator ?loc .
          id:za-dmre cca:country id:ZA .
        }""")
    assert {str(x) for x in df["lvl"]} == {LEVEL + "national", LEVEL + "regional", LEVEL + "local"}
    assert any("§4.4" in loc and "EEPBIP" in loc for loc in _giz_locators(df))


def test_costa_rica_municipal_certification_is_voluntary(store):
    df = run_sparql(store, """
        SELECT ?absence ?loc WHERE {
          ?absence a cca:KnownAbsence ;
                   cca:about ?cert ;
                   cca:modality ?mod ;
                   cca:toLevel ?lvl ;
                   cca:citation/cca:locator ?loc .
          ?cert cca:ledBy id:cr-minae ;
                cca:instrumentType ?type ;
                cca:appliesToLevel ?lvl .
          FILTER(?mod = <%sobligation> && ?lvl = <%slocal> && ?type = <%scertification>)
        }""" % (MODALITY, LEVEL, ITYPE))
    assert len(df) >= 1
    assert any("§2.4" in loc and "哥斯达黎加的地方气候保护证书" in loc for loc in _giz_locators(df))


def test_germany_nki_funded_32000_projects_2008_to_2019(store):
    df = run_sparql(store, """
        SELECT ?value ?start ?end ?loc WHERE {
          id:de-nki cca:hasOutcome ?o ; cca:ledBy id:de-bmu .
          ?o cca:indicator ?ind ; cca:value ?value ; cca:unit "projects" ;
             cca:periodStart ?start ; cca:periodEnd ?end ;
             cca:citation/cca:locator ?loc .
        }""")
    assert len(df) == 1
    row = df.iloc[0]
    assert float(row["value"]) == 32000
    assert (int(row["start"]), int(row["end"])) == (2008, 2019)
    assert "§4.8" in row["loc"] and "NKI" in row["loc"]


def test_france_requires_secaps_above_20000_inhabitants(store):
    # a national obligation (from the low-carbon strategy) on the local level; each municipality adopts
    # its own plan in the Covenant of Mayors format, so France is not the plan's adopter
    df = run_sparql(store, """
        SELECT ?cov ?loc WHERE {
          ?mandate cca:assignedBy/cca:enactedBy id:FR ;
                   cca:modality <%sobligation> ;
                   cca:toLevel <%slocal> ;
                   cca:requiresInstrumentType <%sclimate-action-plan> .
          ?plan cca:implements ?mandate ;
                cca:adoptedBy id:covenant-of-mayors ;
                cca:instrumentType <%sclimate-action-plan> ;
                cca:appliesToLevel <%slocal> ;
                cca:coverage ?cov ;
                cca:citation/cca:locator ?loc .
          FILTER NOT EXISTS { ?plan cca:adoptedBy id:FR }
        }""" % (MODALITY, LEVEL, ITYPE, ITYPE, LEVEL))
    assert len(df) == 1
    assert "20,000" in df.iloc[0]["cov"]
    assert "§4.2" in df.iloc[0]["loc"] and "法国的强制性气候目标" in df.iloc[0]["loc"]


def test_georgia_municipalities_sit_in_the_national_plan_working_groups(store):
    df = run_sparql(store, """
        SELECT ?body ?loc WHERE {
          ?plan cca:adoptedBy id:GE ;
                cca:instrumentType ?type ;
                cca:ledBy ?ministry .
          ?body a cca:CoordinationBody ;
                cca:hostedBy ?ministry ;
                cca:hasMemberLevel ?lvl ;
                cca:citation/cca:locator ?loc .
          FILTER(?type = <%sclimate-action-plan> && ?lvl = <%slocal>)
        }""" % (ITYPE, LEVEL))
    assert list(df["body"].astype(str)) == ["https://w3id.org/cca-graph/id/ge-ncap-technical-working-groups"]
    assert "§4.2" in df.iloc[0]["loc"] and "格鲁吉亚的国家气候保护规划" in df.iloc[0]["loc"]
