"""Curation notes are for curators: no brief, view or page shows one; descriptions are shown."""
from __future__ import annotations

import zipfile

import pytest

from cca_graph import run_sparql, write_brief, write_view

# every text only curators should read: curation notes and the deprecated notes that mixed both
_CURATORS_ONLY = """
SELECT DISTINCT ?text WHERE { { ?e skos:editorialNote ?text } UNION { ?e rdfs:comment ?text }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/cca-graph/graph/vocabulary> { ?e ?p ?text } } }
"""
_DESCRIPTIONS = "SELECT DISTINCT ?text WHERE { ?e dcterms:description ?text }"

COUNTRIES = ["MX", "CA", "ZA", "ID", "DE", "FR", "US", "CN", "JP", "CR", "GE", "IN", "KR"]


def _texts(store, query: str) -> list[str]:
    # short texts ("see above") could occur anywhere by chance; a curation note worth hiding is longer
    return [t for t in run_sparql(store, query)["text"].tolist() if len(t) >= 25]


@pytest.fixture(scope="module")
def rendered(store, tmp_path_factory) -> dict[str, str]:
    """Every brief format for every case country, the whole-graph view and a country view, as text."""
    out = tmp_path_factory.mktemp("shown")
    pages = {}
    for code in COUNTRIES:
        for fmt in ("md", "html"):
            path = write_brief(store, code, fmt, out / f"{code}.{fmt}").path
            pages[path.name] = path.read_text(encoding="utf-8")
        docx = write_brief(store, code, "docx", out / f"{code}.docx").path
        with zipfile.ZipFile(docx) as z:
            pages[docx.name] = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for name, scope in (("all.html", {}), ("mx.html", {"country": "MX"})):
        pages[name] = write_view(store, out / name, **scope).path.read_text(encoding="utf-8")
    return pages


def test_the_graph_has_curation_notes_and_descriptions(store):
    assert len(_texts(store, _CURATORS_ONLY)) >= 20
    assert len(_texts(store, _DESCRIPTIONS)) >= 100


def test_no_curation_note_reaches_a_brief_or_view(store, rendered):
    leaks = {(name, text[:60]) for text in _texts(store, _CURATORS_ONLY)
             for name, page in rendered.items() if text in page or text.replace('"', "&quot;") in page}
    assert not leaks, sorted(leaks)[:20]


def test_descriptions_do_reach_the_briefs(store, rendered):
    shown = [text for text in _texts(store, _DESCRIPTIONS)
             if any(text in page for name, page in rendered.items() if name.endswith(".md"))]
    assert len(shown) >= 20


# curators' working language that must not reach readers through a description or a label
_CURATION_PHRASES = [
    r"\bthe (Chinese |German )?text\b",          # "the text calls it …", "as the Chinese text places it"
    r"\bthe (source|seed)\b",
    r"\bseed\b",
    r"\bnot (given|stated|named) in\b",
    r"\bcurat",                                   # "what the curation covers"
    r"\bgarbled\b",
    r"\babbreviates\b",
    r"\bthe Under2 material\b",
    r"\bthe member roster\b",
    r"\breferenced from\b",
    r"\bsee the (known absence|contribution|memberships|observations)\b",
]
_READER_TEXTS = """
SELECT DISTINCT ?e ?text WHERE {
  { ?e dcterms:description ?text } UNION { ?e rdfs:label ?text FILTER (LANG(?text) = "en" || LANG(?text) = "") }
  FILTER (STRSTARTS(STR(?e), "https://w3id.org/cca-graph/id/"))
}
"""
_RECORD_IDS = """
SELECT DISTINCT ?e WHERE { ?e cca:citation ?c FILTER (STRSTARTS(STR(?e), "https://w3id.org/cca-graph/id/")) }
"""


def test_descriptions_and_labels_speak_to_readers(store):
    """A description or label is plain prose about the thing: no record ids in parentheses, no curators' talk."""
    import re

    prefix = "https://w3id.org/cca-graph/id/"
    ids = {str(e)[len(prefix):] for e in run_sparql(store, _RECORD_IDS)["e"]}
    # lower-case ids with a hyphen or a dot ("de-co2-price-transport-heating", "MX-JAL.puerto-vallarta"):
    # short upper-case codes such as "(US)" or "(CDP)" are ordinary abbreviations in prose
    slugs = {i for i in ids if re.search(r"[a-z]", i) and re.search(r"[-.]", i)}
    assert len(slugs) > 500
    phrases = re.compile("|".join(_CURATION_PHRASES), re.IGNORECASE)
    offenders = []
    for e, text in run_sparql(store, _READER_TEXTS)[["e", "text"]].itertuples(index=False):
        for group in re.findall(r"\(([^()]*)\)", text):
            tokens = {t.strip(" .") for t in re.split(r"[\s,;]+", group)}
            if tokens & slugs:
                offenders.append((str(e)[len(prefix):], f"record id in parentheses: ({group})"))
        found = phrases.search(text)
        if found:
            offenders.append((str(e)[len(prefix):], f"curators' phrase {found.group(0)!r}: {text[:100]}"))
    assert not offenders, "\n".join(f"{e}: {why}" for e, why in sorted(offenders))
