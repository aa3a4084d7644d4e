"""What a country brief is made of, before any output format.

A brief is a list of sections; a section a list of blocks. Every block that
states something about the world is a :class:`Fact` (a sentence) or a
:class:`Row` of a :class:`Table`, and carries the footnote numbers of its
citations: neither can be made without one. Sentences about the data itself
(what it lacks, how complete it is) are :class:`Note` s; renderers set them
apart. Text is a tuple of parts: plain strings written by cca-graph, and
:class:`Name` s that come from the data (escaped by each renderer, tagged with
their language).

Every renderer writes :func:`for_output` of a brief: control characters in any
text written as escapes (a store built before they were refused may hold them),
and an address that is not an http(s) link moved into the text beside it, so it
is read, never followed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ...safety import escape_controls, web_url

__all__ = ["Name", "Link", "Citation", "Fact", "Note", "Row", "Table", "Bullets", "Heading", "Figure",
           "Section", "Footnote", "Document", "Brief", "plain", "unlinked", "for_output"]


@dataclass(frozen=True, order=True)
class Name:
    """A name or text from the data, in language ``lang`` (``en``, ``zh``)."""

    text: str
    lang: str = "en"


@dataclass(frozen=True, order=True)
class Link:
    """Text written by cca-graph that links a file beside the brief (``href`` relative to it: the annex)."""

    text: str
    href: str


Part = str | Name | Link
Text = tuple[Part, ...]


def plain(parts: Text) -> str:
    """The text of ``parts`` without markup.

    Examples
    --------
    >>> plain(("Jalisco (", Name("哈利斯科州", "zh"), ")"))
    'Jalisco (哈利斯科州)'
    >>> plain(("the annex: ", Link("US-annex/targets.csv", "US-annex/targets.csv")))
    'the annex: US-annex/targets.csv'
    """
    return "".join(p if isinstance(p, str) else p.text for p in parts)


@dataclass(frozen=True, order=True)
class Citation:
    """A place in a source document: its key, a locator, and the exact address if known."""

    doc: str
    locator: str
    url: str = ""


def _need_refs(kind: str, text: Text, refs: tuple[int, ...]) -> None:
    if not refs:
        raise ValueError(f"a {kind} needs at least one reference: {plain(text)!r}")


@dataclass(frozen=True)
class Fact:
    """One sentence that states something from a source, with its footnote numbers."""

    parts: Text
    refs: tuple[int, ...]

    def __post_init__(self):
        _need_refs("fact", self.parts, self.refs)


@dataclass(frozen=True)
class Note:
    """One sentence about the data itself (what is recorded, missing, covered)."""

    parts: Text
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    """A table row: one fact, cell by cell, with its footnote numbers."""

    cells: tuple[Text, ...]
    refs: tuple[int, ...]

    def __post_init__(self):
        _need_refs("table row", sum(self.cells, ()), self.refs)


@dataclass(frozen=True)
class Table:
    """A table of fact rows; ``widths``, where given, is each column's share of the printed width in percent
    (the sources column takes the rest): a long cell in one column would otherwise squeeze a short one to a
    word a line."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Fact | Note, ...]


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Figure:
    """The level and institution chart (:mod:`cca_graph.present.briefs.diagram`) and its caption."""

    diagram: object
    caption: Fact | Note


Block = Fact | Note | Table | Bullets | Heading | Figure


@dataclass
class Section:
    number: int
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def facts(self) -> int:
        """How many fact units (sentences and table rows) the section holds."""
        count = 0
        for block in self.blocks:
            if isinstance(block, Fact):
                count += 1
            elif isinstance(block, Bullets):
                count += sum(isinstance(item, Fact) for item in block.items)
            elif isinstance(block, Table):
                count += len(block.rows)
            elif isinstance(block, Figure):
                count += isinstance(block.caption, Fact)
        return count


@dataclass(frozen=True)
class Footnote:
    number: int
    citation: Citation


@dataclass(frozen=True)
class Document:
    """A source document of the bibliography."""

    key: str
    title: str
    publisher: str
    year: int | None
    url: str = ""


@dataclass
class Brief:
    """A country brief, ready to render."""

    country: str
    name: Name
    lang: str
    summary: list[Fact | Note]
    sections: list[Section]
    footnotes: list[Footnote]
    bibliography: list[Document]
    #: whether a list was too long for the brief: it is counted, and the full lists are in the annex
    at_scale: bool = False

    @property
    def title(self) -> str:
        """The brief's title in its language (a document's properties, a window's title).

        >>> Brief("MX", Name("墨西哥", "zh"), "zh", [], [], [], []).title
        '国别简报：墨西哥 (MX)'
        """
        from .i18n import phrase

        return f"{phrase('Country brief: ', self.lang)}{self.name.text} ({self.country})"


def _not_a_link(url: str) -> str:
    return f" (not a web address: {url})"


def _linked(brief: Brief) -> Brief:
    footnotes = [note if not note.citation.url or web_url(note.citation.url) else
                 Footnote(note.number, Citation(note.citation.doc, note.citation.locator
                                                + _not_a_link(note.citation.url)))
                 for note in brief.footnotes]
    bibliography = [doc if not doc.url or web_url(doc.url) else
                    dataclasses.replace(doc, title=doc.title + _not_a_link(doc.url), url="")
                    for doc in brief.bibliography]
    return dataclasses.replace(brief, footnotes=footnotes, bibliography=bibliography)


def _rewritten(value, leaf):
    """``value`` with every part for which ``leaf`` gives a replacement (not None) replaced, through
    tuples, lists and dataclasses."""
    replacement = leaf(value)
    if replacement is not None:
        return replacement
    if isinstance(value, (tuple, list)):
        return type(value)(_rewritten(v, leaf) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _rewritten(getattr(value, f.name), leaf)
                                             for f in dataclasses.fields(value) if f.init})
    return value


def unlinked(brief: Brief) -> Brief:
    """``brief`` with every :class:`Link` written as its text (a PDF is printed away from its annex)."""
    return _rewritten(brief, lambda v: v.text if isinstance(v, Link) else None)


def _escaped(value):
    return _rewritten(value, lambda v: escape_controls(v) if isinstance(v, str) else None)


def for_output(brief: Brief) -> Brief:
    """``brief`` as renderers write it: http(s) addresses only as links, control characters escaped.

    Examples
    --------
    >>> doc = Document("d", "A title", "A publisher", 2024, "javascript:alert(1)")
    >>> brief = Brief("PT", Name("Lis\\x00bon"), "en", [], [], [], [doc])
    >>> safe = for_output(brief)
    >>> safe.name.text, safe.bibliography[0].url, safe.bibliography[0].title
    ('Lis\\\\x00bon', '', 'A title (not a web address: javascript:alert(1))')
    """
    return _escaped(_linked(brief))
