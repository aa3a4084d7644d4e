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
- every node and relationship keeps ``iri`` and ``sources`` (``"doc: locator"``
  strings, sorted) and ``source_ids``.

Rows are produced as streams, one entity at a time, in IRI order.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Store

from . import model
from .model import RECORD_TYPES
from .namespace import CCA, DCTERMS, ORG, OWL, RDF, RDFS

__all__ = ["Node", "Relationship", "PropertyGraph", "project", "ENTITY_LABEL", "relationship_type"]

ENTITY_LABEL = "Entity"
_TYPE = NamedNode(str(RDF.type))
_CITATION = str(CCA.citation)
_SOURCE = str(DCTERMS.source)
_LOCATOR = NamedNode(str(CCA.locator))

#: predicates whose values are folded away or handled on their own
_SKIPPED = {str(RDF.type), _CITATION, _SOURCE, str(CCA.memberOf)}
#: literal predicates with a property name of their own
_NAMED = {
    str(RDFS.comment): "note",
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
    >>> graph = project(open_store("out"))          # doctest: +SKIP
    >>> next(graph.nodes()).labels                  # doctest: +SKIP
    ('Entity', 'CoordinationBody')
    """

    store: Store
    _labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._class_label = {t.rdf_class: t.name for t in RECORD_TYPES.values()}
        self._class_label[str(CCA.Source)] = "Source"
        self._many = _many_predicates()

    # -- which entities ----------------------------------------------------

    def _entities(self, label: str) -> list[str]:
        rdf_class = next(c for c, name in self._class_label.items() if name == label)
        return sorted({q.subject.value for q in self.store.quads_for_pattern(None, _TYPE, NamedNode(rdf_class))})

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

    def _provenance(self, subject: NamedNode) -> dict:
        sources, ids = set(), set()
        for q in self.store.quads_for_pattern(subject, NamedNode(_CITATION), None):
            doc = next(self.store.quads_for_pattern(q.object, NamedNode(_SOURCE), None), None)
            loc = next(self.store.quads_for_pattern(q.object, _LOCATOR, None), None)
            if doc is not None:
                key = doc.object.value.rsplit("/", 1)[-1]
                ids.add(key)
                sources.add(f"{key}: {loc.object.value}" if loc else key)
        return {"sources": sorted(sources), "source_ids": sorted(ids)} if sources else {}

    def _split(self, iri: str) -> tuple[dict, list[tuple[str, str]]]:
        """Properties of ``iri``, and its links to other entities as (predicate, object)."""
        props: dict = {"iri": iri}
        lists: dict[str, set] = {}
        links = []
        for q in self.store.quads_for_pattern(NamedNode(iri), None, None):
            p, o = q.predicate.value, q.object
            if p in _SKIPPED:
                continue
            if isinstance(o, Literal):
                name = _NAMED.get(p) or (f"label_{o.language.replace('-', '_')}" if p == str(RDFS.label) and o.language else _local(p))
                lists.setdefault(name, set()).add(_value(o))
                continue
            key = _concept_key(o.value)
            if key is not None:
                lists.setdefault(_NAMED.get(p) or _local(p), set()).add(key)
            elif o.value in self._class_label:
                lists.setdefault(_local(p), set()).add(self._class_label[o.value])
            elif p == str(OWL.sameAs) or self.label_of(o.value) is None:
                lists.setdefault(_NAMED.get(p) or _local(p), set()).add(o.value)
            else:
                links.append((p, o.value))
        many = {(_NAMED.get(p) or _local(p)) for p in self._many}
        for name, values in lists.items():
            ordered = sorted(values, key=lambda v: (str(type(v)), v))
            props[name] = ordered if name in many or len(ordered) > 1 else ordered[0]
        props.update(self._provenance(NamedNode(iri)))
        return props, sorted(links)

    def nodes(self) -> Iterator[Node]:
        """Every node, by label then IRI."""
        for label in self.node_labels():
            for iri in self._entities(label):
                props, _ = self._split(iri)
                yield Node(iri, (ENTITY_LABEL, label), props)

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship: links between records, then memberships, in IRI order."""
        for label in self.node_labels():
            for iri in self._entities(label):
                props, links = self._split(iri)
                sources = {k: props[k] for k in ("sources", "source_ids") if k in props}
                for predicate, target in links:
                    yield Relationship(relationship_type(predicate), iri, target, {"iri": predicate, **sources})
        for iri in self._entities("Membership"):
            props, links = self._split(iri)
            ends = dict(links)
            member, network = (ends.get(p) for p in _MEMBERSHIP_ENDS)
            if member and network:
                yield Relationship("MEMBER_OF", member, network, props)

    def counts(self) -> tuple[Counter, Counter]:
        """Nodes per label and relationships per type."""
        nodes, rels = Counter(), Counter()
        for node in self.nodes():
            nodes.update(node.labels)
        for rel in self.relationships():
            rels[rel.type] += 1
        return nodes, rels


def project(store: Store) -> PropertyGraph:
    """The property-graph projection of ``store``."""
    return PropertyGraph(store)

