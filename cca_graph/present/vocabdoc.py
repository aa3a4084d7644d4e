"""The vocabulary reference page, ``docs/vocabulary.html``.

A pyLODE-like, self-contained HTML page generated from ``ontology/cca.ttl``
and ``ontology/concepts.ttl``: the ontology's metadata, one section per class
and property, one per concept scheme with its concepts. The page is
deterministic (everything is sorted; nothing depends on the clock or on
blank-node ids), so the copy in ``docs/`` can be compared with a fresh render.

Examples
--------
>>> html = render_vocabulary_html()
>>> 'id="Government"' in html and 'href="#Government"' in html
True
"""
from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..exports.terms import EXPORT_PREFIXES, compact
from ..ingest.model import ID
from ..namespace import PREFIXES
from ..resources import ontology_dir, templates_dir

__all__ = ["render_vocabulary_html", "vocabulary_context", "load_vocabulary"]

TEMPLATE = "vocabulary.html.j2"
SOURCES = ("cca.ttl", "concepts.ttl")
CCA_IRI = PREFIXES["cca"]
# in-page anchors: a cca term by its local name (#Government), a concept or a
# scheme by its path under id/ (#level/local, #scheme/level); the two never
# collide because local names hold no "/"
_ANCHOR_BASES = (CCA_IRI, ID)


@dataclass(frozen=True)
class Ref:
    """A mention of a term: compact name, full IRI and, for terms on the page, an anchor."""

    name: str
    iri: str
    anchor: str | None

    @property
    def href(self) -> str:
        return f"#{self.anchor}" if self.anchor else self.iri


@dataclass(frozen=True)
class Texts:
    """One annotation in English and in Chinese (empty when absent)."""

    en: str
    zh: str


@dataclass
class ClassDoc:
    ref: Ref
    kind: Ref
    label: Texts
    comment: Texts
    superclasses: list[Ref]
    domain_of: list[Ref] = field(default_factory=list)
    range_of: list[Ref] = field(default_factory=list)
    schemes: list[Ref] = field(default_factory=list)


@dataclass
class PropertyDoc:
    ref: Ref
    kind: Ref
    label: Texts
    comment: Texts
    superproperties: list[Ref]
    #: each entry is one rdfs:domain (all must hold); each is a union of classes
    domain: list[list[Ref]]
    range: list[list[Ref]]


@dataclass
class ConceptDoc:
    ref: Ref
    notation: str
    label: Texts
    definition: Texts


@dataclass
class SchemeDoc:
    ref: Ref
    kind: Ref
    label: Texts
    classes: list[Ref]
    concepts: list[ConceptDoc]


class _Namer:
    """Makes :class:`Ref` objects and remembers which prefixes they used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def ref(self, iri: URIRef) -> Ref:
        name = compact(str(iri))
        if not name.startswith("<"):
            self.used.add(name.split(":", 1)[0])
        return Ref(name, str(iri), _anchor(str(iri)))

    def namespaces(self) -> list[tuple[str, str]]:
        return [(p, EXPORT_PREFIXES[p]) for p in sorted(self.used)]


def _anchor(iri: str) -> str | None:
    for base in _ANCHOR_BASES:
        if iri.startswith(base) and len(iri) > len(base):
            return iri[len(base):]
    return None


def _sort_key(ref: Ref) -> tuple[str, str]:
    # by compact name: cca terms by local name, outside terms grouped by prefix
    return (ref.name.casefold(), ref.name)


def load_vocabulary() -> rdflib.Graph:
    """Parse ``cca.ttl`` and ``concepts.ttl`` from :func:`ontology_dir` into one graph."""
    g = rdflib.Graph(bind_namespaces="none")
    for name in SOURCES:
        g.parse(ontology_dir() / name, format="turtle")
    return g


def _text(g: rdflib.Graph, s, p, lang: str) -> str:
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return "; ".join(values)


def _texts(g: rdflib.Graph, s, p) -> Texts:
    return Texts(_text(g, s, p, "en"), _text(g, s, p, "zh"))


def _refs(namer: _Namer, nodes) -> list[Ref]:
    return sorted({namer.ref(n) for n in nodes if isinstance(n, URIRef)}, key=_sort_key)


def _cca_terms(g: rdflib.Graph, kind: URIRef) -> list[URIRef]:
    terms = {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(CCA_IRI)}
    return sorted(terms, key=lambda s: (str(s).casefold(), str(s)))


def class_expression(g: rdflib.Graph, node, namer: _Namer) -> list[Ref]:
    """The classes of ``node`` read as a union: ``[A]`` for a named class, ``[A, B]`` for ``owl:unionOf (A B)``.

    Raises
    ------
    ValueError
        For an anonymous class that is not a union, which the page cannot show.
    """
    if isinstance(node, URIRef):
        return [namer.ref(node)]
    members = g.value(node, OWL.unionOf)
    if members is None:
        raise ValueError("only named classes and owl:unionOf lists can be documented")
    return _refs(namer, Collection(g, members))


def _expressions(g: rdflib.Graph, term: URIRef, p: URIRef, namer: _Namer) -> list[list[Ref]]:
    exprs = [class_expression(g, node, namer) for node in g.objects(term, p)]
    return sorted(exprs, key=lambda refs: [_sort_key(r) for r in refs])


def describe_property(g: rdflib.Graph, term: URIRef, kind: URIRef, namer: _Namer) -> PropertyDoc:
    return PropertyDoc(
        ref=namer.ref(term),
        kind=namer.ref(kind),
        label=_texts(g, term, RDFS.label),
        comment=_texts(g, term, RDFS.comment),
        superproperties=_refs(namer, g.objects(term, RDFS.subPropertyOf)),
        domain=_expressions(g, term, RDFS.domain, namer),
        range=_expressions(g, term, RDFS.range, namer),
    )


def _mentions(exprs: list[list[Ref]], iri: str) -> bool:
    return any(ref.iri == iri for refs in exprs for ref in refs)


def describe_class(g: rdflib.Graph, term: URIRef, namer: _Namer,
                   properties: list[PropertyDoc], schemes: list[SchemeDoc]) -> ClassDoc:
    """A class with the properties whose domain or range names it (alone or in a union)."""
    ref = namer.ref(term)
    return ClassDoc(
        ref=ref,
        kind=namer.ref(OWL.Class),
        label=_texts(g, term, RDFS.label),
        comment=_texts(g, term, RDFS.comment),
        superclasses=_refs(namer, g.objects(term, RDFS.subClassOf)),
        domain_of=sorted((p.ref for p in properties if _mentions(p.domain, ref.iri)), key=_sort_key),
        range_of=sorted((p.ref for p in properties if _mentions(p.range, ref.iri)), key=_sort_key),
        schemes=[s.ref for s in schemes if ref in s.classes],
    )


def describe_concept(g: rdflib.Graph, concept: URIRef, namer: _Namer) -> ConceptDoc:
    ref = namer.ref(concept)
    notation = g.value(concept, SKOS.notation)
    return ConceptDoc(
        ref=ref,
        notation=str(notation) if notation is not None else str(concept).rsplit("/", 1)[-1],
        label=_texts(g, concept, SKOS.prefLabel),
        definition=_texts(g, concept, SKOS.definition),
    )


def _scheme_members(g: rdflib.Graph, scheme: URIRef) -> set:
    return (set(g.subjects(SKOS.inScheme, scheme)) | set(g.subjects(SKOS.topConceptOf, scheme))
            | set(g.objects(scheme, SKOS.hasTopConcept)))


def describe_scheme(g: rdflib.Graph, scheme: URIRef, namer: _Namer) -> SchemeDoc:
    """A concept scheme, its concepts by notation, and the classes they are typed with."""
    members = {m for m in _scheme_members(g, scheme) if isinstance(m, URIRef)}
    concepts = sorted((describe_concept(g, m, namer) for m in members), key=lambda c: (c.notation, c.ref.iri))
    types = {t for m in members for t in g.objects(m, RDF.type) if t != SKOS.Concept}
    return SchemeDoc(
        ref=namer.ref(scheme),
        kind=namer.ref(SKOS.ConceptScheme),
        label=_texts(g, scheme, SKOS.prefLabel),
        classes=_refs(namer, types),
        concepts=concepts,
    )


def describe_ontology(g: rdflib.Graph) -> dict:
    """Title, description, version and licence of the (single) owl:Ontology."""
    iri = min(s for s in g.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    return {
        "iri": str(iri),
        "title": _texts(g, iri, DCTERMS.title),
        "description": _texts(g, iri, DCTERMS.description),
        "version": str(g.value(iri, OWL.versionInfo) or ""),
        "version_iri": str(g.value(iri, OWL.versionIRI) or ""),
        "licence": str(g.value(iri, DCTERMS.license) or ""),
        "created": str(g.value(iri, DCTERMS.created) or ""),
    }


def vocabulary_context(g: rdflib.Graph) -> dict:
    """Everything the template shows, sorted, as plain data.

    Examples
    --------
    >>> ctx = vocabulary_context(load_vocabulary())
    >>> ctx["classes"][0].ref.name
    'cca:Citation'
    """
    namer = _Namer()
    object_properties = [describe_property(g, p, OWL.ObjectProperty, namer)
                         for p in _cca_terms(g, OWL.ObjectProperty)]
    datatype_properties = [describe_property(g, p, OWL.DatatypeProperty, namer)
                           for p in _cca_terms(g, OWL.DatatypeProperty)]
    schemes = sorted((describe_scheme(g, s, namer) for s in g.subjects(RDF.type, SKOS.ConceptScheme)
                      if isinstance(s, URIRef)), key=lambda s: _sort_key(s.ref))
    properties = object_properties + datatype_properties
    classes = [describe_class(g, c, namer, properties, schemes) for c in _cca_terms(g, OWL.Class)]
    return {
        "ontology": describe_ontology(g),
        "classes": classes,
        "object_properties": object_properties,
        "datatype_properties": datatype_properties,
        "schemes": schemes,
        "namespaces": namer.namespaces(),
        "sources": [f"ontology/{name}" for name in SOURCES],
    }


def render_vocabulary_html() -> str:
    """The vocabulary reference page as one self-contained HTML document."""
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(**vocabulary_context(load_vocabulary()))
