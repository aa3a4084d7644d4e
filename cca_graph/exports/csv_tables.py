"""CSV tables: one per record type, one row per record, sorted by id."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from pyoxigraph import NamedNode, Store

from ..atomic import atomic_write
from ..ingest import model
from ..ingest.model import RECORD_TYPES
from ..namespace import CCA, DCTERMS, OWL, RDFS
from .sort import RUN_SIZE, external_sort
from .terms import RDF_TYPE

__all__ = ["write_csv"]


def _short(term) -> str:
    """A CSV cell for ``term``: record ids, concept and source keys bare, literals as text."""
    if isinstance(term, NamedNode):
        if term.value.startswith(model.ID):
            return term.value[len(model.ID):].split("/", 1)[-1]
        return term.value
    return term.value


def _csv_header(rtype) -> list[str]:
    return (["id", "iri", "label_en", "label_zh", "labels_other"] + [f.name for f in rtype.fields]
            + [name for name, _ in model.PROSE_FIELDS] + ["same_as", "sources", "locators"])


def _csv_row(store: Store, rtype, iri: str) -> list[str]:
    """The CSV row of the record ``iri`` of type ``rtype``."""
    node = NamedNode(iri)
    by_predicate: dict[str, list] = {}
    for q in store.quads_for_pattern(node, None, None):
        by_predicate.setdefault(q.predicate.value, []).append(q.object)
    labels = by_predicate.get(str(RDFS.label), [])
    row = [
        iri[len(model.ID):], iri,
        _join(l.value for l in labels if l.language == "en"),
        _join(l.value for l in labels if l.language == "zh"),
        _join(f"{l.value}@{l.language}" for l in labels if l.language not in ("en", "zh")),
    ]
    for f in rtype.fields:
        if f.inverse:
            values = [q.subject for q in store.quads_for_pattern(None, NamedNode(f.predicate), node)]
        else:
            values = by_predicate.get(f.predicate, [])
        row.append(_join(_short(v) for v in values))
    for _, predicate in model.PROSE_FIELDS:
        row.append(_join(v.value for v in by_predicate.get(predicate, [])))
    row.append(_join(v.value for v in by_predicate.get(str(OWL.sameAs), [])))
    row.append(_join(_short(v) for v in by_predicate.get(str(DCTERMS.source), [])))
    locators = []
    for citation in by_predicate.get(str(CCA.citation), []):
        doc = next(store.quads_for_pattern(citation, NamedNode(str(DCTERMS.source)), None)).object
        loc = next(store.quads_for_pattern(citation, NamedNode(str(CCA.locator)), None)).object
        locators.append(f"{_short(doc)}: {loc.value}")
    row.append(_join(locators))
    return row


def _join(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))


def write_csv(store: Store, folder: Path, *, run_size: int = RUN_SIZE) -> Path:
    """One CSV table per record type, rows sorted by id, in ``folder``."""
    folder = Path(folder)
    for type_name in sorted(RECORD_TYPES):
        rtype = RECORD_TYPES[type_name]
        path = folder / f"{type_name}.csv"
        typed = (q.subject.value for q in store.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(rtype.rdf_class)))
        with atomic_write(path, newline="") as fh, external_sort(typed, path, run_size) as subjects:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(_csv_header(rtype))
            # a record typed in several graphs comes once per graph, side by side
            writer.writerows(_csv_row(store, rtype, iri) for iri, _ in groupby(subjects))
    return folder
