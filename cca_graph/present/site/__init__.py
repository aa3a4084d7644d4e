"""The static site of the graph: a page per entity, search, country briefs, the overview.

``write_site(store, "site")`` writes a folder that works opened from ``file://`` and
from any static host, and loads nothing from the network (:mod:`.paths` gives the
layout):

- ``index.html``: search over every entity by any of its names (English, Chinese,
  local languages; local governments included), each result saying what it is and
  where; the countries and networks to browse; a link to the overview when there is one;
- ``e/<id>.html``: a page per entity, with its IRI, its own triples as Turtle and
  JSON-LD (``e/<id>.ttl``, ``e/<id>.jsonld``), a small drawing of its neighbourhood,
  its properties, its sources with locators and its relations (:mod:`.pages`); the
  page of a nation is its country's page too: the level chart, key messages and gap
  checks of its brief (:mod:`.country`), and a link to the brief (``briefs/<CC>.html``);
- ``overview.html``: the whole graph at a glance (:mod:`cca_graph.present.overview`);
- ``assets/``: the style sheet, the search script and its index (:mod:`.search`).

Pages are written one by one from templates with autoescaping (names from the data
are text, never markup); the same graph gives the same bytes. Files of an earlier
build that this one did not write (an entity since removed) are removed.

Examples
--------
>>> from cca_graph import open_store
>>> result = write_site(open_store("out"), "out/site", country="MX")
>>> (result.path / "index.html").is_file(), result.scope
(True, 'MX')
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...atomic import remove_stale_temporaries, temporary_name
from ...resources import templates_dir
from .country import (
    BRIEFS,
    brief_path,
    country_part,
    key_facts,
    section_links,
    separated,
)
from .graph import SiteGraph, kind_of, load, name_of
from .pages import entity_page
from .paths import (
    ASSETS,
    ENTITY_DIR,
    INDEX,
    OVERVIEW,
    jsonld_path,
    page_path,
    turtle_path,
)
from .rdf import description_quads, entity_jsonld, entity_turtle
from .search import search_examples, search_index, search_script

__all__ = ["SiteResult", "write_site", "page_path"]

#: the site's own files, copied from templates/site into assets/
ASSET_FILES = ("site.css", "site.js")
SEARCH_SCRIPT = f"{ASSETS}/search.js"


@dataclass(frozen=True)
class SiteResult:
    """What :func:`write_site` wrote.

    Attributes
    ----------
    path : Path
        The site folder.
    pages : int
        Entity pages (each with its Turtle and JSON-LD files).
    countries : int
        Country pages, each with its brief.
    index_bytes : int
        Size of the search index (``assets/search.js``).
    overview : bool
        Whether the overview was written (and is linked from the home page).
    overview_missing : str or None
        Why there is no overview (its drawing library is not built), or None.
    scope : str or None
        The country the site is limited to, or None for the whole graph.
    """

    path: Path
    pages: int
    countries: int
    index_bytes: int
    overview: bool
    scope: str | None
    overview_missing: str | None = None


class _Writer:
    """Writes the site's files aside and renames them into place, and remembers what it wrote.

    A site has three files per entity: 50,000 at registry scale. Flushing each to disk
    as it is renamed (:func:`cca_graph.atomic.commit`) took 6.5 ms a file, five minutes
    for the files alone, and flushing the whole machine once at the end waited on every
    other writer. So each file is written beside its place and renamed (a reader never
    sees half a page) without a flush: after a power cut a site is written again, as
    it is derived from the store, which is flushed.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: set[Path] = set()

    def __call__(self, relative: str, text: str) -> None:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_name(path)
        try:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        self.written.add(path)

    def keep(self, paths) -> None:
        """Count files written by another writer (a brief, its annex, the overview) as the site's."""
        self.written.update(Path(p) for p in paths)

    def remove_stale(self) -> None:
        """Remove what an earlier build wrote into the entity and brief folders and this one did not."""
        for sub in (ENTITY_DIR, BRIEFS):
            folder = self.folder / sub
            if folder.is_dir():
                for path in sorted(folder.rglob("*")):
                    if path.is_file() and path not in self.written and not path.name.startswith("."):
                        path.unlink()

    def finish(self) -> None:
        remove_stale_temporaries(self.folder)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["kind"] = lambda block: type(block).__name__
    env.filters["thousands"] = "{:,}".format
    env.filters["separated"] = separated
    env.filters["section_links"] = section_links
    return env


def _scope_note(site: SiteGraph) -> str:
    if site.scope is None:
        return f"This site holds the whole graph: {len(site.paged):,} entities."
    return (f"This site holds {site.country_name(site.scope)} ({site.scope}) and what its entities are linked to: "
            f"{len(site.paged):,} entities; names of others are shown without a link.")


def _country_pages(site: SiteGraph) -> dict[str, str]:
    """National government IRI -> the code of the country whose page it is (only the site's country, if one)."""
    return {national: code for code, national in site.nationals.items() if site.scope in (None, code)}


def _overview(store, folder: Path, site: SiteGraph) -> str | None:
    """Write the overview beside the pages; None when it is there, else why it is not."""
    from ..overview import LibraryMissingError, write_overview

    try:
        write_overview(store, folder / OVERVIEW, country=site.scope)
    except LibraryMissingError as exc:
        # the home page links no overview of an earlier build: it would show another graph
        (folder / OVERVIEW).unlink(missing_ok=True)
        return str(exc)
    return None


def _home(env: Environment, site: SiteGraph, overview: bool, briefs: dict[str, str]) -> str:
    kinds: dict[str, int] = {}
    networks = []
    for iri in site.paged:
        node = site.node(iri)
        kinds[kind_of(node)] = kinds.get(kind_of(node), 0) + 1
        if kind_of(node) == "Network":
            # each member once, as the network's page lists them; endorsers apart, as they are not members
            members, endorsers = len(site.members(iri)), len(site.endorsers(iri))
            networks.append({"name": name_of(node), "href": page_path(iri), "members": members - endorsers,
                             "endorsers": endorsers})
    countries = [{"code": code, "name": site.country_name(code),
                  "href": page_path(iri) if iri in site.paged else None, "brief": briefs.get(code)}
                 for code, iri in site.nationals.items() if iri in site.paged]
    words = {"Government": ("government", "governments"), "Network": ("network", "networks"),
             "LegalAct": ("law", "laws"), "Instrument": ("instrument", "instruments"),
             "Commitment": ("commitment", "commitments"),
             "CoordinationBody": ("coordination body", "coordination bodies"), "Mandate": ("mandate", "mandates")}
    shown = [(words[k][kinds[k] != 1], kinds[k]) for k in words if k in kinds]
    others = sum(n for k, n in kinds.items() if k not in words)
    shown += [("other" if others == 1 else "others", others)] if others else []
    return env.get_template("site/index.html.j2").render(
        root="", scope_note=_scope_note(site), total=len(site.paged),
        kinds=shown,
        countries=sorted(countries, key=lambda c: (c["name"].casefold(), c["code"])),
        networks=sorted(networks, key=lambda n: (n["name"].casefold(), n["href"])),
        overview=OVERVIEW if overview else None, examples=search_examples(site))


def write_site(store, to: Path | str, country: str | None = None, built: str | None = None,
               overview: bool = True, progress=None) -> SiteResult:
    """Write the static site of the graph into the folder ``to``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built store (:func:`cca_graph.open_store`).
    to : Path or str
        The site folder (created if missing).
    country : str, optional
        ISO 3166-1 code: the site holds that country's entities and those they are linked
        to; names of others are shown without a link, and only that country's brief is written.
    built : str, optional
        The day the store was built, for the briefs' "data as of" line.
    overview : bool
        Whether to write the overview (:mod:`cca_graph.present.overview`); without it, the
        home page links none (an overview of an earlier build is removed).
    progress : callable, optional
        Called as ``progress(done, total)`` after each entity page.

    Returns
    -------
    SiteResult

    Raises
    ------
    UnknownNameError
        For a country the graph does not hold.
    """
    site = load(store, country)
    folder = Path(to)
    write = _Writer(folder)
    env = _environment()
    for name in ASSET_FILES:
        write(f"{ASSETS}/{name}", (templates_dir() / "site" / name).read_text(encoding="utf-8"))
    template = env.get_template("site/entity.html.j2")
    scope_note = _scope_note(site)
    briefs: dict[str, str] = {}
    ordered = sorted(site.paged)
    country_pages = _country_pages(site)
    for done, iri in enumerate(ordered, 1):
        code = country_pages.get(iri)
        part = None
        if code is not None:
            part = dataclasses.replace(country_part(store, code, folder, built), key=key_facts(store, site, code))
            write.keep(part.files)
            briefs[code] = part.brief
        page = entity_page(site, iri, part)
        write(page_path(iri), template.render(page=page, root="../", scope_note=scope_note,
                                              brief_href=f"../{brief_path(code)}" if code else "",
                                              brief_dir=f"../{BRIEFS}/"))
        quads = description_quads(store, iri)
        write(turtle_path(iri), entity_turtle(quads))
        write(jsonld_path(iri), entity_jsonld(quads))
        if progress is not None:
            progress(done, len(ordered))
    script = search_script(search_index(site))
    write(SEARCH_SCRIPT, script)
    missing = None
    if overview:
        missing = _overview(store, folder, site)
    else:
        (folder / OVERVIEW).unlink(missing_ok=True)
    drawn = (folder / OVERVIEW).is_file()
    write(INDEX, _home(env, site, drawn, briefs))
    write.remove_stale()
    write.finish()
    return SiteResult(folder, len(ordered), len(briefs), len(script.encode("utf-8")), drawn, site.scope, missing)
