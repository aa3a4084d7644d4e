"""Where the package's data lives: ontology, case material and queries.

In a wheel they sit inside the package (``cca_graph/_data/…``); in a source
checkout (and an editable install) they are the top-level folders of the repo.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "ontology_dir", "loaders_dir", "queries_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding the package data ``name``.

    Examples
    --------
    >>> (data_dir("ontology") / "cca.ttl").is_file()
    True
    """
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def ontology_dir() -> Path:
    """The ontology: ``cca.ttl``, ``concepts.ttl``, ``shapes.ttl``.

    Examples
    --------
    >>> (ontology_dir() / "shapes.ttl").is_file()
    True
    """
    return data_dir("ontology")


def loaders_dir() -> Path:
    """The bundled case material: ``sources.yaml``, one folder per case, ``tables/``.

    Examples
    --------
    >>> (loaders_dir() / "sources.yaml").is_file(), (loaders_dir() / "tables" / "climactor-tags.csv").is_file()
    (True, True)
    """
    return data_dir("loaders")


def queries_dir() -> Path:
    """The query catalogue: ``<group>/<name>.rq`` and ``.cypher``.

    Examples
    --------
    >>> sorted(p.name for p in (queries_dir() / "replication").glob("scaled-up.*"))
    ['scaled-up.cypher', 'scaled-up.rq']
    """
    return data_dir("queries")


def templates_dir() -> Path:
    return _PACKAGE / "present" / "templates"
