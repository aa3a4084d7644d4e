"""Section 3, instruments by level: what the country's governments adopted, and measured outcomes.

Built from the country's instrument and outcome records (:mod:`..data`).
"""
from __future__ import annotations

from collections import defaultdict

from ..data import Rec
from ..model import Bullets, Fact, Heading, Name, Note, Row, Section, Table
from .context import LEVELS, Context
from .wording import number as _number
from .wording import year as _year

#: figure status -> the heading of its list of outcomes (None: the record does not say)
STATUS_HEADINGS = (("measured", "Outcomes measured"), ("scheduled", "Levels scheduled or planned, not yet measured"),
                   ("estimated", "Estimates"), (None, "Outcomes whose status the data does not record"))
_QUALIFIERS = {"about": "about ", "at-least": "at least ", "more-than": "more than ", "at-most": "at most ",
               "less-than": "less than "}


def _figure(out: Rec) -> str:
    """A value as the source gives it: qualifier, range, unit and currency."""
    value = _number(out.one("value"))
    if out.one("max") is not None:
        value += f"–{_number(out.one('max'))}"
    unit = str(out.one("unit"))
    currency = out.one("currency")
    if currency and str(currency) not in unit:
        unit = f"{currency} {unit}" if unit.startswith("per ") else f"{unit} ({currency})"
    return f"{_QUALIFIERS.get(str(out.one('qualifier') or ''), '')}{value} {unit}"

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The instruments of ``ctx.country``, one table per level, then the outcomes measured."""
    section = ctx.section(2)
    outcomes_of: dict[str, list[Rec]] = defaultdict(list)
    for rec in ctx.outcomes:
        outcomes_of[str(rec.one("instrument"))].append(rec)
    rank = {level: i for i, level in enumerate(LEVELS)}
    by_level: dict[str, list[Rec]] = defaultdict(list)
    for rec in ctx.instruments:
        top = min((str(v) for v in rec.all("by_level")), key=lambda v: rank.get(v, 9))
        by_level[top].append(rec)
    if not ctx.instruments:
        types = sorted(ctx.covered("itype"))
        what = ("instruments of the types " + ", ".join(ctx.concept("instrument-type", t) for t in types)
                if types else "instruments (no instrument type is listed)")
        section.blocks.append(ctx.read_for(what, [("itype", t) for t in types],
                                           ("no instrument adopted by a government of it",),
                                           ("Which instruments have the governments of ", ctx.nation, " adopted?")))
    for level in sorted(by_level, key=lambda v: rank.get(v, 9)):
        rows = []
        for rec in sorted(by_level[level], key=lambda r: ctx.name(r).text.casefold()):
            adopters = [ctx.label(str(by)) for by in rec.all("by")]
            years = "–".join(dict.fromkeys(_year(v) for v in (rec.one("start"), rec.one("end")) if v is not None))
            statuses = {str(o.one("status") or "status not recorded") for o in outcomes_of.get(ctx.id_of(rec), ())}
            measured = ("yes, see below" if "measured" in statuses
                        else f"no; {', '.join(sorted(statuses))} figures below" if statuses else "none recorded")
            rows.append(Row(((ctx.name(rec),), (ctx.concept("instrument-type", rec.one("type")),),
                             ctx.names_list(adopters, 4), (years or "not recorded",), (measured,)),
                            ctx.cite(rec.cites)))
        section.blocks.append(Heading(f"{ctx.level_name(level).capitalize()} level"))
        section.blocks.append(Table(("Instrument", "Type", "Adopted by", "Years", "Outcome measured"),
                                    tuple(rows), f"Instruments adopted at the {level} level"))
    measured = [r for r in ctx.instruments if outcomes_of.get(ctx.id_of(r))]
    # measured, scheduled and estimated figures are never mixed: one list each
    for status, heading in STATUS_HEADINGS:
        items = []
        for rec in sorted(measured, key=lambda r: ctx.name(r).text.casefold()):
            for out in outcomes_of[ctx.id_of(rec)]:
                if (out.one("status") or None) != status:
                    continue
                period = "–".join(dict.fromkeys(_year(v) for v in (out.one("start"), out.one("end"))
                                                if v is not None))
                items.append(Fact((ctx.name(rec), ": ", Name(str(out.one("indicator"))), ": ",
                                   Name(_figure(out)), f" ({period})." if period else "."), ctx.cite(out.cites)))
        if items:
            section.blocks.append(Heading(heading))
            section.blocks.append(Bullets(tuple(items)))
    if ctx.instruments:
        unmeasured = len(ctx.instruments) - len(measured)
        section.blocks.append(Note((f"The data records an outcome (measured, scheduled or estimated) for {len(measured)} of the "
                                    f"{len(ctx.instruments)} instruments; for {unmeasured} it records none "
                                    "(not recorded, which is not proof that nobody measured them).",)))
    return section
