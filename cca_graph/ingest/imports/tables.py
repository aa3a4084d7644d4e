"""Reading CSV tables row by row, with line numbers and decoding that copes.

Registry files are not always valid UTF-8. Rows are read as bytes; each line
that is not UTF-8 is, on request, decoded with a fallback encoding and
counted as repaired; without that request it is reported at its line.

A cell over :data:`CELL_LIMIT` (128 KiB, the csv module's limit) is no
registry's cell but a broken file (a quote never closed): it is reported at
its line and column, and the file is read no further. A table with a header
and no rows is reported too: an import of nothing is a mistake.
:func:`text_problems` says which cells of a row hold control characters.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...resources import loaders_dir
from ...safety import control_problem

__all__ = ["read_rows", "shipped_table", "text_problems", "NA", "CELL_LIMIT"]

#: cells that mean "no value"
NA = {"", "NA", "N/A", "NaN", "nan", "None"}
#: the longest cell read, in characters: the csv module's own limit (128 KiB)
CELL_LIMIT = csv.field_size_limit()


def _lines(path: Path, fallback: str | None, on_bad, on_repair, read: list[str]) -> Iterator[str]:
    """The decoded lines of ``path``; ``read`` gathers them for the record being parsed."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if fallback is None:
                    on_bad(number, exc)
                    text = raw.decode("utf-8", errors="replace")
                else:
                    on_repair(number)
                    text = raw.decode(fallback, errors="replace")
            read.append(text)
            yield text


def read_rows(path: Path, required: list[str], problem, *, fallback: str | None = None,
              on_repair=None, empty_ok: bool = False) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row of the CSV at ``path``.

    ``problem(line, column, message)`` is called for a missing column or a
    column named twice in the header (then nothing is yielded), for every line that is not UTF-8 when no
    ``fallback`` encoding is given, for a cell over :data:`CELL_LIMIT` (then
    nothing more is yielded) and, unless ``empty_ok``, for a header with no
    rows below it.
    """
    def bad(number, exc):
        problem(number, "encoding", f"not valid UTF-8 (byte {exc.start} of the line); "
                                    "give --encoding (e.g. cp1252) or --lenient to repair such rows")

    read: list[str] = []
    reader = csv.reader(_lines(path, fallback, bad, on_repair or (lambda n: None), read))
    try:
        header = next(reader)
    except StopIteration:
        problem(1, "header", "the file is empty")
        return
    except csv.Error as exc:
        problem(reader.line_num, "header", _unreadable(exc, "".join(read), []))
        return
    header = [h.strip() for h in header]
    # a row becomes a dict by column name: a name given twice would keep one of its cells and drop the other
    twice = [c for c, n in Counter(h for h in header if h).items() if n > 1]
    for column in twice:
        problem(1, "header", f"column {column!r} given twice")
    if twice:
        return
    missing = [c for c in required if c not in header]
    for column in missing:
        problem(1, column, f"missing column; the file has: {', '.join(header)}")
    if missing:
        return
    rows = 0
    while True:
        read.clear()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # the reader cannot resume inside a record: the rest of the file is not read
            text = "".join(read)
            problem(reader.line_num, _column(text, header), _unreadable(exc, text, header))
            return
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) != len(header):
            problem(line, "row", f"{len(row)} cells where the header has {len(header)}")
            continue
        yield line, dict(zip(header, (cell.strip() for cell in row)))
    if not rows and not empty_ok:
        problem(1, "rows", "a header and no rows below it: nothing to import")


def _unreadable(exc: csv.Error, text: str, header: list[str]) -> str:
    if "field larger than field limit" in str(exc):
        return f"cell over {CELL_LIMIT // 1024} KiB (a quote never closed?); the file is read no further"
    return f"not readable as CSV ({exc}); the file is read no further"


def _column(text: str, header: list[str]) -> str:
    """The column of the first cell over :data:`CELL_LIMIT` in the record ``text`` (``row`` if none)."""
    column, size, quoted = 0, 0, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            column, size = column + 1, 0
        else:
            size += 1
            if size > CELL_LIMIT:
                return header[column] if column < len(header) else f"column {column + 1}"
    return "row"


def text_problems(row: dict[str, str], columns: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """``(column, message)`` for each cell of ``row`` (of ``columns``, all by default) holding a
    control character: a registry's cell is one line of text.

    Examples
    --------
    >>> text_problems({"name": "Tromsø", "source": "p. 1\x1b[2J"})
    [('source', 'holds a control character (U+001B at position 5); remove it')]
    """
    cells = [(column, row.get(column) or "") for column in (row if columns is None else columns)]
    if control_problem("".join(text for _, text in cells)) is None:
        return []  # what it looks for are single characters: none in the cells together is none in each
    found = []
    for column, text in cells:
        message = control_problem(text)
        if message:
            found.append((column, message))
    return found


def shipped_table(name: str) -> Path:
    """A table shipped with the package under ``loaders/tables/``."""
    return loaders_dir() / "tables" / name
