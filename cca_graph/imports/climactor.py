"""ClimActor: city and regional governments and the networks they joined.

Each row of ``subnational_contextuals_database`` becomes a government (found in
the graph or created, ``partOf`` its region where ``admin_1``/``state`` names an
ISO 3166-2 subdivision, else its country), and each tag of
``initiatives_committed`` a membership observed in the tag's year, through the
shipped table ``loaders/tables/climactor-tags.csv``. The file's known quirks are
coped with and counted: lines that are not UTF-8 (with ``--encoding`` or
``--lenient``), ``NA`` cells, empty tags, spelling variants, ``city``/``City``,
and names shared by several actors.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad

from . import ImportContext
from .resolve import country_code
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
        gid = yield from _government(ctx, name, level, country, row, cite, line)
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


def _government(ctx: ImportContext, name: str, level: str, country: str, row: dict, cite: dict, line: int):
    """The id of the row's government (a generator: yields the quads of what it creates)."""
    if level == "regional":
        codes = ctx.resolver.subdivision(country, name)
        if len(codes) == 1:
            ctx.report.governments["regions matched to ISO 3166-2"] += 1
            yield from ctx.ensure_subdivision(codes[0], cite, line)
            return codes[0]
        if len(codes) > 1:
            ctx.report.note("ambiguous names, not imported", f"line {line}: {name!r} ({country}): candidates {', '.join(codes)}")
            return None
        gid, quads = ctx.place(name, country, country, "regional", cite, line)
        yield from quads
        return gid
    parent = country
    # 'state' is often the finer unit (a province), 'admin_1' the region above it
    for column in ("state", "admin_1"):
        value = row[column]
        if value in NA:
            continue
        codes = ctx.resolver.subdivision(country, value)
        if len(codes) == 1:
            parent = codes[0]
            yield from ctx.ensure_subdivision(parent, cite, line)
            break
    if parent == country and (row["admin_1"] not in NA or row["state"] not in NA):
        ctx.report.note("regions named but not found in ISO 3166-2 (city placed under its country)",
                        f"line {line}: {row['admin_1']!r} / {row['state']!r} ({country})", keep=20)
    gid, quads = ctx.place(name, country, parent, "local", cite, line)
    yield from quads
    return gid


