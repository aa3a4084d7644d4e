"""Section 1, the governance architecture: levels, coordination bodies, framework laws, the chart.

Bodies and laws are tables with a description column (the record's description, never its
curation note).

Built from the country's records alone (:mod:`..data`): no catalogue question
answers it.
"""
from __future__ import annotations

import re

from ... import views
from ..annex import shortened
from ..data import Q_SOURCES, Rec, merge_citations, records
from ..diagram import HEADINGS, Chart, Label
from ..i18n import joined, phrase
from ..model import Figure, Heading, Name, Note, Row, Section, Table
from .context import LEVELS, Context
from .wording import article as _article
from .wording import year as _year

__all__ = ["build", "not_in_data", "subdivision_kinds", "subdivisions"]


def build(ctx: Context) -> Section:
    """The governance architecture of ``ctx.country``: a table, two lists and the chart."""
    section = ctx.section(0)
    rows = []
    for level in _levels_present(ctx):
        govs = ctx.governments_at(level)
        names = [ctx.name(r) for r in govs]
        rows.append(Row(((ctx.level_name(level),), (_of_total(ctx, govs),), ctx.names_list(names, 6)),
                        ctx.cite(merge_citations(c for r in govs for c in r.cites))))
    section.blocks.append(Heading("Levels of government"))
    section.blocks.append(Table(("Level", "Governments recorded", "Among them"), tuple(rows),
                                "Governments the data records, by level"))
    section.blocks.append(Heading("Coordination bodies"))
    if ctx.bodies:
        rows = []
        for rec in ctx.bodies:
            levels = _body_levels(rec)
            basis: tuple = ((ctx.name(rec, "law", rec.one("law")), _article(rec.one("article")))
                            if rec.one("law") else ("not recorded",))
            rows.append(Row(((ctx.name(rec),), (_level_words(ctx, levels) if levels else "not recorded",), basis,
                             (_year(rec.one("start")) if rec.one("start") else "not recorded",),
                             _description(rec, ctx.at_scale)), ctx.cite(rec.cites)))
        section.blocks.append(Table(("Body", "Levels it joins", "Set up by", "Since", "Description"), tuple(rows),
                                    "Coordination bodies between levels of government"))
    else:
        section.blocks.append(ctx.read_for(
            "coordination between levels", [("domain", "coordination"), ("relation", "coordination")],
            ("no coordination body that joins its levels",),
            ("Is there a coordination body that joins the levels of government of ", ctx.nation, "?")))
    section.blocks.append(Heading("Framework laws"))
    frameworks = [r for r in ctx.instruments if r.one("type") == "framework-law"]
    if ctx.laws or frameworks:
        rows = []
        for rec in ctx.laws:
            rows.append(Row(((ctx.name(rec),), (_year(rec.one("year")) if rec.one("year") else "not recorded",),
                             (ctx.name(rec, "by", rec.one("by")), f" ({ctx.level_cell(str(rec.one('by_level')))}{'' if ctx.lang == 'zh' else ' level'})"),
                             _description(rec, ctx.at_scale)), ctx.cite(rec.cites)))
        for rec in frameworks:
            rows.append(Row(((ctx.name(rec),), (_year(rec.one("start")) if rec.one("start") else "not recorded",),
                             (ctx.name(rec, "by", rec.one("by")),), _description(rec, ctx.at_scale)),
                            ctx.cite(rec.cites)))
        section.blocks.append(Table(("Law", "Year", "Enacted by", "Description"), tuple(rows),
                                    "Climate framework laws"))
    else:
        section.blocks.append(ctx.read_for("climate framework laws", [("itype", "framework-law")],
                                           ("no climate law",),
                                           ("Does ", ctx.nation, " have a climate framework law?")))
    section.blocks.append(Figure(_chart(ctx), Note((
        "Chart: the levels of government (with how many governments the data records at each), the laws "
        "enacted at each level and the coordination bodies joined to the levels they bring together. "
        "Its sources are those of the table and lists above.",))))
    return section


#: ISO 3166-2 kinds of subdivision outside the country's federation (the US's Puerto Rico, Guam…): counted apart
OUTLYING = ("Outlying area",)


def subdivision_kinds(ctx: Context, govs: list[Rec]) -> list[tuple[str, list[str], list[str]]] | None:
    """The ISO 3166-2 subdivisions of the country of each kind that ``govs`` hold: ``(kind, codes of that kind
    recorded, codes of that kind in the list)``, the largest kind first and those outside the federation last.

    The kinds are those of the governments recorded (Canada's provinces and territories; Germany's Länder;
    Indonesia's provinces, not its seven geographical units). The list is the ISO 3166-2 list the graph cites
    (source ``iso-3166``, as the pycountry package ships it): used only when the graph's source names the
    very version installed, so that a total is never one the graph does not hold. None when no government
    of ``govs`` is a subdivision, or the versions differ.
    """
    import importlib.metadata

    import pycountry

    title = next((str(r.one("title")) for r in records(ctx.store, Q_SOURCES, key="key")
                  if str(r.one("key")) == "iso-3166"), "")
    if f"pycountry package, {importlib.metadata.version('pycountry')})" not in title:
        return None
    kinds: dict[str, list[str]] = {}
    for sub in sorted(pycountry.subdivisions.get(country_code=ctx.country) or (), key=lambda sub: sub.code):
        kinds.setdefault(sub.type, []).append(sub.code)
    ids = {ctx.id_of(r) for r in govs}
    found = [(kind, [c for c in codes if c in ids], codes) for kind, codes in kinds.items()]
    # the federation's own kinds first, the largest first; subdivisions outside it last
    found.sort(key=lambda f: (f[0] in OUTLYING, -len(f[2]), f[0]))
    return [f for f in found if f[1]] or None


def subdivisions(ctx: Context, govs: list[Rec]) -> tuple[int, int] | None:
    """How many of ``govs`` are ISO 3166-2 subdivisions of the country, and how many of their kinds it has
    (:func:`subdivision_kinds`); None when that list says nothing of them."""
    found = subdivision_kinds(ctx, govs)
    return (sum(len(held) for _, held, _ in found), sum(len(codes) for _, _, codes in found)) if found else None


def not_in_data(ctx: Context) -> tuple:
    """" Not in the data, so not asked about: 11 of the 16 regions the ISO 3166-2 list gives for the country.",
    for the kinds of regional government the data records (none missing: ``()``)."""
    found = subdivision_kinds(ctx, ctx.governments_at("regional")) or []
    parts = [f"{len(codes) - len(held):,} of the {len(codes):,} {kind_words(kind, len(codes))}"
             for kind, held, codes in found if len(held) < len(codes)]
    if not parts:
        return ()
    return (" Not in the data, so not asked about: ", joined(parts, ctx.lang),
            " the ISO 3166-2 list gives for the country.")


def kind_words(kind: str, count: int) -> str:
    """A kind of subdivision as a count reads it: "1 state", "6 outlying areas", "16 Länder"."""
    if kind == "Land":   # a German noun: capital, and its own plural
        return "Land" if count == 1 else "Länder"
    return kind.lower() if count == 1 else re.sub(r"y$", "ie", kind.lower()) + "s"


def _of_total(ctx: Context, govs: list[Rec]) -> str:
    """The governments recorded at a level, of how many where the ISO 3166-2 list gives the total: "12 of 13",
    "17 (16 of 16 ISO 3166-2 subdivisions)", and each kind apart where the list has subdivisions outside
    the federation: "51: 49 of 50 states, District of Columbia and 1 of 6 outlying areas" (not "51 of 57")."""
    found = subdivision_kinds(ctx, govs) if govs and govs[0].one("level") == "regional" else None
    if found is None:
        return f"{len(govs):,}"
    import pycountry

    listed, total = sum(len(held) for _, held, _ in found), sum(len(codes) for _, _, codes in found)
    if any(kind in OUTLYING for kind, _, _ in found):
        parts = [views.reader_name(pycountry.subdivisions.get(code=codes[0]).name) if len(codes) == 1 else
                 f"{len(held):,} of {len(codes):,} {kind_words(kind, len(codes))}" for kind, held, codes in found]
        return f"{len(govs):,}: " + joined(parts, ctx.lang)
    if listed == len(govs):
        return f"{listed:,} of {total:,}"
    return f"{len(govs):,} ({listed:,} of {total:,} ISO 3166-2 subdivisions)"


def _chart(ctx: Context) -> Chart:
    def label(name: Name, english: str) -> Label:
        return Label(name.text, name.lang, english)

    def words(english: str) -> Label:
        # the chart's own words in the brief's language, with their English for a PNG drawn without CJK glyphs
        return Label(phrase(english, ctx.lang), ctx.lang, english)

    levels = []
    for level in _levels_present(ctx):
        govs = ctx.governments_at(level)
        # named as the table above names them (巴亚尔塔港 in a Chinese brief, not Puerto Vallarta)
        examples = sorted((ctx.name(r, fallback=ctx.id_of(r)) for r in govs), key=ctx.sort_key)
        counted = "{n} government" if len(govs) == 1 else "{n} governments"
        detail = Label(phrase(counted, ctx.lang).format(n=f"{len(govs):,}"), ctx.lang,
                       counted.format(n=f"{len(govs):,}"))
        if len(govs) <= 3:
            detail = Label(detail.text + ("：" if ctx.lang == "zh" else ": ")
                           + joined([n.text for n in examples], ctx.lang, ", "),
                           ctx.lang, detail.english + ": " + ", ".join(ctx.english(n) for n in examples))
        levels.append((level, Label(ctx.concept("level", level) if ctx.lang == "zh" else level.capitalize(),
                                    "zh" if ctx.lang == "zh" else "en", level.capitalize()),
                       (detail if ctx.lang == "zh" else detail.text,)))
    laws = tuple((label(ctx.name(r), str(r.one("label_en") or ctx.id_of(r))), str(r.one("by_level")))
                 for r in ctx.laws)
    bodies = tuple((label(ctx.name(r), str(r.one("label_en") or ctx.id_of(r))), tuple(_body_levels(r)))
                   for r in ctx.bodies)
    title = phrase("Levels, laws and coordination bodies: {country}", ctx.lang).format(country=ctx.nation.text)
    return Chart(title, tuple(levels), laws, bodies, tuple(words(head) for head in HEADINGS.values()))


def _levels_present(ctx: Context) -> list[str]:
    present = {str(r.one("level")) for r in ctx.governments}
    return [level for level in LEVELS if level in present]


def _body_levels(rec: Rec) -> list[str]:
    joined = {str(v) for v in rec.all("member_level")} | {str(v) for v in rec.all("joined_level")}
    return [level for level in LEVELS if level in joined]


def _level_words(ctx: Context, levels: list[str]) -> str:
    return joined([ctx.level_cell(lvl) for lvl in levels], ctx.lang)


def _description(rec: Rec, short: bool = False) -> tuple:
    """A record's description as a table cell (never its curation note); ``short``: its first words."""
    text = str(rec.one("description") or "")
    return (Name(shortened(text) if short else text),) if text else ("not recorded",)
