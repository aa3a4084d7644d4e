"""Curated corrections of registry target rows: ``loaders/tables/registry-corrections.csv``.

Some registry rows are wrong in ways their own fields cannot show: Net Zero
Tracker's line 86 puts Mexico's 35 % by 2030 below the emissions of 2000, where
the NDC it cites states it below a business-as-usual baseline. A curator who has
read the row's document writes one entry per row::

    dataset,line,target_id,actor_id,target_year,target_value,action,reason,source,locator
    net_zero_tracker,86,net_zero_tracker:MX:2030,MX,2030,35,doubt,"The update of ...",,its unconditional ...

- ``dataset``: the folder the row's ``Target.csv`` is in (``net_zero_tracker``);
- ``line``: the row's line in that file (the header is line 1);
- ``target_id``, ``actor_id``, ``target_year``, ``target_value``: what the row
  states, as the curator read it. A file whose line says otherwise has changed:
  the correction is stale, reported and not applied, never applied to another row;
- ``action``: ``doubt`` (the target is imported with the reason as its
  ``cca:doubt``, which every presentation prints beside it) or ``leave-out``
  (not imported; the decision log says so with the method :data:`LEFT_OUT` and the reason);
- ``reason``: for readers, what is wrong, in words that say only what the
  document shows;
- ``source`` and ``locator``: where the reason is read. ``source`` is a key of
  the shipped ``loaders/sources.yaml``, or empty for the document the row itself
  cites; ``locator`` is the place in it (a section, a heading).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...errors import InputError, Problem
from ...resources import loaders_dir
from .tables import NA, read_rows, shipped_table, text_problems

__all__ = ["Correction", "read_corrections", "for_dataset", "applied", "unread", "CORRECTIONS", "COLUMNS", "ACTIONS",
           "APPLIED", "STALE", "LEFT_OUT"]

#: the shipped table's file name under ``loaders/tables/``
CORRECTIONS = "registry-corrections.csv"
COLUMNS = ["dataset", "line", "target_id", "actor_id", "target_year", "target_value", "action", "reason", "source",
           "locator"]
#: what a correction does to its row
ACTIONS = ("doubt", "leave-out")
#: the columns of Target.csv whose values a correction names: the row must state them still
EXPECTED = ("target_id", "actor_id", "target_year", "target_value")


@dataclass(frozen=True)
class Correction:
    """One entry of the table: a registry row, what it is expected to state, and what to do with it."""

    dataset: str
    line: int
    expected: tuple[tuple[str, str], ...]  # (column, value) pairs the row must state
    action: str
    reason: str
    source: dict | None  # the entry of loaders/sources.yaml, None for the row's own document
    locator: str
    at: str  # where the entry is: "path:line"

    def differences(self, row: dict[str, str]) -> list[str]:
        """The expected columns the row states otherwise, as ``column: expected 'x', the file has 'y'``.

        Examples
        --------
        >>> c = Correction("d", 2, (("target_year", "2030"), ("target_value", "35")), "doubt", "r", None, "p", "t:2")
        >>> c.differences({"target_year": "2030", "target_value": "35.0"})
        []
        >>> c.differences({"target_year": "2030", "target_value": "40"})
        ["target_value: expected '35', the file has '40'"]
        """
        return [f"{column}: expected {value!r}, the file has {row.get(column, '')!r}"
                for column, value in self.expected if not _same(value, row.get(column, ""))]

    @property
    def doubt(self) -> str:
        """The reader's words: the reason and where it is read.

        >>> Correction("d", 2, (), "doubt", "The page is about X", None, "§ 4", "t:2").doubt
        'The page is about X (the document the registry cites, § 4)'
        """
        where = self.source["title"] if self.source else "the document the registry cites"
        return f"{self.reason} ({where}, {self.locator})"

    @property
    def citation(self) -> dict | None:
        """The citation of the reason's source, for the target's record; None for the row's own document."""
        if self.source is None:
            return None
        cite = {"doc": self.source["key"], "locator": self.locator}
        if self.source.get("url"):
            cite["url"] = self.source["url"]
        return cite


def _same(expected: str, stated: str) -> bool:
    """Whether a cell states what the curator read: as numbers where both are (``35`` is ``35.0``)."""
    if expected in NA and stated in NA:
        return True
    try:
        return float(expected) == float(stated)
    except ValueError:
        return expected == stated


def _sources() -> dict[str, dict]:
    """The shipped source registry, by key."""
    entries = yaml.safe_load((loaders_dir() / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    return {entry["key"]: entry for entry in entries}


def read_corrections(path: Path | str | None = None) -> dict[tuple[str, int], Correction]:
    """``(dataset, line)`` -> its correction, from the table at ``path`` (the shipped one by default).

    Every row is checked: the columns, a dataset folder name, a line number after the header, the
    expected fields (a target year of four digits, a number or nothing for the value), the action,
    a reason, a source that ``loaders/sources.yaml`` registers (or none), a locator, and one entry
    per registry row.

    Raises
    ------
    InputError
        With every problem, as ``path:line: field: message``.
    """
    path = Path(path) if path is not None else shipped_table(CORRECTIONS)
    shown = str(path)
    problems: list[Problem] = []

    def problem(line: int, column: str, message: str) -> None:
        problems.append(Problem(shown, line, column, message))

    sources = _sources()
    found: dict[tuple[str, int], Correction] = {}
    for line, row in read_rows(path, COLUMNS, problem):
        faults = text_problems(row, COLUMNS)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", row["dataset"]):
            faults.append(("dataset", f"expected the name of the folder of a Target.csv, got {row['dataset']!r}"))
        if not re.fullmatch(r"\d+", row["line"]) or int(row["line"]) < 2:
            faults.append(("line", f"expected the line of a row of the file (2 or more), got {row['line']!r}"))
        for column in ("target_id", "actor_id", "reason", "locator"):
            if not row[column]:
                faults.append((column, "empty: " + ("say what is wrong, for readers" if column == "reason" else
                                                    "say where in the source the reason is read"
                                                    if column == "locator" else "the value the row states")))
        if not re.fullmatch(r"\d{4}", row["target_year"]):
            faults.append(("target_year", f"expected the year the row states, got {row['target_year']!r}"))
        if row["target_value"] not in NA and not re.fullmatch(r"-?\d+(\.\d+)?", row["target_value"]):
            faults.append(("target_value", f"expected the number the row states (or nothing), "
                                           f"got {row['target_value']!r}"))
        if row["action"] not in ACTIONS:
            faults.append(("action", f"unknown action {row['action']!r}; known: {', '.join(ACTIONS)}"))
        if row["source"] and row["source"] not in sources:
            faults.append(("source", f"{row['source']!r} is not a key of loaders/sources.yaml; leave it empty for "
                                     "the document the row cites"))
        key = (row["dataset"], int(row["line"])) if row["line"].isdigit() else None
        if key in found:
            faults.append(("line", f"{row['dataset']} line {row['line']} is corrected twice (first at line "
                                   f"{found[key].at.rsplit(':', 1)[1]})"))
        for column, message in faults:
            problem(line, column, message)
        if faults:
            continue
        found[key] = Correction(row["dataset"], key[1], tuple((c, row[c]) for c in EXPECTED), row["action"],
                                row["reason"], sources.get(row["source"]), row["locator"], f"{shown}:{line}")
    if problems:
        raise InputError(problems)
    return found


#: the decision-log method of a row a correction leaves out: the detail is the correction's reason and source
LEFT_OUT = "left-out-by-correction"

#: the import report's headings of the corrections it applied and of those it did not
APPLIED = "curated corrections applied (loaders/tables/registry-corrections.csv)"
STALE = "curated corrections stale, not applied: the file no longer states what they were written for"


def for_dataset(ctx, folder: Path, path: Path | str | None = None) -> dict[int, Correction] | None:
    """Line -> correction of the table's entries for the dataset in ``folder``; None when the table has
    faults, which go to the import's problems (``path:line: field: message``)."""
    try:
        table = read_corrections(path)
    except InputError as exc:
        ctx.problems += exc.problems
        return None
    return {line: c for (dataset, line), c in table.items() if dataset == folder.name}


def applied(ctx, correction: Correction | None, row: dict[str, str], where: str) -> Correction | None:
    """``correction`` when the row at ``where`` states what it was written for (reported as applied), else
    None (a stale correction is reported, and the row is imported as it stands)."""
    if correction is None:
        return None
    differences = correction.differences(row)
    if differences:
        ctx.report.note(STALE, f"{where}: {'; '.join(differences)} (the correction at {correction.at})",
                        keep=1_000_000)
        return None
    ctx.report.note(APPLIED, f"{where}: {row['target_id']}: {correction.action}: {correction.doubt} "
                             f"(the correction at {correction.at})", keep=1_000_000)
    return correction


def unread(ctx, corrections: dict[int, Correction], shown: str) -> None:
    """Report the corrections whose line the file does not have as stale (the file is shorter than it was)."""
    for line, correction in sorted(corrections.items()):
        ctx.report.note(STALE, f"{shown}:{line}: the file has no row at this line (the correction at "
                               f"{correction.at})", keep=1_000_000)
