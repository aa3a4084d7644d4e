"""Section 9, the sources: how many notes and documents, and the bibliography.

Built last, from the footnotes every other section collected in the context.
"""
from __future__ import annotations

from ..data import Q_SOURCES, records
from ..model import Document, Note, Section
from .context import Context
from .wording import plural as _plural

__all__ = ["build", "bibliography"]


def build(ctx: Context) -> Section:
    """One sentence on the notes and source documents the brief cites."""
    section = ctx.section(8)
    docs = len({c.doc for c in ctx.numbers})
    section.blocks.append(Note((f"{_plural(len(ctx.numbers), 'note')} point{'s' if len(ctx.numbers) == 1 else ''}"
                                f" to {_plural(docs, 'source document')}; each note gives the place in the document "
                                "(section, article, page) and leads to the bibliography entry.",)))
    return section


def bibliography(ctx: Context) -> list[Document]:
    """The documents the brief's notes cite, by key; a document the graph does not describe by its key alone."""
    used = {c.doc for c in ctx.numbers}
    docs = []
    for rec in records(ctx.store, Q_SOURCES, key="key"):
        key = str(rec.one("key"))
        if key in used:
            year = rec.one("year")
            docs.append(Document(key, str(rec.one("title") or key), str(rec.one("publisher") or ""),
                                 int(year) if year is not None else None, str(rec.one("address") or "")))
    missing = sorted(used - {d.key for d in docs})
    docs += [Document(key, key, "", None) for key in missing]
    return sorted(docs, key=lambda d: d.key)
