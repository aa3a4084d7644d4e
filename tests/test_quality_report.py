"""The data-quality report of an import: its HTML page and CSV.

Fast tests build an ImportReport by hand (every expected count below is
counted from what the test puts in); the slow ones import the roster
tests/data/imports/quality-roster.csv into the namesakes case through the CLI
and open the page in Chromium.
"""
from __future__ import annotations

import csv
import re
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from cca_graph.atomic import temporary_name
from cca_graph.ingest.imports import ImportContext, ImportReport
from cca_graph.ingest.imports.quality import COLUMNS, render_html, write_report

from .conftest import DATA, run_cli
from .servers import chromium, watch

HOSTILE = "<script>alert('x')</script> & \"Co\""
WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)


def hand_report() -> ImportReport:
    """A report as an import of 12 rows could leave it."""
    report = ImportReport("roster-demo", "data/demo.csv", rows=12)
    report.records.update({"Government": 3, "Membership": 8})
    report.governments.update({"matched by name": 4, "local governments created": 2,
                               "countries created (ISO 3166-1)": 1})
    report.memberships.update({"c40": 5, "under2-coalition": 3})
    report.countries.update({"FR": 7, "DE": 5})
    report.methods.update({"geonames": 6, "alias": 2, "created": 2, "ambiguous": 1, "unresolved": 1})
    report.note("ambiguous names, not imported", f"line 4: {HOSTILE!r} (FR): candidates FR-ARA.a, FR-OCC.a")
    report.note("rows naming an actor already read (merged)", "line 9: 'Lyon' = line 3")
    report.note("tags repeating a membership already read, merged")
    report.note("tags repeating a membership already read, merged")
    report.note("unknown tags, not imported", "'C40-2099' (first at line 5)")
    report.note("unknown tags, not imported", "'<b>odd</b>' (first at line 6)")
    report.note("rows whose country is not an ISO 3166 country, left out", "line 11: 'Atlantis' ('ZZ', 'NA')")
    report.suspect(7, HOSTILE, "FR", "coordinates outside the country", "lat 48.1, lng 150.2")
    report.suspect(8, "Valence", "FR", "population far from the graph's", "")
    report.conflict(10, "Gent", "BE", "state", "East Flanders / West Flanders", "East Flanders (coordinates)")
    return report


def csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def written(report: ImportReport, folder: Path, **options) -> dict[str, Path]:
    """Write the report's files and put them in place as the rebuild would; suffix -> path."""
    files = write_report(report, folder / report.name, now=WHEN, **options)
    for tmp, final in files.items():
        tmp.rename(final)
    return {final.suffix: final for final in files.values()}


def summary_of(tree) -> dict[str, str]:
    return {tr.get("data-key"): tr.xpath('string(td[contains(@class, "count")])')
            for tr in tree.xpath('//section[@id="summary"]//tr[@data-key]')}


# -- fast: a report built by hand ----------------------------------------------------------

def test_files_are_written_under_temporary_names_beside_the_import(tmp_path):
    files = write_report(hand_report(), tmp_path / "roster-demo", now=WHEN)
    assert sorted(f.name for f in files.values()) == ["roster-demo.report.csv", "roster-demo.report.html"]
    assert all(tmp == temporary_name(final) and tmp.exists() and not final.exists() for tmp, final in files.items())


def test_names_from_the_data_are_escaped_text(tmp_path):
    page = written(hand_report(), tmp_path)[".html"]
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>odd" not in html
    assert "&lt;script&gt;alert(" in html
    tree = lxml.html.fromstring(page.read_bytes())
    assert not tree.xpath("//script | //b | //*[@src] | //link")
    # the suspect's and the note's names read back as the very text the registry wrote
    cells = tree.xpath('//table[contains(@class, "suspects")]/tbody/tr[1]/td')
    assert [c.text_content() for c in cells] == ["7", HOSTILE, "FR", "coordinates outside the country",
                                                 "lat 48.1, lng 150.2"]
    cells = tree.xpath('//table[contains(@class, "conflicts")]/tbody/tr/td')
    assert [c.text_content() for c in cells] == ["10", "Gent", "BE", "state", "East Flanders / West Flanders",
                                                 "East Flanders (coordinates)"]
    assert f"line 4: {HOSTILE!r} (FR): candidates FR-ARA.a, FR-OCC.a" in tree.xpath('//section[@id="notes"]')[0].text_content()


def test_header_and_summary_count_what_the_report_holds(tmp_path):
    tree = lxml.html.fromstring(written(hand_report(), tmp_path)[".html"].read_bytes())
    assert tree.xpath("string(//h1)") == "Data-quality report: import roster-demo"
    assert "data/demo.csv" in tree.xpath('string(//dl[@class="about"])')
    assert tree.xpath('string(//*[@id="rows-read"])') == "12"
    # counted by hand from hand_report()
    assert summary_of(tree) == {
        "rows read": "12",
        "rows matched by a code, an alias or a name": "8",    # geonames 6 + alias 2
        "governments created": "3",                           # 2 local + 1 country
        "merged": "3",                                        # 1 actor + 2 tags
        "ambiguous names, not merged": "1",
        "suspect rows": "2",
        "conflicts between sources": "1",
        "unknown tags": "2",
        "rows left out": "4",                                 # ambiguous 1 + no country 1 + 2 suspects
    }


def test_csv_has_one_row_per_finding_and_every_suspect_and_conflict(tmp_path):
    rows = csv_rows(written(hand_report(), tmp_path)[".csv"])
    assert list(rows[0]) == COLUMNS == ["section", "key", "count", "line", "name", "country", "detail"]
    suspects = [r for r in rows if r["section"] == "suspect"]
    assert [(r["line"], r["name"], r["country"], r["key"]) for r in suspects] == [
        ("7", HOSTILE, "FR", "coordinates outside the country"),
        ("8", "Valence", "FR", "population far from the graph's")]
    conflicts = [r for r in rows if r["section"] == "conflict"]
    assert [(r["line"], r["name"], r["key"], r["detail"]) for r in conflicts] == [
        ("10", "Gent", "state", "East Flanders / West Flanders; settled: East Flanders (coordinates)")]
    by = {(r["section"], r["key"]): r["count"] for r in rows if r["count"]}
    assert by["method", "geonames"] == "6" and by["membership", "c40"] == "5" and by["country", "DE"] == "5"
    assert by["note", "unknown tags, not imported"] == "2"
    assert by["summary", "rows left out"] == "4"
    examples = [r["detail"] for r in rows if r["section"] == "note example" and "unknown tags" in r["key"]]
    assert examples == ["'C40-2099' (first at line 5)", "'<b>odd</b>' (first at line 6)"]


def test_every_suspect_is_listed_not_a_sample(tmp_path):
    report = ImportReport("climactor", "climactor.csv", rows=500)
    for line in range(2, 302):
        report.suspect(line, f"Town {line}", "IT", "coordinates outside the country")
    files = written(report, tmp_path)
    tree = lxml.html.fromstring(files[".html"].read_bytes())
    assert len(tree.xpath('//table[contains(@class, "suspects")]/tbody/tr')) == 300
    assert len([r for r in csv_rows(files[".csv"]) if r["section"] == "suspect"]) == 300
    assert summary_of(tree)["rows left out"] == "300"


def test_accepted_suspects_are_not_counted_as_left_out(tmp_path):
    report = ImportReport("roster-demo", "demo.csv", rows=3, accepted_suspects=2)
    report.suspect(2, "A", "FR", "odd")
    report.suspect(3, "B", "FR", "odd")
    tree = lxml.html.fromstring(written(report, tmp_path)[".html"].read_bytes())
    assert summary_of(tree)["suspect rows"] == "2"
    assert summary_of(tree)["rows left out"] == "0"
    assert "asserted on --accept-suspect" in tree.xpath('string(//section[@id="suspects"])')


def test_method_examples_are_the_first_rows_of_the_decision_log(tmp_path):
    report = hand_report()
    log = temporary_name(tmp_path / "roster-demo.decisions.csv")  # where the running import writes it
    with open(log, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(ImportContext.DECISION_COLUMNS)
        for line in range(2, 9):
            out.writerow([line, f"Town {line}", "FR", f"FR.town-{line}", "geonames", f"geonameid {1000 + line}"])
        out.writerow([9, HOSTILE, "FR", "", "ambiguous", "candidates FR-ARA.a, FR-OCC.a"])
    files = written(report, tmp_path)
    tree = lxml.html.fromstring(files[".html"].read_bytes())
    shown = [li.text_content() for li in tree.xpath('//tr[@data-method="geonames"]//li')]
    assert shown == [f"line {n}: Town {n} (FR) → FR.town-{n}; geonameid {1000 + n}" for n in range(2, 7)]
    assert [li.text_content() for li in tree.xpath('//tr[@data-method="ambiguous"]//li')] == [
        f"line 9: {HOSTILE} (FR) → no node; candidates FR-ARA.a, FR-OCC.a"]
    rows = [r for r in csv_rows(files[".csv"]) if r["section"] == "method example"]
    assert [(r["key"], r["line"]) for r in rows] == [("geonames", str(n)) for n in range(2, 7)] + [("ambiguous", "9")]


def test_an_import_without_decisions_says_matches_are_not_known(tmp_path):
    report = hand_report()
    report.methods = Counter()
    files = written(report, tmp_path)
    tree = lxml.html.fromstring(files[".html"].read_bytes())
    assert summary_of(tree)["rows matched by a code, an alias or a name"] == "—"
    assert "logged no decisions" in tree.xpath('string(//section[@id="methods"])')
    # without the log's word, the ambiguous names are those the importer noted
    assert summary_of(tree)["ambiguous names, not merged"] == "1"
    by = {(r["section"], r["key"]): r["count"] for r in csv_rows(files[".csv"])}
    assert by["summary", "rows matched by a code, an alias or a name"] == ""


def test_output_is_the_same_but_for_the_run_date(tmp_path):
    report = hand_report()
    first = render_html(report, now=WHEN)
    second = render_html(report, now=datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert first != second
    run_date = re.compile(r'<time id="run-date"[^>]*>[^<]*</time>')
    assert len(run_date.findall(first)) == 1 and "2024-05-01 12:30 UTC" in run_date.search(first).group()
    assert run_date.sub("", first) == run_date.sub("", second)
    assert "2024" not in run_date.sub("", first)
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    assert written(report, one)[".csv"].read_bytes() == written(report, two)[".csv"].read_bytes()


# -- slow: a roster imported through the CLI -----------------------------------------------

ROSTER = DATA / "imports" / "quality-roster.csv"


def test_roster_import_writes_its_report_beside_it(tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "namesakes"), "--quiet")
    run_cli("import", "roster", str(ROSTER), "--year", "2024", "--graph", str(out))
    roster_import = out / "imports"
    name = "roster-quality-roster"
    assert {p.name for p in roster_import.iterdir()} >= {f"{name}.nq", f"{name}.report.html", f"{name}.report.csv"}
    assert not list(roster_import.glob(".*tmp*"))
    rows = csv_rows(roster_import / f"{name}.report.csv")
    by = {(r["section"], r["key"]): r["count"] for r in rows}
    # read from the five rows of the roster by hand: Valence has two namesakes in the case (left
    # out), Lyon and Occitanie are in the case, the <script> town and Germany are new
    assert by["import", "rows"] == "5"
    assert by["summary", "ambiguous names, not merged"] == "1"
    assert by["summary", "rows left out"] == "1"
    assert by["summary", "governments created"] == "2"
    assert by["summary", "suspect rows"] == "0" and by["summary", "conflicts between sources"] == "0"
    assert by["membership", "rhone-network"] == "3" and by["membership", "alliance-of-made-up-towns"] == "1"
    assert by["country", "FR"] == "4" and by["country", "DE"] == "1"
    assert by["record", "Membership"] == "4"
    valence = [r["detail"] for r in rows if r["section"] == "note example" and "ambiguous" in r["key"]]
    assert len(valence) == 1 and "'Valence' (FR): candidates FR-ARA.valence, FR-OCC.valence" in valence[0]
    # the decision log's word on each row, as the page's examples: Valence is ambiguous, the
    # <script> town (which the case lacks) is created, and nothing else is either
    examples = {(r["key"], r["line"], r["name"]) for r in rows if r["section"] == "method example"}
    assert ("ambiguous", "2", "Valence") in examples
    assert ("created", "5", "<script>alert(1)</script>") in examples
    assert by["method", "ambiguous"] == "1" and by["method", "created"] == "1"
    tree = lxml.html.parse(str(roster_import / f"{name}.report.html"))
    assert "quality-roster.csv" in tree.xpath('string(//dl[@class="about"])')
    assert not tree.xpath("//script")
    created = tree.xpath('string(//tr[@data-method="created"]//li)')
    assert created.startswith("line 5: <script>alert(1)</script> (FR) → FR.")
    assert "FR-ARA.valence, FR-OCC.valence" in tree.xpath('string(//tr[@data-method="ambiguous"]//li)')


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = chromium(playwright, profile, 1200, 900)
        try:
            yield context
        finally:
            context.close()


def test_report_renders_in_a_browser_without_running_or_fetching_anything(browser, tmp_path):
    page_path = written(hand_report(), tmp_path)[".html"]
    page = watch(browser.new_page())
    page.goto(page_path.resolve().as_uri())
    page.wait_for_load_state("load")
    assert page.requests == [page_path.resolve().as_uri()]
    assert page.dialogs == [] and page.errors == []
    assert page.inner_text("table.suspects tbody tr:first-child td:nth-child(2)") == HOSTILE
    assert page.is_visible("#conflicts table")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()


def test_csv_reads_back_as_written(tmp_path):
    # names with commas, quotes and line breaks come back as the registry wrote them
    report = ImportReport("roster-demo", "demo.csv", rows=1)
    report.suspect(2, 'A, "B"\nC', "FR", "odd")
    rows = csv_rows(written(report, tmp_path)[".csv"])
    assert [r["name"] for r in rows if r["section"] == "suspect"] == ['A, "B"\nC']
