"""Reading CSV tables row by row, with line numbers and decoding that copes.

Registry files are not always valid UTF-8. Rows are read as bytes; each line
that is not UTF-8 is, on request, decoded with a fallback encoding and
counted as repaired; without that request it is reported at its line.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ...resources import loaders_dir

__all__ = ["read_rows", "shipped_table", "NA"]

#: cells that mean "no value"
NA = {"", "NA", "N/A", "NaN", "nan", "None"}


def _lines(path: Path, fallback: str | None, on_bad, on_repair) -> Iterator[str]:
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if fallback is None:
                    on_bad(number, exc)
                    yield raw.decode("utf-8", errors="replace")
                else:
                    on_repair(number)
                    yield raw.decode(fallback, errors="replace")


def read_rows(path: Path, required: list[str], problem, *, fallback: str | None = None,
              on_repair=None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row of the CSV at ``path``.

    ``problem(line, column, message)`` is called for a missing column (then
    nothing is yielded) and for every line that is not UTF-8 when no
    ``fallback`` encoding is given.
    """
    def bad(number, exc):
        problem(number, "encoding", f"not valid UTF-8 (byte {exc.start} of the line); "
                                    "give --encoding (e.g. cp1252) or --lenient to repair such rows")

    reader = csv.reader(_lines(path, fallback, bad, on_repair or (lambda n: None)))
    try:
        header = next(reader)
    except StopIteration:
        problem(1, "header", "the file is empty")
        return
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    for column in missing:
        problem(1, column, f"missing column; the file has: {', '.join(header)}")
    if missing:
        return
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problem(line, "row", f"{len(row)} cells where the header has {len(header)}")
            continue
        yield line, dict(zip(header, (cell.strip() for cell in row)))


def shipped_table(name: str) -> Path:
    """A table shipped with the package under ``loaders/tables/``."""
    return loaders_dir() / "tables" / name
