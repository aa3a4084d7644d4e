"""What the site shows of the graph: its entities, their relations, countries and scope.

The site draws on the explorer's reading of the property graph
(:mod:`cca_graph.present.views`): the same entities (documents and vocabulary
aside) and the same ranking of what matters most. An entity's country is only
what its own record gives (:func:`own_countries`), never a guess from what it is
linked to: a foundation that funds a network of German states is not German. On
top of it, :class:`SiteGraph` indexes each entity's relations both ways and
decides which entities get a page: all of them, or with ``country`` those of one
country and what they link to.
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

__all__ = ["SiteGraph", "load", "kind_of", "name_of", "labels_of", "what_of", "own_countries", "OWNERS",
           "is_meeting", "relation_words"]

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
#: the role of a membership that endorses a network without joining it
ENDORSER = "endorser"
LEVEL_WORDS = {"supranational": "supranational", "national": "national", "regional": "state or regional",
               "local": "local"}
#: kind -> the relations of its own record that name whose it is, as (direction, type); the
#: entity is of a country when every entity so named is of that one country (a law enacted by
#: Jalisco is Mexican; an instrument a network adopted, or two countries' governments, is of none)
OWNERS = {
    "Organization": (("out", "COUNTRY"), ("out", "PART_OF")),
    "CoordinationBody": (("out", "COUNTRY"), ("out", "COORDINATES")),
    "LegalAct": (("out", "ENACTED_BY"),),
    "Provision": (("in", "HAS_PROVISION"),),
    "Mandate": (("out", "ASSIGNED_BY"), ("out", "ASSIGNED_TO")),
    "Instrument": (("out", "ADOPTED_BY"), ("out", "ENACTED_BY")),
    "Commitment": (("out", "COMMITTED_BY"),),
    "Outcome": (("in", "HAS_OUTCOME"),),
    "Observation": (("out", "ABOUT"),),
    "KnownAbsence": (("out", "ABOUT"),),
    "Succession": (("out", "PREDECESSOR"), ("out", "SUCCESSOR")),
}


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
        """The one country of ``iri``, or None for an entity of none or of several, and for a network."""
        codes = self.countries.get(iri, ())
        return next(iter(codes)) if len(codes) == 1 and kind_of(self.node(iri)) != "Network" else None

    def rank(self, iri: str) -> int:
        """How early the entity comes in a list or drawing (nations and networks first, cities last)."""
        return views._rank(self.graph, iri)

    def value_words(self, prop: str, value) -> str:
        """A property's value as a reader reads it: a concept by its label (``"MRV platform"``)."""
        text = views._text(value)
        scheme = CONCEPT_PROPERTIES.get(prop)
        return self.concepts.get(f"{scheme}/{text}", text) if scheme else text

    def members(self, iri: str) -> list[str]:
        """The members of network ``iri``, each once (a member listed in two years, or as
        signatory and co-chair, has several memberships), sorted by IRI.

        The home page counts these and the network's page lists them: one rule for both.
        """
        return sorted({rel.start for rel in self.incoming.get(iri, ()) if rel.type == "MEMBER_OF"})

    def endorsers(self, iri: str) -> set[str]:
        """The members of ``iri`` whose every membership of it has the role endorser.

        They endorse the network without being members of it (a nation that endorses the
        Under2 MOU), as the briefs say; they are counted apart from the members.
        """
        roles: dict[str, set[str]] = defaultdict(set)
        for rel in self.incoming.get(iri, ()):
            if rel.type == "MEMBER_OF":
                roles[rel.start].add(views._text(rel.properties.get("role", "")))
        return {member for member, held in roles.items() if held == {ENDORSER}}

    def linked(self, iri: str) -> bool:
        """Whether ``iri`` has a page in this site."""
        return iri in self.paged


#: instrument types whose "adopted by" names the parties to a meeting, not who adopted a policy:
#: a consultation is "adopted by" the expert group that held it and the network it consulted
MEETINGS = ("consultation",)


def is_meeting(node: Node) -> bool:
    """Whether ``node`` is an instrument whose parties held it or took part in it (a consultation)."""
    return kind_of(node) == "Instrument" and views._text(node.properties.get("instrumentType", "")) in MEETINGS


def relation_words(site: "SiteGraph", rel: Relationship) -> str:
    """A relation in words, read from its start: ``"member of"``, ``"endorser of"``, ``"part of"``.

    A membership is worded by its role, so that a nation that endorses a network is
    never drawn as its member; a consultation's "adopted by" names who held it or took
    part in it.

    Examples
    --------
    ``MEMBER_OF`` with role endorser -> ``"endorser of"``; with roles signatory and
    co-chair -> ``"co-chair and signatory of"``; without a role -> ``"member of"``.
    """
    if rel.type == "MEMBER_OF" and rel.properties.get("role"):
        roles = rel.properties["role"]
        roles = roles if isinstance(roles, list) else [roles]
        return " and ".join(sorted(site.value_words("role", r) for r in roles)) + " of"
    if rel.type == "ADOPTED_BY" and is_meeting(site.node(rel.start)):
        return "held by or with"
    return views._words(rel.type)


def own_countries(graph: views._Graph) -> dict[str, set[str]]:
    """Country codes of every entity whose own record gives them.

    A government's country is its nation, up its ``PART_OF`` chain (as the explorer
    finds it); an organisation or coordination body's is its ``country`` (else what it
    is part of, or the governments it coordinates); a law's, instrument's or
    commitment's is that of the governments that enacted, adopted or made it, and a
    provision, mandate, outcome, observation or known absence takes that of the record
    it belongs to or is about (:data:`OWNERS`). Where one of those is a network or has
    no country, the entity has none; where they are of several countries, it is of all
    of them (and is said to be in none). A network is of the countries of its members
    that have one, and passes none on.
    """
    governments = views._countries(graph)
    found: dict[str, frozenset[str]] = {iri: frozenset(codes) for iri, codes in governments.items()
                                        if graph.kind(iri) == "Government"}
    ends: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for rel in graph.edges:
        ends[(rel.start, "out", rel.type)].append(rel.end)
        ends[(rel.end, "in", rel.type)].append(rel.start)

    def of(iri: str, seen: frozenset[str]) -> frozenset[str]:
        if iri in found:
            return found[iri]
        kind = graph.kind(iri)
        owners = [other for way, rel_type in OWNERS.get(kind, ()) for other in ends.get((iri, way, rel_type), ())]
        codes: frozenset[str] = frozenset()
        if owners and iri not in seen and all(graph.kind(o) != "Network" for o in owners):
            each = [of(other, seen | {iri}) for other in owners]
            codes = frozenset().union(*each) if all(each) else frozenset()
        if not seen:                # an answer reached through a cycle is not kept
            found[iri] = codes
        return codes

    countries = {iri: set(codes) for iri in sorted(graph.nodes) if (codes := of(iri, frozenset()))}
    for iri in graph.nodes:
        if graph.kind(iri) == "Network":
            members = set().union(*(countries.get(m, set()) for m in ends.get((iri, "in", "MEMBER_OF"), ())
                                    if graph.kind(m) != "Network"))
            if members:
                countries[iri] = members
    return countries


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
    countries = own_countries(graph)
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
