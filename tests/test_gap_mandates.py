"""Expected answers of mandate-without-instrument, level-without-mandate and unfunded-mandate (queries/gaps/).

On ``catalogue_graph`` (the bundled case material + the Under2 roster import, pushed to a
real Neo4j) and on ``gap_graph`` (the made-up case of tests/data/gaps/, built through the
CLI and pushed to a Neo4j of its own); every answer is checked on SPARQL and Cypher.

The statuses follow queries/README.md, "Status". Made-up case (every record cites gap-doc,
a 2024 source): uruguay/case.yaml holds the laws (Uruguay's of 2020, Salto's decree of
2021, Paraguay's of 2017, Central's ordinance of 2019), uruguay/mandates.yaml the coverage
records, the municipalities with years, Luque's plan (2022) and Paraguay's fund (2022).
"""
from __future__ import annotations

from .gapcase import STATUSES, _both, _regional, _rows

LGCC_58 = "giz-cca: §4.3, box 'Mexico's national climate change law' (墨西哥的国家气候变化法), art. 58"


# -- mandate-without-instrument ---------------------------------------------------------

def test_mandate_without_instrument_mexican_states_are_not_surveyed(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("mandate-without-instrument", store, neo4j.url, country="mx")
    assert set(df["status"]) <= STATUSES
    states = df[df["level"] == "regional"]
    # LGCC art. 58 obliges every state to a climate programme; giz-cca states the duty only and
    # surveys no state's programme: 32 questions to ask, none a gap (issue 16)
    assert set(states["government"]) == _regional(store, "MX") and len(states) == 32
    assert _rows(states, "mandate", "law", "article", "required_instrument_type", "instrument", "status", "source") == {
        ("mx-mandate-state-programme", "mx-lgcc", "58", "climate-action-plan", None, "not-covered", LGCC_58)}
    assert dict(zip(states["government"], states["government_label"]))["MX-JAL"] == "Jalisco"


def test_mandate_without_instrument_puerto_vallarta_has_its_plan(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("mandate-without-instrument", store, neo4j.url, country="MX")
    # Jalisco's law obliges its municipalities (giz-cca §4.3); Puerto Vallarta's plan (giz-cca §3.2) meets it
    local = df[df["level"] == "local"]
    assert _rows(local, "government", "mandate", "law", "instrument", "status") == {
        ("MX-JAL.puerto-vallarta", "mx-jal-mandate-municipal-plans", "mx-jal-climate-law",
         "mx-jal-puerto-vallarta-cap", "no-gap")}
    cited = local["source"].iloc[0].split("; ")
    assert len(cited) >= 2 and any("§3.2" in c for c in cited) and any("§4.3" in c for c in cited)


def test_mandate_without_instrument_before_the_laws(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # the LGCC is of 2012 and Jalisco's law of 2015 (giz-cca §4.3): in 2010 neither was in force
    assert _both("mandate-without-instrument", store, neo4j.url, country="MX", as_of=2010).empty
    assert len(_both("mandate-without-instrument", store, neo4j.url, country="MX", as_of=2016)) == 33


def test_mandate_without_instrument_needs_an_obligation_with_an_instrument_type(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # South Africa's constitutional duties (giz-cca §2.2) name no instrument type
    assert _both("mandate-without-instrument", store, neo4j.url, country="ZA").empty


def test_made_up_mandate_without_instrument_every_status(gap_graph):
    store, uri = gap_graph
    uy = _both("mandate-without-instrument", store, uri, country="UY")
    assert _rows(uy, "government", "mandate", "law", "article", "instrument", "status", "source") == {
        # Uruguay's departments were surveyed for climate plans (p. 90); Montevideo has one (p. 40)
        ("UY-MO", "uy-mandate-regional-plan", "uy-law", "3", "uy-mo-plan", "no-gap", "gap-doc: art. 3; gap-doc: p. 40"),
        ("UY-CA", "uy-mandate-regional-plan", "uy-law", "3", None, "gap", "gap-doc: art. 3; gap-doc: p. 90"),
        ("UY-RO", "uy-mandate-regional-plan", "uy-law", "3", None, "gap", "gap-doc: art. 3; gap-doc: p. 90"),
        # Salto is known to have no plan (p. 32)
        ("UY-SA", "uy-mandate-regional-plan", "uy-law", "3", None, "known-absent", "gap-doc: art. 3; gap-doc: p. 32"),
        # Salto's decree reaches Salto's municipality only (not Las Piedras); municipal plans were not surveyed
        ("UY-SA.constitucion", "uy-sa-mandate-local-plans", "uy-sa-law", None, None, "not-covered", "gap-doc: p. 31"),
    }
    assert set(uy["required_instrument_type"]) == {"climate-action-plan"} and len(uy) == 5


def test_made_up_mandate_without_instrument_as_of(gap_graph):
    store, uri = gap_graph
    # 2020: Salto's decree (2021) is not yet in force; the 2024 coverage speaks for 2020
    in_2020 = _both("mandate-without-instrument", store, uri, country="UY", as_of=2020)
    assert _rows(in_2020, "government", "status") == {
        ("UY-MO", "no-gap"), ("UY-CA", "gap"), ("UY-RO", "gap"), ("UY-SA", "known-absent")}
    # 2025: the 2024 coverage record no longer speaks; its gaps become questions to ask
    in_2025 = _both("mandate-without-instrument", store, uri, country="UY", as_of=2025)
    assert _rows(in_2025, "government", "status", "source") == {
        ("UY-MO", "no-gap", "gap-doc: art. 3; gap-doc: p. 40"),
        ("UY-CA", "not-covered", "gap-doc: art. 3"), ("UY-RO", "not-covered", "gap-doc: art. 3"),
        ("UY-SA", "known-absent", "gap-doc: art. 3; gap-doc: p. 32"),
        ("UY-SA.constitucion", "not-covered", "gap-doc: p. 31")}
    # before Uruguay's law of 2020 nothing obliges
    assert _both("mandate-without-instrument", store, uri, country="UY", as_of=2019).empty


def test_made_up_mandate_without_instrument_judges_governments_and_plans_by_date(gap_graph):
    store, uri = gap_graph
    # by default the year of the mandate's source (2024): Nueva Villa (2025) does not exist yet,
    # Antigua (merged away in 2021) no longer; Luque's plan counts
    py = _both("mandate-without-instrument", store, uri, country="PY")
    assert _rows(py, "government", "instrument", "status", "source") == {
        ("PY-11.capiata", None, "not-covered", "gap-doc: p. 77; gap-doc: p. 78"),
        ("PY-11.luque", "py-11-luque-plan", "no-gap", "gap-doc: p. 77; gap-doc: p. 78; gap-doc: p. 94")}
    # 2020: Capiatá (2022) is not yet, Antigua still is; Luque's plan (2022) does not count yet
    assert _rows(_both("mandate-without-instrument", store, uri, country="PY", as_of=2020), "government", "status") == {
        ("PY-11.antigua", "not-covered"), ("PY-11.luque", "not-covered")}
    assert _rows(_both("mandate-without-instrument", store, uri, country="PY", as_of=2025), "government", "status") == {
        ("PY-11.capiata", "not-covered"), ("PY-11.luque", "no-gap"), ("PY-11.nueva-villa", "not-covered")}
    # Central's ordinance is of 2019
    assert _both("mandate-without-instrument", store, uri, country="PY", as_of=2018).empty


# -- level-without-mandate ---------------------------------------------------------------

def test_level_without_mandate_mexico(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("level-without-mandate", store, neo4j.url, country="MX")
    assert set(df["level"]) == {"regional", "local"}
    regional = df[df["level"] == "regional"]
    # LGCC art. 58 obliges the states: no gap, and no state needs to fill one
    assert _rows(regional, "status", "filled_by") == {("no-gap", None)} and len(regional) == 1
    assert regional["national_obligations"].iloc[0] >= 1 and LGCC_58 in regional["source"].iloc[0].split("; ")
    # giz-cca §4.3: the federal law puts no planning duty directly (直接) on municipalities; Jalisco's law does
    local = df[df["level"] == "local"]
    assert _rows(local, "national_obligations", "status", "source", "filled_by", "filled_by_label",
                 "filled_by_mandate", "filled_by_law") == {
        (0, "known-absent", "giz-cca: §4.3, box 'Mexico's national climate change law' (墨西哥的国家气候变化法), "
                            "after the art. 58 reference (法律没有直接规定市政当局有制定计划的义务)",
         "MX-JAL", "Jalisco", "mx-jal-mandate-municipal-plans", "mx-jal-climate-law")}


def test_level_without_mandate_south_africa_obliges_every_sphere(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # the Constitution's duty to co-operate (giz-cca §2.2, s. 41(1)(h)) binds the provinces and municipalities
    df = _both("level-without-mandate", store, neo4j.url, country="ZA")
    assert _rows(df, "level", "status", "filled_by") == {("regional", "no-gap", None), ("local", "no-gap", None)}
    assert all(n >= 1 for n in df["national_obligations"])


def test_made_up_level_without_mandate(gap_graph):
    store, uri = gap_graph
    # Uruguay's law: arts. 3 and 4 oblige the departments, art. 5 the municipalities
    uy = _both("level-without-mandate", store, uri, country="UY")
    assert _rows(uy, "level", "national_obligations", "status", "source", "filled_by") == {
        ("regional", 2, "no-gap", "gap-doc: art. 3; gap-doc: art. 4", None),
        ("local", 1, "no-gap", "gap-doc: art. 5", None)}
    py = _both("level-without-mandate", store, uri, country="PY")
    assert _rows(py, "level", "national_obligations", "status", "source", "filled_by", "filled_by_law",
                 "filled_by_article", "filled_by_source") == {
        # Paraguay's law is known to oblige no municipality (p. 74); Central's ordinance does
        ("local", 0, "known-absent", "gap-doc: p. 74", "PY-11", "py-11-law", "2", "gap-doc: p. 77; gap-doc: p. 78"),
        # the departments' duties were surveyed (p. 92): none
        ("regional", 0, "gap", "gap-doc: p. 92", None, None, None, None)}


def test_made_up_level_without_mandate_as_of(gap_graph):
    store, uri = gap_graph
    # 2018: Uruguay's law (2020) is not yet in force and no record covers Uruguay's duties
    assert _rows(_both("level-without-mandate", store, uri, country="UY", as_of=2018),
                 "level", "national_obligations", "status", "source") == {
        ("regional", 0, "not-covered", None), ("local", 0, "not-covered", None)}
    # 2018: Central's ordinance (2019) does not fill the gap yet; 2025: the 2024 coverage no longer speaks
    assert _rows(_both("level-without-mandate", store, uri, country="PY", as_of=2018), "level", "status", "filled_by") == {
        ("local", "known-absent", None), ("regional", "gap", None)}
    assert _rows(_both("level-without-mandate", store, uri, country="PY", as_of=2025), "level", "status", "filled_by") == {
        ("local", "known-absent", "PY-11"), ("regional", "not-covered", None)}


# -- unfunded-mandate ----------------------------------------------------------------------

def test_unfunded_mandate_mexico_and_south_africa(catalogue_graph):
    _, store, neo4j = catalogue_graph
    mx = _both("unfunded-mandate", store, neo4j.url, country="MX")
    # no funding programme for the states' or Jalisco's municipalities' planning duties is recorded
    assert _rows(mx, "mandate", "level", "government", "law", "article", "funding") == {
        ("mx-mandate-state-programme", "regional", None, "mx-lgcc", "58", None),
        ("mx-jal-mandate-municipal-plans", "local", None, "mx-jal-climate-law", "not stated in source", None)}
    assert set(mx["status"]) <= STATUSES - {"no-gap"}
    # South Africa's only obligations are the spheres' duty to co-operate (giz-cca §2.2): a duty of
    # conduct (domain coordination, no instrument required) produces nothing, so there is nothing to fund
    assert _both("unfunded-mandate", store, neo4j.url, country="ZA").empty


def test_made_up_unfunded_mandate(gap_graph):
    store, uri = gap_graph
    uy = _both("unfunded-mandate", store, uri, country="UY")
    assert _rows(uy, "mandate", "level", "government", "article", "funding", "status", "source") == {
        # fund A implements the regional plan: it pays for that duty
        ("uy-mandate-regional-plan", "regional", None, "3", "uy-fund-a", "no-gap", "gap-doc: art. 3; gap-doc: p. 41"),
        # fund B only applies to the national level and fund C only funds Las Piedras: money for
        # something, not for these duties; national funding was not surveyed, municipal funding was (p. 91)
        ("uy-mandate-national", "national", "UY", None, None, "not-covered", "gap-doc: art. 6"),
        ("uy-mandate-local-plan", "local", None, None, None, "gap", "gap-doc: art. 5; gap-doc: p. 91"),
        # the departments' duty to coordinate (art. 4) is a duty of conduct: nothing to fund, though p. 33
        # says there is no money for it; a power (art. 7) is no obligation
        # fund C funds a municipality outside Salto; municipal funding was surveyed (p. 91)
        ("uy-sa-mandate-local-plans", "local", None, None, None, "gap", "gap-doc: p. 31; gap-doc: p. 91")}
    # 2025: the 2024 coverage no longer speaks; 2020: Salto's decree (2021) not yet in force
    assert _rows(_both("unfunded-mandate", store, uri, country="UY", as_of=2025), "mandate", "status") >= {
        ("uy-sa-mandate-local-plans", "not-covered")}
    assert "uy-sa-mandate-local-plans" not in set(_both("unfunded-mandate", store, uri, country="UY", as_of=2020)["mandate"])


def test_made_up_unfunded_mandate_funding_by_date(gap_graph):
    store, uri = gap_graph
    # Paraguay's municipal fund pays for Central's municipal planning duty from 2022 (p. 95)
    assert _rows(_both("unfunded-mandate", store, uri, country="PY"), "mandate", "funding", "status", "source") == {
        ("py-11-mandate-local-plans", "py-municipal-fund", "no-gap", "gap-doc: p. 77; gap-doc: p. 78; gap-doc: p. 95")}
    assert _rows(_both("unfunded-mandate", store, uri, country="PY", as_of=2020), "mandate", "funding", "status") == {
        ("py-11-mandate-local-plans", None, "not-covered")}
