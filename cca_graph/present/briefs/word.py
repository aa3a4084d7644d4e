"""The brief as a Word document (DOCX) an adviser can edit.

Real Word structure: the title, one Heading 1 per section, Heading 2 inside
them, tables in the "Table Grid" style, bulleted lists, and the chart as a
PNG picture. References are footnote-style: superscript numbers, each a link
to its note in section 9, whose entry links on to the bibliography (Word
bookmarks ``note_N`` and ``source_N``). Fact paragraphs use the styles
"Brief Fact" / "Brief Fact Bullet", notes about the data "Brief Note" /
"Brief Note Bullet", so an editor (or a test) can tell them apart.

The file is deterministic: fixed document properties (no timestamps of the
moment it was written) and fixed dates inside the zip. Headings and fixed phrases are in the brief's
language (:mod:`.i18n`).
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from ...atomic import atomic_write
from .diagram import to_png
from .i18n import localised, phrase
from .model import (
    Brief,
    Bullets,
    Fact,
    Figure,
    Heading,
    Link,
    Name,
    Note,
    Table,
    for_output,
    plain,
)

__all__ = ["render_docx", "write_docx", "FACT_STYLES", "NOTE_STYLES"]

FACT_STYLES = ("Brief Fact", "Brief Fact Bullet")
NOTE_STYLES = ("Brief Note", "Brief Note Bullet")
#: the date written as created and modified: fixed, so the same brief gives the same bytes
FIXED_DATE = datetime(2020, 1, 1, tzinfo=timezone.utc)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: inches of text width on the default page, and of the sources column of a table
PAGE_WIDTH, SOURCES_WIDTH = 6.5, 0.85


class _Writer:
    def __init__(self, brief: Brief):
        from docx import Document

        self.brief = brief
        self.doc = Document()
        self.bookmark_id = 0
        self.source_numbers = {doc.key: i for i, doc in enumerate(brief.bibliography, start=1)}
        self._styles()
        self._properties()

    # -- set-up ----------------------------------------------------------------------

    def t(self, text: str) -> str:
        """``text`` in the brief's language."""
        return phrase(text, self.brief.lang)

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        styles["Normal"].font.name = "Calibri"
        styles["Normal"].font.size = Pt(10.5)
        for name, base in (("Brief Fact", "Normal"), ("Brief Fact Bullet", "List Bullet"),
                           ("Brief Note", "Normal"), ("Brief Note Bullet", "List Bullet"),
                           ("Brief Reference", "Normal")):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            style.quick_style = True
            if name.startswith("Brief Note"):
                style.font.italic = True
                style.font.color.rgb = RGBColor(0x4D, 0x56, 0x56)
            if name == "Brief Reference":
                style.font.size = Pt(9)

    def _properties(self) -> None:
        props = self.doc.core_properties
        title = self.brief.title  # Word's core properties hold at most 255 characters
        props.title = title if len(title) <= 255 else title[:254] + "…"
        props.subject = "Multi-level climate governance"
        props.author = props.last_modified_by = "cca-graph"
        props.keywords = f"cca-graph; country brief; {self.brief.country}"
        props.comments = "Every statement carries a note to its source; see section 9."
        props.created = props.modified = props.last_printed = FIXED_DATE
        props.revision = 1
        props.language = self.brief.lang

    # -- text --------------------------------------------------------------------------

    def text(self, paragraph, parts) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for part in parts:
            if isinstance(part, Link):
                self.link(paragraph, None, part.text, href=part.href)
                continue
            run = paragraph.add_run(part.text if isinstance(part, Name) else part)
            if isinstance(part, Name) and part.lang == "zh":
                lang = OxmlElement("w:lang")
                lang.set(qn("w:eastAsia"), "zh-CN")
                run._r.get_or_add_rPr().append(lang)

    def link(self, paragraph, anchor: str | None, label: str, superscript: bool = False, href: str = "") -> None:
        """A hyperlink to the bookmark ``anchor``, or to the file ``href`` beside the document."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        link = OxmlElement("w:hyperlink")
        if href:
            link.set(qn("r:id"), paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        else:
            link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "1F618D")
        props.append(colour)
        if superscript:
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            props.append(align)
        run.append(props)
        text = OxmlElement("w:t")
        text.text = label
        run.append(text)
        link.append(run)
        paragraph._p.append(link)

    def refs(self, paragraph, numbers) -> None:
        for i, number in enumerate(numbers):
            if i:
                run = paragraph.add_run(",")
                run.font.superscript = True
            self.link(paragraph, f"note_{number}", str(number), superscript=True)

    def bookmark(self, paragraph, name: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.bookmark_id += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    # -- blocks ------------------------------------------------------------------------

    def sentence(self, unit: Fact | Note, bullet: bool = False):
        styles = FACT_STYLES if isinstance(unit, Fact) else NOTE_STYLES
        paragraph = self.doc.add_paragraph(style=styles[1] if bullet else styles[0])
        if isinstance(unit, Note) and not bullet:
            paragraph.add_run(self.t("About the data:") + " ").bold = True
        self.text(paragraph, unit.parts)
        self.refs(paragraph, unit.refs)
        return paragraph

    def table(self, table: Table) -> None:
        if table.caption:
            self.doc.add_paragraph(table.caption, style="Caption")
        grid = self.doc.add_table(rows=1, cols=len(table.columns) + 1)
        grid.style = "Table Grid"
        for cell, title in zip(grid.rows[0].cells, (*table.columns, self.t("Sources"))):
            cell.paragraphs[0].add_run(title).bold = True
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, parts in zip(cells, row.cells):
                self.text(cell.paragraphs[0], parts)
            self.refs(cells[-1].paragraphs[0], row.refs)
        grid.autofit = False
        widths = _widths(table)
        for column, width in zip(grid.columns, widths):
            column.width = width                     # the grid Word and LibreOffice lay out by
            for cell in column.cells:
                cell.width = width
        self.doc.add_paragraph()

    def block(self, block) -> None:
        from docx.shared import Inches

        if isinstance(block, (Fact, Note)):
            self.sentence(block)
        elif isinstance(block, Heading):
            self.doc.add_heading(block.text, 2)
        elif isinstance(block, Bullets):
            for item in block.items:
                self.sentence(item, bullet=True)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.doc.add_picture(io.BytesIO(to_png(block.diagram)), width=Inches(6.3))
            self.sentence(block.caption)

    def sources(self) -> None:
        self.doc.add_heading(self.t("Notes"), 2)
        for note in self.brief.footnotes:
            paragraph = self.doc.add_paragraph(style="Brief Reference")
            paragraph.add_run(f"{note.number}. ")
            self.link(paragraph, f"source_{self.source_numbers[note.citation.doc]}", note.citation.doc)
            paragraph.add_run(f": {note.citation.locator}" + (f" {note.citation.url}" if note.citation.url else ""))
            self.bookmark(paragraph, f"note_{note.number}")
        self.doc.add_heading(self.t("Bibliography"), 2)
        for doc in self.brief.bibliography:
            paragraph = self.doc.add_paragraph(style="Brief Reference")
            paragraph.add_run(f"[{doc.key}] ").bold = True
            paragraph.add_run(f"{doc.publisher}" + (f" ({doc.year})" if doc.year else "") + ". ")
            paragraph.add_run(doc.title).italic = True
            paragraph.add_run("." + (f" {doc.url}" if doc.url else ""))
            self.bookmark(paragraph, f"source_{self.source_numbers[doc.key]}")

    def write(self) -> bytes:
        doc, brief = self.doc, self.brief
        title = doc.add_heading("", 0)
        self.text(title, (self.t("Country brief: "), brief.name, f" ({brief.country})"))
        doc.add_paragraph(self.t("Multi-level climate governance: who does what, at which level, under which law, "
                                 "with which instruments and targets, in which networks, and where the chain breaks. "
                                 "From the cca-graph knowledge graph."), style="Subtitle")
        if brief.lang != "en":
            doc.add_paragraph(self.t("brief-language-note"))
        for block in brief.summary:
            self.block(block)
        for section in brief.sections:
            doc.add_heading(f"{section.number}. {section.title}", 1)
            for block in section.blocks:
                self.block(block)
            if section.key == "sources":
                self.sources()
        buffer = io.BytesIO()
        doc.save(buffer)
        return _fixed_zip(buffer.getvalue())


def _widths(table: Table) -> list:
    """Column widths: the text columns share the page by their longest cell (capped), sources get a strip."""
    from docx.shared import Inches

    weights = []
    for i, title in enumerate(table.columns):
        texts = [plain(row.cells[i]) for row in table.rows] + [title]
        longest = max(len(text) for text in texts)
        word = max(len(w) for text in texts for w in text.split() or [""])
        weights.append(max(min(longest, 22), min(2.5 * word + 3, 28)))
    room = PAGE_WIDTH - SOURCES_WIDTH
    return [Inches(room * w / sum(weights)) for w in weights] + [Inches(SOURCES_WIDTH)]


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_docx(brief: Brief) -> bytes:
    """The DOCX bytes of ``brief``."""
    return _Writer(localised(for_output(brief))).write()


def write_docx(brief: Brief, path: Path | str) -> Path:
    """Write ``brief`` as DOCX to ``path`` (atomically); return the path."""
    with atomic_write(path, "wb") as fh:
        fh.write(render_docx(brief))
    return Path(path)
