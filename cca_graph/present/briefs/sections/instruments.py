"""Section 3, instruments by level: what the country's governments adopted, and measured outcomes.

Built from the country's instrument, outcome and observation records (:mod:`..data`).
Every figure keeps its caveats as recorded: measured, scheduled and estimated
figures in lists of their own, each labelled; units and currencies as the
record gives them; periods. A figure about an instrument that is not an outcome
(an observation: the share of emissions a tax covers) is shown with the
instrument it describes.
"""
from __future__ import annotations

from collections import defaultdict

from ..annex import DESCRIPTIONS, TABLE_ROWS, shortened
from ..data import _CITES, _NATION, Rec, _labels, records
from ..i18n import generated_name, joined, phrase
from ..model import Bullets, Fact, Heading, Name, Note, Row, Section, Table
from .context import LEVELS, Context
from .wording import number as _number
from .wording import year as _year

#: figure status -> the heading of its list of outcomes (None: the record does not say)
STATUS_HEADINGS = (("measured", "Outcomes measured"), ("scheduled", "Levels scheduled or planned, not yet measured"),
                   ("estimated", "Estimates"), ("by-design", "Figures set by the instrument's design"),
                   (None, "Outcomes whose status the data does not record"))
#: figure status -> how a figure is labelled where statuses meet (key messages, the scale-up story)
STATUS_WORDS = {"measured": "measured", "scheduled": "scheduled, not measured", "estimated": "estimated",
                "by-design": "set by design, not a measured result"}
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


def _printed(out: Rec) -> tuple:
    """A currency the curators corrected: the reader is told what the source prints (words of ours, after the
    figure from the data)."""
    printed, currency = out.one("printed"), out.one("currency")
    return (f", printed as {printed} in the source",) if printed and str(printed) != str(currency or "") else ()

__all__ = ["build", "figure", "observations", "period", "status_parts", "STATUS_WORDS"]

# figures about an instrument of the country that are not its outcomes (the share of emissions a tax covers)
Q_OBSERVATIONS = f"""SELECT ?e ?instrument ?measure ?value ?max ?unit ?currency ?printed ?qualifier ?status ?start ?end ?scope
                             ?doc ?locator ?url WHERE {{
  {_NATION} ?instrument a cca:Instrument ; cca:adoptedBy ?by . ?by cca:partOf* ?nation .
  ?e a cca:Observation ; cca:about ?instrument ; cca:measure ?measure ; cca:value ?value ; cca:unit ?unit .
  OPTIONAL {{ ?e cca:maxValue ?max }} OPTIONAL {{ ?e cca:currency ?currency }}
  OPTIONAL {{ ?e cca:currencyInSource ?printed }}
  OPTIONAL {{ ?e cca:qualifier/skos:notation ?qualifier }} OPTIONAL {{ ?e cca:figureStatus/skos:notation ?status }}
  OPTIONAL {{ ?e cca:periodStart ?start }} OPTIONAL {{ ?e cca:periodEnd ?end }} OPTIONAL {{ ?e cca:scope ?scope }}
  {_CITES} }}"""
# figures about the country itself (Canada's local authorities with carbon pricing, the model cities of a
# programme in it); the most a brief shows: TABLE_ROWS
Q_COUNTRY_FIGURES = f"""SELECT ?e ?value ?max ?unit ?currency ?printed ?qualifier ?status ?start ?end ?description ?doubt
                               ?label_en ?label_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Observation ; cca:about ?nation ; cca:value ?value ; cca:unit ?unit .
  OPTIONAL {{ ?e cca:maxValue ?max }} OPTIONAL {{ ?e cca:currency ?currency }}
  OPTIONAL {{ ?e cca:currencyInSource ?printed }}
  OPTIONAL {{ ?e cca:qualifier/skos:notation ?qualifier }} OPTIONAL {{ ?e cca:figureStatus/skos:notation ?status }}
  OPTIONAL {{ ?e cca:periodStart ?start }} OPTIONAL {{ ?e cca:periodEnd ?end }}
  OPTIONAL {{ ?e dcterms:description ?description }} OPTIONAL {{ ?e cca:doubt ?doubt }}
  {_labels("e", "label")} {_CITES} }}"""
#: what an observation's measure says, as a sentence reads it
MEASURES = {"emissions-coverage-share": "share of emissions covered"}


def figure(out: Rec) -> tuple:
    """A value as the record gives it, as text parts: qualifier, range, unit and currency."""
    return (Name(_figure(out)), *_printed(out))


def period(rec: Rec, open_end: bool = False) -> str:
    """The years of ``rec``: "2007–2016", "2019", "from 2008" (``open_end``), or ""."""
    start, end = rec.one("start"), rec.one("end")
    if start is not None and end is None and open_end:
        return f"from {_year(start)}"
    return "–".join(dict.fromkeys(_year(v) for v in (start, end) if v is not None))


def observations(ctx: Context) -> dict[str, list[Rec]]:
    """Figures about each instrument of the country that are not outcomes, by instrument id."""
    if not hasattr(ctx, "_observations"):
        found: dict[str, list[Rec]] = defaultdict(list)
        for rec in records(ctx.store, Q_OBSERVATIONS, ctx.country):
            found[str(rec.one("instrument"))].append(rec)
        ctx._observations = dict(found)
    return ctx._observations


def observation_parts(out: Rec) -> tuple:
    """"share of emissions covered: 70 percent of CO2 emissions of British Columbia (measured, from 2008)"."""
    measure = str(out.one("measure"))
    scope = (" of ", Name(str(out.one("scope")))) if out.one("scope") else ()
    status = STATUS_WORDS.get(str(out.one("status") or ""), "status not recorded")
    when = period(out, open_end=True)
    return (f"{MEASURES.get(measure, measure.replace('-', ' '))}: ", Name(_figure(out)), *scope, *_printed(out),
            f" ({status}{', ' + when if when else ''})")


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
        what = ("instruments of the types " + joined([ctx.concept("instrument-type", t) for t in types], ctx.lang, ", ")
                if types else "instruments (no instrument type is listed)")
        section.blocks.append(ctx.read_for(what, [("itype", t) for t in types],
                                           ("no instrument adopted by a government of it",),
                                           ("Which instruments have the governments of ", ctx.nation, " adopted?")))
    # the section's budget: descriptions that together run over it are each cut after their first sentences
    short = sum(len(str(r.one("description") or "").split()) for r in ctx.instruments) > DESCRIPTIONS
    for level in sorted(by_level, key=lambda v: rank.get(v, 9)):
        rows = []
        for rec in sorted(by_level[level], key=lambda r: ctx.sort_key(ctx.name(r))):
            # every adopter, those of other countries too: a bilateral declaration is not the country's alone
            adopters = [ctx.label(str(by)) for by in sorted(set(rec.all("by")) | set(rec.all("with")), key=str)]
            statuses = {str(o.one("status") or "status not recorded") for o in outcomes_of.get(ctx.id_of(rec), ())}
            listed = joined([phrase(v, ctx.lang) for v in sorted(statuses)], ctx.lang, last=", ")
            measured = ("yes, see below" if "measured" in statuses
                        else phrase("no; {statuses} figures below", ctx.lang).format(statuses=listed) if statuses
                        else "none recorded")
            described, cites = _described(ctx, rec, short)
            if ctx.lang == "zh":   # a description cca-graph's import wrote is ours to translate
                described = tuple(Name(generated_name(p.text), "zh") if isinstance(p, Name) and generated_name(p.text)
                                  else p for p in described)
            cells = ((ctx.name(rec),), (ctx.concept("instrument-type", rec.one("type")),),
                     ctx.names_list(adopters, 4), (_years(rec, ctx.lang),), described, (measured,))
            # over budget, the outcomes are said in the instrument's cell, where there are any: a column of
            # "none recorded" took a seventh of the table's width
            if short:
                cells = ((*cells[0], " (outcomes below)") if statuses else cells[0],) + cells[1:5]
            rows.append(Row(cells, ctx.cite(cites)))
        section.blocks.append(Heading(ctx.level_cell(level) if ctx.lang == "zh" else
                                      f"{ctx.level_name(level).capitalize()} level"))
        columns = ("Instrument", "Type", "Adopted by", "Years", "Description", "Outcome measured")
        section.blocks.append(Table(columns[:5] if short else columns,
                                    tuple(rows), phrase("Instruments adopted at the {level} level",
                                                        ctx.lang).format(level=ctx.level_cell(level))))
    measured = [r for r in ctx.instruments if outcomes_of.get(ctx.id_of(r))]
    # measured, scheduled and estimated figures are never mixed: one list each
    for status, heading in STATUS_HEADINGS:
        items = []
        for rec in sorted(measured, key=lambda r: ctx.sort_key(ctx.name(r))):
            for out in outcomes_of[ctx.id_of(rec)]:
                if (out.one("status") or None) != status:
                    continue
                items.append(Fact((ctx.name(rec), ": ", Name(str(out.one("indicator"))), ": ",
                                   *figure(out), *status_parts(out, period(out), "; "), "."),
                                  ctx.cite(out.cites)))
        if items:
            section.blocks.append(Heading(heading))
            section.blocks.append(Bullets(tuple(items)))
    figures = records(ctx.store, Q_COUNTRY_FIGURES, ctx.country)
    if figures:
        section.blocks.append(Heading("Figures recorded about the country"))
        section.blocks.append(Bullets(tuple(
            Fact((ctx.name(rec), ": ", *figure(rec), *status_parts(rec, period(rec), ", "), ".",
                  *((" ", Name(str(rec.one("description")))) if rec.one("description") else ())),
                 ctx.cite(rec.cites))
            for rec in sorted(figures, key=lambda r: ctx.sort_key(ctx.name(r)))[:TABLE_ROWS])))
    if short:
        section.blocks.append(Note(("Descriptions are cut after their first words (\u2026); the figures recorded "
                                    "beside them are whole.",)))
    if ctx.instruments:
        unmeasured = len(ctx.instruments) - len(measured)
        section.blocks.append(Note((f"The data records an outcome (measured, scheduled or estimated) for {len(measured)} of the "
                                    f"{len(ctx.instruments)} instruments; for {unmeasured} it records none "
                                    "(not recorded, which is not proof that nobody measured them).",)))
    return section


def status_parts(rec: Rec, when: str = "", sep: str = ", ") -> tuple:
    """The bracket after a figure: its years ``when`` and status joined by ``sep``, and its doubt (``cca:doubt``).

    A figure in doubt is given as the source states it and is never called "measured": the word would vouch
    for a figure the curators doubt. "scheduled, not measured" and "estimated" stay, as they vouch for nothing.

    >>> rec = Rec()
    >>> rec.update(status={"measured"})
    >>> status_parts(rec, "2019")
    (' (2019, measured)',)
    >>> rec.update(doubt={"it may be a worldwide count"})
    >>> status_parts(rec, "2019")[:2]
    (' (2019; ', 'as the source states it, in doubt: ')
    """
    status, doubt = str(rec.one("status") or ""), rec.one("doubt")
    word = STATUS_WORDS.get(status, "status not recorded")
    if not doubt:
        return (f" ({sep.join(filter(None, (when, word)))})",)
    head = sep.join(filter(None, (when, "" if status == "measured" else word)))
    return (f" ({head}; " if head else " (", "as the source states it, in doubt: ", Name(str(doubt)), ")")


def _years(rec: Rec, lang: str = "en") -> str:
    """The years an instrument runs: "2008–2016", "from 2008", "to 2030" (an end year alone is a horizon),
    in the brief's language ``lang``."""
    start, end = rec.one("start"), rec.one("end")
    if start is None and end is None:
        return "not recorded"
    if start is None:
        return phrase("to {year} (start not recorded)", lang).format(year=_year(end))
    if end is None:
        return phrase("from {year}", lang).format(year=_year(start))
    return period(rec, open_end=True)


def _described(ctx: Context, rec: Rec, short: bool = False) -> tuple[tuple, list]:
    """The description cell of an instrument (its description, ``short``: its first sentences, and the figures
    observed about it) and its sources."""
    text = str(rec.one("description") or "")
    parts: list = [Name(shortened(text) if short else text)] if text else []
    cites = list(rec.cites)
    for obs in observations(ctx).get(ctx.id_of(rec), ()):
        parts += [" " if parts else "", "Recorded figure, ", *observation_parts(obs), "."]
        cites += obs.cites
    return (tuple(parts) or ("not recorded",)), cites
