"""The explorer's country view: levels of government top to bottom, labels readable at once.

Positions are checked in the page's data against levels read with SPARQL; the
labels in Debian's Chromium, at the zoom the page opens with.
"""
from __future__ import annotations

import pytest

from cca_graph.graph.sparql import run_sparql
from cca_graph.present.views import write_view

from .conftest import ARTIFACTS
from .test_overview import browser  # noqa: F401  (the fixture)
from .test_views import page_data

ID = "https://w3id.org/cca-graph/id/"
#: the governments of Mexico by level, and what each of the others hangs from, read apart from the page
LEVELS = f"""
SELECT ?g ?level WHERE {{
  ?g a cca:Government ; cca:partOf* <{ID}MX> ; cca:level ?l .
  BIND(STRAFTER(STR(?l), "/level/") AS ?level)
}}"""
#: the least size of a label on the screen, in pixels, at the zoom the page opens with
READABLE = 10


@pytest.fixture(scope="module")
def mexico(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("levels") / "mexico.html"
    write_view(store, path, country="MX")
    return path


def test_levels_run_top_to_bottom(store, mexico):
    levels = {str(g)[len(ID):]: level for g, level in run_sparql(store, LEVELS).itertuples(index=False)}
    assert {"national", "regional", "local"} <= set(levels.values())
    y = {n["id"]: n["y"] for n in page_data(mexico)["nodes"]}
    assert set(levels) <= set(y)
    by_level = {level: [y[g] for g, lv in levels.items() if lv == level] for level in ("national", "regional", "local")}
    assert max(by_level["national"]) < min(by_level["regional"])
    assert max(by_level["regional"]) < min(by_level["local"])
    # what hangs from a government comes below it, before the next level: Jalisco's law, Puerto Vallarta's plan
    assert max(by_level["regional"]) < y["mx-jal-climate-law"] < min(by_level["local"])
    assert y["MX-JAL.puerto-vallarta"] < y["mx-jal-puerto-vallarta-cap"]
    # the general law and its articles go with the nation, above the states
    assert max(by_level["national"]) < y["mx-lgcc"] < min(by_level["regional"])


def test_positions_are_fixed_and_other_views_keep_their_physics(store, mexico, tmp_path):
    data = page_data(mexico)
    assert data["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in data["nodes"])
    # a row of states is centred: as far out to the left as to the right
    states = sorted(n["x"] for n in data["nodes"] if n["cca"]["level"] == "regional" and n["y"] == min(
        m["y"] for m in data["nodes"] if m["cca"]["level"] == "regional"))
    assert states[0] == -states[-1] and len(states) > 1
    whole = write_view(store, tmp_path / "whole.html").path
    assert page_data(whole)["options"]["physics"]["solver"] == "barnesHut"
    assert not any("x" in n for n in page_data(whole)["nodes"])


def test_labels_do_not_overlap_and_are_readable_at_the_first_zoom(browser, mexico):  # noqa: F811
    from PIL import Image

    page = browser.open(mexico)
    boxes = page.evaluate("cca.data.nodes.map(n => [n.id, cca.network.getBoundingBox(n.id)])")
    overlapping = [(a, b) for i, (a, one) in enumerate(boxes) for b, other in boxes[i + 1:]
                   if one["left"] < other["right"] and other["left"] < one["right"]
                   and one["top"] < other["bottom"] and other["top"] < one["bottom"]]
    assert not overlapping
    font = page_data(mexico)["options"]["nodes"]["font"]["size"]
    assert font * page.evaluate("cca.network.getScale()") >= READABLE
    # every node is on the screen: the page opens with the whole country in view
    view = page.evaluate("""(() => { const c = document.querySelector('#graph canvas');
                                     return [c.clientWidth, c.clientHeight]; })()""")
    points = page.evaluate("Object.entries(cca.network.getPositions()).map(([id, p]) => [id, cca.network.canvasToDOM(p)])")
    assert len(points) == len(boxes)
    assert [key for key, p in points if not (0 <= p["x"] <= view[0] and 0 <= p["y"] <= view[1])] == []
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "explorer-mexico-levels.png"
    page.screenshot(path=str(shot))
    assert len(Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)) >= 200
    assert not page.errors and not page.dialogs
    page.close()
