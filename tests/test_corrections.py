"""Curated corrections of registry target rows (loaders/tables/registry-corrections.csv).

Expected values are read by hand from the real files, ../shared/data/openclimate/*/Target.csv (the
header is line 1), and from the documents the rows cite:

- Net Zero Tracker line 86: MX, absolute reduction, base year 2000, 35 % by 2030, citing Mexico's 2022
  NDC update, which states the 35 % against a business-as-usual baseline for 2030: in doubt.
- Net Zero Tracker line 166: DE-BW, 25 % below 1990 by 2030, citing the Climate Protection Act of
  Baden-Württemberg; 25 % was the Act's goal for 2020: in doubt.
- Net Zero Tracker line 920: DE-HE, climate neutral by 2030, citing co2.hessen-nachhaltig.de, the
  programme for a CO2-neutral state administration: in doubt.
- Net Zero Tracker line 255: ZA-KZN, 40 % below 2015 by 2030, citing a city's climate action plan on C40's
  site, with the figures of Durban's line 380: left out.
- Net Zero Tracker line 313: DE HAM, 70 % below 1990 by 2030, citing the first revision of Hamburg's Climate
  Plan (2019), which sets 55 %, as line 168 (the Climate Protection Act) states: in doubt.
- C2ES Canada lines 14 and 17: Ontario 15 % below 1990 by 2020 and 80 % by 2050, citing Bill 172 of 2016,
  which the Cap and Trade Cancellation Act, 2018 repealed: left out.
"""
from __future__ import annotations

import csv
import shutil

from cca_graph import open_store, run_sparql
from cca_graph.ingest.imports import quality, run_import
from cca_graph.ingest.imports.corrections import APPLIED, STALE

from .conftest import REPO, run_cli
from .test_targets_import import _canada

SHARED = REPO.parent / "shared" / "data" / "openclimate"
NZT, CA = SHARED / "net_zero_tracker", SHARED / "C2ES_canadian_ghg_targets"
ID = "https://w3id.org/cca-graph/id/"
MX = "target.MX.emissions-reduction.2030.vs2000.35-percent"
BW = "target.DE-BW.emissions-reduction.2030.vs1990.25-percent"
HE = "target.DE-HE.carbon-neutrality.2030"
HH = "target.DE-HH.emissions-reduction.2030.vs1990.70-percent"
KZN = "target.ZA-KZN.emissions-reduction.2030.vs2015.40-percent"
ON = ("target.CA-ON.emissions-reduction.2020.vs1990.15-percent", "target.CA-ON.emissions-reduction.2050.vs1990.80-percent")


def _doubts(out) -> dict[str, str]:
    df = run_sparql(open_store(out), "SELECT ?t ?doubt WHERE { ?t a cca:Commitment ; cca:doubt ?doubt }")
    return dict(zip(df["t"].str.removeprefix(ID), df["doubt"]))


def _decisions(out, name: str) -> dict[int, tuple[str, str]]:
    with open(out / "imports" / f"{name}.decisions.csv", encoding="utf-8", newline="") as fh:
        return {int(r["line"]): (r["method"], r["detail"]) for r in csv.DictReader(fh)}


def test_the_real_files_are_imported_with_their_corrections(registry_graph):
    out, reports = registry_graph
    doubts = _doubts(out)
    # the four Net Zero Tracker rows, and no other target, are in doubt
    assert set(doubts) == {MX, BW, HE, HH}
    assert "sets 55 % below 1990 for 2030" in doubts[HH]
    assert "business-as-usual baseline" in doubts[MX] and "not below the emissions of 2000" in doubts[MX]
    assert "goal" in doubts[BW] and "for 2020" in doubts[BW] and "not for 2030" in doubts[BW]
    assert "CO2-neutral state administration" in doubts[HE] and "not for the territory of Hesse" in doubts[HE]
    nzt, canada = reports["targets-net-zero-tracker"], reports["targets-c2es-canadian-ghg-targets"]
    assert [d.split(": ")[0].rsplit(":", 1)[1] for d in nzt.details[APPLIED]] == ["86", "166", "255", "313", "920"]
    assert [d.split(": ")[0].rsplit(":", 1)[1] for d in canada.details[APPLIED]] == ["14", "17"]
    assert STALE not in nzt.details and STALE not in canada.details
    # KwaZulu-Natal's row, a city's plan, is left out; Durban's target of line 380 stays
    found = run_sparql(open_store(out), "SELECT ?t WHERE { ?t a cca:Commitment }")
    assert KZN not in set(found["t"].str.removeprefix(ID))
    assert _decisions(out, "targets-net-zero-tracker")[255][0] == "left-out-by-correction"
    # Ontario's targets of the repealed Act are left out by the correction, with the Act that repealed it
    found = run_sparql(open_store(out), "SELECT ?t WHERE { ?t cca:committedBy id:CA-ON ; a cca:Commitment }")
    assert not set(found["t"].str.removeprefix(ID)) & set(ON)
    decisions = _decisions(out, "targets-c2es-canadian-ghg-targets")
    for line in (14, 17):
        method, detail = decisions[line]
        assert method == "left-out-by-correction"
        assert detail == ("The Act that set the target (the Climate Change Mitigation and Low-carbon Economy Act, "
                          "2016, Bill 172) was repealed in 2018 (Cap and Trade Cancellation Act, 2018, S.O. 2018, "
                          "c. 13 (Bill 4), long title)")
    # the import report counts them among the rows left out, and not as matched
    summary = {line["key"]: line for line in quality.summary(canada)}
    assert ("left out by a curated correction", 2) in summary["rows left out"]["parts"]
    assert "left-out-by-correction" not in dict(summary["rows matched by a code, an alias or a name"]["parts"])
    # the doubted rows are still placed by their ISO codes, and cite their rows
    assert _decisions(out, "targets-net-zero-tracker")[86][0] == "iso-3166"


def test_the_mexican_brief_no_longer_states_the_2000_base_as_a_fact(registry_graph, tmp_path):
    out, _ = registry_graph
    run_cli("brief", "MX", "--graph", str(out), "--to", str(tmp_path / "mx.md"))
    text = (tmp_path / "mx.md").read_text(encoding="utf-8")
    messages = text.split("## Key messages", 1)[1].split("\n## ", 1)[0]
    assert "35% vs 2000" not in messages and "35 percent" not in messages
    assert "1 more in doubt, not shown here (section 4)" in messages
    [row] = [line for line in text.splitlines() if "35% vs 2000 by 2030" in line]
    assert row.startswith("| Mexico | national | absolute emission reduction 35% vs 2000 by 2030 (in doubt: The update "
                          "of Mexico's NDC (2022) that the registry cites states the 35 % as a cut below the "
                          "business-as-usual baseline it projects for 2030")


def test_a_target_in_doubt_is_not_compared_in_the_alignment(registry_graph, tmp_path):
    out, _ = registry_graph
    run_cli("brief", "DE", "--graph", str(out), "--to", str(tmp_path / "de.md"))
    text = (tmp_path / "de.md").read_text(encoding="utf-8")
    alignment = text.split("### National and subnational alignment", 1)[1].split("\n### ", 1)[0]
    compared = [line for line in alignment.splitlines() if "the national target year 2045" in line]
    assert compared and not any("Hessen" in line or "Hesse" in line for line in compared)
    [hesse] = [line for line in alignment.splitlines() if "is in doubt" in line]
    assert hesse.startswith("- Hesse's net-zero or carbon-neutrality target for 2030 is in doubt: The page the registry "
                            "cites is that of the programme for a CO2-neutral state administration")
    assert "it is not compared with the national target year." in hesse


def _short_copy(tmp_path, value: str):
    """Net Zero Tracker's folder with its first 86 lines, line 86's value set to ``value``."""
    folder = tmp_path / "net_zero_tracker"
    folder.mkdir()
    shutil.copy(NZT / "DataSource.csv", folder / "DataSource.csv")
    lines = (NZT / "Target.csv").read_text(encoding="utf-8").splitlines(keepends=True)[:86]
    assert lines[85].startswith("net_zero_tracker:MX:2030,MX,Absolute emission reduction,2000,2030,35,percent,")
    lines[85] = lines[85].replace(",2030,35,percent,", f",2030,{value},percent,")
    (folder / "Target.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def test_a_stale_correction_is_reported_and_not_applied(tmp_path):
    folder = _short_copy(tmp_path, "40")
    out = tmp_path / "out"
    report = run_import("targets", folder, out, [_canada(tmp_path)])
    stale = report.details[STALE]
    assert stale[0].startswith(f"{folder / 'Target.csv'}:86: target_value: expected '35', the file has '40' "
                               "(the correction at ")
    # lines 166 and 920 are past the copy's end
    assert [s.split(": ")[0].rsplit(":", 1)[1] for s in stale[1:]] == ["166", "255", "313", "920"]
    assert all(": the file has no row at this line" in s for s in stale[1:])
    assert APPLIED not in report.details
    assert _doubts(out) == {}
    found = run_sparql(open_store(out), "SELECT ?t WHERE { ?t cca:committedBy id:MX ; cca:targetYear 2030 }")
    assert list(found["t"].str.removeprefix(ID)) == ["target.MX.emissions-reduction.2030.vs2000.40-percent"]


def test_a_malformed_table_names_path_line_and_field(tmp_path):
    folder = _short_copy(tmp_path, "35")
    table = tmp_path / "corrections.csv"
    table.write_text("dataset,line,target_id,actor_id,target_year,target_value,action,reason,source,locator\n"
                     "net_zero_tracker,86,net_zero_tracker:MX:2030,MX,2030,35,drop,Why,,p. 1\n"
                     "net_zero_tracker,one,x,MX,2030,35,doubt,Why,no-such-source,p. 1\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("import", "targets", str(folder), "--graph", str(out), "--cases", str(_canada(tmp_path)),
                   "--corrections", str(table), check=False)
    assert done.returncode != 0
    assert f"{table}:2: action: unknown action 'drop'; known: doubt, leave-out" in done.stderr
    assert f"{table}:3: line: expected the line of a row of the file (2 or more), got 'one'" in done.stderr
    assert f"{table}:3: source: 'no-such-source' is not a key of loaders/sources.yaml" in done.stderr
    assert not (out / "imports" / "targets-net-zero-tracker.nq").exists()
