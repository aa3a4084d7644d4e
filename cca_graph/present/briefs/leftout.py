"""What the registries hold on a country that the imports left out.

An import reports each row it does not turn into records (a suspect row, a
place it cannot identify, a row a curated correction leaves out) in its
decision log, ``GRAPH/imports/<name>.decisions.csv`` (line, name, country,
node, method, detail). A brief that counts targets or
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

__all__ = ["LeftOut", "left_out", "LEFT_OUT_METHODS", "DETAIL_FROM_DATA", "LINES_SHOWN"]

#: decision-log methods that leave a row out of the graph: why, as the brief says it
LEFT_OUT_METHODS = {"suspect": "suspect, reported and not imported",
                    "unresolved": "the place could not be identified",
                    "ambiguous": "the name fits more than one place",
                    # its detail is the curator's reason and where it is read
                    "left-out-by-correction": "left out by a curated correction"}
#: methods whose detail is a curator's words (the reason and where it is read), shown as written
DETAIL_FROM_DATA = ("left-out-by-correction",)
#: the most lines of one reason a brief names
LINES_SHOWN = 6


@dataclass(frozen=True)
class LeftOut:
    """The rows of one import about the country left out for one reason."""

    name: str           # the import ("targets-net-zero-tracker")
    source: str         # the file its lines are of ("Target.csv")
    method: str         # the decision log's method ("unresolved")
    detail: str         # the import's detail, as the decision log gives it
    lines: tuple[int, ...]
    names: tuple[str, ...]  # what each line names (a place, a code), in the order of ``lines``

    @property
    def targets(self) -> bool:
        """Whether the rows are targets (an import of the targets kind)."""
        return self.name.startswith("targets-")

    @property
    def why(self) -> str:
        """The method in words, then the import's detail: "the place could not be identified: UN/LOCODE …"."""
        return LEFT_OUT_METHODS[self.method] + (f": {self.detail}" if self.detail else "")

    def parts(self, lines: bool = True) -> tuple:
        """The rows as a brief's text parts, in English; the registry's names and a curator's words are
        :class:`~.model.Name` s, the rest fixed words the translation table knows (:mod:`.i18n`).

        "targets-net-zero-tracker, 4 rows of Target.csv (the place could not be identified …): lines 276
        (MX LEN), 351 (MX GDL) …"; without ``lines``, where they are told: "…: their lines in section 4".

        Examples
        --------
        >>> from cca_graph.present.briefs.model import plain
        >>> group = LeftOut("targets-x", "x/Target.csv", "unresolved", "", (7, 12), ("MX LEN", ""))
        >>> plain(group.parts())
        'targets-x, 2 rows of x/Target.csv (the place could not be identified): lines 7 (MX LEN), 12'
        >>> plain(group.parts(lines=False))
        'targets-x, 2 rows of x/Target.csv (the place could not be identified): their lines in section 4'
        """
        from .model import Name

        count = len(self.lines)
        out: list = [Name(self.name), f", {count:,} row{'s' if count != 1 else ''} of ", Name(self.source), " (",
                     LEFT_OUT_METHODS[self.method]]
        if self.detail:
            out += [": ", Name(self.detail) if self.method in DETAIL_FROM_DATA else self.detail]
        if not lines:
            return (*out, "): their lines in section 4")
        # each line "311 (" name ")": the parts between names are what the translation table matches
        word = "lines" if count != 1 else "line"
        for i, (number, name) in enumerate(zip(self.lines[:LINES_SHOWN], self.names[:LINES_SHOWN])):
            closed = i > 0 and out[-1] == ")"   # the last line's name: its ")" and ", 312" are one part
            if closed:
                out.pop()
            lead = f"): {word} " if i == 0 else ("), " if closed else ", ")
            out += [f"{lead}{number}"] + ([" (", Name(name), ")"] if name else [])
        if count > LINES_SHOWN:
            more = f" and {count - LINES_SHOWN:,} more"
            out[-1:] = [out[-1] + more] if out[-1] == ")" else [out[-1], more]
        return tuple(out)


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
        groups: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
        with open(log, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                method = row.get("method", "")
                if row.get("country") != country or method not in LEFT_OUT_METHODS:
                    continue
                detail = row.get("detail") or ""
                if (row.get("line") or "").isdigit():
                    # keyed by the reason in words first: the order the brief lists them in
                    groups.setdefault((LEFT_OUT_METHODS[method], method, detail), []).append(
                        (int(row["line"]), row.get("name", "")))
        source = _source(log.with_name(f"{name}.report.csv")) if groups else ""
        for (_, method, detail), rows in sorted(groups.items()):
            rows.sort()
            found.append(LeftOut(name, source, method, detail, tuple(n for n, _ in rows),
                                 tuple(w for _, w in rows)))
    return found
