"""Section 7, policies worth replicating: diffusion recorded, and what peers adopted.

From the catalogue questions ``scaled-up`` and ``replication-candidates``
(asked for every government of the country with a network membership, and the
nation itself).
"""
from __future__ import annotations

from ..model import Bullets, Heading, Note, Row, Section, Table
from .context import Context, group_rows

__all__ = ["build"]

#: the most replication candidates a brief shows
CANDIDATES = 15


def build(ctx: Context) -> Section:
    """What ``ctx.country`` scaled up or copied, and the instruments its peers adopted that it lacks."""
    section = ctx.section(6)
    section.blocks.append(Heading("Scaled up or copied"))
    rows = ctx.run("scaled-up")
    if rows is None:
        section.blocks.append(ctx.unavailable("scaled-up"))
    else:
        mine = [r for r in rows if r["country"] == ctx.country or r["origin_government"] in ctx.gov_ids]
        items = []
        for (instrument, link, origin, origin_gov, country), group in sorted(
                group_rows(mine, "instrument", "link", "origin", "origin_government", "country")):
            verb = "was scaled up from" if link == "scaled-up-from" else "was inspired by"
            where = "" if country == ctx.country else f" ({country})"
            items.append(ctx.fact_or_note(
                (ctx.label(instrument), where, f" {verb} ", ctx.label(origin), ", an instrument of ",
                 ctx.label(origin_gov), f" ({ctx.level_word(str(group[0]['origin_level']))} level)."),
                ctx.sources_of(group)))
        section.blocks.append(Bullets(tuple(items)) if items else Note((
            "The data records no instrument of ", ctx.nation, " scaled up from, or inspired by, a subnational "
            "one, and no subnational instrument of it that others took up (absent in the data: diffusion the "
            "sources do not state is not recorded).")))
    section.blocks.append(Heading("Candidates: what peers adopted"))
    section.blocks += _candidates(ctx)
    return section


def _candidates(ctx: Context) -> list:
    if "replication-candidates" not in ctx.known_queries:
        return [ctx.unavailable("replication-candidates")]
    members = sorted({str(r.one("member")) for r in ctx.memberships} | {ctx.nation_id})
    found = []
    for government in members:
        for key, group in group_rows(ctx.run("replication-candidates", government=government), "government",
                                     "instrument_type", "outcome_evidence", "adopters", "example_instrument",
                                     "competence"):
            found.append((key, group))
    if not found:
        return [Note(("The data holds no candidate: no peer of a government of ", ctx.nation, " (same level, a "
                      "shared network) adopted a type of instrument it lacks, where it has a recorded competence "
                      "(absent in the data; peers' instruments are as incomplete as the rest).",))]
    found.sort(key=lambda kg: (-int(kg[0][2] or 0), -int(kg[0][3] or 0), ctx.label(kg[0][0]).text.casefold(),
                               str(kg[0][1])))
    rows = []
    for (government, itype, evidence, adopters, example, competence), group in found[:CANDIDATES]:
        mandate = str(competence or "")
        has = (ctx.label(mandate.split(" ", 1)[1]),) if mandate.startswith("mandate ") else \
            ("none recorded",)
        rows.append(Row(((ctx.label(government),), (ctx.concept("instrument-type", itype),),
                         (f"{int(adopters or 0)}",), (f"{int(evidence or 0)}",), (ctx.label(example),), has),
                        ctx.cite(ctx.sources_of(group))))
    blocks = [Table(("Government", "Type of instrument it lacks", "Peers that adopted it", "Outcome records",
                     "Example", "Competence (mandate)"), tuple(rows),
                    "Instruments peers adopted, strongest evidence first")]
    if len(found) > CANDIDATES:
        blocks.append(Note((f"{len(found) - CANDIDATES} more candidates: cca-graph query replication-candidates "
                            "--government ID.",)))
    blocks.append(Note(("Peers are governments at the same level that share a network; the example's sources "
                        "are given. A candidate is a lead to check, not a recommendation.",)))
    return blocks
