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

Above section 1 stand the key messages, what to raise and the data-as-of line
(:mod:`.sections.messages`); each of sections 1 to 7 opens with a line on what
the material was read for. A statement is made once: a fact a later section
repeats word for word is replaced there by a pointer to the section that says it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...errors import UnknownNameError
from .annex import TABLE_ROWS, annex_link
from .data import merge_citations, resolve_country
from .footnotes import merge_notes, remap, renumber, used
from .leftout import left_out
from .model import Brief, Bullets, Fact, Footnote, Note, Section
from .sections import (
    architecture,
    completeness,
    gaps,
    instruments,
    mandates,
    messages,
    networks,
    replication,
    sources,
    targets,
)
from .sections.context import SECTIONS, Context
from .sections.wording import NOT_COVERED_MEANS

__all__ = ["gather", "questions", "build_date", "resolve_country", "merge_citations", "LANGUAGES", "SECTIONS"]

LANGUAGES = ("en", "zh")


def build_date(graph: Path | str) -> str | None:
    """The day the store of the graph folder ``graph`` was built (``"2026-12-03"``), or None.

    A build names its database by the time it began (``stores/20261203T190711.0000-4242``,
    :func:`cca_graph.graph.store.new_build_dir`) and points ``store`` at it: the date is the
    build's, read from the data on disk, never the time a brief is written.
    """
    link = Path(graph) / "store"
    found = re.match(r"(\d{4})(\d{2})(\d{2})T", link.resolve().name) if link.exists() else None
    return "-".join(found.groups()) if found else None


def gather(store, country: str, lang: str = "en", built: str | None = None, annex: str | None = None,
           imports: Path | str | None = None) -> Brief:
    """Everything a brief on ``country`` says, with its footnotes and bibliography.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str
        ISO 3166-1 alpha-2 code or name of a country the graph holds.
    lang : {"en", "zh"}
        Language of names: Chinese labels where the data has them, else English.
    built : str, optional
        The day the graph was built (:func:`build_date`), for the data-as-of line.
    annex : str, optional
        The name the annex's folder and workbook start with (the brief file's stem: ``US`` gives
        ``US-annex/``); by default the country's code.
    imports : Path or str, optional
        The graph's import folder: the rows about the country its imports left out are counted in
        sections 4 and 8 (:mod:`.leftout`).

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
    ctx.annex = annex or code
    ctx.built = built
    ctx.left_out = left_out(imports, code)
    ctx.prefetch(questions(ctx))
    sections = [architecture.build(ctx), mandates.build(ctx), instruments.build(ctx), targets.build(ctx),
                networks.build(ctx), gaps.build(ctx), replication.build(ctx), completeness.build(ctx)]
    if _little(ctx):
        for section in sections:
            _shorten(ctx, section)
        ctx.numbers = {c: n for c, n in ctx.numbers.items() if n in used(sections)}
    else:
        for section in sections:
            line = messages.coverage_line(ctx, section)
            if line is not None:
                section.blocks.insert(0, line)
    _once(sections)
    # key messages cite what the sections cite: they come before the sources section counts the notes
    top = [] if _little(ctx) else messages.build(ctx)
    summary = _summary(ctx, sections)
    # notes on one part of a document become one, before the sources section counts them
    ctx.numbers, mapping = merge_notes(ctx.numbers)
    for section in sections:
        section.blocks = [remap(b, mapping) for b in section.blocks]
    top = [remap(b, mapping) for b in top]
    # the sources section counts the notes of every other one, so it comes last
    sections.append(sources.build(ctx))
    documents = sources.bibliography(ctx)
    summary = [messages.data_as_of(documents, built, ctx.evidence_docs), *_annex_note(ctx), *top, *summary]
    # the summary cites first but is gathered last: renumber the notes in reading order
    return renumber(Brief(code, ctx.nation, lang, summary, sections,
                          [Footnote(n, c) for c, n in sorted(ctx.numbers.items(), key=lambda cn: cn[1])],
                          documents, at_scale=ctx.at_scale))


def questions(ctx: Context) -> list[tuple[str, dict]]:
    """The catalogue questions the sections ask, the slowest at registry scale first."""
    country = {"country": ctx.country}
    return ([("network-asymmetry", country), ("target-misalignment", country)]
            + [("replication-candidates", {"government": g}) for g in ctx.candidate_governments()]
            + [(name, country) for name in ("unfunded-mandate", "coordination-gap", "pledge-integrity",
                                            "levels-and-mandates", "mandate-without-instrument",
                                            "reporting-gap", "level-without-mandate")]
            + ([] if ctx.top_members else [("brokers", {})]) + [("scaled-up", {})])


def _once(sections: list[Section]) -> None:
    """A fact listed again, word for word, in a later section is replaced there by a pointer to the first."""
    said: dict[tuple, int] = {}
    for section in sections:
        for i, block in enumerate(section.blocks):
            if not isinstance(block, Bullets):
                continue
            kept, repeated = [], set()
            for item in block.items:
                if isinstance(item, Fact) and item.parts in said and said[item.parts] != section.number:
                    repeated.add(said[item.parts])
                    continue
                if isinstance(item, Fact):
                    said.setdefault(item.parts, section.number)
                kept.append(item)
            if repeated:
                where = " and ".join(f"section {n}" for n in sorted(repeated))
                kept.append(Note((f"Told in {where}, not repeated here.",)))
                section.blocks[i] = Bullets(tuple(kept))


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
                                                       ": what is missing here is not looked at."))]


def _plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 target or pledge", "127 targets and pledges", "1,261 memberships"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _annex_note(ctx: Context) -> list[Note]:
    """For a brief over its budget: where the full lists are, every file of the annex linked."""
    if not ctx.at_scale:
        return []
    # name only the lists over a table's rows: "1 target is too long for a brief" would be false
    words = {"memberships": "memberships", "targets": "targets and pledges", "programmes": "programme participations"}
    long = [f"{ctx.counts[name]:,} {word}" for name, word in words.items() if ctx.counts[name] > TABLE_ROWS]
    many = len(long) > 1  # at scale, at least one list is over (annex.over_budget)
    listed = ", ".join(long[:-1]) + " and " + long[-1] if many else long[0]
    parts: list = [f"The list{'s' if many else ''} of {listed} {'are' if many else 'is'} too long "
                   f"for a table of {TABLE_ROWS} rows: the brief counts {'them' if many else 'it'} and shows "
                   f"the largest. Every record of the {_plural(ctx.counts['governments'], 'government')}, "
                   f"{_plural(ctx.counts['memberships'], 'membership')}, "
                   f"{_plural(ctx.counts['targets'], 'target or pledge', 'targets and pledges')} and "
                   f"{_plural(ctx.counts['programmes'], 'programme participation')}, with its source and locator, "
                   "is in the annex: "]
    for i, name in enumerate(("governments", "memberships", "targets", "programmes")):
        parts += [", " if i else "", annex_link(ctx.annex, name)]
    return [Note((*parts, ", and all four in the workbook ", annex_link(ctx.annex, "workbook"), "."))]


def _summary(ctx: Context, sections: list[Section]) -> list:
    notes = [Note(("Every statement ends with numbered notes to its source and the place in it (section 9). "
                   "Sentences set apart as notes speak about the data itself. Where something is not found, the "
                   "brief says how sure it is: \u201ca source states\u201d there is none (with the source); "
                   "\u201csurveyed and not found\u201d (the material was read for it); or \u201cnot looked at\u201d: "
                   f"{NOT_COVERED_MEANS}.",))]
    empty = [s for s in sections[:7] if not s.facts]
    if empty:
        notes.append(Note(("The data holds little on ", ctx.nation, ": no recorded facts for "
                           + ", ".join(f"{s.title.lower()} (section {s.number})" for s in empty)
                           + ". Section 8 says what the material covers and what is missing.")))
    return notes
