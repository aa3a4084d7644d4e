"""Country briefs for advisers: Markdown, HTML, Word and PDF from the graph.

A brief holds nine sections: the governance architecture (with a chart),
mandates by level, instruments by level, targets and pledges, network
engagement, gaps, policies worth replicating, how complete the data is, and
the sources. :mod:`.gather` builds it (:mod:`.model`), one module of
:mod:`.sections` per section, from the query catalogue and the ad-hoc
queries of :mod:`.data`; one module per output writes it (:mod:`.markdown`,
:mod:`.html`, :mod:`.word`, :mod:`.pdf` printed from the HTML); :mod:`.diagram`
draws the chart and :mod:`.i18n` gives the fixed words in Chinese.

Every statement carries footnote numbers to its source and locator; a brief
on a country with little data is short and says what is missing.

Examples
--------
>>> from cca_graph import open_store
>>> result = write_brief(open_store("out"), "MX", "html", "out/mexico.html")
>>> result.path.name, result.country
('mexico.html', 'MX')
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import UnknownNameError
from .annex import write_annex
from .gather import LANGUAGES, SECTIONS, gather, resolve_country
from .model import Brief

__all__ = ["FORMATS", "ALL_FORMATS", "LANGUAGES", "SECTIONS", "BriefResult", "write_brief", "gather", "resolve_country",
           "default_path"]

#: output format -> file suffix, for the formats cca-graph writes itself
FORMATS = {"html": ".html", "md": ".md", "docx": ".docx"}
#: every output format -> file suffix: also PDF, printed from the HTML by Chromium
ALL_FORMATS = {**FORMATS, "pdf": ".pdf"}


@dataclass(frozen=True)
class BriefResult:
    """What :func:`write_brief` wrote.

    Attributes
    ----------
    path : Path
    country : str
        ISO 3166-1 alpha-2 code.
    name : str
        The country's name as the brief writes it.
    fmt, lang : str
    facts : int
        Statements (sentences and table rows), each with at least one note.
    notes : int
        Numbered notes (source and locator).
    sources : int
        Documents in the bibliography.
    missing : tuple of str
        Sections (1–7) with no recorded fact: what the data lacks.
    annex : tuple of Path
        The annex written beside the brief (:mod:`.annex`): a CSV file per full list and a
        workbook; empty for a brief whose lists fit in it.
    """

    path: Path
    country: str
    name: str
    fmt: str
    lang: str
    facts: int
    notes: int
    sources: int
    missing: tuple[str, ...]
    annex: tuple[Path, ...] = ()


def default_path(graph: Path | str, country: str, fmt: str) -> Path:
    """Where the CLI writes a brief by default: ``GRAPH/briefs/<CC>.<suffix>``."""
    return Path(graph) / "briefs" / f"{country}{ALL_FORMATS[fmt]}"


def _write(brief: Brief, fmt: str, path: Path) -> Path:
    if fmt == "html":
        from .html import write_html

        return write_html(brief, path)
    if fmt == "md":
        from .markdown import write_markdown

        return write_markdown(brief, path)
    if fmt == "pdf":
        from .pdf import write_pdf

        return write_pdf(brief, path)
    from .word import write_docx

    return write_docx(brief, path)


def write_brief(store, country: str, fmt: str, path: Path | str, lang: str = "en",
                built: str | None = None, imports: Path | str | None = None) -> BriefResult:
    """Write the brief on ``country`` as ``fmt`` to ``path``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built store (:func:`cca_graph.open_store`).
    country : str
        ISO 3166-1 alpha-2 code (``"MX"``) or name (``"Mexico"``).
    fmt : {"html", "md", "docx", "pdf"}
        ``pdf`` is printed from the HTML brief by headless Chromium (:mod:`.pdf`).
    path : Path or str
        The file to write (atomically; folders are created). A brief whose lists are longer than
        its budget (:mod:`.annex`) gets its annex beside it, in ``<name>-annex/`` after the file's name
        (``US.md``: ``US-annex/``), linked from it.
    lang : {"en", "zh"}
        ``zh``: names in Chinese where the data has them, and headings, column heads and fixed
        phrases and sentences in Chinese (:mod:`.i18n`).
    built : str, optional
        The day the store was built (``build_date(graph)``), given in the brief's "data as of";
        without it the brief gives only the years of its sources.
    imports : Path or str, optional
        The graph's import folder (``GRAPH/imports``): the rows about the country its imports left
        out (:mod:`.leftout`) are counted, with their reasons, beside what the graph holds.

    Returns
    -------
    BriefResult

    Raises
    ------
    UnknownNameError
        For a country the graph does not hold, an unknown format or language.
    PrinterMissingError, PrintError
        For a PDF, when Chromium is missing or fails (nothing is written).
    """
    if fmt not in ALL_FORMATS:
        raise UnknownNameError("format", fmt, list(ALL_FORMATS))
    if fmt == "pdf":
        from .pdf import require_chromium

        require_chromium()  # before the brief is gathered: a missing printer is said at once
    # the annex is named after the brief file ("reg-US.md": reg-US-annex/), so that the briefs of one
    # country from two graphs, written side by side, do not write over each other's annex
    stem = Path(path).stem or None
    brief = gather(store, country, lang, built=built, annex=stem, imports=imports)
    # the annex first: a brief never links files that are not there
    annex = tuple(write_annex(store, brief.country, Path(path).parent, stem)) if brief.at_scale else ()
    written = _write(brief, fmt, Path(path))
    return BriefResult(written, brief.country, brief.name.text, fmt, lang,
                       sum(s.facts for s in brief.sections), len(brief.footnotes), len(brief.bibliography),
                       tuple(s.title for s in brief.sections[:7] if not s.facts), annex)
