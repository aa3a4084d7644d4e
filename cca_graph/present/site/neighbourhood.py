"""The small graph on each page: the entity in the middle, its nearest relations around it.

Drawn as static SVG, laid out by hand rather than by a physics engine, so that it is
readable at a glance and the same graph gives the same bytes: at most
:data:`SHOWN` neighbours, the most important first (nations and networks before cities,
as the explorer ranks them), evenly spaced on an ellipse; each with its name (wrapped,
never overlapping the next) and the relation in words, an arrow for its direction. The
rest are counted. Every name is escaped; a neighbour with a page of its own is a link.
"""
from __future__ import annotations

import math
from functools import lru_cache

from markupsafe import Markup, escape

from .. import views
from ..briefs.diagram import _wrap
from .graph import SiteGraph, name_of, relation_words, what_of
from .paths import local_id

__all__ = ["SHOWN", "neighbours", "neighbourhood_svg", "page_href"]

#: the most neighbours drawn
SHOWN = 10
WIDTH, HEIGHT = 800, 410     # room above the top name and below the bottom one, three lines each
CENTRE = (WIDTH // 2, HEIGHT // 2)
RADII = (230, 130)
NODE, CENTRE_NODE = 9, 15
#: room for a name on one line, in units (a wide character counts two), and the most lines: three,
#: so that names that differ only at their end ("LGCC art. 7: competences of the federation" and of
#: the states) are not cut to the same words
ROOM, LINES = 22, 3
_FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif"


def _relations(site: SiteGraph, iri: str, other: str) -> tuple[str, str]:
    """The relations between ``iri`` and ``other`` in words, and which way they point (out, in, both)."""
    out = sorted({relation_words(site, r) for r in site.outgoing.get(iri, ()) if r.end == other})
    back = sorted({relation_words(site, r) for r in site.incoming.get(iri, ()) if r.start == other})
    way = "both" if out and back else ("out" if out else "in")
    return ", ".join(dict.fromkeys(out + back)), way


@lru_cache(maxsize=1 << 14)   # a network's or nation's name is drawn on every page around it
def _name_lines(text: str) -> tuple[str, ...]:
    lines = _wrap(text, ROOM)
    if len(lines) > LINES:
        lines = lines[:LINES]
        lines[-1] = lines[-1][:ROOM - 2] + "\u2026"
    return tuple(lines)


def _colour(site: SiteGraph, iri: str) -> tuple[str, str]:
    """(fill, stroke) of a node, as the explorer colours it."""
    _, _, colour, _ = views._style(site.node(iri))
    if views._kind(site.node(iri)) == "KnownAbsence":
        return colour, views._GAP_RED
    return colour, "#34495e"


def _node(site: SiteGraph, iri: str, x: float, y: float, r: int, href: str | None) -> list[str]:
    fill, stroke = _colour(site, iri)
    circle = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="1.5">'
              f'<title>{escape(name_of(site.node(iri)))} ({escape(what_of(site.node(iri)))})</title></circle>')
    return [f'<a href="{escape(href)}">{circle}</a>' if href else circle]


def _label(lines: tuple[str, ...], relation: str, x: float, y: float, anchor: str, below: bool, bold: bool) -> str:
    """A name (one or two lines) and the relation under it, placed beside a node."""
    step = 14
    rows = [(line, "name") for line in lines] + ([(relation, "rel")] if relation else [])
    top = y + 4 - (step * (len(rows) - 1)) / 2 if anchor != "middle" else (y + 26 if below else y - 16 - step * (len(rows) - 1))
    out = [f'<text x="{x:.1f}" y="{top:.1f}" text-anchor="{anchor}">']
    for i, (text, kind) in enumerate(rows):
        cls = "rel" if kind == "rel" else ("centre" if bold else "name")
        out.append(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else step}" class="{cls}">{escape(text)}</tspan>')
    out.append("</text>")
    return "".join(out)


def _linked(count: int) -> str:
    """``"the entity it is linked to"``, ``"the 12 entities it is linked to"``."""
    if count < 2:
        return "the entity it is linked to" if count else "no entity linked to it"
    return f"the {count:,} entities it is linked to"


def neighbours(site: SiteGraph, iri: str) -> list[str]:
    """The neighbours of ``iri``, the most important first (the order of the drawing)."""
    graph = site.graph
    return sorted(graph.neighbours[iri], key=lambda n: (site.rank(n), -len(graph.neighbours[n]),
                                                         name_of(graph.nodes[n]).casefold(), n))


def neighbourhood_svg(site: SiteGraph, iri: str, link=lambda iri: None) -> Markup:
    """The SVG of ``iri`` and its nearest neighbours.

    Parameters
    ----------
    site : SiteGraph
    iri : str
    link : callable
        IRI -> the href of its page from the page the drawing is on, or None for no link.
    """
    around = neighbours(site, iri)
    shown, more = around[:SHOWN], len(around) - SHOWN
    cx, cy = CENTRE
    rx, ry = RADII
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'role="img" aria-labelledby="nb-title" font-family="{_FONT}" font-size="12">',
           f'<title id="nb-title">{escape(name_of(site.node(iri)))} and {_linked(len(around))}'
           f'{f" (the {SHOWN} most important drawn)" if more > 0 else ""}</title>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7f8c8d"/></marker></defs>']
    places = []
    for i, other in enumerate(shown):
        # evenly round the ellipse from the top, clockwise
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(shown), 1)
        places.append((other, cx + rx * math.cos(angle), cy + ry * math.sin(angle), angle))
    centre_lines = _name_lines(name_of(site.node(iri)))
    # the centre's name is written under it: a line to a neighbour below starts under the name
    below_name = 8 + 26 + 14 * (len(centre_lines) - 1) + 6
    for other, x, y, _ in places:
        _, way = _relations(site, iri, other)
        length = math.hypot(x - cx, y - cy)
        ux, uy = (x - cx) / length, (y - cy) / length
        start = CENTRE_NODE + 2
        if uy > 0.9:
            start = max(start, below_name / uy)
        x1, y1 = cx + ux * start, cy + uy * start
        x2, y2 = x - ux * (NODE + 2), y - uy * (NODE + 2)
        ends = {"out": ' marker-end="url(#arrow)"', "in": ' marker-start="url(#arrow)"',
                "both": ' marker-start="url(#arrow)" marker-end="url(#arrow)"'}[way]
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#95a5a6" '
                   f'stroke-width="1.5"{ends}/>')
    for other, x, y, angle in places:
        relation, _ = _relations(site, iri, other)
        out += _node(site, other, x, y, NODE, link(other))
        cos = math.cos(angle)
        anchor = "start" if cos > 0.3 else ("end" if cos < -0.3 else "middle")
        dx = 14 if anchor == "start" else (-14 if anchor == "end" else 0)
        out.append(_label(_name_lines(name_of(site.node(other))), relation, x + dx, y, anchor,
                          below=math.sin(angle) > 0, bold=False))
    out += _node(site, iri, cx, cy, CENTRE_NODE, None)
    out.append(_label(centre_lines, "", cx, cy + 8, "middle", below=True, bold=True))
    if more > 0:
        out.append(f'<text x="{WIDTH - 10}" y="{HEIGHT - 10}" text-anchor="end" class="more">'
                   f'and {more:,} more, listed below</text>')
    if not around:
        out.append(f'<text x="{cx}" y="{cy - 30}" text-anchor="middle" class="more">'
                   'No relation to another entity is recorded.</text>')
    out.append("</svg>")
    return Markup("\n".join(out))


def page_href(site: SiteGraph, iri: str) -> str | None:
    """The href of ``iri``'s page from another entity page (both in ``e/``), or None without a page."""
    return f"{local_id(iri)}.html" if site.linked(iri) else None
