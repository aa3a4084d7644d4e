"""Section 6, gaps: where the chain from law to mandate, instrument, funding and reporting breaks.

One part per catalogue question: ``coordination-gap``, ``level-without-mandate``,
``mandate-without-instrument``, ``unfunded-mandate`` and ``reporting-gap``. Each
row's ``status`` (queries/README.md) sets its wording: ``no-gap`` says what
exists; ``known-absent`` is a finding with the source that states it;
``gap`` is a finding, "surveyed and not found"; ``not-covered`` is a question
to ask, never a lack.
"""
from __future__ import annotations

import re

from ..model import Bullets, Heading, Note, Section
from .context import Context, group_rows
from .messages import REFERENCE_LISTS
from .wording import article as _article
from .wording import rank, with_status

__all__ = ["build", "NO_GAP", "IN_PART"]

#: how a finding that the chain holds opens: the section tells what holds beside what breaks
NO_GAP = "No gap: "
#: a finding that holds for some of the governments reached, not all: never "No gap" (1 of Jalisco's 19
#: municipalities on record has a plan)
IN_PART = "In part: "

# the catalogue's sentence for an empty answer, without the open-world aside of the
# questions before the status contract (the brief words absences by status)
_ASIDE = re.compile(r"\s*(\(absent in the data[^)]*\)|;\s*absent in the data.*$)", re.IGNORECASE)


def build(ctx: Context) -> Section:
    """The gaps of ``ctx.country``, one heading per kind, each finding worded by its status."""
    section = ctx.section(5)
    for name, title, part in (
            ("coordination-gap", "Coordination between levels", _coordination_gap),
            ("level-without-mandate", "Levels and obligations from national law", _level_gap),
            ("mandate-without-instrument", "Obligations and the instruments they require", _instrument_gap),
            ("unfunded-mandate", "Obligations and their funding", _funding_gap),
            ("reporting-gap", "Reporting channels into national MRV", _reporting_gap)):
        section.blocks.append(Heading(title))
        rows = ctx.run(name, country=ctx.country)
        if rows is None:
            section.blocks.append(ctx.unavailable(name))
        elif not rows:
            from ....query.catalogue import get

            section.blocks.append(Note((f"Nothing to show for this check: {_ASIDE.sub('', get(name).no_rows)}.",)))
        else:
            section.blocks += part(ctx, rows)
    section.blocks.append(Heading("Targets and networks"))
    section.blocks.append(Note(("Targets missing or out of step with the national one are in section 4, "
                                "asymmetries in network membership in section 5.",)))
    return section


def _ordered(groups):
    """Groups whose key ends with a status, strongest status first, else in order of their key."""
    return sorted(groups, key=lambda kg: ([str(v) for v in kg[0][:-1]], rank(kg[0][-1])))


def _coordination_gap(ctx: Context, rows: list[dict]) -> list:
    rows = [dict(r, upper_level=r.get("upper_level") or "national")
            for r in with_status(rows, lambda r: r.get("gap") == "no")]
    items = []
    for (upper, lower, status), group in _ordered(group_rows(rows, "upper_level", "lower_level", "status")):
        pair = f"the {ctx.level_word(upper)} and {ctx.level_word(lower)} levels"
        cites = ctx.sources_of(group)
        if status == "no-gap":
            bodies = ctx.names_list([ctx.label(r["body"]) for r in group if r.get("body")])
            ids = {str(r["body"]) for r in group if r.get("body")}
            verb = " joins " if len(ids) == 1 else " join "
            # a body whose member levels the data does not record (Indonesia's RAN-GRK secretariat gathers
            # the provinces' project data, giz-cca §4.6): it is linked to the levels, none is said to sit in it
            how = ("" if ids & ctx.seated_bodies else
                   " (linked to each level; the source does not say that the levels sit in it)")
            items.append(ctx.fact_or_note((NO_GAP, *bodies, f"{verb}{pair}{how}."), cites))
        elif status == "known-absent":
            items.append(ctx.fact_or_note((f"A source states that no body joins {pair}.",), cites))
        elif status == "gap":
            items.append(ctx.surveyed((f"the material was read for coordination at the {ctx.level_word(lower)} "
                                       f"level and holds no body that joins {pair}.",), cites,
                                      [("relation", "coordination"), ("domain", "coordination")]))
        else:
            items.append(ctx.ask((f"Is there a body that joins {pair}?",), cites))
    return [Bullets(tuple(items))]


def _level_gap(ctx: Context, rows: list[dict]) -> list:
    rows = with_status(rows, lambda r: int(r.get("national_obligations") or 0) > 0)
    items = []
    for (level, status), group in _ordered(group_rows(rows, "level", "status")):
        words = ctx.level_word(level)
        cites = ctx.sources_of(group)
        if status == "no-gap":
            count = max(int(r.get("national_obligations") or 0) for r in group)
            items.append(ctx.fact_or_note((NO_GAP, f"national law obliges the {words} level: {count} "
                                           f"obligation{'' if count == 1 else 's'} recorded.",), cites))
        elif status == "known-absent":
            # say what the source states: the domain of the absence (a planning duty), not "anything"
            absences, said = ctx.mandate_absences(level)
            domains = sorted({str(d) for r in absences for d in r.all("domain")})
            what = (" in " + ", ".join(ctx.concept("mandate-domain", d) for d in domains)) if domains else ""
            # the absence itself, with its source's words, is told once: in section 2
            told = " (the known absence in section 2)" if domains else ""
            items.append(ctx.fact_or_note((*said, f"{words} level{what}{told}."), cites,
                                          ctx.coverage_refs("level", level)))
        elif status == "gap":
            items.append(ctx.surveyed((f"the material was read for the mandates of the {words} level and holds "
                                       "no national law that obliges it to anything.",), cites))
        else:
            items.append(ctx.ask((f"Does a national law oblige the {words} level to anything?",), cites))
        fillers = group_rows([r for r in group if r.get("filled_by")], "filled_by", "filled_by_law",
                             "filled_by_article")
        for (filler, law, article), fill in sorted(fillers):
            provision = _article(article)
            items.append(ctx.fact_or_note(
                (ctx.label(filler), f" obliges its {words} governments through its own ", ctx.label(law), provision,
                 "."), ctx.sources_of(fill, "filled_by_source")))
    return [Bullets(tuple(items))]


def _instrument_gap(ctx: Context, rows: list[dict]) -> list:
    rows = with_status(rows, lambda r: bool(r.get("instrument")))
    items = []
    for (mandate, law, article, itype, level, status), group in _ordered(
            group_rows(rows, "mandate", "law", "article", "required_instrument_type", "level", "status")):
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        count = len({r["government"] for r in group})
        # the governments the obligation reaches, whatever their status
        total = len({r["government"] for r in rows if (r["mandate"], r["required_instrument_type"]) == (mandate, itype)})
        kind = ctx.concept("instrument-type", itype)
        head = (ctx.label(law), _article(article), f" obliges {ctx.level_word(level)} governments to have a {kind} (",
                ctx.label(mandate), ")")
        cites = ctx.sources_of(group)
        if status == "no-gap":
            # the governments the data records, not all that the law reaches (Jalisco has far more
            # municipalities than the data names), and a plan on record, not one made under this law
            items.append(ctx.fact_or_note((NO_GAP if count == total else IN_PART,) + head + (
                f"; of the governments it reaches, the data records {total}, and {count} of them "
                f"{'has' if count == 1 else 'have'} one on record: ", *names,
                " (the data does not say whether it was made under this obligation)."), cites))
        elif status == "known-absent":
            items.append(ctx.fact_or_note(head + (f"; a source states that {count} of them have none: ", *names, "."),
                                          cites))
        elif status == "gap":
            items.append(ctx.surveyed(head + (f"; the material was read for this type of instrument at this level "
                                              f"and holds none for {count} of the {total} it reaches: ", *names, "."), cites))
        else:
            items.append(ctx.ask(head + (". Do ", *names, " have one?") if count > 1 else
                                 head + (". Does ", *names, " have one?"), cites))
    return [Bullets(tuple(items))]


def _funding_gap(ctx: Context, rows: list[dict]) -> list:
    rows = with_status(rows, lambda r: bool(r.get("funding")))
    items = []
    for (mandate, law, article, level, government, status), group in _ordered(
            group_rows(rows, "mandate", "law", "article", "level", "government", "status")):
        target = (ctx.label(government),) if government else (f"the {ctx.level_word(level)} level",)
        obligation = (ctx.label(mandate), " (", ctx.label(law), _article(article), ") on ", *target)
        cites = ctx.sources_of(group)
        if status == "no-gap":
            funds = sorted({f.strip() for r in group for f in str(r.get("funding") or "").split(";") if f.strip()})
            items.append(ctx.fact_or_note((NO_GAP, "the obligation ", *obligation, " is funded by ",
                                           *ctx.names_list([ctx.label(f) for f in funds]), "."), cites))
        elif status == "known-absent":
            items.append(ctx.fact_or_note(("The obligation ", *obligation,
                                           ": a source states there is no funding for it."), cites))
        elif status == "gap":
            items.append(ctx.surveyed(("the obligation ", *obligation, ": the material was read for funding at this "
                                       "level and holds no funding programme for it."), cites,
                                      [("relation", "funding")]))
        else:
            items.append(ctx.ask(("Is the obligation ", *obligation, " funded?"), cites))
    return [Bullets(tuple(items))]


def _reporting_gap(ctx: Context, rows: list[dict]) -> list:
    rows = [dict(r, level=r.get("level") or "regional") for r in with_status(rows)]
    items = []
    for (level, status, platform, basis), group in sorted(
            group_rows([dict(r, basis=r.get("basis") or "") for r in rows], "level", "status", "national_platform",
                       "basis"),
            key=lambda kg: (str(kg[0][0]), rank(kg[0][1]), str(kg[0][2]), str(kg[0][3]))):
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        count = len({r["government"] for r in group})
        recorded = len(ctx.governments_at(level))
        # every regional government that existed at the year the question judges is a row: one formed
        # later (Indonesia's four Papua provinces of 2022, against a 2020 source) is not judged, and
        # counting it would read as four provinces that do not report
        total = len({r["government"] for r in rows if r["level"] == level}) if level == "regional" else recorded
        later = (f" (the other {recorded - total} recorded now are not judged: they did not exist at the time of "
                 "the sources)") if total < recorded else ""
        words = ctx.level_word(level)
        cites = ctx.sources_of(group)
        into = ("the national MRV platform ", ctx.label(platform)) if platform else ("a national MRV platform",)
        if status == "no-gap" and basis == "level":
            # the statement's source, not the code list that names each province (34 notes for one sentence)
            cites = [c for c in cites if c.doc not in REFERENCE_LISTS] or cites
            # the source says it of the level as a class and names none of them (giz-cca §4.6 of the
            # Indonesian provinces): the brief says so rather than count them as each observed
            items.append(ctx.fact_or_note((NO_GAP, f"a source states that the {words} governments, as a class, report "
                                           "into ", *into, "; it names none of them. The data applies this to the "
                                           f"{count} of the {total} {words} governments{later}: ", *names, "."), cites))
        elif status == "no-gap":
            verb = "reports" if count == 1 else "report"
            items.append(ctx.fact_or_note((NO_GAP if count == total else IN_PART,
                                           f"{count} of the {total} {words} governments{later} {verb} into ", *into,
                                           ": ", *names, "."), cites))
        elif status == "known-absent":
            items.append(ctx.fact_or_note((f"A source states that {count} of the {total} {words} governments have "
                                           "no reporting channel into ", *into, ": ", *names, "."), cites))
        elif status == "gap":
            items.append(ctx.surveyed((f"the material was read for reporting at the {words} level and holds no "
                                       f"channel into ", *into, f" for {count} of the {total} {words} governments: ",
                                       *names, "."), cites, [("relation", "reporting"), ("itype", "mrv-platform")]))
        else:
            items.append(ctx.ask(("Do " if count > 1 else "Does ", *names, " report into ", *into, "?"), cites))
    return [Bullets(tuple(items))]
