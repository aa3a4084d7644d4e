"""Section 5, network engagement: memberships, asymmetries between levels, brokers.

From the country's membership records and the catalogue questions
``network-asymmetry`` and ``brokers``.
"""
from __future__ import annotations

from collections import defaultdict

from ..data import Rec
from ..model import Bullets, Fact, Heading, Note, Row, Section, Table
from .context import LEVELS, Context

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The networks the governments of ``ctx.country`` belong to, and where the levels part ways."""
    section = ctx.section(4)
    grouped: dict[tuple[str, str], list[Rec]] = defaultdict(list)
    for rec in ctx.memberships:
        grouped[(str(rec.one("member")), str(rec.one("network")))].append(rec)
    rank = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    for (member, network), recs in sorted(grouped.items(), key=lambda kv: (
            rank.get(str(kv[1][0].one("level")), 9), ctx.name(kv[1][0], "member").text.casefold(), kv[0][1])):
        first = recs[0]
        # each role with its own year: a 2018 co-chair is not a co-chair of 2017
        years_of: dict[str, set[int]] = defaultdict(set)
        for r in recs:
            for v in r.all("role"):
                years_of[ctx.concept("role", v)].update(int(y) for k in ("since", "observed") for y in r.all(k))
        roles = [f"{role} ({', '.join(map(str, sorted(years)))})" if years else role
                 for role, years in sorted(years_of.items())]
        years = sorted({y for ys in years_of.values() for y in ys})
        rows.append(Row(((ctx.name(first, "member", member),), (ctx.level_name(str(first.one("level"))),),
                         (ctx.name(first, "network", network),), (", ".join(roles),),
                         (", ".join(map(str, years)),)),
                        ctx.cite(c for r in recs for c in r.cites)))
    section.blocks.append(Heading("Memberships"))
    if rows:
        section.blocks.append(Table(("Government", "Level", "Network", "Role", "Since or listed in"), tuple(rows),
                                    "Network memberships of the country's governments"))
    else:
        section.blocks.append(Note(("The data records no network membership of any government of ", ctx.nation,
                                    " (absent in the data: membership lists are incomplete).")))
    section.blocks.append(Heading("Asymmetries between levels"))
    section.blocks += _asymmetry(ctx)
    brokers = ctx.run("brokers")
    if brokers is not None:
        mine = [r for r in brokers if r["country"] == ctx.country]
        if mine:
            section.blocks.append(Heading("Governments that bridge networks"))
            items = []
            for row in mine:
                cites = [c for r in ctx.memberships if r.one("member") == row["government"] for c in r.cites]
                parts = (ctx.label(row["government"]), f" belongs to {row['networks']} networks.")
                items.append(Fact(parts, ctx.cite(cites)) if cites else Note(parts))
            section.blocks.append(Bullets(tuple(items)))
    return section


def _asymmetry(ctx: Context) -> list:
    rows = ctx.run("network-asymmetry", country=ctx.country)
    if rows is None:
        return [ctx.unavailable("network-asymmetry")]
    if not rows:
        return [Note(("The data records no asymmetry: in the networks with national members, the governments of ",
                      ctx.nation, " that are recorded sit together or not at all (absent in the data, "
                      "not known absent).",))]
    grouped: dict[tuple, list] = defaultdict(list)
    for row in rows:
        grouped[(row["network"], row["direction"], row["status"])].append(row)
    items = []
    for (network, direction, status), group in sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]]):
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        if direction.startswith("subnational"):
            parts = (*names, " ", "is" if len({r["government"] for r in group}) == 1 else "are",
                     " in ", ctx.label(network), " without the national government ", ctx.nation,
                     f" ({status}).")
        else:
            parts = (ctx.nation, " is in ", ctx.label(network),
                     f" without any of its subnational governments ({status}).")
        refs = ctx.cite(ctx.sources_of(group))
        items.append(Fact(parts, refs) if refs else Note(parts))
    return [Bullets(tuple(items))]
