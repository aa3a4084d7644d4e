"""A network roster of your own, as CSV.

Columns (header row required, in any order):

| column | meaning |
|---|---|
| ``name`` | the government's name, in English or as your list writes it |
| ``country`` | ISO 3166-1 alpha-2 or alpha-3 code, or the English name of the country |
| ``level`` | ``national``, ``regional`` or ``local`` |
| ``network`` | a network id already in the graph (``c40``, ``under2-coalition``…) or a network's name |
| ``role`` | a membership role (``member``, ``signatory``, ``endorser``, ``co-chair``…); empty means ``member`` |
| ``since`` | the year the membership began, or empty |
| ``source`` | where this row comes from (page, URL, date of the list): the citation's locator |

An optional ``iso`` column gives the ISO 3166-2 code of a regional government
outright; an optional ``region`` column the region (ISO 3166-2 code or name) a
local government lies in; optional ``geonames_id`` and ``locode`` columns its
GeoNames id and UN/LOCODE, which match a government carrying them before any
name does and are recorded on one the import creates. Every problem (a missing column, an unknown country, a malformed
year, a control character in any cell…) is reported at its line, and nothing
is imported until all are fixed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pycountry
from pyoxigraph import Quad

from ..vocab import concept_keys
from . import ImportContext
from .resolve import country_code, normalise, slug
from .tables import read_rows, text_problems

__all__ = ["load_roster", "COLUMNS"]

COLUMNS = ["name", "country", "level", "network", "role", "since", "source"]
_LEVELS = ("national", "regional", "local")
#: the columns read (others are left as they are)
_READ = [*COLUMNS, "iso", "region", "geonames_id", "locode"]


def load_roster(path: Path, ctx: ImportContext, *, title: str | None = None, publisher: str | None = None,
                year: int | None = None, fallback: str | None = None, **options) -> Iterator[Quad]:
    """Memberships (and any governments and networks the graph lacks) from a roster CSV."""
    key = f"roster-{slug(options.get('name') or path.stem)}"
    source = {"key": key, "title": title or f"Network roster {path.name}", "publisher": publisher or "user-supplied roster",
              "year": year or 0}
    if year is None:
        ctx.problem(0, "year", "give the roster's year with --year (it dates the source)")
    roles = concept_keys()["role"]
    # the networks of the graph, but those only the import it replaces made (it makes them again)
    networks = {normalise(label): nid for nid, label in ctx.resolver.network_labels if ctx.exists(nid)}
    made_networks: set[str] = set()
    first = True
    for line, row in read_rows(path, COLUMNS, ctx.problem, fallback=fallback):
        if first and year is not None:
            yield from ctx.source(source)
        first = False
        ctx.report.rows += 1
        bad = False

        def fail(column: str, message: str) -> None:
            nonlocal bad
            bad = True
            ctx.problem(line, column, message)

        for column, message in text_problems(row, _READ):
            fail(column, message)
        country = country_code(row["country"])
        if country is None:
            fail("country", f"unknown country {row['country']!r} (use an ISO 3166-1 code or English name)")
        level = row["level"].lower()
        if level not in _LEVELS:
            fail("level", f"{row['level']!r} is not one of {', '.join(_LEVELS)}")
        role = row["role"].lower() or "member"
        if role not in roles:
            fail("role", f"{row['role']!r} is not a role; known: {', '.join(sorted(roles))}")
        since = row["since"]
        if since and not re.fullmatch(r"\d{4}", since):
            fail("since", f"expected a year like 2019, got {since!r}")
        if not row["name"]:
            fail("name", "empty name")
        if not row["network"]:
            fail("network", "empty network")
        if not row["source"]:
            fail("source", "say where the row comes from (a page, URL or date)")
        if row.get("geonames_id") and not re.fullmatch(r"[1-9]\d*", row["geonames_id"]):
            fail("geonames_id", f"expected a GeoNames id (a whole number), got {row['geonames_id']!r}")
        if row.get("locode") and not re.fullmatch(r"[A-Z]{2} ?[A-Z2-9]{3}", row["locode"]):
            fail("locode", f"expected a UN/LOCODE like 'BG SOF', got {row['locode']!r}")
        if bad:
            continue
        cite = {"doc": key, "locator": f"line {line}: {row['source']}"}
        ctx.report.countries[country] += 1
        yield from ctx.ensure_country(country, cite, line)
        gid = yield from _government(ctx, row, country, level, cite, line)
        if gid is None:
            continue
        network = row["network"] if ctx.exists(row["network"]) else networks.get(normalise(row["network"]))
        if network is None:
            network = slug(row["network"])
            if network not in made_networks and not ctx.exists(network):
                made_networks.add(network)
                yield from ctx.record({"id": network, "type": "Network", "label": {"en": row["network"]},
                                       "source": cite}, line)
        ctx.report.memberships[network] += 1
        record = {"id": f"ms.{gid}.{network}.{key}", "type": "Membership",
                  "label": {"en": f"{row['name']} in {row['network']}"}, "member": gid, "network": network,
                  "role": role, "source": cite}
        if since:
            record["since"] = int(since)
        yield from ctx.record(record, line)


def _government(ctx: ImportContext, row: dict, country: str, level: str, cite: dict, line: int):
    name = row["name"]
    if level == "national":
        ctx.decide(line, name, country, country, "iso-3166")
        return country
    code = row.get("iso") or ""
    if level == "regional":
        codes = [code] if code else ctx.resolver.subdivision(country, name)
        if len(codes) == 1:
            yield from ctx.ensure_subdivision(codes[0], cite, line)
            ctx.decide(line, name, country, codes[0], "iso-3166", "iso column" if code else "subdivision name")
            return codes[0]
        if len(codes) > 1:
            # two subdivisions of that name (Hsinchu county and city): reported, never guessed
            ctx.report.note("ambiguous names, not imported", f"{ctx.shown}:{line}: {name!r} ({country}): "
                            f"candidates {', '.join(sorted(codes))}")
            ctx.decide(line, name, country, None, "ambiguous", ", ".join(sorted(codes)))
            return None
    parent = _region(ctx, row.get("region") or "", country, line)
    if parent is None:
        return None
    if parent != country:
        yield from ctx.ensure_subdivision(parent, cite, line)
    gid, quads = ctx.place(name, country, parent, level, cite, line, geonames_id=row.get("geonames_id") or None,
                           locode=row.get("locode") or None)
    yield from quads
    return gid


def _region(ctx: ImportContext, region: str, country: str, line: int) -> str | None:
    """The parent a local row names in ``region`` (a code or a name), its country when empty; None if unknown."""
    if not region:
        return country
    codes = [region] if region.startswith(f"{country}-") and pycountry.subdivisions.get(code=region) \
        else ctx.resolver.subdivision(country, region)
    if len(codes) != 1:
        ctx.problem(line, "region", f"{region!r} is not one region of {country}"
                    + (f" (candidates {', '.join(codes)})" if codes else ""))
        return None
    return codes[0]
