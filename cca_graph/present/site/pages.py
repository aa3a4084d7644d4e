"""What an entity's page says: names, what it is, its properties, relations and sources.

:func:`entity_page` gathers it as plain values for the page template
(``templates/site/entity.html.j2``, autoescaped). Relations are grouped by kind
and direction under words a reader knows ("Part of", "Members", "Instruments it
adopted"); members of a network are grouped by country and level. Sources are
listed with their locators and the document's title, publisher and year; a
document's address is a link only when it is an http(s) address. Curators'
notes are never read.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from ...safety import web_url
from .. import views
from .graph import (
    LEVEL_WORDS,
    SiteGraph,
    is_meeting,
    kind_of,
    labels_of,
    name_of,
    what_of,
)
from .neighbourhood import neighbourhood_svg, page_href
from .paths import local_id

__all__ = ["Source", "Entry", "Group", "HEADINGS", "entity_page", "parse_sources"]

#: properties not listed in the table: shown elsewhere, internal, or for curators only
_HIDDEN = {"iri", "id", "sources", "source_ids", "description", "doubt", *views.CURATORS_ONLY}
#: (direction, relation type) -> heading; the order of the page
HEADINGS = {
    ("out", "PART_OF"): "Part of",
    ("in", "PART_OF"): "Parts of it",
    ("out", "MEMBER_OF"): "Memberships",
    ("in", "MEMBER_OF"): "Members, by country and level",
    # an instrument a government both enacted and adopted is listed once, under both words
    ("in", "ENACTED_BY+ADOPTED_BY"): "Instruments it enacted and adopted",
    ("out", "ENACTED_BY+ADOPTED_BY"): "Enacted and adopted by",
    ("in", "ENACTED_BY"): "Laws and instruments it enacted",
    ("out", "ENACTED_BY"): "Enacted by",
    ("in", "ADOPTED_BY"): "Instruments it adopted",
    ("out", "ADOPTED_BY"): "Adopted by",
    # a consultation is "adopted by" who held it and who was consulted: neither adopted a policy
    ("in", "ADOPTED_BY/meeting"): "Consultations it held or took part in",
    ("out", "ADOPTED_BY/meeting"): "Held by or with",
    ("in", "COMMITTED_BY"): "Commitments",
    ("out", "COMMITTED_BY"): "Committed by",
    ("in", "ASSIGNED_TO"): "Mandates assigned to it",
    ("out", "ASSIGNED_TO"): "Assigned to",
    ("out", "HAS_PROVISION"): "Provisions",
    ("in", "HAS_PROVISION"): "Provision of",
    ("out", "ASSIGNED_BY"): "Assigned by",
    ("in", "ASSIGNED_BY"): "Mandates it assigns",
    ("out", "COORDINATES"): "Coordinates",
    ("in", "COORDINATES"): "Coordinated by",
    ("out", "IMPLEMENTS"): "Implements",
    ("in", "IMPLEMENTS"): "Implemented by",
    ("in", "REPORTS_VIA"): "Reporting through it",
    ("out", "REPORTS_VIA"): "Reports through",
    ("out", "FUNDED_BY"): "Funded by",
    ("in", "FUNDED_BY"): "Funds",
    ("out", "SCALED_UP_FROM"): "Scaled up from",
    ("in", "SCALED_UP_FROM"): "Scaled up into",
    ("out", "INSPIRED_BY"): "Inspired by",
    ("in", "INSPIRED_BY"): "Inspired",
    ("out", "HAS_OUTCOME"): "Outcomes",
    ("in", "HAS_OUTCOME"): "Outcome of",
    ("out", "HAS_MEMBER"): "Members",
    ("in", "HAS_MEMBER"): "Member of",
    ("out", "IS_PART_OF"): "Part of (an instrument)",
    ("in", "IS_PART_OF"): "Its parts",
    ("out", "PARTICIPANT"): "Participants",
    ("in", "PARTICIPANT"): "Takes part in",
    ("out", "LED_BY"): "Led by",
    ("in", "LED_BY"): "Leads",
    ("out", "HOSTED_BY"): "Hosted by",
    ("in", "HOSTED_BY"): "Hosts",
    ("out", "ESTABLISHED_BY"): "Established by",
    ("in", "ESTABLISHED_BY"): "Established",
    ("out", "COUNTRY"): "Country",
    ("in", "COUNTRY"): "Organisations and bodies of the country",
    ("out", "DONOR"): "Donor",
    ("in", "DONOR"): "Contributions it made",
    ("out", "RECIPIENT"): "Recipient",
    ("in", "RECIPIENT"): "Contributions it received",
    ("out", "PREDECESSOR"): "Predecessor",
    ("in", "PREDECESSOR"): "Successions, as the predecessor",
    ("out", "SUCCESSOR"): "Successor",
    ("in", "SUCCESSOR"): "Successions, as the successor",
    ("out", "INTERIM_OF"): "Interim target of",
    ("in", "INTERIM_OF"): "Interim targets",
    ("out", "ALTERNATIVE_TO"): "Alternative to",
    ("in", "ALTERNATIVE_TO"): "Alternatives to it",
    ("out", "CONFLICTS_WITH"): "Conflicts with",
    ("in", "CONFLICTS_WITH"): "In conflict with it",
    ("out", "ABOUT"): "About",
    # what is said about an entity is titled by what it is: a figure is not an absence
    ("in", "ABOUT/Observation"): "Figures about it",
    ("in", "ABOUT/KnownAbsence"): "Known absences about it",
    ("in", "ABOUT"): "Said about it",
}
_ORDER = {key: i for i, key in enumerate(HEADINGS)}
#: properties of a relation shown beside it, in this order
_EDGE_PROPERTIES = ("role", "since", "until", "observedYear")


@dataclass(frozen=True)
class Source:
    """A citation as a page shows it: the document and the place in it."""

    doc: str
    locator: str
    title: str = ""
    publisher: str = ""
    year: str = ""
    url: str = ""


@dataclass(frozen=True)
class Entry:
    """One related entity in a list of relations."""

    name: str
    href: str | None
    what: str
    country: str
    detail: str
    description: str
    sources: tuple[Source, ...]


@dataclass
class Group:
    """Relations of one kind and direction; ``by_country`` holds (country, level, entries) when grouped."""

    heading: str
    entries: list[Entry] = field(default_factory=list)
    by_country: list[tuple[str, str, list[Entry]]] = field(default_factory=list)
    #: what the reader should know of the whole list (said of a level, not of each entry), or ""
    note: str = ""

    @property
    def size(self) -> int:
        return len(self.entries) + sum(len(e) for _, _, e in self.by_country)


def parse_sources(cited, documents: dict[str, dict]) -> tuple[Source, ...]:
    """``"doc: locator"`` strings (the projection's ``sources``) as :class:`Source` s, with the documents' details.

    Examples
    --------
    >>> docs = {"giz-cca": {"title": "A guide", "year": 2020, "url": "javascript:alert(1)"}}
    >>> parse_sources(["giz-cca: §4.3"], docs)
    (Source(doc='giz-cca', locator='§4.3', title='A guide', publisher='', year='2020', url=''),)
    """
    found = []
    for cite in cited or ():
        doc, _, locator = str(cite).partition(": ")
        meta = documents.get(doc, {})
        url = str(meta.get("url", ""))
        found.append(Source(doc, locator, str(views._first(meta.get("title", ""))),
                            str(views._first(meta.get("publisher", ""))),
                            views._text(meta["year"]) if "year" in meta else "", url if web_url(url) else ""))
    return tuple(found)


def _years(props: dict) -> str:
    since, until, seen = props.get("since"), props.get("until"), props.get("observedYear")
    if since is not None or until is not None:
        return f"{views._text(since) if since is not None else '…'}\u2013{views._text(until) if until is not None else ''}"
    return f"listed in {views._text(seen)}" if seen is not None else ""


def _detail(site: SiteGraph, props: dict) -> str:
    """A relation's role and years: ``"co-chair, listed in 2018"``, ``"member, 2021–"``."""
    parts = [site.value_words("role", props["role"])] if "role" in props else []
    years = _years(props)
    return ", ".join(parts + ([years] if years else []))


def _entry(site: SiteGraph, other: str, rels: list, here: str | None, documents: dict) -> Entry:
    """One related entity, with every relation of one kind to it (a member listed in 2021 and in 2022).

    An entity in doubt (a target a curated correction doubts) is listed with its doubt, never plainly.
    """
    node = site.node(other)
    code = site.country_of(other)
    details = [_detail(site, rel.properties) for rel in rels]
    if views.doubt_of(node):
        details.append(f"in doubt: {views.doubt_of(node)}")
    said = [str(rel.properties["description"]) for rel in rels if rel.properties.get("description")]
    cites = [cite for rel in rels for cite in parse_sources(rel.properties.get("sources"), documents)]
    return Entry(name_of(node), page_href(site, other), what_of(node),
                 site.country_name(code) if code and code != here else "",
                 "; ".join(d for d in dict.fromkeys(details) if d), " ".join(dict.fromkeys(said)),
                 tuple(dict.fromkeys(cites)))


def _by_entity(pairs: list[tuple[str, object]]) -> list[tuple[str, list]]:
    """``(entity, relation)`` pairs, sorted by entity, as ``(entity, relations)``."""
    return [(other, [rel for _, rel in same]) for other, same in groupby(pairs, key=itemgetter(0))]


def _groups(site: SiteGraph, iri: str, documents: dict) -> list[Group]:
    here = site.country_of(iri)
    found: dict[tuple[str, str], list[tuple[str, object]]] = defaultdict(list)
    for rel in site.outgoing.get(iri, ()):
        meeting = rel.type == "ADOPTED_BY" and is_meeting(site.node(iri))
        found[("out", f"{rel.type}/meeting" if meeting else rel.type)].append((rel.end, rel))
    for rel in site.incoming.get(iri, ()):
        if rel.type == "ADOPTED_BY" and is_meeting(site.node(rel.start)):
            found[("in", "ADOPTED_BY/meeting")].append((rel.start, rel))
            continue
        by_kind = ("in", f"{rel.type}/{kind_of(site.node(rel.start))}")
        found[by_kind if by_kind in HEADINGS else ("in", rel.type)].append((rel.start, rel))
    for direction in ("out", "in"):
        enacted, adopted = found.get((direction, "ENACTED_BY"), []), found.get((direction, "ADOPTED_BY"), [])
        both = {other for other, _ in enacted} & {other for other, _ in adopted}
        if both:
            found[(direction, "ENACTED_BY+ADOPTED_BY")] = [p for p in enacted + adopted if p[0] in both]
            for key in ((direction, "ENACTED_BY"), (direction, "ADOPTED_BY")):
                found[key] = [p for p in found[key] if p[0] not in both]
                if not found[key]:
                    del found[key]
    groups = []
    for key in sorted(found, key=lambda k: (_ORDER.get(k, len(_ORDER)), k)):
        direction, rel_type = key
        words = views._words(rel_type)
        group = Group(HEADINGS.get(key) or (words.capitalize() if direction == "out" else f"Linked to it as \u2018{words}\u2019"))
        pairs = sorted(found[key], key=lambda p: (site.rank(p[0]), name_of(site.node(p[0])).casefold(), p[0],
                                                   views._text(p[1].properties.get("iri", ""))))
        if key == ("in", "MEMBER_OF"):
            if site.endorsers(iri):
                group.heading = "Members and endorsers, by country and level"
            cells: dict[tuple[str, str], list[Entry]] = defaultdict(list)
            for other, rels in _by_entity(pairs):
                code = site.country_of(other) or ""
                level = str(site.node(other).properties.get("level", ""))
                cells[(code, level)].append(_entry(site, other, rels, None, documents))
            levels = list(LEVEL_WORDS)
            for code, level in sorted(cells, key=lambda cl: (site.country_name(cl[0]) if cl[0] else "\uffff",
                                                              levels.index(cl[1]) if cl[1] in levels else 9, cl[1])):
                group.by_country.append((site.country_name(code) if code else "no country recorded",
                                         LEVEL_WORDS.get(level, level or "other"), cells[(code, level)]))
        else:
            group.entries = [_entry(site, other, rels, here, documents) for other, rels in _by_entity(pairs)]
        if rel_type == "REPORTS_VIA":
            group.note = _of_level_note(site, [iri] if direction == "out" else [other for other, _ in pairs])
        groups.append(group)
    return groups


def _of_level_note(site: SiteGraph, reporters: list[str]) -> str:
    """What to say of reporting that the source states of a level as a class (``cca:reportsViaOfLevel``).

    A document may say that "the provinces" report through a platform and name none: each
    province's record applies that statement to it, marked with the level it was said of.
    """
    levels = sorted({views._text(site.node(r).properties["reportsViaOfLevel"]) for r in reporters
                     if "reportsViaOfLevel" in site.node(r).properties})
    if not levels:
        return ""
    words = " and ".join(LEVEL_WORDS.get(level, level) for level in levels)
    return (f"The source says this of the {words} governments as a class and names none of them: "
            "each is listed as that statement applied to it, not as observed of it.")


def _words(name: str) -> str:
    """A property name in words: ``isoCode`` -> ``iso code``.

    >>> _words("requiresInstrumentType")
    'requires instrument type'
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _properties(site: SiteGraph, props: dict) -> list[tuple[str, str, str | None]]:
    """(name, value, link) rows of the properties table: a link only for an http(s) address.

    A figure in doubt (``cca:doubt``) is given as the source states it, as the briefs do: it is never
    called "measured", a word that would vouch for it; the doubt follows. A target in doubt (a commitment
    has no status to put it beside) says so in the table's first row, above what the registry states.
    """
    doubted = str(props.get("doubt", ""))
    rows = []
    for key, value in sorted(props.items()):
        if key in _HIDDEN or key.startswith("label"):
            continue
        values = value if isinstance(value, list) else [value]
        texts = [site.value_words(key, item) for item in values]
        if key == "figureStatus" and doubted:
            kept = [text for item, text in zip(values, texts) if views._text(item) != "measured"]
            rows.append((_words(key), "; ".join(kept + [f"as the source states it, in doubt: {doubted}"]), None))
        elif all(not web_url(text) for text in texts):
            # a value may hold a comma ("El Grullo, Jalisco"): a semicolon keeps the values apart
            rows.append((_words(key), "; ".join(texts), None))
        else:
            rows += [(_words(key), text, text if web_url(text) else None) for text in texts]
    if doubted and "figureStatus" not in props:
        rows.insert(0, ("in doubt", doubted, None))
    return rows


def _documents(sources: tuple[Source, ...], groups: list[Group]) -> list[Source]:
    """Every document the page cites, once, by key: relations name a document by its key alone."""
    cited = list(sources)
    for group in groups:
        for entry in group.entries + [e for _, _, entries in group.by_country for e in entries]:
            cited += entry.sources
    return sorted({s.doc: dataclasses.replace(s, locator="") for s in reversed(cited)}.values(), key=lambda s: s.doc)


def entity_page(site: SiteGraph, iri: str, country_part=None) -> dict:
    """Everything the page of ``iri`` shows, for ``templates/site/entity.html.j2``."""
    node = site.node(iri)
    key = local_id(iri)
    labels = labels_of(node)
    name = name_of(node)
    code = site.country_of(iri)
    codes = sorted(site.countries.get(iri, ()))
    sources = parse_sources(node.properties.get("sources"), site.graph.documents)
    groups = _groups(site, iri, site.graph.documents)
    return {
        "iri": iri,
        "id": key,
        "name": name,
        "labels": [(lang, text) for lang, text in labels.items() if text != name],
        "what": what_of(node),
        "kind": views._kind(node),
        "country": ({"name": site.country_name(code), "href": page_href(site, site.nationals[code])
                     if code in site.nationals else None} if code and site.nationals.get(code) != iri else None),
        # a network's countries are its members'; anything else of several countries is said to be in none
        "countries": len(codes) if views._kind(node) == "Network" else 0,
        "description": str(node.properties.get("description", "")),
        "properties": _properties(site, node.properties),
        "sources": sources,
        "groups": groups,
        "documents": _documents(sources, groups),
        "svg": neighbourhood_svg(site, iri, lambda other: page_href(site, other)),
        "ttl": f"{key}.ttl",
        "jsonld": f"{key}.jsonld",
        "country_part": country_part,
    }
