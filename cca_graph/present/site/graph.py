"""What the site shows of the graph: its entities, their relations, countries and scope.

The site draws on the explorer's reading of the property graph
(:mod:`cca_graph.present.views`): the same entities (documents and vocabulary
aside), the same country of each entity (a government through ``PART_OF`` up to
its nation, anything else through what it is linked to), the same ranking of
what matters most. On top of it, :class:`SiteGraph` indexes each entity's
relations both ways and decides which entities get a page: all of them, or
with ``country`` those of one country and what they link to.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ...errors import UnknownNameError
from ...ingest.model import RECORD_TYPES
from ...project.property_graph import Node, Relationship, property_name
from .. import views
from ..briefs.data import Q_CONCEPTS, records
from ..briefs.data import short as _short
from .paths import has_page

__all__ = ["SiteGraph", "load", "kind_of", "name_of", "labels_of", "what_of"]

#: how a reader calls each kind of entity
KIND_WORDS = {
    "Government": "government", "Network": "network", "CoordinationBody": "coordination body",
    "LegalAct": "law", "Provision": "provision of a law", "Mandate": "mandate", "Instrument": "instrument",
    "Commitment": "commitment", "Outcome": "outcome", "Organization": "organisation",
    "KnownAbsence": "known absence", "Observation": "observation", "Contribution": "contribution",
    "Succession": "succession",
}
#: property name -> the concept scheme of its values (``"instrumentType"`` -> ``"instrument-type"``)
CONCEPT_PROPERTIES = {property_name(f.predicate): f.scheme for t in RECORD_TYPES.values() for f in t.fields
                      if f.kind == "concept"}
LEVEL_WORDS = {"supranational": "supranational", "national": "national", "regional": "state or regional",
               "local": "local"}


def kind_of(node: Node) -> str:
    """The record type of ``node`` (``"Government"``)."""
    return views._kind(node)


def name_of(node: Node) -> str:
    """The English name of ``node``, else a name in another language, else its id."""
    return views._name(node)


def labels_of(node: Node) -> dict[str, str]:
    """Labels by language, sorted by language tag."""
    return views._labels(node.properties)


def what_of(node: Node) -> str:
    """What ``node`` is, in words: ``"local government"``, ``"network"``, ``"law"``."""
    kind = kind_of(node)
    words = KIND_WORDS.get(kind, kind)
    level = str(node.properties.get("level", ""))
    if kind == "Government" and level in LEVEL_WORDS:
        return f"{LEVEL_WORDS[level]} {words}"
    return words


@dataclass
class SiteGraph:
    """The explorer's graph with each entity's relations indexed, and the part of it the site holds.

    Attributes
    ----------
    graph : views._Graph
        Nodes (IRI -> :class:`Node`), edges, documents (source key -> title, publisher, year, url).
    countries : dict of str to set of str
        IRI -> ISO 3166-1 codes of the countries the entity belongs to.
    nationals : dict of str to str
        ISO 3166-1 code -> IRI of the country's national government.
    paged : set of str
        IRIs of the entities that get a page.
    scope : str or None
        The country the site is limited to, or None for the whole graph.
    """

    graph: views._Graph
    countries: dict[str, set[str]]
    nationals: dict[str, str]
    paged: set[str]
    scope: str | None = None
    #: concept ("role/co-chair") -> its English label ("co-chair")
    concepts: dict[str, str] = field(default_factory=dict)
    outgoing: dict[str, list[Relationship]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Relationship]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self):
        for rel in self.graph.edges:        # sorted by start, type, end (views._load)
            self.outgoing[rel.start].append(rel)
            self.incoming[rel.end].append(rel)

    @property
    def nodes(self) -> dict[str, Node]:
        return self.graph.nodes

    def node(self, iri: str) -> Node:
        return self.graph.nodes[iri]

    def country_name(self, code: str) -> str:
        iri = self.nationals.get(code)
        return name_of(self.graph.nodes[iri]) if iri else code

    def country_of(self, iri: str) -> str | None:
        """The one country of ``iri``, or None for an entity of none or of several (a network)."""
        codes = self.countries.get(iri, ())
        return next(iter(codes)) if len(codes) == 1 else None

    def rank(self, iri: str) -> int:
        """How early the entity comes in a list or drawing (nations and networks first, cities last)."""
        return views._rank(self.graph, iri)

    def value_words(self, prop: str, value) -> str:
        """A property's value as a reader reads it: a concept by its label (``"MRV platform"``)."""
        text = views._text(value)
        scheme = CONCEPT_PROPERTIES.get(prop)
        return self.concepts.get(f"{scheme}/{text}", text) if scheme else text

    def linked(self, iri: str) -> bool:
        """Whether ``iri`` has a page in this site."""
        return iri in self.paged


def _nationals(graph: views._Graph, countries: dict[str, set[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for iri in sorted(graph.nodes):
        node = graph.nodes[iri]
        if kind_of(node) == "Government" and node.properties.get("level") == "national":
            for code in sorted(countries.get(iri, ())):
                found.setdefault(code, iri)
    return found


def load(store, country: str | None = None) -> SiteGraph:
    """Read the graph of ``store`` for the site.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str, optional
        ISO 3166-1 code: only the entities of that country and those they are linked to get a page.

    Raises
    ------
    UnknownNameError
        For a country the graph does not hold.
    """
    graph = views._load(store)
    countries = views._countries(graph)
    paged = {iri for iri in graph.nodes if has_page(iri)}
    code = None
    if country is not None:
        code = views._resolve_country(countries, country)
        inside = {iri for iri in paged if code in countries.get(iri, ())}
        if not inside:
            raise UnknownNameError("country", country, sorted(set().union(*countries.values())))
        reached = set(inside)
        # what belongs to the country alone brings in its neighbours; a network, which spans
        # countries, would bring in its members the world over
        for iri in inside:
            if countries[iri] == {code}:
                reached |= graph.neighbours[iri]
        paged &= reached
    concepts = {_short(r.one("e")): str(r.one("en")) for r in records(store, Q_CONCEPTS) if r.one("en")}
    return SiteGraph(graph, countries, _nationals(graph, countries), paged, code, concepts)
