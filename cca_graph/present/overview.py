"""The overview: every entity of a registry-sized graph on one WebGL page.

Where the explorer (:mod:`cca_graph.present.views`) draws at most a budget of
nodes with a physics layout in the browser, the overview draws them all
(16,000 and more once the ClimActor registry is imported) with sigma.js, which
renders through WebGL. The layout is computed here, so the browser draws at
once and the same store always gives the same picture and the same bytes:

- one cluster per country, packed in rows, largest first; networks,
  supranational governments and what spans countries in a cluster of their own,
  first; each cluster under its name, in room the packing leaves for it, so
  that at the first zoom every cluster's name is readable (11 pixels on a
  1400 x 900 window) and none overlaps another or a node. Entities' own names
  show once one zooms in;
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
# -- the clusters' labels, above each cluster, readable at the first zoom -------------
_READABLE = 11.0        # pixels a label's letters are high at the first zoom…
_PANE = (760, 720)      # …on a pane of this size (the graph's part of a 1400 x 900 window, less sigma's margin)
_LABEL_EM = 0.62        # a letter's width, in letter heights (an estimate; the page shrinks a label that is wider)
_LABEL_LEADING = 1.25   # a line's height, in letter heights
_LABEL_ONE_LINE = 18    # letters a label holds on one line before it wraps at a space
_LABEL_CLEARANCE = 0.8  # letter heights between a label and the top of its cluster
_ROUNDS = 8

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


def _cluster_names(graph: _Graph, homes: dict[str, str]) -> dict[str, str]:
    """Each cluster's name: its nation's, or what the international one holds."""
    nationals = {homes[iri]: views._name(graph.nodes[iri]) for iri in sorted(homes) if _level(graph, iri) == "national"}
    return {home: "Networks and what spans countries" if home == INTERNATIONAL else nationals.get(home, home)
            for home in set(homes.values())}


def _layout(graph: _Graph, homes: dict[str, str], names: dict[str, str]) -> dict:
    """Positions of every node, the clusters in the order they are packed, and their labels (:func:`_pack`)."""
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
    return _pack(layouts, {home: _label_lines(names[home]) for home in layouts})


def _label_lines(name: str) -> list[str]:
    """A cluster's label on one line, or on two balanced at a space when it is long."""
    if len(name) <= _LABEL_ONE_LINE or " " not in name:
        return [name]
    spaces = [k for k, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda k: (abs(2 * k - len(name)), k))
    return [name[:cut], name[cut + 1:]]


def _label_size(lines: list[str], font: float) -> tuple[float, float]:
    """(width, height) in layout units of a label of ``lines`` at ``font`` units a line."""
    return (max(len(line) for line in lines) * _LABEL_EM + 1.0) * font, (len(lines) * _LABEL_LEADING + 0.4) * font


def _pack_at(layouts: dict[str, tuple[dict, float]], labels: dict[str, list[str]], font: float) -> dict:
    """Clusters in rows, each under its label, with the labels' letters ``font`` units high.

    The international cluster comes first, then the largest. A cluster takes a
    slot as wide as the wider of itself and its label; a row is as wide as the
    slots would be side by side in a square, so that the whole fits a screen.
    """
    packed = sorted(layouts, key=lambda h: (h != INTERNATIONAL, -layouts[h][1], h))
    slots = {}
    for home in packed:
        width, height = _label_size(labels[home], font)
        radius = layouts[home][1]
        # the label's band and, below it, room for the drawn size of the cluster's topmost node
        slots[home] = (max(2 * radius, width), height + _LABEL_CLEARANCE * font, radius)
    limit = max(max(w for w, _, _ in slots.values()),
                1.15 * math.sqrt(sum((w + _CLUSTER_GAP) * (2 * r + h + _CLUSTER_GAP) for w, h, r in slots.values())))
    rows: list[list[str]] = [[]]
    used = 0.0
    for home in packed:
        if rows[-1] and used + slots[home][0] > limit:
            rows.append([])
            used = 0.0
        rows[-1].append(home)
        used += slots[home][0] + _CLUSTER_GAP
    positions: dict[str, tuple[float, float]] = {}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    top, right = 0.0, 0.0
    for row in rows:
        height = max(slots[home][1] + 2 * slots[home][2] for home in row)
        left = 0.0
        for home in row:
            width, label, r = slots[home]
            cx, cy = left + width / 2, top + label + r
            for iri, (x, y) in layouts[home][0].items():
                # y grows upwards in sigma's coordinates: the first row is the top one
                positions[iri] = (cx + x, -(cy + y))
            box_width, box_height = _label_size(labels[home], font)
            boxes[home] = (cx - box_width / 2, -top, cx + box_width / 2, -(top + box_height))
            left += width + _CLUSTER_GAP
        right = max(right, left - _CLUSTER_GAP)
        top += height + _CLUSTER_GAP
    # the frame holds every node and every label: none is cut at the edge
    xs = [x for x, _ in positions.values()] + [b[0] for b in boxes.values()] + [b[2] for b in boxes.values()]
    ys = [y for _, y in positions.values()] + [b[1] for b in boxes.values()] + [b[3] for b in boxes.values()]
    frame = (min(xs), min(ys), max(xs), max(ys))
    return {"positions": positions, "packed": packed, "boxes": boxes, "frame": frame, "font": font}


def _pack(layouts: dict[str, tuple[dict, float]], labels: dict[str, list[str]]) -> dict:
    """The packing (:func:`_pack_at`) whose labels are :data:`_READABLE` pixels high at the first zoom.

    The labels' room grows with their letters, and the whole with it, so the
    letter size is found by a few rounds: each scales the letters by how far the
    last packing fell short, on a pane of :data:`_PANE` pixels.
    """
    font, best = 1.0, None
    for _ in range(_ROUNDS):
        packing = _pack_at(layouts, labels, font)
        x0, y0, x1, y1 = packing["frame"]
        pixels = font * min(_PANE) / max(x1 - x0, y1 - y0, 1.0)
        packing["pixels"] = pixels
        if best is None or pixels > best["pixels"]:
            best = packing
        if pixels >= _READABLE:
            break
        font *= _READABLE / pixels
    return best


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


def _payload(graph: _Graph, homes: dict[str, str], packing: dict, names: dict[str, str], scope: str) -> dict:
    drawn = sorted(homes)
    positions = packing["positions"]
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
    # each cluster's label: its lines and its box (left, top, right, bottom) in the nodes' units
    clusters = [{"code": home, "name": names[home], "lines": _label_lines(names[home]),
                 "box": [_number(v) for v in packing["boxes"][home]]} for home in packing["packed"]]
    return {
        "meta": {"scope": scope, "nodes": len(nodes), "edges": len(edges)},
        "styles": [{"name": row["name"], "colour": row["colour"], "size": row["size"]} for row in legend],
        "edgeStyles": [{"key": key, "name": EDGE_STYLES[key][0], "colour": EDGE_STYLES[key][1] + _EDGE_ALPHA[key]}
                       for key in edge_kinds],
        "clusters": clusters,
        # the frame (left, bottom, right, top) holds the nodes and the clusters' labels
        "frame": [_number(v) for v in packing["frame"]],
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
    names = _cluster_names(graph, homes)
    packing = _layout(graph, homes, names)
    scope = "The whole graph"
    if code:
        national = [iri for iri in sorted(homes) if _level(graph, iri) == "national" and homes[iri] == code]
        scope = f"Country: {views._name(graph.nodes[national[0]])} ({code})" if national else f"Country: {code}"
    data, legend = _payload(graph, homes, packing, names, scope)
    html = views._environment().get_template(TEMPLATE).render(
        title=f"cca-graph overview \u2014 {scope}", data=data, legend=legend, edge_styles=data["edgeStyles"],
        meta=data["meta"], clusters=data["clusters"], library=library)
    path = Path(path)
    with atomic_write(path, newline="\n") as fh:
        fh.write(html)
    return OverviewResult(path, data["meta"]["nodes"], data["meta"]["edges"], len(packing["packed"]), scope)
