"""Section 8, how complete the data is: what the material was read for, holds and lacks.

From the country's coverage records, the counts of every kind of record and
the known absences.
"""
from __future__ import annotations

from ..annex import DESCRIPTION_WORDS, shortened
from ..i18n import joined
from ..model import Bullets, Fact, Heading, Name, Note, Section
from .context import LEVELS, Context
from .wording import plural as _plural

__all__ = ["build", "left_out_words"]

def left_out_words(groups, lines=lambda group: True) -> tuple:
    """The rows the imports left out, import by import and reason by reason, as text parts joined by "; "
    (:meth:`.leftout.LeftOut.parts`); ``lines(group)`` says whether a group's lines are named here."""
    parts: list = []
    for group in groups:
        parts += ["; "] * bool(parts) + list(group.parts(lines(group)))
    return tuple(parts)


def build(ctx: Context) -> Section:
    """What the material on ``ctx.country`` covers, what the data holds, and how to read absences."""
    section = ctx.section(7)
    if not ctx.coverage:
        section.blocks.append(Note(("No coverage record for ", ctx.nation, ": the data does not say what the "
                                    "material was read for, so whatever this brief does not find is not looked "
                                    "at.",)))
    read = []
    for rec in ctx.coverage:
        refs = ctx.cite(rec.cites)
        what = []
        for column, scheme, words in (("level", "level", "the levels"),
                                      ("itype", "instrument-type", "the instrument types"),
                                      ("domain", "mandate-domain", "the mandate domains"),
                                      ("relation", "relation-kind", "the links between levels")):
            keys = sorted((str(v) for v in rec.all(column)),
                          key=lambda k: (LEVELS.index(k) if k in LEVELS else 9, k))
            if keys:
                shown = [ctx.concept(scheme, k) if scheme != "level" or ctx.lang == "zh" else k for k in keys]
                what.append(f"{words} {joined(shown, ctx.lang, ', ')}")
        networks = ctx.names_list([ctx.label(str(n)) for n in rec.all("network")])
        if networks:
            what.append("the full member list of ")
        # what the record lists, then its description in words: one statement, cited once
        text = str(rec.one("description") or "")
        about = (" ", Name(shortened(text, 2 * DESCRIPTION_WORDS) if ctx.at_scale else text)) if text else ()
        read.append(Fact(("The material on ", ctx.nation, " was read for "
                          + ("; ".join(what) if what else "nothing specific"), *networks, ".", *about), refs))
    if read:
        section.blocks.append(Bullets(tuple(read)))
    section.blocks.append(Heading("What the data holds and lacks"))
    # imported here: targets reads this module's words for the rows left out
    from .targets import doubts

    doubted = len(doubts(ctx))
    counts = [_plural(len(ctx.governments), "government"), _plural(len(ctx.laws), "law"),
              _plural(len(ctx.mandates), "mandate"), _plural(len(ctx.instruments), "instrument"),
              _plural(len(ctx.outcomes), "outcome record"),
              _plural(ctx.counts["targets"], "target or pledge", "targets or pledges")
              + (f" ({doubted:,} of them in doubt, section 4)" if doubted else ""),
              _plural(ctx.counts["memberships"], "network membership"),
              _plural(len(ctx.participations), "programme taken part in", "programmes taken part in"),
              _plural(len(ctx.bodies), "coordination body", "coordination bodies"),
              _plural(len(ctx.absences), "known absence", "known absences")]
    section.blocks.append(Note(("For ", ctx.nation, " the data holds: " + ", ".join(counts) + ".")))
    if ctx.left_out:
        section.blocks.append(Note(("The imports left out rows of their sources about ", ctx.nation, ": ",
                                    # the target rows' lines are told in section 4, beside the targets
                                    *left_out_words(ctx.left_out, lambda g: not g.targets),
                                    ". Each is in its import's report (the graph folder's imports/, "
                                    "<name>.report.html), with its reason; what they state is not in this brief.")))
    present = {str(r.one("type")) for r in ctx.instruments}
    empty = [t for t in sorted(ctx.covered("itype")) if t not in present]
    if empty:
        section.blocks.append(Note(("Surveyed and not found (the material was read for them and holds none): "
                                    "instrument types " + joined(
                                        [ctx.concept("instrument-type", t) for t in empty], ctx.lang, ", ") + ".",)))
    unread_levels = [lvl for lvl in ("national", "regional", "local") if lvl not in ctx.covered("level")]
    if ctx.coverage and unread_levels:
        section.blocks.append(Note(("Not looked at, so nothing is claimed either way: the "
                                    + ", ".join(unread_levels) + " level" + ("s" if len(unread_levels) > 1 else "")
                                    + ".",)))
    absent = list(ctx.absences)
    if absent:
        section.blocks.append(Heading("Known absences"))
        section.blocks.append(Bullets(tuple(ctx.absence_fact(r) for r in absent)))
    else:
        section.blocks.append(Note(("No source in the data states that something does not exist for ", ctx.nation,
                                    ".")))
    # how to read an absence is said once, above section 1 (gather._summary)
    return section
