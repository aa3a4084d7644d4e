"""Section 4, targets and pledges: what is recorded, how it aligns, how pledges hold up.

From the country's commitment records, and the catalogue questions
``target-misalignment`` and ``pledge-integrity`` (with the criteria of
:data:`..data.Q_CRITERIA`).
"""
from __future__ import annotations

from collections import defaultdict

from ..data import Q_CRITERIA, merge_citations, records
from ..model import Bullets, Fact, Heading, Name, Note, Row, Section, Table
from .context import LEVELS, Context
from .wording import number as _number
from .wording import year as _year

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The targets and pledges of ``ctx.country``, their alignment and the pledge-integrity checklist."""
    section = ctx.section(3)
    rank = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    for rec in sorted(ctx.commitments, key=lambda r: (rank.get(str(r.one("by_level")), 9),
                                                      ctx.name(r, "by").text.casefold(), ctx.id_of(r))):
        amount = ""
        if rec.one("value") is not None:
            amount = f"{_number(rec.one('value'))} {rec.one('unit') or ''}".strip()
        if rec.one("base") is not None:
            amount += f" (base year {_year(rec.one('base'))})"
        rows.append(Row(((ctx.name(rec, "by", rec.one("by")),), (ctx.level_name(str(rec.one("by_level"))),),
                         (ctx.name(rec),), (ctx.concept("commitment-type", rec.one("type")),),
                         (_year(rec.one("target")) if rec.one("target") is not None else "",),
                         (Name(amount) if amount else "",)), ctx.cite(rec.cites)))
    section.blocks.append(Heading("Targets and pledges recorded"))
    if rows:
        section.blocks.append(Table(("Government", "Level", "Target or pledge", "Type", "Target year", "Amount"),
                                    tuple(rows), "Targets and pledges of the country's governments"))
    else:
        section.blocks.append(Note(("The data records no target or pledge of any government of ", ctx.nation,
                                    " (absent in the data, not proof that there is none).")))
    section.blocks.append(Heading("National and subnational alignment"))
    section.blocks += _alignment(ctx)
    section.blocks.append(Heading("Pledge-integrity checklist"))
    section.blocks += _integrity(ctx)
    return section


def _alignment(ctx: Context) -> list:
    rows = ctx.run("target-misalignment", country=ctx.country)
    if rows is None:
        return [ctx.unavailable("target-misalignment")]
    if not rows:
        return [Note(("The data records no regional government of ", ctx.nation,
                      ", so there is nothing to align.",))]
    blocks, items = [], []
    words = {"stronger": "earlier than", "weaker": "later than", "aligned": "the same year as"}
    for alignment in ("stronger", "aligned", "weaker", "no national target"):
        for row in (r for r in rows if r["alignment"] == alignment):
            refs = ctx.cite(ctx.parse_source(row["source"]))
            gov = ctx.label(row["government"])
            if alignment in words:
                parts = (gov, f" aims for net zero or carbon neutrality by {_year(row['target_year'])}, "
                         f"{words[alignment]} the national target year {_year(row['national_target_year'])}.")
            else:
                parts = (gov, f" aims for net zero or carbon neutrality by {_year(row['target_year'])}; "
                         "the data records no national net-zero or carbon-neutrality target.")
            items.append(Fact(parts, refs) if refs else Note(parts))
    if items:
        blocks.append(Bullets(tuple(items)))
    for status in ("known absent", "absent in the data"):
        missing = [r for r in rows if r["alignment"] == "missing" and r["status"] == status]
        if not missing:
            continue
        names = ctx.names_list([ctx.label(r["government"]) for r in missing])
        total = len(ctx.governments_at("regional"))
        national = next((r["national_target_year"] for r in missing if r["national_target_year"]), None)
        refs = ctx.cite(ctx.sources_of(missing))
        if status == "known absent":
            parts = (f"A source states that {len({r['government'] for r in missing})} regional governments have "
                     "no net-zero or carbon-neutrality target: ", *names, ".")
        elif national:
            parts = (f"The national target year is {_year(national)}; the data records no net-zero or "
                     f"carbon-neutrality target for {len({r['government'] for r in missing})} of the "
                     f"{total} regional governments: ", *names, " (absent in the data).")
        else:
            parts = ("The data records no net-zero or carbon-neutrality target for ", ctx.nation,
                     f" nor for {len({r['government'] for r in missing})} of its {total} regional "
                     "governments: ", *names, " (absent in the data, not proof that none exists).")
        blocks.append(Fact(parts, refs) if refs else Note(parts))
    return blocks


def _integrity(ctx: Context) -> list:
    criteria = records(ctx.store, Q_CRITERIA)
    blocks = []
    if criteria:
        names = ctx.names_list([ctx.name(r) for r in criteria], 20)
        blocks.append(Fact(("The checklist applies the UN expert group's criteria for net-zero pledges of cities "
                            "and regions: ", *names, "."),
                           ctx.cite(merge_citations(c for r in criteria for c in r.cites))))
    rows = ctx.run("pledge-integrity", country=ctx.country)
    if rows is None:
        return blocks + [ctx.unavailable("pledge-integrity")]
    if not rows:
        return blocks + [Note(("The data records no net-zero or carbon-neutrality pledge of a regional or local "
                               "government of ", ctx.nation, ", so there is no pledge to check.",))]
    criterion_names = {str(r.one("check")): ctx.name(r) for r in criteria}
    for pledge in sorted({r["pledge"] for r in rows}):
        mine = [r for r in rows if r["pledge"] == pledge]
        first = mine[0]
        blocks.append(Heading(f"{ctx.label(first['government']).text}: {ctx.label(pledge).text} "
                              f"(target year {_year(first['target_year'])})"))
        grouped: dict[tuple, list] = defaultdict(list)
        for row in mine:
            grouped[(row["criterion"], row["requirement"], row["met"], row["evidence"])].append(row)
        table = []
        for (criterion, requirement, met, evidence), group in sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]]):
            shown = ctx.label(evidence) if evidence and " " not in str(evidence) else Name(str(evidence or ""))
            table.append(Row(((criterion_names.get(criterion, Name(str(criterion))),), (Name(str(requirement)),),
                              ("met" if met == "yes" else "no record" if met == "no record" else str(met),),
                              (shown,)), ctx.cite(ctx.sources_of(group))))
        blocks.append(Table(("Criterion", "Requirement", "Met in the data", "Evidence"), tuple(table),
                            "Pledge-integrity checklist"))
    return blocks
