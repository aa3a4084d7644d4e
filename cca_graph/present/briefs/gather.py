"""Gathering a country brief from the graph.

Each section is built from catalogue questions (:func:`cca_graph.query.catalogue.run_query`)
where one fits, and from the ad-hoc queries of :mod:`.data` where none does
(what the country's governments, laws, instruments, targets and memberships
are, with labels and citations). Every statement is made a :class:`Fact` with
the footnote numbers of its citations; what the data lacks is said in
:class:`Note` s, in the words of the open world: "absent in the data" is not
"known absent".

A catalogue question missing from this installation does not break a brief:
its part says the check is not available.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from ...errors import UnknownNameError
from ...graph.sparql import run_sparql
from ...ingest import model
from .data import (
    Q_ABSENCES,
    Q_BODIES,
    Q_CITATION_URL,
    Q_COMMITMENTS,
    Q_CONCEPTS,
    Q_COUNTRIES,
    Q_COVERAGE,
    Q_CRITERIA,
    Q_GOVERNMENTS,
    Q_INSTRUMENTS,
    Q_LABEL,
    Q_LAWS,
    Q_MANDATES,
    Q_MEMBERSHIPS,
    Q_OUTCOMES,
    Q_SOURCES,
    Q_TRANSLATE,
    Rec,
    merge_citations,
    records,
    resolve_country,
)
from .data import missing as _missing
from .data import short as _short
from .diagram import Chart, Label
from .model import (
    Brief,
    Bullets,
    Citation,
    Document,
    Fact,
    Figure,
    Footnote,
    Heading,
    Name,
    Note,
    Row,
    Section,
    Table,
)

__all__ = ["gather", "resolve_country", "LANGUAGES", "SECTIONS"]

LANGUAGES = ("en", "zh")
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
    ("gaps", "Gaps"),
    ("replication", "Policies worth replicating"),
    ("completeness", "How complete the data is"),
    ("sources", "Sources"),
)
#: the most names a sentence lists before "and N more"
LIST_NAMES = 12
#: the most replication candidates a brief shows
CANDIDATES = 15


# -- wording ---------------------------------------------------------------------------

def _year(value) -> str:
    return str(int(value)) if isinstance(value, (int, float)) and not _missing(value) else str(value)


def _article(value) -> str:
    """", art. 58" for a provision's article; nothing when the source states none."""
    text = "" if _missing(value) else str(value).strip()
    if not text or text in ("None", "not stated in source"):
        return ""
    return f", art. {text}"


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def _end(parts: list) -> tuple:
    """``parts`` closed with a full stop, unless the last text already ends one."""
    last = parts[-1] if parts else ""
    text = last.text if isinstance(last, Name) else last
    return tuple(parts) if text.rstrip().endswith((".", "!", "?")) else tuple(parts) + (".",)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


# -- the gatherer ----------------------------------------------------------------------

class _Gatherer:
    def __init__(self, store, country: str, lang: str):
        from ...query.catalogue import catalogue

        self.store, self.country, self.lang = store, country, lang
        self.known_queries = set(catalogue())
        self.numbers: dict[Citation, int] = {}
        self._labels: dict[str, tuple[str | None, str | None]] = {}
        self._urls: dict[tuple[str, str], str] = {}
        self.concepts = {_short(r.one("e")): (r.one("en"), r.one("zh")) for r in records(store, Q_CONCEPTS)}
        nation = [r for r in records(store, Q_COUNTRIES) if r.one("iso") == country][0]
        self.nation_id = _short(nation.one("e"))
        self.nation = self.name(nation)
        self.governments = records(store, Q_GOVERNMENTS, country)
        self.gov_ids = {self.id_of(r) for r in self.governments}
        self.coverage = records(store, Q_COVERAGE, country)
        self.laws = records(store, Q_LAWS, country)
        self.bodies = records(store, Q_BODIES, country)
        self.mandates = records(store, Q_MANDATES, country)
        self.instruments = records(store, Q_INSTRUMENTS, country)
        self.outcomes = records(store, Q_OUTCOMES, country)
        self.commitments = records(store, Q_COMMITMENTS, country)
        self.memberships = records(store, Q_MEMBERSHIPS, country)
        self.absences = records(store, Q_ABSENCES, country)

    # -- names --------------------------------------------------------------------

    @staticmethod
    def id_of(rec: Rec) -> str:
        return str(rec.one("e"))

    def name(self, rec: Rec, prefix: str = "label", fallback: str | None = None) -> Name:
        en, zh = rec.one(f"{prefix}_en"), rec.one(f"{prefix}_zh")
        if self.lang == "zh" and zh:
            return Name(str(zh), "zh")
        return Name(str(en or fallback or rec.one("e")), "en")

    def label(self, record_id: str) -> Name:
        """The name of the entity ``record_id``."""
        if record_id not in self._labels:
            df = run_sparql(self.store, Q_LABEL, {"e": NamedNode(model.ID + record_id)})
            en = next((v for v in df["label_en"] if not _missing(v)), None) if len(df) else None
            zh = next((v for v in df["label_zh"] if not _missing(v)), None) if len(df) else None
            self._labels[record_id] = (en, zh)
        en, zh = self._labels[record_id]
        if self.lang == "zh" and zh:
            return Name(zh, "zh")
        return Name(en or record_id, "en")

    def translate(self, english: str) -> Name:
        """A label the catalogue returned in English, in the brief's language where the data has it."""
        if self.lang == "zh" and english:
            df = run_sparql(self.store, Q_TRANSLATE, {"en": Literal(english, language="en")})
            found = sorted({str(v) for v in df["zh"] if not _missing(v)})
            if len(found) == 1:
                return Name(found[0], "zh")
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

    def level_word(self, key: str) -> str:
        """A level as a sentence names it: "regional"."""
        return self.concept("level", key) if self.lang == "zh" else str(key)

    # -- references ---------------------------------------------------------------

    def cite(self, cites: Iterable[Citation]) -> tuple[int, ...]:
        """Footnote numbers for ``cites``, numbered in order of first use."""
        numbers = []
        for cite in sorted(set(cites)):
            if cite not in self.numbers:
                self.numbers[cite] = len(self.numbers) + 1
            numbers.append(self.numbers[cite])
        return tuple(sorted(numbers))

    def parse_source(self, cell) -> list[Citation]:
        """Citations of a catalogue ``source`` cell (``"doc: locator"``)."""
        if _missing(cell) or not str(cell).strip():
            return []
        doc, _, locator = str(cell).partition(": ")
        key = (doc, locator)
        if key not in self._urls:
            urls = run_sparql(self.store, Q_CITATION_URL, {"doc": doc, "locator": locator})["url"].tolist()
            self._urls[key] = urls[0] if len(urls) == 1 else ""
        return [Citation(doc, locator, self._urls[key])]

    def sources_of(self, rows, column: str = "source") -> list[Citation]:
        return [c for cell in rows for c in self.parse_source(cell.get(column) if isinstance(cell, dict) else cell)]

    def run(self, name: str, **params):
        """Rows of a catalogue question as dicts, or None when the question is not installed."""
        if name not in self.known_queries:
            return None
        from ...query.catalogue import run_query

        df = run_query(name, "sparql", store=self.store, **params)
        return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]

    def unavailable(self, name: str) -> Note:
        return Note((f"The check '{name}' is not in the query catalogue of this installation, "
                     "so this part is empty; it fills in once the question is installed.",))

    def names_list(self, names: list[Name], limit: int = LIST_NAMES) -> tuple:
        """``names`` as text parts: "A, B and C", or "A, B … and 20 more"."""
        names = sorted(set(names), key=lambda n: n.text.casefold())
        shown = names[:limit]
        parts: list = []
        for i, name in enumerate(shown):
            if i:
                parts.append(" and " if i == len(names) - 1 and len(names) <= limit else ", ")
            parts.append(name)
        if len(names) > limit:
            parts.append(f" and {len(names) - limit} more")
        return tuple(parts)

    # -- coverage -----------------------------------------------------------------

    def covered(self, column: str) -> set[str]:
        return {str(v) for rec in self.coverage for v in rec.all(column)}

    def coverage_cites(self, column: str, key: str) -> list[Citation]:
        """Citations of the coverage records that say the material was read for ``key``."""
        return [c for rec in self.coverage if key in {str(v) for v in rec.all(column)} for c in rec.cites]

    def coverage_refs(self, column: str, key: str) -> tuple[int, ...]:
        return self.cite(self.coverage_cites(column, key))

    def read_for(self, what: str, column: str, keys: list[str], nothing: tuple) -> Fact | Note:
        """``nothing`` (a sentence: "The data records no …") with what the material was read for.

        A fact, whose sources are the coverage records, when one says what the
        material was read for; a note when there is no coverage record.
        """
        nothing = tuple(nothing)
        if not self.coverage:
            return Note(nothing + ("; no coverage record says what the material on ", self.nation,
                                   " was read for (absent in the data, not proof that none exists)."))
        refs = self.cite(c for k in keys for c in self.coverage_cites(column, k))
        if refs:
            return Fact(nothing + (", though the material on ", self.nation, f" was read for {what} "
                                   "(absent in the data: not proof that none exists)."), refs)
        return Fact(nothing + ("; the material on ", self.nation, f" was not read for {what}, so this says "
                               "nothing either way."), self.cite(c for rec in self.coverage for c in rec.cites))

    # -- the sections ---------------------------------------------------------------

    def governments_at(self, level: str) -> list[Rec]:
        return [r for r in self.governments if r.one("level") == level]

    def levels_present(self) -> list[str]:
        present = {str(r.one("level")) for r in self.governments}
        return [level for level in LEVELS if level in present]

    def body_levels(self, rec: Rec) -> list[str]:
        joined = {str(v) for v in rec.all("member_level")} | {str(v) for v in rec.all("joined_level")}
        return [level for level in LEVELS if level in joined]

    def level_words(self, levels: list[str]) -> str:
        words = [self.level_word(lvl) for lvl in levels]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

    def architecture(self) -> Section:
        section = self.section(0)
        rows = []
        for level in self.levels_present():
            govs = self.governments_at(level)
            names = [self.name(r) for r in govs]
            rows.append(Row(((self.level_name(level),), (f"{len(govs):,}",), self.names_list(names, 6)),
                            self.cite(merge_citations(c for r in govs for c in r.cites))))
        section.blocks.append(Heading("Levels of government"))
        section.blocks.append(Table(("Level", "Governments recorded", "Among them"), tuple(rows),
                                    "Governments the data records, by level"))
        section.blocks.append(Heading("Coordination bodies"))
        if self.bodies:
            items = []
            for rec in self.bodies:
                parts: list = [self.name(rec)]
                levels = self.body_levels(rec)
                parts.append(f" joins the {self.level_words(levels)} levels" if len(levels) > 1
                             else f" sits at the {self.level_words(levels)} level" if levels else "")
                if rec.one("law"):
                    parts += ["; it was set up by ", self.name(rec, "law", rec.one("law")), _article(rec.one("article"))]
                if rec.one("start"):
                    parts.append(f", in {_year(rec.one('start'))}")
                parts = list(_end(parts))
                if rec.one("note"):
                    parts += [" ", Name(str(rec.one("note")))]
                items.append(Fact(_end(parts), self.cite(rec.cites)))
            section.blocks.append(Bullets(tuple(items)))
        else:
            section.blocks.append(self.read_for("coordination between levels", "domain", ["coordination"], (
                "The data records no coordination body that joins the levels of ", self.nation)))
        section.blocks.append(Heading("Framework laws"))
        frameworks = [r for r in self.instruments if r.one("type") == "framework-law"]
        if self.laws or frameworks:
            items = []
            for rec in self.laws:
                parts = [self.name(rec), f" ({_year(rec.one('year'))})" if rec.one("year") else "",
                         ", enacted by ", self.name(rec, "by", rec.one("by")),
                         f" ({self.level_word(str(rec.one('by_level')))} level)."]
                if rec.one("note"):
                    parts += [" ", Name(str(rec.one("note")))]
                items.append(Fact(tuple(parts), self.cite(rec.cites)))
            for rec in frameworks:
                items.append(Fact((self.name(rec), ", a climate framework law adopted by ",
                                   self.name(rec, "by", rec.one("by")), "."), self.cite(rec.cites)))
            section.blocks.append(Bullets(tuple(items)))
        else:
            section.blocks.append(self.read_for("climate framework laws", "itype", ["framework-law"], (
                "The data records no climate law of ", self.nation)))
        section.blocks.append(Figure(self.chart(), Note((
            "Chart: the levels of government (with how many governments the data records at each), the laws "
            "enacted at each level and the coordination bodies joined to the levels they bring together. "
            "Its sources are those of the table and lists above.",))))
        return section

    def chart(self) -> Chart:
        def label(name: Name, english: str) -> Label:
            return Label(name.text, name.lang, english)

        levels = []
        for level in self.levels_present():
            govs = self.governments_at(level)
            examples = sorted((r.one("label_en") or self.id_of(r) for r in govs), key=str.casefold)
            detail = f"{len(govs):,} government{'s' if len(govs) != 1 else ''}"
            if len(govs) <= 3:
                detail += ": " + ", ".join(str(e) for e in examples)
            levels.append((level, Label(self.concept("level", level) if self.lang == "zh" else level.capitalize(),
                                        "zh" if self.lang == "zh" else "en", level.capitalize()), (detail,)))
        laws = tuple((label(self.name(r), str(r.one("label_en") or self.id_of(r))), str(r.one("by_level")))
                     for r in self.laws)
        bodies = tuple((label(self.name(r), str(r.one("label_en") or self.id_of(r))), tuple(self.body_levels(r)))
                       for r in self.bodies)
        return Chart(f"Levels, laws and coordination bodies: {self.nation.text}", tuple(levels), laws, bodies)

    def mandates_section(self) -> Section:
        section = self.section(1)
        grouped: dict[tuple, set[Citation]] = defaultdict(set)
        national = self.run("levels-and-mandates", country=self.country)
        if national is None:
            section.blocks.append(self.unavailable("levels-and-mandates"))
        for row in national or ():
            key = (row["level"], self.translate(row["mandate"]), row["modality"], row["domain"],
                   self.translate(row["law"]), str(row["article"]))
            grouped[key].update(self.parse_source(row["source"]))
        # mandates the question leaves out: those of subnational laws, and those a law assigns as a whole
        for rec in self.mandates:
            if national is not None and rec.one("by_level") == "national" and rec.one("article") is not None:
                continue
            for level in rec.all("level"):
                key = (str(level), self.name(rec), str(rec.one("modality")), str(rec.one("domain")),
                       self.name(rec, "law", rec.one("law")), str(rec.one("article") or ""))
                grouped[key].update(rec.cites)
        rank = {level: i for i, level in enumerate(LEVELS)}
        rows = []
        for key in sorted(grouped, key=lambda k: (rank.get(k[0], 9), k[4].text, k[5], k[1].text)):
            level, mandate, modality, domain, law, article = key
            provision = (law, _article(article)) if _article(article) else (law,)
            rows.append(Row(((self.level_name(level),), (mandate,), (self.concept("modality", modality),),
                             (self.concept("mandate-domain", domain),), provision), self.cite(grouped[key])))
        if rows:
            section.blocks.append(Table(("Level", "Mandate", "Modality", "Domain", "Law and provision"), tuple(rows),
                                        "Mandates the country's laws give to each level"))
        else:
            domains = sorted(self.covered("domain"))
            what = ("mandates in the domains " + ", ".join(self.concept("mandate-domain", d) for d in domains)
                    if domains else "mandates (no mandate domain is listed)")
            section.blocks.append(self.read_for(what, "domain", domains, (
                "The data records no mandate from a law of ", self.nation)))
        absent = [r for r in self.absences if str(r.one("absent")).endswith("#Mandate")]
        if absent:
            section.blocks.append(Heading("Mandates a source says do not exist (known absent)"))
            section.blocks.append(Bullets(tuple(self.absence_fact(r) for r in absent)))
        return section

    def absence_fact(self, rec: Rec) -> Fact:
        parts: list = ["A source states: ", self.name(rec), "."]
        if rec.one("note"):
            parts += [" ", Name(str(rec.one("note")))]
        return Fact(tuple(parts), self.cite(rec.cites))

    def instruments_section(self) -> Section:
        section = self.section(2)
        outcomes_of: dict[str, list[Rec]] = defaultdict(list)
        for rec in self.outcomes:
            outcomes_of[str(rec.one("instrument"))].append(rec)
        rank = {level: i for i, level in enumerate(LEVELS)}
        by_level: dict[str, list[Rec]] = defaultdict(list)
        for rec in self.instruments:
            top = min((str(v) for v in rec.all("by_level")), key=lambda v: rank.get(v, 9))
            by_level[top].append(rec)
        if not self.instruments:
            types = sorted(self.covered("itype"))
            what = ("instruments of the types " + ", ".join(self.concept("instrument-type", t) for t in types)
                    if types else "instruments (no instrument type is listed)")
            section.blocks.append(self.read_for(what, "itype", types, (
                "The data records no instrument adopted by a government of ", self.nation)))
        for level in sorted(by_level, key=lambda v: rank.get(v, 9)):
            rows = []
            for rec in sorted(by_level[level], key=lambda r: self.name(r).text.casefold()):
                adopters = [self.label(str(by)) for by in rec.all("by")]
                years = "–".join(dict.fromkeys(_year(v) for v in (rec.one("start"), rec.one("end")) if v is not None))
                measured = "yes, see below" if outcomes_of.get(self.id_of(rec)) else "none recorded"
                rows.append(Row(((self.name(rec),), (self.concept("instrument-type", rec.one("type")),),
                                 self.names_list(adopters, 4), (years or "not recorded",), (measured,)),
                                self.cite(rec.cites)))
            section.blocks.append(Heading(f"{self.level_name(level).capitalize()} level"))
            section.blocks.append(Table(("Instrument", "Type", "Adopted by", "Years", "Outcome measured"),
                                        tuple(rows), f"Instruments adopted at the {level} level"))
        measured = [r for r in self.instruments if outcomes_of.get(self.id_of(r))]
        if measured:
            section.blocks.append(Heading("Outcomes where measured"))
            items = []
            for rec in sorted(measured, key=lambda r: self.name(r).text.casefold()):
                for out in outcomes_of[self.id_of(rec)]:
                    period = "–".join(dict.fromkeys(_year(v) for v in (out.one("start"), out.one("end"))
                                                    if v is not None))
                    items.append(Fact((self.name(rec), ": ", Name(str(out.one("indicator"))), ": ",
                                       Name(f"{_number(out.one('value'))} {out.one('unit')}"),
                                       f" ({period})." if period else "."), self.cite(out.cites)))
            section.blocks.append(Bullets(tuple(items)))
        if self.instruments:
            unmeasured = len(self.instruments) - len(measured)
            section.blocks.append(Note((f"The data records a measured outcome for {len(measured)} of the "
                                        f"{len(self.instruments)} instruments; for {unmeasured} it records none "
                                        "(absent in the data, not proof that nobody measured them).",)))
        return section

    def targets_section(self) -> Section:
        section = self.section(3)
        rank = {level: i for i, level in enumerate(LEVELS)}
        rows = []
        for rec in sorted(self.commitments, key=lambda r: (rank.get(str(r.one("by_level")), 9),
                                                           self.name(r, "by").text.casefold(), self.id_of(r))):
            amount = ""
            if rec.one("value") is not None:
                amount = f"{_number(rec.one('value'))} {rec.one('unit') or ''}".strip()
            if rec.one("base") is not None:
                amount += f" (base year {_year(rec.one('base'))})"
            rows.append(Row(((self.name(rec, "by", rec.one("by")),), (self.level_name(str(rec.one("by_level"))),),
                             (self.name(rec),), (self.concept("commitment-type", rec.one("type")),),
                             (_year(rec.one("target")) if rec.one("target") is not None else "",),
                             (Name(amount) if amount else "",)), self.cite(rec.cites)))
        section.blocks.append(Heading("Targets and pledges recorded"))
        if rows:
            section.blocks.append(Table(("Government", "Level", "Target or pledge", "Type", "Target year", "Amount"),
                                        tuple(rows), "Targets and pledges of the country's governments"))
        else:
            section.blocks.append(Note(("The data records no target or pledge of any government of ", self.nation,
                                        " (absent in the data, not proof that there is none).")))
        section.blocks.append(Heading("National and subnational alignment"))
        section.blocks += self.alignment()
        section.blocks.append(Heading("Pledge-integrity checklist"))
        section.blocks += self.integrity()
        return section

    def alignment(self) -> list:
        rows = self.run("target-misalignment", country=self.country)
        if rows is None:
            return [self.unavailable("target-misalignment")]
        if not rows:
            return [Note(("The data records no regional government of ", self.nation,
                          ", so there is nothing to align.",))]
        blocks, items = [], []
        words = {"stronger": "earlier than", "weaker": "later than", "aligned": "the same year as"}
        for alignment in ("stronger", "aligned", "weaker", "no national target"):
            for row in (r for r in rows if r["alignment"] == alignment):
                refs = self.cite(self.parse_source(row["source"]))
                gov = self.label(row["government"])
                if alignment in words:
                    parts = (gov, f" aims for net zero or carbon neutrality by {_year(row['target_year'])}, "
                             f"{words[alignment]} the national target year {_year(row['national_target_year'])}.")
                else:
                    parts = (gov, f" aims for net zero or carbon neutrality by {_year(row['target_year'])}; "
                             "the data records no national net-zero or carbon-neutrality target.")
                items.append(Fact(parts, refs) if refs else Note(parts))
        if items:
            blocks.append(Bullets(tuple(items)))
        for status in ("known absent", "absent in the data"):
            missing = [r for r in rows if r["alignment"] == "missing" and r["status"] == status]
            if not missing:
                continue
            names = self.names_list([self.label(r["government"]) for r in missing])
            total = len(self.governments_at("regional"))
            national = next((r["national_target_year"] for r in missing if r["national_target_year"]), None)
            refs = self.cite(self.sources_of(missing))
            if status == "known absent":
                parts = (f"A source states that {len({r['government'] for r in missing})} regional governments have "
                         "no net-zero or carbon-neutrality target: ", *names, ".")
            elif national:
                parts = (f"The national target year is {_year(national)}; the data records no net-zero or "
                         f"carbon-neutrality target for {len({r['government'] for r in missing})} of the "
                         f"{total} regional governments: ", *names, " (absent in the data).")
            else:
                parts = ("The data records no net-zero or carbon-neutrality target for ", self.nation,
                         f" nor for {len({r['government'] for r in missing})} of its {total} regional "
                         "governments: ", *names, " (absent in the data, not proof that none exists).")
            blocks.append(Fact(parts, refs) if refs else Note(parts))
        return blocks

    def integrity(self) -> list:
        criteria = records(self.store, Q_CRITERIA)
        blocks = []
        if criteria:
            names = self.names_list([self.name(r) for r in criteria], 20)
            blocks.append(Fact(("The checklist applies the UN expert group's criteria for net-zero pledges of cities "
                                "and regions: ", *names, "."),
                               self.cite(merge_citations(c for r in criteria for c in r.cites))))
        rows = self.run("pledge-integrity", country=self.country)
        if rows is None:
            return blocks + [self.unavailable("pledge-integrity")]
        if not rows:
            return blocks + [Note(("The data records no net-zero or carbon-neutrality pledge of a regional or local "
                                   "government of ", self.nation, ", so there is no pledge to check.",))]
        criterion_names = {str(r.one("check")): self.name(r) for r in criteria}
        for pledge in sorted({r["pledge"] for r in rows}):
            mine = [r for r in rows if r["pledge"] == pledge]
            first = mine[0]
            blocks.append(Heading(f"{self.label(first['government']).text}: {self.label(pledge).text} "
                                  f"(target year {_year(first['target_year'])})"))
            grouped: dict[tuple, list] = defaultdict(list)
            for row in mine:
                grouped[(row["criterion"], row["requirement"], row["met"], row["evidence"])].append(row)
            table = []
            for (criterion, requirement, met, evidence), group in sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]]):
                shown = self.label(evidence) if evidence and " " not in str(evidence) else Name(str(evidence or ""))
                table.append(Row(((criterion_names.get(criterion, Name(str(criterion))),), (Name(str(requirement)),),
                                  ("met" if met == "yes" else "no record" if met == "no record" else str(met),),
                                  (shown,)), self.cite(self.sources_of(group))))
            blocks.append(Table(("Criterion", "Requirement", "Met in the data", "Evidence"), tuple(table),
                                "Pledge-integrity checklist"))
        return blocks

    def networks_section(self) -> Section:
        section = self.section(4)
        grouped: dict[tuple[str, str], list[Rec]] = defaultdict(list)
        for rec in self.memberships:
            grouped[(str(rec.one("member")), str(rec.one("network")))].append(rec)
        rank = {level: i for i, level in enumerate(LEVELS)}
        rows = []
        for (member, network), recs in sorted(grouped.items(), key=lambda kv: (
                rank.get(str(kv[1][0].one("level")), 9), self.name(kv[1][0], "member").text.casefold(), kv[0][1])):
            first = recs[0]
            roles = sorted({self.concept("role", v) for r in recs for v in r.all("role")})
            years = sorted({int(v) for r in recs for k in ("since", "observed") for v in r.all(k)})
            rows.append(Row(((self.name(first, "member", member),), (self.level_name(str(first.one("level"))),),
                             (self.name(first, "network", network),), (", ".join(roles),),
                             (str(years[0]) if years else "",)),
                            self.cite(c for r in recs for c in r.cites)))
        section.blocks.append(Heading("Memberships"))
        if rows:
            section.blocks.append(Table(("Government", "Level", "Network", "Role", "Since or listed in"), tuple(rows),
                                        "Network memberships of the country's governments"))
        else:
            section.blocks.append(Note(("The data records no network membership of any government of ", self.nation,
                                        " (absent in the data: membership lists are incomplete).")))
        section.blocks.append(Heading("Asymmetries between levels"))
        section.blocks += self.asymmetry()
        brokers = self.run("brokers")
        if brokers is not None:
            mine = [r for r in brokers if r["country"] == self.country]
            if mine:
                section.blocks.append(Heading("Governments that bridge networks"))
                items = []
                for row in mine:
                    cites = [c for r in self.memberships if r.one("member") == row["government"] for c in r.cites]
                    parts = (self.label(row["government"]), f" belongs to {row['networks']} networks.")
                    items.append(Fact(parts, self.cite(cites)) if cites else Note(parts))
                section.blocks.append(Bullets(tuple(items)))
        return section

    def asymmetry(self) -> list:
        rows = self.run("network-asymmetry", country=self.country)
        if rows is None:
            return [self.unavailable("network-asymmetry")]
        if not rows:
            return [Note(("The data records no asymmetry: in the networks with national members, the governments of ",
                          self.nation, " that are recorded sit together or not at all (absent in the data, "
                          "not known absent).",))]
        grouped: dict[tuple, list] = defaultdict(list)
        for row in rows:
            grouped[(row["network"], row["direction"], row["status"])].append(row)
        items = []
        for (network, direction, status), group in sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]]):
            names = self.names_list([self.label(r["government"]) for r in group])
            if direction.startswith("subnational"):
                parts = (*names, " ", "is" if len({r["government"] for r in group}) == 1 else "are",
                         " in ", self.label(network), " without the national government ", self.nation,
                         f" ({status}).")
            else:
                parts = (self.nation, " is in ", self.label(network),
                         f" without any of its subnational governments ({status}).")
            refs = self.cite(self.sources_of(group))
            items.append(Fact(parts, refs) if refs else Note(parts))
        return [Bullets(tuple(items))]

    # -- gaps -----------------------------------------------------------------------------

    def gaps_section(self) -> Section:
        section = self.section(5)
        for name, title, build in (
                ("coordination-gap", "Coordination between levels", self.coordination_gap),
                ("level-without-mandate", "Levels without an obligation from national law", self.level_gap),
                ("mandate-without-instrument", "Obligations without the instrument they require", self.instrument_gap),
                ("unfunded-mandate", "Obligations without funding", self.funding_gap),
                ("reporting-gap", "Reporting channels into national MRV", self.reporting_gap)):
            section.blocks.append(Heading(title))
            rows = self.run(name, country=self.country)
            if rows is None:
                section.blocks.append(self.unavailable(name))
            elif not rows:
                from ...query.catalogue import get

                section.blocks.append(Note((f"No gap of this kind in the data: {get(name).no_rows}.",)))
            else:
                section.blocks += build(rows)
        section.blocks.append(Heading("Targets and networks"))
        section.blocks.append(Note(("Targets missing or out of step with the national one are in section 4, "
                                    "asymmetries in network membership in section 5.",)))
        return section

    def fact_or_note(self, parts: tuple, cites: list[Citation], fallback: tuple[int, ...] = ()) -> Fact | Note:
        refs = self.cite(cites) or fallback
        return Fact(parts, refs) if refs else Note(parts)

    def coordination_gap(self, rows: list[dict]) -> list:
        items = []
        for (upper, lower, gap, status), group in sorted(_group(rows, "upper_level", "lower_level", "gap", "status")):
            pair = f"the {self.level_word(upper)} and {self.level_word(lower)} levels"
            if gap == "no":
                bodies = self.names_list([self.label(r["body"]) for r in group if r["body"]])
                items.append(self.fact_or_note((*bodies, f" joins {pair}."), self.sources_of(group)))
            elif status == "known absent":
                items.append(self.fact_or_note((f"A source states that no body joins {pair}.",),
                                               self.sources_of(group)))
            else:
                items.append(self.fact_or_note(
                    (f"The data records no body that joins {pair} (absent in the data, not proof that none exists).",),
                    self.sources_of(group), self.coverage_refs("domain", "coordination")))
        return [Bullets(tuple(items))]

    def level_gap(self, rows: list[dict]) -> list:
        items = []
        for (level, status), group in sorted(_group(rows, "level", "status")):
            words = self.level_word(level)
            if status == "known absent":
                parts = (f"A source states that no national law obliges the {words} level to anything.",)
            else:
                parts = (f"No national law in the data obliges the {words} level to anything "
                         "(absent in the data, not proof that no such law exists).",)
            items.append(self.fact_or_note(parts, self.sources_of(group), self.coverage_refs("level", level)))
            fillers = _group([r for r in group if r["filled_by"]], "filled_by", "filled_by_law", "filled_by_article")
            for (filler, law, article), fill in sorted(fillers):
                provision = _article(article)
                items.append(self.fact_or_note(
                    (self.label(filler), " fills the gap in its territory: its ", self.label(law), provision,
                     f" obliges its {words} governments."), self.sources_of(fill, "filled_by_source")))
        return [Bullets(tuple(items))]

    def instrument_gap(self, rows: list[dict]) -> list:
        items = []
        for (mandate, law, article, itype, level, status), group in sorted(
                _group(rows, "mandate", "law", "article", "required_instrument_type", "level", "status")):
            names = self.names_list([self.label(r["government"]) for r in group])
            count = len({r["government"] for r in group})
            total = len(self.governments_at(level))
            kind = self.concept("instrument-type", itype)
            provision = _article(article)
            head = (self.label(law), provision, f" obliges {self.level_word(level)} governments to have a {kind} (",
                    self.label(mandate), "); ")
            if status == "known absent":
                tail = (f"a source states that {count} of them have none: ", *names, ".")
            else:
                tail = (f"the data records none for {count} of the {total}: ", *names,
                        " (absent in the data, not proof that none exists).")
            items.append(self.fact_or_note(head + tail, self.sources_of(group)))
        return [Bullets(tuple(items))]

    def funding_gap(self, rows: list[dict]) -> list:
        items = []
        for (mandate, law, article, level, government, status), group in sorted(
                _group(rows, "mandate", "law", "article", "level", "government", "status")):
            provision = _article(article)
            target = (self.label(government),) if government else (f"the {self.level_word(level)} level",)
            verb = "a source states there is none" if status == "known absent" else \
                "the data records no funding programme for it (absent in the data)"
            items.append(self.fact_or_note(
                ("The obligation ", self.label(mandate), " (", self.label(law), provision, ") on ", *target,
                 f": {verb}."), self.sources_of(group)))
        return [Bullets(tuple(items))]

    def reporting_gap(self, rows: list[dict]) -> list:
        items = []
        total = len(self.governments_at("regional"))
        for (platform, status), group in sorted(_group(rows, "national_platform", "status")):
            names = self.names_list([self.label(r["government"]) for r in group])
            count = len({r["government"] for r in group})
            if platform:
                parts = (f"{count} of the {total} regional governments have no recorded channel into the national "
                         "MRV platform ", self.label(platform), f" ({status}): ", *names, ".")
                items.append(self.fact_or_note(parts, self.sources_of(group)))
            else:
                parts = ("The data records no national MRV platform of ", self.nation, f", so none of its {total} "
                         "regional governments has a recorded reporting channel into one (absent in the data).")
                items.append(self.fact_or_note(parts, self.sources_of(group),
                                               self.coverage_refs("itype", "mrv-platform")))
        return [Bullets(tuple(items))]

    # -- replication ----------------------------------------------------------------------

    def replication_section(self) -> Section:
        section = self.section(6)
        section.blocks.append(Heading("Scaled up or copied"))
        rows = self.run("scaled-up")
        if rows is None:
            section.blocks.append(self.unavailable("scaled-up"))
        else:
            mine = [r for r in rows if r["country"] == self.country or r["origin_government"] in self.gov_ids]
            items = []
            for (instrument, link, origin, origin_gov, country), group in sorted(
                    _group(mine, "instrument", "link", "origin", "origin_government", "country")):
                verb = "was scaled up from" if link == "scaled-up-from" else "was inspired by"
                where = "" if country == self.country else f" ({country})"
                items.append(self.fact_or_note(
                    (self.label(instrument), where, f" {verb} ", self.label(origin), ", an instrument of ",
                     self.label(origin_gov), f" ({self.level_word(str(group[0]['origin_level']))} level)."),
                    self.sources_of(group)))
            section.blocks.append(Bullets(tuple(items)) if items else Note((
                "The data records no instrument of ", self.nation, " scaled up from, or inspired by, a subnational "
                "one, and no subnational instrument of it that others took up (absent in the data: diffusion the "
                "sources do not state is not recorded).")))
        section.blocks.append(Heading("Candidates: what peers adopted"))
        section.blocks += self.candidates()
        return section

    def candidates(self) -> list:
        if "replication-candidates" not in self.known_queries:
            return [self.unavailable("replication-candidates")]
        members = sorted({str(r.one("member")) for r in self.memberships} | {self.nation_id})
        found = []
        for government in members:
            for key, group in _group(self.run("replication-candidates", government=government), "government",
                                     "instrument_type", "outcome_evidence", "adopters", "example_instrument",
                                     "competence"):
                found.append((key, group))
        if not found:
            return [Note(("The data holds no candidate: no peer of a government of ", self.nation, " (same level, a "
                          "shared network) adopted a type of instrument it lacks, where it has a recorded competence "
                          "(absent in the data; peers' instruments are as incomplete as the rest).",))]
        found.sort(key=lambda kg: (-int(kg[0][2] or 0), -int(kg[0][3] or 0), self.label(kg[0][0]).text.casefold(),
                                   str(kg[0][1])))
        rows = []
        for (government, itype, evidence, adopters, example, competence), group in found[:CANDIDATES]:
            mandate = str(competence or "")
            has = (self.label(mandate.split(" ", 1)[1]),) if mandate.startswith("mandate ") else \
                ("none recorded",)
            rows.append(Row(((self.label(government),), (self.concept("instrument-type", itype),),
                             (f"{int(adopters or 0)}",), (f"{int(evidence or 0)}",), (self.label(example),), has),
                            self.cite(self.sources_of(group))))
        blocks = [Table(("Government", "Type of instrument it lacks", "Peers that adopted it", "Outcome records",
                         "Example", "Competence (mandate)"), tuple(rows),
                        "Instruments peers adopted, strongest evidence first")]
        if len(found) > CANDIDATES:
            blocks.append(Note((f"{len(found) - CANDIDATES} more candidates: cca-graph query replication-candidates "
                                "--government ID.",)))
        blocks.append(Note(("Peers are governments at the same level that share a network; the example's sources "
                            "are given. A candidate is a lead to check, not a recommendation.",)))
        return blocks

    # -- completeness ------------------------------------------------------------------

    def completeness_section(self) -> Section:
        section = self.section(7)
        if not self.coverage:
            section.blocks.append(Note(("No coverage record for ", self.nation, ": the data does not say what the "
                                        "material was read for, so every \u201cnone recorded\u201d in this brief is "
                                        "only absence in the data.",)))
        for rec in self.coverage:
            refs = self.cite(rec.cites)
            what = []
            for column, scheme, words in (("level", "level", "the levels"), ("itype", "instrument-type",
                                          "the instrument types"), ("domain", "mandate-domain", "the mandate domains")):
                keys = sorted((str(v) for v in rec.all(column)),
                              key=lambda k: (LEVELS.index(k) if k in LEVELS else 9, k))
                if keys:
                    shown = [self.concept(scheme, k) if scheme != "level" or self.lang == "zh" else k for k in keys]
                    what.append(f"{words} {', '.join(shown)}")
            section.blocks.append(Fact(("The material on ", self.nation, " was read for "
                                        + ("; ".join(what) if what else "nothing specific") + "."), refs))
            if rec.one("note"):
                section.blocks.append(Fact(("The curators' note: ", Name(str(rec.one("note")))), refs))
        section.blocks.append(Heading("What the data holds and lacks"))
        counts = [_plural(len(self.governments), "government"), _plural(len(self.laws), "law"),
                  _plural(len(self.mandates), "mandate"), _plural(len(self.instruments), "instrument"),
                  _plural(len(self.outcomes), "measured outcome"),
                  _plural(len(self.commitments), "target or pledge", "targets or pledges"),
                  _plural(len(self.memberships), "network membership"),
                  _plural(len(self.bodies), "coordination body", "coordination bodies"),
                  _plural(len(self.absences), "known absence", "known absences")]
        section.blocks.append(Note(("For ", self.nation, " the data holds: " + ", ".join(counts) + ".")))
        present = {str(r.one("type")) for r in self.instruments}
        read = sorted(self.covered("itype"))
        empty = [t for t in read if t not in present]
        if empty:
            section.blocks.append(Note(("Read for but nothing recorded (absent in the data, a stronger but still "
                                        "open signal): instrument types " + ", ".join(
                                            self.concept("instrument-type", t) for t in empty) + ".",)))
        unread_levels = [lvl for lvl in ("national", "regional", "local") if lvl not in self.covered("level")]
        if self.coverage and unread_levels:
            section.blocks.append(Note(("Not read for, so nothing can be said either way: the "
                                        + ", ".join(unread_levels) + " level" + ("s" if len(unread_levels) > 1 else "")
                                        + ".",)))
        absent = list(self.absences)
        section.blocks.append(Heading("Known absences"))
        if absent:
            section.blocks.append(Bullets(tuple(self.absence_fact(r) for r in absent)))
        else:
            section.blocks.append(Note(("No source in the data states that something does not exist for ", self.nation,
                                        ".")))
        section.blocks.append(Heading("Reading absences"))
        section.blocks.append(Note(("The graph is an open world. \u201cAbsent in the data\u201d means no record was "
                                    "found: the instrument, target or membership may exist and simply not be in the "
                                    "material. \u201cKnown absent\u201d means a source states it does not exist. "
                                    "Where the coverage record says the material was read for something, a missing "
                                    "record says more; where it was not, it says nothing.",)))
        return section

    def sources_section(self) -> Section:
        section = self.section(8)
        docs = len({c.doc for c in self.numbers})
        section.blocks.append(Note((f"{_plural(len(self.numbers), 'note')} point{'s' if len(self.numbers) == 1 else ''}"
                                    f" to {_plural(docs, 'source document')}; each note gives the place in the document "
                                    "(section, article, page) and leads to the bibliography entry.",)))
        return section

    def little(self) -> bool:
        """Whether the data holds nothing on the country but its governments."""
        return not any((self.laws, self.mandates, self.instruments, self.commitments, self.memberships, self.bodies,
                        self.absences))

    def shorten(self, section: Section) -> None:
        """Replace the checks of a section that the data cannot feed by one sentence on what is missing."""
        missing = {
            "mandates": ("No mandate from a law of ", self.nation, " is recorded."),
            "instruments": ("No instrument adopted by a government of ", self.nation, " is recorded."),
            "targets": ("No target or pledge of a government of ", self.nation, " is recorded, so there is "
                        "nothing to align or to check for integrity."),
            "networks": ("No network membership of a government of ", self.nation, " is recorded."),
            "gaps": ("No gap can be shown: with no law, mandate, instrument, coordination body or reporting "
                     "platform of ", self.nation, " recorded, there is no chain to check."),
            "replication": ("Nothing to replicate is recorded: no instrument of ", self.nation, " was scaled up "
                            "or copied, and no government of it shares a network with peers."),
        }
        if section.key in missing:
            section.blocks = [Note(missing[section.key] + (" (Absent in the data, not proof that none exists.)",))]

    def section(self, index: int) -> Section:
        key, title = SECTIONS[index]
        return Section(index + 1, key, title)

    def summary(self, sections: list[Section]) -> list:
        notes = [Note(("Every statement ends with numbered notes to its source and the place in it (section 9). "
                       "Sentences set apart as notes speak about the data itself: \u201cabsent in the data\u201d "
                       "means nothing is recorded, not that nothing exists.",))]
        empty = [s for s in sections[:7] if not s.facts]
        if empty:
            notes.append(Note(("The data holds little on ", self.nation, ": no recorded facts for "
                               + ", ".join(f"{s.title.lower()} (section {s.number})" for s in empty)
                               + ". Section 8 says what the material covers and what is missing.")))
        return notes

    def bibliography(self) -> list[Document]:
        used = {c.doc for c in self.numbers}
        docs = []
        for rec in records(self.store, Q_SOURCES, key="key"):
            key = str(rec.one("key"))
            if key in used:
                year = rec.one("year")
                docs.append(Document(key, str(rec.one("title") or key), str(rec.one("publisher") or ""),
                                     int(year) if year is not None else None, str(rec.one("address") or "")))
        missing = sorted(used - {d.key for d in docs})
        docs += [Document(key, key, "", None) for key in missing]
        return sorted(docs, key=lambda d: d.key)


def _group(rows: list[dict], *columns: str) -> list[tuple[tuple, list[dict]]]:
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows or ():
        grouped[tuple(row[c] for c in columns)].append(row)
    return sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]])


def gather(store, country: str, lang: str = "en") -> Brief:
    """Everything a brief on ``country`` says, with its footnotes and bibliography.

    Parameters
    ----------
    store : pyoxigraph.Store
    country : str
        ISO 3166-1 alpha-2 code or name of a country the graph holds.
    lang : {"en", "zh"}
        Language of names: Chinese labels where the data has them, else English.

    Examples
    --------
    >>> brief = gather(open_store("out"), "MX")                   # doctest: +SKIP
    >>> [s.title for s in brief.sections][:2]                     # doctest: +SKIP
    ['Governance architecture', 'Mandates by level']
    """
    if lang not in LANGUAGES:
        raise UnknownNameError("language", lang, list(LANGUAGES))
    code = resolve_country(store, country)
    g = _Gatherer(store, code, lang)
    sections = [g.architecture(), g.mandates_section(), g.instruments_section(), g.targets_section(),
                g.networks_section(), g.gaps_section(), g.replication_section(), g.completeness_section()]
    if g.little():
        for section in sections:
            g.shorten(section)
        g.numbers = {c: n for c, n in g.numbers.items() if n in _used(sections)}
    summary = g.summary(sections)
    sections.append(g.sources_section())
    # the summary cites first but is gathered last: renumber the notes in reading order
    return _renumber(Brief(code, g.nation, lang, summary, sections,
                           [Footnote(n, c) for c, n in sorted(g.numbers.items(), key=lambda cn: cn[1])],
                           g.bibliography()))


def _used(sections: list[Section]) -> set[int]:
    """The footnote numbers the blocks of ``sections`` cite."""
    used: set[int] = set()

    def walk(block):
        if isinstance(block, (Fact, Note, Row)):
            used.update(block.refs)
        for child in getattr(block, "items", ()) or getattr(block, "rows", ()):
            walk(child)
        if isinstance(block, Figure):
            walk(block.caption)

    for section in sections:
        for block in section.blocks:
            walk(block)
    return used


def _renumber(brief: Brief) -> Brief:
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

    def renumber(block):
        if isinstance(block, Fact):
            return Fact(block.parts, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Note):
            return Note(block.parts, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Row):
            return Row(block.cells, tuple(sorted(order[n] for n in block.refs)))
        if isinstance(block, Bullets):
            return Bullets(tuple(renumber(item) for item in block.items))
        if isinstance(block, Table):
            return Table(block.columns, tuple(renumber(row) for row in block.rows), block.caption)
        if isinstance(block, Figure):
            return Figure(block.diagram, renumber(block.caption))
        return block

    brief.summary = [renumber(b) for b in brief.summary]
    for section in brief.sections:
        section.blocks = [renumber(b) for b in section.blocks]
    brief.footnotes = sorted((Footnote(order[f.number], f.citation) for f in brief.footnotes), key=lambda f: f.number)
    return brief
