"""The overview: every entity on one WebGL page, laid out in Python, checked in Chromium.

The browser is Debian's Chromium, headless, with every request outside ``file://``
refused and recorded (:func:`tests.test_views.offline_browser`). WebGL runs on
Chromium's software renderer there, as on a machine without a GPU.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from cca_graph import UnknownNameError, open_store
from cca_graph.graph.sparql import run_sparql
from cca_graph.present import overview
from cca_graph.present.overview import LibraryMissingError, write_overview

from .conftest import ARTIFACTS, DATA, run_cli
from .test_views import HOSTILE, offline_browser, page_data

ID = "https://w3id.org/cca-graph/id/"
#: the entities an overview draws, said apart from the code: everything with an id, less
#: documents, citations, vocabulary, and what the graph keeps about itself; memberships are links
DRAWN = f"""
SELECT ?e WHERE {{
  ?e a ?class . FILTER(STRSTARTS(STR(?e), "{ID}"))
  FILTER NOT EXISTS {{
    ?e a ?skip .
    VALUES ?skip {{ cca:Source cca:Citation cca:Membership cca:CoverageRecord cca:IntegrityCriterion
                   cca:Concept cca:ConceptScheme skos:Concept skos:ConceptScheme }}
  }}
}}"""
#: the fixture of tests/data/views, by hand: two countries, three levels, one of every kind
FIXTURE_IDS = {"FR", "FR-ARA", "FR-ARA.lyon", "FR-ARA.hostile", "DE", "DE-BY", "test-network", "fr-test-law",
               "fr-test-law-art5", "fr-mandate-regional-plan", "fr-no-local-obligation", "fr-ara-plan",
               "fr-national-plan", "de-by-plan", "fr-ara-plan-outcome", "fr-ara-net-zero", "fr-ministry",
               "fr-coordination-committee"}

NODE = {"id": 0, "name": 1, "x": 2, "y": 3, "style": 4, "home": 5, "page": 6, "other": 7}


def rows(path: Path) -> dict[str, list]:
    """The page's node rows by id."""
    return {n[0]: n for n in page_data(path)["nodes"]}


def ids(frame, column: str) -> set[str]:
    return {str(v)[len(ID):] for v in frame[column]}


# -- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def views_store(tmp_path_factory):
    """tests/data/views built through the CLI: two countries, every kind of node, a hostile name."""
    out = tmp_path_factory.mktemp("overview") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "views"), "--quiet")
    return open_store(out)


@pytest.fixture(scope="module")
def site(views_store, tmp_path_factory) -> Path:
    """The overview where the static site puts it, with the page of Auvergne-Rhône-Alpes beside it."""
    root = tmp_path_factory.mktemp("site")
    write_overview(views_store, root / "overview.html")
    # the destination of a click; what an entity page holds is the site's own business
    (root / "e").mkdir()
    (root / "e" / "FR-ARA.html").write_text("<!DOCTYPE html><title>Auvergne-Rhône-Alpes</title>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def browser():
    with offline_browser() as opened:
        yield opened


def zoom_to(page, node_id: str) -> dict:
    """Centre the camera on a node, close up; its point in the page."""
    page.evaluate("""id => { const a = cca.renderer.getNodeDisplayData(id);
                             cca.renderer.getCamera().setState({x: a.x, y: a.y, ratio: 0.05, angle: 0}); }""", node_id)
    page.wait_for_timeout(100)
    point = page.evaluate("id => cca.renderer.graphToViewport(cca.graph.getNodeAttributes(id))", node_id)
    box = page.locator("#graph").bounding_box()
    return {"x": box["x"] + point["x"], "y": box["y"] + point["y"]}


# -- the file -----------------------------------------------------------------------

def test_every_entity_is_drawn_once(views_store, site):
    drawn = rows(site / "overview.html")
    assert set(drawn) == FIXTURE_IDS
    assert ids(run_sparql(views_store, DRAWN), "e") == FIXTURE_IDS
    data = page_data(site / "overview.html")
    assert data["meta"]["nodes"] == len(data["nodes"]) == 18
    # links: 2 memberships, 2 PART_OF of regions, 2 of local governments, the rest between laws, plans…
    pairs = {frozenset((data["nodes"][a][0], data["nodes"][b][0])) for a, b, _ in data["edges"]}
    assert {frozenset(("FR-ARA", "test-network")), frozenset(("DE-BY", "test-network")),
            frozenset(("FR-ARA", "FR")), frozenset(("FR-ARA.lyon", "FR-ARA"))} <= pairs
    assert len(pairs) == len(data["edges"])


def test_a_node_links_to_its_page_in_the_site(site):
    drawn = rows(site / "overview.html")
    assert drawn["FR-ARA"][NODE["page"]] == "e/FR-ARA.html"
    assert drawn["FR-ARA.lyon"][NODE["page"]] == "e/FR-ARA.lyon.html"
    assert all(row[NODE["page"]] == f"e/{key}.html" for key, row in drawn.items())


def test_layout_puts_the_nation_in_the_middle_regions_on_a_ring_and_local_governments_outside(site):
    drawn = rows(site / "overview.html")

    def distance(a, b):
        return math.dist(drawn[a][2:4], drawn[b][2:4])

    # France: Auvergne-Rhône-Alpes on the ring, Lyon and the hostile name farther out
    assert distance("FR", "FR-ARA") < distance("FR", "FR-ARA.lyon")
    assert distance("FR", "FR-ARA") < distance("FR", "FR-ARA.hostile")
    assert math.isclose(distance("FR", "FR-ARA.lyon"), distance("FR", "FR-ARA.hostile"))
    # each country is a cluster of its own: Bavaria is nearer Germany than France
    assert distance("DE", "DE-BY") < distance("FR", "DE-BY")
    homes = {key: row[NODE["home"]] for key, row in drawn.items()}
    assert homes["FR-ARA.lyon"] == homes["fr-ara-plan"] == "FR" and homes["de-by-plan"] == "DE"
    assert homes["test-network"] == ""  # networks span countries
    # a plan sits beside the government that adopted it, nearer to it than to anything else of its country
    assert distance("fr-ara-plan", "FR-ARA") < min(distance("fr-ara-plan", k) for k in ("FR", "FR-ARA.lyon"))


def test_same_store_gives_the_same_bytes(views_store, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b" / "overview.html"
    write_overview(views_store, first)
    write_overview(views_store, second)
    assert first.read_bytes() == second.read_bytes()


def test_page_loads_nothing_from_outside_and_inlines_the_library(site):
    html = (site / "overview.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "default-src 'none'" in html
    # sigma.js and graphology, with their licences, inlined
    assert "sigma 3." in html and "graphology 0." in html and "window.ccaDraw" in html


def test_names_from_data_never_reach_markup_unescaped(site):
    html = (site / "overview.html").read_text(encoding="utf-8")
    assert HOSTILE not in html and "<img" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert rows(site / "overview.html")["FR-ARA.hostile"][NODE["name"]] == HOSTILE


def test_no_curation_note_reaches_the_page(store, tmp_path):
    notes = run_sparql(store, "SELECT DISTINCT ?note WHERE { ?r skos:editorialNote ?note }")["note"]
    assert len(notes) > 0
    html = write_overview(store, tmp_path / "overview.html").path.read_text(encoding="utf-8")
    assert not [note for note in notes if str(note) in html]


def test_one_country(store, tmp_path):
    path = tmp_path / "mexico.html"
    result = write_overview(store, path, country="mx")
    assert result.scope == "Country: Mexico (MX)"
    governments = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; cca:partOf* <%sMX> }" % ID)
    drawn = rows(path)
    styles = page_data(path)["styles"]
    assert {k for k, row in drawn.items() if styles[row[NODE["style"]]]["name"].startswith("Government")} == \
        ids(governments, "g")
    assert "MX-JAL" in drawn and "US-CA" not in drawn
    with pytest.raises(UnknownNameError, match="unknown country 'XX'"):
        write_overview(store, tmp_path / "x.html", country="XX")


def test_without_the_built_library_the_error_says_how_to_build_it(views_store, tmp_path, monkeypatch):
    monkeypatch.setattr(overview, "LIBRARY", tmp_path / "missing.js")
    with pytest.raises(LibraryMissingError, match="make overview-lib"):
        write_overview(views_store, tmp_path / "overview.html")
    assert not (tmp_path / "overview.html").exists()


# -- in the browser -----------------------------------------------------------------

def test_page_works_with_the_network_blocked(browser, site):
    page = browser.open(site / "overview.html")
    assert page.evaluate("cca.graph.order") == 18
    assert page.evaluate("Object.keys(cca.renderer.nodeDataCache).length") == 18
    assert page.evaluate("!!document.querySelector('#graph canvas').getContext") is True
    assert not browser.outside and all(url.startswith("file://") for url in page.requests)
    assert not page.errors and not page.dialogs
    page.close()


def test_hostile_name_shows_as_text_and_opens_no_dialog(browser, site):
    page = browser.open(site / "overview.html")
    page.fill("#search", "<img")
    assert page.text_content("#search-results li button span") == HOSTILE
    page.press("#search", "Enter")
    assert page.text_content("#panel h2") == HOSTILE
    point = zoom_to(page, "FR-ARA.hostile")
    page.mouse.move(point["x"], point["y"])       # sigma draws the name on its canvas
    page.wait_for_timeout(100)
    assert page.get_attribute("#panel", "data-node") == "FR-ARA.hostile"
    assert page.evaluate("document.querySelectorAll('img, #panel script').length") == 0
    assert not page.dialogs and not page.errors and not browser.outside
    page.close()


def test_clicking_a_node_opens_its_page(browser, site):
    page = browser.open(site / "overview.html")
    point = zoom_to(page, "FR-ARA")
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url == (site / "e" / "FR-ARA.html").resolve().as_uri()
    assert page.title() == "Auvergne-Rhône-Alpes"
    assert not browser.outside
    page.close()


@pytest.mark.parametrize("query", ["Lyon", "里昂", "fr-ara.ly"])
def test_search_by_any_name_or_id_finds_a_local_government(browser, site, query):
    page = browser.open(site / "overview.html")
    page.fill("#search", query)
    page.press("#search", "Enter")
    assert page.evaluate("cca.state.selected") == "FR-ARA.lyon"
    assert page.text_content("#panel h2") == "Lyon"
    assert page.get_attribute("#panel a", "href") == "e/FR-ARA.lyon.html"
    page.close()


@pytest.fixture(scope="module")
def bundled(store, tmp_path_factory) -> Path:
    """The overview of the bundled case material."""
    path = tmp_path_factory.mktemp("overview-bundled") / "overview.html"
    write_overview(store, path)
    return path


def test_find_lists_namesakes_folds_accents_and_keeps_the_context_in_view(browser, bundled):
    page = browser.open(bundled)
    # Georgia, the nation (loaders: GE) and the US state (US-GA): both listed, with what and where each is
    page.fill("#search", "Georgia")
    page.press("#search", "Enter")
    assert page.evaluate("cca.state.selected") is None
    listed = page.eval_on_selector_all("#search-results li button", "els => els.map(e => e.textContent)")
    assert "GeorgiaGovernment: national, Georgia" in listed
    assert "GeorgiaGovernment: state or region, United States" in listed
    page.click("#search-results li button:has-text('United States')")
    assert page.evaluate("cca.state.selected") == "US-GA"
    # written without their accents, Michoacán and Baden-Württemberg are found (loaders: MX-MIC, DE-BW)
    for query, key in (("Michoacan", "MX-MIC"), ("baden-wurttemberg", "DE-BW")):
        page.fill("#search", query)
        page.press("#search", "Enter")
        assert page.evaluate("cca.state.selected") == key, query
    # Jalisco found: Mexico, which it is part of, and Puerto Vallarta, part of it, stay in view
    page.fill("#search", "Jalisco")
    page.press("#search", "Enter")
    assert page.evaluate("cca.state.selected") == "MX-JAL"
    page.wait_for_timeout(500)                                  # the camera moves in 300 ms
    pane = page.locator("#graph").bounding_box()
    for key in ("MX-JAL", "MX", "MX-JAL.puerto-vallarta"):
        at = page.evaluate("id => cca.renderer.graphToViewport(cca.graph.getNodeAttributes(id))", key)
        assert 0 <= at["x"] <= pane["width"] and 0 <= at["y"] <= pane["height"], key
    assert not page.errors and not browser.outside
    page.close()


# -- at registry scale ---------------------------------------------------------------

def test_registry_graph_draws_every_node(browser, registry_graph, tmp_path):
    from PIL import Image

    out, _ = registry_graph
    store = open_store(out)
    entities = ids(run_sparql(store, DRAWN), "e")
    expected = len(entities)
    local = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; cca:level <%slevel/local> }" % ID)
    assert expected > 16_000 and len(local) > 13_000
    path = tmp_path / "overview.html"
    result = write_overview(store, path)
    drawn = rows(path)
    assert set(drawn) == entities and result.nodes == expected
    styles = page_data(path)["styles"]
    assert {k for k, row in drawn.items() if styles[row[NODE["style"]]]["name"] == "Government: local"} == \
        ids(local, "g")

    page = browser.open(path)
    assert page.evaluate("cca.graph.order") == expected
    assert page.evaluate("Object.keys(cca.renderer.nodeDataCache).length") == expected
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "overview-registry.png"
    page.screenshot(path=str(shot))
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) >= 200, f"{shot} looks blank ({len(colours)} colours)"

    # a local government of the ClimActor import, found by name
    uruapan = run_sparql(store, 'SELECT ?g WHERE { ?g rdfs:label ?l . FILTER(STR(?l) = "Uruapan del Progreso") }')
    (key,) = ids(uruapan, "g")
    page.fill("#search", "Uruapan del")
    page.press("#search", "Enter")
    assert page.evaluate("cca.state.selected") == key
    assert page.text_content("#panel h2") == "Uruapan del Progreso"
    assert not page.errors and not page.dialogs and not browser.outside
    page.close()


# -- the clusters' labels ------------------------------------------------------------

def overlaps(one, other) -> bool:
    """Whether two boxes (left, top, right, bottom, y down) share any area."""
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def test_each_cluster_has_a_label_that_no_other_label_or_node_overlaps(site):
    data = page_data(site / "overview.html")
    # tests/data/views: France and Germany (their case records' labels), and the test network's cluster
    assert {c["code"]: c["name"] for c in data["clusters"]} == {"": "Networks and what spans countries",
                                                               "FR": "France", "DE": "Germany"}
    # boxes in the nodes' units, y up: (left, top, right, bottom) made y down to compare
    boxes = {c["code"]: (c["box"][0], -c["box"][1], c["box"][2], -c["box"][3]) for c in data["clusters"]}
    assert not [(a, b) for a in boxes for b in boxes if a < b and overlaps(boxes[a], boxes[b])]
    on_a_label = [n[0] for n in data["nodes"] for box in boxes.values()
                  if box[0] <= n[2] <= box[2] and box[1] <= -n[3] <= box[3]]
    assert on_a_label == []
    # the frame the page opens on holds every label whole
    left, bottom, right, top = data["frame"]
    assert all(left <= c["box"][0] and c["box"][2] <= right and bottom <= c["box"][3] and c["box"][1] <= top
               for c in data["clusters"])


def test_cluster_labels_are_readable_apart_and_on_screen_at_the_first_zoom(browser, store, tmp_path):
    from PIL import Image

    path = tmp_path / "overview.html"
    write_overview(store, path)
    nations = run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government ; cca:level <%slevel/national> }" % ID)
    page = browser.open(path)
    labels = page.evaluate("""[...document.querySelectorAll('.cluster-label')].map(d => {
        const r = d.getBoundingClientRect();
        return {text: d.textContent, shown: getComputedStyle(d).display !== 'none',
                size: parseFloat(getComputedStyle(d).fontSize), box: [r.left, r.top, r.right, r.bottom]}; })""")
    # one label a nation, and one for the networks' cluster; every one shown, none smaller than 10 px
    assert len(labels) == len(nations) + 1
    assert all(label["shown"] and label["size"] >= 10 for label in labels)
    boxes = [label["box"] for label in labels]
    assert not [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                if overlaps(a["box"], b["box"])]
    pane = page.locator("#graph").bounding_box()
    outside = [label["text"] for label in labels if not (
        pane["x"] <= label["box"][0] and label["box"][2] <= pane["x"] + pane["width"]
        and pane["y"] <= label["box"][1] and label["box"][3] <= pane["y"] + pane["height"])]
    assert outside == []
    # no node is drawn under a label
    points = page.evaluate("""cca.graph.nodes().map(id => {
        const p = cca.renderer.graphToViewport(cca.graph.getNodeAttributes(id)); return [id, p.x, p.y]; })""")
    under = [key for key, x, y in points for box in boxes
             if box[0] <= pane["x"] + x <= box[2] and box[1] <= pane["y"] + y <= box[3]]
    assert under == []
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "overview-labels.png"
    page.screenshot(path=str(shot))
    assert len(Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)) >= 200
    assert not page.errors and not browser.outside
    page.close()
