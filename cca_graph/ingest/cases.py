"""Case material: read case folders, check every record, turn records into quads.

The reader streams: each record is checked and turned into quads as it is read.
What cannot be checked on the spot (a reference to a record defined later) is
kept as a small pending note and settled at the end, so memory grows with the
number of ids, not with the records themselves.

Large case roots are read file by file in worker processes: each worker
parses a file, checks its records and returns them as N-Quads text with the
ids the file defines and the references it makes; this process only settles
what crosses files (duplicate ids, references), in file order, so the output
is the same as reading everything here.

Every file of a case folder whose name ends in ``.yaml`` or ``.yml`` (in any
case) is read, in sub-folders too; a folder, file or link that cannot be read
is an error, never skipped.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import re
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path

import pycountry
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from ..errors import Problem
from ..namespace import CCA, DCTERMS, RDF, RDFS, SCHEMA, XSD
from ..safety import web_url
from . import model
from .model import RECORD_TYPES, Field
from .vocab import concept_keys
from .yamlio import LineDict, LineList, read_yaml, tree_problems

__all__ = ["SOURCES_FILE", "CaseReader", "shown_path"]

SOURCES_FILE = "sources.yaml"
#: what a case file's name ends with (compared in lower case)
YAML_SUFFIXES = (".yaml", ".yml")
#: fields whose text may span lines (tabs and line breaks allowed)
_PROSE_NAMES = frozenset(name for name, _ in model.PROSE_FIELDS)
_SOURCE_FIELDS = {"key": True, "title": True, "publisher": True, "year": True, "url": False, "language": False}
_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)
_XSD_DATE = str(XSD.date)
_XSD_YEAR_MONTH = str(XSD.gYearMonth)
_TYPE = NamedNode(str(RDF.type))
_TERMS: dict[str, NamedNode] = {}


def _term(iri: str) -> NamedNode:
    """The node of a vocabulary IRI (predicates and classes), made once."""
    node = _TERMS.get(iri)
    if node is None:
        node = _TERMS[iri] = NamedNode(iri)
    return node


class _Quads:
    """The terms and quads of records as pyoxigraph objects (records given one by one, by importers).

    :class:`_Lines` makes the same quads as N-Quads lines; the checks of a
    record are written once, against these methods.
    """

    node = staticmethod(NamedNode)
    term = staticmethod(_term)

    def __init__(self):
        self.type, self.label, self.same_as = self.term(str(RDF.type)), self.term(model.LABEL), self.term(model.SAME_AS)
        self.source, self.citation = self.term(model.SOURCE), self.term(str(CCA.citation))
        self.citation_class, self.locator = self.term(str(CCA.Citation)), self.term(str(CCA.locator))
        self.url, self.member_of = self.term(str(SCHEMA.url)), self.term(str(CCA.memberOf))
        self.prose = tuple((name, self.term(predicate)) for name, predicate in model.PROSE_FIELDS)

    @staticmethod
    def literal(text: str):
        return Literal(text)

    @staticmethod
    def lang(text: str, language: str):
        return Literal(text, language=language)

    def typed(self, text: str, datatype: str):
        return Literal(text, datatype=self.term(datatype))

    quad = staticmethod(Quad)


# what N-Quads writes escaped in a literal (as pyoxigraph does; a lone surrogate is left to pyoxigraph to refuse)
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff\ud800-\udfff]')
# an IRI of this form is valid as it is
_PLAIN_IRI = re.compile(r"https?://[A-Za-z0-9.-]+/[A-Za-z0-9/._-]*")


class _Lines(_Quads):
    """The terms of records as N-Quads text and their quads as lines, byte for byte what pyoxigraph writes.

    Writing the text directly spares making a pyoxigraph object for every
    term and serializing it again, most of the cost of a quad; what is not
    plainly valid (an unusual IRI) or needs escaping goes through pyoxigraph.
    """

    def __init__(self):
        self._terms: dict[str, str] = {}
        self._languages: dict[str, str] = {}
        super().__init__()

    @staticmethod
    def node(iri: str) -> str:
        if _PLAIN_IRI.fullmatch(iri) is None:
            return str(NamedNode(iri))  # checked (and refused) as the quad would be
        return f"<{iri}>"

    def term(self, iri: str) -> str:
        text = self._terms.get(iri)
        if text is None:
            text = self._terms[iri] = str(NamedNode(iri))
        return text

    @staticmethod
    def literal(text: str) -> str:
        if _ESCAPED.search(text) is None:
            return f'"{text}"'
        return str(Literal(text))

    def lang(self, text: str, language: str) -> str:
        suffix = self._languages.get(language)
        if suffix is None:
            # the tag as pyoxigraph writes it (in lower case), refused as it would refuse it
            suffix = self._languages[language] = str(Literal("", language=language))[2:]
        return self.literal(text) + suffix

    def typed(self, text: str, datatype: str) -> str:
        return f"{self.literal(text)}^^{self.term(datatype)}"

    @staticmethod
    def quad(subject: str, predicate: str, object_: str, graph: str) -> str:
        return f"{subject} {predicate} {object_} {graph} .\n"


_QUADS = _Quads()


def shown_path(path: Path) -> str:
    """``path`` as a user would type it: relative to the working folder when inside it."""
    # the folder resolved, not the name: a link is shown where it stands (a dangling one, a loop)
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class _Entry:
    type: str
    path: str
    line: int


@dataclass(slots=True)
class _PendingRef:
    path: str
    line: int
    field: str
    target: str
    allowed: tuple[str, ...]


@dataclass
class CaseReader:
    """Reads case roots and yields quads, collecting every problem on the way.

    Parameters
    ----------
    roots : list of Path
        Folders holding ``sources.yaml`` and one sub-folder per case.

    Examples
    --------
    >>> from cca_graph.resources import loaders_dir
    >>> reader = CaseReader([loaders_dir()])
    >>> quads = list(reader.quads())
    >>> reader.problems
    []
    >>> path, line = reader.where("MX-JAL")
    >>> Path(path).relative_to(loaders_dir()).as_posix()
    'mexico/governments.yaml'
    """

    roots: list[Path]
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, _Entry] = field(default_factory=dict)
    sources: dict[str, _Entry] = field(default_factory=dict)
    records_per_case: dict[str, int] = field(default_factory=dict)
    _pending: list[_PendingRef] = field(default_factory=list)

    def __post_init__(self):
        self._concepts = concept_keys()

    # -- reading -----------------------------------------------------------

    def quads(self) -> Iterator[Quad]:
        """Yield the quads of every source and record; fill :attr:`problems`."""
        for chunk, _ in self.nquads():
            if chunk:
                yield from parse(chunk, format=RdfFormat.N_QUADS)

    def nquads(self) -> Iterator[tuple[bytes, int]]:
        """Yield the sources and records as N-Quads text, in chunks with their quad counts.

        Fills :attr:`problems`; references are settled when the last chunk is out.
        """
        for root in self.roots:
            if not root.is_dir():
                why = "not a folder" if root.exists() else "no such folder"
                self.problems.append(Problem(shown_path(root), 0, "cases", why))
                continue
            sources = root / SOURCES_FILE
            if (sources.exists() or sources.is_symlink()) and self._kind(sources) == "file":
                yield _serialized(self._read_sources(sources))
        for root in self.roots:
            if root.is_dir():
                yield from self._read_root(root)
        self._settle_references()

    def _read_sources(self, path: Path) -> Iterator[Quad]:
        shown = shown_path(path)
        data, problems = read_yaml(path, shown)
        self.problems += problems + tree_problems(data, shown)
        if data is None:
            return
        if not isinstance(data, LineDict) or not isinstance(data.get("sources"), list):
            self.problems.append(Problem(shown, getattr(data, "line", 1), "sources", "expected a mapping with a list under 'sources'"))
            return
        graph = NamedNode(model.graph_iri("sources"))
        for index, entry in enumerate(data["sources"]):
            yield from self._registered_source_quads(entry, shown, graph, _item_line(data["sources"], index))

    def _registered_source_quads(self, entry, shown: str, graph: NamedNode, line: int = 0) -> Iterator[Quad]:
        if not isinstance(entry, LineDict):
            self.problems.append(Problem(shown, line, "sources", "each source must be a mapping"))
            return
        problems = []
        for name in entry:
            if name not in _SOURCE_FIELDS:
                problems.append(Problem(shown, entry.line_of(name), str(name), f"unknown field; known: {', '.join(_SOURCE_FIELDS)}"))
        for name, required in _SOURCE_FIELDS.items():
            if required and entry.get(name) in (None, ""):
                problems.append(Problem(shown, entry.line, name, "required field is missing"))
        key = entry.get("key")
        if isinstance(key, str) and not model.ID_PATTERN.match(key):
            problems.append(Problem(shown, entry.line_of("key"), "key", f"{key!r} is not a valid key"))
        year = entry.get("year")
        if year is not None and not _is_year(year):
            problems.append(Problem(shown, entry.line_of("year"), "year", _year_message(year)))
        if isinstance(key, str) and key in self.sources:
            first = self.sources[key]
            problems.append(Problem(shown, entry.line_of("key"), "key", f"duplicate source key {key!r} (first at {first.path}:{first.line})"))
        for name in ("title", "publisher", "url", "language"):
            if entry.get(name) is not None and not isinstance(entry.get(name), str):
                problems.append(Problem(shown, entry.line_of(name), name, "expected text"))
        url = entry.get("url")
        if isinstance(url, str) and not web_url(url):
            problems.append(Problem(shown, entry.line_of("url"), "url", f"expected an http(s) address with a host, got {url!r}"))
        self.problems += problems
        if problems:
            return
        self.sources[key] = _Entry("Source", shown, entry.line)
        s = NamedNode(model.source_iri(key))
        yield Quad(s, _TYPE, NamedNode(str(CCA.Source)), graph)
        yield Quad(s, NamedNode(str(DCTERMS.identifier)), Literal(key), graph)
        yield Quad(s, NamedNode(str(DCTERMS.title)), Literal(entry["title"]), graph)
        yield Quad(s, NamedNode(str(RDFS.label)), Literal(entry["title"]), graph)
        yield Quad(s, NamedNode(str(DCTERMS.publisher)), Literal(entry["publisher"]), graph)
        yield Quad(s, NamedNode(str(CCA.year)), Literal(str(year), datatype=_term(_XSD_INTEGER)), graph)
        if entry.get("url"):
            yield Quad(s, NamedNode(str(SCHEMA.url)), Literal(entry["url"], datatype=_term(str(XSD.anyURI))), graph)
        if entry.get("language"):
            yield Quad(s, NamedNode(str(DCTERMS.language)), Literal(entry["language"]), graph)

    def _read_root(self, root: Path) -> Iterator[Quad]:
        before = len(self.problems)
        jobs = []
        for entry in self._entries(root):
            if entry.name == SOURCES_FILE or entry.name.startswith("."):
                continue
            kind = self._kind(entry)
            if kind == "file" and _is_yaml(entry):
                self.problems.append(Problem(shown_path(entry), 0, "file", "case files belong in a folder per case (loaders/<case>/*.yaml)"))
            if kind != "folder":
                continue
            files = self._case_files(entry, {root.resolve(), entry.resolve()})
            if not files:
                continue
            case = entry.name
            if not model.ID_PATTERN.match(case):
                self.problems.append(Problem(shown_path(entry), 0, "case", f"case folder name {case!r} is not a valid name"))
                continue
            jobs += [(path, case) for path in files]
        sources = root / SOURCES_FILE
        missing = not (sources.exists() or sources.is_symlink())
        if not jobs and len(self.problems) == before and missing:
            self.problems.append(Problem(shown_path(root), 0, "cases", "holds no case material: no sources.yaml "
                                                                       "and no case folder with .yaml files"))
        elif missing:
            self.problems.append(Problem(shown_path(sources), 0, "file",
                                         "missing; every case root registers its sources there"))
        known_sources = tuple(sorted(self.sources))
        checked = _check_all([(str(path), shown_path(path), case, known_sources) for path, case in jobs])
        for result in checked:
            if missing:  # every citation of the root names a key the missing file would register: said once above
                result.problems = [p for p in result.problems if not p.message.startswith("unknown source key")]
            self._merge(result)
            yield result.nquads, result.quads

    def _entries(self, folder: Path) -> list[Path]:
        """The entries of ``folder`` in name order; none, and a problem, when it cannot be read."""
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            self.problems.append(Problem(shown_path(folder), 0, "folder", f"cannot read: {exc.strerror or exc}"))
            return []

    def _kind(self, path: Path) -> str | None:
        """``folder`` or ``file`` (links followed); None, and a problem, for a dangling link, a loop, or a
        ``.yaml`` name that is no regular file (a FIFO, a device: reading one would block or never end)."""
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            field_name = "file" if _is_yaml(path) else "folder"
            self.problems.append(Problem(shown_path(path), 0, field_name, f"cannot read: {exc.strerror or exc}"))
            return None
        if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
            return "folder" if stat.S_ISDIR(mode) else "file"
        if _is_yaml(path):
            self.problems.append(Problem(shown_path(path), 0, "file", "not a regular file"))
        return None

    def _case_files(self, folder: Path, seen: set[Path]) -> list[Path]:
        """The YAML files of a case folder and its sub-folders, in path order.

        ``seen`` holds the folders (resolved) above this one: a link back to
        one of them is a loop, reported instead of followed.
        """
        files = []
        for entry in self._entries(folder):
            if entry.name.startswith("."):
                continue
            kind = self._kind(entry)
            if kind == "file" and _is_yaml(entry):
                files.append(entry)
            elif kind == "folder":
                real = entry.resolve()
                if real in seen:
                    self.problems.append(Problem(shown_path(entry), 0, "folder",
                                                 f"cannot read: a link back to {shown_path(real)} (a loop)"))
                    continue
                files += self._case_files(entry, seen | {real})
        return files

    def _merge(self, result: _FileResult) -> None:
        """Take in what a worker found in one file: problems, ids, references, counts."""
        self.problems += result.problems
        for rid, type_name, line in result.ids:
            first = self.ids.get(rid)
            if first is not None:
                self.problems.append(Problem(result.shown, line, "id",
                                             f"duplicate id {rid!r} (first at {first.path}:{first.line})"))
            else:
                self.ids[rid] = _Entry(type_name, result.shown, line)
        self._pending += (_PendingRef(result.shown, line, name, target, allowed)
                          for line, name, target, allowed in result.references)
        if result.records:
            self.records_per_case[result.case] = self.records_per_case.get(result.case, 0) + result.records

    def _read_case_file(self, data, shown: str, case: str, graph, terms: _Quads = _QUADS) -> Iterator:
        if data is None:
            return
        if not isinstance(data, LineDict) or not isinstance(data.get("records"), list):
            self.problems.append(Problem(shown, getattr(data, "line", 1), "records", "expected a mapping with a list under 'records'"))
            return
        for key in data:
            if key != "records":
                self.problems.append(Problem(shown, data.line_of(key), str(key), "unknown top-level key; only 'records' is allowed"))
        for index, record in enumerate(data["records"]):
            quads = self._record_quads(record, shown, graph, _item_line(data["records"], index), terms)
            if quads is not None:
                self.records_per_case[case] = self.records_per_case.get(case, 0) + 1
                yield from quads

    # -- records from elsewhere (importers) ----------------------------------

    def know_source(self, key: str, where: str = "<store>") -> None:
        """Accept citations of the source ``key`` (registered in the graph already)."""
        self.sources.setdefault(key, _Entry("Source", where, 0))

    def know(self, record_id: str, type_name: str, where: str = "<store>") -> None:
        """Accept references to ``record_id`` (a record of ``type_name`` already in the graph)."""
        self.ids.setdefault(record_id, _Entry(type_name, where, 0))

    def source_quads(self, entry: dict, shown: str, line: int = 0) -> Iterator[Quad]:
        """Register a source given as a mapping (the fields of sources.yaml)."""
        yield from self._registered_source_quads(_located(entry, line), shown, NamedNode(model.graph_iri("sources")))

    def record_quads(self, record: dict, shown: str, line: int, graph_name: str) -> list[Quad]:
        """Check one record given as a mapping (from a table row, say) and return its quads.

        Problems go to :attr:`problems` at ``shown:line``; a record with
        problems gives no quads.
        """
        return self._record_quads(_located(record, line), shown, NamedNode(model.graph_iri(graph_name))) or []

    def settle(self) -> None:
        """Check every reference collected so far (call once, at the end)."""
        self._settle_references()

    # -- one record --------------------------------------------------------

    def _record_quads(self, record, shown: str, graph, line: int = 0, terms: _Quads = _QUADS) -> list | None:
        """The quads of one record as ``terms`` makes them (objects or N-Quads lines); None when it has problems."""
        # keys given twice and control characters are found for the whole file (tree_problems)
        if not isinstance(record, LineDict):
            self.problems.append(Problem(shown, line, "record", "each record must be a mapping"))
            return None
        problems: list[Problem] = []

        def fail(name: str, message: str) -> None:
            problems.append(Problem(shown, record.line_of(name), name, message))

        rid, rtype_name = record.get("id"), record.get("type")
        if rid is None:
            fail("id", "required field is missing")
        elif not isinstance(rid, str) or not model.ID_PATTERN.match(rid):
            fail("id", f"{rid!r} is not a valid id (letters, digits, '.', '_', '-')")
            rid = None
        rtype = RECORD_TYPES.get(rtype_name) if isinstance(rtype_name, str) else None
        if rtype_name is None:
            fail("type", "required field is missing")
        elif rtype is None:
            fail("type", f"unknown record type {rtype_name!r}; known: {', '.join(sorted(RECORD_TYPES))}")
        if rid is not None:
            if rid in self.ids:
                first = self.ids[rid]
                fail("id", f"duplicate id {rid!r} (first at {first.path}:{first.line})")
            else:
                self.ids[rid] = _Entry(rtype.name if rtype else "?", shown, record.line)
        if rtype is None or rid is None:
            self.problems += problems
            return None

        subject_iri = model.entity_iri(rid)
        subject = terms.node(subject_iri)
        quad = terms.quad
        quads = [quad(subject, terms.type, terms.term(rtype.rdf_class), graph)]
        known = _field_names(rtype)
        for key in record:
            if key not in known:
                fail(str(key), f"unknown field for {rtype.name}; known: {', '.join(sorted(known))}")
        quads += self._label_quads(record, subject, graph, fail, terms)
        quads += self._citation_quads(record, subject_iri, subject, graph, fail, terms)
        for name, predicate in terms.prose:
            text = record.get(name)
            if text is None:
                continue
            if isinstance(text, str) and text.strip():
                quads.append(quad(subject, predicate, terms.lang(text.strip(), "en"), graph))
            else:
                fail(name, "expected text")
        wikidata = record.get("wikidata")
        if wikidata is not None:
            if isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit():
                quads.append(quad(subject, terms.same_as, terms.node(model.WIKIDATA + wikidata), graph))
            else:
                fail("wikidata", f"{wikidata!r} is not a Wikidata id like Q96")
        for f in rtype.fields:
            value = record.get(f.name)
            if value is None:
                if f.required:
                    fail(f.name, "required field is missing")
                continue
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list) and not f.many:
                fail(f.name, "takes one value, not a list")
                continue
            for v in values:
                obj = self._object(f, v, record, shown, fail, terms)
                if obj is None:
                    continue
                if f.inverse:
                    quads.append(quad(obj, terms.term(f.predicate), subject, graph))
                else:
                    quads.append(quad(subject, terms.term(f.predicate), obj, graph))
                if rtype.name == "Membership" and f.name == "member":
                    network = record.get("network")
                    if isinstance(network, str) and model.ID_PATTERN.match(network):
                        quads.append(quad(obj, terms.member_of, terms.node(model.entity_iri(network)), graph))
        self._type_rules(rtype.name, rid, record, fail)
        self.problems += problems
        return None if problems else quads

    def _type_rules(self, type_name: str, rid: str, record: LineDict, fail) -> None:
        if type_name == "Government":
            if record.get("level") not in (None, "national") and record.get("part_of") is None:
                fail("part_of", "a government below the national level needs part_of")
            iso = record.get("iso")
            if isinstance(iso, str) and iso != rid and _iso_known(iso):
                fail("id", f"a government with an ISO 3166 code uses it as its id ({iso!r})")
        if type_name == "Mandate" and record.get("assigned_to") is None and record.get("to_level") is None:
            fail("assigned_to", "a mandate needs assigned_to or to_level")
        if type_name == "CoverageRecord" and record.get("country") is None and record.get("network") is None:
            fail("country", "a coverage record needs country (what was read about one country) or network "
                            "(a network whose full member list was read)")

    def _label_quads(self, record: LineDict, subject, graph, fail, terms: _Quads) -> list:
        label = record.get("label")
        if label is None:
            fail("label", "required field is missing")
            return []
        if isinstance(label, str):
            label = {"en": label}
        if not isinstance(label, dict):
            fail("label", "expected text or a mapping of language tags to text")
            return []
        if not isinstance(label.get("en"), str) or not label["en"].strip():
            fail("label", "an English label ('en') is required")
        quads = []
        for lang, text in label.items():
            if not isinstance(lang, str) or not model.LANG_PATTERN.match(lang):
                fail("label", f"{lang!r} is not a language tag")
            elif not isinstance(text, str) or not text.strip():
                fail("label", f"the {lang} label must be non-empty text")
            else:
                quads.append(terms.quad(subject, terms.label, terms.lang(text.strip(), lang), graph))
        return quads

    def _citation_quads(self, record: LineDict, subject_iri: str, subject, graph, fail, terms: _Quads) -> list:
        cites = record.get("source")
        if cites is None:
            fail("source", "required field is missing: every record needs a source")
            return []
        quads = []
        for cite in cites if isinstance(cites, list) else [cites]:
            if not isinstance(cite, dict) or set(cite) - {"doc", "locator", "url"}:
                fail("source", "expected {doc: <source key>, locator: <where in the document>, url: <optional>}")
                continue
            url = cite.get("url")
            if url is not None and not web_url(url):
                fail("source", f"url must be an http(s) address with a host, got {url!r}")
                continue
            doc, locator = cite.get("doc"), cite.get("locator")
            if not isinstance(doc, str) or not doc:
                fail("source", "doc is missing")
                continue
            if not isinstance(locator, (str, int)) or not str(locator).strip():
                fail("source", f"locator is missing for {doc!r}")
                continue
            if doc not in self.sources:
                fail("source", f"unknown source key {doc!r}; register it in {SOURCES_FILE}")
                continue
            locator = str(locator).strip()
            digest = hashlib.sha1(f"{subject_iri}\n{doc}\n{locator}\n{url or ''}".encode()).hexdigest()[:16]
            citation = terms.node(model.citation_iri(digest))
            source = terms.term(model.source_iri(doc))
            quad = terms.quad
            quads += [
                quad(subject, terms.source, source, graph),
                quad(subject, terms.citation, citation, graph),
                quad(citation, terms.type, terms.citation_class, graph),
                quad(citation, terms.source, source, graph),
                quad(citation, terms.locator, terms.literal(locator), graph),
            ]
            if url:
                quads.append(quad(citation, terms.url, terms.typed(url, str(XSD.anyURI)), graph))
        return quads

    def _object(self, f: Field, value, record: LineDict, shown: str, fail, terms: _Quads):
        if f.kind == "ref":
            if not isinstance(value, str) or not model.ID_PATTERN.match(value):
                fail(f.name, f"expected the id of a record, got {value!r}")
                return None
            self._pending.append(_PendingRef(shown, record.line_of(f.name), f.name, value, f.targets))
            return terms.node(model.entity_iri(value))
        if f.kind == "concept":
            known = self._concepts.get(f.scheme, set())
            if value not in known:
                fail(f.name, f"{value!r} is not a {f.scheme} concept; known: {', '.join(sorted(known))}")
                return None
            return terms.term(model.concept_iri(f.scheme, value))
        if f.kind == "year":
            if not _is_year(value):
                fail(f.name, _year_message(value))
                return None
            return terms.typed(str(value), _XSD_INTEGER)
        if f.kind == "date":
            return _date_literal(value, f.name, fail, terms)
        if f.kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                fail(f.name, f"expected a number, got {value!r}")
                return None
            try:
                return terms.typed(format(Decimal(str(value)).normalize(), "f"), _XSD_DECIMAL)
            except InvalidOperation:
                fail(f.name, f"expected a finite number, got {value!r}")
                return None
        if f.kind == "iso":
            if not isinstance(value, str) or not _iso_known(value):
                fail(f.name, f"{value!r} is not an ISO 3166-1 alpha-2 or ISO 3166-2 code")
                return None
            return terms.literal(value)
        if f.kind == "type-name":
            if value not in RECORD_TYPES:
                fail(f.name, f"{value!r} is not a record type; known: {', '.join(sorted(RECORD_TYPES))}")
                return None
            return terms.term(RECORD_TYPES[value].rdf_class)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            fail(f.name, f"expected text, got {value!r}")
            return None
        return terms.literal(str(value).strip())

    # -- the end -----------------------------------------------------------

    def _settle_references(self) -> None:
        if any(p.field in ("yaml", "records", "sources") for p in self.problems):
            # ids defined in a file that could not be read would all show up as unknown: the
            # references are checked once every file reads, and the file's own problem says why
            self._pending.clear()
            return
        for ref in self._pending:
            entry = self.ids.get(ref.target)
            if entry is None:
                self.problems.append(Problem(ref.path, ref.line, ref.field, f"unknown id {ref.target!r}"))
            elif ref.allowed and entry.type not in ref.allowed:
                self.problems.append(Problem(
                    ref.path, ref.line, ref.field,
                    f"{ref.target!r} is a {entry.type}; expected {' or '.join(ref.allowed)}",
                ))
        self._pending.clear()

    def where(self, record_id: str) -> tuple[str, int] | None:
        """File and line where the record ``record_id`` was read."""
        entry = self.ids.get(record_id)
        return (entry.path, entry.line) if entry else None


#: check files in worker processes when there are at least this many bytes of YAML
PARALLEL_BYTES = 2_000_000


@dataclass
class _FileResult:
    """One case file, checked: its quads as N-Quads text and what crosses files."""

    shown: str
    case: str
    nquads: bytes
    quads: int
    records: int
    problems: list[Problem]
    ids: list[tuple[str, str, int]]                              # (id, type, line), first definitions
    references: list[tuple[int, str, str, tuple[str, ...]]]      # (line, field, target id, allowed types)


_FILE_READERS: dict[tuple[str, ...], CaseReader] = {}
_LINES = _Lines()


def _check_one(job: tuple[str, str, str, tuple[str, ...]]) -> _FileResult:
    """Parse and check one case file (in a worker process, or here for small roots)."""
    path, shown, case, source_keys = job
    reader = _FILE_READERS.get(source_keys)
    if reader is None:
        # concept schemes are read once per process, not once per file
        _FILE_READERS.clear()
        reader = _FILE_READERS[source_keys] = CaseReader([])
        for key in source_keys:
            reader.know_source(key)
    reader.ids, reader._pending, reader.records_per_case = {}, [], {}
    data, reader.problems = read_yaml(Path(path), shown)
    reader.problems += tree_problems(data, shown, _PROSE_NAMES)
    lines = list(reader._read_case_file(data, shown, case, _LINES.node(model.graph_iri(case)), _LINES))
    nquads, count = "".join(lines).encode(), len(lines)
    return _FileResult(
        shown, case, nquads, count, reader.records_per_case.get(case, 0), reader.problems,
        [(rid, entry.type, entry.line) for rid, entry in reader.ids.items()],
        [(ref.line, ref.field, ref.target, ref.allowed) for ref in reader._pending],
    )


def _check_all(jobs: list[tuple[str, str, str, tuple[str, ...]]]) -> Iterator[_FileResult]:
    """Check the case files of ``jobs`` in order; in worker processes when they are large.

    Parsing YAML and checking records is most of the cost of reading case
    material; workers do both and send back N-Quads text, and results come
    back in file order, so the build stays deterministic.
    """
    import os

    from ..graph.workers import pool, spawn_safe

    workers = min(os.cpu_count() or 1, 4)
    size = sum(Path(job[0]).stat().st_size for job in jobs)
    # not from a script a spawned worker would run again (see graph.workers.spawn_safe)
    if workers < 2 or size < PARALLEL_BYTES or len(jobs) < 2 or not spawn_safe():
        yield from map(_check_one, jobs)
        return
    with pool(workers) as shared:
        # a few files in flight, not all: checked files wait here as N-Quads text, so an unbounded
        # queue would hold the whole registry in memory whenever the workers run ahead
        waiting = iter(jobs)
        in_flight = deque(shared.apply_async(_check_one, (job,)) for job in islice(waiting, 2 * workers))
        while in_flight:
            result = in_flight.popleft().get()
            following = next(waiting, None)
            if following is not None:
                in_flight.append(shared.apply_async(_check_one, (following,)))
            yield result


def _serialized(quads: Iterable[Quad]) -> tuple[bytes, int]:
    """``quads`` as N-Quads text, and how many there were."""
    count = 0

    def counted():
        nonlocal count
        for quad in quads:
            count += 1
            yield quad

    text = io.BytesIO()
    serialize(counted(), text, format=RdfFormat.N_QUADS)
    return text.getvalue(), count


def _located(mapping: dict, line: int) -> LineDict:
    located = LineDict(mapping)
    located.line = line
    return located


def data_line(value) -> int:
    return getattr(value, "line", 0)


def _item_line(items: list, index: int) -> int:
    """The line of ``items[index]``: its own when the list knows it, else the item's or the list's."""
    if isinstance(items, LineList):
        return items.line_of(index)
    return data_line(items[index]) or data_line(items)


def _is_yaml(path: Path) -> bool:
    return path.name.lower().endswith(YAML_SUFFIXES)


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _date_literal(value, name: str, fail, terms: _Quads):
    """A day (``2021-11-10``, xsd:date) or a month (``2015-05``, xsd:gYearMonth) as a literal."""
    text = value.isoformat() if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) else value
    match = _DATE.match(text) if isinstance(text, str) else None
    if match is None:
        fail(name, f"expected a day (2021-11-10) or a month (2015-05), got {value!r}")
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        fail(name, f"{text!r} is not a date in the calendar")
        return None
    if not model.YEAR_RANGE[0] <= year <= model.YEAR_RANGE[1]:
        fail(name, _year_message(year))
        return None
    return terms.typed(text, _XSD_DATE if day else _XSD_YEAR_MONTH)


def _is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and model.YEAR_RANGE[0] <= value <= model.YEAR_RANGE[1]


def _year_message(value) -> str:
    low, high = model.YEAR_RANGE
    return f"expected a year from {low} to {high}, got {value!r}"


_FIELD_NAMES: dict[str, frozenset] = {}


def _field_names(rtype: model.RecordType) -> frozenset:
    """The fields a record of ``rtype`` may have (the common ones and its own)."""
    names = _FIELD_NAMES.get(rtype.name)
    if names is None:
        names = _FIELD_NAMES[rtype.name] = frozenset(model.COMMON_FIELDS) | {f.name for f in rtype.fields}
    return names


def _iso_known(code: str) -> bool:
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code) is not None
    return pycountry.subdivisions.get(code=code) is not None
