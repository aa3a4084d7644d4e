"""Section 2, mandates by level: what the country's laws oblige or allow each level to do.

From the catalogue question ``levels-and-mandates`` (national laws, article by
article) and the country's mandate records for what it leaves out.
"""
from __future__ import annotations

from collections import defaultdict

from ..i18n import joined
from ..model import Bullets, Citation, Heading, Row, Section, Table
from .context import LEVELS, Context
from .wording import article as _article

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The mandates of ``ctx.country``, by level, with the known absent ones."""
    section = ctx.section(1)
    grouped: dict[tuple, set[Citation]] = defaultdict(set)
    national = ctx.run("levels-and-mandates", country=ctx.country)
    if national is None:
        section.blocks.append(ctx.unavailable("levels-and-mandates"))
    # the question gives ids with labels (it once gave labels only, and left out the mandates a law
    # assigns as a whole)
    ids = bool(national) and "mandate_label" in national[0]
    name = ctx.label if ids else ctx.translate
    for row in national or ():
        key = (row["level"], name(row["mandate"]), row["modality"], row["domain"], name(row["law"]),
               "" if row["article"] is None else str(row["article"]))
        grouped[key].update(ctx.parse_source(row["source"]))
    # mandates the question leaves out: those of subnational laws (and, before, those a law assigns as a whole)
    for rec in ctx.mandates:
        if national is not None and rec.one("by_level") == "national" and (ids or rec.one("article") is not None):
            continue
        for level in rec.all("level"):
            key = (str(level), ctx.name(rec), str(rec.one("modality")), str(rec.one("domain")),
                   (ctx.label(str(rec.one("law"))) if rec.one("law") else ctx.name(rec, "law")), str(rec.one("article") or ""))
            grouped[key].update(rec.cites)
    rank = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    for key in sorted(grouped, key=lambda k: (rank.get(k[0], 9), ctx.sort_key(k[4]), k[5], ctx.sort_key(k[1]))):
        level, mandate, modality, domain, law, article = key
        provision = (law, _article(article)) if _article(article) else (law,)
        rows.append(Row(((ctx.level_short(level),), (mandate,), (ctx.concept("modality", modality),),
                         (ctx.concept("mandate-domain", domain),), provision), ctx.cite(grouped[key])))
    if rows:
        section.blocks.append(Table(("Level", "Mandate", "Modality", "Domain", "Law and provision"), tuple(rows),
                                    "Mandates the country's laws give to each level"))
    else:
        domains = sorted(ctx.covered("domain"))
        what = ("mandates in the domains " + joined([ctx.concept("mandate-domain", d) for d in domains], ctx.lang, ", ")
                if domains else "mandates (no mandate domain is listed)")
        section.blocks.append(ctx.read_for(what, [("domain", d) for d in domains], ("no mandate from its laws",),
                                           ("Which mandates do the laws of ", ctx.nation, " give its levels?")))
    absent = [r for r in ctx.absences if str(r.one("absent")).endswith("#Mandate")]
    if absent:
        section.blocks.append(Heading("Mandates a source says do not exist (known absent)"))
        section.blocks.append(Bullets(tuple(ctx.absence_fact(r) for r in absent)))
    return section
