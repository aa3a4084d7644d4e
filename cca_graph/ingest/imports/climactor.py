"""ClimActor: city and regional governments and the networks they joined.

Each row of ``subnational_contextuals_database`` becomes a government (found in
the graph or created, ``partOf`` its region where ``admin_1``/``state`` names an
ISO 3166-2 subdivision, else its country), and each tag of
``initiatives_committed`` a membership observed in the tag's year, through the
shipped table ``loaders/tables/climactor-tags.csv``. Region names the file
writes in English ("East Flanders") or mis-decoded ("JaA(c)n") are read through
the alias table ``loaders/tables/subdivision-aliases.csv``; the report counts
what the table matched and lists the names still unmatched. The file's known
quirks are coped with and counted: lines that are not UTF-8 (with ``--encoding`` or
``--lenient``), ``NA`` cells, empty tags, spelling variants, ``city``/``City``,
and names shared by several actors.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad

from . import ImportContext
from .resolve import SUBDIVISION_ALIASES, country_code, innermost
from .tables import NA, read_rows, shipped_table

__all__ = ["load_climactor", "SOURCE"]

SOURCE = {
    "key": "climactor-2022",
    "title": "ClimActor: harmonized transnational data on climate network participation by city and regional "
             "governments (subnational contextuals database, December 2022)",
    "publisher": "Data-Driven EnviroLab",
    "year": 2022,
    "url": "https://doi.org/10.15139/S3/GGWVVQ",
}
_COLUMNS = ["name", "iso", "entity_type", "country", "state", "admin_1", "initiatives_committed"]
_LEVELS = {"city": "local", "region": "regional"}


def _tags() -> dict[str, dict]:
    with open(shipped_table("climactor-tags.csv"), encoding="utf-8", newline="") as fh:
        return {row["tag"].strip(): row for row in csv.DictReader(fh)}


def _year(tag: str, row: dict) -> int | None:
    if row["year"]:
        return int(row["year"])
    found = re.search(r"(\d{4})$", tag)
    return int(found.group(1)) if found else None


def load_climactor(path: Path, ctx: ImportContext, fallback: str | None = None, **options) -> Iterator[Quad]:
    """Governments and memberships from the ClimActor CSV at ``path``."""
    yield from ctx.source(SOURCE)
    tags = _tags()
    ctx.resolver.aliases  # a malformed alias table stops the import before its first row
    aliased: Counter = Counter()    # (name as written, country, code) read through the alias table
    unmatched: Counter = Counter()  # (name as written, country) of regions found nowhere
    networks_made: set[str] = set()
    memberships: set[str] = set()
    seen_rows: dict[str, int] = {}

    def repaired(line: int) -> None:
        ctx.report.note(f"rows repaired (not UTF-8, decoded as {fallback})", f"line {line}", keep=10)

    for line, row in read_rows(path, _COLUMNS, ctx.problem, fallback=fallback, on_repair=repaired):
        ctx.report.rows += 1
        name = row["name"]
        cite = {"doc": SOURCE["key"], "locator": f"line {line}, actor {name!r}"}
        level = _LEVELS.get(row["entity_type"].lower())
        if row["entity_type"] == "city":
            ctx.report.note("entity type written 'city', read as City")
        if name in NA or level is None:
            ctx.report.note("rows without a name or an entity type, left out",
                            f"line {line}: name {name!r}, entity_type {row['entity_type']!r}")
            continue
        country = country_code(row["iso"]) if row["iso"] not in NA else country_code(row["country"])
        if country is None:
            ctx.report.note("rows whose country is not an ISO 3166 country, left out",
                            f"line {line}: {name!r} ({row['iso']!r}, {row['country']!r})")
            continue
        ctx.report.countries[country] += 1
        yield from ctx.ensure_country(country, cite, line)
        gid = yield from _government(ctx, name, level, country, row, cite, line, aliased, unmatched)
        if gid is None:
            continue
        if gid in seen_rows:
            ctx.report.note("rows naming an actor already read (merged)",
                            f"line {line}: {name!r} = line {seen_rows[gid]} ({gid})")
        seen_rows.setdefault(gid, line)
        for tag in row["initiatives_committed"].split(";"):
            tag = tag.strip()
            if tag in NA:
                if tag == "" and row["initiatives_committed"]:
                    ctx.report.note("empty tags (between ';;'), skipped")
                continue
            entry = tags.get(tag)
            if entry is None:
                ctx.report.note("unknown tags, not imported", f"{tag!r} (first at line {line})")
                continue
            if entry["network"] == "-":
                ctx.report.note("dataset tags, not networks, skipped")
                continue
            network = entry["network"]
            if not ctx.exists(network) and network not in networks_made:
                networks_made.add(network)
                yield from ctx.record({"id": network, "type": "Network", "label": {"en": entry["network_label"] or network},
                                       "source": {"doc": SOURCE["key"], "locator": f"initiatives_committed tag {tag!r}"}},
                                      line)
            year = _year(tag, entry)
            mid = f"ms.{gid}.{network}.{year or 'undated'}"
            if mid in memberships:
                ctx.report.note("tags repeating a membership already read, merged")
                continue
            memberships.add(mid)
            ctx.report.memberships[network] += 1
            record = {"id": mid, "type": "Membership", "label": {"en": f"{name} in {entry['network_label'] or network}"},
                      "member": gid, "network": network, "role": "member",
                      "source": {"doc": SOURCE["key"], "locator": f"line {line}, tag {tag!r}"}}
            if year:
                record["observed"] = year
            yield from ctx.record(record, line)
    _report_regions(ctx, aliased, unmatched)


def _government(ctx: ImportContext, name: str, level: str, country: str, row: dict, cite: dict, line: int,
                aliased: Counter, unmatched: Counter):
    """The id of the row's government (a generator: yields the quads of what it creates)."""
    if level == "regional":
        codes, by_alias = ctx.resolver.match_subdivision(country, name)
        if len(codes) == 1:
            ctx.report.governments["regions matched to ISO 3166-2"] += 1
            if by_alias:
                ctx.report.governments["regions matched to ISO 3166-2 through the alias table"] += 1
                aliased[(name, country, codes[0])] += 1
            yield from ctx.ensure_subdivision(codes[0], cite, line)
            return codes[0]
        if len(codes) > 1:
            ctx.report.note("ambiguous names, not imported", f"line {line}: {name!r} ({country}): candidates {', '.join(codes)}")
            return None
        gid, quads = ctx.place(name, country, country, "regional", cite, line)
        yield from quads
        return gid
    parent = _region(ctx, country, row, line, aliased)
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
    gid, quads = ctx.place(name, country, parent or country, "local", cite, line)
    yield from quads
    return gid


def _region(ctx: ImportContext, country: str, row: dict, line: int, aliased: Counter) -> str | None:
    """The ISO 3166-2 subdivision a city row names in ``state`` or ``admin_1``, if any.

    'state' is often the finer unit (a province), 'admin_1' the region above
    it, but some rows have them the other way round (Piedmont / Turin): when
    both name subdivisions and one lies inside the other, the inner one is the
    answer; when they disagree, 'state', and the row is noted.
    """
    found: dict[str, tuple[str, bool]] = {}  # code -> (name as written, read through the alias table)
    for column in ("state", "admin_1"):
        value = row[column]
        if value in NA:
            continue
        codes, by_alias = ctx.resolver.match_subdivision(country, value)
        if len(codes) == 1:
            found.setdefault(codes[0], (value, by_alias))
    if not found:
        return None
    inner = innermost(set(found))
    code = inner[0] if len(inner) == 1 else next(iter(found))
    if len(inner) > 1:
        state, admin_1 = found
        ctx.report.note("rows whose state and admin_1 name different regions (state used)",
                        f"line {line}: state {row['state']!r} = {state}, admin_1 {row['admin_1']!r} = {admin_1}",
                        keep=20)
    written, by_alias = found[code]
    if by_alias:
        ctx.report.governments["cities placed under a region through the alias table"] += 1
        aliased[(written, country, code)] += 1
    return code


def _report_regions(ctx: ImportContext, aliased: Counter, unmatched: Counter) -> None:
    """Which names the alias table read, and which region names are still found nowhere, most rows first."""
    for (name, country, code), n in sorted(aliased.items(), key=lambda kv: (-kv[1], kv[0])):
        ctx.report.note(f"region names read through the alias table ({SUBDIVISION_ALIASES})",
                        f"{name!r} ({country}) = {code}: {_rows(n)}", keep=30)
    for (name, country), n in sorted(unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
        ctx.report.note("region names found neither in ISO 3166-2 nor in the alias table",
                        f"{name!r} ({country}): {_rows(n)}", keep=30)


def _rows(n: int) -> str:
    return f"{n} row{'s' if n != 1 else ''}"
