"""CSV files for ``neo4j-admin database import``, from the property-graph projection.

One nodes file per label and one relationships file per type, with the import
tool's headers (``iri:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
typed columns such as ``since:int`` and arrays such as ``sources:string[]``).
Arrays and labels are joined with :data:`ARRAY_DELIMITER`; ``README.txt`` in the
folder gives the import command.
"""
from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Store

from ..atomic import atomic_write, remove_stale_temporaries
from ..errors import CcaError
from .property_graph import project

__all__ = ["ARRAY_DELIMITER", "write_neo4j_admin", "column_type"]

ARRAY_DELIMITER = "|"


def _scalar_type(values: Iterable) -> str:
    kinds = {type(v) for v in values}
    if kinds <= {int}:
        return "int"
    if kinds <= {int, float}:
        return "float"
    return "string"


def column_type(values: list) -> str:
    """The import-tool type of a property from the values it takes."""
    if any(isinstance(v, list) for v in values):
        return _scalar_type(x for v in values for x in (v if isinstance(v, list) else [v])) + "[]"
    return _scalar_type(values)


def _cell(value) -> str:
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in str(item):
                raise CcaError(f"array value {item!r} contains the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with atomic_write(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _spill(rows: Iterable[tuple[str, list, dict]], folder: Path) -> dict[str, tuple[Path, dict[str, list]]]:
    """Write rows to one temporary JSON-lines file per group; collect each group's property values.

    The import files need every column before the first row, and a group's
    rows may be many: they wait on disk, not in memory.
    """
    found: dict[str, tuple[Path, dict[str, list], object]] = {}
    try:
        for group, ids, props in rows:
            if group not in found:
                path = folder / f".spill-{group}.jsonl"
                found[group] = (path, {}, open(path, "w", encoding="utf-8"))
            path, values, fh = found[group]
            fh.write(json.dumps([ids, props], ensure_ascii=False) + "\n")
            for key, value in props.items():
                # one sample per kind of value is enough to type the column
                samples = values.setdefault(key, {})
                samples.setdefault(_kind(value), value)
    finally:
        for _, _, fh in found.values():
            fh.close()
    return {group: (path, {k: list(v.values()) for k, v in values.items()}) for group, (path, values, _) in found.items()}


def _kind(value) -> tuple:
    if isinstance(value, list):
        return ("list", tuple(sorted({type(x).__name__ for x in value})))
    return (type(value).__name__,)


def _rows_of(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def write_neo4j_admin(store: Store, folder: Path) -> Path:
    """Write the import files into ``folder``, each file atomically, streaming.

    Files of an earlier export that the graph no longer needs (a label that
    disappeared) are removed after the new ones are in place.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    graph = project(store)
    written = []
    with tempfile.TemporaryDirectory(prefix="cca-neo4j-admin-") as tmp:
        nodes = _spill(((n.labels[-1], [n.iri, n.labels], n.properties) for n in graph.nodes()), Path(tmp))
        for label in sorted(nodes):
            path, values = nodes[label]
            columns = {k: column_type(v) for k, v in sorted(values.items()) if k != "iri"}
            header = ["iri:ID", ":LABEL"] + [_header(k, t) for k, t in columns.items()]
            rows = ([ids[0], ARRAY_DELIMITER.join(ids[1])] + [_cell(props.get(k, "")) for k in columns]
                    for ids, props in _rows_of(path))
            written.append(f"nodes_{label}.csv")
            _write(folder / written[-1], header, rows)
        node_files = list(written)
        rels = _spill(((r.type, [r.start, r.end], r.properties) for r in graph.relationships()), Path(tmp))
        for rel_type in sorted(rels):
            path, values = rels[rel_type]
            columns = {k: column_type(v) for k, v in sorted(values.items())}
            header = [":START_ID", ":END_ID", ":TYPE"] + [_header(k, t) for k, t in columns.items()]
            rows = ([ids[0], ids[1], rel_type] + [_cell(props.get(k, "")) for k in columns]
                    for ids, props in _rows_of(path))
            written.append(f"relationships_{rel_type}.csv")
            _write(folder / written[-1], header, rows)
    command = ["neo4j-admin database import full neo4j", f'--array-delimiter="{ARRAY_DELIMITER}"', "--id-type=string"]
    command += [f"--nodes={name}" for name in node_files]
    command += [f"--relationships={name}" for name in written[len(node_files):]]
    with atomic_write(folder / "README.txt") as fh:
        fh.write("Import these files into an empty Neo4j database (run from this folder):\n\n    "
                 + " \\\n      ".join(command) + "\n")
    for old in folder.glob("*.csv"):
        if old.name not in written:
            old.unlink()
    return folder
