"""Where each file of the static site lives, relative to the site folder.

The layout is a contract between the page writer and the overview writer:

- ``index.html`` — the home page with search;
- ``e/<local-id>.html`` — one page per entity whose IRI starts with
  :data:`cca_graph.ingest.model.ID`, the local id being the rest of the IRI;
- ``e/<local-id>.ttl`` and ``e/<local-id>.jsonld`` — the entity's own triples;
- ``overview.html`` — the whole-graph overview;
- ``assets/`` — style sheets, scripts and the search index.

Only local ids that match :data:`cca_graph.ingest.model.ID_PATTERN` get a page:
they are safe as file names on every system (no slash, no leading dot).
Concepts (``level/national``), sources and citations have slashes in their
ids and are shown on the pages of the entities that use them.

Examples
--------
>>> page_path("https://w3id.org/cca-graph/id/MX-JAL")
'e/MX-JAL.html'
>>> has_page("https://w3id.org/cca-graph/id/level/national")
False
"""
from __future__ import annotations

from ...ingest.model import ID, ID_PATTERN

__all__ = [
    "INDEX",
    "OVERVIEW",
    "ASSETS",
    "ENTITY_DIR",
    "local_id",
    "has_page",
    "page_path",
    "turtle_path",
    "jsonld_path",
]

INDEX = "index.html"
OVERVIEW = "overview.html"
ASSETS = "assets"
ENTITY_DIR = "e"


def local_id(iri: str) -> str | None:
    """The local id of ``iri`` if it gets a page, else None.

    Examples
    --------
    >>> local_id("https://w3id.org/cca-graph/id/under2")
    'under2'
    >>> local_id("https://w3id.org/cca-graph/id/source/giz-cca") is None
    True
    >>> local_id("http://www.wikidata.org/entity/Q13160") is None
    True
    """
    if not iri.startswith(ID):
        return None
    rest = iri[len(ID):]
    return rest if ID_PATTERN.match(rest) else None


def has_page(iri: str) -> bool:
    """Whether ``iri`` has a page of its own in the site."""
    return local_id(iri) is not None


def _entity_file(iri: str, suffix: str) -> str:
    key = local_id(iri)
    if key is None:
        raise ValueError(f"no page for {iri!r}: only {ID}<id> with an id like {ID_PATTERN.pattern} has one")
    return f"{ENTITY_DIR}/{key}{suffix}"


def page_path(iri: str) -> str:
    """Path of the entity's page, relative to the site folder (``e/<local-id>.html``).

    Raises
    ------
    ValueError
        When the IRI has no page (see :func:`has_page`).
    """
    return _entity_file(iri, ".html")


def turtle_path(iri: str) -> str:
    """Path of the entity's own triples in Turtle (``e/<local-id>.ttl``)."""
    return _entity_file(iri, ".ttl")


def jsonld_path(iri: str) -> str:
    """Path of the entity's own triples in JSON-LD (``e/<local-id>.jsonld``)."""
    return _entity_file(iri, ".jsonld")
