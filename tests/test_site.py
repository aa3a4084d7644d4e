"""The static site (``cca-graph site``): pages, search, escaping, determinism, checked in a real browser.

The browser is Debian's Chromium, driven by Playwright, with every request outside
``file://`` refused and recorded (the explorer's tests' :class:`~tests.test_views.Browser`).
Expected values come from the case files (tests/data/views, loaders/mexico) read here
with PyYAML, not from the site's code. Screenshots of the home page and of Mexico's page
are saved under test-artifacts/site/.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from pyoxigraph import NamedNode, RdfFormat, parse

from cca_graph import UnknownNameError, open_store
from cca_graph.present.briefs.gather import build_date
from cca_graph.present.site import write_site
from cca_graph.present.site.graph import load
from cca_graph.present.site.pages import entity_page
from cca_graph.present.site.paths import has_page, jsonld_path, page_path, turtle_path
from cca_graph.present.site.search import search_index

from . import test_views
from .conftest import ARTIFACTS, DATA, REPO, run_cli, run_notebook
from .servers import watch
from .test_views import HOSTILE

#: the explorer's module-scoped fixtures: Chromium with every request outside file:// refused and
#: recorded, and tests/data/views built (two countries and a local government named like markup)
browser, views_out = test_views.browser, test_views.views_out

SHOTS = ARTIFACTS / "site"
ID = "https://w3id.org/cca-graph/id/"


def case_record(path: Path, record_id: str) -> dict:
    """A record of a case file, as its curators wrote it."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))["records"]
    return next(r for r in records if r["id"] == record_id)


def case_records() -> list[dict]:
    """Every record of the bundled case files (loaders/**.yaml)."""
    found = []
    for path in sorted((REPO / "loaders").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += data.get("records", []) if isinstance(data, dict) else []
    return found


def headings(page: str) -> dict[str, int]:
    """The relation headings of a page and the count beside each (``11,772`` read as 11772)."""
    return {html.unescape(h): int(n.replace(",", ""))
            for h, n in re.findall(r'<h2>([^<]+) <span class="count">\(([\d,]+)\)', page)}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def open_page(browser, path: Path, query: str = ""):
    page = watch(browser.context.new_page())
    page.goto(path.resolve().as_uri() + query)
    page.wait_for_load_state("load")
    return page


def search(page, text: str) -> list[str]:
    """Type ``text`` into the home page's search box; the result lines as shown."""
    page.fill("#search", text)
    return page.eval_on_selector_all("#results li", "els => els.map(e => e.textContent)")


# -- fixtures -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(views_out, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site-hostile") / "site"
    run_cli("site", "--graph", str(views_out), "--to", str(folder))
    return folder


@pytest.fixture(scope="module")
def mexico_site(built, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site-mx") / "site"
    proc = run_cli("site", "--graph", str(built), "--country", "MX", "--to", str(folder))
    assert proc.stdout.startswith(f"Wrote {folder}: ")
    return folder


# -- layout -------------------------------------------------------------------------

def test_layout_of_the_site():
    assert page_path(ID + "MX-JAL.puerto-vallarta") == "e/MX-JAL.puerto-vallarta.html"
    assert turtle_path(ID + "MX-JAL") == "e/MX-JAL.ttl" and jsonld_path(ID + "MX-JAL") == "e/MX-JAL.jsonld"
    # a concept, a source and anything outside the graph's ids get no page (their ids hold a slash)
    for iri in (ID + "level/local", ID + "source/giz-cca", "http://www.wikidata.org/entity/Q13160", ID + "../x"):
        assert not has_page(iri)
        with pytest.raises(ValueError):
            page_path(iri)


# -- search and pages in the browser --------------------------------------------------

def test_searching_jalisco_in_english_and_chinese_reaches_its_page(browser, mexico_site):
    jalisco = case_record(REPO / "loaders" / "mexico" / "governments.yaml", "MX-JAL")
    for name in (jalisco["label"]["en"], jalisco["label"]["zh"]):
        page = open_page(browser, mexico_site / "index.html")
        assert page.get_attribute("body", "data-ready") == "true"
        lines = search(page, name)
        assert lines[0].startswith("Jalisco") and "state or regional government · Mexico" in lines[0]
        assert "哈利斯科州" in lines[0]
        page.click("#results li:first-child a")
        page.wait_for_load_state("load")
        assert page.url.endswith("/e/MX-JAL.html")
        assert page.text_content("h1") == "Jalisco"
        assert page.get_attribute("body", "data-entity") == "MX-JAL"
        assert not page.errors and not page.dialogs
        page.close()
    # its sources, each with its locator, as the case file cites them
    page = open_page(browser, mexico_site / "e" / "MX-JAL.html")
    shown = page.eval_on_selector_all("#sources .locator", "els => els.map(e => e.textContent)")
    assert shown == [s["locator"] for s in jalisco["source"]]
    assert "Collaborative Climate Action" in page.text_content("#sources")
    assert page.text_content(".iri code") == ID + "MX-JAL"
    assert page.text_content(".labels") == "哈利斯科州"  # the Spanish label is the English one
    # the neighbourhood drawing names its parent and its municipality, each a link to its page
    drawing = page.locator("svg.neighbourhood")
    assert drawing.locator("a[href='MX.html']").count() == 1
    assert "Puerto Vallarta" in drawing.text_content()
    assert not browser.outside
    page.close()


def test_enter_opens_a_single_hit_and_goes_to_the_list_of_several(browser, mexico_site):
    page = open_page(browser, mexico_site / "index.html", "?q=Puerto Vallarta")
    lines = page.eval_on_selector_all("#results li", "els => els.map(e => e.textContent)")
    # the municipality by its exact name, then its plan, whose name begins with it (loaders/mexico)
    assert lines == ["Puerto Vallarta local government · Mexico 巴亚尔塔港",
                     "Puerto Vallarta Climate Action Plan instrument · Mexico 巴亚尔塔港气候行动计划"]
    page.press("#search", "Enter")
    assert page.evaluate("document.activeElement.textContent") == "Puerto Vallarta"
    assert page.url.endswith("index.html?q=Puerto%20Vallarta")
    page.fill("#search", "巴亚尔塔港气候")
    page.press("#search", "Enter")
    page.wait_for_url("**/e/mx-jal-puerto-vallarta-cap.html")
    assert page.text_content("h1") == "Puerto Vallarta Climate Action Plan"
    # the other pages' search box leads to the home page's search
    page.fill("header .find input", "Jalisco")
    page.press("header .find input", "Enter")
    page.wait_for_url("**/index.html?q=Jalisco")
    assert page.eval_on_selector("#results li a", "a => a.textContent") == "Jalisco"
    assert not page.errors and not browser.outside
    page.close()


def test_the_search_boxs_examples_are_names_the_site_finds(browser, mexico_site):
    home = open_page(browser, mexico_site / "index.html")
    examples = home.get_attribute("#search", "placeholder").removesuffix("\u2026").split(", ")
    # Jalisco (and its Chinese name), the Under2 Coalition and Puerto Vallarta, as the case files name them
    jalisco = case_record(REPO / "loaders" / "mexico" / "governments.yaml", "MX-JAL")
    vallarta = case_record(REPO / "loaders" / "mexico" / "governments.yaml", "MX-JAL.puerto-vallarta")
    assert examples == [jalisco["label"]["en"], jalisco["label"]["zh"], "Under2 Coalition", vallarta["label"]["en"]]
    for example in examples:
        found = search(home, example)
        assert found and example in found[0], example   # the first hit is the one named so
    assert not home.errors
    home.close()


def test_hostile_name_is_text_everywhere_and_nothing_leaves_file(browser, hostile_site):
    record = case_record(DATA / "views" / "explorer" / "governments.yaml", "FR-ARA.hostile")
    assert record["label"] == HOSTILE
    page = open_page(browser, hostile_site / "index.html")
    lines = search(page, "<img")
    assert lines and lines[0].startswith(HOSTILE)
    assert page.locator("#results img").count() == 0
    page.click("#results li:first-child a")
    page.wait_for_load_state("load")
    assert page.text_content("h1") == HOSTILE
    assert page.text_content(".description") == record["description"]
    assert page.eval_on_selector_all("#sources .locator", "els => els.map(e => e.textContent)") == \
        [record["source"]["locator"]]
    assert page.locator("main img, main script, main b").count() == 0
    # the region's page draws and lists it as text too
    region = open_page(browser, hostile_site / "e" / "FR-ARA.html")
    assert HOSTILE in region.text_content("svg.neighbourhood")
    assert HOSTILE in region.text_content("main")
    assert region.locator("img").count() == 0
    for opened in (page, region):
        assert opened.dialogs == [] and opened.errors == []
        opened.close()
    assert browser.outside == []


def test_screenshots_of_the_home_page_and_a_country_page(browser, mexico_site):
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)
    home = open_page(browser, mexico_site / "index.html")
    home.screenshot(path=str(SHOTS / "home.png"))
    country = open_page(browser, mexico_site / "e" / "MX.html")
    country.screenshot(path=str(SHOTS / "country-MX.png"), full_page=True)
    # the country's page: the level chart, key facts, gap checks and its brief, which opens
    assert country.locator("#country svg.chart").count() == 1
    chart = " ".join(country.text_content("#country svg.chart").split())   # names wrap in the chart's boxes
    assert "Jalisco Law on Action against Climate Change" in chart and "32 governments" in chart
    assert country.locator("#country .gaps li").count() > 0
    # giz-cca §4.3 speaks of the LGCC, which does not directly oblige municipalities: not of every national law
    assert ("A source states that General Law on Climate Change (LGCC) does not directly oblige the local level"
            in country.text_content("#country .gaps"))
    # "section 2" in the gap checks leads to that section of the brief (its second: the mandates)
    linked = country.eval_on_selector_all("#country .gaps a", "els => els.map(a => [a.textContent, a.href])")
    assert ["section 2", (mexico_site / "briefs" / "MX.html").resolve().as_uri() + "#section-mandates"] in linked
    brief = (mexico_site / "briefs" / "MX.html").read_text(encoding="utf-8")
    assert 'id="section-mandates" class="brief-section" data-section="2"' in brief
    country.click("#country .brief-link a")
    country.wait_for_load_state("load")
    assert country.url.endswith("/briefs/MX.html")
    assert country.text_content("h1").startswith("Country brief: Mexico")
    for opened in (home, country):
        assert not opened.errors
        opened.close()
    assert not browser.outside
    for name in ("home.png", "country-MX.png"):
        colours = Image.open(SHOTS / name).convert("RGB").getcolors(maxcolors=1 << 24)
        assert len(colours) > 100, f"{name} looks blank"
        print(f"screenshot: {SHOTS / name}")


# -- files ----------------------------------------------------------------------------

@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_two_builds_are_byte_identical_and_stale_pages_go(views_out, hostile_site, tmp_path):
    again = tmp_path / "again"
    (again / "e").mkdir(parents=True)
    (again / "e" / "gone.html").write_text("an entity of an earlier build", encoding="utf-8")
    # the library, as the CLI calls it: the briefs say the day the store was built
    write_site(open_store(views_out), again, built=build_date(views_out))
    assert tree(again) == tree(hostile_site)


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_page_links_its_own_triples_as_turtle_and_json_ld(mexico_site):
    turtle = (mexico_site / "e" / "MX-JAL.ttl").read_bytes()
    jsonld = (mexico_site / "e" / "MX-JAL.jsonld").read_bytes()
    from_turtle = {(q.subject, q.predicate, q.object) for q in parse(turtle, RdfFormat.TURTLE)}
    from_jsonld = {(q.subject, q.predicate, q.object) for q in parse(jsonld, RdfFormat.JSON_LD)}
    assert from_turtle == from_jsonld
    jalisco = NamedNode(ID + "MX-JAL")
    labels = {str(o.value) for s, p, o in from_turtle if s == jalisco and p.value.endswith("#label")}
    assert labels == {"Jalisco", "哈利斯科州"}
    assert {s for s, _, _ in from_turtle} - {jalisco} and all(
        s == jalisco or s.value.startswith(ID + "citation/") for s, _, _ in from_turtle)
    locators = {str(o.value) for _, p, o in from_turtle if p.value.endswith("#locator")}
    jalisco_record = case_record(REPO / "loaders" / "mexico" / "governments.yaml", "MX-JAL")
    assert locators == {cite["locator"] for cite in jalisco_record["source"]}
    page = (mexico_site / "e" / "MX-JAL.html").read_text(encoding="utf-8")
    assert 'href="MX-JAL.ttl"' in page and 'href="MX-JAL.jsonld"' in page


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_one_country_site_holds_its_entities_and_names_others_without_links(mexico_site):
    pages = {p.stem for p in (mexico_site / "e").glob("*.html")}
    governments = yaml.safe_load((REPO / "loaders" / "mexico" / "governments.yaml").read_text(encoding="utf-8"))
    mexican = {r["id"] for r in governments["records"] if r["type"] == "Government"}
    assert mexican <= pages
    # Baden-Württemberg co-chairs the Under2 Coalition, which Mexico's states belong to: it is named on
    # the network's page, without a link, and has no page or search entry of its own
    assert "DE-BW" not in pages
    under2 = (mexico_site / "e" / "under2-coalition.html").read_text(encoding="utf-8")
    assert "Baden-Württemberg" in under2 and 'href="DE-BW.html"' not in under2
    # the network's description is for readers; its curators' note never reaches a page
    network = case_record(REPO / "loaders" / "under2" / "network.yaml", "under2-coalition")
    assert network["description"] in html.unescape(under2)
    assert network["curation_note"][:40] not in html.unescape(under2)
    index = (mexico_site / "assets" / "search.js").read_text(encoding="utf-8")
    data = json.loads(index.removeprefix("window.CCA_SEARCH = ").rstrip().removesuffix(";"))
    assert {entry[0] for entry in data["entries"]} == pages
    assert sorted(p.name for p in (mexico_site / "briefs").iterdir()) == ["MX.html"]
    # every link between pages leads to a file of the site
    for path in (mexico_site / "e").glob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', path.read_text(encoding="utf-8")):
            if not href.startswith("http"):
                assert (path.parent / href).is_file(), f"{path.name} links {href}"


def test_an_entity_is_of_a_country_only_where_its_own_record_says_so(store):
    records = {r["id"]: r for r in case_records()}

    def nation(gov_id: str) -> str:
        # up the part_of chain of the case files to the national government, whose code it is
        record = records[gov_id]
        while record["level"] != "national":
            record = records[record["part_of"]]
        return record.get("iso", record["id"])

    site = load(store)
    organisations = [r for r in records.values() if r["type"] == "Organization"]
    given = {r["id"]: nation(r["country"]) for r in organisations if "country" in r}
    unsaid = {r["id"] for r in organisations if "country" not in r and "part_of" not in r}
    assert given and len(unsaid) > 20
    assert {key: site.country_of(ID + key) for key in given} == given
    assert {key for key in unsaid if site.country_of(ID + key) is not None} == set()
    # funders and events of the Under2 Coalition, which the site once placed among its members' countries
    for key in ("climateworks-foundation", "oxfam", "oecd", "under2-clean-energy-forum-cem8",
                "under2-goal-2020-mrv-support"):
        assert key in records and site.country_of(ID + key) is None, key
        assert entity_page(site, ID + key)["country"] is None, key
    # an instrument adopted by British Columbia alone (governments.yaml: part of Canada)
    assert records["ca-bc-carbon-tax"]["adopted_by"] in ("CA-BC", ["CA-BC"])
    assert site.country_of(ID + "ca-bc-carbon-tax") == "CA"
    # search results say a country only where the page does
    index = search_index(site)
    by_id = {entry[0]: entry[3] for entry in index["entries"]}
    assert by_id["climateworks-foundation"] == -1 and by_id["oxfam"] == -1
    assert index["countries"][by_id["ca-bc-carbon-tax"]] == ["CA", "Canada"]


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_pages_title_figures_apart_from_absences_and_count_every_members_country(mexico_site):
    records = case_records()

    def about(key: str, kind: str) -> int:
        return sum(1 for r in records if r["type"] == kind
                   and key in (r["about"] if isinstance(r["about"], list) else [r["about"]]))

    for key in ("under2-coalition", "mx-sncc", "mx-lgcc"):
        shown = headings((mexico_site / "e" / f"{key}.html").read_text(encoding="utf-8"))
        figures, absences = about(key, "Observation"), about(key, "KnownAbsence")
        assert shown.get("Figures about it", 0) == figures, key
        assert shown.get("Known absences about it", 0) == absences, key
    assert about("under2-coalition", "Observation") == 7 and about("mx-sncc", "Observation") == 2
    assert about("mx-lgcc", "KnownAbsence") == 1
    # the 2017 Highlights (§8) count members in 43 countries, ARDCI (Côte d'Ivoire, an organisation) among them
    under2 = html.unescape((mexico_site / "e" / "under2-coalition.html").read_text(encoding="utf-8"))
    assert "network with members in 43 countries" in re.sub(r"<[^>]+>", "", under2)
    table = under2.split('<table class="members">')[1].split("</table>")[0]
    countries = set(re.findall(r"<tr><td>([^<]+)</td>", table)) - {"no country recorded"}
    assert len(countries) == 43 and "Côte d'Ivoire" in countries
    # Jalisco is a member of the SNCC (law.yaml: its members), a relation named from Jalisco's side
    sncc = case_record(REPO / "loaders" / "mexico" / "law.yaml", "mx-sncc")
    assert "MX-JAL" in sncc["members"]
    jalisco = (mexico_site / "e" / "MX-JAL.html").read_text(encoding="utf-8")
    assert headings(jalisco)["Member of"] == 1
    for path in (mexico_site / "e").glob("*.html"):
        assert "Linked to it as" not in path.read_text(encoding="utf-8"), path.name


#: Mexico's key facts, counted by hand in the case files: MX, its 32 states (loaders/under2/governments.yaml,
#: mexico/governments.yaml) and Puerto Vallarta; the LGCC and Jalisco's law; the ENCC, the PECC, Puerto
#: Vallarta's plan, the regional NDC workshops, the Yucatán Peninsula programme and Yucatán's MRV grant; the
#: LGCC's first mitigation and adaptation targets; Friends of Cities and Under2. Gap findings, one per check
#: and government: SNCC joins two pairs of levels, art. 58 obliges the states, Puerto Vallarta has its plan
#: (4 links); the LGCC does not oblige municipalities (1 known absence); the 32 states' programmes and
#: reporting and the funding of the two obligations were not surveyed (mx-coverage: 32 + 32 + 2). The
#: newest document cited, code lists aside, is the GIZ publication of 2020. No figure counts Mexico's
#: states or municipalities, so no "of N".
MEXICO_KEY_FACTS = {
    "Governments": "1 national · 32 state or regional · 1 local",
    "Laws": "2",
    "Instruments": "6",
    "Targets and pledges": "2",
    "Networks joined": "2: Friends of Cities (proposed: Friends of Multi-level Action); Under2 Coalition",
    "Gap findings": "4 where the link exists · 1 stated absent by a source · 66 not looked at (questions to ask) "
                    "(the checks)",
    "Newest source": "2020",
}


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_country_page_gives_its_key_facts_counted_in_the_graph(mexico_site):
    page = html.unescape((mexico_site / "e" / "MX.html").read_text(encoding="utf-8"))
    facts = page.split('<dl class="key-facts">')[1].split("</dl>")[0]
    shown = {dt: re.sub(r"<[^>]+>", "", dd) for dt, dd in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", facts)}
    assert shown == MEXICO_KEY_FACTS
    governments = case_records()
    states = [r for r in governments if r.get("type") == "Government" and r.get("part_of") == "MX"
              and r.get("level") == "regional"]
    assert len(states) == 32


def network_lines(home: str) -> dict[str, str]:
    """The home page's networks: name -> what is said of its members."""
    section = home.split('<section id="networks">')[1].split("</section>")[0]
    return {html.unescape(name): html.unescape(said) for name, said in
            re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="what">([^<]+)</span></li>', section)}


def test_home_page_counts_each_member_once_as_the_networks_page_lists_them(store):
    from cca_graph.present.site import _environment, _home

    # by hand from the case files: every membership of the Under2 Coalition (loaders/under2/roster.yaml,
    # governance-2018.yaml), each member once; the nations whose only role is endorser endorse the MOU
    roles: dict[str, set[str]] = {}
    for record in case_records():
        if record["type"] == "Membership" and record["network"] == "under2-coalition":
            roles.setdefault(record["member"], set()).add(record["role"])
    endorsers = {member for member, held in roles.items() if held == {"endorser"}}
    assert (len(roles), len(endorsers)) == (151, 19)       # 173 memberships: 132 signatories and 41 more roles
    assert sum(1 for r in case_records() if r["type"] == "Membership" and r["network"] == "c40") == 0
    site = load(store)
    lines = network_lines(_home(_environment(), site, False, {}))
    assert lines["Under2 Coalition"] == "132 members and 19 endorsers"
    assert lines["Friends of Cities (proposed: Friends of Multi-level Action)"] == "9 members"  # 9 founding members
    assert lines["C40 Cities"] == "no members recorded"
    assert not [name for name, said in lines.items() if said.startswith("0 ")]
    # the network's page lists the same 151, endorsers among them and said to be so
    groups = {g.heading: g for g in entity_page(site, ID + "under2-coalition")["groups"]}
    listed = groups["Members and endorsers, by country and level"]
    assert listed.size == 151
    canada = next(e for _, _, entries in listed.by_country for e in entries if e.name == "Canada")
    assert canada.detail == "endorser, listed in 2017"


def test_a_code_list_name_is_shown_as_a_reader_writes_it():
    from cca_graph.present.site.graph import name_of
    from cca_graph.project.property_graph import Node

    def named(label: str, **props) -> str:
        return name_of(Node(ID + "x", ("Government",), {"label_en": label, **props}))

    # names as the ISO 3166-2 list prints them: the province of Barcelona (its Spanish name in brackets, the
    # same), Girona (Spanish: Gerona) and Stockholm county (the code in brackets)
    assert named("Barcelona [Barcelona]", isoCode="ES-B") == "Barcelona"
    assert named("Girona [Gerona]", isoCode="ES-GI") == "Girona (Gerona)"
    assert named("Stockholms län [SE-01]", isoCode="SE-AB") == "Stockholms län"
    # a name the curators wrote, with no code of the list, is kept as written
    assert named("Barcelona [Barcelona]") == "Barcelona [Barcelona]"


def test_a_consultation_is_titled_as_taken_part_in_never_as_adopted(store):
    record = case_record(REPO / "loaders" / "un-hleg" / "expert-group.yaml", "un-hleg-consultation-c40")
    assert record["instrument_type"] == "consultation" and record["adopted_by"] == ["un-hleg", "c40"]
    site = load(store)
    c40 = {g.heading: [e.name for e in g.entries] for g in entity_page(site, ID + "c40")["groups"]}
    assert c40["Consultations it held or took part in"] == [record["label"]["en"]]
    assert record["label"]["en"] not in c40.get("Instruments it adopted", [])
    held = {g.heading: sorted(e.name for e in g.entries)
            for g in entity_page(site, ID + "un-hleg-consultation-c40")["groups"]}
    assert "Adopted by" not in held and len(held["Held by or with"]) == 2
    # an instrument that is no consultation is adopted: British Columbia's carbon tax, which the province
    # both enacted and adopted (carbon-pricing.yaml), listed once under both words on either page
    bc = {g.heading: [e.name for e in g.entries] for g in entity_page(site, ID + "CA-BC")["groups"]}
    tax = case_record(REPO / "loaders" / "canada" / "carbon-pricing.yaml", "ca-bc-carbon-tax")
    assert tax["adopted_by"] == tax["enacted_by"] == "CA-BC"
    assert bc["Instruments it enacted and adopted"] == [tax["label"]]
    assert tax["label"] not in bc.get("Instruments it adopted", []) + bc.get("Laws and instruments it enacted", [])
    by = {g.heading: [e.name for e in g.entries] for g in entity_page(site, ID + "ca-bc-carbon-tax")["groups"]}
    assert by["Enacted and adopted by"] == ["British Columbia"] and not {"Enacted by", "Adopted by"} & set(by)


def test_the_drawing_words_a_membership_by_its_role(store):
    from cca_graph.present.site.neighbourhood import neighbourhood_svg

    # Canada endorses the Under2 MOU (roster.yaml, national endorsements), Jalisco signed it and co-chairs
    canada = case_record(REPO / "loaders" / "under2" / "roster.yaml", "under2-endorser-2017-ca")
    assert canada["role"] == "endorser"
    site = load(store)

    def relation_under(centre: str, name: str) -> str:
        svg = str(neighbourhood_svg(site, ID + centre))
        return html.unescape(re.search(rf'class="name">{re.escape(name)}</tspan>(?:<tspan[^>]*class="name">[^<]*'
                                       rf'</tspan>)*<tspan[^>]*class="rel">([^<]*)</tspan>', svg).group(1))

    assert relation_under("CA", "Under2 Coalition") == "endorser of"
    jalisco = relation_under("MX-JAL", "Under2 Coalition")
    assert "member" not in jalisco and "endorser" not in jalisco and "co-chair" in jalisco


def test_the_drawing_keeps_names_whole_apart_from_lines_and_counts_in_words(store):
    from cca_graph.present.site.neighbourhood import neighbourhood_svg

    site = load(store)

    def names(centre: str) -> list[str]:
        svg = str(neighbourhood_svg(site, ID + centre))
        return [" ".join(html.unescape(t) for t in re.findall(r'class="(?:name|centre)">([^<]*)</tspan>', text))
                for text in re.findall(r"<text .*?</text>", svg)]

    # the LGCC's articles 7, 8 and 9 (loaders/mexico/law.yaml), told apart by the ends of their names
    law = yaml.safe_load((REPO / "loaders" / "mexico" / "law.yaml").read_text(encoding="utf-8"))["records"]
    articles = {r["label"] for r in law if r["type"] == "Provision" and r["label"].startswith(("LGCC art. 7:",
                                                                                              "LGCC art. 9:"))}
    assert len(articles) == 2 and articles <= set(names("mx-lgcc"))
    # Puerto Vallarta: Jalisco above, its plan below; the line down to the plan starts under its name
    svg = str(neighbourhood_svg(site, ID + "MX-JAL.puerto-vallarta"))
    centre = re.search(r'<text x="[\d.]+" y="([\d.]+)"[^>]*><tspan[^>]*class="centre">', svg)
    down = [float(y1) for y1, y2 in re.findall(r'<line [^>]*y1="([\d.]+)"[^>]*y2="([\d.]+)"', svg)
            if float(y2) > float(y1)]
    assert len(down) == 1 and down[0] > float(centre.group(1)) + 4
    # an observation about the SNCC alone (law.yaml: about mx-sncc) is linked to one entity, said so
    record = case_record(REPO / "loaders" / "mexico" / "law.yaml", "mx-sncc-state-members")
    assert record["about"] == "mx-sncc"
    assert "and the entity it is linked to</title>" in str(neighbourhood_svg(site, ID + "mx-sncc-state-members"))


def test_reporting_said_of_a_level_is_not_shown_as_observed_of_each_province(store):
    # loaders/indonesia/governments.yaml: the 34 provinces report through PEP-Online as GIZ §4.6 says of the
    # provinces as a class, naming none; the nation's record carries no such mark
    records = yaml.safe_load((REPO / "loaders" / "indonesia" / "governments.yaml").read_text(encoding="utf-8"))
    provinces = [r for r in records["records"] if r.get("reports_via") == "id-pep-online"]
    assert len(provinces) == 34 and all(r["reports_via_of_level"] == "regional" for r in provinces)
    site = load(store)
    groups = {g.heading: g for g in entity_page(site, ID + "id-pep-online")["groups"]}
    reporting = groups["Reporting through it"]
    assert reporting.size == 34
    assert reporting.note.startswith("The source says this of the state or regional governments as a class "
                                     "and names none of them")
    aceh = {g.heading: g for g in entity_page(site, ID + "ID-AC")["groups"]}
    assert aceh["Reports through"].note == reporting.note
    assert all(not g.note for g in entity_page(site, ID + "ID")["groups"])


def test_a_doubted_figure_is_not_shown_plainly_as_measured(store):
    site = load(store)
    for key in ("ca-local-carbon-pricing-2019", "ca-local-carbon-pricing-emissions-share-2019"):
        record = case_record(REPO / "loaders" / "canada" / "carbon-pricing.yaml", key)
        assert record["status"] == "measured"
        rows = {name: value for name, value, _ in entity_page(site, ID + key)["properties"]}
        # the case file's doubt, in its own words; "measured" would vouch for the figure, so it is not said
        assert rows["figure status"] == f"as the source states it, in doubt: {record['doubt']}"
        assert "doubt" not in rows
    # a figure with no doubt recorded keeps its plain status
    sncc = case_record(REPO / "loaders" / "mexico" / "law.yaml", "mx-sncc-state-members")
    rows = {name: value for name, value, _ in entity_page(site, ID + "mx-sncc-state-members")["properties"]}
    assert rows["figure status"] == sncc["status"] == "measured"


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_curators_notes_stay_out_of_each_entitys_triples(mexico_site):
    noted = {r["id"]: r for r in case_records() if r.get("curation_note") or r.get("note")}
    files = sorted((mexico_site / "e").glob("*.ttl")) + sorted((mexico_site / "e").glob("*.jsonld"))
    shown = {p.stem for p in files} & set(noted)
    assert len(files) > 100 and "under2-coalition" in shown
    for path in files:
        fmt = RdfFormat.TURTLE if path.suffix == ".ttl" else RdfFormat.JSON_LD
        predicates = {q.predicate.value for q in parse(path.read_bytes(), fmt)}
        assert not predicates & {"http://www.w3.org/2004/02/skos/core#editorialNote",
                                 "http://www.w3.org/2000/01/rdf-schema#comment"}, path.name
    for key in shown:
        text = (mexico_site / "e" / f"{key}.ttl").read_text(encoding="utf-8")
        for note in (noted[key].get("curation_note"), noted[key].get("note")):
            assert not note or note.strip()[:30] not in text, key
    assert noted["under2-coalition"]["description"][:40] in (mexico_site / "e" / "under2-coalition.ttl").read_text(
        encoding="utf-8")


@pytest.mark.slow  # builds a site (and the graph it is built from)
def test_unknown_country_is_an_error_that_names_the_known_ones(views_out, tmp_path):
    with pytest.raises(UnknownNameError, match="unknown country 'XX'; known: DE, FR"):
        write_site(open_store(views_out), tmp_path / "site", country="XX")
    assert not (tmp_path / "site").exists()


# -- registry scale and the notebook --------------------------------------------------

def test_local_governments_of_a_registry_are_searchable(browser, registry_graph, tmp_path):
    out, _ = registry_graph
    result = write_site(open_store(out), tmp_path / "site", country="MX", overview=False)   # tested on its own
    assert not (result.path / "overview.html").exists() and not result.overview
    page = open_page(browser, result.path / "index.html")
    lines = search(page, "Guadalajara")
    assert any(line.startswith("Guadalajara local government · Mexico") for line in lines), lines
    page.click("#results a:text-is('Guadalajara')")
    page.wait_for_load_state("load")
    assert page.url.endswith("/e/MX-JAL.guadalajara.html")
    assert page.eval_on_selector_all("section.relations h2", "els => els.map(e => e.textContent)")[0] == "Part of (1)"
    assert "Jalisco" in page.text_content("section.relations li")
    assert page.locator("#sources .locator").count() > 0
    assert not page.errors and not browser.outside
    page.close()
    # ClimActor names a municipality "EL Grullo, Jalisco": in a list of names it stays one entry, set apart
    # by semicolons where a comma would make two of it. The country page's sentences now name at most six
    # governments before "and N more" (the brief's budget), so it is checked on such a list and, wherever the
    # page still names it, there
    from cca_graph.present.briefs.model import Name
    from cca_graph.present.site.country import separated

    parts = separated([Name("Arandas"), ", ", Name("EL Grullo, Jalisco"), " and ", Name("Guadalajara")])
    assert "".join(p if isinstance(p, str) else p.text for p in parts) == "Arandas; EL Grullo, Jalisco and Guadalajara"
    mexico = html.unescape(re.sub(r"<[^>]+>", "", (result.path / "e" / "MX.html").read_text(encoding="utf-8")))
    listed = re.findall(r"(.{2})EL Grullo, Jalisco(.{2})", mexico)
    assert all(before == "; " or after in ("; ", " a") for before, after in listed), listed


def test_explorer_notebook_writes_a_site_for_one_country(built, tmp_path, monkeypatch):
    monkeypatch.setenv("CCA_GRAPH_OUT", str(built))
    monkeypatch.setenv("CCA_GRAPH_VIEWS", str(tmp_path / "views"))
    monkeypatch.setenv("CCA_GRAPH_SITE", str(tmp_path / "site"))
    printed = run_notebook("explorer")
    assert (tmp_path / "site" / "e" / "MX-JAL.html").is_file()
    assert (tmp_path / "site" / "briefs" / "MX.html").is_file()
    assert "country: MX" in printed
