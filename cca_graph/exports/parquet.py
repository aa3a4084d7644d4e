"""Parquet tables of the property graph: one file per node label and per relationship type.

The rows are those of the property-graph projection
(:mod:`cca_graph.project.property_graph`), the same nodes and relationships a
Neo4j load or the neo4j-admin files hold, as typed columns that DuckDB, Spark
or pandas read without parsing:

- ``nodes_<Label>.parquet``: ``iri``, ``id``, then every property of the label
  in name order;
- ``relationships_<TYPE>.parquet``: ``start_iri``, ``end_iri``, then every
  property of the type (``iri``, ``sources``, ``source_ids``; ``MEMBER_OF`` adds
  ``role``, ``since``…).

A column's type follows the values it holds: whole numbers ``int64``, numbers
``double`` (whole numbers beside them too), lists ``list<…>`` of those (a
property that holds a list for one row is a list for every row), anything else
``string`` (a whole number beyond ``int64`` too, digits kept); a row without the
property has a null. Dates are ISO strings
(``2019-11-18``, ``2019-11``): a case may give a month alone, which a Parquet
date cannot hold.

A column's type is known only once every row has been seen, and the rows of a
large graph do not fit in memory: they wait on disk, one file per table, in a
hidden folder among the tables that a later export removes if this one died. Each
table is then written :data:`BATCH_ROWS` rows at a time (one row group each),
to a temporary file renamed into place. Nothing in a file depends on the time
or the machine, so the same graph written by the same pyarrow gives the same
bytes (pyarrow's version is in every file's ``created_by``).

Examples
--------
>>> from cca_graph import open_store
>>> folder = write_parquet(open_store("out"), "out/export/parquet")
>>> table = pq.read_table(folder / "nodes_Commitment.parquet", columns=["id", "targetYear", "targetValue"],
...                       filters=[("id", "=", "de-bw-transport-co2-2030")])
>>> table.to_pylist(), table.schema.field("targetYear").type
([{'id': 'de-bw-transport-co2-2030', 'targetYear': 2030, 'targetValue': 40.0}], DataType(int64))

In DuckDB: ``SELECT level, count(*) FROM 'out/export/parquet/nodes_Government.parquet' GROUP BY level``.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pyoxigraph import Store

from ..atomic import atomic_path
from ..project.property_graph import project

__all__ = ["BATCH_ROWS", "write_parquet", "column_type"]

#: rows held in memory and written as one row group
BATCH_ROWS = 65_536

_INT64 = range(-(2**63), 2**63)
#: what a Python value of the projection is in a column, before the column's type is settled
_KINDS = {bool: "bool", int: "int", float: "float", str: "string"}
_SCALAR_TYPES = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "string": pa.string()}


def _kind(value) -> str:
    kind = _KINDS.get(type(value), "string")
    # an integer that int64 cannot hold keeps every digit as text
    return "string" if kind == "int" and value not in _INT64 else kind


def column_type(kinds: set[str], is_list: bool) -> pa.DataType:
    """The Arrow type of a column whose values are of ``kinds``, lists if ``is_list``.

    Examples
    --------
    >>> column_type({"int"}, False), column_type({"int", "float"}, False), column_type({"int", "string"}, True)
    (DataType(int64), DataType(double), ListType(list<item: string>))
    """
    if kinds <= {"bool"} and kinds:
        scalar = "bool"
    elif kinds <= {"int"} and kinds:
        scalar = "int"
    elif kinds <= {"int", "float"} and kinds:
        scalar = "float"
    else:
        scalar = "string"
    return pa.list_(_SCALAR_TYPES[scalar]) if is_list else _SCALAR_TYPES[scalar]


class _Table:
    """The rows of one table waiting on disk, and what its columns hold."""

    def __init__(self, path: Path):
        self.path = path
        self.kinds: dict[str, set[str]] = {}
        self.lists: set[str] = set()
        self._fh = open(path, "w", encoding="utf-8")

    def add(self, row: dict) -> None:
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for name, value in row.items():
            kinds = self.kinds.setdefault(name, set())
            if isinstance(value, list):
                self.lists.add(name)
                kinds.update(_kind(v) for v in value)
            else:
                kinds.add(_kind(value))

    def close(self) -> None:
        self._fh.close()

    def schema(self, first: tuple[str, ...]) -> pa.Schema:
        names = list(first) + sorted(n for n in self.kinds if n not in first)
        return pa.schema([pa.field(n, column_type(self.kinds[n], n in self.lists), nullable=n not in first)
                          for n in names])

    def rows(self) -> Iterator[dict]:
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def _spill(rows: Iterable[tuple[str, dict]], folder: Path, prefix: str) -> dict[str, _Table]:
    """Write each ``(table, row)`` to its table's file in ``folder``; the tables by name."""
    tables: dict[str, _Table] = {}
    try:
        for name, row in rows:
            table = tables.get(name)
            if table is None:
                table = tables[name] = _Table(folder / f"{prefix}-{len(tables)}.jsonl")
            table.add(row)
    finally:
        for table in tables.values():
            table.close()
    return tables


def _cell(value, field: pa.Field):
    """``value`` as the column ``field`` holds it: a list where the column is one, text where it is text."""
    if value is None:
        return None
    if pa.types.is_list(field.type):
        items = value if isinstance(value, list) else [value]
        return [str(v) for v in items] if pa.types.is_string(field.type.value_type) else items
    return str(value) if pa.types.is_string(field.type) and not isinstance(value, str) else value


def _batches(rows: Iterator[dict], schema: pa.Schema, size: int) -> Iterator[pa.RecordBatch]:
    while batch := list(islice(rows, size)):
        columns = [pa.array([_cell(row.get(f.name), f) for row in batch], type=f.type) for f in schema]
        yield pa.RecordBatch.from_arrays(columns, schema=schema)


def _write(path: Path, table: _Table, first: tuple[str, ...], batch_rows: int) -> None:
    schema = table.schema(first)
    with atomic_path(path) as tmp:
        # the defaults written out: a later pyarrow that changes one still writes the same file
        with pq.ParquetWriter(tmp, schema, compression="snappy", version="2.6", write_statistics=True,
                              use_dictionary=True, store_schema=True) as writer:
            for batch in _batches(table.rows(), schema, batch_rows):
                writer.write_batch(batch, row_group_size=batch_rows)


def write_parquet(store: Store, folder: Path | str, *, batch_rows: int = BATCH_ROWS) -> Path:
    """Write one Parquet file per node label and per relationship type into ``folder``.

    Parameters
    ----------
    store
        The built graph.
    folder
        Where the files go; files of labels or types the graph no longer has are removed.
    batch_rows
        Rows converted and written at a time (a row group each).

    Returns
    -------
    Path
        ``folder``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    graph = project(store)
    written = set()
    # named as the sorts name their spills, so the next export removes it if this process dies
    with tempfile.TemporaryDirectory(prefix=f".rows.sort-{os.getpid()}-", dir=folder) as spill:
        nodes = _spill(((n.labels[-1], n.properties) for n in graph.nodes()), Path(spill), "nodes")
        rels = _spill(((r.type, {"start_iri": r.start, "end_iri": r.end, **r.properties})
                       for r in graph.relationships()), Path(spill), "relationships")
        for prefix, tables, first in (("nodes", nodes, ("iri", "id")), ("relationships", rels, ("start_iri", "end_iri"))):
            for name in sorted(tables):
                path = folder / f"{prefix}_{name}.parquet"
                _write(path, tables[name], first, batch_rows)
                written.add(path.name)
    for old in folder.glob("*.parquet"):
        if old.name not in written:
            old.unlink()
    return folder
