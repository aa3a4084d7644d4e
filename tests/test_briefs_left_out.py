"""Rows of the registries about a country that the imports left out: counted in the brief, with why.

Expected lines are read from the registry files by hand: Net Zero Tracker's Target.csv keys Essen's targets
(lines 311, 312 and 314 for 2030, 1031, 1032 and 1034 for 2050, all citing essen.de) to three UN/LOCODEs of
places named Essen ('DE EEN' and 'DE ONU' in Lower Saxony, 'DE ESS' in North Rhine-Westphalia), so which Essen
is meant is not told; its line 34 states Colombia's 51 % by 2030 against 2030 itself (a reduction against a
projection, which the vocabulary cannot state).
"""
from __future__ import annotations

import re

from cca_graph.present.briefs import write_brief
from cca_graph.present.briefs.leftout import left_out

from .conftest import run_cli

#: C2ES Canada lines 14 and 17 as the targets import logs them: left out by the shipped table's correction
#: (loaders/tables/registry-corrections.csv), its reason and the Act it is read in (loaders/sources.yaml)
ONTARIO = ("The Act that set the target (the Climate Change Mitigation and Low-carbon Economy Act, 2016, Bill 172) "
           "was repealed in 2018 (Cap and Trade Cancellation Act, 2018, S.O. 2018, c. 13 (Bill 4), long title)")


def test_left_out_groups_a_decision_log_by_import_and_reason(tmp_path):
    imports = tmp_path / "imports"
    imports.mkdir()
    (imports / "targets-x.decisions.csv").write_text(
        "line,name,country,node,method,detail\n"
        "12,MX GDL,MX,,unresolved,no table names it\n"
        "7,MX LEN,MX,,unresolved,no table names it\n"
        "9,MX-JAL,MX,MX-JAL,iso-3166,\n"              # imported: not counted
        "30,CO,CO,,suspect,base year is target year\n"  # another country
        "31,MX,MX,,suspect,base year is target year\n", encoding="utf-8")
    (imports / "targets-x.report.csv").write_text(
        "section,key,count,line,name,country,detail\nimport,source,,,,,/data/registry-x\n", encoding="utf-8")
    (imports / "roster.decisions.csv").write_text("line,name,country,node,method,detail\n", encoding="utf-8")
    found = left_out(imports, "MX")
    assert [(g.name, g.source, g.why, g.lines, g.names, g.targets) for g in found] == [
        ("targets-x", "registry-x/Target.csv", "suspect, reported and not imported: base year is target year",
         (31,), ("MX",), True),
        ("targets-x", "registry-x/Target.csv", "the place could not be identified: no table names it", (7, 12),
         ("MX LEN", "MX GDL"), True)]
    assert left_out(tmp_path / "nowhere", "MX") == [] and left_out(None, "MX") == []


def test_a_brief_says_which_registry_rows_on_the_country_were_left_out(registry_graph, tmp_path):
    out, _ = registry_graph
    run_cli("brief", "DE", "--graph", str(out), "--to", str(tmp_path / "DE.md"), timeout=1200)
    text = (tmp_path / "DE.md").read_text(encoding="utf-8")
    targets = text.split("### Targets and pledges recorded", 1)[1].split("\n### ", 1)[0]
    note = next(line for line in targets.splitlines() if "the import left out" in line)
    assert "6 more rows about Germany" in note
    assert "lines 311 (DE EEN), 312 (DE ESS), 314 (DE ONU), 1031 (DE EEN), 1032 (DE ESS), 1034 (DE ONU)" in note
    assert "Target.csv" in note and "fits more than one place" in note and "'Essen'" in note
    # the key message on targets below the national level does not read as all the registries know
    messages = text.split("### Key messages", 1)[1].split("\n### ", 1)[0]
    below = next(line for line in messages.splitlines() if "below the national level" in line)
    assert "hold 6 more rows about the country that the import left out" in below
    complete = text.split("### What the data holds and lacks", 1)[1].split("\n### ", 1)[0]
    assert "targets-net-zero-tracker, 6 rows of" in complete


def test_a_suspect_target_row_is_named_in_its_countrys_brief(registry_graph, tmp_path):
    out, _ = registry_graph
    run_cli("brief", "CO", "--graph", str(out), "--to", str(tmp_path / "CO.md"), timeout=1200)
    text = (tmp_path / "CO.md").read_text(encoding="utf-8")
    found = re.search(r"\d+ rows? of net_zero_tracker/Target\.csv \(suspect, reported and not imported: the base "
                      r"year is the target year[^)]*\): lines? ([^;.]+)", text.replace("\\_", "_"))
    assert found and "34 (CO)" in found[1].split(", "), text[-3000:]


def _canadian_imports(root):
    """An import folder holding the decision log of C2ES Canada's import: lines 14 and 17 left out by a curated
    correction, lines 15 and 16 suspect (one target id, two targets), line 18 imported."""
    imports = root / "imports"
    imports.mkdir()
    (imports / "targets-c2es-canadian-ghg-targets.decisions.csv").write_text(
        "line,name,country,node,method,detail\n"
        f'14,CA-ON,CA,,left-out-by-correction,"{ONTARIO}"\n'
        "15,CA-ON,CA,,suspect,\"one target id given to rows that state different targets, and which holds the file "
        "does not say\"\n"
        "16,CA-ON,CA,,suspect,\"one target id given to rows that state different targets, and which holds the file "
        "does not say\"\n"
        f'17,CA-ON,CA,,left-out-by-correction,"{ONTARIO}"\n'
        "18,CA-PE,CA,CA-PE,iso-3166,\n", encoding="utf-8")
    (imports / "targets-c2es-canadian-ghg-targets.report.csv").write_text(
        "section,key,count,line,name,country,detail\nimport,source,,,,,/data/C2ES_canadian_ghg_targets\n",
        encoding="utf-8")
    return imports


def test_rows_a_curated_correction_leaves_out_read_as_such_with_its_reason(store, tmp_path):
    imports = _canadian_imports(tmp_path)
    [corrected, suspect] = left_out(imports, "CA")
    assert (corrected.method, corrected.lines, corrected.detail) == ("left-out-by-correction", (14, 17), ONTARIO)
    assert suspect.lines == (15, 16)
    write_brief(store, "CA", "md", tmp_path / "CA.md", imports=imports)
    text = (tmp_path / "CA.md").read_text(encoding="utf-8").replace("\\_", "_")
    assert ("The target registries hold 4 more rows about Canada that the import left out, so their targets are not "
            "above: targets-c2es-canadian-ghg-targets, 2 rows of C2ES_canadian_ghg_targets/Target.csv (left out by a "
            f"curated correction: {ONTARIO}): lines 14 (CA-ON), 17 (CA-ON); targets-c2es-canadian-ghg-targets, 2 rows "
            "of C2ES_canadian_ghg_targets/Target.csv (suspect, reported and not imported: one target id given to rows "
            "that state different targets, and which holds the file does not say): lines 15 (CA-ON), 16 (CA-ON).") in text
    complete = text.split("### What the data holds and lacks", 1)[1]
    assert (f"(left out by a curated correction: {ONTARIO}): their lines in section 4; targets-c2es") in complete
    assert "suspect, reported and not imported: left out" not in text


def test_a_chinese_brief_gives_why_rows_were_left_out_in_chinese(store, tmp_path):
    imports = _canadian_imports(tmp_path)
    write_brief(store, "CA", "md", tmp_path / "CA.md", lang="zh", imports=imports)
    text = (tmp_path / "CA.md").read_text(encoding="utf-8").replace("\\_", "_")
    # the curator's reason is the data's, as written; the rest is the brief's own words, in Chinese
    assert ("目标登记册中另有4行关于加拿大的数据在导入时被略去，因此其目标未列于上文：targets-c2es-canadian-ghg-targets："
            f"2行，出自C2ES_canadian_ghg_targets/Target.csv（因人工核定的更正而略去：{ONTARIO}）：行号14（CA-ON）、"
            "17（CA-ON）；targets-c2es-canadian-ghg-targets：2行，出自C2ES_canadian_ghg_targets/Target.csv（可疑，"
            "已报告但未导入：同一目标编号用于表述不同目标的多行，文件未说明哪一行有效）：行号15（CA-ON）、16（CA-ON）。") in text
    assert "导入时略去了其来源中关于以下国家的行：加拿大：targets-c2es-canadian-ghg-targets：2行" in text
    assert "Each is in its import" not in text and "每一行及其原因均见相应导入的报告" in text
