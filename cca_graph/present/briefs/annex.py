"""The size budget of a brief, and the annex that holds the full lists beside it.

A brief is about eight printed pages at any scale. Measurably:

- a table shows at most :data:`TABLE_ROWS` rows;
- a list (bullets, or names in a sentence) shows at most :data:`LIST_ITEMS` items;
- the descriptions of a table whose descriptions together run over :data:`DESCRIPTIONS` words are
  cut after their first sentences (:func:`shortened`), the figures recorded beside them kept whole;
- the whole brief, notes and bibliography included, stays under :data:`WORDS` words
  (about 500 words a printed page).

A list longer than that is counted instead of listed: by level and by
network, with the entries that have the most evidence (the governments in the
most networks, the networks with the most members), and a sentence that says
where the full list is. The full lists go to the **annex**, a folder
``<CC>-annex/`` beside the brief (:func:`annex_folder`): one CSV file per list
and one workbook ``<CC>-annex.xlsx`` with a sheet per list. Each row is one
record and one of its citations (source key, locator, address), so a record
cited twice has two rows; its id is in the first column. A target that
sources state differently is a row per statement, each with its own values
and citation, and its ``conflicts_with`` column names the ids of the others.

An annex is written only for a brief over budget (:func:`over_budget`): a
country with little data gets the same brief as before, and no annex.

CSV cells go through :func:`~cca_graph.safety.spreadsheet_cell` (text never runs
as a formula; numbers stay numbers); the workbook writes text as text cells and
numbers as numbers. Both are written row by row from the store's answers,
deterministically (the same store gives the same bytes).

Examples
--------
>>> from cca_graph import open_store
>>> write_annex(open_store("out"), "MX", "out/briefs")  # Mexico's lists fit in its brief
[]
"""
from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from pyoxigraph import Literal

from ...atomic import atomic_path
from ...graph.sparql import PREFIXES, bind, term_value
from ...safety import escape_controls, spreadsheet_cell
from .data import NATIONAL
from .model import Link

__all__ = ["TABLE_ROWS", "LIST_ITEMS", "DESCRIPTIONS", "DESCRIPTION_WORDS", "WORDS", "shortened", "LISTS", "annex_folder", "annex_files", "annex_link", "annex_places",
           "list_counts", "over_budget", "write_annex"]

#: the most rows a table of a brief shows
TABLE_ROWS = 25
#: the most items a list of a brief shows (bullets, or names in one sentence)
LIST_ITEMS = 12
#: the most words the descriptions of one table hold together before each is shortened
DESCRIPTIONS = 350
#: the most words a shortened description keeps (its first sentence at least)
DESCRIPTION_WORDS = 20
#: the most words of a whole brief (notes and bibliography included): about eight printed pages
WORDS = 4000

_NATION = f"?nation cca:isoCode ?country ; cca:level <{NATIONAL}> ."
# LATERAL: the citations of each record found, looked up one by one; as a plain OPTIONAL the store
# joined every citation of the graph, a second per list at registry scale (see .data._CITES)
_CITE = ("LATERAL { OPTIONAL { ?e cca:citation ?cit . ?cit cca:locator ?locator ; "
         "dcterms:source/dcterms:identifier ?source . OPTIONAL { ?cit schema:url ?address } } }")


def _label(var: str, name: str) -> str:
    # per record (LATERAL): a plain OPTIONAL reads every label of the graph, twice (see .data._labels)
    return (f'LATERAL {{ OPTIONAL {{ ?{var} rdfs:label ?{name}_en FILTER (LANG(?{name}_en) IN ("en", "")) }} '
            f'OPTIONAL {{ ?{var} rdfs:label ?{name}_zh FILTER (LANG(?{name}_zh) = "zh") }} }}')


_NAMES = "(MIN(?{0}_en) AS ?{0}) (MIN(?{0}_zh) AS ?{0}_zh)"

#: list -> (columns of the CSV and the sheet, the query that gives them, one row per record and citation)
LISTS = {
    "governments": (
        ("id", "government", "government_zh", "level", "part_of", "source", "locator", "address"),
        f"""SELECT ?id {_NAMES.format("government")} ?level (MIN(?parent) AS ?part_of) ?source ?locator ?address
        WHERE {{ {_NATION} ?e a cca:Government ; cca:partOf* ?nation ; cca:level/skos:notation ?level .
          LATERAL {{ OPTIONAL {{ ?e cca:partOf ?parent_iri }} }} BIND (STRAFTER(STR(?parent_iri), STR(id:)) AS ?parent)
          BIND (STRAFTER(STR(?e), STR(id:)) AS ?id) {_label("e", "government")} {_CITE} }}
        GROUP BY ?id ?level ?source ?locator ?address ORDER BY ?id ?source ?locator"""),
    "memberships": (
        ("id", "government_id", "government", "government_zh", "level", "network_id", "network", "network_zh",
         "role", "since", "until", "listed_in", "source", "locator", "address"),
        f"""SELECT ?id ?government_id {_NAMES.format("government")} ?level ?network_id {_NAMES.format("network")}
          (GROUP_CONCAT(DISTINCT ?role; separator="; ") AS ?roles) (MIN(?since_y) AS ?since)
          (MIN(?until_y) AS ?until) (MIN(?observed) AS ?listed_in) ?source ?locator ?address
        WHERE {{ {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network .
          ?member cca:partOf* ?nation ; cca:level/skos:notation ?level .
          LATERAL {{ OPTIONAL {{ ?e org:role/skos:notation ?role }} OPTIONAL {{ ?e cca:since ?since_y }}
                     OPTIONAL {{ ?e cca:until ?until_y }} OPTIONAL {{ ?e cca:observedYear ?observed }} }}
          BIND (STRAFTER(STR(?e), STR(id:)) AS ?id) BIND (STRAFTER(STR(?member), STR(id:)) AS ?government_id)
          BIND (STRAFTER(STR(?network), STR(id:)) AS ?network_id)
          {_label("member", "government")} {_label("network", "network")} {_CITE} }}
        GROUP BY ?id ?government_id ?level ?network_id ?source ?locator ?address ORDER BY ?id ?source ?locator"""),
    "targets": (
        ("id", "target", "target_zh", "type", "government_id", "government", "government_zh", "level",
         "target_year", "base_year", "value", "unit", "shared_with", "conflicts_with", "source", "locator", "address"),
        f"""SELECT ?id {_NAMES.format("target")} (MIN(?type_) AS ?type) ?government_id {_NAMES.format("government")}
          ?level (MIN(?target_y) AS ?target_year) (MIN(?base_y) AS ?base_year) (MIN(?value_) AS ?value)
          (MIN(?unit_) AS ?unit) (GROUP_CONCAT(DISTINCT ?other; separator="; ") AS ?shared_with)
          (GROUP_CONCAT(DISTINCT ?conflict; separator="; ") AS ?conflicts_with) ?source ?locator ?address
        WHERE {{ {_NATION} ?e a cca:Commitment ; cca:committedBy ?by .
          ?by cca:partOf* ?nation ; cca:level/skos:notation ?level .
          # DISTINCT: a target two imports state is in both their graphs, and the union of graphs repeats
          # each of its values once per graph (see .data.Q_COMMITMENTS)
          LATERAL {{ SELECT DISTINCT ?e ?type_ ?target_y ?base_y ?value_ ?unit_ WHERE {{
                     OPTIONAL {{ ?e cca:commitmentType/skos:notation ?type_ }} OPTIONAL {{ ?e cca:targetYear ?target_y }}
                     OPTIONAL {{ ?e cca:baseYear ?base_y }} OPTIONAL {{ ?e cca:targetValue ?value_ }}
                     OPTIONAL {{ ?e cca:unit ?unit_ }} }} }}
          # the others who commit to it with this government (China for the US in their declaration)
          LATERAL {{ OPTIONAL {{ ?e cca:committedBy ?with_ FILTER (?with_ != ?by)
                                BIND (STRAFTER(STR(?with_), STR(id:)) AS ?other) }} }}
          # the statements of the same target that disagree with this one (Net Zero Tracker and C2ES on
          # Nova Scotia's base year): each is a row of its own, and says which others it conflicts with
          LATERAL {{ OPTIONAL {{ ?e cca:conflictsWith ?conflict_
                                BIND (STRAFTER(STR(?conflict_), STR(id:)) AS ?conflict) }} }}
          BIND (STRAFTER(STR(?e), STR(id:)) AS ?id) BIND (STRAFTER(STR(?by), STR(id:)) AS ?government_id)
          {_label("e", "target")} {_label("by", "government")} {_CITE} }}
        GROUP BY ?id ?government_id ?level ?source ?locator ?address ORDER BY ?id ?government_id ?source ?locator"""),
    "programmes": (
        ("id", "programme", "programme_zh", "type", "government_id", "government", "government_zh", "level",
         "source", "locator", "address"),
        f"""SELECT ?id {_NAMES.format("programme")} (MIN(?type_) AS ?type) ?government_id
          {_NAMES.format("government")} ?level ?source ?locator ?address
        WHERE {{ {_NATION} ?e a cca:Instrument ; cca:participant ?participant .
          ?participant cca:partOf* ?nation ; cca:level/skos:notation ?level .
          OPTIONAL {{ ?e cca:instrumentType/skos:notation ?type_ }}
          BIND (STRAFTER(STR(?e), STR(id:)) AS ?id) BIND (STRAFTER(STR(?participant), STR(id:)) AS ?government_id)
          {_label("e", "programme")} {_label("participant", "government")} {_CITE} }}
        GROUP BY ?id ?government_id ?level ?source ?locator ?address ORDER BY ?id ?government_id ?source ?locator"""),
}

#: how many records each list holds, one question per list
Q_COUNTS = {
    "governments": f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_NATION} ?g a cca:Government ; cca:partOf* ?nation }}",
    "memberships": f"""SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {_NATION} ?m a cca:Membership ; org:member ?g .
      ?g cca:partOf* ?nation ; cca:level ?level }}""",
    "targets": f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {_NATION} ?c a cca:Commitment ; cca:committedBy ?g .
      ?g cca:partOf* ?nation ; cca:level ?level }}""",
    # a programme counts once per government of the country that takes part in it, as the brief lists it
    "programmes": f"""SELECT (COUNT(DISTINCT CONCAT(STR(?p), " ", STR(?g))) AS ?n) WHERE {{ {_NATION}
      ?p a cca:Instrument ; cca:participant ?g . ?g cca:partOf* ?nation ; cca:level ?level }}""",
}


def shortened(text: str, words: int = DESCRIPTION_WORDS) -> str:
    """``text`` cut after the last whole sentence within ``words`` words, "…" marking the cut; a first
    sentence longer than that is cut after ``words`` words.

    Examples
    --------
    >>> shortened("A federal programme. It funds cities. Set up in 2007.", 6)
    'A federal programme. It funds cities. …'
    >>> shortened("One sentence only, however long it runs.", 3)
    'One sentence only, …'
    """
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9'\"(])", text.strip())
    kept, count = [], 0
    for sentence in sentences:
        count += len(sentence.split())
        if kept and count > words:
            return " ".join(kept) + " \u2026"
        if count > words:
            return " ".join(sentence.split()[:words]) + " \u2026"
        kept.append(sentence)
    return " ".join(kept)


def annex_folder(name: str) -> str:
    """The annex's folder, relative to the brief, named after the brief file's stem: ``"US-annex"``."""
    return f"{name}-annex"


def annex_files(annex: str) -> dict[str, str]:
    """Each list's CSV file and the workbook (``"workbook"``), as paths relative to the brief.

    ``annex``: what the annex is named after (the brief file's stem, :func:`annex_folder`).
    """
    folder = annex_folder(annex)
    files = {name: f"{folder}/{name}.csv" for name in LISTS}
    files["workbook"] = f"{folder}/{folder}.xlsx"
    return files


def annex_link(annex: str, name: str) -> Link:
    """A link from the brief to one file of its annex (``name``: a list of :data:`LISTS`, or ``"workbook"``).

    Examples
    --------
    >>> annex_link("US", "targets")
    Link(text='US-annex/targets.csv', href='US-annex/targets.csv')
    """
    where = annex_files(annex)[name]
    return Link(where, where)


def list_counts(store, country: str) -> dict[str, int]:
    """How many governments, memberships, targets and programmes the country's governments have.

    A programme counts once per government that takes part in it, as the brief's table lists it.
    """
    return {name: _count(store, query, country) for name, query in Q_COUNTS.items()}


def _count(store, query: str, country: str) -> int:
    solution = next(iter(store.query(bind(query, {"country": Literal(country)}), prefixes=PREFIXES,
                                     use_default_graph_as_union=True)))
    return int(term_value(solution["n"]) or 0)


def over_budget(counts: dict[str, int]) -> bool:
    """Whether a list the brief would show row by row is longer than a table may be.

    The governments are always counted by level in the brief, so they alone never make a brief
    over budget.
    """
    return any(counts[name] > TABLE_ROWS for name in ("memberships", "targets", "programmes"))


def annex_places(store, country: str) -> dict[str, set[str]]:
    """The places the annex of ``country``'s brief cites, by source key, each also by its tails.

    A tail is what follows a ", " or ": " of a place ("MX-BCN" of "ISO 3166-2:MX, MX-BCN"): a
    note that merged places one document shares (:func:`.data.merge_citations`) names each after
    the first by its tail alone.
    """
    places: dict[str, set[str]] = {}
    for name, (columns, _) in LISTS.items():
        source, locator = columns.index("source"), columns.index("locator")
        for row in _rows(store, country, name):
            if row[source] and row[locator]:
                place = str(row[locator])
                tails = {place[m.end():] for m in re.finditer(r"[,:] ", place)}
                places.setdefault(str(row[source]), set()).update({place} | tails)
    return places


def _rows(store, country: str, name: str):
    columns, query = LISTS[name]
    result = store.query(bind(query, {"country": Literal(country)}), prefixes=PREFIXES,
                         use_default_graph_as_union=True)
    variables = [v.value for v in result.variables]
    for solution in result:
        row = dict(zip(variables, (term_value(solution[v]) for v in variables)))
        if "roles" in row:
            row["role"] = row.pop("roles") or None
        yield [row.get(c) for c in columns]


def write_annex(store, country: str, folder: Path | str, name: str | None = None) -> list[Path]:
    """Write the full lists of the brief on ``country`` into ``folder/<CC>-annex/``, if it is over budget.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str
        ISO 3166-1 alpha-2 code of a country the graph holds (as :func:`.gather.resolve_country` gives it).
    folder : Path or str
        The folder the brief is written to; the annex goes into a folder beside the brief.
    name : str, optional
        What the annex's folder is named after (the brief file's stem); by default ``country``.

    Returns
    -------
    list of Path
        The files written: one CSV per list of :data:`LISTS`, then the workbook; empty when the
        brief is within budget (nothing is written then).
    """
    if not over_budget(list_counts(store, country)):
        return []
    base = Path(folder)
    files = annex_files(name or country)
    written = []
    for name, (columns, _) in LISTS.items():
        path = base / files[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows([_cell(v) for v in row] for row in _rows(store, country, name))
        written.append(path)
    path = base / files["workbook"]
    with atomic_path(path) as tmp:
        _write_workbook(tmp, [(name, LISTS[name][0], _rows(store, country, name)) for name in LISTS])
    written.append(path)
    return written


def _cell(value):
    return spreadsheet_cell(escape_controls(value)) if isinstance(value, str) else ("" if value is None else value)


# -- the workbook: Office Open XML written by hand, so that the same lists give the same bytes ---------------

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _column_name(index: int) -> str:
    """``0 -> "A"``, ``26 -> "AA"``."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xml_cell(ref: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = str(value).lower()
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    # XML 1.0 cannot hold most control characters: they are written as visible escapes
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(escape_controls(str(value)))}</t></is></c>'


def _entry(archive: zipfile.ZipFile, name: str):
    info = zipfile.ZipInfo(name, _ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return archive.open(info, "w")


def _write_workbook(path: Path, sheets) -> None:
    """Write ``sheets`` (name, columns, rows) as an ``.xlsx`` workbook, one sheet each, row by row."""
    names = [name for name, _, _ in sheets]
    with zipfile.ZipFile(path, "w") as archive:
        parts = {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                          for i in range(1, len(names) + 1)) + "</Types>"),
            "_rels/.rels": (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
                f'xmlns:r="{_REL}"><sheets>'
                + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, name in enumerate(names, 1)) + "</sheets></workbook>"),
            "xl/_rels/workbook.xml.rels": (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_REL}">'
                + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                          for i in range(1, len(names) + 1)) + "</Relationships>"),
        }
        for name, text in parts.items():
            with _entry(archive, name) as out:
                out.write(text.encode("utf-8"))
        for i, (_, columns, rows) in enumerate(sheets, 1):
            with _entry(archive, f"xl/worksheets/sheet{i}.xml") as out:
                out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
                          '<sheetData>'.encode("utf-8"))
                out.write(_xml_row(1, columns))
                for number, row in enumerate(rows, 2):
                    out.write(_xml_row(number, row))
                out.write(b"</sheetData></worksheet>")


def _xml_row(number: int, values) -> bytes:
    cells = "".join(_xml_cell(f"{_column_name(i)}{number}", v) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'.encode("utf-8")
