"""The data-quality report of an import, for a data steward: an HTML page and a CSV.

Every import writes, beside ``imports/<name>.nq`` and its decision log:

``<name>.report.html``
    One self-contained page (no script, nothing fetched, prints on A4): the
    import's name, source file, date of the run and rows read; a summary of
    what became of the rows; then one section per kind of finding. Suspect
    rows and conflicts are listed in full; the other sections give counts and
    a few examples each (the first rows of the decision log per method, the
    details the importer kept per note).
``<name>.report.csv``
    The same findings, one per row, with the columns :data:`COLUMNS`:
    every suspect row and every conflict, every count of the page, and the
    examples. It holds no date, so two runs over the same file give the same
    bytes.

How the summary is counted, and from which part of the
:class:`~cca_graph.ingest.imports.ImportReport`:

- *matched*: rows the decision log resolved to one government by any
  method but those in :data:`NOT_MATCHED` (a code, an alias, a name); the
  government may itself be new, made from an ISO 3166 code the graph lacked,
  and then counted under *governments created* too. Not known (an empty
  cell) for an import that logs no decisions;
- *governments created*: the ``governments`` counts whose key says
  ``created`` (countries, regions and local governments the graph lacked);
- *merged*: the notes whose key says ``merged``;
- *ambiguous*: the rows the decision log gives the method ``ambiguous``; an
  import that logs no such method is counted by its notes that say
  ``ambiguous``;
- *unknown tags*: the notes whose key says ``unknown tag`` (tags, not rows);
- *rows left out*: the notes whose key says ``left out`` or ``not imported``
  (but for unknown tags), the suspect rows not asserted, and the rows a curated
  correction leaves out (the decision log's ``left-out-by-correction``).

Names come from registries: the page escapes them (autoescaped Jinja), so a
name written ``<script>`` is shown as that text. The CSV keeps them as read,
but for a text cell a spreadsheet would run as a formula (``=HYPERLINK(…)``,
``@SUM(1)``, ``-2+3``), which gets a leading apostrophe
(:func:`~cca_graph.safety.spreadsheet_cell`); numbers stay numbers.

Examples
--------
>>> import tempfile
>>> from cca_graph.ingest.imports import ImportReport
>>> report = ImportReport("roster-demo", "demo.csv", rows=2)
>>> report.suspect(3, "<b>Atlantis</b>", "GR", "coordinates outside the country")
>>> files = write_report(report, Path(tempfile.mkdtemp()) / "roster-demo")
>>> sorted(final.name for final in files.values())
['roster-demo.report.csv', 'roster-demo.report.html']
>>> html = next(t for t, f in files.items() if f.suffix == ".html").read_text(encoding="utf-8")
>>> "&lt;b&gt;Atlantis&lt;/b&gt;" in html and "<b>Atlantis" not in html
True
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...atomic import temporary_name
from ...resources import templates_dir
from ...safety import from_spreadsheet_cell, spreadsheet_cell
from .corrections import LEFT_OUT

__all__ = ["write_report", "render_html", "findings", "summary", "method_examples", "COLUMNS", "NOT_MATCHED"]

TEMPLATE = "import-report.html.j2"

#: columns of ``<name>.report.csv``
COLUMNS = ["section", "key", "count", "line", "name", "country", "detail"]

#: methods of the decision log that do not match a row to one government by a code, an alias or a name
NOT_MATCHED = ("created", "ambiguous", "suspect", "unresolved", LEFT_OUT)

#: decision-log rows kept as examples of each method
EXAMPLES = 5


def write_report(report, stem: Path, *, decisions: Path | None = None,
                 now: datetime | None = None) -> dict[Path, Path]:
    """Write ``<stem>.report.html`` and ``<stem>.report.csv`` under temporary names.

    Parameters
    ----------
    report : ImportReport
        What the import did.
    stem : Path
        ``imports/<name>``: the files are written beside it.
    decisions : Path, optional
        The decision log to take examples from; by default the one the
        running import is writing (``<stem>.decisions.csv`` under its
        temporary name). A missing log gives no examples.
    now : datetime, optional
        The date of the run shown on the page (default: now, in UTC).

    Returns
    -------
    dict
        ``{temporary: final}`` for the two files, for the rebuild to rename
        into place with the store.
    """
    if decisions is None:
        decisions = temporary_name(stem.with_name(f"{stem.name}.decisions.csv"))
    examples = method_examples(decisions)
    html, table = (stem.with_name(f"{stem.name}.report.{suffix}") for suffix in ("html", "csv"))
    files = {temporary_name(html): html, temporary_name(table): table}
    html_tmp, table_tmp = files
    html_tmp.write_text(render_html(report, examples, now), encoding="utf-8", newline="\n")
    with open(table_tmp, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        out.writerows([spreadsheet_cell(cell) for cell in row] for row in findings(report, examples))
    return files


def method_examples(decisions: Path, keep: int = EXAMPLES) -> dict[str, list[dict]]:
    """The first ``keep`` rows of the decision log per method (streamed; nothing if there is no log)."""
    kept: dict[str, list[dict]] = {}
    if not decisions.exists():
        return kept
    with open(decisions, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows = kept.setdefault(row["method"], [])
            if len(rows) < keep:  # shown as the data wrote them, not as neutralised for spreadsheets
                rows.append({k: from_spreadsheet_cell(v) if isinstance(v, str) else v for k, v in row.items()})
    return kept


def _by_count(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _notes(report, *words: str, but: str | None = None) -> list[tuple[str, int]]:
    return [(what, n) for what, n in _by_count(report.notes)
            if any(w in what.lower() for w in words) and not (but and but in what.lower())]


def summary(report) -> list[dict]:
    """The summary lines: ``key``, ``count``, ``section`` (the anchor that details it) and ``parts``.

    ``parts`` lists ``(what, count)`` that add up to ``count`` where the line
    sums several counts of the report. ``count`` is None for what the report
    cannot tell (matches, when the import logged no decisions).
    """
    matched = [(m, n) for m, n in _by_count(report.methods) if m not in NOT_MATCHED]
    created = [(k, n) for k, n in _by_count(report.governments) if "created" in k.lower()]
    if "ambiguous" in report.methods:
        ambiguous = [("decision log: ambiguous", report.methods["ambiguous"])]
    else:
        ambiguous = _notes(report, "ambiguous")
    left_out = _notes(report, "left out", "not imported", but="unknown tag")
    not_asserted = len(report.suspects) - report.accepted_suspects
    if not_asserted > 0:
        left_out.append(("suspect rows, not asserted", not_asserted))
    if report.methods.get(LEFT_OUT):
        left_out.append(("left out by a curated correction", report.methods[LEFT_OUT]))
    lines = [
        ("rows read", report.rows, "methods", []),
        ("rows matched by a code, an alias or a name", None, "methods", matched),
        ("governments created", None, "governments", created),
        ("merged", None, "notes", _notes(report, "merged")),
        ("ambiguous names, not merged", None, "notes", ambiguous),
        ("suspect rows", len(report.suspects), "suspects", []),
        ("conflicts between sources", len(report.conflicts), "conflicts", []),
        ("unknown tags", None, "notes", _notes(report, "unknown tag")),
        ("rows left out", None, "notes", left_out),
    ]
    found = [{"key": key, "count": sum(n for _, n in parts) if count is None else count, "section": section,
              "parts": parts} for key, count, section, parts in lines]
    if not report.methods:
        found[1]["count"] = None  # not known: the import logged no decisions
    return found


def findings(report, examples: dict[str, list[dict]] | None = None) -> Iterator[list]:
    """The rows of the report's CSV (see :data:`COLUMNS`), in the page's order."""
    examples = examples or {}
    yield ["import", "name", "", "", "", "", report.name]
    yield ["import", "source", "", "", "", "", report.path]
    yield ["import", "rows", report.rows, "", "", "", ""]
    for line in summary(report):
        yield ["summary", line["key"], "" if line["count"] is None else line["count"], "", "", "", ""]
    for method, n in _by_count(report.methods):
        yield ["method", method, n, "", "", "", ""]
        for row in examples.get(method, []):
            yield ["method example", method, "", row["line"], row["name"], row["country"], _decided(row)]
    for section, counter in (("government", report.governments), ("record", report.records),
                             ("membership", report.memberships), ("country", report.countries)):
        for key, n in _by_count(counter):
            yield [section, key, n, "", "", "", ""]
    for e in report.suspects:
        yield ["suspect", e["reason"], 1, e["line"], e["name"], e["country"], e.get("detail", "")]
    for e in report.conflicts:
        yield ["conflict", e["field"], 1, e["line"], e["name"], e["country"],
               f"{e['values']}; settled: {e['settled']}"]
    for what, n in _by_count(report.notes):
        yield ["note", what, n, "", "", "", ""]
        for detail in report.details.get(what, []):
            yield ["note example", what, "", "", "", "", detail]


def _decided(row: dict) -> str:
    """What a decision-log row says beyond line, name and country."""
    node = f"→ {row['node']}" if row["node"] else "→ no node"
    return f"{node}; {row['detail']}" if row.get("detail") else node


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["thousands"] = "{:,}".format
    env.filters["by_count"] = _by_count
    env.filters["decided"] = _decided
    return env


def render_html(report, examples: dict[str, list[dict]] | None = None, now: datetime | None = None) -> str:
    """The report's HTML page; ``now`` is the date of the run (default: now, in UTC)."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return _environment().get_template(TEMPLATE).render(
        report=report, summary=summary(report), examples=examples or {}, not_matched=NOT_MATCHED,
        run={"iso": now.isoformat(timespec="seconds"), "shown": now.strftime("%Y-%m-%d %H:%M UTC")})
