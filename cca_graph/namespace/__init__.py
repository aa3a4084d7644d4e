"""Namespaces used across cca-graph.

``CCA`` is generated from ``ontology/cca.ttl`` and refuses unknown terms, so a
typo in a predicate name fails at import time instead of producing silent RDF.
"""
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

from ._cca import CCA

__all__ = ["CCA", "DCTERMS", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "SCHEMA", "PREFIXES",
           "CONCEPT_SCHEMES"]

SCHEMA = Namespace("https://schema.org/")
ID = "https://w3id.org/cca-graph/id/"

#: the concept schemes of ``ontology/concepts.ttl``; a concept's IRI is ``id/<scheme>/<key>``
CONCEPT_SCHEMES = ("level", "modality", "role", "instrument-type", "mandate-domain", "commitment-type",
                   "cooperation-area", "figure-status", "qualifier", "commitment-status", "legal-force",
                   "succession-kind", "contribution-role", "relation-kind")

#: prefixes used by every export and offered to every SPARQL query
PREFIXES = {
    "cca": str(CCA._NS),
    "id": ID,
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
    # one prefix per concept scheme, so a query writes level:regional or instrument-type:carbon-tax
    **{scheme: f"{ID}{scheme}/" for scheme in CONCEPT_SCHEMES},
}
