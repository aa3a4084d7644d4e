"""What a country's page shows from its brief: the level chart, the key messages, the gap checks.

The brief is gathered once per country (:func:`cca_graph.present.briefs.gather`) and
written into the site as HTML (``briefs/<CC>.html``, with its annex when its lists are
too long for it); the country's page takes the chart, the key messages and the gap
checks from the same gathered brief, each statement's note numbers linking to the
notes of the brief, where the source and locator of each is. A list of names one of
which holds a comma ("El Grullo, Jalisco") is shown with semicolons between them
(:func:`separated`), so that a reader does not take it for two entries.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..briefs.annex import write_annex
from ..briefs.diagram import to_svg
from ..briefs.gather import gather
from ..briefs.html import write_html
from ..briefs.model import Brief, Figure, Name, for_output

__all__ = ["BRIEFS", "CountryPart", "brief_path", "country_part", "separated"]

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


def _write_brief(brief: Brief, store, folder: Path) -> tuple[Path, ...]:
    """The brief as HTML in ``folder``, its annex first (a brief never links files that are not there)."""
    annex = write_annex(store, brief.country, folder, brief.country)   # nothing for a brief within budget
    return (*annex, write_html(brief, folder / f"{brief.country}.html"))


def country_part(store, code: str, site: Path, built: str | None = None) -> CountryPart:
    """Gather the brief on ``code``, write it into the site, and return what the country's page shows."""
    gathered = gather(store, code, "en", built=built, annex=code)
    files = _write_brief(gathered, store, site / BRIEFS)
    brief = for_output(gathered)
    figure = next(b for s in brief.sections for b in s.blocks if isinstance(b, Figure))
    gaps = next(s for s in brief.sections if s.key == "gaps")
    return CountryPart(brief_path(code), Markup(to_svg(figure.diagram)), list(brief.summary), list(gaps.blocks),
                       sum(s.facts for s in brief.sections), files)
