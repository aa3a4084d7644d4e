"""What a brief reads from the graph beyond the query catalogue.

Ad-hoc SPARQL for what no catalogue question answers: the country's
governments, laws, coordination bodies, mandates, instruments, outcomes,
targets, memberships, known absences and coverage records, each with its
labels (English, Chinese) and citations. :func:`records` merges the rows of
one entity; parameters are bound (``?country``, ``?e``), never pasted.
"""
from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ...errors import UnknownNameError
from ...graph.sparql import run_sparql
from ...ingest import model
from .model import Citation

__all__ = ["Rec", "records", "merge_citations", "condensed", "PLACES_SHOWN", "resolve_country", "missing", "short"]

NATIONAL = model.ID + "level/national"

# -- ad-hoc queries ------------------------------------------------------------------
# The country's national government is ?nation; ?country is bound to its ISO code.
_NATION = f"?nation cca:isoCode ?country ; cca:level <{NATIONAL}> ."
ROLE_REPORTER = model.ID + "role/reporter"
ROLE_ENDORSER = model.ID + "role/endorser"


def _labels(var: str, prefix: str) -> str:
    # LATERAL, as for the citations below: a plain OPTIONAL reads every label of the graph (twice)
    return (f'LATERAL {{ OPTIONAL {{ ?{var} rdfs:label ?{prefix}_en FILTER (LANG(?{prefix}_en) IN ("en", "")) }} '
            f'OPTIONAL {{ ?{var} rdfs:label ?{prefix}_zh FILTER (LANG(?{prefix}_zh) = "zh") }} }} ')


# LATERAL: the citations of each ?e already found, looked up one by one. As a plain OPTIONAL,
# Oxigraph reads every citation of the graph and joins them afterwards: seconds per query at
# registry scale, even for a country with three records.
_CITES = ("LATERAL { OPTIONAL { ?e cca:citation ?cit . ?cit cca:locator ?locator ; "
          "dcterms:source/dcterms:identifier ?doc . OPTIONAL { ?cit schema:url ?url } } } ")

Q_COUNTRIES = f"""SELECT ?e ?iso ?label_en ?label_zh WHERE {{
  ?e cca:isoCode ?iso ; cca:level <{NATIONAL}> . {_labels("e", "label")} }}"""

Q_GOVERNMENTS = f"""SELECT ?e ?level ?label_en ?label_zh ?doc ?locator ?url WHERE {{ {_NATION}
  ?e a cca:Government ; cca:partOf* ?nation ; cca:level/skos:notation ?level .
  {_labels("e", "label")} {_CITES} }}"""

Q_LAWS = f"""SELECT ?e ?year ?description ?by ?by_level ?label_en ?label_zh ?by_en ?by_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:LegalAct ; cca:enactedBy ?by . ?by cca:partOf* ?nation ; cca:level/skos:notation ?by_level .
  OPTIONAL {{ ?e cca:year ?year }} OPTIONAL {{ ?e dcterms:description ?description }}
  {_labels("e", "label")} {_labels("by", "by")} {_CITES} }}"""

Q_BODIES = f"""SELECT ?e ?description ?start ?member_level ?joined_level ?law ?law_en ?law_zh ?article
                      ?label_en ?label_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:CoordinationBody .
  {{ SELECT DISTINCT ?e ?nation WHERE {{ {_NATION} ?e a cca:CoordinationBody .
     {{ ?e cca:coordinates|cca:hasMember|cca:hostedBy ?x . {{ ?x cca:partOf* ?nation }} UNION {{ ?x cca:partOf*/cca:country ?nation }} }}
     UNION {{ ?e cca:establishedBy ?basis . {{ ?basis cca:enactedBy ?g }} UNION {{ ?act cca:hasProvision ?basis ; cca:enactedBy ?g }}
              ?g cca:partOf* ?nation }} }} }}
  OPTIONAL {{ ?e dcterms:description ?description }} OPTIONAL {{ ?e cca:startYear ?start }}
  OPTIONAL {{ ?e cca:hasMemberLevel/skos:notation ?member_level }}
  LATERAL {{ OPTIONAL {{ ?e cca:coordinates|cca:hasMember ?cg . ?cg cca:partOf* ?nation ; cca:level/skos:notation ?joined_level }} }}
  LATERAL {{ OPTIONAL {{ ?e cca:establishedBy ?basis2 .
             {{ ?basis2 a cca:LegalAct . BIND (?basis2 AS ?law) }} UNION {{ ?law cca:hasProvision ?basis2 . ?basis2 cca:article ?article }}
             {_labels("law", "law")} }} }}
  {_labels("e", "label")} {_CITES} }}"""

# the assignee's labels are read in its branch: after the UNION, a mandate to a whole level has no
# assignee, and the OPTIONAL joined it to every label of the graph (a minute for Mexico at registry scale)
Q_MANDATES = f"""SELECT ?e ?modality ?domain ?level ?law ?article ?by_level ?assignee ?label_en ?label_zh ?law_en ?law_zh
                       ?assignee_en ?assignee_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Mandate ; cca:modality/skos:notation ?modality ; cca:domain/skos:notation ?domain .
  {{ ?e cca:assignedBy ?law . ?law a cca:LegalAct }} UNION {{ ?e cca:assignedBy ?p . ?law cca:hasProvision ?p . ?p cca:article ?article }}
  ?law cca:enactedBy ?by . ?by cca:partOf* ?nation ; cca:level/skos:notation ?by_level .
  {{ ?e cca:toLevel/skos:notation ?level }}
  UNION {{ ?e cca:assignedTo ?assignee . ?assignee cca:level/skos:notation ?level . {_labels("assignee", "assignee")} }}
  {_labels("e", "label")} {_labels("law", "law")} {_CITES} }}"""

#: instruments adopted by the country's governments, or by a body of the country that stands for a level
#: (the states of the Yucatán Peninsula, which the Under2 report does not name one by one)
Q_INSTRUMENTS = f"""SELECT ?e ?type ?by ?by_level ?with ?start ?end ?coverage ?description ?label_en ?label_zh ?by_en ?by_zh
                          ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Instrument ; cca:adoptedBy ?by .
  {{ ?by cca:partOf* ?nation ; cca:level/skos:notation ?by_level }}
  UNION {{ ?by cca:country ?nation ; a cca:Organization ; cca:representsLevel/skos:notation ?by_level }}
  OPTIONAL {{ ?e cca:instrumentType/skos:notation ?type }} OPTIONAL {{ ?e cca:startYear ?start }}
  OPTIONAL {{ ?e cca:endYear ?end }} OPTIONAL {{ ?e cca:coverage ?coverage }} OPTIONAL {{ ?e dcterms:description ?description }}
  {_labels("e", "label")} {_labels("by", "by")} LATERAL {{ OPTIONAL {{ ?e cca:adoptedBy ?with }} }} {_CITES} }}"""

Q_OUTCOMES = f"""SELECT ?e ?instrument ?indicator ?value ?max ?unit ?currency ?printed ?qualifier ?status ?start ?end
                         ?doubt ?doc ?locator ?url WHERE {{
  {_NATION} ?instrument a cca:Instrument ; cca:adoptedBy ?by ; cca:hasOutcome ?e . ?by cca:partOf* ?nation .
  ?e cca:indicator ?indicator ; cca:value ?value ; cca:unit ?unit .
  OPTIONAL {{ ?e cca:maxValue ?max }} OPTIONAL {{ ?e cca:currency ?currency }}
  OPTIONAL {{ ?e cca:currencyInSource ?printed }}
  OPTIONAL {{ ?e cca:qualifier/skos:notation ?qualifier }} OPTIONAL {{ ?e cca:figureStatus/skos:notation ?status }}
  OPTIONAL {{ ?e cca:periodStart ?start }} OPTIONAL {{ ?e cca:periodEnd ?end }} OPTIONAL {{ ?e cca:doubt ?doubt }}
  {_CITES} }}"""

# A target two datasets state is one node whose quads both imports' graphs hold, and the store's union
# of graphs repeats a quad once per graph: each pattern on such a node doubles its rows (1,024 rows for
# one target). So each commitment's values are read DISTINCT, one by one.
Q_COMMITMENTS = f"""SELECT ?e ?type ?target ?base ?value ?unit ?scope ?by ?by_level ?with ?label_en ?label_zh ?by_en ?by_zh
                          ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Commitment ; cca:committedBy ?by . ?by cca:partOf* ?nation ; cca:level/skos:notation ?by_level .
  LATERAL {{ SELECT DISTINCT ?e ?type ?target ?base ?value ?unit ?scope ?label_en ?label_zh WHERE {{
    OPTIONAL {{ ?e cca:commitmentType/skos:notation ?type }} OPTIONAL {{ ?e cca:targetYear ?target }}
    OPTIONAL {{ ?e cca:baseYear ?base }} OPTIONAL {{ ?e cca:targetValue ?value }} OPTIONAL {{ ?e cca:unit ?unit }}
    OPTIONAL {{ ?e cca:scope ?scope }} {_labels("e", "label")} }} }}
  LATERAL {{ SELECT DISTINCT ?by ?by_en ?by_zh WHERE {{ {_labels("by", "by")} }} }}
  LATERAL {{ SELECT DISTINCT ?e ?with WHERE {{ OPTIONAL {{ ?e cca:committedBy ?with }} }} }} {_CITES} }}"""

Q_MEMBERSHIPS = f"""SELECT ?e ?member ?level ?network ?role ?since ?until ?observed ?member_en ?member_zh
                          ?network_en ?network_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network .
  ?member cca:partOf* ?nation ; cca:level/skos:notation ?level .
  OPTIONAL {{ ?e org:role/skos:notation ?role }} OPTIONAL {{ ?e cca:since ?since }}
  OPTIONAL {{ ?e cca:until ?until }} OPTIONAL {{ ?e cca:observedYear ?observed }}
  {_labels("member", "member")} {_labels("network", "network")} {_CITES} }}"""

#: memberships counted by network, level and source (how many governments: Q_MEMBERS_BY_NETWORK)
Q_MEMBERSHIP_COUNTS = f"""SELECT ?network ?level ?doc (COUNT(DISTINCT ?e) AS ?memberships) WHERE {{
  {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network .
  ?member cca:partOf* ?nation ; cca:level/skos:notation ?level .
  LATERAL {{ OPTIONAL {{ ?e cca:citation/dcterms:source/dcterms:identifier ?doc }} }} }}
GROUP BY ?network ?level ?doc"""

#: how many governments of the country each network has at each level (each counted once, whatever its sources)
Q_MEMBERS_BY_NETWORK = f"""SELECT ?network ?level (COUNT(DISTINCT ?member) AS ?members) WHERE {{
  {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network .
  ?member cca:partOf* ?nation ; cca:level/skos:notation ?level . }}
GROUP BY ?network ?level"""

#: the governments of the country in the most networks, most first (a fixed number: see the brief's budget);
#: a reporting platform, where it only reports (role reporter), is no network it belongs to, nor a network
#: it only endorses (role endorser: Mexico endorsing the Under2 Coalition)
Q_TOP_MEMBERS = f"""SELECT ?member (COUNT(DISTINCT ?network) AS ?networks) WHERE {{
  {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network ; org:role ?role .
  FILTER (?role NOT IN (<{ROLE_REPORTER}>, <{ROLE_ENDORSER}>))
  ?member cca:partOf* ?nation ; cca:level ?level . }}
GROUP BY ?member ORDER BY DESC(?networks) ?member LIMIT 6"""

#: the networks where governments of the country report (role reporter): reporting platforms, with how many
#: governments report there
Q_REPORTING_PLATFORMS = f"""SELECT ?network (COUNT(DISTINCT ?e) AS ?memberships) WHERE {{
  {_NATION} ?e a cca:Membership ; org:member ?member ; org:organization ?network ; org:role <{ROLE_REPORTER}> .
  ?member cca:partOf* ?nation . }}
GROUP BY ?network"""

Q_PARTICIPATIONS = f"""SELECT ?e ?participant ?level ?type ?by ?label_en ?label_zh ?participant_en ?participant_zh
                             ?by_en ?by_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Instrument ; cca:participant ?participant . ?participant cca:partOf* ?nation ;
  cca:level/skos:notation ?level .
  OPTIONAL {{ ?e cca:instrumentType/skos:notation ?type }} OPTIONAL {{ ?e cca:adoptedBy ?by }}
  {_labels("e", "label")} {_labels("participant", "participant")} {_labels("by", "by")} {_CITES} }}"""

Q_ABSENCES = f"""SELECT ?e ?about ?absent ?level ?domain ?description ?label_en ?label_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:KnownAbsence ; cca:about ?about ; cca:absentClass ?absent .
  {{ ?about cca:partOf* ?nation }} UNION {{ ?about cca:enactedBy|cca:adoptedBy|cca:committedBy ?g . ?g cca:partOf* ?nation }}
  UNION {{ ?act cca:hasProvision ?about ; cca:enactedBy ?g . ?g cca:partOf* ?nation }}
  OPTIONAL {{ ?e cca:toLevel/skos:notation ?level }} OPTIONAL {{ ?e cca:domain/skos:notation ?domain }}
  OPTIONAL {{ ?e dcterms:description ?description }} {_labels("e", "label")} {_CITES} }}"""

# the years the coverage records of the country speak for, with what each covers: the target question
# (queries/gaps/target-misalignment.rq) judges a missing target as of the latest, and the regional
# governments' years, by which it leaves out one that did not exist then
Q_MATERIAL_YEARS = f"""SELECT ?e ?year ?level ?relation WHERE {{ {_NATION}
  ?e a cca:CoverageRecord ; cca:country ?nation ; cca:citation/dcterms:source/cca:year ?year .
  OPTIONAL {{ ?e cca:coversLevel/skos:notation ?level }} OPTIONAL {{ ?e cca:coversRelation/skos:notation ?relation }} }}"""
Q_LIFETIMES = f"""SELECT ?e ?start ?end WHERE {{ {_NATION}
  ?e a cca:Government ; cca:partOf+ ?nation ; cca:level/skos:notation "regional" .
  OPTIONAL {{ ?e cca:startYear ?start }} OPTIONAL {{ ?e cca:endYear ?end }} FILTER (BOUND(?start) || BOUND(?end)) }}"""

Q_COVERAGE = f"""SELECT ?e ?description ?level ?itype ?domain ?relation ?network ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:CoverageRecord ; cca:country ?nation .
  OPTIONAL {{ ?e dcterms:description ?description }} OPTIONAL {{ ?e cca:coversLevel/skos:notation ?level }}
  OPTIONAL {{ ?e cca:coversInstrumentType/skos:notation ?itype }}
  OPTIONAL {{ ?e cca:coversMandateDomain/skos:notation ?domain }}
  OPTIONAL {{ ?e cca:coversRelation/skos:notation ?relation }} OPTIONAL {{ ?e cca:coversNetwork ?network }}
  {_CITES} }}"""

Q_CRITERIA = f"""SELECT ?e ?check ?label_en ?label_zh ?doc ?locator ?url WHERE {{
  ?e a cca:IntegrityCriterion ; cca:checkKey ?check . {_labels("e", "label")} {_CITES} }}"""

#: money and staff the country's governments give to networks and funds (the Under2 Future Fund's donors)
Q_CONTRIBUTIONS = f"""SELECT ?e ?donor ?recipient ?role ?label_en ?label_zh ?donor_en ?donor_zh ?recipient_en
                            ?recipient_zh ?doc ?locator ?url WHERE {{
  {_NATION} ?e a cca:Contribution ; cca:donor ?donor . ?donor cca:partOf* ?nation .
  OPTIONAL {{ ?e cca:recipient ?recipient }} OPTIONAL {{ ?e cca:contributionRole/skos:notation ?role }}
  {_labels("e", "label")} {_labels("donor", "donor")} {_labels("recipient", "recipient")} {_CITES} }}"""

#: a mandate that a law of the country, or of a government above its nation, gives (its modality and to whom
#: aside): without one no government of the country has the competence a replication candidate needs
#: (queries/replication/replication-candidates.rq), so that question has no rows for any of them
Q_ANY_COMPETENCE = f"""SELECT ?mandate WHERE {{
  {_NATION} ?mandate a cca:Mandate ; cca:assignedBy ?by . ?by (^cca:hasProvision)? ?act .
  ?act a cca:LegalAct ; cca:enactedBy ?enactor .
  {{ ?enactor cca:partOf* ?nation }} UNION {{ ?nation cca:partOf+ ?enactor }} }} LIMIT 1"""

#: the levels each network admits, where recorded (C40 and the Global Covenant of Mayors: local)
Q_NETWORK_LEVELS = """SELECT ?e ?level WHERE { ?e a cca:Network ; cca:hasMemberLevel/skos:notation ?level }"""

#: networks whose "members" are the reporters of a reporting platform (CDP, carbonn): a government is
#: listed there because it disclosed, not because it joined (queries/integrity/pledge-integrity.rq)
Q_REPORTING_NETWORKS = """SELECT DISTINCT ?e WHERE {
  ?platform cca:participant ?e ; cca:instrumentType <https://w3id.org/cca-graph/id/instrument-type/mrv-platform> .
  ?e a cca:Network . }"""

Q_CONCEPTS = """SELECT ?e ?en ?zh WHERE { ?e a skos:Concept .
  OPTIONAL { ?e skos:prefLabel ?en FILTER (LANG(?en) = "en") } OPTIONAL { ?e skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") } }"""

Q_LABEL = f"SELECT ?label_en ?label_zh WHERE {{ {_labels('e', 'label')} }}"

Q_TRANSLATE = """SELECT ?zh WHERE { ?e rdfs:label ?en , ?zh FILTER (LANG(?zh) = "zh") }"""

Q_SOURCES = """SELECT ?key ?title ?publisher ?year ?address WHERE { ?s a cca:Source ; dcterms:identifier ?key .
  OPTIONAL { ?s dcterms:title ?title } OPTIONAL { ?s dcterms:publisher ?publisher }
  OPTIONAL { ?s cca:year ?year } OPTIONAL { ?s schema:url ?address } }"""

Q_CITATION_URL = """SELECT DISTINCT ?url WHERE { ?c cca:locator ?locator ; dcterms:source/dcterms:identifier ?doc ;
  schema:url ?url }"""


# -- records ---------------------------------------------------------------------------

def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def short(value):
    return value[len(model.ID):] if isinstance(value, str) and value.startswith(model.ID) else value


class Rec(dict):
    """An entity's rows merged: column -> set of values, and its citations."""

    def __init__(self):
        super().__init__()
        self.cites: set[Citation] = set()

    def one(self, column: str):
        values = self.get(column)
        return min(values, key=str) if values else None

    def all(self, column: str) -> list:
        return sorted(self.get(column, ()), key=str)


def records(store, query: str, country: str | None = None, key: str = "e", **params) -> list[Rec]:
    """The rows of ``query`` merged per ``key``, sorted by it; IRIs of entities shortened to ids.

    ``params`` bind more variables than ``?country`` (``member=NamedNode(...)``).
    """
    df = run_sparql(store, query, ({"country": country} if country else {}) | params or None)
    found: dict[str, Rec] = {}
    for row in df.to_dict("records"):
        rec = found.setdefault(short(row[key]), Rec())
        for column, value in row.items():
            if column not in ("doc", "locator", "url") and not missing(value):
                rec.setdefault(column, set()).add(short(value))
        if not missing(row.get("doc")) and not missing(row.get("locator")):
            url = row.get("url")
            rec.cites.add(Citation(row["doc"], row["locator"], "" if missing(url) else url))
    return [found[k] for k in sorted(found)]


def _by_document(cites: Iterable[Citation]) -> list[tuple[str, list[Citation]]]:
    """``cites`` without repeats, grouped by document, both sorted."""
    by_doc: dict[str, list[Citation]] = defaultdict(list)
    for cite in sorted(set(cites)):
        by_doc[cite.doc].append(cite)
    return sorted(by_doc.items())


def merge_citations(cites: Iterable[Citation]) -> list[Citation]:
    """One citation per document: the locators of many records joined.

    Used where one sentence stands on many records (a count of governments).

    Examples
    --------
    >>> merge_citations([Citation("iso", "ISO 3166-2:MX, MX-JAL"), Citation("iso", "ISO 3166-2:MX, MX-AGU")])
    [Citation(doc='iso', locator='ISO 3166-2:MX, MX-AGU; MX-JAL', url='')]
    >>> merge_citations([Citation("giz", "§4.3, box 'Mexico'"), Citation("giz", "§4.3, box 'Mexico', art. 58"),
    ...                  Citation("giz", "§4.3, box 'Mexico': the 32 states")])
    [Citation(doc='giz', locator="§4.3, box 'Mexico', art. 58; the 32 states", url='')]
    """
    merged = []
    for doc, group in _by_document(cites):
        if len(group) == 1:
            merged.append(group[0])
            continue
        locators = sorted({quote_outside(c.locator) for c in group})
        head = _shared_head(locators)
        if head:
            # the place they share once, then each part of it; the whole place beside its parts adds nothing
            locator = head + ", " + "; ".join(loc[len(head) + 2:] for loc in locators if len(loc) > len(head))
        else:
            locator = "; ".join(locators)
        urls = {c.url for c in group}
        merged.append(Citation(doc, locator, urls.pop() if len(urls) == 1 else ""))
    return merged


def _shared_head(locators: list[str]) -> str:
    """The longest place all ``locators`` are in ("§4.3, box 'X'" of "§4.3, box 'X', art. 58"), or "".

    A head ends where every locator ends or goes on with ", " or ": ", and closes every bracket it opens
    (so that "box 'X' (题目" of "box 'X' (题目: 引文)" is no head); none shorter than "ISO 3166-2:MX"
    counts, so that "§4" does not stand for a whole section's boxes.
    """
    prefix = os.path.commonprefix(locators)
    for cut in range(len(prefix), 12, -1):
        if all(len(loc) == cut or loc[cut:cut + 2] in (", ", ": ") for loc in locators) \
                and any(len(loc) > cut for loc in locators) and _closed(prefix[:cut]):
            return prefix[:cut]
    return ""


def _closed(text: str) -> bool:
    """Whether ``text`` closes every bracket it opens."""
    depth = 0
    for char in text:
        depth += {"(": 1, "（": 1, ")": -1, "）": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


#: a place whose last bracket holds a title and a quotation from it: "box 'X' (题目: 引文)"
_QUOTED = re.compile(r"^(?P<head>.*) \((?P<title>[^()]*?): (?P<quote>[^()]*)\)$")


def quote_outside(locator: str) -> str:
    """``locator`` with a quotation inside its last bracket written after it, so places quoting one title merge.

    Examples
    --------
    >>> quote_outside("§4.2, box 'Municipalities' (城镇采纳联邦州的气候目标: 公共交通流量到 2030 年应该翻一番)")
    "§4.2, box 'Municipalities' (城镇采纳联邦州的气候目标): 公共交通流量到 2030 年应该翻一番"
    >>> quote_outside("§4.3, box 'Mexico', art. 58")
    "§4.3, box 'Mexico', art. 58"
    """
    found = _QUOTED.match(locator)
    return f"{found['head']} ({found['title']}): {found['quote']}" if found else locator


#: at registry scale, the most places in one document that a statement's note lists
PLACES_SHOWN = 3


def condensed(cites: Iterable[Citation], limit: int = PLACES_SHOWN,
              annexed: Callable[[str, str], bool] | None = None) -> list[Citation]:
    """A statement's citations with many places in one document given as one: a count and a few of them.

    For a brief over its budget, whose annex lists every record with its source and locator: a
    statement standing on 400 rows of a registry gets one note that says so, not 400 notes. A
    citation already merged from many records (:func:`merge_citations`) counts its places.
    ``annexed(doc, place)`` says whether the annex holds a record cited at that place (by default
    every place is taken to be there); a document with a place the annex lacks keeps every place, as
    the note would otherwise send the reader to a list that does not hold it.

    Examples
    --------
    >>> rows = [Citation("climactor", f"line {n}") for n in (40, 12, 7, 511)]
    >>> condensed(rows + [Citation("giz-cca", "§4.3")])  # doctest: +NORMALIZE_WHITESPACE
    [Citation(doc='climactor', locator='4 places, among them line 12; line 40; line 511
                (the annex lists each record with its place)', url=''),
     Citation(doc='giz-cca', locator='§4.3', url='')]
    """
    out = []
    for doc, group in _by_document(cites):
        places = sorted({place for c in group for place in c.locator.split("; ")})
        if len(places) <= limit or (annexed and not all(annexed(doc, place) for place in places)):
            out.extend(group)
            continue
        urls = {c.url for c in group}
        shown = merge_citations(Citation(doc, place) for place in places[:limit])[0].locator
        out.append(Citation(doc, f"{len(places):,} places, among them {shown} "
                                 "(the annex lists each record with its place)", urls.pop() if len(urls) == 1 else ""))
    return out


# -- the country -----------------------------------------------------------------------

def resolve_country(store, name: str) -> str:
    """The ISO 3166-1 code of the country ``name`` (a code, or a label in any language).

    Raises
    ------
    UnknownNameError
        When no national government of the graph has that code or name.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> store = open_store("out")
    >>> resolve_country(store, "Mexico"), resolve_country(store, "mx"), resolve_country(store, "墨西哥")
    ('MX', 'MX', 'MX')
    """
    rows = records(store, Q_COUNTRIES)
    codes = {str(rec.one("iso")) for rec in rows}
    wanted = name.strip().casefold()
    for rec in rows:
        if wanted == str(rec.one("iso")).casefold() or wanted in {str(v).casefold() for k in ("label_en", "label_zh")
                                                                   for v in rec.all(k)}:
            return str(rec.one("iso"))
    import pycountry

    try:
        real = pycountry.countries.lookup(name.strip())
    except LookupError:
        real = None
    if real is not None and real.alpha_2 in codes:
        return real.alpha_2
    why = f"{name!r} is a country ({real.name}) the graph holds nothing about" if real else None
    raise UnknownNameError("country", name, sorted(codes), why=why)
