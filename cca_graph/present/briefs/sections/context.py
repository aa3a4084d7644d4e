"""What every section of a brief shares: the country's records, names, footnotes, the catalogue.

A :class:`Context` is made once per brief and passed to each section's
``build``. It reads the country's records (:mod:`..data`) up front, names
entities in the brief's language, numbers citations as footnotes in order of
first use, and runs catalogue questions (:meth:`Context.run`), which returns
None for a question this installation lacks so that the section can say so.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from pyoxigraph import Literal, NamedNode

from ....graph.sparql import run_sparql
from ....ingest import model
from ...views import reader_name
from ..annex import TABLE_ROWS, annex_places, list_counts, over_budget
from ..data import (
    PLACES_SHOWN,
    Q_ABSENCES,
    Q_ANY_COMPETENCE,
    Q_BODIES,
    Q_CITATION_URL,
    Q_COMMITMENTS,
    Q_CONCEPTS,
    Q_COUNTRIES,
    Q_COVERAGE,
    Q_GOVERNMENTS,
    Q_INSTRUMENTS,
    Q_LABEL,
    Q_LAWS,
    Q_MANDATES,
    Q_MEMBERS_BY_NETWORK,
    Q_MEMBERSHIP_COUNTS,
    Q_MEMBERSHIPS,
    Q_OUTCOMES,
    Q_PARTICIPATIONS,
    Q_REPORTING_NETWORKS,
    Q_REPORTING_PLATFORMS,
    Q_SOURCES,
    Q_TOP_MEMBERS,
    Q_TRANSLATE,
    Rec,
    condensed,
    records,
)
from ..data import missing as _missing
from ..data import short as _short
from ..i18n import generated_name
from ..model import Citation, Fact, Name, Note, Section
from .wording import NOT_COVERED, SURVEYED

#: answers of catalogue questions already asked of a store object, so that the formats of one
#: brief (and the briefs of one session) ask each question once; a store object's content does not
#: change once opened (a build or an import publishes a new store). Keyed by the store's identity,
#: holding the store so that the identity is not reused; the oldest answers go first.
_ANSWERS: dict[tuple, tuple] = {}
_ANSWERS_KEPT = 512
_ANSWERS_LOCK = threading.Lock()

__all__ = ["Context", "SECTIONS", "LEVELS", "answer", "group_rows"]

#: a web address in a label
_ADDRESS = re.compile(r"\bhttps?://\S+", re.IGNORECASE)
#: the id of an ISO 3166-2 subdivision ("ES-B", "SE-01"), whose label the list writes with a bracket
_SUBDIVISION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
#: a locator of a registry row, as imports write them ("line 3917, tag …", "Target.csv line 111, …")
_ROW = re.compile(r"\bline \d+")

LEVELS = ("supranational", "national", "regional", "local")
LEVEL_WORDS = {"supranational": "supranational", "national": "national",
               "regional": "regional (states, provinces, regions)", "local": "local (municipalities, cities)"}
MODALITY_WORDS = {"obligation": "must (obligation)", "power": "may (power)", "voluntary": "voluntary"}
#: the nine sections, in order: (key, title)
SECTIONS = (
    ("architecture", "Governance architecture"),
    ("mandates", "Mandates by level"),
    ("instruments", "Instruments by level"),
    ("targets", "Targets and pledges"),
    ("networks", "Network engagement"),
    ("gaps", "Gap checks"),
    ("replication", "Policies worth replicating"),
    ("completeness", "How complete the data is"),
    ("sources", "Sources"),
)
#: the most names a sentence lists before "and N more"
LIST_NAMES = 12
#: the same in a brief over its budget
SCALE_NAMES = 6



def _held(store, key: tuple) -> tuple | None:
    """The answer kept under ``key`` for this very ``store``, or None."""
    held = _ANSWERS.get(key)
    return held if held is not None and held[0] is store else None


def answer(store, name: str, **params) -> list[dict]:
    """Rows of the catalogue question ``name`` on ``store`` as dicts (a missing value None), kept for the
    next brief or page that asks the same of the same store."""
    key = (id(store), name, tuple(sorted(params.items())))
    held = _held(store, key)
    if held is None:
        from ....query.catalogue import run_query

        df = run_query(name, "sparql", store=store, **params)
        rows = [{k: (None if _missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]
        with _ANSWERS_LOCK:  # briefs prefetch answers from several threads
            if len(_ANSWERS) >= _ANSWERS_KEPT:
                _ANSWERS.pop(next(iter(_ANSWERS)))
            held = _ANSWERS[key] = (store, rows)
    return [dict(row) for row in held[1]]

class Context:
    """The country's records and the brief's names and footnotes, shared by every section.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str
        ISO 3166-1 alpha-2 code of a country the graph holds.
    lang : {"en", "zh"}
        Language of names.

    Attributes
    ----------
    numbers : dict of Citation to int
        The footnote collector: each citation used so far and its number.
    counts : dict of str to int
        How many governments, memberships, targets and programmes the data holds for the country,
        counted by the store (:func:`..annex.list_counts`).
    at_scale : bool
        Whether a list is longer than the brief's budget (:mod:`..annex`): the brief counts instead
        of listing, and the full lists go to the annex.
    memberships : list of Rec
        Every membership of the country's governments; when there are more than a table may show,
        only those of the governments in the most networks (:attr:`top_members`).
    top_members : list of dict
        At scale, the governments in the most networks (``member`` IRI, ``networks``), most first.
    membership_counts : list of dict
        At scale, memberships counted by ``network`` (IRI), ``level`` and ``doc`` (source key):
        ``memberships`` records of ``members`` governments.
    """

    def __init__(self, store, country: str, lang: str):
        # imported here, not at the top, so that the catalogue is looked up when a brief is
        # gathered: a test that replaces it (a question missing) is then seen
        from ....query.catalogue import catalogue

        self.store, self.country, self.lang = store, country, lang
        #: what the annex's folder is named after (:func:`..annex.annex_folder`): the brief file's stem
        self.annex = country
        #: the day the graph was built ("2026-12-04"), when known: a target year before it has passed
        self.built: str | None = None
        #: the rows about the country the imports left out, by import and reason (:mod:`..leftout`)
        self.left_out: list = []
        self.known_queries = set(catalogue())
        self.numbers: dict[Citation, int] = {}
        #: law id -> the enacting government's Chinese name, where the law's own does not say it (below)
        self._owners: dict[str, str] = {}
        #: the documents cited as evidence on the country, not only for a method (the pledge criteria)
        self.evidence_docs: set[str] = set()
        self._labels: dict[str, tuple[str | None, str | None]] = {}
        #: a Chinese name -> the English name of its entity, by which lists sort (:meth:`sort_key`)
        self._english: dict[Name, str] = {}
        self._urls: dict[tuple[str, str], str] = {}
        self.concepts = {_short(r.one("e")): (r.one("en"), r.one("zh")) for r in records(store, Q_CONCEPTS)}
        nation = [r for r in records(store, Q_COUNTRIES) if r.one("iso") == country][0]
        self.nation_id = _short(nation.one("e"))
        self.nation = self.name(nation)
        self.governments = records(store, Q_GOVERNMENTS, country)
        self.gov_ids = {self.id_of(r) for r in self.governments}
        self.coverage = records(store, Q_COVERAGE, country)
        self.laws = records(store, Q_LAWS, country)
        # a law of a state or city whose Chinese name does not say whose it is (哈利斯科州's 气候变化行动法):
        # a Chinese brief names the enacting government before it, as the English name does
        self._owners = {self.id_of(r): str(r.one("by_zh")) for r in self.laws
                        if r.one("by_level") != "national" and r.one("by_zh") and r.one("label_zh")
                        and str(r.one("by_zh")) not in str(r.one("label_zh"))}
        self.bodies = records(store, Q_BODIES, country)
        self.mandates = records(store, Q_MANDATES, country)
        self.instruments = records(store, Q_INSTRUMENTS, country)
        self.outcomes = records(store, Q_OUTCOMES, country)
        self.commitments = records(store, Q_COMMITMENTS, country)
        self.counts = list_counts(store, country)
        self.at_scale = over_budget(self.counts)
        self.top_members: list[dict] = []
        self.membership_counts: list[dict] = []
        #: at scale: (network id, level) -> how many governments of the country it has there
        self.members_by_network: dict[tuple[str, str], int] = {}
        self.reporting_platforms: dict[str, int] = {}
        if self.counts["memberships"] > TABLE_ROWS:
            # counted by the store; only the memberships of the few governments shown are read
            self.membership_counts = run_sparql(store, Q_MEMBERSHIP_COUNTS, {"country": country}).to_dict("records")
            self.members_by_network = {
                (_short(row["network"]), str(row["level"])): int(row["members"])
                for row in run_sparql(store, Q_MEMBERS_BY_NETWORK, {"country": country}).to_dict("records")}
            self.top_members = run_sparql(store, Q_TOP_MEMBERS, {"country": country}).to_dict("records")
            #: network id -> how many reports (memberships with role reporter) the country's governments make there
            self.reporting_platforms = {
                _short(row["network"]): int(row["memberships"])
                for row in run_sparql(store, Q_REPORTING_PLATFORMS, {"country": country}).to_dict("records")}
            self.memberships = [rec for top in self.top_members
                                for rec in records(store, Q_MEMBERSHIPS, country, member=NamedNode(top["member"]))]
        else:
            self.memberships = records(store, Q_MEMBERSHIPS, country)
        # programmes (instruments) a government of the country takes part in: engagement too
        self.participations = records(store, Q_PARTICIPATIONS, country)
        self.absences = records(store, Q_ABSENCES, country)
        #: networks whose members are the reporters of a platform: listed for disclosing, not joining
        self.reporting_networks = {self.id_of(r) for r in records(store, Q_REPORTING_NETWORKS)}

    # -- names --------------------------------------------------------------------

    @staticmethod
    def id_of(rec: Rec) -> str:
        return str(rec.one("e"))

    def name(self, rec: Rec, prefix: str = "label", fallback: str | None = None) -> Name:
        en, zh = rec.one(f"{prefix}_en"), rec.one(f"{prefix}_zh")
        text = str(en or fallback or rec.one("e"))
        english = Name(self._without_address(self.id_of(rec), text) if prefix == "label" else text, "en")
        if self.lang == "zh" and zh:
            if prefix == "label" and self.id_of(rec) in self._owners:
                return self.label(self.id_of(rec))
            return self._chinese(str(zh), english.text)
        return self._generated(english)

    def _chinese(self, zh: str, en: str) -> Name:
        name = Name(zh, "zh")
        self._english.setdefault(name, en)
        return name

    def english(self, name: Name) -> str:
        """The English name of the entity a name of this brief names (``name``'s own text if it is English)."""
        return self._english.get(name, name.text)

    def sort_key(self, name: Name) -> str:
        """The key a list sorts ``name`` by: the English name of its entity, so that the briefs in both
        languages pick and order the same entities (Latin names sorted before Chinese ones otherwise)."""
        return self.english(name).casefold()

    def _without_address(self, record_id: str, text: str) -> str:
        """A label that holds a web address (a plan a target import read from a target's URL: "CA-AB: plan
        documented at https://…") named by whose plan it is instead: "Alberta's climate plan". The address
        stays in the plan's notes, where its citations give it.
        """
        if _SUBDIVISION.fullmatch(record_id):
            # a subdivision named as the ISO 3166-2 list names it: "Barcelona", not "Barcelona [Barcelona]"
            text = reader_name(text)
        if not _ADDRESS.search(text):
            return text
        # a plan's id is "plan.<government id>.<digest>" (ingest.imports.openclimate), the government's id dotted too
        owner = record_id[len("plan."):].rpartition(".")[0] if record_id.startswith("plan.") else ""
        who = self.label(owner).text if owner else ""
        if not who or who == owner:
            who = _ADDRESS.sub("", text).split(":")[0].strip(" ,;") or "a government"
        return f"Climate plan of {who}" if "," in who else f"{who}'s climate plan"

    def label(self, record_id: str) -> Name:
        """The name of the entity ``record_id``."""
        if record_id not in self._labels:
            df = run_sparql(self.store, Q_LABEL, {"e": NamedNode(model.ID + record_id)})
            en = next((v for v in df["label_en"] if not _missing(v)), None) if len(df) else None
            zh = next((v for v in df["label_zh"] if not _missing(v)), None) if len(df) else None
            self._labels[record_id] = (en, zh)
        en, zh = self._labels[record_id]
        english = Name(self._without_address(record_id, en) if en else record_id, "en")
        if self.lang == "zh" and zh:
            owner = self._owners.get(record_id)
            return self._chinese(f"{owner}《{zh.strip('《》')}》" if owner else zh, english.text)
        return self._generated(english)

    def _generated(self, english: Name) -> Name:
        """``english``, or in a Chinese brief its Chinese where cca-graph wrote the name (a target's, a plan's)."""
        zh = generated_name(english.text) if self.lang == "zh" else None
        return self._chinese(zh, english.text) if zh else english

    def translate(self, english: str) -> Name:
        """A label the catalogue returned in English, in the brief's language where the data has it."""
        if self.lang == "zh" and english:
            df = run_sparql(self.store, Q_TRANSLATE, {"en": Literal(english, language="en")})
            found = sorted({str(v) for v in df["zh"] if not _missing(v)})
            if len(found) == 1:
                return self._chinese(found[0], english)
        return Name(english or "", "en")

    def concept(self, scheme: str, key: str | None) -> str:
        en, zh = self.concepts.get(f"{scheme}/{key}", (None, None))
        if self.lang == "zh" and zh:
            return zh
        if scheme == "level" and key in LEVEL_WORDS:
            return LEVEL_WORDS[key]
        if scheme == "modality" and key in MODALITY_WORDS:
            return MODALITY_WORDS[key]
        return en or str(key or "")

    def level_name(self, key: str) -> str:
        """A level as a table shows it: "regional (states, provinces, regions)"."""
        return self.concept("level", key)

    def level_short(self, key: str) -> str:
        """A level in a table cell of rows of many levels: "regional" (the levels table explains each
        name once); in Chinese the level's own short label."""
        return self.level_name(key) if self.lang == "zh" else self.level_word(key)

    def level_word(self, key: str) -> str:
        """A level as a sentence names it: "regional". Sentences are English in either language
        (:mod:`..i18n`), so the word is too: "the 地方层级 level" mixed two languages."""
        return str(key)

    def level_cell(self, key: str) -> str:
        """A level as a table cell or heading names it shortly: "regional", 区域层级."""
        return self.concept("level", key) if self.lang == "zh" else str(key)

    def names_list(self, names: list[Name], limit: int | None = None) -> tuple:
        """``names`` as text parts: "A, B and C", or "A, B … and 20 more".

        By default at most :data:`LIST_NAMES` names, :data:`SCALE_NAMES` in a brief over its budget
        (whose annex lists every government).
        """
        if limit is None:
            limit = SCALE_NAMES if self.at_scale else LIST_NAMES
        names = sorted(set(names), key=self.sort_key)
        shown = names[:limit]
        parts: list = []
        for i, name in enumerate(shown):
            if i:
                parts.append(" and " if i == len(names) - 1 and len(names) <= limit else ", ")
            parts.append(name)
        if len(names) > limit:
            parts.append(f" and {len(names) - limit} more")
        return tuple(parts)

    # -- references ---------------------------------------------------------------

    def cite(self, cites: Iterable[Citation], method: bool = False, condense: bool = True) -> tuple[int, ...]:
        """Footnote numbers for ``cites``, numbered in order of first use.

        In a brief over its budget, many places in one document are one note (:func:`..data.condensed`).
        ``method``: the sources say how the brief judges (the UN expert group's criteria), not what
        holds in the country, so they do not date its evidence (:func:`.messages.data_as_of`).
        """
        numbers = []
        cites = set(cites)
        if not method:
            self.evidence_docs.update(c.doc for c in cites)
        for cite in sorted(condensed(cites, annexed=self.in_annex) if self.at_scale and condense else cites):
            if cite not in self.numbers:
                self.numbers[cite] = len(self.numbers) + 1
            numbers.append(self.numbers[cite])
        return tuple(sorted(numbers))

    def in_annex(self, doc: str, place: str) -> bool:
        """Whether the brief's annex lists a record cited in ``doc`` at ``place``; its lists are read once."""
        if not hasattr(self, "_annex_places"):
            self._annex_places = annex_places(self.store, self.country)
        return place in self._annex_places.get(doc, ())

    def cite_rows(self, groups: Iterable[Iterable[Citation]], what: str) -> list[tuple[int, ...]]:
        """Footnote numbers for the rows of one table, ``groups`` the citations of each row.

        In a brief over its budget, a document that the rows cite in many places is one note for the
        whole table ("``what``: 25 places, among them …"), which each of those rows refers to: a table
        of registry rows had a note per row, a third of the printed brief.
        """
        groups = [set(g) for g in groups]
        if not self.at_scale:
            return [self.cite(g) for g in groups]
        by_doc: dict[str, set[Citation]] = defaultdict(set)
        for group in groups:
            for cite in group:
                by_doc[cite.doc].add(cite)
        merged = {}
        for doc, cites in by_doc.items():
            # a registry's rows ("line 3917, …"), not a document's sections: those keep their notes
            # a citation merged from several records holds their places joined by "; ": counted one by one
            places = sorted({place for c in cites for place in c.locator.split("; ")})
            if len(places) > PLACES_SHOWN and all(_ROW.search(c.locator) for c in cites) \
                    and all(self.in_annex(doc, place) for place in places):
                urls = {c.url for c in cites}
                shown = "; ".join(places[:PLACES_SHOWN])
                merged[doc] = Citation(doc, f"{what}: {len(places):,} places, among them {shown} (the annex lists "
                                            "each record with its place)", urls.pop() if len(urls) == 1 else "")
        return [self.cite({merged.get(c.doc, c) for c in group}, condense=False) for group in groups]

    def parse_source(self, cell) -> list[Citation]:
        """Citations of a catalogue ``source`` cell: ``"doc: locator"``, or several joined by ``"; "``.

        A list cell's items are split where an item begins with a source's key: read as one, a
        reporting row's "giz-cca: §4.6 …; iso-3166: ISO 3166-2:ID, ID-AC" made a note of giz-cca
        per province, and a note under one document's name held another's places.
        """
        if _missing(cell) or not str(cell).strip():
            return []
        if not hasattr(self, "_doc_keys"):
            self._doc_keys = set(self.doc_years)
        items: list[list[str]] = []
        for part in str(cell).split("; "):
            doc, colon, _ = part.partition(": ")
            if not items or (colon and doc in self._doc_keys):
                items.append([part])
            else:
                items[-1].append(part)
        found = []
        for item in items:
            doc, _, locator = "; ".join(item).partition(": ")
            key = (doc, locator)
            if key not in self._urls:
                urls = run_sparql(self.store, Q_CITATION_URL, {"doc": doc, "locator": locator})["url"].tolist()
                self._urls[key] = urls[0] if len(urls) == 1 else ""
            found.append(Citation(doc, locator, self._urls[key]))
        return found

    @property
    def seated_bodies(self) -> set[str]:
        """The coordination bodies whose member levels the data records (the levels sit in them)."""
        return {self.id_of(r) for r in self.bodies if r.one("member_level") is not None}

    @property
    def doc_years(self) -> dict[str, int | None]:
        """Source key -> the year of the document (None where the graph does not record it)."""
        if not hasattr(self, "_doc_years"):
            self._doc_years = {str(r.one("key")): (int(r.one("year")) if r.one("year") is not None else None)
                               for r in records(self.store, Q_SOURCES, key="key")}
        return self._doc_years

    def sources_of(self, rows, column: str = "source") -> list[Citation]:
        return [c for cell in rows for c in self.parse_source(cell.get(column) if isinstance(cell, dict) else cell)]

    def fact_or_note(self, parts: tuple, cites: list[Citation], fallback: tuple[int, ...] = ()) -> Fact | Note:
        refs = self.cite(cites) or fallback
        return Fact(parts, refs) if refs else Note(parts)

    def absence_fact(self, rec: Rec) -> Fact:
        parts: list = ["A source states: ", self.name(rec), "."]
        if rec.one("description"):
            parts += [" ", Name(str(rec.one("description")))]
        return Fact(tuple(parts), self.cite(rec.cites))

    # -- the catalogue ------------------------------------------------------------

    def run(self, name: str, **params):
        """Rows of a catalogue question as dicts, or None when the question is not installed."""
        if name not in self.known_queries:
            return None
        return answer(self.store, name, **params)

    def prefetch(self, asks: Iterable[tuple[str, dict]], workers: int = 2) -> None:
        """Ask catalogue questions ahead, ``workers`` at a time, so that :meth:`run` finds their answers.

        The store answers several queries at once (each reads a snapshot, outside Python's lock);
        a question not installed, or already answered, is skipped. Answers are the same as asked
        one by one: each is one query, kept as :meth:`run` keeps it.
        """
        todo = [(name, params) for name, params in asks if name in self.known_queries
                and _held(self.store, (id(self.store), name, tuple(sorted(params.items())))) is None]
        if len(todo) < 2 or workers < 2:
            for name, params in todo:
                self.run(name, **params)
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for _ in pool.map(lambda ask: self.run(ask[0], **ask[1]), todo):
                pass

    def mandate_absences(self, level) -> tuple[list[Rec], tuple]:
        """The known absences of a mandate on ``level``, and how a sentence states them.

        The source speaks of the laws it names ("the LGCC does not directly oblige municipalities",
        giz-cca §4.3: it leaves it to the states to bind them), not of every national law; an absence
        about the nation itself, or a government, speaks of every national law. The statement ends
        before the level's words: "A source states that X does not directly oblige the ".
        """
        absences = [r for r in self.absences if str(r.one("absent")).endswith("#Mandate")
                    and str(r.one("level")) == str(level)]
        laws = sorted({str(a) for r in absences for a in r.all("about")} - {self.country} - self.gov_ids)
        if not laws:
            return absences, ("A source states that no national law obliges the ",)
        return absences, ("A source states that ", *self.names_list([self.label(a) for a in laws]),
                          " does not directly oblige the " if len(laws) == 1 else " do not directly oblige the ")

    def candidate_governments(self) -> list[str]:
        """The governments whose replication candidates a brief reads: the nation and the members shown.

        None when no law of the country (or above it) gives a mandate: a candidate needs one, so the
        question would answer nothing for any of them (at registry scale, seconds per government).
        """
        if not self.competence_recorded():
            return []
        return sorted({str(r.one("member")) for r in self.memberships} | {self.nation_id})

    def competence_recorded(self) -> bool:
        """Whether any law of the country, or of a government above its nation, gives a mandate."""
        if not hasattr(self, "_competence"):
            self._competence = len(run_sparql(self.store, Q_ANY_COMPETENCE, {"country": self.country})) > 0
        return self._competence

    def unavailable(self, name: str) -> Note:
        return Note((f"The check '{name}' is not in the query catalogue of this installation, "
                     "so this part is empty; it fills in once the question is installed.",))

    # -- coverage -----------------------------------------------------------------

    def covered(self, column: str) -> set[str]:
        return {str(v) for rec in self.coverage for v in rec.all(column)}

    def coverage_cites(self, column: str, key: str) -> list[Citation]:
        """Citations of the coverage records that say the material was read for ``key``."""
        return [c for rec in self.coverage if key in {str(v) for v in rec.all(column)} for c in rec.cites]

    def coverage_refs(self, column: str, key: str) -> tuple[int, ...]:
        return self.cite(self.coverage_cites(column, key))

    def read_for(self, what: str, topics: list[tuple[str, str]], nothing: tuple, question: tuple) -> Fact | Note:
        """A finding on something the data does not hold, worded by what the material was read for.

        ``gap`` when a coverage record covers one of ``topics`` (``(column, key)``, e.g.
        ``("itype", "framework-law")``): a fact, "surveyed and not found", whose sources are those
        records and which says ``nothing`` ("no climate law of Mexico"). Otherwise ``not-covered``: a
        note that asks ``question`` and claims nothing.
        """
        refs = self.cite(c for column, key in topics for c in self.coverage_cites(column, key))
        if refs:
            return Fact(("Surveyed and not found: the material on ", self.nation, f" was read for {what} and holds ",
                         *nothing, "."), refs)
        return self.ask(question, [c for rec in self.coverage for c in rec.cites])

    def ask(self, question: tuple, cites: Iterable[Citation] = ()) -> Note:
        """A ``not-covered`` finding: ``question``, and that the material did not look at it.

        Never worded as a lack; the notes, if any, are those of what the question starts from
        (an obligation, a coverage record).
        """
        return Note(tuple(question) + (f" {NOT_COVERED[0].upper()}{NOT_COVERED[1:]}.",), self.cite(cites))

    def surveyed(self, parts: tuple, cites: Iterable[Citation], topics: list[tuple[str, str]] = ()) -> Fact | Note:
        """A ``gap`` finding: "Surveyed and not found: " and ``parts``, with the row's sources.

        The coverage records of ``topics`` stand in when the row cites none.
        """
        fallback = self.cite(c for column, key in topics for c in self.coverage_cites(column, key))
        return self.fact_or_note((f"{SURVEYED[0].upper()}{SURVEYED[1:]}: ",) + tuple(parts), list(cites), fallback)

    # -- levels and sections ------------------------------------------------------

    def governments_at(self, level: str) -> list[Rec]:
        return [r for r in self.governments if r.one("level") == level]

    def section(self, index: int) -> Section:
        key, title = SECTIONS[index]
        return Section(index + 1, key, title)


def group_rows(rows: list[dict], *columns: str) -> list[tuple[tuple, list[dict]]]:
    """``rows`` grouped by the values of ``columns``, groups in order of those values as text."""
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows or ():
        grouped[tuple(row[c] for c in columns)].append(row)
    return sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]])
