"""What the registries hold on a country that the imports left out.

An import reports each row it does not turn into records (a suspect row, a
place it cannot identify) in its decision log, ``GRAPH/imports/<name>.decisions.csv``
(line, name, country, node, method, detail). A brief that counts targets or
memberships says how many such rows there are about the country and why, so
that "9 governments have targets" is not read as all the registry knows.

Examples
--------
>>> rows = left_out("out/imports", "MX")  # doctest: +SKIP
>>> rows[0].source, rows[0].lines[:2], rows[0].names[:2]  # doctest: +SKIP
('net_zero_tracker/Target.csv', (276, 351), ('MX LEN', 'MX GDL'))
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LeftOut", "left_out", "LEFT_OUT_METHODS"]

#: decision-log methods that leave a row out of the graph: why, as the brief says it
LEFT_OUT_METHODS = {"suspect": "suspect, reported and not imported",
                    "unresolved": "the place could not be identified",
                    "ambiguous": "the name fits more than one place"}


@dataclass(frozen=True)
class LeftOut:
    """The rows of one import about the country left out for one reason."""

    name: str           # the import ("targets-net-zero-tracker")
    source: str         # the file its lines are of ("Target.csv")
    why: str            # the method in words, then the import's detail
    lines: tuple[int, ...]
    names: tuple[str, ...]  # what each line names (a place, a code), in the order of ``lines``

    @property
    def targets(self) -> bool:
        """Whether the rows are targets (an import of the targets kind)."""
        return self.name.startswith("targets-")


def _source(report: Path) -> str:
    """The file name of the import's source, from its report (``import,source,…,PATH``)."""
    if report.exists():
        with open(report, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if row[:2] == ["import", "source"] and row[-1]:
                    source = Path(row[-1])
                    # a targets import reads a folder: its lines are those of the folder's Target.csv
                    return source.name if source.suffix else f"{source.name}/Target.csv"
    return "the source file"


def left_out(imports: Path | str | None, country: str) -> list[LeftOut]:
    """The rows about ``country`` (ISO 3166-1) that the imports in ``imports`` left out, by import and reason.

    Read line by line from the decision logs; an import without one (or no folder) adds nothing.
    """
    if imports is None or not Path(imports).is_dir():
        return []
    found: list[LeftOut] = []
    for log in sorted(Path(imports).glob("*.decisions.csv")):
        name = log.name[: -len(".decisions.csv")]
        groups: dict[str, list[tuple[int, str]]] = {}
        with open(log, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                method = row.get("method", "")
                if row.get("country") != country or method not in LEFT_OUT_METHODS:
                    continue
                why = LEFT_OUT_METHODS[method] + (f": {row['detail']}" if row.get("detail") else "")
                if (row.get("line") or "").isdigit():
                    groups.setdefault(why, []).append((int(row["line"]), row.get("name", "")))
        source = _source(log.with_name(f"{name}.report.csv")) if groups else ""
        for why, rows in sorted(groups.items()):
            rows.sort()
            found.append(LeftOut(name, source, why, tuple(n for n, _ in rows), tuple(w for _, w in rows)))
    return found
