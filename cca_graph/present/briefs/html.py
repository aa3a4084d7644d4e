"""The brief as one self-contained, printable HTML file.

Rendered from ``templates/brief.html.j2`` with autoescaping: names from the
data reach the page only as escaped text (or, in the chart, as SVG text
escaped by :mod:`cca_graph.present.briefs.diagram`). The page loads nothing: styles
are inlined, the chart is inline SVG, there is no script, and its
Content-Security-Policy forbids fetching anything. Headings and fixed phrases
are in the brief's language (:mod:`.i18n`).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ...atomic import atomic_write
from ...resources import templates_dir
from .diagram import to_svg
from .i18n import html_lang, localised, phrase
from .model import Brief, for_output

__all__ = ["render_html", "write_html"]

TEMPLATE = "brief.html.j2"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["kind"] = lambda block: type(block).__name__
    env.filters["svg"] = lambda chart: Markup(to_svg(chart))
    return env


def render_html(brief: Brief) -> str:
    """The HTML page of ``brief``."""
    brief = localised(for_output(brief))
    documents = {doc.key: doc for doc in brief.bibliography}
    return _environment().get_template(TEMPLATE).render(brief=brief, documents=documents,
                                                        t=lambda text: phrase(text, brief.lang),
                                                        page_lang=html_lang(brief.lang))


def write_html(brief: Brief, path: Path | str) -> Path:
    """Write ``brief`` as HTML to ``path`` (atomically); return the path."""
    path = Path(path)
    with atomic_write(path, newline="\n") as fh:
        fh.write(render_html(brief))
    return path
