"""Generators for files that are derived from the ontology.

``python -m cca_graph.devtools`` rewrites ``cca_graph/namespace/_cca.py`` (the Python
names of the vocabulary) ``docs/vocabulary.html``, ``docs/queries.md`` and ``docs/property-graph.md``;
the tests fail when one is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF

from .atomic import atomic_write
from .resources import ontology_dir

__all__ = ["render_namespace_module", "main"]

CCA_IRI = "https://w3id.org/cca-graph/ontology#"
_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def ontology_terms(ttl: Path) -> list[str]:
    """Local names of every class and property ``ttl`` declares in the cca namespace."""
    g = rdflib.Graph().parse(ttl, format="turtle")
    names = set()
    for kind in _KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, rdflib.URIRef) and str(s).startswith(CCA_IRI):
                names.add(str(s)[len(CCA_IRI):])
    return sorted(names, key=lambda n: (n[0].islower(), n))


def render_namespace_module(ttl: Path) -> str:
    """Source text of ``_cca.py`` for the ontology in ``ttl``."""
    lines = [
        '"""Python names of the cca vocabulary. Generated from ontology/cca.ttl by',
        "``python -m cca_graph.devtools``; do not edit by hand.\"\"\"",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class CCA(DefinedNamespace):",
        "    _NS = Namespace(\"" + CCA_IRI + "\")",
        "    _fail = True",
        "",
    ]
    lines += [f"    {name}: URIRef" for name in ontology_terms(ttl)]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    with atomic_write(path, newline="\n") as fh:
        fh.write(text)


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent
    ttl = ontology_dir() / "cca.ttl"
    _write(root / "namespace" / "_cca.py", render_namespace_module(ttl))
    # imported only now: the page generator loads the names just written
    from .present.pgschema import render_property_graph_schema
    from .present.querydoc import render_catalogue
    from .present.vocabdoc import render_vocabulary_html

    docs = root.parent / "docs"
    if docs.is_dir():
        _write(docs / "vocabulary.html", render_vocabulary_html())
        _write(docs / "queries.md", render_catalogue())
        _write(docs / "property-graph.md", render_property_graph_schema())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
