"""CSV files for ``neo4j-admin database import``, from the property-graph projection.

One nodes file per label and one relationships file per type, with the import
tool's headers (``iri:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
typed columns such as ``since:int`` and arrays such as ``sources:string[]``).
Arrays and labels are joined with :data:`ARRAY_DELIMITER`; ``README.txt`` in the
folder gives the import command.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from pyoxigraph import Store

from .atomic import atomic_text, remove_stale_temporaries
from .errors import CcaError
from .projection import project

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


def _columns(rows: Iterable[dict]) -> dict[str, str]:
    seen: dict[str, list] = {}
    for props in rows:
        for key, value in props.items():
            seen.setdefault(key, []).append(value)
    return {key: column_type(values) for key, values in sorted(seen.items())}


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with atomic_text(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_neo4j_admin(store: Store, folder: Path) -> Path:
    """Write the import files into ``folder``, each file atomically.

    Files of an earlier export that the graph no longer needs (a label that
    disappeared) are removed after the new ones are in place.
    """
    folder = Path(folder)
    remove_stale_temporaries(folder)
    graph = project(store)
    written = []
    for label, group in groupby(graph.nodes(), key=lambda n: n.labels[-1]):
        nodes = list(group)
        columns = _columns(n.properties for n in nodes)
        columns.pop("iri")
        header = ["iri:ID", ":LABEL"] + [_header(k, t) for k, t in columns.items()]
        rows = ([n.iri, ARRAY_DELIMITER.join(n.labels)] + [_cell(n.properties.get(k, "")) for k in columns]
                for n in nodes)
        written.append(f"nodes_{label}.csv")
        _write(folder / written[-1], header, rows)
    rels = sorted(graph.relationships(), key=lambda r: (r.type, r.start, r.end, r.properties.get("iri", "")))
    node_files = list(written)
    for rel_type, group in groupby(rels, key=lambda r: r.type):
        chosen = list(group)
        columns = _columns(r.properties for r in chosen)
        header = [":START_ID", ":END_ID", ":TYPE"] + [_header(k, t) for k, t in columns.items()]
        rows = ([r.start, r.end, r.type] + [_cell(r.properties.get(k, "")) for k in columns] for r in chosen)
        written.append(f"relationships_{rel_type}.csv")
        _write(folder / written[-1], header, rows)
    command = ["neo4j-admin database import full neo4j", f'--array-delimiter="{ARRAY_DELIMITER}"', "--id-type=string"]
    command += [f"--nodes={name}" for name in node_files]
    command += [f"--relationships={name}" for name in written[len(node_files):]]
    with atomic_text(folder / "README.txt") as fh:
        fh.write("Import these files into an empty Neo4j database (run from this folder):\n\n    "
                 + " \\\n      ".join(command) + "\n")
    for old in folder.glob("*.csv"):
        if old.name not in written:
            old.unlink()
    return folder
