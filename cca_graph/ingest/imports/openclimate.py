"""Targets in OpenClimate's table shape (Net Zero Tracker, C2ES US states and Canadian provinces).

A folder holds ``Target.csv`` (target_id, actor_id, target_type, baseline_year,
target_year, target_value, target_unit, URL, datasource_id) and
``DataSource.csv``. Each target of a government (an ISO 3166-1 or 3166-2 code)
becomes a Commitment citing the dataset and the row's own URL; targets of
companies (LEI codes) are counted and left out.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pycountry
from pyoxigraph import Quad

from . import ImportContext
from .resolve import slug
from .tables import NA, read_rows

__all__ = ["load_targets", "TARGET_TYPES"]

#: the tables' target types -> commitment-type concept keys
TARGET_TYPES = {
    "absolute emission reduction": "emissions-reduction",
    "relative emission reduction": "intensity",
    "emission intensity reduction": "intensity",
    "net zero": "net-zero",
    "climate neutral": "carbon-neutrality",
    "ghg neutral": "carbon-neutrality",
}
_TARGET_COLUMNS = ["target_id", "actor_id", "target_type", "baseline_year", "target_year", "target_value",
                   "target_unit", "URL", "datasource_id"]


def _year(value: str):
    return int(value) if re.fullmatch(r"\d{4}", value) else None


def _datasets(folder: Path, ctx: ImportContext) -> dict[str, dict]:
    """datasource_id -> a source entry, from DataSource.csv."""
    path = folder / "DataSource.csv"
    if not path.exists():
        ctx.problem(0, "DataSource.csv", "missing: the folder needs DataSource.csv beside Target.csv", str(path))
        return {}
    found = {}
    for line, row in read_rows(path, ["datasource_id", "name", "publisher", "published", "URL"],
                               lambda n, c, m: ctx.problem(n, c, m, str(path))):
        year = _year(row["published"][:4])
        if year is None:
            ctx.problem(line, "published", f"expected a date starting with a year, got {row['published']!r}", str(path))
            continue
        entry = {"key": slug(row["datasource_id"]), "title": row["name"], "publisher": row["publisher"], "year": year}
        if row["URL"].startswith(("http://", "https://")):
            entry["url"] = row["URL"]
        found[row["datasource_id"]] = entry
    return found


def load_targets(path: Path, ctx: ImportContext, **options) -> Iterator[Quad]:
    """Commitments from an OpenClimate-shaped folder (or its Target.csv)."""
    folder = path if path.is_dir() else path.parent
    target_csv = folder / "Target.csv"
    datasets = _datasets(folder, ctx)
    shown = ctx.shown = str(target_csv)
    used: dict[str, int] = {}
    for line, row in read_rows(target_csv, _TARGET_COLUMNS, lambda n, c, m: ctx.problem(n, c, m, shown)):
        ctx.report.rows += 1
        actor = row["actor_id"]
        dataset = datasets.get(row["datasource_id"])
        if dataset is None:
            ctx.problem(line, "datasource_id", f"{row['datasource_id']!r} is not in DataSource.csv", shown)
            continue
        yield from ctx.source(dataset)
        is_country = bool(re.fullmatch(r"[A-Z]{2}", actor)) and pycountry.countries.get(alpha_2=actor)
        is_region = bool(re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", actor)) and pycountry.subdivisions.get(code=actor)
        if not (is_country or is_region):
            if re.fullmatch(r"[A-Z0-9]{20}", actor):
                ctx.report.note("targets of companies (LEI codes), left out")
            elif re.fullmatch(r"[A-Z]{2} [A-Z0-9]{3}", actor):
                ctx.report.note("targets of cities keyed by UN/LOCODE, which the files do not name: left out",
                                f"{shown}:{line}: {actor!r}", keep=10)
            else:
                ctx.report.note("actors that are not ISO 3166 codes, left out", f"{shown}:{line}: {actor!r}")
            continue
        kind = TARGET_TYPES.get(row["target_type"].strip().lower())
        if kind is None:
            ctx.problem(line, "target_type", f"unknown target type {row['target_type']!r}; known: "
                        f"{', '.join(sorted(TARGET_TYPES))}", shown)
            continue
        target_year = _year(row["target_year"])
        if target_year is None:
            ctx.problem(line, "target_year", f"expected a year, got {row['target_year']!r}", shown)
            continue
        base_year = None if row["baseline_year"] in NA else _year(row["baseline_year"])
        if row["baseline_year"] not in NA and base_year is None:
            ctx.problem(line, "baseline_year", f"expected a year, got {row['baseline_year']!r}", shown)
            continue
        cite = {"doc": dataset["key"], "locator": f"Target.csv line {line}, target {row['target_id']}"}
        if row["URL"].startswith(("http://", "https://")):
            cite["url"] = row["URL"]
        yield from ctx.ensure_country(actor.split("-")[0], cite, line) if is_country else \
            ctx.ensure_subdivision(actor, cite, line)
        country = actor.split("-")[0]
        ctx.report.countries[country] += 1
        record_id = f"target.{slug(row['target_id'])}"
        used[record_id] = used.get(record_id, 0) + 1
        if used[record_id] > 1:
            ctx.report.note("target ids used by several rows, numbered", f"{shown}:{line}: {row['target_id']}")
            record_id += f"-{used[record_id]}"
        record = {
            "id": record_id, "type": "Commitment",
            "label": {"en": _label(row, actor, target_year)},
            "committed_by": actor, "commitment_type": kind, "target_year": target_year, "source": cite,
        }
        if base_year is not None:
            record["base_year"] = base_year
        if row["target_value"] not in NA:
            try:
                record["value"] = float(row["target_value"])
            except ValueError:
                ctx.problem(line, "target_value", f"expected a number, got {row['target_value']!r}", shown)
                continue
        if row["target_unit"] not in NA:
            record["unit"] = row["target_unit"]
        yield from ctx.record(record, line, shown)


def _label(row: dict, actor: str, target_year: int) -> str:
    value = "" if row["target_value"] in NA else f" {row['target_value']}{'%' if row['target_unit'] == 'percent' else ' ' + row['target_unit']}"
    base = "" if row["baseline_year"] in NA else f" vs {row['baseline_year']}"
    return f"{actor}: {row['target_type'].strip().lower()}{value}{base} by {target_year}"
