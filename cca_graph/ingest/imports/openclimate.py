"""Targets in OpenClimate's table shape (Net Zero Tracker, C2ES US states and Canadian provinces).

A folder holds ``Target.csv`` (target_id, actor_id, target_type, baseline_year,
target_year, target_value, target_unit, URL, datasource_id) and
``DataSource.csv``. Each target of a government becomes a Commitment citing the
dataset and the row's own URL. Actors are keyed by:

- an ISO 3166-1 or 3166-2 code (``US``, ``US-CA``): the country or region;
- a UN/LOCODE (``BG SOF``): a city, named by the dataset's own actor tables
  when it ships them (``Actor.csv`` rows whose actor_id is the LOCODE:
  actor_id, type, name, is_part_of), else by the LOCODE table given as
  ``locodes`` (``--locodes FILE``), else by UNECE's code list as the
  ``pyunlocode`` package ships it (:mod:`.unlocode`). That table is a CSV with the columns
  ``locode`` (``BG SOF``), ``name`` (``Sofia``), ``country`` (ISO 3166-1
  alpha-2, the LOCODE's first two letters) and ``subdivision`` (the ISO
  3166-2 code, ``BG-22``, or its suffix as UN/LOCODE writes it, ``22``; may
  be empty), one row per LOCODE::

      locode,name,country,subdivision
      CA CAL,Calgary,CA,AB

  The city is placed below its subdivision (or its country) like any other
  local government, matched to the government the graph has by name (the
  city-regions table makes Hamburg the Land DE-HH). A city governed under
  another name is placed on that government through the crosswalk
  ``loaders/tables/locode-governments.csv`` (Pretoria, ``ZA PRY``, is the City
  of Tshwane): its node when the graph has it, else the one government the
  graph holds under the government's or the city's name. Every placed row is
  listed in the report with the list that named it. A code whose place is in
  doubt is reported (``ambiguous``) and not placed: the file states one target
  (type, year, value, address) under several codes of places of one name
  (Essen's target under ``DE EEN``, ``DE ESS`` and ``DE ONU``), or the name
  fits several governments. A LOCODE named nowhere is counted, listed in the
  report (every row) and logged as ``unresolved``;
- an LEI (companies): counted and left out.

A target whose own URL names a plan or a strategy (:func:`names_a_plan`) also
gives its government an Instrument of type ``climate-action-plan`` that
implements the target, citing the same row and URL: the dataset documents the
target by that plan, which is the UN expert group's transition plan for it
(Recommendation 4) as far as the data can tell. Only a document on the
government's own site counts (its host names the government: winnipeg.ca for
Winnipeg); a plan-like address elsewhere (Portugal's target documented on the
EU's site) is listed in the report and not read as the government's plan.
Every plan so read is listed in the report too.

A row whose own fields contradict it is reported as suspect and not imported
(:func:`_suspect`): a base year that is the target year, a subdivision's target
evidenced by a country's NDC or by another subdivision's site (Net Zero
Tracker's line 218 keys to Kagawa a target on Nagasaki's site).

A target is one Commitment whichever dataset states it: its id is made from
what it says (government, commitment type, target year, base year, value and
unit: ``target.US-CA.emissions-reduction.2030.vs1990.40-percent``), so that
C2ES and Net Zero Tracker stating California's 40 % below 1990 by 2030 give one
target citing both rows, whichever is imported first, and importing either
again adds nothing. Each merge is listed in the report. Targets that differ in
any of these stay two. A plan is likewise one per government and document; a draft and its final
version are one document (:func:`one_document`: Michigan's Healthy Climate
Plan, cited as a draft by Net Zero Tracker and as published by C2ES), the plan
keeping the id the first import to read it gave.

Two statements of one target that disagree (the same government, commitment
type, target year and unit, a different base year or value where both state
one: Connecticut's 45 % by 2030 below 2001 in C2ES, below 1990 in Net Zero
Tracker) are both kept, each with its citation, for nothing tells which is
right; they are linked ``cca:conflictsWith`` both ways (in this import's
graph) and each pair is listed in the report's conflicts, with the file and
line of this import's statement and the dataset and line of the other
(:func:`disagreement`). Sources disagree only when no dataset states both: a
registry that lists two targets of one year under two ids states two targets,
not a disagreement, and such pairs are listed in the report apart. A file
that gives one target id to rows stating different targets of one type
contradicts itself, and says neither which replaced the other nor when each
was set: those rows are suspect (:func:`_one_id_two_targets`; C2ES's Canadian
lines 15 and 16, ``C2ES:CA-ON:2030``, 37 % below 1990 and 30 % below 2005). The other statement is a registry target
of the graph (another import) or another row of this file; the pairs are
settled after the last row, when every dataset stating each target is known.
Targets in different units are not compared: 2 tonnes per person and 40 %
below 1990 may both hold.

Streaming: rows are read one at a time (twice: a first reading keeps each target
id's first statement, to find the ids the file gives to different targets);
what is kept is the LOCODE table and
the dataset's LOCODE actors (one entry per city), the plans met, keyed by
government and URL (written after the last row, when every target a plan
documents is known), and what each target of the file says (government, type,
years, value, unit, lines, datasets), to find disagreements.
"""
from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pycountry
from pyoxigraph import NamedNode, Quad

from ...namespace import CCA
from ...safety import web_url
from ..cases import shown_path
from ..model import concept_iri, entity_iri, graph_iri
from . import ImportContext
from . import corrections as curated
from .gazetteer import region_chain
from .resolve import normalise, slug
from .tables import NA, read_rows, text_problems
from .unlocode import UNLocodes, read_crosswalk

__all__ = ["load_targets", "read_locodes", "names_a_plan", "one_document", "target_id", "disagreement",
           "TARGET_TYPES", "LOCODE_COLUMNS"]

#: the tables' target types -> commitment-type concept keys. Net Zero Tracker's "Relative emission reduction"
#: names intensity targets (China's 65 % below 2005 by 2030, its line 33, is per unit of GDP) and targets against
#: a business-as-usual projection (Colombia's 51 % by 2030, line 34) alike, and no column of its rows says
#: which: read as a relative reduction of a kind not stated, never as intensity
TARGET_TYPES = {
    "absolute emission reduction": "emissions-reduction",
    "relative emission reduction": "relative-reduction",
    "emission intensity reduction": "intensity",
    "net zero": "net-zero",
    "climate neutral": "carbon-neutrality",
    "ghg neutral": "carbon-neutrality",
}
_TARGET_COLUMNS = ["target_id", "actor_id", "target_type", "baseline_year", "target_year", "target_value",
                   "target_unit", "URL", "datasource_id"]
#: the columns of a LOCODE table (``--locodes``)
LOCODE_COLUMNS = ["locode", "name", "country", "subdivision"]
_LOCODE = re.compile(r"[A-Z]{2} [A-Z2-9]{3}")
_DATASOURCE_COLUMNS = ["datasource_id", "name", "publisher", "published", "URL"]
_ACTOR_COLUMNS = ["actor_id", "type", "name", "is_part_of"]
#: words of a document's address that name it a plan or a strategy (English, French, German,
#: Spanish, Portuguese, Italian: the languages of the datasets' plan documents)
_PLAN_WORDS = {"plan", "plans", "plano", "piano", "strategy", "strategie", "strategies", "estrategia",
               "strategia", "klimaplan", "actionplan", "climateactionplan", "klimaschutzplan"}


def _year(value: str):
    return int(value) if re.fullmatch(r"\d{4}", value) else None


def _own_site(url: str, names) -> bool:
    """Whether the address's host names the government (winnipeg.ca for Winnipeg), as a plan of its own needs.

    Examples
    --------
    >>> _own_site("https://winnipeg.ca/x/Climate-Action-Plan.pdf", {"Winnipeg"})
    True
    >>> _own_site("https://www.pref.nagasaki.jp/x/plan.pdf", {"Kagawa", "Kagawa-ken"})
    False
    """
    host = re.sub(r"[^a-z0-9]", "", (urlsplit(url).hostname or "").lower())
    keys = {re.sub(r"[^a-z0-9]", "", normalise(part)) for n in names if n for part in (n, n.split(",")[0])}
    return any(len(k) >= 4 and k in host for k in keys)


def names_a_plan(url: str) -> bool:
    """Whether the document at ``url`` is named a plan or a strategy by its own address.

    The last part of the address's path (the document's file or page name, as
    its publisher named it) must hold one of the words of ``_PLAN_WORDS`` as a
    whole word; host names and query strings do not count.

    Examples
    --------
    >>> names_a_plan("https://www.chicago.gov/content/dam/city/sites/climate-action-plan/documents/CHICAGO_CAP_20220429.pdf")
    False
    >>> names_a_plan("https://winnipeg.ca/sustainability/ClimateActionPlan/pdfs/CW_Climate-Action-Plan.pdf")
    True
    >>> names_a_plan("https://www.ca.gov/archive/gov39/wp-content/uploads/2018/09/9.10.18-Executive-Order.pdf")
    False
    """
    parts = [p for p in unquote(urlsplit(url).path).split("/") if p]
    if not parts:
        return False
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", parts[-1])
    return any(word in _PLAN_WORDS for word in re.split(r"[^a-z]+", name.lower()))


def _datasets(folder: Path, ctx: ImportContext) -> dict[str, dict]:
    """datasource_id -> a source entry, from DataSource.csv."""
    path = folder / "DataSource.csv"
    if not path.exists():
        ctx.problem(0, "DataSource.csv", "missing: the folder needs DataSource.csv beside Target.csv", str(path))
        return {}
    found = {}
    for line, row in read_rows(path, _DATASOURCE_COLUMNS, lambda n, c, m: ctx.problem(n, c, m, str(path))):
        faults = text_problems(row, _DATASOURCE_COLUMNS)
        for column, message in faults:
            ctx.problem(line, column, message, str(path))
        if faults:
            continue
        year = _year(row["published"][:4])
        if year is None:
            ctx.problem(line, "published", f"expected a date starting with a year, got {row['published']!r}", str(path))
            continue
        entry = {"key": slug(row["datasource_id"]), "title": row["name"], "publisher": row["publisher"], "year": year}
        if _address(ctx, row["URL"], f"{shown_path(path)}:{line}"):
            entry["url"] = row["URL"]
        found[row["datasource_id"]] = entry
    return found


def _subdivision(country: str, value: str) -> str | None:
    """The ISO 3166-2 code ``value`` means in ``country`` (a full code or UN/LOCODE's suffix), if any."""
    code = value if value.startswith(f"{country}-") else f"{country}-{value}"
    return code if pycountry.subdivisions.get(code=code) else None


def read_locodes(path: Path | str, problem) -> dict[str, dict]:
    """LOCODE -> ``{"name", "country", "parent", "line"}`` from a LOCODE table.

    ``problem(line, column, message)`` is called for every fault: a missing
    column, a LOCODE that is not two letters, a space and three letters or
    digits, or listed twice, an empty name, a country that is not ISO 3166-1
    alpha-2 or not the LOCODE's own, a subdivision that is not an ISO 3166-2
    code of that country. Rows with a fault are left out.
    """
    found: dict[str, dict] = {}
    for line, row in read_rows(Path(path), LOCODE_COLUMNS, problem):
        locode, country, sub = " ".join(row["locode"].upper().split()), row["country"].upper(), row["subdivision"]
        faults = text_problems(row, LOCODE_COLUMNS)
        if not _LOCODE.fullmatch(locode):
            faults.append(("locode", f"expected two letters, a space and three letters or digits "
                                     f"(e.g. 'BG SOF'), got {row['locode']!r}"))
        elif locode in found:
            faults.append(("locode", f"{locode!r} is listed twice (first at line {found[locode]['line']})"))
        if not row["name"]:
            faults.append(("name", "empty: the city's name is needed to place it"))
        if not pycountry.countries.get(alpha_2=country):
            faults.append(("country", f"{row['country']!r} is not an ISO 3166-1 alpha-2 code"))
        elif _LOCODE.fullmatch(locode) and locode[:2] != country:
            faults.append(("country", f"{country!r} is not the country of {locode!r} ({locode[:2]})"))
        parent = country
        if sub not in NA:
            parent = _subdivision(country, sub.upper())
            if parent is None:
                faults.append(("subdivision", f"{sub!r} is not an ISO 3166-2 code of {country}"))
        for column, message in faults:
            problem(line, column, message)
        if not faults:
            found[locode] = {"name": row["name"], "country": country, "parent": parent, "line": line}
    return found


def _dataset_locodes(folder: Path, ctx: ImportContext) -> dict[str, dict]:
    """The LOCODE-keyed actors of the dataset's own Actor.csv (none in the 2022 Net Zero Tracker)."""
    path = folder / "Actor.csv"
    if not path.exists():
        return {}
    found = {}
    for line, row in read_rows(path, _ACTOR_COLUMNS, lambda n, c, m: ctx.problem(n, c, m, str(path)),
                               empty_ok=True):
        faults = text_problems(row, _ACTOR_COLUMNS)
        for column, message in faults:
            ctx.problem(line, column, message, str(path))
        locode = row["actor_id"]
        if faults:
            continue
        if not _LOCODE.fullmatch(locode) or row["name"] in NA:
            continue
        country = locode[:2]
        part_of = row["is_part_of"]
        parent = part_of if part_of.startswith(f"{country}-") and _subdivision(country, part_of) else country
        found[locode] = {"name": row["name"], "country": country, "parent": parent, "line": line,
                         "how": "the dataset's Actor.csv"}
    return found


#: the units a target row may give: "percent" (every unit of the three OpenClimate folders read so far:
#: Net Zero Tracker, C2ES US and C2ES Canada give it or nothing) and "tCO2e", tonnes of CO2 equivalent
#: (an amount, as a per-person target states it); another is reported, never guessed
UNITS = {"percent", "tCO2e"}


def _statement(row: dict) -> tuple[tuple | None, tuple[str, str] | None]:
    """What a target row states, ``(type, target year, base year, value)``, or the fault of the column that
    does not read (``(column, message)``)."""
    kind = TARGET_TYPES.get(row["target_type"].strip().lower())
    if kind is None:
        return None, ("target_type", f"unknown target type {row['target_type']!r}; known: "
                                     f"{', '.join(sorted(TARGET_TYPES))}")
    target_year = _year(row["target_year"])
    if target_year is None:
        return None, ("target_year", f"expected a year, got {row['target_year']!r}")
    base_year = None if row["baseline_year"] in NA else _year(row["baseline_year"])
    if row["baseline_year"] not in NA and base_year is None:
        return None, ("baseline_year", f"expected a year, got {row['baseline_year']!r}")
    value = None
    if row["target_value"] not in NA or row["target_value"].lower() == "nan":
        try:
            value = float(row["target_value"])
        except ValueError:
            return None, ("target_value", f"expected a number, got {row['target_value']!r}")
        if not math.isfinite(value):  # NaN, inf, or a number too large for a float (1e400)
            return None, ("target_value", f"not a finite number: {row['target_value']!r}")
    unit = row["target_unit"]
    if unit not in NA and unit not in UNITS:
        # a misspelt unit would make a target of its own that no other dataset's statement of it meets
        return None, ("target_unit", f"{unit!r} is not a unit the import reads; known: {', '.join(sorted(UNITS))}")
    return (kind, target_year, base_year, value), None


#: why a row is suspect when the file gives its target id to another row that states another target
_ONE_ID = "one target id given to rows that state different targets, and which holds the file does not say"


def _one_id_two_targets(target_csv: Path) -> dict[int, tuple[str, str]]:
    """Line -> ``(why, what the report adds)`` for the rows whose target id and type the file gives to
    another row that states another target (a first reading of the file, before any row is imported).

    A registry's target id names one target (C2ES: ``C2ES:CA-ON:2030``, the government and the year;
    Net Zero Tracker gives it to a government's targets of several types in one year, so rows are
    compared within a type). C2ES's Canadian lines 15 and 16 both carry ``C2ES:CA-ON:2030``, for 37 %
    below 1990 and 30 % below 2005: the file says neither that one replaced the other nor when each was
    set, so both are suspect. Rows the other rules leave out (:func:`_suspect`) or that do not read are
    not compared. Kept: the first statement of each id and type, and the lines of the ids stated otherwise.
    """
    first: dict[tuple[str, str], tuple[int, tuple]] = {}
    others: dict[tuple[str, str], list[tuple[int, tuple]]] = {}
    for line, row in read_rows(target_csv, _TARGET_COLUMNS, lambda *fault: None):
        if text_problems(row, _TARGET_COLUMNS):
            continue
        said, fault = _statement(row)
        if fault or _suspect(row["actor_id"], said[2], said[1], row["URL"]):
            continue
        says = (*said[1:], None if row["target_unit"] in NA else row["target_unit"])
        key = (row["target_id"], said[0])
        if key not in first:
            first[key] = (line, says)
        elif says != first[key][1]:
            others.setdefault(key, []).append((line, says))
    found = {}
    for key, rows in others.items():
        rows = [first[key], *rows]
        for line, _ in rows:
            told = "; ".join(f"line {n} ({_says({'value': v, 'unit': u, 'base': b})} by {y})"
                             for n, (y, b, v, u) in rows if n != line)
            found[line] = (_ONE_ID, f": also the id of {told}")
    return found


def load_targets(path: Path, ctx: ImportContext, locodes: str | None = None, corrections: str | None = None,
                 **options) -> Iterator[Quad]:
    """Commitments from an OpenClimate-shaped folder (or its Target.csv).

    The curated corrections of the folder's rows (``corrections``, a table like the shipped
    ``loaders/tables/registry-corrections.csv``, :mod:`.corrections`) are applied as each row is read.
    """
    folder = path if path.is_dir() else path.parent
    target_csv = folder / "Target.csv"
    if not target_csv.is_file():
        ctx.problem(0, "path", "holds no Target.csv; targets reads an OpenClimate-shaped folder (Target.csv, "
                               "DataSource.csv)", str(folder))
        return
    datasets = _datasets(folder, ctx)
    cities = _dataset_locodes(folder, ctx)
    if locodes:
        table = read_locodes(locodes, lambda n, c, m: ctx.problem(n, c, m, str(locodes)))
        for locode, entry in table.items():
            cities.setdefault(locode, entry)
    shown = ctx.shown = str(target_csv)
    corrected = curated.for_dataset(ctx, folder, corrections)
    if corrected is None:
        return
    plans: dict[tuple[str, str], dict] = {}  # (government, URL) -> the plan's record, its targets gathered
    stated: dict[tuple, dict[str, dict]] = {}  # (government, type) -> target id -> what it says
    shared = _one_id_two_targets(target_csv)  # line -> why it is suspect, for rows the file contradicts
    listed = _Listed(target_csv, cities)  # the cities the code list and the crosswalk name
    for line, row in read_rows(target_csv, _TARGET_COLUMNS, lambda n, c, m: ctx.problem(n, c, m, shown)):
        ctx.report.rows += 1
        faults = text_problems(row, _TARGET_COLUMNS)
        for column, message in faults:
            ctx.problem(line, column, message, shown)
        if faults:
            continue
        actor = row["actor_id"]
        correction = curated.applied(ctx, corrected.pop(line, None), row, f"{shown}:{line}")
        if correction is not None and correction.action == "leave-out":
            ctx.decide(line, actor, actor[:2], None, curated.LEFT_OUT, correction.doubt)
            continue
        dataset = datasets.get(row["datasource_id"])
        if dataset is None:
            ctx.problem(line, "datasource_id", f"{row['datasource_id']!r} is not in DataSource.csv", shown)
            continue
        yield from ctx.source(dataset)
        said, fault = _statement(row)
        if fault:
            ctx.problem(line, *fault, shown)
            continue
        kind, target_year, base_year, value = said
        suspect = _suspect(actor, base_year, target_year, row["URL"]) or shared.get(line)
        if suspect:
            # reported, never asserted: the row says something its own fields (or the file's other rows) contradict
            why, told = suspect
            ctx.report.note(f"suspect rows not imported ({why})", f"{shown}:{line}: {row['target_id']}{told}",
                            keep=1_000_000)
            ctx.decide(line, actor, actor[:2], None, "suspect", why)
            continue
        cite = {"doc": dataset["key"], "locator": f"Target.csv line {line}, target {row['target_id']}"}
        if _address(ctx, row["URL"], f"{shown}:{line}"):
            cite["url"] = row["URL"]
        gid = yield from _government(ctx, actor, cities, cite, line, listed)
        if gid is None:
            continue
        ctx.report.countries[actor[:2]] += 1
        unit = None if row["target_unit"] in NA else row["target_unit"]
        record_id = target_id(gid, kind, target_year, base_year, value, unit)
        who = listed_as = f"{cities[actor]['name']} ({actor})" if actor in cities else actor
        if actor in cities and (name := _english_name(ctx, gid)):
            # the graph's government, titled by its own name as targets keyed by ISO codes are: UNECE's
            # spelling ('Léon' for León) and the city's name (Pretoria, governed by Tshwane) stay in the locator
            cite["locator"] += f", {listed_as}"
            who = name
        record = {
            "id": record_id, "type": "Commitment",
            "label": {"en": _label(who, kind, value, unit, base_year, target_year)},
            "committed_by": gid, "commitment_type": kind, "target_year": target_year, "source": cite,
        }
        if base_year is not None:
            record["base_year"] = base_year
        if value is not None:
            record["value"] = value
        if unit is not None:
            record["unit"] = unit
        if correction is not None:
            # what a curator read in the cited document against the row: shown beside the target, never plainly
            record["doubt"] = correction.doubt
            if correction.citation is not None:
                yield from ctx.source(correction.source)
                record["source"] = [cite, correction.citation]
        _merge(ctx, record_id, f"{shown}:{line}: target_id: {row['target_id']} states")
        quads = ctx.record(record, line, shown)
        yield from quads
        if quads:
            _state(ctx, (gid, kind), record_id, stated, line, (who, actor[:2]), dataset["key"],
                   {"year": target_year, "base": base_year, "value": value, "unit": unit})
        if quads and "url" in cite and names_a_plan(cite["url"]):
            names = {who.split(" (")[0], *([cities[actor]["name"]] if actor in cities else ()),
                     *(ctx.resolver.governments[gid].labels if gid in ctx.resolver.governments else ())}
            if not _own_site(cite["url"], names):
                # Portugal's target documented on the EU's site: not the government's plan
                ctx.report.note("plan-like addresses not read as the government's plan (the site is not its own)",
                                f"{who}: {cite['url']}", keep=1_000_000)
                continue
            plan = plans.setdefault((gid, cite["url"]), {"cites": [], "line": line, "who": who, "listed_as": listed_as,
                                                         "targets": []})
            plan["targets"].append(record_id)
            # the plan cites every row that documents a target by it (Quebec's 2030 target, line 163, and its
            # 2050 carbon neutrality, line 913): not the first row alone
            if cite not in plan["cites"]:
                plan["cites"].append(cite)
    curated.unread(ctx, corrected, shown)
    yield from _conflicts(ctx, stated)
    yield from _plans(ctx, plans, shown)


#: the registry targets of the graph (other imports) that name one government and type, with their years. LATERAL:
#: the values and citations of the targets found, looked up one by one (as plain OPTIONALs the store read every
#: citation of the graph for each question, 4 s a question at registry scale, 1 ms so)
_Q_SAME_TARGET = """SELECT DISTINCT ?t ?year ?base ?value ?unit ?key ?locator WHERE {
  { SELECT DISTINCT ?t ?year WHERE { GRAPH ?g { ?t cca:committedBy ?gov ; cca:commitmentType ?type ;
                                                   cca:targetYear ?year }
    FILTER (?g != ?own) } }
  LATERAL { OPTIONAL { ?t cca:baseYear ?base } } LATERAL { OPTIONAL { ?t cca:targetValue ?value } }
  LATERAL { OPTIONAL { ?t cca:unit ?unit } }
  LATERAL { OPTIONAL { GRAPH ?h { ?t cca:citation ?c . ?c dcterms:source ?s ; cca:locator ?locator }
                       FILTER (?h != ?own) ?s dcterms:identifier ?key } } }"""


def disagreement(one: dict, other: dict) -> list[str]:
    """The fields in which two statements of one target (same government and type) disagree.

    ``one`` and ``other`` hold ``base`` (year), ``value`` and ``unit``, each None when not
    stated, and may hold the target ``year``. Of one year, they disagree in the base year or
    value where both state it: a field one of them leaves unstated is no disagreement (it says
    less, not otherwise). Of two years, they disagree in the target year only when both state
    the same base year and value (Illinois's 26 % below 2005, by 2025 in Net Zero Tracker's line
    239, by 2030 in C2ES US line 12): else they are two targets. Targets in different units are
    not compared (2 tonnes per person and 40 % below 1990 may both hold).

    Examples
    --------
    >>> disagreement({"base": 1990, "value": 53.0, "unit": "percent"}, {"base": 2005, "value": 53.0, "unit": "percent"})
    ['base_year']
    >>> disagreement({"base": 1990, "value": 85.0, "unit": "percent"}, {"base": 2001, "value": 75.0, "unit": "percent"})
    ['base_year', 'target_value']
    >>> disagreement({"base": None, "value": 40.0, "unit": "percent"}, {"base": 1990, "value": 40.0, "unit": "percent"})
    []
    >>> disagreement({"base": 1990, "value": 40.0, "unit": "percent"}, {"base": 2005, "value": 2.0, "unit": "tCO2e"})
    []
    >>> disagreement({"year": 2025, "base": 2005, "value": 26.0, "unit": "percent"},
    ...              {"year": 2030, "base": 2005, "value": 26.0, "unit": "percent"})
    ['target_year']
    >>> disagreement({"year": 2025, "base": 2005, "value": 26.0, "unit": "percent"},
    ...              {"year": 2030, "base": 2005, "value": 40.0, "unit": "percent"})
    []
    """
    if one["unit"] != other["unit"]:
        return []
    if one.get("year") != other.get("year"):
        said = all(s[key] is not None for s in (one, other) for key in ("base", "value"))
        return ["target_year"] if said and (one["base"], one["value"]) == (other["base"], other["value"]) else []
    return [name for name, key in (("base_year", "base"), ("target_value", "value"))
            if one[key] is not None and other[key] is not None and one[key] != other[key]]


def _state(ctx: ImportContext, key: tuple, record_id: str, stated: dict, line: int, who: tuple[str, str],
           dataset: str, says: dict) -> None:
    """Note that this file's ``line`` (of ``dataset``) states ``record_id``, beside the other statements of its
    government and type: the registry targets of the graph (other imports, read once per key) and
    the other rows of this file. ``who``: the government's name and its country, as the report names them.
    """
    if key not in stated:
        stated[key] = _graph_targets(ctx, key)
    entry = stated[key].setdefault(record_id, {**says, "elsewhere": "", "datasets": set(), "lines": []})
    entry["datasets"].add(dataset)
    entry["lines"].append(line)
    entry["who"] = who


#: pairs of one year's targets that a dataset states both of: two targets, not a disagreement
_BOTH_STATED = "targets of one year that one dataset states both of: two targets, not sources that disagree"


def _conflicts(ctx: ImportContext, stated: dict) -> Iterator[Quad]:
    """Link every pair of disagreeing statements of one target that this import takes part in, and report each.

    A pair disagrees when :func:`disagreement` finds a field and no dataset states both targets;
    a pair of one year that one dataset states both of is listed apart. A pair of two years
    disagrees only when neither dataset states a target of the other's year too (a dataset that
    has a target of its own for that year says something else of it). Each is reported at the
    first line of this file's statement (the later one when the file states both).
    """
    graph = NamedNode(graph_iri(ctx.graph))
    found = []
    for key in sorted(stated):
        targets = stated[key]
        for one, other in itertools.combinations(sorted(targets), 2):
            a, b = targets[one], targets[other]
            fields = disagreement(a, b)
            if not fields or not (a["lines"] or b["lines"]):
                continue  # agree, or a pair of other imports, settled by them
            # this import's statement first: the one whose first line is later when both are its own
            (mine, mine_id), (theirs, theirs_id) = sorted(
                ((a, one), (b, other)), key=lambda s: -(s[0]["lines"][0] if s[0]["lines"] else 0))
            both = sorted(a["datasets"] & b["datasets"])
            if fields == ["target_year"]:
                if both or _of_year(targets, a["datasets"], b["year"]) or _of_year(targets, b["datasets"], a["year"]):
                    continue  # two targets of two years
            elif both:
                ctx.report.note(_BOTH_STATED, f"{_where(ctx, mine)}: {mine_id} ({_says(mine)}) and {theirs_id} "
                                f"({_says(theirs)}, {_where(ctx, theirs)}): both stated by {', '.join(both)}",
                                keep=1_000_000)
                continue
            found.append((mine["lines"][0], mine_id, theirs_id, mine, theirs, fields))
    for line, mine_id, theirs_id, mine, theirs, fields in sorted(found, key=lambda f: f[:3]):
        by = " by {year}" if fields == ["target_year"] else ""
        ctx.report.conflict(line, *mine["who"], ", ".join(fields),
                            f"{_where(ctx, mine)} states {_says(mine)}{by.format(**mine)}; {_where(ctx, theirs)} "
                            f"states {_says(theirs)}{by.format(**theirs)} ({theirs_id})",
                            f"both kept, each with its citation, linked as conflicting ({mine_id} "
                            f"cca:conflictsWith {theirs_id})")
        ctx.report.records["conflictsWith links (pairs of targets that disagree)"] += 1
        a, b = NamedNode(entity_iri(mine_id)), NamedNode(entity_iri(theirs_id))
        yield Quad(a, NamedNode(str(CCA.conflictsWith)), b, graph)
        yield Quad(b, NamedNode(str(CCA.conflictsWith)), a, graph)


def _of_year(targets: dict[str, dict], datasets: set[str], year: int) -> bool:
    """Whether one of ``datasets`` states a target of ``year`` among ``targets`` (one government and type)."""
    return any(t["year"] == year and t["datasets"] & datasets for t in targets.values())


def _graph_targets(ctx: ImportContext, key: tuple) -> dict[str, dict]:
    """The registry targets of the graph, less this import's, that name ``key``'s government and type."""
    from ...graph.sparql import run_sparql

    if ctx.resolver.store is None:
        return {}
    gid, kind = key
    found = run_sparql(ctx.resolver.store, _Q_SAME_TARGET, {
        "gov": NamedNode(entity_iri(gid)), "type": NamedNode(concept_iri("commitment-type", kind)),
        "own": NamedNode(graph_iri(ctx.graph))})
    targets: dict[str, dict] = {}
    for row in found.to_dict("records"):
        tid = str(row["t"]).removeprefix(entity_iri(""))
        if not tid.startswith("target."):  # a curated commitment says more than a registry row can compare
            continue
        entry = targets.setdefault(tid, {"year": int(row["year"]), "base": _given(row["base"], int),
                                         "value": _given(row["value"], float),
                                         "unit": _given(row["unit"], str), "places": set(), "datasets": set(),
                                         "lines": []})
        if _given(row["key"], str):
            entry["datasets"].add(row["key"])
            if _given(row["locator"], str):
                entry["places"].add(f"{row['key']} ({row['locator']})")
    for entry in targets.values():
        entry["elsewhere"] = "; ".join(sorted(entry.pop("places"))) or "another import"
    return targets


def _where(ctx: ImportContext, target: dict) -> str:
    """Where a target is stated: this file's lines first, then the other imports' datasets and lines."""
    return "; ".join([f"{ctx.shown}:{line}" for line in target["lines"]] + [target["elsewhere"]] * bool(
        target["elsewhere"]))


def _given(cell, kind):
    """A result cell as ``kind``, or None when empty."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    return kind(cell)


def _says(target: dict) -> str:
    """What a target states, shortly: ``53% vs 1990``."""
    return _amount(target["value"], target["unit"], target["base"]).strip() or "no value or base year"


def _amount(value: float | None, unit: str | None, base_year: int | None) -> str:
    """A target's value and base year as its label says them: `` 53% vs 1990``."""
    amount = "" if value is None else f" {value:g}{'%' if unit == 'percent' else ' ' + (unit or '')}".rstrip()
    return amount + ("" if base_year is None else f" vs {base_year}")


#: a Nationally Determined Contribution named in an address ("NDC Georgia", "/NDC/2022-06/"): a national document
_NDC = re.compile(r"(?<![a-z])ndc(?![a-z])", re.IGNORECASE)


def _suspect(actor: str, base_year: int | None, target_year: int, url: str) -> tuple[str, str] | None:
    """Why a target row cannot be taken as it stands, and what the report adds to its line; or None.

    >>> _suspect("US-GA", 1990, 2030, "https://www4.unfccc.int/sites/ndcstaging/PublishedDocuments/Georgia%20First/NDC%20Georgia.pdf")
    ("a subdivision's target whose evidence is a country's NDC", '')
    >>> _suspect("ID", 2030, 2030, "https://unfccc.int/sites/default/files/NDC/2022-09/ENDC%20Indonesia.pdf")[0]
    'the base year is the target year: a reduction against a projection for that year, which the vocabulary cannot state'
    >>> _suspect("US-CA", 1990, 2030, "https://ww2.arb.ca.gov/our-work/programs/ab-32-climate-change-scoping-plan") is None
    True
    >>> _suspect("JP-01", 2013, 2030, "https://www.pref.aomori.lg.jp/soshiki/kankyo/kankyo/2050CO2zero.html")
    ("a subdivision's target whose evidence is another subdivision's site", ': JP-01, on the site of JP-02 (www.pref.aomori.lg.jp)')
    """
    if base_year is not None and base_year == target_year:
        return ("the base year is the target year: a reduction against a projection for that year, which the "
                "vocabulary cannot state", "")
    if "-" in actor and _NDC.search(url.replace("%20", " ")):
        return "a subdivision's target whose evidence is a country's NDC", ""
    other = _other_subdivision_site(actor, url)
    if other:
        return ("a subdivision's target whose evidence is another subdivision's site",
                f": {actor}, on the site of {other} ({urlsplit(url).hostname})")
    return None


def _other_subdivision_site(actor: str, url: str) -> str | None:
    """The subdivision of the actor's country, other than the actor and the regions it lies in or holds, that
    a label of the address's host names (``pref.aomori.lg.jp``: Aomori, JP-02), if exactly one.

    Net Zero Tracker keys Aomori's 2030 target (its line 186, on Aomori's site) to Hokkaido (JP-01), whose
    own target is the next line's: the row's actor and its evidence name two governments, and nothing
    tells which is right.
    """
    if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", actor):
        return None
    labels = set(re.split(r"[.-]", (urlsplit(url).hostname or "").lower()))
    own = set(region_chain(actor))
    named = {sub.code for sub in pycountry.subdivisions.get(country_code=actor[:2]) or ()
             if len(key := normalise(sub.name).replace(" ", "")) >= 4 and key in labels}
    others = {code for code in named if not own & set(region_chain(code))}
    return others.pop() if len(others) == 1 and not named & own else None


#: a government's English labels in the graph, less the import's own graph
_Q_ENGLISH = """SELECT ?label WHERE { GRAPH ?g { ?gov rdfs:label ?label } FILTER (LANG(?label) = "en" && ?g != ?own) }"""


def _english_name(ctx: ImportContext, gid: str) -> str | None:
    """The English label the graph gives ``gid`` outside this import (the first in sorted order, should it
    have several), or None: the import creates the government, or the store is empty."""
    from ...graph.sparql import run_sparql

    if ctx.resolver.store is None:
        return None
    found = run_sparql(ctx.resolver.store, _Q_ENGLISH,
                       {"gov": NamedNode(entity_iri(gid)), "own": NamedNode(graph_iri(ctx.graph))})
    return min(map(str, found["label"]), default=None)


def _address(ctx: ImportContext, url: str, where: str) -> bool:
    """Whether ``url`` is cited: an http(s) address; any other (javascript:, data:, file:…) is listed in the report."""
    if url in NA:
        return False
    if web_url(url):
        return True
    ctx.report.note("URLs that are not http(s) addresses, not cited", f"{where}: {url!r}", keep=1_000_000)
    return False


def _government(ctx: ImportContext, actor: str, cities: dict[str, dict], cite: dict, line: int, listed: _Listed):
    """The id of the row's government, or None when it is left out (a generator: yields what it creates).

    A city first met in the code list is added to ``cities``, so that the row's target is labelled by its name.
    """
    country = actor[:2]
    if re.fullmatch(r"[A-Z]{2}", actor) and pycountry.countries.get(alpha_2=actor):
        yield from ctx.ensure_country(actor, cite, line)
        ctx.decide(line, actor, country, actor, "iso-3166")
        return actor
    if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", actor) and pycountry.subdivisions.get(code=actor):
        yield from ctx.ensure_subdivision(actor, cite, line)
        ctx.decide(line, actor, country, actor, "iso-3166")
        return actor
    if _LOCODE.fullmatch(actor):
        if actor in listed.doubts and actor not in cities:
            ctx.report.note(_AMBIGUOUS, f"{ctx.shown}:{line}: {actor!r}: {listed.doubts[actor]}", keep=1_000_000)
            ctx.decide(line, actor, country, None, "ambiguous", listed.doubts[actor])
            return None
        city = cities.get(actor) or listed.city(actor)
        if city is None:
            ctx.report.note("targets of cities keyed by UN/LOCODE that neither the dataset's actor tables, "
                            "the LOCODE table (--locodes) nor the UN/LOCODE code list name: left out",
                            f"{ctx.shown}:{line}: {actor!r}", keep=1_000_000)
            ctx.decide(line, actor, country, None, "unresolved",
                       "UN/LOCODE named neither by the dataset's Actor.csv, --locodes nor the UN/LOCODE code list")
            return None
        if actor not in cities and "government" not in city and ctx.resolver.city_region(city["country"], city["name"]):
            # a city the city-regions table places (Zagreb is HR-21): the list's subdivision (HR-01, the county
            # around it) is UNECE's, not a statement of the row to weigh against the table
            city["parent"] = city["country"]
        cities.setdefault(actor, city)
        yield from ctx.ensure_country(city["country"], cite, line)
        if city["parent"] != city["country"]:
            yield from ctx.ensure_subdivision(city["parent"], cite, line)
        if "government" in city:
            gid, quads = _crosswalked(ctx, actor, city, cite, line)
        else:
            gid, quads = ctx.place(city["name"], city["country"], city["parent"], "local", cite, line, locode=actor)
        yield from quads
        if gid is not None:
            ctx.report.governments["cities named by their UN/LOCODE"] += 1
            how = city.get("how", "the LOCODE table (--locodes)")
            ctx.report.governments[f"cities named by their UN/LOCODE, through {how.split(':')[0]}"] += 1
            ctx.report.note(_PLACED, f"{ctx.shown}:{line}: {actor} ({city['name']}) is {gid}, named by {how}",
                            keep=1_000_000)
        return gid
    if re.fullmatch(r"[A-Z0-9]{20}", actor):
        ctx.report.note("targets of companies (LEI codes), left out")
        ctx.decide(line, actor, "", None, "left-out", "a company (LEI), not a government")
    else:
        ctx.report.note("actors that are not ISO 3166 codes, UN/LOCODEs or LEIs, left out",
                        f"{ctx.shown}:{line}: {actor!r}", keep=1_000_000)
        ctx.decide(line, actor, "", None, "unresolved", "neither an ISO 3166 code, a UN/LOCODE nor an LEI")
    return None


#: the report's titles of the LOCODE rows placed, and of those whose place is in doubt
_PLACED = "targets of cities keyed by UN/LOCODE, placed (the government, and the list that named the city)"
_AMBIGUOUS = "targets of cities keyed by UN/LOCODE whose place is in doubt, not placed (ambiguous)"


class _Listed:
    """The cities of the file's LOCODEs that the UN/LOCODE code list and the crosswalk name.

    Read when the file has a LOCODE the dataset and the ``--locodes`` table leave
    unnamed. ``doubts``: code -> why its place is in doubt (:func:`_namesake_codes`).
    """

    def __init__(self, target_csv: Path, named: dict[str, dict]):
        codes = {row["actor_id"] for _, row in read_rows(target_csv, ["actor_id"], lambda *fault: None)
                 if _LOCODE.fullmatch(row["actor_id"]) and row["actor_id"] not in named}
        self.named = set(named)  # the codes the dataset and the --locodes table name
        self._codes = UNLocodes.load() if codes else None
        self._crosswalk = read_crosswalk() if codes else {}
        self.doubts = _namesake_codes(target_csv, self) if codes else {}

    def city(self, locode: str) -> dict | None:
        """The entry of ``locode`` as :func:`read_locodes` gives one, with ``how`` it was named (and the
        ``government`` the crosswalk names); None when the code list lacks it."""
        entry = self._codes.entry(locode) if self._codes is not None else None
        if entry is None:
            return None
        city = {"name": entry["name"], "country": entry["country"], "parent": entry["parent"],
                "how": "the UN/LOCODE code list (UNECE, via pyunlocode)"}
        if locode in self._crosswalk:
            government = self._crosswalk[locode]
            city.update(government=government, how=f"the crosswalk locode-governments.csv: {government['source']}")
        return city


def _namesake_codes(target_csv: Path, listed: _Listed) -> dict[str, str]:
    """Codes of the code list whose place is in doubt: the file states one target (type, year, value, address)
    under several codes of places of one name in one country, code -> why.

    Net Zero Tracker keys Essen's targets (lines 311, 312 and 314; 1031, 1032 and 1034, all citing essen.de)
    to ``DE EEN`` and ``DE ONU`` (Essen, Lower Saxony) and ``DE ESS`` (Essen, North Rhine-Westphalia): which
    Essen is meant, the codes do not tell. Codes the crosswalk names are not in doubt.
    """
    seen: dict[tuple, set[str]] = {}
    for _, row in read_rows(target_csv, _TARGET_COLUMNS, lambda *fault: None):
        actor = row["actor_id"]
        city = listed.city(actor) if _LOCODE.fullmatch(actor) and actor not in listed.named else None
        if city is None or "government" in city:
            continue
        key = (city["country"], normalise(city["name"]), row["target_type"].strip().lower(), row["target_year"],
               row["target_value"], row["URL"])
        seen.setdefault(key, set()).add(actor)
    doubts = {}
    for (country, _, *_), codes in seen.items():
        if len(codes) > 1:
            places = ", ".join(f"{code} ({listed.city(code)['parent']})" for code in sorted(codes))
            for code in codes:
                doubts[code] = (f"the file states one target under {len(codes)} codes of places named "
                                f"{listed.city(code)['name']!r} in {country}: {places}; which one is meant is not told")
    return doubts


def _crosswalked(ctx: ImportContext, actor: str, city: dict, cite: dict, line: int) -> tuple[str | None, list[Quad]]:
    """The government the crosswalk names for a city governed under another name (Pretoria: Tshwane).

    Its node when the graph has it (or its ISO 3166 code); else the one local government of the region the
    graph holds under the government's or the city's name (ClimActor's 'Durban' for eThekwini); several are
    reported, never guessed; none: the government is created under the crosswalk's name, with the crosswalk's id.
    """
    r, country, government = ctx.resolver, city["country"], city["government"]
    node, why = government["node"], f"crosswalk locode-governments.csv line {government['line']}"
    if ctx.exists(node) or "." not in node:
        quads = [] if ctx.exists(node) else list(ctx.ensure_subdivision(node, cite, line) if "-" in node
                                                 else ctx.ensure_country(node, cite, line))
        r.remember(node, government["name"], country, r.region_of(node), locode=actor)
        ctx.decide(line, actor, country, node, "locode-crosswalk", why)
        return node, quads
    region = node.rsplit(".", 1)[0]
    region = region if "-" in region else None
    found = sorted({g for name in (government["name"], city["name"])
                    for g in r.match_name(name, country, "local", region)[0]})
    if len(found) == 1:
        r.remember(found[0], government["name"], country, region, locode=actor)
        ctx.decide(line, actor, country, found[0], "locode-crosswalk", f"{why}; the graph's government of that name")
        return found[0], []
    if found:
        ctx.report.note(_AMBIGUOUS, f"{ctx.shown}:{line}: {actor!r}: the graph holds {len(found)} governments "
                        f"named {government['name']!r} or {city['name']!r}: {', '.join(found)}", keep=1_000_000)
        ctx.decide(line, actor, country, None, "ambiguous", f"{why}; candidates {', '.join(found)}")
        return None, []
    return ctx.place(government["name"], country, region or country, "local", cite, line, locode=actor)


def _document(url: str) -> tuple[str, tuple[str, ...], bool]:
    """What names the document at ``url``: its host less ``www.``, the words of its file name less "draft"
    and numbers that are not years (a site's document numbers), and whether the name marks a draft.

    >>> _document("https://www.michigan.gov/documents/egle/Draft-MI-Healthy-Climate-Plan_745872_7.pdf")
    ('michigan.gov', ('mi', 'healthy', 'climate', 'plan'), True)
    >>> _document("https://example.org/docs/Climate-Plan-2030.pdf?rev=2")
    ('example.org', ('climate', 'plan', '2030'), False)
    """
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    parts = [p for p in unquote(urlsplit(url).path).split("/") if p]
    words = [w for w in re.split(r"[^a-z0-9]+", re.sub(r"\.[A-Za-z0-9]{1,5}$", "", parts[-1]).lower()) if w] \
        if parts else []
    kept = tuple(w for w in words if w != "draft" and not (w.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", w)))
    return host, kept, "draft" in words


def one_document(url: str, other: str) -> bool:
    """Whether two addresses are one plan document: the same address, or a draft and its final version
    (or two drafts of it) on one site, named alike once "draft" and document numbers are left out.

    Net Zero Tracker cites Michigan's draft Healthy Climate Plan, C2ES the plan as published (Net Zero
    Tracker line 244, C2ES US line 22: both for 28 % below 2005 by 2025). Two addresses neither of which
    is a draft stay two documents, however alike (a plan of 2015 and its successor of 2020).

    >>> one_document("https://www.michigan.gov/documents/egle/Draft-MI-Healthy-Climate-Plan_745872_7.pdf",
    ...              "https://www.michigan.gov/egle/-/media/Project/Websites/egle/Documents/Offices/OCE/"
    ...              "MI-Healthy-Climate-Plan.pdf?rev=d13f4adc2b1d45909bd708cafccbfffa")
    True
    >>> one_document("https://example.org/2015/climate-plan.pdf", "https://example.org/2020/climate-plan.pdf")
    False
    """
    if url == other:
        return True
    (host, name, draft), (other_host, other_name, other_draft) = _document(url), _document(other)
    return bool(name) and (host, name) == (other_host, other_name) and (draft or other_draft)


#: the plans of a government that other imports read from a target's URL, with the addresses they cite
_Q_PLANS = """SELECT ?plan ?label ?url WHERE {
  GRAPH ?g { ?plan cca:adoptedBy ?gov ; cca:instrumentType instrument-type:climate-action-plan ; rdfs:label ?label ;
             cca:citation/schema:url ?url }
  FILTER (?g != ?own && STRSTARTS(STR(?plan), "https://w3id.org/cca-graph/id/plan."))
}"""


def _graph_plans(ctx: ImportContext, gid: str) -> list[tuple[str, str, str]]:
    """``(plan id, label, address)`` of the plans of ``gid`` that other imports read, sorted."""
    from ...graph.sparql import run_sparql

    if ctx.resolver.store is None:
        return []
    found = run_sparql(ctx.resolver.store, _Q_PLANS, {"gov": NamedNode(entity_iri(gid)),
                                                       "own": NamedNode(graph_iri(ctx.graph))})
    return sorted({(str(p).removeprefix(entity_iri("")), str(label), str(url))
                   for p, label, url in zip(found["plan"], found["label"], found["url"])})


def _one_plan_per_document(plans: dict[tuple[str, str], dict]) -> list[tuple[str, list[str], dict]]:
    """The plans of this file gathered by document: ``(government, addresses, plan)``, first read first.

    A draft and its final version (:func:`one_document`) are one plan, implementing and citing what both do.
    """
    gathered: list[tuple[str, list[str], dict]] = []
    for (gid, url), plan in sorted(plans.items(), key=lambda kv: (kv[0][0], kv[1]["line"], kv[0][1])):
        same = next((g for g in gathered if g[0] == gid and any(one_document(url, u) for u in g[1])), None)
        if same is None:
            gathered.append((gid, [url], {**plan, "targets": list(plan["targets"]), "cites": list(plan["cites"])}))
            continue
        same[1].append(url)
        same[2]["targets"] += [t for t in plan["targets"] if t not in same[2]["targets"]]
        same[2]["cites"] += [c for c in plan["cites"] if c not in same[2]["cites"]]
    return gathered


def _plans(ctx: ImportContext, plans: dict[tuple[str, str], dict], shown: str) -> Iterator[Quad]:
    """One climate-action-plan per government and plan document, implementing the targets it documents.

    A plan another import read from an address of the same document keeps its id and label, and
    cites this file's rows too; else the id is made from the first address read.
    """
    for gid, urls, plan in _one_plan_per_document(plans):
        for url in urls:
            ctx.report.note("plans read from a target's URL (its address names a plan or a strategy)",
                            f"{plan['listed_as']}: {url}", keep=1_000_000)
        # one plan per government and document, whichever dataset cites it: the id says which, not who read it
        plan_id = f"plan.{gid}.{hashlib.sha1(urls[0].encode()).hexdigest()[:10]}"
        label = f"{plan['who']}: plan documented at {urls[0]}"
        known = next(((p, lab, u) for p, lab, u in _graph_plans(ctx, gid) if any(one_document(u, url) for url in urls)),
                     None) if ctx.reader.ids.get(plan_id) is None else None
        if known is not None:
            plan_id, label = known[0], known[1]
        for url in urls[1:] + ([known[2]] if known is not None and known[2] not in urls else []):
            ctx.report.note("addresses of one plan document (a draft and its final version), one plan",
                            f"{shown}:{plan['line']}: URL: {url} is the document of {plan_id} ({urls[0]})",
                            keep=1_000_000)
        if ctx.reader.ids.get(plan_id) is not None:
            ctx.report.note("plans another dataset reads too, one plan citing both",
                            f"{shown}:{plan['line']}: URL: {urls[0]} is the plan {plan_id}", keep=1_000_000)
            ctx.reader.ids.pop(plan_id)
        record = {
            "id": plan_id,
            "type": "Instrument", "instrument_type": "climate-action-plan",
            "label": {"en": label},
            "description": "The plan document the dataset cites for these targets.",
            # how the import read it, for curators: never shown to readers
            "curation_note": "Taken as a plan because the address the dataset cites for the targets names a plan "
                             "or a strategy.",
            "adopted_by": gid, "implements": plan["targets"],
            "source": plan["cites"][0] if len(plan["cites"]) == 1 else plan["cites"],
        }
        yield from ctx.record(record, plan["line"], shown)


#: how a target's label names its kind (one wording per commitment type, whichever source states it)
_KIND_WORDS = {"emissions-reduction": "absolute emission reduction", "intensity": "emission intensity reduction",
               "relative-reduction": "relative emission reduction (kind not stated)",
               "net-zero": "net zero", "carbon-neutrality": "climate neutral"}


def target_id(gid: str, kind: str, target_year: int, base_year: int | None, value: float | None,
              unit: str | None) -> str:
    """The id of a target: what it says, not which row of which dataset says it.

    Two sources that state the same target (the same government, commitment
    type, target year, base year, value and unit) state one target, whichever
    is imported first; a target that differs in any of these is another.

    Examples
    --------
    >>> target_id("US-CA", "emissions-reduction", 2030, 1990, 40.0, "percent")
    'target.US-CA.emissions-reduction.2030.vs1990.40-percent'
    >>> target_id("US-CA", "net-zero", 2045, None, None, None)
    'target.US-CA.net-zero.2045'
    """
    parts = [gid, kind, str(target_year)]
    if base_year is not None:
        parts.append(f"vs{base_year}")
    if value is not None or unit:
        parts.append(slug(f"{'' if value is None else f'{value:g}'} {unit or ''}"))
    return "target." + ".".join(parts)


def _merge(ctx: ImportContext, record_id: str, where: str) -> None:
    """Make ``record_id`` recordable again when it is stated already, and report the merge.

    Stated by another import (another dataset), or by an earlier row of this
    file, it is one target: the row's record is written again, with the same
    quads but its own citation, and the store keeps one target citing both.
    The record checker's ids tell which (those of the graph are known at
    ``<store>``).
    """
    first = ctx.reader.ids.get(record_id)
    if first is None or first.type != "Commitment":
        return
    if first.path == "<store>":
        ctx.report.note("targets another dataset states too, one target citing both",
                        f"{where} {record_id}, which {', '.join(_stated_by(ctx, record_id)) or 'another import'} "
                        "states too", keep=1_000_000)
    else:
        ctx.report.note("targets the file states on several rows, one target citing each row",
                        f"{where} {record_id}, as line {first.line} does", keep=1_000_000)
    ctx.reader.ids.pop(record_id)


def _stated_by(ctx: ImportContext, record_id: str) -> list[str]:
    """The sources the graph (less this import) cites for ``record_id``, with their locators."""
    from ...graph.sparql import run_sparql

    if ctx.resolver.store is None:
        return []
    found = run_sparql(ctx.resolver.store, "SELECT ?key ?locator ?g WHERE { GRAPH ?g { ?t cca:citation ?c . "
                       "?c dcterms:source ?s ; cca:locator ?locator } ?s dcterms:identifier ?key }",
                       {"t": NamedNode(entity_iri(record_id))})
    own = graph_iri(ctx.graph)
    return sorted({f"{key} ({locator})" for key, locator, g in zip(found["key"], found["locator"], found["g"])
                   if g != own})


def _label(who: str, kind: str, value: float | None, unit: str | None, base_year: int | None,
           target_year: int) -> str:
    """A target's label, in the words of :data:`_KIND_WORDS`.

    >>> _label("US-CA", "emissions-reduction", 40.0, "percent", 1990, 2030)
    'US-CA: absolute emission reduction 40% vs 1990 by 2030'
    >>> _label("US-CA", "emissions-reduction", 0.0, "percent", 1990, 2020)  # a reduction of 0 % is a return
    'US-CA: emissions back to the 1990 level by 2020'
    >>> _label("CN", "relative-reduction", 65.0, "percent", 2005, 2030)
    'CN: relative emission reduction (kind not stated) 65% vs 2005 by 2030'
    """
    if kind == "emissions-reduction" and value == 0 and unit == "percent" and base_year is not None:
        return f"{who}: emissions back to the {base_year} level by {target_year}"
    return f"{who}: {_KIND_WORDS[kind]}{_amount(value, unit, base_year)} by {target_year}"
