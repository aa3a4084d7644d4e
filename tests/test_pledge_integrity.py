"""Expected answers of pledge-integrity (queries/integrity/).

On ``gap_graph`` (made-up criteria and pledges of tests/data/gaps/uruguay/targets.yaml, one
source of 2024) every status and branch on SPARQL and Cypher, with ``as_of``; on
``catalogue_graph`` (the bundled case material) Seoul's pledge against the UN expert group's
criteria (loaders/un-hleg/criteria.yaml).
"""
from __future__ import annotations

from cca_graph.query.catalogue import get, run_query

from .gapcase import _both, _rows

COLUMNS = ("government", "pledge", "criterion", "requirement", "met", "evidence", "status", "source")


def test_pledge_integrity_made_up_guyana(gap_graph):
    store, uri = gap_graph
    df = _both("pledge-integrity", store, uri, country="GY")
    assert list(df.columns) == get("pledge-integrity").columns
    de = ("GY-DE", "gy-de-net-zero")
    ge = ("GY-DE.georgetown", "gy-georgetown-neutral")
    assert _rows(df, *COLUMNS) == {
        (*de, "net-zero", "net-zero or carbon-neutrality pledge", "yes", "gy-de-net-zero", "no-gap",
         "gap-doc: p. 84; gap-doc: p. 92"),
        # 2030 set (p. 85), 2035 missing, and regional targets were read for (p. 87)
        (*de, "interim-targets", "target year 2030; target year 2035", "partly",
         "gy-de-2030; no commitment with target year 2035 recorded", "gap",
         "gap-doc: p. 85; gap-doc: p. 87; gap-doc: p. 93"),
        # the 2023 plan implements the pledge; the 2015 energy plan does not and is no evidence
        (*de, "transition-plan", "instrument type climate-action-plan", "yes", "gy-de-net-zero-plan", "no-gap",
         "gap-doc: p. 89; gap-doc: p. 94"),
        # MRV platforms were not read for, and the nation's register is not the region's
        (*de, "annual-reporting", "instrument type mrv-platform", "no record",
         "no mrv-platform instrument adopted or reported via recorded", "not-covered", "gap-doc: p. 95"),
        (*de, "third-party-verification", "Independent verification", "no record",
         "nothing recorded on this criterion", "not-covered", "gap-doc: p. 96"),
        # a carbon-neutrality pledge is a pledge; Georgetown has neither interim targets nor a plan
        (*ge, "net-zero", "net-zero or carbon-neutrality pledge", "yes", "gy-georgetown-neutral", "no-gap",
         "gap-doc: p. 86; gap-doc: p. 92"),
        (*ge, "interim-targets", "target year 2030; target year 2035", "no record",
         "no commitment with target year 2030 recorded; no commitment with target year 2035 recorded", "gap",
         "gap-doc: p. 87; gap-doc: p. 93"),
        (*ge, "transition-plan", "instrument type climate-action-plan", "no record",
         "no climate-action-plan implementing the pledge recorded", "gap", "gap-doc: p. 87; gap-doc: p. 94"),
        # a source says Georgetown keeps no emissions register (p. 91)
        (*ge, "annual-reporting", "instrument type mrv-platform", "no record",
         "no mrv-platform instrument adopted or reported via recorded", "known-absent",
         "gap-doc: p. 91; gap-doc: p. 95"),
        (*ge, "third-party-verification", "Independent verification", "no record",
         "nothing recorded on this criterion", "not-covered", "gap-doc: p. 96"),
    }
    # the national-only criterion is no row of a regional or local pledge
    assert "national-only" not in set(df["criterion"])


def test_pledge_integrity_made_up_as_of(gap_graph):
    store, uri = gap_graph
    plan = {"2022": None, "2025": None}
    for year in plan:
        df = _both("pledge-integrity", store, uri, country="GY", as_of=int(year))
        plan[year] = _rows(df[(df["government"] == "GY-DE") & (df["criterion"] == "transition-plan")],
                           "met", "status", "source")
        interim = df[(df["government"] == "GY-DE") & (df["criterion"] == "interim-targets")]
        plan[year] |= _rows(interim, "met", "status")
    # 2022: the plan of 2023 does not count yet; the record of 2024 covers plans
    assert plan["2022"] == {("no record", "gap", "gap-doc: p. 87; gap-doc: p. 94"), ("partly", "gap")}
    # 2025: the plan counts; the record of 2024 no longer covers the missing 2035 target
    assert plan["2025"] == {("yes", "no-gap", "gap-doc: p. 89; gap-doc: p. 94"), ("partly", "not-covered")}


def test_pledge_integrity_of_seouls_net_zero_pledge(catalogue_graph):
    _, store, neo4j = catalogue_graph
    df = _both("pledge-integrity", store, neo4j.url, country="KR")
    # giz-cca §2.3: Seoul's one net-zero pledge, 2050; one row for each of the eight criteria of
    # loaders/un-hleg/criteria.yaml
    assert set(df["pledge"]) == {"kr-seoul-net-zero-2050"} and set(df["government"]) == {"KR-11"}
    assert set(df["target_year"]) == {2050} and len(df) == 8
    assert set(df["criterion"]) == {"net-zero", "interim-targets", "all-territorial-emissions", "transition-plan",
                                    "no-new-fossil-supply", "annual-reporting", "third-party-verification",
                                    "credit-limits"}
    met = dict(zip(df["criterion"], df["met"]))
    assert met["net-zero"] == "yes"
    # the text calls the 2050 goal a vision whose detailed plan was still being drafted: the One
    # Less Nuclear Power Plant programmes (2012, 2014) are climate plans, not a plan for this pledge
    assert met["transition-plan"] == "no record"
    assert "kr-seoul-one-less-npp" not in df.loc[df["criterion"] == "transition-plan", "evidence"].iloc[0]
    assert met["interim-targets"] == "no record" and met["third-party-verification"] == "no record"
    interim = df.loc[df["criterion"] == "interim-targets"].iloc[0]
    assert interim["requirement"] == "target year 2025; target year 2030; target year 2035"
    assert set(df.loc[df["met"] == "yes", "status"]) == {"no-gap"}
    assert "no-gap" not in set(df.loc[df["met"] == "no record", "status"])
    # every row cites the UN expert group's recommendation that sets its criterion
    assert all("un-hleg-net-zero-2022: Recommendation" in cell for cell in df["source"])


def test_pledge_integrity_is_empty_without_a_subnational_pledge(catalogue_graph):
    _, store, neo4j = catalogue_graph
    # Mexico's case material holds no net-zero pledge of a state or municipality;
    # the US has national commitments only
    for country in ("MX", "US"):
        assert run_query("pledge-integrity", store=store, country=country).empty
        assert run_query("pledge-integrity", "cypher", store=store, uri=neo4j.url, country=country).empty
