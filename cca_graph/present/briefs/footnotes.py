"""Footnote numbers of a gathered brief: which are cited, merging, and renumbering in reading order.

Sections number citations as they are gathered (:meth:`.sections.context.Context.cite`);
the summary, gathered last, is read first, so the numbers are put in the
order a reader meets them once the whole brief is there. Before that, the notes
on one part of one document (``§4.8``, ``Recommendation 4``, ``line 986`` of a
registry) are made one note that lists their places (:func:`merge_notes`): a
brief on Germany cited the GIZ publication's §4.8 in nine notes, each a line or
two of the printed page.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from .data import _shared_head, merge_citations, quote_outside
from .model import (
    Brief,
    Bullets,
    Citation,
    Fact,
    Figure,
    Footnote,
    Note,
    Row,
    Section,
    Table,
)

__all__ = ["used", "renumber", "merge_notes", "part_of_document", "remap"]

# where the first part of a locator ends: "§4.8", "Recommendation 4 (建议4)", "Target.csv line 799"
_COUNTED = re.compile(r"^(?:[\w ]+: )?[\d,]+ (?:places|records?)\b")
_PART_END = re.compile(r", |: | \((?![^)]*\d\))")


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


def part_of_document(locator: str) -> str:
    """The part of a document a locator points into, which notes merged by :func:`merge_notes` share.

    Examples
    --------
    >>> part_of_document("§4.8, box 'Advisory services for municipalities' (为城镇提供咨询服务)")
    '§4.8'
    >>> part_of_document("Recommendation 4 (建议4), main recommendation (主要建议)")
    'Recommendation 4 (建议4)'
    >>> part_of_document("line 986, tag 'Net Zero Carbon Buildings Commitment' (commitment)")
    'line 986'

    A note that already counts many places (:func:`.data.condensed`) is a part of its own.
    """
    return locator if _COUNTED.match(locator) else _PART_END.split(locator, 1)[0]


def _joined(cites: list[Citation]) -> Citation:
    """One citation for places in one part of a document: each place once, places sharing a head give it once.

    Examples
    --------
    >>> _joined([Citation("giz", "§4.8, box 'NKI': 32,000 projects"), Citation("giz", "§4.8, box 'Advice'"),
    ...          Citation("giz", "§4.8, box 'NKI': set up in 2007; §4.8, box 'Advice'")])
    Citation(doc='giz', locator="§4.8, box 'Advice'; §4.8, box 'NKI', 32,000 projects; set up in 2007", url='')
    """
    places = set()
    for cite in cites:
        pieces = cite.locator.split("; ")
        # a note merged before holds whole places joined by "; ", or one place's head and its parts
        part = part_of_document(pieces[0])
        places.update(map(quote_outside, pieces) if all(p.startswith(part) for p in pieces) else [cite.locator])
    clusters: list[list[Citation]] = []
    for place in sorted(places):
        if clusters and _shared_head([clusters[-1][0].locator, place]):
            clusters[-1].append(Citation(cites[0].doc, place))
        else:
            clusters.append([Citation(cites[0].doc, place)])
    locator = "; ".join(merge_citations(c)[0].locator for c in clusters)
    return Citation(cites[0].doc, _tidy(locator), cites[0].url)


def _tidy(locator: str) -> str:
    """``locator`` without a place said twice: a repeated place, or a whole place beside one of its parts.

    Examples
    --------
    >>> _tidy("§4.1, box 'A', 2015; §4.1, box 'A'; §4.8, box 'B'; §4.8, box 'C'; box 'B'")
    "§4.1, box 'A', 2015; §4.8, box 'B'; §4.8, box 'C'"
    """
    pieces = locator.split("; ")
    kept = []
    for i, piece in enumerate(pieces):
        others = pieces[:i] + pieces[i + 1:]
        if piece in kept or any(o.startswith(piece + sep) for o in others for sep in (", ", ": ")) \
                or any(o.endswith(", " + piece) for o in others):
            continue
        kept.append(piece)
    return "; ".join(kept)


def merge_notes(numbers: dict[Citation, int]) -> tuple[dict[Citation, int], dict[int, int]]:
    """The notes of ``numbers`` (citation -> note number) with those on one part of a document made one.

    Citations of one document, one part of it (:func:`part_of_document`) and one address are
    one note, numbered as the first of them was (the others' numbers are then unused).

    Returns
    -------
    numbers : dict of Citation to int
        The merged notes and their numbers.
    mapping : dict of int to int
        Each old note number -> the number of the note it is now part of.
    """
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    for cite in sorted(numbers, key=numbers.get):
        # one part of one document (a note that counts its places is a part of its own): a statement's note
        # still names the part that backs it
        groups[(cite.doc, part_of_document(cite.locator), cite.url)].append(cite)
    merged, mapping = {}, {}
    for cites in groups.values():
        first = numbers[cites[0]]
        merged[cites[0] if len(cites) == 1 else _joined(cites)] = first
        mapping.update({numbers[c]: first for c in cites})
    return merged, mapping


def remap(block, mapping: dict[int, int]):
    """``block`` (a fact, note, row, list, table or figure) citing by ``mapping`` old number -> new number."""
    if isinstance(block, (Fact, Note, Row)):
        refs = tuple(sorted({mapping[n] for n in block.refs}))
        if isinstance(block, Row):
            return Row(block.cells, refs)
        return type(block)(block.parts, refs)
    if isinstance(block, Bullets):
        return Bullets(tuple(remap(item, mapping) for item in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(block, rows=tuple(remap(row, mapping) for row in block.rows))
    if isinstance(block, Figure):
        return Figure(block.diagram, remap(block.caption, mapping))
    return block


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

    brief.summary = [remap(b, order) for b in brief.summary]
    for section in brief.sections:
        section.blocks = [remap(b, order) for b in section.blocks]
    brief.footnotes = sorted((Footnote(order[f.number], f.citation) for f in brief.footnotes), key=lambda f: f.number)
    return brief
