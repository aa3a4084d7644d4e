"""Section 6, gaps: where the chain from law to mandate, instrument, funding and reporting breaks.

One part per catalogue question: ``coordination-gap``, ``level-without-mandate``,
``mandate-without-instrument``, ``unfunded-mandate`` and ``reporting-gap``.
"""
from __future__ import annotations

from ..model import Bullets, Heading, Note, Section
from .context import Context, group_rows
from .wording import article as _article

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The gaps of ``ctx.country``, one heading per kind, each saying what the data shows or lacks."""
    section = ctx.section(5)
    for name, title, part in (
            ("coordination-gap", "Coordination between levels", _coordination_gap),
            ("level-without-mandate", "Levels without an obligation from national law", _level_gap),
            ("mandate-without-instrument", "Obligations without the instrument they require", _instrument_gap),
            ("unfunded-mandate", "Obligations without funding", _funding_gap),
            ("reporting-gap", "Reporting channels into national MRV", _reporting_gap)):
        section.blocks.append(Heading(title))
        rows = ctx.run(name, country=ctx.country)
        if rows is None:
            section.blocks.append(ctx.unavailable(name))
        elif not rows:
            from ....query.catalogue import get

            section.blocks.append(Note((f"No gap of this kind in the data: {get(name).no_rows}.",)))
        else:
            section.blocks += part(ctx, rows)
    section.blocks.append(Heading("Targets and networks"))
    section.blocks.append(Note(("Targets missing or out of step with the national one are in section 4, "
                                "asymmetries in network membership in section 5.",)))
    return section


def _coordination_gap(ctx: Context, rows: list[dict]) -> list:
    items = []
    for (upper, lower, gap, status), group in sorted(group_rows(rows, "upper_level", "lower_level", "gap", "status")):
        pair = f"the {ctx.level_word(upper)} and {ctx.level_word(lower)} levels"
        if gap == "no":
            bodies = ctx.names_list([ctx.label(r["body"]) for r in group if r["body"]])
            items.append(ctx.fact_or_note((*bodies, f" joins {pair}."), ctx.sources_of(group)))
        elif status == "known absent":
            items.append(ctx.fact_or_note((f"A source states that no body joins {pair}.",),
                                          ctx.sources_of(group)))
        else:
            items.append(ctx.fact_or_note(
                (f"The data records no body that joins {pair} (absent in the data, not proof that none exists).",),
                ctx.sources_of(group), ctx.coverage_refs("domain", "coordination")))
    return [Bullets(tuple(items))]


def _level_gap(ctx: Context, rows: list[dict]) -> list:
    items = []
    for (level, status), group in sorted(group_rows(rows, "level", "status")):
        words = ctx.level_word(level)
        if status == "known absent":
            parts = (f"A source states that no national law obliges the {words} level to anything.",)
        else:
            parts = (f"No national law in the data obliges the {words} level to anything "
                     "(absent in the data, not proof that no such law exists).",)
        items.append(ctx.fact_or_note(parts, ctx.sources_of(group), ctx.coverage_refs("level", level)))
        fillers = group_rows([r for r in group if r["filled_by"]], "filled_by", "filled_by_law", "filled_by_article")
        for (filler, law, article), fill in sorted(fillers):
            provision = _article(article)
            items.append(ctx.fact_or_note(
                (ctx.label(filler), " fills the gap in its territory: its ", ctx.label(law), provision,
                 f" obliges its {words} governments."), ctx.sources_of(fill, "filled_by_source")))
    return [Bullets(tuple(items))]


def _instrument_gap(ctx: Context, rows: list[dict]) -> list:
    items = []
    for (mandate, law, article, itype, level, status), group in sorted(
            group_rows(rows, "mandate", "law", "article", "required_instrument_type", "level", "status")):
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        count = len({r["government"] for r in group})
        total = len(ctx.governments_at(level))
        kind = ctx.concept("instrument-type", itype)
        provision = _article(article)
        head = (ctx.label(law), provision, f" obliges {ctx.level_word(level)} governments to have a {kind} (",
                ctx.label(mandate), "); ")
        if status == "known absent":
            tail = (f"a source states that {count} of them have none: ", *names, ".")
        else:
            tail = (f"the data records none for {count} of the {total}: ", *names,
                    " (absent in the data, not proof that none exists).")
        items.append(ctx.fact_or_note(head + tail, ctx.sources_of(group)))
    return [Bullets(tuple(items))]


def _funding_gap(ctx: Context, rows: list[dict]) -> list:
    items = []
    for (mandate, law, article, level, government, status), group in sorted(
            group_rows(rows, "mandate", "law", "article", "level", "government", "status")):
        provision = _article(article)
        target = (ctx.label(government),) if government else (f"the {ctx.level_word(level)} level",)
        verb = "a source states there is none" if status == "known absent" else \
            "the data records no funding programme for it (absent in the data)"
        items.append(ctx.fact_or_note(
            ("The obligation ", ctx.label(mandate), " (", ctx.label(law), provision, ") on ", *target,
             f": {verb}."), ctx.sources_of(group)))
    return [Bullets(tuple(items))]


def _reporting_gap(ctx: Context, rows: list[dict]) -> list:
    items = []
    total = len(ctx.governments_at("regional"))
    for (platform, status), group in sorted(group_rows(rows, "national_platform", "status")):
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        count = len({r["government"] for r in group})
        if platform:
            parts = (f"{count} of the {total} regional governments have no recorded channel into the national "
                     "MRV platform ", ctx.label(platform), f" ({status}): ", *names, ".")
            items.append(ctx.fact_or_note(parts, ctx.sources_of(group)))
        else:
            parts = ("The data records no national MRV platform of ", ctx.nation, f", so none of its {total} "
                     "regional governments has a recorded reporting channel into one (absent in the data).")
            items.append(ctx.fact_or_note(parts, ctx.sources_of(group),
                                          ctx.coverage_refs("itype", "mrv-platform")))
    return [Bullets(tuple(items))]
