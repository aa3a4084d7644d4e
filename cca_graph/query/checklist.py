"""The seed-fact checklist: the facts curators extracted from each document, checked against the graph.

Each source document has ``loaders/checklists/<doc key>.csv`` with one row per
fact the document states: ``locator`` (where in the document), ``fact`` (the
fact in a few English words of our own), ``subject`` (the id of the record the
fact is about), ``path`` (a SPARQL property path from the subject) and ``value``
(what the path must reach). A fact is *held* when the graph has it as a typed
value or a link: the path may not go through prose (descriptions, notes).

``value`` is read as
- a prefixed name (``id:MX-JAL``, ``level:regional``, ``commitment-type:net-zero``)
  or a bare record id written ``@MX-JAL``: an IRI;
- a number (``70``, ``1.3e9``): compared as a number;
- anything else: compared with the text of the value (a label, a date ``2015-05``).

Examples
--------
>>> parse_value("level:regional")
('iri', 'https://w3id.org/cca-graph/id/level/regional')
>>> parse_value("@MX-JAL")
('iri', 'https://w3id.org/cca-graph/id/MX-JAL')
>>> parse_value("70")
('number', '70')
>>> parse_value("2015-05")
('text', '2015-05')
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
from pyoxigraph import Literal, NamedNode, Store

from ..errors import InputError, Problem
from ..graph.sparql import run_sparql
from ..ingest import model
from ..namespace import PREFIXES, XSD
from ..resources import loaders_dir

__all__ = ["Fact", "COLUMNS", "read_checklists", "check_facts", "coverage", "parse_value"]

COLUMNS = ("locator", "fact", "subject", "path", "value")
#: prose predicates a fact may not be held through
PROSE = ("rdfs:comment", "dcterms:description", "skos:editorialNote", "cca:coverage")
# a property path of prefixed names, ^, /, |, *, +, ?, ! and brackets: nothing that can end the pattern
_PATH = re.compile(r"^[\^!(]*[A-Za-z][\w-]*:[\w.-]+[)*+?]*(?:\s*[/|]\s*[\^!(]*[A-Za-z][\w-]*:[\w.-]+[)*+?]*)*$")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w./-]+)$")


@dataclass(frozen=True)
class Fact:
    """One row of a checklist."""

    doc: str
    file: str
    line: int
    locator: str
    fact: str
    subject: str
    path: str
    value: str


def checklist_dir() -> Path:
    return loaders_dir() / "checklists"


def parse_value(text: str) -> tuple[str, str]:
    """How a checklist value is compared: ``(kind, value)`` with kind ``iri``, ``number`` or ``text``."""
    if text.startswith("@") and model.ID_PATTERN.match(text[1:]):
        return "iri", model.entity_iri(text[1:])
    match = _PREFIXED.match(text)
    if match and match.group(1) in PREFIXES:
        return "iri", PREFIXES[match.group(1)] + match.group(2)
    try:
        Decimal(text)
    except InvalidOperation:
        return "text", text
    return "number", text


def read_checklists(folder: Path | None = None) -> list[Fact]:
    """Every fact of every checklist under ``folder``, checked for shape; problems raise :class:`InputError`."""
    folder = Path(folder) if folder else checklist_dir()
    facts, problems = [], []
    for path in sorted(folder.glob("*.csv")):
        shown = str(path)
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                problems.append(Problem(shown, 1, "header", f"expected the columns {', '.join(COLUMNS)}"))
                continue
            for row in reader:
                line = reader.line_num
                cells = {k: (row.get(k) or "").strip() for k in COLUMNS}
                for key in COLUMNS:
                    if not cells[key]:
                        problems.append(Problem(shown, line, key, "empty"))
                if not model.ID_PATTERN.match(cells["subject"]):
                    problems.append(Problem(shown, line, "subject", f"{cells['subject']!r} is not a record id"))
                if not _PATH.match(cells["path"]):
                    problems.append(Problem(shown, line, "path", f"{cells['path']!r} is not a property path of prefixed names"))
                elif any(p in cells["path"] for p in PROSE):
                    problems.append(Problem(shown, line, "path", "a fact is held as a value or a link, not in prose"))
                else:
                    unknown = {p for p in re.findall(r"([A-Za-z][\w-]*):", cells["path"]) if p not in PREFIXES}
                    if unknown:
                        problems.append(Problem(shown, line, "path", f"unknown prefix {', '.join(sorted(unknown))}"))
                # a document's checklist may be split in parts: <doc key>--<part>.csv
                facts.append(Fact(path.stem.split("--")[0], shown, line, **cells))
    if problems:
        raise InputError(problems)
    return facts


def _held(store: Store, fact: Fact) -> bool:
    kind, value = parse_value(fact.value)
    if kind == "iri":
        condition, bound = "?v = ?expected", NamedNode(value)
    elif kind == "number":
        condition, bound = "isNumeric(?v) && ?v = ?expected", Literal(value, datatype=NamedNode(str(XSD.decimal)))
    else:
        condition, bound = "STR(?v) = ?expected", Literal(value)
    # the path was checked against _PATH when it was read: prefixed names and operators only
    query = f"ASK {{ ?s {fact.path} ?v . FILTER({condition}) }}"
    answer = run_sparql(store, query, {"s": NamedNode(model.entity_iri(fact.subject)), "expected": bound})
    return bool(answer.loc[0, "ask"])


def check_facts(store: Store, facts: list[Fact] | None = None) -> pd.DataFrame:
    """One row per fact: ``doc``, ``file``, ``line``, ``locator``, ``fact``, ``held``."""
    facts = read_checklists() if facts is None else facts
    rows = [{"doc": f.doc, "file": f.file, "line": f.line, "locator": f.locator, "fact": f.fact,
             "held": _held(store, f)} for f in facts]
    return pd.DataFrame(rows, columns=["doc", "file", "line", "locator", "fact", "held"])


def coverage(store: Store, facts: list[Fact] | None = None) -> pd.DataFrame:
    """Per document: facts in its checklist, facts the graph holds as structure, and the share held."""
    checked = check_facts(store, facts)
    if checked.empty:
        return pd.DataFrame(columns=["doc", "facts", "held", "share"])
    grouped = checked.groupby("doc")["held"].agg(facts="count", held="sum").reset_index()
    grouped["held"] = grouped["held"].astype(int)
    grouped["share"] = (100 * grouped["held"] / grouped["facts"]).round(1)
    return grouped.sort_values("doc").reset_index(drop=True)
