"""Printed briefs keep to about eight A4 pages, at true size, on the bundled and the registry-scale graph.

Pages are counted in the PDF Chromium prints (pypdfium2). Chromium shrinks a page whose content is
wider than the paper, which would buy a low count with an unreadable print: the title's capital C,
drawn at the 16 pt the print style sheet gives the title, must be as tall as a sans-serif capital
of that size (cap height about 0.7 of the size: 11 to 12.8 pt), read from the glyph's box in the PDF.
"""
from __future__ import annotations

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow

#: the budget of a printed brief, in A4 pages
PAGES = 8
#: the title's size in the print style sheet (templates/brief.css.j2, h1), in points
TITLE_PT = 16


def _printed(graph, country: str, folder) -> tuple[int, float]:
    """Pages of the country's PDF brief and the height of the title's first capital as drawn, in points."""
    import pypdfium2

    path = folder / f"{country}.pdf"
    run_cli("brief", country, "--graph", str(graph), "--format", "pdf", "--to", str(path), timeout=600)
    doc = pypdfium2.PdfDocument(path)
    page = doc[0]
    text = page.get_textpage()
    assert page.get_width() == pytest.approx(595.3, abs=1)  # A4, in points
    _, bottom, _, top = text.get_charbox(text.get_text_range().index("Country brief"))
    return len(doc), top - bottom


@pytest.mark.parametrize("country", ["MX"])
def test_registry_scale_brief_fits_the_budget_at_true_size(registry_graph, country, tmp_path):
    out, _ = registry_graph
    pages, size = _printed(out, country, tmp_path)
    assert pages <= PAGES, pages
    assert 0.69 * TITLE_PT <= size <= 0.8 * TITLE_PT, size


def test_bundled_brief_fits_the_budget_at_true_size(built, tmp_path):
    pages, size = _printed(built, "DE", tmp_path)
    assert pages <= PAGES, pages
    assert 0.69 * TITLE_PT <= size <= 0.8 * TITLE_PT, size
