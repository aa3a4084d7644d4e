"""What a country brief is made of, before any output format.

A brief is a list of sections; a section a list of blocks. Every block that
states something about the world is a :class:`Fact` (a sentence) or a
:class:`Row` of a :class:`Table`, and carries the footnote numbers of its
citations: neither can be made without one. Sentences about the data itself
(what it lacks, how complete it is) are :class:`Note` s; renderers set them
apart. Text is a tuple of parts: plain strings written by cca-graph, and
:class:`Name` s that come from the data (escaped by each renderer, tagged with
their language).
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Name", "Citation", "Fact", "Note", "Row", "Table", "Bullets", "Heading", "Figure",
           "Section", "Footnote", "Document", "Brief", "plain"]


@dataclass(frozen=True, order=True)
class Name:
    """A name or text from the data, in language ``lang`` (``en``, ``zh``)."""

    text: str
    lang: str = "en"


Part = str | Name
Text = tuple[Part, ...]


def plain(parts: Text) -> str:
    """The text of ``parts`` without markup.

    Examples
    --------
    >>> plain(("Jalisco (", Name("哈利斯科州", "zh"), ")"))
    'Jalisco (哈利斯科州)'
    """
    return "".join(p.text if isinstance(p, Name) else p for p in parts)


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
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""


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

    @property
    def title(self) -> str:
        return f"Country brief: {self.name.text} ({self.country})"
