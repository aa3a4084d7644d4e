"""Gathering a country brief from the graph.

Each section is built by its module in :mod:`.sections`, from catalogue
questions (:func:`cca_graph.query.catalogue.run_query`) where one fits, and
from the ad-hoc queries of :mod:`.data` where none does (what the country's
governments, laws, instruments, targets and memberships are, with labels and
citations). Every statement is made a :class:`Fact` with the footnote numbers
of its citations; what the data lacks is said by the status of the finding
(queries/README.md): what exists, a known absence with its source, "surveyed
and not found", or, where the material did not look, a question to ask.

A catalogue question missing from this installation does not break a brief:
its part says the check is not available.
"""
from __future__ import annotations

from ...errors import UnknownNameError
from .data import merge_citations, resolve_country
from .footnotes import renumber, used
from .model import Brief, Footnote, Note, Section
from .sections import (
    architecture,
    completeness,
    gaps,
    instruments,
    mandates,
    networks,
    replication,
    sources,
    targets,
)
from .sections.context import SECTIONS, Context

__all__ = ["gather", "resolve_country", "merge_citations", "LANGUAGES", "SECTIONS"]

LANGUAGES = ("en", "zh")


def gather(store, country: str, lang: str = "en") -> Brief:
    """Everything a brief on ``country`` says, with its footnotes and bibliography.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str
        ISO 3166-1 alpha-2 code or name of a country the graph holds.
    lang : {"en", "zh"}
        Language of names: Chinese labels where the data has them, else English.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> brief = gather(open_store("out"), "MX")
    >>> [s.title for s in brief.sections][:2]
    ['Governance architecture', 'Mandates by level']
    """
    if lang not in LANGUAGES:
        raise UnknownNameError("language", lang, list(LANGUAGES))
    code = resolve_country(store, country)
    ctx = Context(store, code, lang)
    sections = [architecture.build(ctx), mandates.build(ctx), instruments.build(ctx), targets.build(ctx),
                networks.build(ctx), gaps.build(ctx), replication.build(ctx), completeness.build(ctx)]
    if _little(ctx):
        for section in sections:
            _shorten(ctx, section)
        ctx.numbers = {c: n for c, n in ctx.numbers.items() if n in used(sections)}
    summary = _summary(ctx, sections)
    # the sources section counts the notes of every other one, so it comes last
    sections.append(sources.build(ctx))
    # the summary cites first but is gathered last: renumber the notes in reading order
    return renumber(Brief(code, ctx.nation, lang, summary, sections,
                          [Footnote(n, c) for c, n in sorted(ctx.numbers.items(), key=lambda cn: cn[1])],
                          sources.bibliography(ctx)))


def _little(ctx: Context) -> bool:
    """Whether the data holds nothing on the country but its governments."""
    return not any((ctx.laws, ctx.mandates, ctx.instruments, ctx.commitments, ctx.memberships,
                    ctx.participations, ctx.bodies, ctx.absences))


def _shorten(ctx: Context, section: Section) -> None:
    """Replace the checks of a section that the data cannot feed by one sentence on what is missing."""
    missing = {
        "mandates": ("No mandate from a law of ", ctx.nation, " is recorded."),
        "instruments": ("No instrument adopted by a government of ", ctx.nation, " is recorded."),
        "targets": ("No target or pledge of a government of ", ctx.nation, " is recorded, so there is "
                    "nothing to align or to check for integrity."),
        "networks": ("No network membership of a government of ", ctx.nation, ", and no programme one of them "
                     "takes part in, is recorded."),
        "gaps": ("No gap can be shown: with no law, mandate, instrument, coordination body or reporting "
                 "platform of ", ctx.nation, " recorded, there is no chain to check."),
        "replication": ("Nothing to replicate is recorded: no instrument of ", ctx.nation, " was scaled up "
                        "or copied, and no government of it shares a network with peers."),
    }
    if section.key in missing:
        section.blocks = [Note(missing[section.key] + (" The material holds almost nothing on ", ctx.nation,
                                                       ": what is missing here is a question to ask, not a "
                                                       "failing."))]


def _summary(ctx: Context, sections: list[Section]) -> list:
    notes = [Note(("Every statement ends with numbered notes to its source and the place in it (section 9). "
                   "Sentences set apart as notes speak about the data itself. Where something is not found, the "
                   "brief says how sure it is: \u201ca source states\u201d there is none (with the source); "
                   "\u201csurveyed and not found\u201d (the material was read for it); or, where the material did "
                   "not look, a question to ask, not a failing.",))]
    empty = [s for s in sections[:7] if not s.facts]
    if empty:
        notes.append(Note(("The data holds little on ", ctx.nation, ": no recorded facts for "
                           + ", ".join(f"{s.title.lower()} (section {s.number})" for s in empty)
                           + ". Section 8 says what the material covers and what is missing.")))
    return notes
