"""CSV files for ``neo4j-admin database import``, from the property-graph projection.

One nodes file per label and one relationships file per type, with the import
tool's headers (``iri:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
typed columns such as ``since:int`` and arrays such as ``sources:string[]``).
Arrays and labels are joined with an array delimiter; ``README.txt`` in the
folder gives the import command.

The import tool splits an array cell at every array delimiter and has no escape
for it, so the delimiter is the first of :data:`ARRAY_DELIMITERS` that no array
value holds (``|`` unless a name or locator holds one; the README's command
says which). Cells are quoted as RFC 4180 says (a quote doubled), which the
tool reads with its default ``--quote``; a value with a line break asks for
``--multiline-fields=true``. Control characters other than tab and line breaks
are written as escapes (``\\x00``), as :func:`cca_graph.safety.printable` does.
"""
from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Store

from ..atomic import atomic_write, remove_stale_temporaries
from ..safety import escape_controls
from .property_graph import project

__all__ = ["ARRAY_DELIMITER", "ARRAY_DELIMITERS", "array_delimiter", "escape_controls", "write_neo4j_admin",
           "column_type"]

#: the array delimiter when no array value holds it
ARRAY_DELIMITER = "|"
#: array delimiters in order of preference; the last, U+001F (unit separator), is
#: a control character, so after :func:`escape_controls` no value can hold it
ARRAY_DELIMITERS = ("|", ";", "\u00a6", "\x1f")


def array_delimiter(held: set[str]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` not in ``held`` (the delimiters some array value holds).

    Examples
    --------
    >>> array_delimiter(set()), array_delimiter({"|"}), array_delimiter({"|", ";"})
    ('|', ';', '¦')
    """
    return next(d for d in ARRAY_DELIMITERS if d not in held)


def _option(delimiter: str) -> str:
    # the import tool takes a character that is not printable as U+XXXX
    return delimiter if delimiter.isprintable() else f"U+{ord(delimiter):04X}"


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


def _cell(value, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(escape_controls(str(v)) for v in value)
    return escape_controls(str(value))


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with atomic_write(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


class _Seen:
    """What the rows hold that the import command must know: delimiters inside array values, line breaks."""

    def __init__(self):
        self.delimiters: set[str] = set()
        self.multiline = False

    def look(self, arrays: Iterable[list], texts: Iterable) -> None:
        for items in arrays:
            self.delimiters.update(d for item in items for d in ARRAY_DELIMITERS if d in escape_controls(str(item)))
        self.multiline |= any(isinstance(t, str) and ("\n" in t or "\r" in t) for t in texts)


def _spill(rows: Iterable[tuple[str, list, dict]], folder: Path, seen: _Seen,
           group_is_node: bool) -> dict[str, tuple[Path, dict[str, list]]]:
    """Write rows to one temporary JSON-lines file per group; collect each group's property values.

    The import files need every column before the first row, and a group's
    rows may be many: they wait on disk, not in memory.
    """
    found: dict[str, tuple[Path, dict[str, list], object]] = {}
    try:
        for group, ids, props in rows:
            if group not in found:
                path = folder / f".spill-{'node' if group_is_node else 'rel'}-{group}.jsonl"
                found[group] = (path, {}, open(path, "w", encoding="utf-8"))
            path, values, fh = found[group]
            fh.write(json.dumps([ids, props], ensure_ascii=False) + "\n")
            # the labels of a node are an array too
            labels = [ids[1]] if group_is_node else []
            seen.look(labels + [v for v in props.values() if isinstance(v, list)], props.values())
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
    seen = _Seen()
    with tempfile.TemporaryDirectory(prefix="cca-neo4j-admin-") as tmp:
        nodes = _spill(((n.labels[-1], [n.iri, n.labels], n.properties) for n in graph.nodes()), Path(tmp),
                       seen, True)
        rels = _spill(((r.type, [r.start, r.end], r.properties) for r in graph.relationships()), Path(tmp),
                      seen, False)
        # every value is seen before the first row is written: the delimiter is one no value holds
        delimiter = array_delimiter(seen.delimiters)
        for label in sorted(nodes):
            path, values = nodes[label]
            columns = {k: column_type(v) for k, v in sorted(values.items()) if k != "iri"}
            header = ["iri:ID", ":LABEL"] + [_header(k, t) for k, t in columns.items()]
            rows = ([_cell(ids[0], delimiter), _cell(ids[1], delimiter)]
                    + [_cell(props.get(k, ""), delimiter) for k in columns] for ids, props in _rows_of(path))
            written.append(f"nodes_{label}.csv")
            _write(folder / written[-1], header, rows)
        node_files = list(written)
        for rel_type in sorted(rels):
            path, values = rels[rel_type]
            columns = {k: column_type(v) for k, v in sorted(values.items())}
            header = [":START_ID", ":END_ID", ":TYPE"] + [_header(k, t) for k, t in columns.items()]
            rows = ([_cell(ids[0], delimiter), _cell(ids[1], delimiter), rel_type]
                    + [_cell(props.get(k, ""), delimiter) for k in columns] for ids, props in _rows_of(path))
            written.append(f"relationships_{rel_type}.csv")
            _write(folder / written[-1], header, rows)
    command = ["neo4j-admin database import full neo4j", f'--array-delimiter="{_option(delimiter)}"',
               "--id-type=string"]
    if seen.multiline:
        command.append("--multiline-fields=true")
    command += [f"--nodes={name}" for name in node_files]
    command += [f"--relationships={name}" for name in written[len(node_files):]]
    with atomic_write(folder / "README.txt") as fh:
        fh.write("Import these files into an empty Neo4j database (run from this folder):\n\n    "
                 + " \\\n      ".join(command) + "\n")
    for old in folder.glob("*.csv"):
        if old.name not in written:
            old.unlink()
    return folder
