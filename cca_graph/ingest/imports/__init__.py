"""Importers of real rosters and registries into the graph.

An import reads a registry file as a stream of rows, turns each row into
records (governments it lacks, memberships, commitments) that pass the same
checks as case material, and writes them as one named graph to
``out/imports/<name>.nq``. That graph then replaces the import's earlier one
in a copy of the published store, the rest of the store left as built
(:func:`cca_graph.graph.incremental.replace_graph`), and the copy is
published only if the graph and the constraints that reach into it pass
SHACL. Where the published store is not what the files on disk build (see
:func:`~cca_graph.graph.incremental.why_rebuild`), the store is rebuilt from
the case material and every import instead, and published only if the whole
passes. A failed import leaves the previous store and imports as they were.
The import's file and report are renamed into place with the new store, just
before its link is swapped (:func:`cca_graph.graph.store.publish`): an import
killed before leaves nothing at their names; one killed after they are in
place but before the swap leaves them there, and the next build (or import,
which then rebuilds) brings them into the store.

Every importer shares :class:`ImportContext`: the resolver (one government,
one node), the record checker, and the report.
"""
from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from pyoxigraph import Quad, RdfFormat, serialize
from tqdm import tqdm

from ...atomic import remove_stale_temporaries, temporary_name
from ...errors import CcaError, InputError, Problem, UnknownNameError
from ...graph.build import build, build_settings, import_files
from ...graph.faults import fault_aliases, fault_point
from ...graph.incremental import GraphCopy, replace_graph, why_rebuild
from ...graph.store import DEFAULT_OUT, holding_graph_lock, open_store, store_path
from ...safety import printable, spreadsheet_cell
from ..cases import CaseReader, shown_path
from .resolve import (
    ASSOCIATIONS,
    ID_PATTERN,
    Government,
    Resolver,
    canonical_name,
    country_name,
    county_regions,
    join_key_quads,
    name_keys,
    normalise,
    slug,
    split_place,
    subdivision_name,
    subdivision_parent,
    suffix_region,
)

__all__ = ["ImportReport", "ImportContext", "IMPORTERS", "run_import", "write_quality_report"]


@dataclass
class ImportReport:
    """What an import read, made, matched, repaired and could not place."""

    name: str
    path: str
    file: str = ""  # the file or folder read, resolved: a later import of the same name reads it to tell an update
    rows: int = 0
    records: Counter = field(default_factory=Counter)
    governments: Counter = field(default_factory=Counter)  # how each was placed: matched, created…
    memberships: Counter = field(default_factory=Counter)  # per network
    countries: Counter = field(default_factory=Counter)    # rows per country
    notes: Counter = field(default_factory=Counter)         # what was done about quirks
    details: dict[str, list[str]] = field(default_factory=dict)
    methods: Counter = field(default_factory=Counter)       # how rows were resolved to a node: method -> rows
    suspects: list[dict] = field(default_factory=list)      # rows quarantined (not asserted): line, name, reason…
    conflicts: list[dict] = field(default_factory=list)     # sources that disagree and how it was settled
    accepted_suspects: int = 0                              # suspect rows asserted on --accept-suspect
    published: str = ""  # how the store took the import: its graph replaced alone, or rebuilt in full and why

    def suspect(self, line: int, name: str, country: str, reason: str, detail: str = "") -> None:
        """A row whose assertion is doubtful: listed in the report, not asserted (unless accepted)."""
        self.suspects.append({"line": line, "name": name, "country": country, "reason": reason, "detail": detail})

    def conflict(self, line: int, name: str, country: str, field_name: str, values: str, settled: str) -> None:
        """Two fields (or a field and the coordinates) that disagree, and how it was settled."""
        self.conflicts.append({"line": line, "name": name, "country": country, "field": field_name,
                               "values": values, "settled": settled})

    def note(self, what: str, detail: str | None = None, keep: int = 50) -> None:
        """Count one occurrence of ``what``; keep the first ``keep`` details."""
        self.notes[what] += 1
        if detail is not None:
            kept = self.details.setdefault(what, [])
            if len(kept) < keep:
                kept.append(detail)

    def as_text(self) -> str:
        lines = [f"Import {self.name} from {self.path}", *([f"{_FILE_LINE}{self.file}"] if self.file else []),
                 f"  rows read: {self.rows}"]
        for title, counter in (("records written", self.records), ("governments", self.governments),
                               ("memberships per network", self.memberships), ("rows per country", self.countries),
                               ("what was done", self.notes)):
            if counter:
                lines.append(f"  {title}:")
                limit = 15 if title == "rows per country" else None
                for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
                    lines.append(f"    {key}: {n}")
                if limit and len(counter) > limit:
                    lines.append(f"    … {len(counter) - limit} more")
        if self.methods:
            lines.append("  rows resolved, by method:")
            lines += [f"    {m}: {n}" for m, n in sorted(self.methods.items(), key=lambda kv: (-kv[1], kv[0]))]
        for title, entries in (("suspect rows, not asserted", self.suspects), ("conflicts", self.conflicts)):
            if entries:
                lines.append(f"  {title} ({len(entries)}):")
                lines += [f"    - line {e['line']}: {e['name']!r} ({e['country']}): "
                          + (f"{e['reason']}" if "reason" in e else f"{e['field']}: {e['values']} -> {e['settled']}")
                          + (f": {e['detail']}" if e.get("detail") else "") for e in entries[:30]]
                if len(entries) > 30:
                    lines.append(f"    … {len(entries) - 30} more (all in the report's CSV)")
        for what, details in sorted(self.details.items()):
            lines.append(f"  {what} ({self.notes[what]}):")
            lines += [f"    - {d}" for d in details]
            if self.notes[what] > len(details):
                lines.append(f"    … {self.notes[what] - len(details)} more")
        return "\n".join(lines) + "\n"


#: how the report's text names the file read (see :func:`check_name`)
_FILE_LINE = "  file read: "


class ImportContext:
    """What an importer works with while it streams rows."""

    def __init__(self, name: str, path: Path, resolver: Resolver):
        self.name = name
        self.graph = f"import-{name}"
        self.path = path
        self.shown = shown_path(path)
        self.resolver = resolver
        self.reader = CaseReader([])
        for record_id, type_name in resolver.records.items():
            self.reader.know(record_id, type_name)
        for key in resolver.sources:
            self.reader.know_source(key)
        self.report = ImportReport(name, self.shown, read_file(path))
        self.problems: list[Problem] = []
        self._registered: set[str] = set()
        self._decisions = None  # a csv.writer while an import runs (see :meth:`decide`)

    # -- the decision log ----------------------------------------------------

    #: columns of ``imports/<name>.decisions.csv``
    DECISION_COLUMNS = ["line", "name", "country", "node", "method", "detail"]

    def decide(self, line: int, name: str, country: str, node: str | None, method: str, detail: str = "") -> None:
        """Log how the row at ``line`` was resolved: to ``node`` (None: to nothing) by ``method``.

        Methods name the key that decided: ``iso-3166``, ``geonames``,
        ``locode``, ``alias``, ``name-in-region``, ``name-in-country``,
        ``created``, ``ambiguous``, ``suspect``, ``unresolved``…  Each decision
        is one row of the decision log, streamed to disk, and counted in the
        report.
        """
        self.report.methods[method] += 1
        if self._decisions is not None:
            # names as read may start like a formula: the log is opened in spreadsheets
            self._decisions.writerow([line, *(spreadsheet_cell(printable(cell))
                                              for cell in (name, country, node or "", method, detail))])

    # -- records -----------------------------------------------------------

    def problem(self, line: int, column: str, message: str, shown: str | None = None) -> None:
        self.problems.append(Problem(shown or self.shown, line, column, message))

    def source(self, entry: dict) -> Iterator[Quad]:
        """Register the dataset as a source (once per import).

        The registration travels with every import that cites the dataset, so
        that replacing or dropping one import never leaves another citing a
        source no file registers; identical quads merge in the store.
        """
        if entry["key"] in self._registered:
            return
        self._registered.add(entry["key"])
        self.reader.sources.pop(entry["key"], None)
        yield from self.reader.source_quads(entry, self.shown)

    def record(self, record: dict, line: int, shown: str | None = None) -> list[Quad]:
        """Check one record built from a row and return its quads."""
        quads = self.reader.record_quads(record, shown or self.shown, line, self.graph)
        if quads:
            self.report.records[record["type"]] += 1
            if record["type"] != "Government" or record["id"] not in self.resolver.records:
                self.resolver.records.setdefault(record["id"], record["type"])
        return quads

    def exists(self, record_id: str) -> bool:
        return record_id in self.resolver.records or record_id in self.reader.ids

    # -- governments -------------------------------------------------------

    def ensure_country(self, code: str, cite: dict, line: int) -> Iterator[Quad]:
        """The national government of ``code``, created from ISO 3166 if the graph lacks it."""
        if self.exists(code):
            return
        self.report.governments["countries created (ISO 3166-1)"] += 1
        yield from self.record({"id": code, "type": "Government", "label": {"en": country_name(code) or code},
                                "level": "national", "iso": code,
                                "source": [cite, {"doc": "iso-3166", "locator": f"ISO 3166-1, {code}"}]}, line)
        self.resolver.add(Government(code, "national", None, {country_name(code) or code}))

    def ensure_subdivision(self, code: str, cite: dict, line: int, label: dict | None = None) -> Iterator[Quad]:
        """The subdivision ``code`` (and what contains it), created if the graph lacks them."""
        country, parent = code.split("-")[0], subdivision_parent(code)
        yield from self.ensure_country(country, cite, line)
        if parent != country:
            yield from self.ensure_subdivision(parent, cite, line)
        if self.exists(code):
            return
        name = subdivision_name(code) or code
        self.report.governments["regions created (ISO 3166-2)"] += 1
        yield from self.record({"id": code, "type": "Government", "label": label or {"en": name},
                                "level": "regional", "iso": code, "part_of": parent,
                                "source": [cite, {"doc": "iso-3166", "locator": f"ISO 3166-2, {code}"}]}, line)
        self.resolver.add(Government(code, "regional", parent, {name, *(label or {}).values()}))

    def place(self, name: str, country: str, parent: str, level: str, cite: dict, line: int,
              label: dict | None = None, geonames_id: int | None = None,
              locode: str | None = None) -> tuple[str | None, list[Quad]]:
        """The id of the government ``name`` at ``level`` below ``parent``, creating it if new.

        Tried in turn, and the one that decides logged with :meth:`decide`:
        the association table (``association``: a council of governments a
        registry lists as a government is an Organization, not a government);
        the GeoNames id and the UN/LOCODE of governments that carry them
        (``geonames``, ``locode``); the government alias table (``alias``); for
        a city, the city-region table (``city-region``: Berlin is DE-BE,
        whatever region the row names); the id the name makes (``key``); the
        name keys within the region, then in the country (``name-in-region``,
        ``name-in-country``); else a new government (``created``), with an ASCII
        id made from the name less a ", WA" suffix and a label as written.

        Returns ``(None, quads)`` when the name has several candidates in the
        graph: those are reported (``ambiguous``), never merged by guess. So is
        a county named with no region where several regions have a county of
        that name (:func:`~.resolve.county_regions`: "Montgomery County" in the
        United States); and a row that names its region is not merged by name
        with such a county the graph holds with no region.
        """
        r, quads = self.resolver, []
        core, named_region = split_place(name, country, parent if parent != country else None,
                                         r.governments[parent].labels if parent in r.governments else ())
        if named_region and parent == country:
            quads += self.ensure_subdivision(named_region, cite, line)
            parent = named_region
        region = r.region_of(parent) if parent != country else None
        stated = suffix_region(name, country)
        if region and stated and not r.same_region(region, stated):
            # the name keeps its suffix (it is no repetition): "Arlington, MA" placed in US-WA is not Arlington, WA
            self.report.conflict(line, name, country, "region", f"the name says {stated}; the row is placed in {region}",
                                 f"kept in {region}, the name as written")
        geonames_id = int(geonames_id) if geonames_id not in (None, "") else None
        locode = " ".join(locode.split()).upper() if locode else None

        def found(gid: str, method: str, counter: str, detail: str = "") -> tuple[str, list[Quad]]:
            self.report.governments[counter] += 1
            r.remember(gid, core, country, region, geonames_id, locode)
            self.decide(line, name, country, gid, method, detail)
            return gid, quads

        association = r.association(country, name, core)
        if association is not None:
            node, made = self._association(association, name, country, cite, line)
            return node, quads + made
        if geonames_id is not None and r.by_geonames(geonames_id):
            return found(r.by_geonames(geonames_id), "geonames", "matched by GeoNames id", f"GeoNames {geonames_id}")
        if locode and r.by_locode(locode):
            return found(r.by_locode(locode), "locode", "matched by UN/LOCODE", f"UN/LOCODE {locode}")
        alias = r.government_alias(country, region, name, core)
        by_alias, pinned = (f"alias: {alias[1]}", "." in alias[0] and ID_PATTERN.match(alias[0])) if alias else ("", False)
        if pinned and self.exists(alias[0]):
            return found(alias[0], "alias", "matched through the government alias table", alias[1])
        if pinned:  # an id the table names, created where the id says whatever region the row names
            gid, parent = alias[0], alias[0].rsplit(".", 1)[0]
            quads += self.ensure_subdivision(parent, cite, line) if "-" in parent else []
            if region and not r.same_region(region, r.region_of(parent) or parent):
                self.report.conflict(line, name, country, "region", f"the row: {region}; government alias table: "
                                     f"{parent}", f"{gid} ({alias[1]})")
        else:
            core = alias[0] if alias else core  # a canonical name, matched and named instead
            city = r.city_region(country, name, core) if level == "local" else None
            if city:
                code, evidence = city
                quads += self.ensure_subdivision(code, cite, line) if "-" in code else self.ensure_country(code, cite, line)
                if region and not r.same_region(region, code):
                    self.report.conflict(line, name, country, "region", f"the row: {region}; city-regions table: {code}",
                                         f"{code} ({evidence})")
                return found(code, "city-region", "matched to a city governed as a region or nation", evidence)
            if level == "local" and _municipal(parent, canonical_name(core, country)):
                # ISO 3166-2 codes the municipality itself (Slovenia's Bled is SI-003): the row is that node
                return found(parent, "city-region", "matched to a municipality ISO 3166-2 codes",
                             f"{parent} is a {pycountry.subdivisions.get(code=parent).type.lower()} of that name")
            counties = county_regions(country, core)
            if level == "local" and region is None and len(counties) > 1:
                # "Montgomery County" with no state: eighteen states have one, and none is guessed
                self.report.note("ambiguous names, not imported", f"{self.shown}:{line}: name: {name!r} ({country}): "
                                 f"no state given, and {len(counties)} states have a county of this name: "
                                 f"{', '.join(sorted(counties))}", keep=1_000_000)
                self.decide(line, name, country, None, "ambiguous", f"no state; a county of this name in "
                            f"{len(counties)} states")
                return None, quads
            gid = f"{parent}.{slug(canonical_name(core, country))}"
            if self.exists(gid) and gid in r.governments and r.governments[gid].level == level \
                    and _written_alike(core, r.governments[gid].labels):
                return found(gid, "alias" if alias else "key", "matched by key", by_alias)
            if r.records.get(gid) == "Organization":
                # an association of governments the material records as an organisation (ARDCI, the
                # Alliance of Peaking Pioneer Cities): the roster's member is that node, never a second one
                return found(gid, "key", "matched by key (an organisation)", "the id names an organisation")
            existing, method, strength = r.match_name(core, country, level, region)
            if region and method == "name-in-country" and len(counties) > 1:
                # a county the graph holds with no state is not known to be this state's: never merged by name
                self.report.note("namesakes the graph holds with no region, not merged (several regions have one)",
                                 f"{self.shown}:{line}: name: {name!r} ({region}): not merged with "
                                 f"{', '.join(existing)}, which names no state: {len(counties)} states have a "
                                 "county of this name",
                                 keep=1_000_000)
                existing = []
            if len(existing) == 1:
                return found(existing[0], "alias" if alias else method, "matched by name", by_alias or f"{strength} key")
            if len(existing) > 1:
                self.report.note("ambiguous names, not imported", f"{self.shown}:{line}: {name!r} ({country}): "
                                 f"candidates {', '.join(existing)}")
                self.decide(line, name, country, None, "ambiguous", f"{strength} key, {method}: {', '.join(existing)}")
                return None, quads
        gid, n = (gid, 1) if not self.exists(gid) else (f"{gid}-2", 2)
        while self.exists(gid):  # another record holds the id (two names that transliterate alike)
            n += 1
            gid = f"{gid.rsplit('-', 1)[0]}-{n}"
        self.report.governments[f"{level} governments created"] += 1
        record = {"id": gid, "type": "Government", "label": label or {"en": name}, "level": level,
                  "part_of": parent, "source": cite}
        made = self.record(record, line)
        if not made:
            self.decide(line, name, country, None, "unresolved", "the new government's record failed its checks")
            return None, quads
        quads += made + join_key_quads(gid, self.graph, geonames_id, locode)
        r.add(Government(gid, level, parent, {name, *(label or {}).values()}, geonames_id, locode))
        r.remember(gid, core, country, region)
        self.decide(line, name, country, gid, "created", by_alias)
        return gid, quads


    def _association(self, association, name: str, country: str, cite: dict, line: int) -> tuple[str, list[Quad]]:
        """The node of an association of governments the association table lists, created on first use.

        The row names a body that joins governments (a council of governments),
        not a government: it becomes an Organization that represents their
        level, and what the row says of it (memberships, commitments) is said
        of that organisation.
        """
        node = association.node
        self.report.governments["associations of governments (association table), not governments"] += 1
        self.decide(line, name, country, node, "association", association.evidence)
        self.report.note("rows naming an association of governments, read as an organisation, not a government",
                         f"{self.shown}:{line}: name: {name!r} ({country}): the organisation {node}", keep=1_000_000)
        if self.exists(node):
            return node, []
        return node, self.record({"id": node, "type": "Organization", "label": {"en": association.label}, "country": country,
                     "kind": association.kind, "represents_level": association.represents,
                     "curation_note": f"Read from loaders/tables/{ASSOCIATIONS}: {association.evidence}",
                     "source": cite}, line)


def _written_alike(name: str, labels) -> bool:
    """Whether the government labelled ``labels`` may be the one ``name`` makes the id of.

    Ids transliterate: a name in Latin letters meets its spellings without
    marks (Tromsø, Tromso), as every name key does; a name in another script
    meets only a label written alike, for transliteration makes different
    names one id (上海 and 尚海 are both 'shanghai').
    """
    key = name_keys(name)[1]
    return key.isascii() or any(name_keys(label)[1] == key for label in labels)


def _municipal(code: str, name: str) -> bool:
    """Whether ISO 3166-2 codes ``code`` as a municipality or city called ``name`` (its own local government)."""
    sub = pycountry.subdivisions.get(code=code) if "-" in code else None
    if sub is None or not any(word in sub.type.lower() for word in ("municipality", "city")):
        return False
    return normalise(name) in {normalise(part) for part in re.split(r"\s*[/;\[\]]\s*|,\s*", sub.name)}


#: import kind -> (module, function); each function(path, ctx, **options) yields quads
IMPORTERS: dict[str, tuple[str, str]] = {
    "under2-roster": ("under2", "load_under2_roster"),
    "climactor": ("climactor", "load_climactor"),
    "targets": ("openclimate", "load_targets"),
    "roster": ("roster", "load_roster"),
}


def _importer(kind: str) -> Callable[..., Iterable[Quad]]:
    from importlib import import_module

    if kind not in IMPORTERS:
        raise UnknownNameError("import kind", kind, list(IMPORTERS))
    module, function = IMPORTERS[kind]
    return getattr(import_module(f".{module}", __name__), function)


def import_name(kind: str, path: Path, options: dict) -> str:
    """The name of an import: the kind, or kind and dataset for kinds read several times.

    A ClimActor import is named by its vintage, read from ``--name`` or the file
    name (``climactor-2022-12`` for ``..._Dec2022.csv``), so that each vintage
    keeps a graph of its own.
    """
    if kind in ("targets", "roster"):
        return f"{kind}-{slug(options.get('name') or path.stem if path.is_file() else path.name)}"
    if kind == "climactor":
        from .climactor import vintage_of

        return f"climactor-{vintage_of(path, options.get('name')).slug}"
    return kind


#: what each kind of import reads: a file, or a folder (a file named ``Target.csv`` stands for its folder)
_READS = {"under2-roster": "the report's text file", "climactor": "ClimActor's CSV file", "roster": "a roster CSV file",
          "targets": "an OpenClimate-shaped folder (Target.csv, DataSource.csv)"}


def check_input(kind: str, path: Path, options: dict) -> None:
    """Refuse, before anything is written, a path that is not what ``kind`` reads, or an unknown encoding.

    Raises
    ------
    InputError
        Naming the path and what was expected.
    CcaError
        Naming the encoding (``fallback``) Python does not know as a text encoding.
    """
    fallback = options.get("fallback")
    if fallback:
        try:
            known = codecs.lookup(fallback)._is_text_encoding
        except LookupError:
            known = False
        if not known:
            raise CcaError(f"unknown encoding {fallback!r} (--encoding): give a text encoding Python knows, "
                           "such as cp1252, latin-1 or shift_jis")
    shown = shown_path(path)
    if not path.exists():
        raise InputError([Problem(shown, 0, "path", "no such file or folder")])
    wants_folder = kind == "targets"
    if wants_folder and not (path.is_dir() or path.name == "Target.csv"):
        raise InputError([Problem(shown, 0, "path", f"not a folder; {kind} reads {_READS[kind]}")])
    if not wants_folder and not path.is_file():
        raise InputError([Problem(shown, 0, "path", f"not a file; {kind} reads {_READS[kind]}")])


def read_file(path: Path) -> str:
    """The file or folder an import of ``path`` reads, resolved (a targets ``Target.csv`` stands for its folder)."""
    read = path.parent if path.name == "Target.csv" else path
    return printable(str(read.resolve()))


def check_name(name: str, path: Path, folder: Path, options: dict) -> None:
    """Refuse, before anything is written, an import whose default name is held by an import of another file.

    Importing the same file again replaces its import (that is how an import is
    updated), and so does an import given its name with ``--name``; another file
    whose name makes the same default name would silently replace the first
    import's facts.

    Raises
    ------
    InputError
        Naming both files and asking for ``--name``.
    """
    report = folder / f"{name}.report.txt"
    if options.get("name") or not report.is_file():
        return
    with open(report, encoding="utf-8", errors="replace") as fh:
        recorded = next((line[len(_FILE_LINE):].rstrip("\n") for line in fh if line.startswith(_FILE_LINE)), None)
    if recorded is None or recorded == read_file(path):
        return  # the same file again (or a report written before files were recorded): an update
    raise InputError([Problem(shown_path(path), 0, "name", f"the import's default name {name!r} is already taken by "
                              f"the import of {recorded}; give this one a name of its own with --name "
                              f"(or --name {name.split('-', 1)[-1]} to replace that import)")])


@holding_graph_lock  # imports and builds of one folder take turns (the rebuild takes it again)
def run_import(kind: str, path: Path | str, out: Path | str = DEFAULT_OUT, cases=None, *,
               progress: bool = False, rebuild: bool = False, **options) -> ImportReport:
    """Import the registry at ``path`` as ``kind`` into the store of ``out``.

    The import's named graph replaces its earlier one in a copy of the
    published store; the store is rebuilt in full when ``out`` was never built,
    when ``rebuild`` is true, or when the published store is not what its files
    build (``report.published`` says which and why).

    Raises
    ------
    InputError
        With every problem found; nothing is written.
    """
    path, out = Path(path), Path(out)
    loader = _importer(kind)
    if cases is None:
        cases = build_settings(out)["cases"]
    check_input(kind, path, options)
    name = import_name(kind, path, options)
    if kind != "under2-roster":  # the one import of its kind: a new file of it is an update
        check_name(name, path, out / "imports", options)
    if not store_path(out).exists():
        build(out, cases, progress=progress)
    folder = out / "imports"
    nquads, report = folder / f"{name}.nq", folder / f"{name}.report.txt"
    # the copy of the store that takes the quads as they are written, begun before the resolver reads the
    # store: where the import's earlier graph is large, the other graphs are loaded into it meanwhile
    copy = None if rebuild else GraphCopy(out, f"import-{name}", nquads if nquads.exists() else None)
    try:
        ctx = ImportContext(name, path, Resolver(open_store(out), exclude_graph=f"import-{name}"))
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        decisions = folder / f"{name}.decisions.csv"
        # written under temporary names, renamed into place by the rebuild with the store built from them
        files = {temporary_name(p): p for p in (nquads, report, decisions)}
        tmp, report_tmp, decisions_tmp = files
        # on a terminal only: a registry's import takes minutes, first reading, then checking and publishing
        bar = tqdm(desc=f"reading {printable(path.name)}", unit=" quads", disable=not progress or None,
                   leave=False)
    except BaseException:
        if copy is not None:
            copy.discard()
        raise
    try:
        if copy is not None:  # loading overlaps reading the rows
            copy.feed()
        with open(tmp, "wb") as fh, open(decisions_tmp, "w", encoding="utf-8", newline="") as log:
            ctx._decisions = csv.writer(log)
            ctx._decisions.writerow(ImportContext.DECISION_COLUMNS)
            serialize(_counted(loader(path, ctx, **options), bar), fh if copy is None else _Tee(fh, copy),
                      format=RdfFormat.N_QUADS)
            ctx._decisions = None
        bar.set_description_str(f"checking {printable(path.name)}")
        ctx.reader.settle()
        problems = ctx.problems + ctx.reader.problems
        if problems:
            raise InputError(problems)
        report_tmp.write_text(ctx.report.as_text(), encoding="utf-8")
        files.update(write_quality_report(ctx.report, folder / name))
        fault_point("import:after-read")
        replaces = nquads if nquads.exists() else None
        why = "asked for with --rebuild" if rebuild else why_rebuild(out, cases, ctx.graph, tmp, replaces)
        bar.set_description_str(f"publishing the store ({'graph replaced' if why is None else 'rebuilt in full'})")
        with fault_aliases(_REBUILD_POINTS):
            if why is None:
                done = replace_graph(out, ctx.graph, tmp, cases=cases, replaces=replaces, publish_with=files,
                                     reader=ctx.reader, copy=copy)
                copy = None  # published, or removed by replace_graph
                seconds = sum(done.timings.values())
                ctx.report.published = (f"updated (graph {ctx.graph} replaced alone; the store's load after the "
                                        f"reading, its check and publishing took {seconds:.1f} s)")
            else:
                if copy is not None:
                    copy.discard()
                    copy = None
                others = [p for p in import_files(out) if p.name != nquads.name]
                build(out, cases, imports=others + [tmp], publish_with=files, progress=progress)
                ctx.report.published = f"rebuilt in full ({why})"
    finally:
        bar.close()
        if copy is not None:
            copy.discard()
        for left in files:
            left.unlink(missing_ok=True)
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a first import that failed leaves no empty folder behind
    return ctx.report


class _Tee:
    """A binary file that writes to two."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def write(self, data: bytes) -> int:
        self.second.write(data)
        return self.first.write(data)

    def flush(self) -> None:
        self.first.flush()
        self.second.flush()


def _counted(quads: Iterable[Quad], bar: tqdm) -> Iterator[Quad]:
    """``quads`` as they come, each counted on ``bar``."""
    for quad in quads:
        bar.update()
        yield quad


def write_quality_report(report: ImportReport, stem: Path) -> dict[Path, Path]:
    """Write the data-quality report of an import beside it, under temporary names.

    Returns ``{temporary: final}`` for the files written (``<stem>.report.html``
    and ``<stem>.report.csv``), which the rebuild renames into place with the
    store.
    """
    from .quality import write_report

    return write_report(report, stem)


#: the points of an import that sit in its rebuild (see :mod:`cca_graph.graph.faults`)
_REBUILD_POINTS = {"build:during-load": "import:during-build", "build:before-publish": "import:before-publish",
                   "build:after-publish": "import:after-publish"}
