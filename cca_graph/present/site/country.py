"""What a country's page shows from its brief: the level chart, the key messages, the gap checks.

The brief is gathered once per country (:func:`cca_graph.present.briefs.gather`) and
written into the site as HTML (``briefs/<CC>.html``, with its annex when its lists are
too long for it); the country's page takes the chart, the key messages and the gap
checks from the same gathered brief, each statement's note numbers linking to the
notes of the brief, where the source and locator of each is. A list of names one of
which holds a comma ("El Grullo, Jalisco") is shown with semicolons between them
(:func:`separated`), so that a reader does not take it for two entries.

Above them, the country's key facts (:func:`key_facts`), each counted in the graph:
its governments by level ("of N" only where a figure about the nation gives N), laws,
instruments, the networks its governments joined, its targets, the gap findings by how
sure each is, and the year of the newest document its records cite.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..briefs.annex import write_annex
from ..briefs.diagram import to_svg
from ..briefs.gather import gather
from ..briefs.html import write_html
from ..briefs.model import Brief, Figure, Name, for_output
from ..briefs.sections.messages import REFERENCE_LISTS
from ..briefs.sections.wording import STATUSES, with_status
from .graph import LEVEL_WORDS, SiteGraph, kind_of, name_of

__all__ = ["BRIEFS", "CountryPart", "KeyFacts", "brief_path", "country_part", "key_facts", "section_links",
           "separated"]

#: the gap checks of a brief (section 6), whose findings the key facts count by status
GAP_CHECKS = ("coordination-gap", "level-without-mandate", "mandate-without-instrument", "unfunded-mandate",
              "reporting-gap")
#: each status of a finding in the key facts' words, in the order of :data:`STATUSES`
STATUS_WORDS = {"no-gap": "where the link exists", "known-absent": "stated absent by a source",
                "gap": "surveyed and not found", "not-covered": "not looked at (questions to ask)"}
#: the measure of a figure that counts a country's governments at one level (the N of "32 of N")
GOVERNMENT_COUNT = "governments"

#: the folder of the site that holds the briefs
BRIEFS = "briefs"


def brief_path(code: str) -> str:
    """Path of a country's brief, relative to the site folder (``briefs/MX.html``)."""
    return f"{BRIEFS}/{code}.html"


@dataclass(frozen=True)
class CountryPart:
    """The parts of a brief a country page shows.

    Attributes
    ----------
    brief : str
        Path of the brief, relative to the site folder.
    chart : Markup
        The level chart as SVG (names escaped by :mod:`..briefs.diagram`).
    messages : list
        The key messages and notes above the brief's first section.
    gaps : list
        The blocks of the brief's gap checks, each finding with how sure it is.
    facts : int
        Statements in the whole brief.
    files : tuple of Path
        The files written: the brief and its annex.
    """

    brief: str
    chart: Markup
    messages: list
    gaps: list
    facts: int
    files: tuple[Path, ...] = ()
    key: "KeyFacts | None" = None
    #: section number -> its key, the anchor of the section in the brief (``4`` -> ``"targets"``)
    sections: dict = field(default_factory=dict)


@dataclass(frozen=True)
class KeyFacts:
    """What a country's page shows at a glance, each counted in the graph.

    Attributes
    ----------
    levels : list of (str, int, int or None)
        Per level of government, top down: its words, the governments recorded, and how
        many there are where a figure about the nation says so (else None).
    laws, instruments, targets : int
        The country's laws, instruments and commitments (targets and pledges).
    networks : list of str
        Names of the networks a government of the country is a member of.
    gaps : list of (str, int)
        Findings of the gap checks (one per check and government) by status, in words.
    newest : int or None
        The year of the newest document the country's records cite, code lists left out.
    """

    levels: list = field(default_factory=list)
    laws: int = 0
    instruments: int = 0
    targets: int = 0
    networks: list = field(default_factory=list)
    gaps: list = field(default_factory=list)
    newest: int | None = None


def separated(parts) -> list:
    """The parts of a statement, with ``", "`` between two names made ``"; "`` when a name holds a comma.

    >>> separated([Name("Arandas"), ", ", Name("El Grullo, Jalisco"), " and ", Name("Guadalajara")])
    [Name(text='Arandas', lang='en'), '; ', Name(text='El Grullo, Jalisco', lang='en'), ' and ', Name(text='Guadalajara', lang='en')]
    """
    parts = list(parts)
    if not any(isinstance(p, Name) and "," in p.text for p in parts):
        return parts
    return ["; " if part == ", " and 0 < i < len(parts) - 1 and isinstance(parts[i - 1], Name)
            and isinstance(parts[i + 1], Name) else part for i, part in enumerate(parts)]


_SECTION = re.compile(r"\bsection (\d+)\b")


def section_links(text: str, sections: dict) -> list[tuple[str, str | None]]:
    """``text`` in pieces, each "section N" of the brief with the key of its anchor, the rest with None.

    >>> section_links("as in section 4, and section 12.", {4: "targets"})
    [('as in ', None), ('section 4', 'targets'), (', and section 12.', None)]
    """
    pieces, at = [], 0
    for found in _SECTION.finditer(text):
        key = sections.get(int(found[1]))
        if key is None:
            continue
        pieces += [(text[at:found.start()], None), (found[0], key)]
        at = found.end()
    pieces.append((text[at:], None))
    return [(piece, key) for piece, key in pieces if piece]


def _write_brief(brief: Brief, store, folder: Path) -> tuple[Path, ...]:
    """The brief as HTML in ``folder``, its annex first (a brief never links files that are not there)."""
    annex = write_annex(store, brief.country, folder, brief.country)   # nothing for a brief within budget
    return (*annex, write_html(brief, folder / f"{brief.country}.html"))


def _level_totals(graph: SiteGraph, code: str) -> dict[str, int]:
    """Level -> how many governments the country has there, from measured figures about its nation."""
    totals = {}
    for rel in graph.incoming.get(graph.nationals[code], ()):
        props = graph.node(rel.start).properties
        levels = props.get("appliesToLevel", [])
        levels = levels if isinstance(levels, list) else [levels]
        if (rel.type == "ABOUT" and kind_of(graph.node(rel.start)) == "Observation" and len(levels) == 1
                and props.get("measure") == GOVERNMENT_COUNT and props.get("figureStatus") == "measured"
                and props.get("qualifier", "exact") == "exact"):
            totals[str(levels[0])] = int(props["value"])
    return totals


def _gap_rows(store, code: str) -> list[dict]:
    """Every finding of the brief's gap checks, with its status (the answers the brief keeps, when it has
    just asked them of the same store)."""
    from ..briefs.sections.context import answer

    return [row for name in GAP_CHECKS for row in with_status(answer(store, name, country=code))]


def key_facts(store, graph: SiteGraph, code: str) -> KeyFacts:
    """The key facts of country ``code``: counts of its records in ``graph`` and of its gap findings."""
    mine = [iri for iri in graph.nodes if graph.country_of(iri) == code]
    kinds = Counter(kind_of(graph.node(iri)) for iri in mine)
    by_level = Counter(str(graph.node(iri).properties.get("level", "")) for iri in mine
                       if kind_of(graph.node(iri)) == "Government")
    totals = _level_totals(graph, code)
    levels = [(words, by_level[level], totals.get(level)) for level, words in LEVEL_WORDS.items() if by_level[level]]
    networks = {rel.end for iri in mine if kind_of(graph.node(iri)) == "Government"
                for rel in graph.outgoing.get(iri, ()) if rel.type == "MEMBER_OF"}
    years = []
    for iri in mine:
        cited = list(graph.node(iri).properties.get("sources", []))
        cited += [c for rel in graph.outgoing.get(iri, ()) for c in rel.properties.get("sources", [])]
        for cite in cited:
            doc = str(cite).partition(": ")[0]
            year = graph.graph.documents.get(doc, {}).get("year")
            # code lists date no evidence, as in the brief's "data as of"
            if isinstance(year, int) and doc not in REFERENCE_LISTS:
                years.append(year)
    statuses = Counter(row["status"] for row in _gap_rows(store, code))
    return KeyFacts(levels, kinds["LegalAct"], kinds["Instrument"], kinds["Commitment"],
                    sorted((name_of(graph.node(n)) for n in networks), key=str.casefold),
                    [(STATUS_WORDS[s], statuses[s]) for s in STATUSES if statuses[s]], max(years, default=None))


def country_part(store, code: str, site: Path, built: str | None = None) -> CountryPart:
    """Gather the brief on ``code``, write it into the site, and return what the country's page shows."""
    gathered = gather(store, code, "en", built=built, annex=code)
    files = _write_brief(gathered, store, site / BRIEFS)
    brief = for_output(gathered)
    figure = next(b for s in brief.sections for b in s.blocks if isinstance(b, Figure))
    gaps = next(s for s in brief.sections if s.key == "gaps")
    return CountryPart(brief_path(code), Markup(to_svg(figure.diagram)), list(brief.summary), list(gaps.blocks),
                       sum(s.facts for s in brief.sections), files,
                       sections={s.number: s.key for s in brief.sections})
