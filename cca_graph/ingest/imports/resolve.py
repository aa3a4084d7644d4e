"""One government, one node: finding the government a row from a registry means.

Countries and first-level subdivisions are keyed by their ISO 3166 codes;
other governments by ``<parent id>.<slug>``. A name is matched against the
governments already in the graph (their labels in every language, and the
names pycountry gives the subdivisions, then the curated alias table
``loaders/tables/subdivision-aliases.csv`` for names ISO 3166-2 spells
otherwise), never by guess: a name with several candidates is reported with
them and left alone.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from pyoxigraph import Store

from ...errors import InputError, Problem
from ..cases import shown_path
from ..model import ID, graph_iri
from .tables import read_rows, shipped_table

__all__ = ["normalise", "slug", "Resolver", "Government", "country_code", "innermost",
           "read_subdivision_aliases", "SUBDIVISION_ALIASES"]

#: the shipped table of subdivision names ISO 3166-2 spells otherwise
SUBDIVISION_ALIASES = "subdivision-aliases.csv"

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
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _core(name: str) -> str:
    """A subdivision name without words like 'state' or 'prefecture'."""
    return " ".join(_SUBDIVISION_WORDS.sub(" ", normalise(name)).split())


def slug(name: str) -> str:
    """An id part made from a name: ASCII letters, digits and '-'.

    Examples
    --------
    >>> slug("São Paulo (city)")
    'sao-paulo-city'
    """
    return normalise(name).replace("_", " ").strip().replace(" ", "-") or "unnamed"


def country_code(value: str) -> str | None:
    """ISO 3166-1 alpha-2 code for an alpha-2, alpha-3 code or an English country name."""
    value = (value or "").strip()
    if not value:
        return None
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


@dataclass
class Government:
    id: str
    level: str
    parent: str | None
    labels: set[str] = field(default_factory=set)


_GOVERNMENTS = """
SELECT ?gov ?level ?parent ?label ?g WHERE {
  GRAPH ?g { ?gov a cca:Government }
  ?gov cca:level ?lvl . ?lvl skos:notation ?level .
  OPTIONAL { ?gov cca:partOf ?parent }
  OPTIONAL { ?gov rdfs:label ?label }
}
"""

_RECORDS = """
SELECT DISTINCT ?entity ?class ?g WHERE { GRAPH ?g { ?entity a ?class } FILTER(STRSTARTS(STR(?class), STR(cca:))) }
"""


_MEMBERSHIPS = """
SELECT ?g ?member ?network ?role WHERE { GRAPH ?g { ?m a cca:Membership ; org:member ?member ;
  org:organization ?network ; org:role ?role } }
"""


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
                 aliases: dict[tuple[str, str], str] | None = None):
        from ...graph.sparql import run_sparql

        self._aliases = aliases
        self._by_name: dict[tuple[str, str], set[str]] = {}
        self.governments: dict[str, Government] = {}
        self.records: dict[str, str] = {}
        self.sources: set[str] = set()
        self.network_labels: list[tuple[str, str]] = []
        excluded = graph_iri(exclude_graph) if exclude_graph else None
        self._store, self._excluded = store, excluded
        self._memberships: set[tuple[str, str, str]] | None = None
        if store is None:
            return
        for row in run_sparql(store, "SELECT ?n ?label WHERE { ?n a cca:Network ; rdfs:label ?label }").itertuples(index=False):
            self.network_labels.append((row.n[len(ID):], row.label))
        self.sources = set(run_sparql(store, "SELECT ?key WHERE { ?s a cca:Source ; dcterms:identifier ?key }")["key"])
        for row in run_sparql(store, _RECORDS).itertuples(index=False):
            if row.g == excluded or not row.entity.startswith(ID) or "/" in row.entity[len(ID):]:
                continue
            self.records.setdefault(row.entity[len(ID):], row._1.rsplit("#", 1)[-1])
        for row in run_sparql(store, _GOVERNMENTS).itertuples(index=False):
            if row.g == excluded:
                continue
            gid = row.gov[len(ID):]
            gov = self.governments.setdefault(gid, Government(gid, row.level, None))
            if isinstance(row.parent, str):
                gov.parent = row.parent[len(ID):]
            if isinstance(row.label, str):
                gov.labels.add(row.label)
        for gov in self.governments.values():
            self._index(gov)

    def has_membership(self, member: str, network: str, role: str) -> bool:
        """Whether the graph (less the excluded graph) already records ``member`` in ``network`` in ``role``.

        Read on first use: only importers of rosters the case material may already hold ask.
        """
        if self._memberships is None:
            from ...graph.sparql import run_sparql

            rows = run_sparql(self._store, _MEMBERSHIPS).itertuples(index=False) if self._store is not None else ()
            self._memberships = {(r.member[len(ID):], r.network[len(ID):], r.role.rsplit("/", 1)[-1])
                                 for r in rows if r.g != self._excluded}
        return (member, network, role) in self._memberships

    def _index(self, gov: Government) -> None:
        country = self.country_of(gov.id)
        for label in gov.labels:
            for key in {normalise(label), _core(label)}:
                if key:
                    self._by_name.setdefault((country or "", key), set()).add(gov.id)

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
