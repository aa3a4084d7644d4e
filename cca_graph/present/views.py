"""Interactive graph views: one self-contained HTML page per view, built with pyvis.

A view is a part of the property-graph projection (:mod:`cca_graph.project.property_graph`):
the whole graph, one country, one network, or the neighbourhood of one entity.
pyvis holds the nodes, edges and vis-network options; the page is rendered from
``templates/explorer.html.j2`` with the vis-network script and stylesheet that
pyvis ships inlined (its ``cdn_resources="in_line"``), so it works offline and
loads nothing from the network.

What the page offers, all client-side: a legend; filters by level, type,
country and network; a search by English or Chinese label that centres on the
entity; a detail panel with properties, relations and sources with locators.
What is drawn is decided here, when the page is written: never more than
``budget`` nodes, ranked so that the governance skeleton (networks, national
and regional governments, laws) comes first; the page says how many nodes of
the view are hidden.

Names from data reach the page only as JSON inside a
``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped as
``\\u003c``…) or through the autoescaping template; the page's script builds
text with ``textContent``. The same store gives the same bytes.

Examples
--------
>>> from cca_graph import open_store
>>> result = write_view(open_store("out"), "out/views/mexico.html", country="MX")
>>> result.scope, result.hidden
('Country: Mexico (MX)', 0)
"""
from __future__ import annotations

import difflib
import math
import re
from collections import deque
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..atomic import atomic_write
from ..errors import CcaError, UnknownEntityError, UnknownNameError
from ..ingest import model
from ..project.property_graph import ENTITY_LABEL, Node, Relationship, project
from ..resources import templates_dir

__all__ = ["DEFAULT_BUDGET", "ViewResult", "UnknownEntityError", "doubt_of", "reader_name", "write_view"]

#: the most nodes a page draws at once
DEFAULT_BUDGET = 1500
TEMPLATE = "explorer.html.j2"

#: record types the explorer does not draw: documents (shown as sources in the
#: panel), vocabulary, and notes about the curation itself
LEFT_OUT = ("Source", "Concept", "ConceptScheme", "CoverageRecord", "IntegrityCriterion")

#: properties for curators, never shown to readers (and the deprecated note, which mixed both)
CURATORS_ONLY = ("curation_note", "note")

#: how each kind of node looks: (legend name, vis shape, colour, size)
GOVERNMENT_STYLES = {
    "supranational": ("Government: supranational", "dot", "#0b2545", 30),
    "national": ("Government: national", "dot", "#1f4e79", 26),
    "regional": ("Government: state or region", "dot", "#2e86c1", 18),
    "local": ("Government: local", "dot", "#85c1e9", 12),
}
TYPE_STYLES = {
    "Government": ("Government", "dot", "#5d6d7e", 14),
    "Network": ("Network", "hexagon", "#8e44ad", 22),
    "CoordinationBody": ("Coordination body", "triangleDown", "#16a085", 18),
    "LegalAct": ("Law", "diamond", "#b9770e", 18),
    "Provision": ("Provision of a law", "diamond", "#f0b27a", 11),
    "Mandate": ("Mandate", "triangle", "#d35400", 15),
    "Instrument": ("Instrument", "square", "#27ae60", 13),
    "Commitment": ("Commitment", "star", "#d4ac0d", 16),
    "Outcome": ("Outcome", "dot", "#a9dfbf", 8),
    "Organization": ("Organisation", "square", "#95a5a6", 10),
    "KnownAbsence": ("Known absence (gap)", "dot", "#ffffff", 13),
}
_GAP_RED = "#e74c3c"
_DIFFUSION = ("SCALED_UP_FROM", "INSPIRED_BY")
_GAPS = ("ABOUT",)
#: edge styles: (legend name, colour, width, dashes)
EDGE_STYLES = {
    "diffusion": ("Diffusion (scaled up from, inspired by)", "#d81b60", 3, False),
    "gap": ("Gap (known absence about)", _GAP_RED, 2, True),
    "membership": ("Member of a network", "#8e44ad", 1, False),
    "other": ("Other relation (labelled)", "#9aa5b1", 1, False),
}
#: the order in which nodes are kept when a view is over budget
_TYPE_RANK = {"Network": 0, "LegalAct": 1, "CoordinationBody": 1, "Mandate": 2, "Instrument": 2,
              "Commitment": 2, "KnownAbsence": 2, "Provision": 3, "Organization": 3, "Outcome": 4}
_LEVEL_RANK = {"supranational": 0, "national": 0, "regional": 1, "local": 3}
_GLYPHS = {"dot": "\u25cf", "hexagon": "\u2b22", "triangleDown": "\u25bc", "diamond": "\u25c6",
           "triangle": "\u25b2", "square": "\u25a0", "star": "\u2605"}
_CANVAS_LABEL = 48
_SEED = 7
#: the country view's bands, top to bottom: each level of government, then what hangs from it
_BANDS = {"supranational": 0, "national": 0, "regional": 2, "local": 4}
_LABEL_WIDTH = 130      # labels wrap at this width (canvas pixels) in the country view
_COUNTRY_LABEL = 28     # and are cut at this length: two or three lines
_COLUMN = 140           # a node's room across, in the country view
_COUNTRY_FONT = 16
_COUNTRY_SIZE = 0.7     # nodes are drawn smaller there: the labels need the room
_ROW_GAP = 14           # below a row's tallest label: a label stays clear of the dots of the row below


@dataclass(frozen=True)
class ViewResult:
    """What :func:`write_view` wrote.

    Attributes
    ----------
    path : Path
        The HTML file.
    shown : int
        Nodes drawn on the page.
    hidden : int
        Nodes of the view left out because of the budget.
    edges : int
        Edges drawn.
    scope : str
        The view in words (``"Country: Mexico (MX)"``).
    """

    path: Path
    shown: int
    hidden: int
    edges: int
    scope: str


@dataclass
class _Graph:
    """The drawable part of the projection, with the indexes the views need."""

    nodes: dict[str, Node]
    edges: list[Relationship]
    documents: dict[str, dict]
    neighbours: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for iri in self.nodes:
            self.neighbours[iri] = set()
        for rel in self.edges:
            self.neighbours[rel.start].add(rel.end)
            self.neighbours[rel.end].add(rel.start)

    def kind(self, iri: str) -> str:
        return _kind(self.nodes[iri])


def _kind(node: Node) -> str:
    return next(label for label in node.labels if label != ENTITY_LABEL)


def _short(iri: str) -> str:
    """The record id of an entity IRI (``…/id/MX-JAL`` → ``MX-JAL``)."""
    return iri[len(model.ID):] if iri.startswith(model.ID) else iri


def _first(value):
    return value[0] if isinstance(value, list) else value


#: a name as the ISO 3166-2 list writes it, a second name or the code in brackets after it
_CODE_LIST_NAME = re.compile(r"^(?P<name>[^\[\]]+?) \[(?P<other>[^\[\]]+)\]$")
_SUBDIVISION_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def reader_name(label: str) -> str:
    """A subdivision's name from the ISO 3166-2 list as a reader writes it.

    The list adds in brackets the name in another of the country's languages, or the
    code itself: the bracket is dropped where it repeats the name or gives the code,
    and the other name follows in parentheses.

    >>> reader_name("Barcelona [Barcelona]"), reader_name("Stockholms län [SE-01]")
    ('Barcelona', 'Stockholms län')
    >>> reader_name("Girona [Gerona]"), reader_name("Jalisco")
    ('Girona (Gerona)', 'Jalisco')
    """
    found = _CODE_LIST_NAME.match(label)
    if found is None:
        return label
    name, other = found["name"], found["other"]
    if other.casefold() == name.casefold() or _SUBDIVISION_CODE.match(other):
        return name
    return f"{name} ({other})"


def _labels(props: dict) -> dict[str, str]:
    """Labels by language (``{"en": "Jalisco", "zh": "哈利斯科州"}``).

    A subdivision's label taken from the ISO 3166-2 list (one with an ``isoCode``) is
    written as a reader writes it (:func:`reader_name`): "Barcelona", not
    "Barcelona [Barcelona]".
    """
    found = {key[len("label_"):]: str(_first(value)) for key, value in props.items() if key.startswith("label_")}
    if not found and "label" in props:
        found["en"] = str(_first(props["label"]))
    if "isoCode" in props:
        found = {lang: reader_name(text) for lang, text in found.items()}
    return dict(sorted(found.items()))


def _name(node: Node) -> str:
    labels = _labels(node.properties)
    return labels.get("en") or next(iter(labels.values()), None) or _short(node.iri)


def _load(store) -> _Graph:
    graph = project(store)
    nodes, documents = {}, {}
    for node in graph.nodes():
        kind = _kind(node)
        if kind == "Source":
            props = node.properties
            documents[str(props.get("key") or _short(node.iri).rsplit("/", 1)[-1])] = {
                name: props[name] for name in ("title", "publisher", "year", "url") if name in props}
        elif kind not in LEFT_OUT:
            nodes[node.iri] = node
    edges = [rel for rel in graph.relationships() if rel.start in nodes and rel.end in nodes]
    edges.sort(key=lambda rel: (rel.start, rel.type, rel.end))
    return _Graph(nodes, edges, documents)


# -- which country, which network ---------------------------------------------

def _countries(graph: _Graph) -> dict[str, set[str]]:
    """Country codes of every node.

    A government's country is the national government reached by following
    PART_OF; any other node belongs to the countries of the governments it is
    linked to, and failing those, of the linked nodes that have one (a
    provision through its law, an outcome through its instrument). Networks
    span countries: they take their members' countries but pass none on.
    """
    parents: dict[str, list[str]] = {}
    for rel in graph.edges:
        if rel.type == "PART_OF" and graph.kind(rel.start) == graph.kind(rel.end) == "Government":
            parents.setdefault(rel.start, []).append(rel.end)
    countries: dict[str, set[str]] = {}
    for iri, node in graph.nodes.items():
        if graph.kind(iri) == "Government":
            code = _national_code(graph, iri, parents)
            if code:
                countries[iri] = {code}
    pending = sorted(iri for iri in graph.nodes if graph.kind(iri) != "Government")
    givers = set(countries)
    while pending:
        # one ring at a time, so the result does not depend on the order of nodes
        found = {}
        for iri in pending:
            codes = set().union(*(countries[n] for n in graph.neighbours[iri] if n in givers))
            if codes:
                found[iri] = codes
        if not found:
            break
        countries.update(found)
        givers |= {iri for iri in found if graph.kind(iri) != "Network"}
        pending = [iri for iri in pending if iri not in found]
    return countries


def _national_code(graph: _Graph, iri: str, parents: dict[str, list[str]]) -> str | None:
    seen = set()
    while iri not in seen:
        seen.add(iri)
        props = graph.nodes[iri].properties
        if props.get("level") == "national":
            return str(_first(props.get("isoCode") or _short(iri)))
        up = sorted(parents.get(iri, ()))
        if not up:
            return None
        iri = up[0]
    return None


def _networks(graph: _Graph) -> dict[str, set[str]]:
    """Network ids of every node: a network, and whatever is linked to it."""
    networks: dict[str, set[str]] = {}
    for iri in graph.nodes:
        if graph.kind(iri) == "Network":
            networks.setdefault(iri, set()).add(_short(iri))
            for other in graph.neighbours[iri]:
                networks.setdefault(other, set()).add(_short(iri))
    return networks


def _resolve_country(countries: dict[str, set[str]], name: str) -> str:
    known = sorted(set().union(*countries.values())) if countries else []
    match = [code for code in known if code.lower() == name.strip().lower()]
    if not match:
        raise UnknownNameError("country", name, known)
    return match[0]


def _resolve_network(graph: _Graph, name: str) -> str:
    """A network by id (``under2-coalition``), id prefix (``under2``) or English label."""
    ids = sorted(_short(iri) for iri in graph.nodes if graph.kind(iri) == "Network")
    wanted = name.strip().lower()
    for test in (lambda key: key.lower() == wanted,
                 lambda key: key.lower().startswith(wanted + "-"),
                 lambda key: _name(graph.nodes[model.ID + key]).lower() == wanted):
        match = [key for key in ids if test(key)]
        if len(match) == 1:
            return match[0]
    raise UnknownNameError("network", name, ids)


def _resolve_focus(graph: _Graph, focus: str, candidates: set[str]) -> str:
    iri = focus if focus.startswith(("http://", "https://")) else model.ID + focus.strip()
    if iri not in candidates:
        pool = sorted(_short(i) for i in candidates)
        near = difflib.get_close_matches(_short(iri), pool, n=5)
        where = "in the graph" if iri not in graph.nodes else "in this view (it is outside the country or network chosen)"
        hint = f"; did you mean: {', '.join(near)}" if near else ""
        raise UnknownEntityError(f"no entity {_short(iri)!r} {where}{hint}")
    return iri


# -- selection and budget -------------------------------------------------------

def _distances(graph: _Graph, start: str, depth: int, allowed: set[str]) -> dict[str, int]:
    distance = {start: 0}
    queue = deque([start])
    while queue:
        iri = queue.popleft()
        if distance[iri] >= depth:
            continue
        for other in sorted(graph.neighbours[iri]):
            if other in allowed and other not in distance:
                distance[other] = distance[iri] + 1
                queue.append(other)
    return distance


def _rank(graph: _Graph, iri: str) -> int:
    props = graph.nodes[iri].properties
    if graph.kind(iri) == "Government":
        return _LEVEL_RANK.get(str(props.get("level")), 2)
    return _TYPE_RANK.get(graph.kind(iri), 4)


def _select(graph: _Graph, countries, networks, country, network, focus, depth) -> tuple[list[str], str]:
    """The nodes of the view, most important first, and the view in words."""
    candidates = set(graph.nodes)
    scope = []
    if country:
        code = _resolve_country(countries, country)
        candidates = {iri for iri in candidates if code in countries.get(iri, ())}
        national = [iri for iri in sorted(candidates) if graph.kind(iri) == "Government"
                    and graph.nodes[iri].properties.get("level") == "national"]
        scope.append(f"Country: {_name(graph.nodes[national[0]])} ({code})" if national else f"Country: {code}")
    if network:
        key = _resolve_network(graph, network)
        candidates = {iri for iri in candidates if key in networks.get(iri, ())}
        scope.append(f"Network: {_name(graph.nodes[model.ID + key])}")
    distance = {}
    if focus:
        start = _resolve_focus(graph, focus, candidates)
        distance = _distances(graph, start, depth, candidates)
        candidates = set(distance)
        scope.append(f"Around {_name(graph.nodes[start])} ({_short(start)}), depth {depth}")
    ordered = sorted(candidates, key=lambda iri: (distance.get(iri, 0), _rank(graph, iri),
                                                  -len(graph.neighbours[iri]), iri))
    return ordered, "; ".join(scope) or "The whole graph"


# -- the country view's levels, top to bottom ------------------------------------

def _bands(graph: _Graph, shown: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The band of every drawn node, and the government each other node hangs from.

    Governments take their level's band (national 0, regional 2, local 4) and
    networks the national one; anything else takes the band below the
    highest government it is linked to, or, one link further, the band of
    what it is linked to (a provision goes with its law). One ring of links at
    a time, so that the result does not depend on the order of nodes.
    """
    drawn = set(shown)
    governments = {iri for iri in shown if graph.kind(iri) == "Government"}
    band = {iri: _BANDS.get(str(graph.nodes[iri].properties.get("level")), 4) for iri in governments}
    band.update((iri, 0) for iri in shown if graph.kind(iri) == "Network")
    anchor: dict[str, str] = {}
    pending = sorted(iri for iri in shown if iri not in band)
    while pending:
        found = {}
        for iri in pending:
            near = sorted((band[n] + (n in governments), n) for n in graph.neighbours[iri]
                          if n in drawn and n in band and graph.kind(n) != "Network")
            if near:
                found[iri] = near[0]
        if not found:
            break
        for iri, (level, near) in found.items():
            band[iri], anchor[iri] = level, anchor.get(near, near)
        pending = [iri for iri in pending if iri not in found]
    for iri in pending:
        band[iri] = 1
    return band, anchor


def _label_lines(label: str) -> int:
    """How many lines a label wraps to at :data:`_LABEL_WIDTH` (an estimate: 0.7 em a letter)."""
    per_line = max(1, int(_LABEL_WIDTH / (0.7 * _COUNTRY_FONT)))
    lines, width = 1, 0
    for word in label.split():
        if width and width + 1 + len(word) > per_line:
            lines, width = lines + 1, 0
        width += (1 if width else 0) + len(word)
        lines += max(0, (len(word) - 1) // per_line)
    return lines


def _levels_layout(graph: _Graph, shown: list[str], labels: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Positions of a country view: its levels top to bottom, each band in centred rows.

    A band's nodes are in rows of a fixed width (so the whole is about as wide
    as tall); local governments are ordered by their region, and what hangs
    from a government follows the order of the governments.
    """
    band, anchor = _bands(graph, shown)
    order: dict[str, tuple] = {}
    for iri in sorted(shown, key=lambda i: (band[i], graph.kind(i) != "Government", labels[i].lower(), i)):
        order[iri] = (len(order),)
    parents = {rel.start: rel.end for rel in sorted(graph.edges, key=lambda r: (r.start, r.end), reverse=True)
               if rel.type == "PART_OF" and rel.end in order}
    for iri in shown:
        if band[iri] == 4 and graph.kind(iri) == "Government" and iri in parents:
            order[iri] = (*order[parents[iri]], *order[iri])  # local governments under their region
        elif iri in anchor:
            order[iri] = (*order[anchor[iri]], _TYPE_RANK.get(graph.kind(iri), 4), *order[iri])
    bands = [sorted((iri for iri in shown if band[iri] == level), key=lambda i: order[i])
             for level in sorted(set(band.values()))]
    heights = {iri: 2 * _country_size(graph.nodes[iri]) + _label_lines(labels[iri]) * (_COUNTRY_FONT + 3)
               for iri in shown}
    # as many columns as make the whole about as wide as tall, so that it fits a screen at the largest zoom
    layouts = [_rows(bands, heights, columns) for columns in range(4, max(5, math.isqrt(len(shown)) * 2 + 1))]
    return min(layouts, key=lambda found: max(found[1]))[0]


def _rows(bands: list[list[str]], heights: dict[str, int], columns: int) -> tuple[dict[str, tuple[int, int]], tuple]:
    """Each band in centred rows of ``columns``, one band below the other; the positions and (width, height)."""
    positions, y = {}, 0
    for members in bands:
        for start in range(0, len(members), columns):
            row = members[start:start + columns]
            for j, iri in enumerate(row):
                positions[iri] = (round((j - (len(row) - 1) / 2) * _COLUMN), y)
            y += max(heights[iri] for iri in row) + _ROW_GAP
        y += _ROW_GAP
    width = (min(columns, max(len(members) for members in bands)) if bands else 0) * _COLUMN
    return positions, (width, y)


# -- the page ---------------------------------------------------------------------

def _style(node: Node) -> tuple[str, str, str, int]:
    """(legend key, shape, colour, size) of a node."""
    kind = _kind(node)
    level = str(node.properties.get("level", ""))
    if kind == "Government" and level in GOVERNMENT_STYLES:
        return (f"level:{level}", *GOVERNMENT_STYLES[level][1:])
    return (f"type:{kind}", *TYPE_STYLES.get(kind, ("", "dot", "#bdc3c7", 10))[1:])


def _words(rel_type: str) -> str:
    return rel_type.lower().replace("_", " ")


def _edge_style(rel_type: str) -> str:
    if rel_type in _DIFFUSION:
        return "diffusion"
    if rel_type in _GAPS:
        return "gap"
    return "membership" if rel_type == "MEMBER_OF" else "other"


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def doubt_of(node: Node) -> str:
    """The curators' doubt of a record (``cca:doubt``: the reason and where it is read), or ""."""
    return _text(node.properties.get("doubt", ""))


def _details(graph: _Graph, iri: str, countries, networks, off_view: int) -> dict:
    """What the detail panel and the filters need about one node.

    A record in doubt says so as the briefs and the site's pages do: a figure is given as the source
    states it, never called "measured", the doubt following; a target (which has no status to put it
    beside) says "in doubt" in its first row, above what the registry states.
    """
    node = graph.nodes[iri]
    skip = {"iri", "id", "sources", "source_ids", "doubt", *CURATORS_ONLY}
    doubt = doubt_of(node)
    props = []
    for key, value in sorted(node.properties.items()):
        if key in skip or key.startswith("label"):
            continue
        if key == "figureStatus" and doubt:
            kept = [_text(v) for v in (value if isinstance(value, list) else [value]) if _text(v) != "measured"]
            props.append([key, "; ".join(kept + [f"as the source states it, in doubt: {doubt}"])])
        else:
            props.append([key, _text(value)])
    if doubt and "figureStatus" not in node.properties:
        props.insert(0, ["in doubt", doubt])
    return {
        "type": _kind(node),
        "level": str(node.properties.get("level", "")),
        "labels": _labels(node.properties),
        "props": props,
        "sources": list(node.properties.get("sources", [])),
        "countries": sorted(countries.get(iri, ())),
        "networks": sorted(networks.get(iri, ())),
        "offView": off_view,
    }


def _network_options(n_nodes: int, n_edges: int, levels: bool = False) -> dict:
    """vis-network options; fixed seed, so one page always lays out the same way.

    With ``levels`` the nodes come with their positions (:func:`_levels_layout`):
    no physics, larger labels wrapped narrower, edges bent vertically, and
    edge labels only once one zooms in, so that they do not cover the nodes'.
    """
    if levels:
        options = _network_options(n_nodes, n_edges)
        options["layout"] = {"randomSeed": _SEED, "improvedLayout": False}
        options["physics"] = {"enabled": False}
        options["nodes"].update(font={"size": _COUNTRY_FONT, "face": "sans-serif"},
                                widthConstraint={"maximum": _LABEL_WIDTH})
        options["edges"].update(smooth={"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                                        "roundness": 0.4},
                                scaling={"label": {"drawThreshold": 12}})
        return options
    return {
        "layout": {"randomSeed": _SEED, "improvedLayout": n_nodes <= 150},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "springConstant": 0.03,
                          "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 300 if n_nodes <= 400 else 150,
                              "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n_edges > 800,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}, "widthConstraint": {"maximum": 180},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"font": {"size": 9, "face": "sans-serif", "align": "middle", "color": "#566573"},
                  "smooth": {"enabled": n_edges <= 600, "type": "continuous", "roundness": 0.4},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
    }


def _country_size(node: Node) -> int:
    return round(_style(node)[3] * _COUNTRY_SIZE)


def _canvas_label(name: str, most: int = _CANVAS_LABEL) -> str:
    return name if len(name) <= most else name[:most - 1].rstrip() + "\u2026"


def _distinct_labels(names: dict[str, str], most: int) -> dict[str, str]:
    """Each name cut to ``most`` letters; names whose cuts would read the same keep their ends instead.

    Three mandates "Climate-policy competences of the Mexican federation / states /
    municipalities" would all read "Climate-policy competences…": each keeps its
    last words ("Climate-p… Mexican states").

    >>> _distinct_labels({"a": "Competences of the federation", "b": "Competences of the states"}, 16)
    {'a': 'Comp… federation', 'b': 'Comp… the states'}
    """
    cut = {key: _canvas_label(name, most) for key, name in names.items()}
    seen: dict[str, int] = {}
    for label in cut.values():
        seen[label] = seen.get(label, 0) + 1
    for key, name in names.items():
        if seen[cut[key]] > 1 and len(name) > most:
            tail = ""
            for word in reversed(name.split()):
                if len(word) + len(tail) + 1 > most // 2 + 4 and tail:
                    break
                tail = f"{word} {tail}".strip()
            cut[key] = name[:max(1, most - len(tail) - 2)].rstrip() + "\u2026 " + tail
    return cut


def _pyvis_network(graph: _Graph, shown: list[str], countries, networks, title: str, levels: bool = False):
    """The pyvis network of the drawn nodes and the edges between them (laid out by level with ``levels``)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    drawn = set(shown)
    edges = [rel for rel in graph.edges if rel.start in drawn and rel.end in drawn]
    # relations to nodes of the graph that this page does not draw, counted in the panel
    off_view = dict.fromkeys(shown, 0)
    for rel in graph.edges:
        if (rel.start in drawn) != (rel.end in drawn):
            off_view[rel.start if rel.start in drawn else rel.end] += 1
    most = _COUNTRY_LABEL if levels else _CANVAS_LABEL
    drawn_labels = _distinct_labels({iri: _name(graph.nodes[iri]) for iri in shown}, most)
    positions = _levels_layout(graph, shown, drawn_labels) if levels else {}
    for iri in sorted(shown):
        node = graph.nodes[iri]
        _, shape, colour, size = _style(node)
        name = _name(node)
        labels = _labels(node.properties)
        tooltip = (" / ".join(dict.fromkeys([name, *labels.values()])) + f"\n{_kind(node)}"
                   + (", in doubt" if doubt_of(node) else ""))
        options = {"size": _country_size(node) if levels else size, "title": tooltip, "borderWidth": 1,
                   "color": {"background": colour, "border": "#34495e",
                             "highlight": {"background": colour, "border": "#000000"}},
                   "cca": _details(graph, iri, countries, networks, off_view[iri])}
        if _kind(node) == "KnownAbsence":
            options.update(borderWidth=3, shapeProperties={"borderDashes": [4, 3]},
                           color={"background": colour, "border": _GAP_RED,
                                  "highlight": {"background": "#fdedec", "border": _GAP_RED}},
                           font={"color": _GAP_RED})
        if iri in positions:
            options["x"], options["y"] = positions[iri]
        net.add_node(_short(iri), label=drawn_labels[iri], shape=shape, **options)
    for number, rel in enumerate(edges):
        _, colour, width, dashes = EDGE_STYLES[_edge_style(rel.type)]
        extra = {k: _text(v) for k, v in sorted(rel.properties.items())
                 if k not in ("iri", "sources", "source_ids", *CURATORS_ONLY)}
        net.add_edge(_short(rel.start), _short(rel.end), id=f"e{number}", label=_words(rel.type),
                     title=_words(rel.type), color={"color": colour, "highlight": "#000000"}, width=width,
                     dashes=[6, 5] if dashes else False,
                     cca={"type": rel.type, "style": _edge_style(rel.type),
                          "sources": list(rel.properties.get("sources", [])), "props": sorted(extra.items())})
    net.options = _network_options(len(shown), len(edges), levels)
    return net


def _asset(name: str) -> Markup:
    """A vis-network file as pyvis inlines it with ``cdn_resources="in_line"``."""
    text = (files("pyvis") / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.I):
        raise CcaError(f"pyvis's {name} cannot be inlined: it closes its own element")
    return Markup(text)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # tojson escapes <, >, & and ' as \u003c…; sorted keys keep the bytes stable
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.filters["thousands"] = "{:,}".format
    return env


def _legend(graph: _Graph, shown: list[str]) -> tuple[list[dict], list[dict], list[dict]]:
    """Legend rows, level filters and type filters for what the page draws."""
    present = {_style(graph.nodes[iri])[0] for iri in shown}
    rows = []
    for level, (name, shape, colour, _) in GOVERNMENT_STYLES.items():
        if f"level:{level}" in present:
            rows.append({"name": name, "glyph": _GLYPHS[shape], "colour": colour, "gap": False})
    for kind, (name, shape, colour, _) in TYPE_STYLES.items():
        if f"type:{kind}" in present:
            rows.append({"name": name, "glyph": _GLYPHS[shape], "colour": colour, "gap": kind == "KnownAbsence"})
    levels = [{"key": level, "name": GOVERNMENT_STYLES[level][0].split(": ", 1)[1]}
              for level in GOVERNMENT_STYLES if f"level:{level}" in present]
    order = list(TYPE_STYLES)
    kinds = sorted({graph.kind(iri) for iri in shown}, key=lambda k: (order.index(k) if k in order else len(order), k))
    types = [{"key": kind, "name": TYPE_STYLES.get(kind, (kind,))[0]} for kind in kinds]
    return rows, levels, types


def _render(graph: _Graph, ordered: list[str], scope: str, budget: int, countries, networks,
            levels: bool = False) -> str:
    """The HTML page for the nodes ``ordered`` (most important first), at most ``budget`` drawn."""
    shown = ordered[:budget]
    off_view = ordered[budget:]
    title = f"cca-graph explorer \u2014 {scope}"
    net = _pyvis_network(graph, shown, countries, networks, title, levels)
    nodes, edges, heading, *_ = net.get_network_data()
    used = sorted({s.split(":", 1)[0] for n in nodes for s in n["cca"]["sources"]}
                  | {s.split(":", 1)[0] for e in edges for s in e["cca"]["sources"]})
    country_codes = sorted(set().union(*(countries.get(iri, set()) for iri in shown)))
    nationals = {code: _name(graph.nodes[iri]) for iri in graph.nodes
                 if graph.kind(iri) == "Government" and graph.nodes[iri].properties.get("level") == "national"
                 for code in countries.get(iri, ())}
    network_keys = sorted(set().union(*(networks.get(iri, set()) for iri in shown)))
    legend, levels, types = _legend(graph, shown)
    data = {
        "meta": {"scope": scope, "total": len(ordered), "shown": len(shown), "budget": budget,
                 "overBudget": len(off_view)},
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
        "documents": {key: graph.documents[key] for key in used if key in graph.documents},
        # what the budget left out, so that the search can say where it is
        "offView": [[_short(iri), _name(graph.nodes[iri]), *_labels(graph.nodes[iri].properties).values()]
                    for iri in sorted(off_view)],
    }
    return _environment().get_template(TEMPLATE).render(
        title=heading, data=data, shown=len(shown), hidden=len(off_view), budget=budget, total=len(ordered),
        legend=legend, edge_legend=[{"name": v[0], "colour": v[1], "dashed": v[3]} for v in EDGE_STYLES.values()],
        levels=levels, types=types,
        countries=[{"code": code, "name": nationals.get(code, code)} for code in country_codes],
        networks=[{"key": key, "name": _name(graph.nodes[model.ID + key])} for key in network_keys],
        vis_js=_asset("vis-network.min.js"), vis_css=_asset("vis-network.css"),
    )


def write_view(store, path: Path | str, country: str | None = None, network: str | None = None,
               focus: str | None = None, depth: int = 2, budget: int = DEFAULT_BUDGET) -> ViewResult:
    """Write an interactive, self-contained HTML view of the graph.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built store (:func:`cca_graph.open_store`).
    path : Path or str
        The HTML file to write (atomically; folders are created).
    country : str, optional
        ISO 3166-1 code of a country (``"MX"``): its governments, reached by
        PART_OF, and what is linked to them, laid out by level from the top
        (national, regional, local), each level followed by what hangs from it.
    network : str, optional
        A network by id, id prefix or English label (``"under2"``): the
        network and what is linked to it (its members, its commitments…).
    focus : str, optional
        A record id (``"MX-JAL"``) or IRI: only nodes within ``depth`` links of
        it (inside the country or network, if given).
    depth : int
        How many links from ``focus``.
    budget : int
        The most nodes drawn; the rest of the view is counted as hidden.

    Returns
    -------
    ViewResult

    Raises
    ------
    UnknownNameError
        For a country or network the graph does not have.
    UnknownEntityError
        For a ``focus`` that is not in the view.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> result = write_view(open_store("out"), "out/views/jalisco.html", focus="MX-JAL", depth=1)
    >>> result.scope, result.path.is_file()
    ('Around Jalisco (MX-JAL), depth 1', True)
    >>> write_view(open_store("out"), "out/views/x.html", country="XX")
    Traceback (most recent call last):
    ...
    cca_graph.errors.UnknownNameError: ...
    """
    if budget < 1:
        raise ValueError("budget must be at least 1 node")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    graph = _load(store)
    countries, networks = _countries(graph), _networks(graph)
    ordered, scope = _select(graph, countries, networks, country, network, focus, depth)
    # a country's levels read best top to bottom; a neighbourhood or a network finds its own shape
    html = _render(graph, ordered, scope, budget, countries, networks, levels=bool(country) and not focus)
    path = Path(path)
    with atomic_write(path, newline="\n") as fh:
        fh.write(html)
    shown = min(budget, len(ordered))
    drawn = set(ordered[:budget])
    edges = sum(1 for rel in graph.edges if rel.start in drawn and rel.end in drawn)
    return ViewResult(path, shown, len(ordered) - shown, edges, scope)
