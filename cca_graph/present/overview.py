"""The overview: every entity of a registry-sized graph on one WebGL page.

Where the explorer (:mod:`cca_graph.present.views`) draws at most a budget of
nodes with a physics layout in the browser, the overview draws them all
(16,000 and more once the ClimActor registry is imported) with sigma.js, which
renders through WebGL. The layout is computed here, so the browser draws at
once and the same store always gives the same picture and the same bytes:

- one cluster per country, packed in rows, largest first; networks,
  supranational governments and what spans countries in a cluster of their own,
  first;
- in a cluster: the national government at the centre, the states or regions on
  a ring around it, and the local governments outside the ring, each in the
  sector of its region (a sector's angle grows with the region's local
  governments);
- anything else (laws, instruments, commitments…) beside the government or node
  it is linked to.

Clicking a node opens its page of the static site (``e/<local-id>.html``
beside the overview, :func:`cca_graph.present.site.paths.page_path`); the search
finds any entity by name in any language, local governments included.

sigma.js and graphology come from the npm registry and are bundled into one
script by ``make`` (``tools/overview``); the script is inlined into the page,
which loads nothing from the network. Names from data reach the page only as
JSON inside a ``<script type="application/json">`` block, are written with
``textContent`` and drawn on canvas as text.

Examples
--------
>>> from cca_graph import open_store
>>> result = write_overview(open_store("out"), "out/site/overview.html")
>>> result.nodes > 0, result.path.name
(True, 'overview.html')
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup
from pyoxigraph import NamedNode

from ..atomic import atomic_write
from ..errors import CcaError
from ..namespace import CCA
from ..project.property_graph import Relationship, project
from . import views
from .site.paths import has_page, page_path
from .views import EDGE_STYLES, GOVERNMENT_STYLES, LEFT_OUT, TYPE_STYLES, _Graph

__all__ = ["OverviewResult", "LibraryMissingError", "write_overview", "library_path"]

TEMPLATE = "overview.html.j2"
#: the bundled drawing library (sigma.js + graphology), built by ``make`` from tools/overview
LIBRARY = Path(__file__).resolve().parent / "bundled" / "overview-draw.js"
#: the cluster of what belongs to no one country
INTERNATIONAL = ""
_MEMBER_OF = NamedNode(str(CCA.memberOf))

# -- the layout's units: one local government takes about one unit of room ------
_SPACING = 1.0          # between local governments, and between their rows
_RING_GAP = 1.2         # the least arc between two regions on their ring
_RING_MIN = 4.0         # the least radius of the regional ring
_HUB_GAP = 3.0          # the arc between two networks on theirs
_OUTER_GAP = 2.0        # from the regional ring to the first row of local governments
_CLUSTER_GAP = 6.0      # between clusters
_SATELLITE = (0.35, 0.3)  # first radius and growth of the spiral of nodes beside their anchor
_GOLDEN = math.pi * (3 - math.sqrt(5))
_TOP = -math.pi / 2     # the first sector starts at the top

#: drawn size (pixels at the first zoom) by style key; labels show from 6 pixels on
_SIZES = {"level:supranational": 9, "level:national": 7, "level:regional": 3.5, "level:local": 1.6,
          "type:Network": 7}
_OTHER_SIZE = 2.2
#: edges are drawn lighter than in the explorer: thousands of them cross
_EDGE_ALPHA = {"diffusion": "cc", "gap": "cc", "membership": "30", "other": "55"}


class LibraryMissingError(CcaError):
    """The drawing library has not been built (``make overview-lib``, which needs npm)."""


@dataclass(frozen=True)
class OverviewResult:
    """What :func:`write_overview` wrote.

    Attributes
    ----------
    path : Path
        The HTML file.
    nodes : int
        Nodes drawn: every entity of the scope.
    edges : int
        Links drawn (one per pair of linked nodes).
    clusters : int
        Country clusters, the cluster of networks and what spans countries included.
    scope : str
        The overview in words (``"The whole graph"``, ``"Country: Mexico (MX)"``).
    """

    path: Path
    nodes: int
    edges: int
    clusters: int
    scope: str


def library_path() -> Path:
    """The bundled sigma.js + graphology script, or an error that says how to build it.

    Raises
    ------
    LibraryMissingError
        When the script has not been built.
    """
    if not LIBRARY.is_file():
        raise LibraryMissingError(
            f"the overview's drawing library is not built ({LIBRARY}): run 'make overview-lib' in the "
            "source tree (it installs sigma.js and graphology from the npm registry and bundles them)")
    return LIBRARY


# -- reading the graph ---------------------------------------------------------------

def _read(store) -> _Graph:
    """Every entity the explorer would draw, with the links between them.

    Memberships are read through their ``cca:memberOf`` shortcut, one link per
    member and network, rather than record by record: the overview needs the
    pair, not the role or the period.
    """
    graph = project(store)
    nodes, links = {}, []
    for node, rels in graph.records():
        if views._kind(node) not in LEFT_OUT:
            nodes[node.iri] = node
            links.extend(rels)
    pairs = {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, _MEMBER_OF, None)}
    links.extend(Relationship("MEMBER_OF", start, end, {}) for start, end in sorted(pairs))
    edges = sorted({(rel.start, rel.type, rel.end): rel for rel in links
                    if rel.start in nodes and rel.end in nodes}.values(),
                   key=lambda rel: (rel.start, rel.type, rel.end))
    return _Graph(nodes, edges, {})


def _style_key(node) -> str:
    """``level:<level>`` for a government, ``type:<kind>`` for anything else, as the explorer's legend."""
    return views._style(node)[0]


def _level(graph: _Graph, iri: str) -> str:
    return str(graph.nodes[iri].properties.get("level", "")) if graph.kind(iri) == "Government" else ""


def _homes(graph: _Graph, countries: dict[str, set[str]], only: str | None) -> dict[str, str]:
    """The cluster of every node: a country code, or :data:`INTERNATIONAL`.

    Networks and supranational governments span countries; anything else
    linked to several countries does too, unless one country is drawn.
    """
    homes = {}
    for iri in graph.nodes:
        codes = countries.get(iri, set())
        if only is not None and only not in codes:
            continue
        if graph.kind(iri) == "Network" or _level(graph, iri) == "supranational":
            homes[iri] = INTERNATIONAL
        elif only is not None:
            homes[iri] = only
        else:
            homes[iri] = next(iter(codes)) if len(codes) == 1 else INTERNATIONAL
    return homes


# -- the layout ----------------------------------------------------------------------

def _regions(graph: _Graph, members: list[str], parents: dict[str, list[str]]) -> dict[str, str | None]:
    """The region (nearest regional government up PART_OF) of each of ``members``."""
    found = {}
    for iri in members:
        seen, up = {iri}, sorted(parents.get(iri, ()))
        region = None
        while up and region is None:
            step = up[0]
            if _level(graph, step) == "regional":
                region = step
            elif step in seen:
                break
            seen.add(step)
            up = sorted(parents.get(step, ()))
        found[iri] = region
    return found


def _anchors(graph: _Graph, placed: set[str], pending: list[str], home: dict[str, str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(node, anchor) pairs in the order they are placed, and the nodes no link reaches.

    One ring of links at a time, so that the result does not depend on the
    order of nodes; the anchor is the first placed neighbour of the same
    cluster, governments first.
    """
    order = []
    placed = set(placed)
    while pending:
        found = {}
        for iri in pending:
            near = sorted((graph.kind(n) != "Government", n) for n in graph.neighbours[iri]
                          if n in placed and home.get(n) == home[iri])
            if near:
                found[iri] = near[0][1]
        if not found:
            break
        order.extend(sorted(found.items()))
        placed |= set(found)
        pending = [iri for iri in pending if iri not in found]
    return order, pending


def _cluster(centre: list[str], ring: list[str], groups: dict[str | None, list[str]],
             gap: float = _RING_GAP) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions around (0, 0) and the radius of one cluster.

    ``centre`` sits in the middle, ``ring`` on a circle around it; the nodes of
    ``groups[r]`` fill rows outside the ring in the sector of ``r`` (the nodes
    of ``groups[None]`` in a sector of their own). A ring that nothing hangs
    from (networks; regions without local governments) is spread evenly,
    ``gap`` apart, with ``groups[None]`` in rows all round.
    """
    pos: dict[str, tuple[float, float]] = {}
    for k, iri in enumerate(centre):
        angle = 2 * math.pi * k / len(centre)
        spread = 1.5 if len(centre) > 1 else 0.0
        pos[iri] = (spread * math.cos(angle), spread * math.sin(angle))
    radius = 1.5 if len(centre) > 1 else 1.0
    if not any(groups.get(r) for r in ring):
        ring_radius = max(_RING_MIN, gap * len(ring) / (2 * math.pi)) if ring else radius
        for k, iri in enumerate(ring):
            _polar(pos, iri, ring_radius, _TOP + 2 * math.pi * k / len(ring))
        outer = groups.get(None, [])
        first_row = ring_radius + _OUTER_GAP if ring else _RING_MIN
        return pos, max(ring_radius, _fill(pos, outer, _TOP, 2 * math.pi, first_row))
    sectors = [(r, groups.get(r, [])) for r in ring] + ([(None, groups[None])] if groups.get(None) else [])
    outer = sum(len(members) for _, members in sectors)
    # every sector has at least half of an even share, so that a region with few local
    # governments keeps a readable arc and the ring stays small
    floor = max(1.0, outer / len(sectors))
    weights = [len(members) + floor for _, members in sectors]
    angles = [2 * math.pi * w / sum(weights) for w in weights]
    ring_radius = max(_RING_MIN, _RING_GAP / min(angles))
    radius = ring_radius
    start = _TOP
    for (region, members), angle in zip(sectors, angles):
        if region is not None:
            _polar(pos, region, ring_radius, start + angle / 2)
        radius = max(radius, _fill(pos, members, start, angle, ring_radius + _OUTER_GAP))
        start += angle
    return pos, radius


def _polar(pos: dict[str, tuple[float, float]], iri: str, r: float, a: float) -> None:
    pos[iri] = (r * math.cos(a), r * math.sin(a))


def _fill(pos: dict[str, tuple[float, float]], members: list[str], start: float, angle: float, row: float) -> float:
    """Place ``members`` in rows of the sector (``start``, ``angle``) from radius ``row`` out; the last radius."""
    last, left = 0.0, list(members)
    while left:
        slots = max(1, int(angle * row / _SPACING))
        take, left = left[:slots], left[slots:]
        for j, iri in enumerate(take):
            _polar(pos, iri, row, start + angle * (j + 0.5) / len(take))
        last = row
        row += _SPACING
    return last


def _satellites(order: list[tuple[str, str]], pos: dict[str, tuple[float, float]]) -> None:
    """Place each node on a small spiral around its anchor, in the order given."""
    count: dict[str, int] = defaultdict(int)
    first, growth = _SATELLITE
    for iri, anchor in order:
        k = count[anchor]
        count[anchor] += 1
        r, a = first + growth * math.sqrt(k), k * _GOLDEN
        x, y = pos[anchor]
        pos[iri] = (x + r * math.cos(a), y + r * math.sin(a))


def _layout(graph: _Graph, homes: dict[str, str]) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Positions of every node, and the clusters in the order they are packed."""
    by_home: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(homes):
        by_home[homes[iri]].append(iri)
    parents: dict[str, list[str]] = defaultdict(list)
    for rel in graph.edges:
        if rel.type == "PART_OF":
            parents[rel.start].append(rel.end)
    layouts = {}
    for home, members in by_home.items():
        structural = [iri for iri in members if graph.kind(iri) in ("Government", "Network")]
        order, loose = _anchors(graph, set(structural), [i for i in members if graph.kind(i) not in
                                                         ("Government", "Network")], homes)
        if home == INTERNATIONAL:
            centre = [i for i in structural if _level(graph, i) == "supranational"]
            ring = [i for i in structural if graph.kind(i) == "Network"]
        else:
            centre = [i for i in structural if _level(graph, i) == "national"]
            ring = [i for i in structural if _level(graph, i) == "regional"]
        inner = set(centre) | set(ring)
        outer = [i for i in structural if i not in inner]
        regions = _regions(graph, outer, parents) if home != INTERNATIONAL else {}
        groups: dict[str | None, list[str]] = defaultdict(list)
        for iri in outer:
            # a region drawn in another cluster does not take this one's local governments
            region = regions.get(iri)
            groups[region if region in inner else None].append(iri)
        groups[None] = sorted(groups[None] + loose)
        pos, radius = _cluster(centre, ring, groups, _HUB_GAP if home == INTERNATIONAL else _RING_GAP)
        _satellites(order, pos)
        radius = max([radius] + [math.hypot(x, y) for x, y in pos.values()])
        layouts[home] = (pos, radius)
    return _pack(layouts)


def _pack(layouts: dict[str, tuple[dict, float]]) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Clusters in rows, top to bottom: the international one first, then the largest.

    A row is as wide as the clusters would be side by side in a square, so the
    whole fits a screen.
    """
    packed = sorted(layouts, key=lambda h: (h != INTERNATIONAL, -layouts[h][1], h))
    width = max(max(2 * r for _, r in layouts.values()),
                1.15 * math.sqrt(sum((2 * r + _CLUSTER_GAP) ** 2 for _, r in layouts.values())))
    rows: list[list[str]] = [[]]
    used = 0.0
    for home in packed:
        diameter = 2 * layouts[home][1]
        if rows[-1] and used + diameter > width:
            rows.append([])
            used = 0.0
        rows[-1].append(home)
        used += diameter + _CLUSTER_GAP
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    for row in rows:
        height = max(2 * layouts[home][1] for home in row)
        left = 0.0
        for home in row:
            pos, r = layouts[home]
            cx, cy = left + r, top + height / 2
            for iri, (x, y) in pos.items():
                # y grows upwards in sigma's coordinates: the first row is the top one
                positions[iri] = (cx + x, -(cy + y))
            left += 2 * r + _CLUSTER_GAP
        top += height + _CLUSTER_GAP
    return positions, packed


# -- the page --------------------------------------------------------------------------

def _number(value: float) -> float:
    return round(value, 2) + 0.0  # no "-0.0" in the page


def _styles(graph: _Graph, drawn: list[str]) -> tuple[list[dict], dict[str, int]]:
    """The legend rows of the styles in use, and each style's index."""
    present = {_style_key(graph.nodes[iri]) for iri in drawn}
    rows = []
    for level, (name, _, colour, _) in GOVERNMENT_STYLES.items():
        rows.append({"key": f"level:{level}", "name": name, "colour": colour})
    for kind, (name, _, colour, _) in TYPE_STYLES.items():
        rows.append({"key": f"type:{kind}", "name": name, "colour": colour})
    known = {row["key"] for row in rows}
    for key in sorted(present - known):
        rows.append({"key": key, "name": key.split(":", 1)[1], "colour": "#bdc3c7"})
    rows = [row for row in rows if row["key"] in present]
    for row in rows:
        row["size"] = _SIZES.get(row["key"], _OTHER_SIZE)
        row["count"] = sum(1 for iri in drawn if _style_key(graph.nodes[iri]) == row["key"])
    return rows, {row["key"]: k for k, row in enumerate(rows)}


def _page(iri: str) -> str:
    return quote(page_path(iri)) if has_page(iri) else ""


def _payload(graph: _Graph, homes: dict[str, str], positions, packed: list[str], scope: str) -> dict:
    drawn = sorted(homes)
    index = {iri: k for k, iri in enumerate(drawn)}
    legend, style_index = _styles(graph, drawn)
    nodes = []
    for iri in drawn:
        node = graph.nodes[iri]
        name = views._name(node)
        others = [label for label in dict.fromkeys(views._labels(node.properties).values()) if label != name]
        x, y = positions[iri]
        nodes.append([views._short(iri), name, _number(x), _number(y), style_index[_style_key(node)], homes[iri],
                      _page(iri), others])
    edge_kinds = list(EDGE_STYLES)
    edges, seen = [], set()
    for rel in graph.edges:
        a, b = index.get(rel.start), index.get(rel.end)
        pair = (min(a, b), max(a, b)) if a is not None and b is not None else None
        if pair is None or a == b or pair in seen:
            continue
        seen.add(pair)
        style = views._edge_style(rel.type)
        if style == "gap" and "KnownAbsence" not in (graph.kind(rel.start), graph.kind(rel.end)):
            style = "other"  # an observation about a government is no gap
        edges.append([a, b, edge_kinds.index(style)])
    nationals = {homes[iri]: views._name(graph.nodes[iri]) for iri in drawn if _level(graph, iri) == "national"}
    clusters = [{"code": home, "name": "Networks and what spans countries" if home == INTERNATIONAL
                 else nationals.get(home, home)} for home in packed]
    return {
        "meta": {"scope": scope, "nodes": len(nodes), "edges": len(edges)},
        "styles": [{"name": row["name"], "colour": row["colour"], "size": row["size"]} for row in legend],
        "edgeStyles": [{"key": key, "name": EDGE_STYLES[key][0], "colour": EDGE_STYLES[key][1] + _EDGE_ALPHA[key]}
                       for key in edge_kinds],
        "clusters": clusters,
        "nodes": nodes,
        "edges": edges,
    }, legend


def _library() -> Markup:
    text = library_path().read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.I):
        raise CcaError(f"{LIBRARY} cannot be inlined: it closes its own element")
    return Markup(text)


def write_overview(store, path: Path | str, *, country: str | None = None) -> OverviewResult:
    """Write the overview page: every entity of the graph, drawn with WebGL.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built store (:func:`cca_graph.open_store`).
    path : Path or str
        The HTML file to write (atomically; folders are created). Clicking a
        node opens ``e/<local-id>.html`` relative to it, as in the static site.
    country : str, optional
        ISO 3166-1 code (``"MX"``): that country's entities (as the explorer's
        ``--country`` chooses them) and the networks linked to them.

    Returns
    -------
    OverviewResult

    Raises
    ------
    UnknownNameError
        For a country the graph does not have.
    LibraryMissingError
        When the drawing library has not been built (``make overview-lib``).

    Examples
    --------
    >>> from cca_graph import open_store
    >>> write_overview(open_store("out"), "out/site/mexico.html", country="MX").scope
    'Country: Mexico (MX)'
    """
    library = _library()
    graph = _read(store)
    countries = views._countries(graph)
    code = views._resolve_country(countries, country) if country else None
    homes = _homes(graph, countries, code)
    positions, packed = _layout(graph, homes)
    scope = "The whole graph"
    if code:
        national = [iri for iri in sorted(homes) if _level(graph, iri) == "national" and homes[iri] == code]
        scope = f"Country: {views._name(graph.nodes[national[0]])} ({code})" if national else f"Country: {code}"
    data, legend = _payload(graph, homes, positions, packed, scope)
    html = views._environment().get_template(TEMPLATE).render(
        title=f"cca-graph overview \u2014 {scope}", data=data, legend=legend, edge_styles=data["edgeStyles"],
        meta=data["meta"], clusters=data["clusters"], library=library)
    path = Path(path)
    with atomic_write(path, newline="\n") as fh:
        fh.write(html)
    return OverviewResult(path, data["meta"]["nodes"], data["meta"]["edges"], len(packed), scope)
