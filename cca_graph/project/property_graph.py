"""The property-graph projection of the RDF graph: nodes and relationships as rows.

One deterministic mapping, used by every property-graph writer (Bolt push,
neo4j-admin CSVs, networkx):

- every record becomes a node labelled with its record type (``Government``,
  ``Instrument``…) plus ``Entity``; sources become ``Source`` nodes;
- a ``Membership`` becomes a ``MEMBER_OF`` relationship from member to network,
  carrying its ``role``, ``since``, ``until``;
- a link between two records becomes a relationship named after the predicate
  (``partOf`` → ``PART_OF``);
- a link to a SKOS concept becomes a property holding the concept key
  (``level: "regional"``); literals become properties, language-tagged labels
  ``label_en``, ``label_zh``…;
- every node and relationship keeps ``iri``, its short ``id`` and ``sources`` (``"doc: locator"``
  strings, sorted) and ``source_ids``.

Rows are produced as streams, one entity at a time, in IRI order.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Store

from ..ingest import model
from ..ingest.model import RECORD_TYPES
from ..namespace import CCA, DCTERMS, ORG, OWL, RDF, RDFS, SKOS

__all__ = ["Node", "Relationship", "PropertyGraph", "project", "ENTITY_LABEL", "relationship_type", "short_id",
           "property_name"]

ENTITY_LABEL = "Entity"
_TYPE = NamedNode(str(RDF.type))
_CITATION = str(CCA.citation)
_SOURCE = str(DCTERMS.source)
_LOCATOR_IRI = str(CCA.locator)
_LABEL = str(RDFS.label)
_SAME_AS = str(OWL.sameAs)

#: predicates whose values are folded away or handled on their own
_SKIPPED = {str(RDF.type), _CITATION, _SOURCE, str(CCA.memberOf)}
#: literal predicates with a property name of their own
_NAMED = {
    str(RDFS.comment): "note",
    str(DCTERMS.description): "description",
    str(SKOS.editorialNote): "curation_note",
    str(DCTERMS.type): "kind",
    str(DCTERMS.identifier): "key",
    str(DCTERMS.title): "title",
    str(DCTERMS.publisher): "publisher",
    str(DCTERMS.language): "language",
    str(OWL.sameAs): "sameAs",
    str(ORG.role): "role",
}
_MEMBERSHIP_ENDS = (str(ORG.member), str(ORG.organization))


@dataclass(frozen=True)
class Node:
    iri: str
    labels: tuple[str, ...]
    properties: dict


@dataclass(frozen=True)
class Relationship:
    type: str
    start: str
    end: str
    properties: dict


def relationship_type(predicate_iri: str) -> str:
    """``https://…#scaledUpFrom`` → ``SCALED_UP_FROM``."""
    local = re.split(r"[#/]", predicate_iri)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).upper()


def property_name(predicate_iri: str) -> str:
    """The node property a literal or concept predicate becomes (``cca:isoCode`` → ``isoCode``)."""
    return _NAMED.get(predicate_iri) or _local(predicate_iri)


def short_id(iri: str) -> str:
    """The record id of an entity IRI (``id/MX-JAL`` → ``MX-JAL``; a source: ``source/giz-cca``).

    Examples
    --------
    >>> short_id("https://w3id.org/cca-graph/id/MX-JAL")
    'MX-JAL'
    """
    return iri[len(model.ID):] if iri.startswith(model.ID) else iri


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _many_predicates() -> set[str]:
    return {f.predicate for t in RECORD_TYPES.values() for f in t.fields if f.many} | {str(OWL.sameAs)}


def _value(term: Literal):
    datatype = term.datatype.value
    if datatype.endswith("#integer"):
        return int(term.value)
    if datatype.endswith("#decimal") or datatype.endswith("#double"):
        return float(term.value)
    return term.value


def _order(value) -> tuple:
    return str(type(value)), value


def _concept_key(iri: str) -> str | None:
    """The key of a vocabulary concept (``id/level/regional`` → ``regional``)."""
    if not iri.startswith(model.ID):
        return None
    scheme, _, key = iri[len(model.ID):].partition("/")
    return key if scheme in model.SCHEMES and key else None


@dataclass
class PropertyGraph:
    """The projection of one store; iterate :meth:`nodes` and :meth:`relationships`.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> graph = project(open_store("out"))
    >>> jalisco = next(n for n in graph.nodes() if n.iri.endswith("/MX-JAL"))
    >>> jalisco.labels, jalisco.properties["level"]
    (('Entity', 'Government'), 'regional')
    """

    store: Store
    _labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._class_label = {t.rdf_class: t.name for t in RECORD_TYPES.values()}
        self._class_label[str(CCA.Source)] = "Source"
        # the property names that always hold a list
        self._many = {property_name(p) for p in _many_predicates()}
        self._names: dict[str, str] = {}
        self._types: dict[str, str] = {}
        self._members: dict[str, list[str]] | None = None
        self._typed: set[str] = set()

    # -- which entities ----------------------------------------------------

    def _by_label(self) -> dict[str, list[str]]:
        """The entities of each record type, in IRI order, from one read of the store's types."""
        if self._members is None:
            self._members = {name: sorted({q.subject.value for q in self.store.quads_for_pattern(None, _TYPE, NamedNode(c))})
                             for c, name in self._class_label.items()}
            self._typed = set().union(*self._members.values())
        return self._members

    def _entities(self, label: str) -> list[str]:
        return self._by_label()[label]

    def _typed_iris(self) -> set[str]:
        """The IRIs :meth:`label_of` gives a label: a link's target is looked up here, not read from the store."""
        self._by_label()
        return self._typed

    def node_labels(self) -> list[str]:
        return sorted(name for name in self._class_label.values() if name != "Membership")

    def label_of(self, iri: str) -> str | None:
        """The record-type label of the entity ``iri`` (None for anything else)."""
        if iri not in self._labels:
            label = None
            for q in self.store.quads_for_pattern(NamedNode(iri), _TYPE, None):
                label = self._class_label.get(q.object.value) or label
            self._labels[iri] = label
        return self._labels[iri]

    # -- rows --------------------------------------------------------------

    def _name(self, predicate: str) -> str:
        """The property name of ``predicate`` (cached: the same few predicates recur)."""
        name = self._names.get(predicate)
        if name is None:
            name = self._names[predicate] = property_name(predicate)
        return name

    def _provenance(self, citations: list) -> dict:
        sources, ids = set(), set()
        for citation in citations:
            # one scan of the citation instead of a lookup per predicate: the
            # first source and locator in it are the first a lookup would give
            doc = loc = None
            for q in self.store.quads_for_pattern(citation, None, None):
                p = q.predicate.value
                if p == _SOURCE and doc is None:
                    doc = q.object
                elif p == _LOCATOR_IRI and loc is None:
                    loc = q.object
            if doc is not None:
                key = doc.value.rsplit("/", 1)[-1]
                ids.add(key)
                sources.add(f"{key}: {loc.value}" if loc else key)
        return {"sources": sorted(sources), "source_ids": sorted(ids)} if sources else {}

    def _split(self, iri: str, properties: bool = True) -> tuple[dict, list[tuple[str, str]], list]:
        """Properties of ``iri``, its links to other entities as (predicate, object), its citations.

        With ``properties=False`` only ``iri`` and the links are worked out (what
        a relationship needs); the provenance is left to :meth:`_provenance`.
        """
        props: dict = {"iri": iri, "id": short_id(iri)} if properties else {"iri": iri}
        entities = self._typed_iris()
        lists: dict[str, set] = {}
        links = []
        citations = []
        for q in self.store.quads_for_pattern(NamedNode(iri), None, None):
            p, o = q.predicate.value, q.object
            if p in _SKIPPED:
                if p == _CITATION:
                    citations.append(o)
                continue
            if isinstance(o, Literal):
                if properties:
                    language = o.language if p == _LABEL else None
                    name = f"label_{language.replace('-', '_')}" if language else self._name(p)
                    lists.setdefault(name, set()).add(_value(o))
                continue
            value = o.value
            key = _concept_key(value)
            if key is not None:
                name, value = self._name(p), key
            elif value in self._class_label:
                name, value = _local(p), self._class_label[value]
            elif p == _SAME_AS or value not in entities:
                name = self._name(p)
            else:
                links.append((p, value))
                continue
            if properties:
                lists.setdefault(name, set()).add(value)
        for name, values in lists.items():
            ordered = sorted(values, key=_order) if len(values) > 1 else list(values)
            props[name] = ordered if name in self._many or len(ordered) > 1 else ordered[0]
        links.sort()
        return props, links, citations

    def _links(self, iri: str, links: list[tuple[str, str]], sources: dict) -> list[Relationship]:
        return [Relationship(self._type(p), iri, target, {"iri": p, **sources}) for p, target in links]

    def _type(self, predicate: str) -> str:
        rel_type = self._types.get(predicate)
        if rel_type is None:
            rel_type = self._types[predicate] = relationship_type(predicate)
        return rel_type

    def nodes(self) -> Iterator[Node]:
        """Every node, by label then IRI."""
        for label in self.node_labels():
            labels = (ENTITY_LABEL, label)
            for iri in self._entities(label):
                props, _, citations = self._split(iri)
                props.update(self._provenance(citations))
                yield Node(iri, labels, props)

    def records(self) -> Iterator[tuple[Node, list[Relationship]]]:
        """Every node with the relationships that start at it (memberships aside), by label then IRI.

        One read of the store gives both, for a writer that needs every node
        before the first relationship and would otherwise read it twice.
        """
        for label in self.node_labels():
            labels = (ENTITY_LABEL, label)
            for iri in self._entities(label):
                props, links, citations = self._split(iri)
                sources = self._provenance(citations)
                props.update(sources)
                yield Node(iri, labels, props), self._links(iri, links, sources)

    def memberships(self) -> Iterator[Relationship]:
        """The ``MEMBER_OF`` relationships, in IRI order of the memberships."""
        for iri in self._entities("Membership"):
            props, links, citations = self._split(iri)
            ends = dict(links)
            member, network = (ends.get(p) for p in _MEMBERSHIP_ENDS)
            if member and network:
                props.update(self._provenance(citations))
                yield Relationship("MEMBER_OF", member, network, props)

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship: links between records, then memberships, in IRI order."""
        for label in self.node_labels():
            for iri in self._entities(label):
                _, links, citations = self._split(iri, properties=False)
                if links:
                    yield from self._links(iri, links, self._provenance(citations))
        yield from self.memberships()

    def counts(self) -> tuple[Counter, Counter]:
        """Nodes per label and relationships per type."""
        nodes, rels = Counter(), Counter()
        for node, links in self.records():
            nodes.update(node.labels)
            rels.update(rel.type for rel in links)
        rels.update(rel.type for rel in self.memberships())
        return nodes, rels


def project(store: Store) -> PropertyGraph:
    """The property-graph projection of ``store``."""
    return PropertyGraph(store)

