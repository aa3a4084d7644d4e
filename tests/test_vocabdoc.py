"""The vocabulary page: current, complete, deterministic and self-contained.

The expectations are read from the TTL files here, independently of
``cca_graph.present.vocabdoc``, and the page is checked through its parsed HTML.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cca_graph.present.vocabdoc import render_vocabulary_html
from cca_graph.resources import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "vocabulary.html"
CCA = "https://w3id.org/cca-graph/ontology#"
ID = "https://w3id.org/cca-graph/id/"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
SECTION_OF_KIND = {
    OWL.Class: "section-classes",
    OWL.ObjectProperty: "section-object-properties",
    OWL.DatatypeProperty: "section-datatype-properties",
}


@dataclass
class Element:
    tag: str
    parent_id: str | None
    text: list[str] = field(default_factory=list)
    zh_text: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """Collects, for every element with an id, its text and its text marked lang="zh".

    It also checks that the tags nest properly, which ``HTMLParser`` alone does not.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, str | None]] = []  # tag, id, lang
        self.elements: dict[str, Element] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.outside_zh: list[str] = []
        self.errors: list[str] = []

    def _open_ids(self) -> list[str]:
        return [i for _, i, _ in self.stack if i]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if len(attributes) != len(attrs):
            self.errors.append(f"repeated attribute on <{tag}>")
        self.tags.append((tag, attributes))
        ident = attributes.get("id")
        if ident is not None:
            if ident in self.elements:
                self.errors.append(f"duplicate id {ident!r}")
            open_ids = self._open_ids()
            self.elements[ident] = Element(tag, open_ids[-1] if open_ids else None)
        if tag not in VOID:
            self.stack.append((tag, ident, attributes.get("lang")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else None
            self.errors.append(f"</{tag}> closes <{open_tag}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        in_zh = any(lang == "zh" for _, _, lang in self.stack)
        for ident in self._open_ids():
            self.elements[ident].text.append(data)
            if in_zh:
                self.elements[ident].zh_text.append(data)
        if not in_zh:
            self.outside_zh.append(data)

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"unclosed tags: {[t for t, _, _ in self.stack]}")

    def text(self, ident: str) -> str:
        return " ".join("".join(self.elements[ident].text).split())

    def zh(self, ident: str) -> str:
        return " ".join("".join(self.elements[ident].zh_text).split())


def _one(g: rdflib.Graph, s, p, lang: str | None = None) -> str:
    values = [o for o in g.objects(s, p) if isinstance(o, Literal) and (lang is None or o.language == lang)]
    assert len(values) == 1, f"{s} {p} @{lang}: expected one value, found {values}"
    return " ".join(str(values[0]).split())


@pytest.fixture(scope="module")
def page() -> str:
    return render_vocabulary_html()


@pytest.fixture(scope="module")
def parsed(page) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "cca.ttl", format="turtle")


@pytest.fixture(scope="module")
def concepts() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "concepts.ttl", format="turtle")


# -- (a) the checked-in page is current -------------------------------------

def test_docs_page_is_current(page):
    assert PAGE.is_file(), "docs/vocabulary.html is missing: run `make generate`"
    assert PAGE.read_text(encoding="utf-8") == page, "docs/vocabulary.html is stale: run `make generate`"


# -- (b) every term is on the page with both labels --------------------------

def _cca_terms(g: rdflib.Graph, kind) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(CCA))


@pytest.mark.parametrize("kind", list(SECTION_OF_KIND), ids=lambda k: k.fragment)
def test_every_ontology_term_has_a_section_with_both_labels(parsed, ontology, kind):
    terms = _cca_terms(ontology, kind)
    assert terms, f"no {kind} in cca.ttl"
    section = SECTION_OF_KIND[kind]
    for term in terms:
        local = str(term)[len(CCA):]
        assert local in parsed.elements, f"no section for cca:{local}"
        assert parsed.elements[local].parent_id == section, f"cca:{local} is not under #{section}"
        text, zh = parsed.text(local), parsed.zh(local)
        assert str(term) in text, f"full IRI of cca:{local} not shown"
        assert _one(ontology, term, RDFS.label, "en") in text, f"English label of cca:{local}"
        assert _one(ontology, term, RDFS.label, "zh") in zh, f"Chinese label of cca:{local} not in lang=zh"
        assert _one(ontology, term, RDFS.comment, "en") in text, f"English comment of cca:{local}"
        assert _one(ontology, term, RDFS.comment, "zh") in zh, f"Chinese comment of cca:{local} not in lang=zh"
    documented = {i for i, e in parsed.elements.items() if e.parent_id == section}
    assert documented == {str(t)[len(CCA):] for t in terms}


def test_union_domains_read_as_or(parsed, ontology):
    term = URIRef(CCA + "enactedBy")
    union = ontology.value(ontology.value(term, RDFS.domain), OWL.unionOf)
    members = {str(m)[len(CCA):] for m in Collection(ontology, union)}
    assert members == {"LegalAct", "Instrument"}
    assert "cca:Instrument or cca:LegalAct" in parsed.text("enactedBy")
    # and the class lists the property among those it is the domain of
    assert "cca:enactedBy" in parsed.text("LegalAct")


def test_every_concept_is_listed_in_its_scheme(parsed, concepts):
    schemes = sorted(concepts.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes
    for scheme in schemes:
        scheme_id = str(scheme)[len(ID):]
        assert scheme_id in parsed.elements, f"no section for scheme {scheme}"
        assert parsed.elements[scheme_id].parent_id == "section-concept-schemes"
        assert _one(concepts, scheme, SKOS.prefLabel, "zh") in parsed.zh(scheme_id)
    all_concepts = sorted(concepts.subjects(RDF.type, SKOS.Concept))
    assert len(all_concepts) > 10
    for concept in all_concepts:
        ident = str(concept)[len(ID):]
        assert ident in parsed.elements, f"no row for concept {concept}"
        scheme_id = str(concepts.value(concept, SKOS.inScheme))[len(ID):]
        assert parsed.elements[ident].parent_id == scheme_id, f"{concept} not under its scheme"
        text = parsed.text(ident)
        assert str(concept) in text
        assert _one(concepts, concept, SKOS.notation) in text
        assert _one(concepts, concept, SKOS.prefLabel, "en") in text
        assert _one(concepts, concept, SKOS.prefLabel, "zh") in parsed.zh(ident)
        assert _one(concepts, concept, SKOS.definition, "en") in text


def test_concepts_are_sorted_by_notation(parsed, concepts):
    for scheme in concepts.subjects(RDF.type, SKOS.ConceptScheme):
        rows = [i for i, e in parsed.elements.items() if e.parent_id == str(scheme)[len(ID):]]
        shown = [str(concepts.value(URIRef(ID + i), SKOS.notation)) for i in rows]
        assert len(shown) > 1 and shown == sorted(shown), f"concepts of {scheme} not in notation order"


def test_ontology_metadata_is_shown(parsed, ontology):
    header = parsed.text("section-metadata")
    onto = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert str(onto) in header
    assert str(ontology.value(onto, OWL.versionInfo)) in header
    assert str(ontology.value(onto, URIRef("http://purl.org/dc/terms/license"))) in header
    assert "cca-graph 本体" in parsed.zh("section-metadata")


# -- (c) deterministic ---------------------------------------------------------

def test_two_renders_are_identical(page):
    assert render_vocabulary_html() == page


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_render_does_not_depend_on_hash_seed(page, seed):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "import sys; from cca_graph.present.vocabdoc import render_vocabulary_html as r; sys.stdout.buffer.write(r().encode())"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, check=True).stdout
    assert out.decode("utf-8") == page


def test_no_blank_node_ids_or_dates_of_today(page, ontology, concepts):
    bnodes = {str(n) for g in (ontology, concepts) for n in g.all_nodes() if isinstance(n, BNode)}
    assert bnodes, "cca.ttl is expected to hold owl:unionOf blank nodes"
    assert not [b for b in bnodes if b in page]
    ttl = (ontology_dir() / "cca.ttl").read_text(encoding="utf-8")
    today = date.today().isoformat()
    assert today in ttl or today not in page


# -- (d) well-formed and self-contained ---------------------------------------

def test_page_is_well_formed(parsed, page):
    assert parsed.errors == []
    assert page.startswith("<!DOCTYPE html>\n")
    assert [t for t, _ in parsed.tags].count("html") == 1
    assert ("html", {"lang": "en"}) in parsed.tags
    assert ("meta", {"charset": "utf-8"}) in parsed.tags


def test_in_page_links_resolve(parsed):
    targets = [a["href"][1:] for t, a in parsed.tags if t == "a" and (a.get("href") or "").startswith("#")]
    assert "Government" in targets
    assert [t for t in targets if t not in parsed.elements] == []


def test_page_loads_nothing(page, parsed):
    assert "<script" not in page.lower()
    assert not re.search(r"\bsrc\s*=", page, re.IGNORECASE)
    assert "url(" not in page and "@import" not in page
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "base", "source"}, tag
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert tag == "a", f"href on <{tag}>"
            assert re.match(r"^(#\S+|https?://\S+)$", attrs["href"]), attrs["href"]


def test_chinese_text_is_marked_zh(parsed):
    stray = sorted({s.strip() for s in parsed.outside_zh if CJK.search(s)})
    assert stray == []
