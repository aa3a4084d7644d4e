"""Footnote numbers of a gathered brief: which are cited, and renumbering in reading order.

Sections number citations as they are gathered (:meth:`.sections.context.Context.cite`);
the summary, gathered last, is read first, so the numbers are put in the
order a reader meets them once the whole brief is there.
"""
from __future__ import annotations

from .model import Brief, Bullets, Fact, Figure, Footnote, Note, Row, Section, Table

__all__ = ["used", "renumber"]


def used(sections: list[Section]) -> set[int]:
    """The footnote numbers the blocks of ``sections`` cite."""
    found: set[int] = set()

    def walk(block):
        if isinstance(block, (Fact, Note, Row)):
            found.update(block.refs)
        for child in getattr(block, "items", ()) or getattr(block, "rows", ()):
            walk(child)
        if isinstance(block, Figure):
            walk(block.caption)

    for section in sections:
        for block in section.blocks:
            walk(block)
    return found


def renumber(brief: Brief) -> Brief:
    """``brief`` with footnotes numbered in the order a reader meets them."""
    order: dict[int, int] = {}

    def visit(refs):
        for n in refs:
            order.setdefault(n, len(order) + 1)

    def walk(block):
        if isinstance(block, (Fact, Note, Row)):
            visit(block.refs)
        elif isinstance(block, Bullets):
            for item in block.items:
                walk(item)
        elif isinstance(block, Table):
            for row in block.rows:
                walk(row)
        elif isinstance(block, Figure):
            walk(block.caption)

    for block in brief.summary:
        walk(block)
    for section in brief.sections:
        for block in section.blocks:
            walk(block)
    for note in brief.footnotes:
        visit((note.number,))

    def renumbered(block):
        if isinstance(block, Fact):
            return Fact(block.parts, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Note):
            return Note(block.parts, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Row):
            return Row(block.cells, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Bullets):
            return Bullets(tuple(renumbered(item) for item in block.items))
        if isinstance(block, Table):
            return Table(block.columns, tuple(renumbered(row) for row in block.rows), block.caption)
        if isinstance(block, Figure):
            return Figure(block.diagram, renumbered(block.caption))
        return block

    brief.summary = [renumbered(b) for b in brief.summary]
    for section in brief.sections:
        section.blocks = [renumbered(b) for b in section.blocks]
    brief.footnotes = sorted((Footnote(order[f.number], f.citation) for f in brief.footnotes), key=lambda f: f.number)
    return brief
