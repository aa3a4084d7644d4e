"""The graph explorer: a self-contained HTML page, checked in a real browser.

The browser is Debian's Chromium (/usr/bin/chromium, installed by ``make test``),
driven by Playwright for Python, started and stopped by these tests with every
request outside ``file://`` refused and recorded.
"""
from __future__ import annotations

import json
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from cca_graph import UnknownNameError, open_store
from cca_graph.present.views import DEFAULT_BUDGET, UnknownEntityError, write_view
from cca_graph.project.property_graph import project

from .conftest import ARTIFACTS, DATA, run_cli, run_notebook
from .servers import chromium, watch

HOSTILE = "<img src=x onerror=alert(1)>"
GCOM_CITIES = 13_000


def page_data(path: Path) -> dict:
    """The JSON the page embeds, as the page's script reads it."""
    html = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="cca-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def drawn_ids(path: Path) -> set[str]:
    return {n["id"] for n in page_data(path)["nodes"]}


# -- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def views_out(tmp_path_factory) -> Path:
    """tests/data/views built: two countries, every kind of node, a hostile name."""
    out = tmp_path_factory.mktemp("views") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "views"), "--quiet")
    return out


@pytest.fixture(scope="module")
def fixture_page(views_out, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "fixture.html"
    run_cli("view", "--graph", str(views_out), "--to", str(path))
    return path


@pytest.fixture(scope="module")
def mexico_page(built, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "mexico.html"
    run_cli("view", "--graph", str(built), "--country", "MX", "--to", str(path))
    return path


@pytest.fixture(scope="module")
def gcom_out(tmp_path_factory) -> Path:
    """A GCoM-sized graph: 13,000 cities of one country, all members of one network."""
    root = tmp_path_factory.mktemp("gcom")
    (root / "sources.yaml").write_bytes((DATA / "views" / "sources.yaml").read_bytes())
    cite = {"doc": "test-doc", "locator": "roster"}
    records = [{"id": "FR", "type": "Government", "label": "France", "level": "national", "iso": "FR", "source": dict(cite)},
               {"id": "covenant", "type": "Network", "label": "A covenant of mayors", "source": dict(cite)}]
    for i in range(GCOM_CITIES):
        city = f"FR.city-{i:05d}"
        records.append({"id": city, "type": "Government", "label": f"City {i:05d}", "level": "local",
                        "part_of": "FR", "source": dict(cite)})
        records.append({"id": f"{city}-in-covenant", "type": "Membership", "label": f"City {i:05d} in the covenant",
                        "member": city, "network": "covenant", "role": "signatory", "source": dict(cite)})
    (root / "roster").mkdir()
    # one mapping per record: case material takes no YAML aliases, which safe_dump writes for a shared object
    (root / "roster" / "cities.yaml").write_text(yaml.safe_dump({"records": records}, sort_keys=False), encoding="utf-8")
    out = root / "out"
    run_cli("build", "--graph", str(out), "--cases", str(root), "--quiet", timeout=900)
    return out


class Browser:
    """Chromium with a fresh profile; every request outside file:// is refused and recorded."""

    def __init__(self, context):
        self.context = context
        self.outside: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: Path):
        page = watch(self.context.new_page())
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=300_000)
        return page


@contextmanager
def offline_browser(width: int = 1400, height: int = 900):
    """A :class:`Browser` on Debian's Chromium with a fresh profile, closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = chromium(playwright, profile, width, height)
        try:
            yield Browser(context)
        finally:
            context.close()


@pytest.fixture(scope="module")
def browser():
    with offline_browser() as opened:
        yield opened


def search(page, text: str) -> None:
    page.fill("#search", text)
    page.press("#search", "Enter")


def click_node(page, node_id: str) -> None:
    """Click a node where it is drawn, as a user would."""
    page.evaluate("id => cca.network.focus(id, {scale: 2.5, animation: false})", node_id)
    point = page.evaluate("id => cca.network.canvasToDOM(cca.network.getPositions([id])[id])", node_id)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def hidden(page, node_id: str) -> bool:
    return page.evaluate("id => Boolean(cca.nodes.get(id).hidden)", node_id)


# -- the file ---------------------------------------------------------------------

def test_cli_says_where_it_wrote_and_how_much_is_shown(views_out, tmp_path):
    path = tmp_path / "sub" / "explorer.html"
    proc = run_cli("view", "--graph", str(views_out), "--to", str(path), "--budget", "5")
    assert proc.stdout.startswith(f"Wrote {path}: 5 nodes shown, 13 hidden")
    assert path.is_file()


def test_cli_budget_default_is_the_library_one():
    from cca_graph.cli import view

    assert next(p for p in view.params if p.name == "budget").default == DEFAULT_BUDGET


def test_same_input_gives_the_same_bytes(views_out, tmp_path):
    again = tmp_path / "again"
    run_cli("build", "--graph", str(again), "--cases", str(DATA / "views"), "--quiet")
    first, second, third = tmp_path / "a.html", tmp_path / "b" / "b.html", tmp_path / "c.html"
    run_cli("view", "--graph", str(views_out), "--to", str(first))
    run_cli("view", "--graph", str(again), "--to", str(second))
    write_view(open_store(views_out), third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_page_loads_nothing_from_outside(fixture_page):
    html = fixture_page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "default-src 'none'" in html                      # the page's own CSP forbids loading
    assert "vis-network" in html and "vis.Network" in html   # the library is inlined


def test_names_from_data_never_reach_markup_unescaped(fixture_page):
    html = fixture_page.read_text(encoding="utf-8")
    assert HOSTILE not in html and "<img" not in html and "<script>alert" not in html and "<b>bold" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert HOSTILE in {n["cca"]["labels"].get("en") for n in page_data(fixture_page)["nodes"]}


def test_styles_tell_types_levels_diffusion_and_gaps_apart(fixture_page):
    data = page_data(fixture_page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["FR"]["color"]["background"] != nodes["FR-ARA"]["color"]["background"] != nodes["FR-ARA.lyon"]["color"]["background"]
    assert {nodes[i]["shape"] for i in ("FR", "test-network", "fr-test-law", "fr-ara-plan", "fr-mandate-regional-plan",
                                         "fr-ara-net-zero", "fr-coordination-committee")} == {
        "dot", "hexagon", "diamond", "square", "triangle", "star", "triangleDown"}
    gap = nodes["fr-no-local-obligation"]
    assert gap["shapeProperties"]["borderDashes"] and gap["color"]["border"] == "#e74c3c"
    edges = {(e["from"], e["cca"]["type"], e["to"]): e for e in data["edges"]}
    scaled = edges[("fr-national-plan", "SCALED_UP_FROM", "fr-ara-plan")]
    inspired = edges[("de-by-plan", "INSPIRED_BY", "fr-ara-plan")]
    about = edges[("fr-no-local-obligation", "ABOUT", "fr-test-law")]
    part_of = edges[("FR-ARA", "PART_OF", "FR")]
    assert scaled["label"] == "scaled up from" and part_of["label"] == "part of"
    assert scaled["color"] == inspired["color"] != part_of["color"] and scaled["width"] > part_of["width"]
    assert about["dashes"] and not part_of["dashes"] and about["color"]["color"] == "#e74c3c"
    legend = fixture_page.read_text(encoding="utf-8").split('id="legend"')[1].split("</section>")[0]
    for name in ("Government: national", "Government: local", "Network", "Law", "Mandate", "Instrument",
                 "Commitment", "Coordination body", "Known absence (gap)", "Diffusion", "Gap"):
        assert name in legend


# -- what a view selects ----------------------------------------------------------

def test_country_follows_part_of_and_links(views_out, tmp_path):
    path = tmp_path / "fr.html"
    result = write_view(open_store(views_out), path, country="fr")
    ids = drawn_ids(path)
    assert {"FR", "FR-ARA", "FR-ARA.lyon", "FR-ARA.hostile", "fr-test-law", "fr-test-law-art5",
            "fr-mandate-regional-plan", "fr-no-local-obligation", "fr-ara-plan", "fr-national-plan",
            "fr-ara-plan-outcome", "fr-ara-net-zero", "fr-ministry", "fr-coordination-committee",
            "test-network"} == ids
    assert result.scope == "Country: France (FR)" and (result.shown, result.hidden) == (15, 0)


def test_network_view_is_the_network_and_what_links_to_it(views_out, tmp_path):
    path = tmp_path / "net.html"
    write_view(open_store(views_out), path, network="test")
    assert drawn_ids(path) == {"test-network", "FR-ARA", "DE-BY"}
    with pytest.raises(UnknownNameError, match="known: test-network"):
        write_view(open_store(views_out), tmp_path / "x.html", network="under2")


def test_focus_keeps_the_neighbourhood(views_out, tmp_path):
    path = tmp_path / "focus.html"
    result = write_view(open_store(views_out), path, focus="fr-ara-plan", depth=1)
    assert drawn_ids(path) == {"fr-ara-plan", "FR-ARA", "fr-mandate-regional-plan", "fr-national-plan",
                               "de-by-plan", "fr-ara-plan-outcome"}
    assert result.scope == "Around Regional climate plan (fr-ara-plan), depth 1"
    write_view(open_store(views_out), path, focus="fr-ara-plan", depth=1, country="FR")
    assert "de-by-plan" not in drawn_ids(path)
    with pytest.raises(UnknownEntityError, match="did you mean: fr-ara-plan"):
        write_view(open_store(views_out), path, focus="fr-ara-plam")


def test_unknown_names_are_clear_errors(views_out, tmp_path):
    proc = run_cli("view", "--graph", str(views_out), "--country", "XX", "--to", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and proc.stderr.startswith("Error: unknown country 'XX'; known: DE, FR")
    proc = run_cli("view", "--graph", str(views_out), "--focus", "nowhere", "--to", str(tmp_path / "x.html"), check=False)
    assert proc.returncode == 1 and proc.stderr.startswith("Error: no entity 'nowhere' in the graph")
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.html").exists()


def test_budget_keeps_the_skeleton_and_counts_the_rest(views_out, tmp_path):
    path = tmp_path / "budget.html"
    result = write_view(open_store(views_out), path, budget=4)
    assert (result.shown, result.hidden) == (4, 14)
    assert drawn_ids(path) == {"test-network", "FR", "DE", "FR-ARA"}
    data = page_data(path)
    assert data["meta"]["overBudget"] == 14 and len(data["offView"]) == 14
    # the panel counts the relations to nodes left out
    assert {n["id"]: n["cca"]["offView"] for n in data["nodes"]} == {"FR": 4, "DE": 1, "test-network": 1, "FR-ARA": 5}
    html = path.read_text(encoding="utf-8")
    assert "4 shown, 14 hidden" in html and "a page draws at most 4" in html


# -- in the browser -----------------------------------------------------------------

def test_page_works_with_the_network_blocked(browser, fixture_page):
    page = browser.open(fixture_page)
    assert page.evaluate("cca.network.body.nodeIndices.length") == 18
    assert page.text_content("#count") == "18 shown, 0 hidden"
    assert not browser.outside and all(url.startswith("file://") for url in page.requests)
    assert not page.errors and not page.dialogs
    page.close()


def test_hostile_label_shows_as_text_and_opens_no_dialog(browser, fixture_page):
    page = browser.open(fixture_page)
    search(page, HOSTILE)
    assert page.evaluate("cca.network.getSelectedNodes()") == ["FR-ARA.hostile"]
    assert page.text_content("#panel h2") == HOSTILE
    click_node(page, "FR-ARA.hostile")
    assert page.text_content("#panel h2") == HOSTILE
    panel = page.text_content("#panel")
    assert "A note with <script>alert(2)</script> & an ampersand" in panel
    assert "test-doc: p. 4 <b>bold</b>" in panel
    assert page.evaluate("document.querySelectorAll('img, #panel b, #panel script').length") == 0
    page.mouse.move(5, 5)
    assert not page.dialogs and not page.errors and not browser.outside
    page.close()


def test_filter_by_level_hides_the_other_levels(browser, mexico_page):
    page = browser.open(mexico_page)
    levels = page.evaluate("cca.data.nodes.filter(n => n.cca.level).map(n => [n.id, n.cca.level])")
    assert {"national", "regional", "local"} <= {level for _, level in levels}
    page.uncheck("#filter-level input[value=national]")
    page.uncheck("#filter-level input[value=local]")
    for node_id, level in levels:
        assert hidden(page, node_id) == (level != "regional"), node_id
    assert not hidden(page, "MX-JAL") and hidden(page, "MX") and hidden(page, "MX-JAL.puerto-vallarta")
    total = len(page_data(mexico_page)["nodes"])
    visible = total - sum(1 for _, level in levels if level != "regional")
    assert page.text_content("#count") == f"{visible} shown, {total - visible} hidden"
    # edges of hidden nodes are not drawn either
    assert page.evaluate("cca.network.body.edgeIndices.every(id => { const e = cca.edges.get(id);"
                         " return !cca.nodes.get(e.from).hidden && !cca.nodes.get(e.to).hidden; })")
    page.click("#filter-reset")
    assert not hidden(page, "MX") and page.text_content("#count") == f"{total} shown, 0 hidden"
    page.close()


def test_filter_by_type_country_and_network(browser, fixture_page):
    page = browser.open(fixture_page)
    page.uncheck("#filter-type input[value=Instrument]")
    assert hidden(page, "fr-ara-plan") and not hidden(page, "FR")
    page.select_option("#filter-country", "DE")
    assert hidden(page, "FR") and not hidden(page, "DE-BY") and hidden(page, "de-by-plan")
    page.click("#filter-reset")
    page.select_option("#filter-network", "test-network")
    assert not hidden(page, "FR-ARA") and not hidden(page, "test-network") and hidden(page, "FR")
    assert page.text_content("#count") == "3 shown, 15 hidden"
    page.close()


@pytest.mark.parametrize("query", ["Jalisco", "哈利斯科州"])
def test_search_by_english_or_chinese_name_selects_jalisco(browser, mexico_page, query):
    page = browser.open(mexico_page)
    search(page, query)
    assert page.evaluate("cca.network.getSelectedNodes()") == ["MX-JAL"]
    assert page.get_attribute("#panel", "data-node") == "MX-JAL"
    assert page.text_content("#panel h2") == "Jalisco"
    page.close()


def test_clicking_jalisco_shows_its_sources(browser, mexico_page, store):
    expected = next(n for n in project(store).nodes() if n.iri.endswith("/id/MX-JAL")).properties["sources"]
    page = browser.open(mexico_page)
    click_node(page, "MX-JAL")
    assert page.get_attribute("#panel", "data-node") == "MX-JAL"
    assert page.text_content("#panel h2") == "Jalisco"
    shown = page.eval_on_selector_all("#panel .sources .locator", "els => els.map(e => e.textContent)")
    assert shown == expected
    assert "Collaborative Climate Action" in page.text_content("#panel .sources")
    touching = page.evaluate("cca.data.edges.filter(e => e.from === 'MX-JAL' || e.to === 'MX-JAL').length")
    assert page.locator("#panel .relations li").count() == touching > 0
    assert "哈利斯科州" in page.text_content("#panel table")
    page.close()


def test_mexico_screenshot_is_not_blank(browser, mexico_page):
    from PIL import Image

    page = browser.open(mexico_page)
    ARTIFACTS.mkdir(exist_ok=True)
    whole, canvas = ARTIFACTS / "explorer-mexico.png", ARTIFACTS / "explorer-mexico-graph.png"
    page.screenshot(path=str(whole))
    page.locator("#graph canvas").screenshot(path=str(canvas))
    page.close()
    for path, least in ((whole, 200), (canvas, 50)):
        colours = Image.open(path).convert("RGB").getcolors(maxcolors=1 << 24)
        assert len(colours) >= least, f"{path} looks blank ({len(colours)} colours)"


def test_gcom_sized_graph_stays_within_the_budget(browser, gcom_out, tmp_path):
    path = tmp_path / "gcom.html"
    proc = run_cli("view", "--graph", str(gcom_out), "--to", str(path))
    total = GCOM_CITIES + 2
    assert f"{DEFAULT_BUDGET} nodes shown, {total - DEFAULT_BUDGET} hidden" in proc.stdout
    page = browser.open(path)
    assert page.evaluate("cca.nodes.length") == DEFAULT_BUDGET
    assert page.evaluate("cca.network.body.nodeIndices.length") == DEFAULT_BUDGET
    assert page.text_content("#count") == f"{DEFAULT_BUDGET:,} shown, {total - DEFAULT_BUDGET:,} hidden"
    assert "a page draws at most 1,500" in page.text_content("#budget-note")
    # the skeleton is drawn first; a city over the budget is found, and the page says how to see it
    assert not hidden(page, "FR") and not hidden(page, "covenant")
    search(page, "City 12999")
    assert "not drawn" in page.text_content("#search-message")
    assert "--focus FR.city-12999" in page.text_content("#search-message")
    assert not page.errors and not browser.outside
    page.close()


def test_gcom_sized_focus_is_cut_to_the_budget_nearest_first(gcom_out, tmp_path):
    store = open_store(gcom_out)
    path = tmp_path / "focus.html"
    result = write_view(store, path, focus="FR.city-12345", depth=1)
    assert drawn_ids(path) == {"FR.city-12345", "FR", "covenant"}
    result = write_view(store, path, focus="FR.city-12345", depth=2, budget=100)
    assert (result.shown, result.hidden) == (100, GCOM_CITIES + 2 - 100)
    assert {"FR.city-12345", "FR", "covenant"} <= drawn_ids(path)


# -- the notebook -----------------------------------------------------------------------

def test_explorer_notebook_writes_two_views(built, tmp_path, monkeypatch):
    views = tmp_path / "views"
    monkeypatch.setenv("CCA_GRAPH_OUT", str(built))
    monkeypatch.setenv("CCA_GRAPH_VIEWS", str(views))
    printed = run_notebook("explorer")
    assert sorted(p.name for p in views.iterdir()) == ["explorer.html", "mexico.html"]
    assert "MX-JAL" in drawn_ids(views / "mexico.html")
    assert "Country: Mexico (MX)" in printed
