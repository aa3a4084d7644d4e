"""Namespaces used across cca-graph.

``CCA`` is generated from ``ontology/cca.ttl`` and refuses unknown terms, so a
typo in a predicate name fails at import time instead of producing silent RDF.
"""
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

from ._cca import CCA

__all__ = ["CCA", "DCTERMS", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "SCHEMA", "PREFIXES"]

SCHEMA = Namespace("https://schema.org/")

#: prefixes used by every export and offered to every SPARQL query
PREFIXES = {
    "cca": str(CCA._NS),
    "id": "https://w3id.org/cca-graph/id/",
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
}
