"""CSV tables: one per record type, one row per record, sorted by id.

Every text cell is made safe for a spreadsheet (:func:`text_cell`): a cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so a spreadsheet shows it as text instead of running it as
a formula (numbers such as ``-5`` are left alone), and control characters
other than tabs and line breaks are written as escapes (``\\x00``).
:func:`frame_to_csv` applies the same rule to any table (the ``query`` verb's
CSV).
"""
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
from ..safety import escape_controls, spreadsheet_cell
from .sort import RUN_SIZE, external_sort
from .terms import RDF_TYPE

__all__ = ["write_csv", "frame_to_csv", "text_cell"]


def text_cell(value):
    """A CSV cell a spreadsheet shows as written: formulas neutralised, control characters escaped.

    Examples
    --------
    >>> text_cell("=1+1"), text_cell("-Porto"), text_cell("-12.5"), text_cell("Lis\\x00bon"), text_cell(3)
    ("'=1+1", "'-Porto", '-12.5', 'Lis\\\\x00bon', 3)
    >>> text_cell("note\\r-1+cmd")
    'note\\n-1+cmd'
    """
    if not isinstance(value, str):
        return value
    # a bare carriage return ends a row for some spreadsheets, and the CSV writers quote only cells
    # with a line feed: line breaks are written as line feeds, so the cell is quoted whole
    return spreadsheet_cell(escape_controls(value.replace("\r\n", "\n").replace("\r", "\n")))


def frame_to_csv(df) -> str:
    """The CSV text of a pandas DataFrame, every text cell passed through :func:`text_cell`.

    Examples
    --------
    >>> import pandas as pd
    >>> print(frame_to_csv(pd.DataFrame({"name": ["=HYPERLINK(\\"http://x\\")", "Jalisco"], "year": pd.array([2050, None], dtype="Int64")})), end="")
    name,year
    "'=HYPERLINK(""http://x"")",2050
    Jalisco,
    """
    import pandas as pd

    safe = df.copy()
    for column in df.columns:  # text columns only: integer columns with blanks keep their dtype (2050, not 2050.0)
        if pd.api.types.is_object_dtype(df[column]) or pd.api.types.is_string_dtype(df[column]):
            # built as objects: Series.map would infer floats from ints beside blanks
            safe[column] = pd.Series([text_cell(v) for v in df[column]], index=df.index, dtype=object)
    safe.columns = [text_cell(str(c)) for c in df.columns]
    return safe.to_csv(index=False)


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
            writer.writerows([text_cell(c) for c in _csv_row(store, rtype, iri)] for iri, _ in groupby(subjects))
    return folder
