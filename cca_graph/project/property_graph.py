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

Rows come one entity at a time, by label then IRI. The store is read in a
few scans, one per predicate (and one per record type for the entities), not
a lookup per entity and per citation: decoding a term is most of the cost of
a read, and a scan of one predicate decodes neither the predicate nor the
graph of each quad. What the scans found waits in memory until the rows are
made (about as much as the rows themselves).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

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
_MEMBER_OF = str(CCA.memberOf)

#: predicates whose values are folded away or handled on their own
_SKIPPED = {str(RDF.type), _CITATION, _SOURCE, _MEMBER_OF}
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


#: the rows of one predicate; the predicate is written into the text (a validated IRI, as N-Triples
#: writes it) because a substituted ?p would be decoded again for every row
_PREDICATE_ROWS = "SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"
_PREDICATES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"
_TYPED = "SELECT ?s WHERE {{ ?s a {rdf_class} }}"


@dataclass
class _Read:
    """What the scans found of one entity: (predicate, property name or None for a link, value) and its citations."""

    values: list = field(default_factory=list)
    citations: list = field(default_factory=list)


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
        # None until the scans ran; empty when the store is read entity by entity
        self._read: dict[str, _Read] | None = None
        # a citation's source and locator, when it has one of each; the others are read one by one
        self._cited: dict = {}
        self._unclear: set = set()
        # the order a read of an entity gives its predicates in, per set of predicates
        self._orders: dict[frozenset, dict[str, int]] = {}

    def _query(self, text: str):
        # every graph, as quads_for_pattern reads them: a quad in two graphs is two rows
        return self.store.query(text, use_default_graph_as_union=True)

    # -- which entities ----------------------------------------------------

    def _by_label(self) -> dict[str, list[str]]:
        """The entities of each record type, in IRI order, from one read of the store's types."""
        if self._members is None:
            self._members = {name: sorted({row[0].value for row in self._query(_TYPED.format(rdf_class=NamedNode(c)))})
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

    # -- reading the store ---------------------------------------------------

    def _scanned(self) -> dict[str, _Read] | None:
        """Every entity's values and citations, from one scan per predicate (None: read entity by entity).

        A store with quads in its default graph is read entity by entity: a
        read of an entity gives those first, which the order of its
        properties (:meth:`_order`) does not foresee.
        """
        if self._read is not None:
            return self._read or None
        self._read = {}
        if next(self.store.quads_for_pattern(None, None, None, DefaultGraph()), None) is not None:
            return None
        entities = self._typed_iris()
        read = {iri: _Read() for iri in entities}
        predicates = {row[0].value for row in self._query(_PREDICATES)} - {str(RDF.type), _MEMBER_OF}
        cited = set()
        # the citations first: the sources and locators read are then those of citations
        for predicate in sorted(predicates, key=lambda p: (p != _CITATION, p)):
            rows = self._query(_PREDICATE_ROWS.format(predicate=NamedNode(predicate)))
            if predicate == _CITATION:
                for subject, citation in rows:
                    entity = read.get(subject.value)
                    if entity is not None:
                        entity.citations.append(citation)
                        cited.add(citation)
                continue
            if predicate in (_SOURCE, _LOCATOR_IRI):
                self._note_cited(predicate, rows, cited, read)
                continue
            for subject, term in rows:
                entity = read.get(subject.value)
                if entity is not None:
                    entity.values.append(self._classified(predicate, term, entities))
        self._read = read
        return read

    def _note_cited(self, predicate: str, rows, cited: set, read: dict[str, _Read]) -> None:
        """Keep the source or locator of each citation (a second, different one leaves it to be read alone)."""
        slot = 0 if predicate == _SOURCE else 1
        entities = self._typed
        for subject, term in rows:
            if subject in cited:
                found = self._cited.setdefault(subject, [None, None])
                if found[slot] is None:
                    found[slot] = term
                elif found[slot] != term:
                    self._unclear.add(subject)
            # a locator of an entity itself is one of its properties
            if slot == 1:
                entity = read.get(subject.value)
                if entity is not None:
                    entity.values.append(self._classified(predicate, term, entities))

    def _classified(self, p: str, o, entities: set[str]) -> tuple:
        """(predicate, property name, value) of one value of an entity; the name is None for a link to an entity."""
        if isinstance(o, Literal):
            language = o.language if p == _LABEL else None
            name = f"label_{language.replace('-', '_')}" if language else self._name(p)
            return p, name, _value(o)
        value = o.value
        key = _concept_key(value)
        if key is not None:
            return p, self._name(p), key
        if value in self._class_label:
            return p, _local(p), self._class_label[value]
        if p == _SAME_AS or value not in entities:
            return p, self._name(p), value
        return p, None, value

    def _order(self, iri: str, predicates: frozenset) -> dict[str, int]:
        """The place of each of ``predicates`` in a read of ``iri`` (the store's index order, the same for every entity)."""
        order = self._orders.get(predicates)
        if order is None:
            seen = dict.fromkeys(q.predicate.value for q in self.store.quads_for_pattern(NamedNode(iri), None, None))
            order = self._orders[predicates] = {p: i for i, p in enumerate(p for p in seen if p in predicates)}
        return order

    # -- rows --------------------------------------------------------------

    def _name(self, predicate: str) -> str:
        """The property name of ``predicate`` (cached: the same few predicates recur)."""
        name = self._names.get(predicate)
        if name is None:
            name = self._names[predicate] = property_name(predicate)
        return name

    def _citation(self, citation) -> tuple:
        """The source and locator of ``citation``: the first of each a read of it gives."""
        if citation in self._cited and citation not in self._unclear:
            doc, loc = self._cited[citation]
            return doc, loc
        doc = loc = None
        for q in self.store.quads_for_pattern(citation, None, None):
            p = q.predicate.value
            if p == _SOURCE and doc is None:
                doc = q.object
            elif p == _LOCATOR_IRI and loc is None:
                loc = q.object
        return doc, loc

    def _provenance(self, citations: list) -> dict:
        sources, ids = set(), set()
        scanned = bool(self._read)
        for citation in citations:
            # a citation the scans did not find a source of has none
            doc, loc = self._citation(citation) if not scanned or citation in self._cited else (None, None)
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
        read = self._scanned()
        found = read.get(iri) if read is not None else None
        values = self._in_order(iri, found.values) if found is not None else None
        if values is None:
            return self._read_alone(iri, properties)
        props, links = self._built(iri, properties, values)
        return props, links, found.citations

    def _built(self, iri: str, properties: bool, values: Iterable[tuple]) -> tuple[dict, list[tuple[str, str]]]:
        """The properties and the links of ``iri`` from its ``(predicate, property name, value)`` values."""
        props: dict = {"iri": iri, "id": short_id(iri)} if properties else {"iri": iri}
        lists: dict[str, set] = {}
        links = []
        for p, name, value in values:
            if name is None:
                links.append((p, value))
            elif properties:
                lists.setdefault(name, set()).add(value)
        self._fill(props, lists)
        # a link two graphs state (two imports' target, say) is one relationship
        return props, sorted(set(links))

    def _in_order(self, iri: str, values: list) -> list | None:
        """``values`` in the order a read of ``iri`` gives them, as far as its properties' order depends on it.

        None when a predicate gives ``iri`` two property names (labels in two
        languages, say): their order is that of the values, which only a read
        of ``iri`` tells.
        """
        names: dict[str, str] = {}
        for p, name, _ in values:
            if name is not None and names.setdefault(p, name) != name:
                return None
        if len(names) < 2:
            return values
        order = self._order(iri, frozenset(names))
        return sorted(values, key=lambda v: order.get(v[0], -1))

    def _fill(self, props: dict, lists: dict[str, set]) -> None:
        for name, values in lists.items():
            ordered = sorted(values, key=_order) if len(values) > 1 else list(values)
            props[name] = ordered if name in self._many or len(ordered) > 1 else ordered[0]

    def _read_alone(self, iri: str, properties: bool) -> tuple[dict, list[tuple[str, str]], list]:
        """:meth:`_split` from a read of ``iri`` alone."""
        entities = self._typed_iris()
        citations = []

        def values() -> Iterator[tuple]:
            for q in self.store.quads_for_pattern(NamedNode(iri), None, None):
                p, o = q.predicate.value, q.object
                if p in _SKIPPED:
                    if p == _CITATION:
                        citations.append(o)
                    continue
                if properties or not isinstance(o, Literal):
                    yield self._classified(p, o, entities)

        props, links = self._built(iri, properties, values())
        return props, links, citations

    def entity_iris(self) -> set[str]:
        """The IRIs of every node of the projection."""
        return {iri for label in self.node_labels() for iri in self._entities(label)}

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

