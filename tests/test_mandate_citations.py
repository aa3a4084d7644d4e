"""A mandate's article number is cited to a document that gives it.

Briefs state a mandate's law and article beside the mandate's own notes ("Constitution of
the Republic of South Africa, art. 41(1)(h)"), so each mandate assigned by a numbered
provision must cite a place that names that number. The GIZ box on South Africa's spheres
(giz-cca §2.2) quotes the co-operation principles without a section; the section is the
constitution's (za-constitution-1996, s. 41(1)(h)). Read from the case files, without a graph.
"""
from __future__ import annotations

import re
from functools import cache

import yaml

from .conftest import REPO

#: "arts. 7–9", "s. 41(1)(h)", "Art. 50": a number, or a range of two, after an article sign
_NUMBERED = re.compile(r"(?:arts?\.|s\.|ss\.|section|§)\s*(\d+)(?:\s*[–-]\s*(\d+))?([()\w]*)", re.IGNORECASE)


@cache
def _records() -> list[dict]:
    found = []
    for path in sorted((REPO / "loaders").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "Mandate" not in text and "Provision" not in text:      # the registries' large files hold neither
            continue
        doc = yaml.safe_load(text)
        if isinstance(doc, dict):
            found += [r for r in doc.get("records") or [] if isinstance(r, dict)]
    return found


def _locators(record: dict) -> list[tuple[str, str]]:
    cites = record.get("source") or []
    return [(c["doc"], str(c["locator"])) for c in ([cites] if isinstance(cites, dict) else cites)]


def _names(locator: str, article: str) -> bool:
    """Whether ``locator`` names ``article`` ("41(1)(h)"), alone or in a range of articles ("arts. 7–9")."""
    number = int(re.match(r"\d+", article).group())
    for first, last, rest in _NUMBERED.findall(locator):
        if last and int(first) <= number <= int(last):
            return True
        if not last and f"{first}{rest}".startswith(article):
            return True
    return False


def _numbered_mandates() -> list[tuple[str, str, list[tuple[str, str]]]]:
    records = _records()
    articles = {r["id"]: str(r["article"]) for r in records if r.get("type") == "Provision"}
    return [(r["id"], articles[r["assigned_by"]], _locators(r)) for r in records
            if r.get("type") == "Mandate" and re.match(r"\d", articles.get(r.get("assigned_by"), ""))]


def test_south_africas_mandates_cite_the_constitution_for_their_section():
    found = {m: (article, cites) for m, article, cites in _numbered_mandates() if m.startswith("za-")}
    assert sorted(found) == ["za-mandate-cooperation-local", "za-mandate-cooperation-national",
                             "za-mandate-cooperation-provincial"]
    for mandate, (article, cites) in found.items():
        assert article == "41(1)(h)"
        # the number from the constitution; the GIZ box, which quotes the principles, is cited without one
        assert [doc for doc, locator in cites if _names(locator, article)] == ["za-constitution-1996"], mandate
        assert any(doc == "giz-cca" and locator.startswith("§2.2") for doc, locator in cites), mandate


def test_every_numbered_mandate_cites_a_place_that_names_its_article():
    missing = [f"{m}: art. {article} in none of {[loc for _, loc in cites]}"
               for m, article, cites in _numbered_mandates() if not any(_names(loc, article) for _, loc in cites)]
    assert not missing, missing


def test_a_range_of_articles_names_each_of_them():
    # giz-cca §4.3 cites the LGCC's arts. 7 to 9 together (the three levels' competences)
    assert _names("§4.3, box 'Mexico's national climate change law', arts. 7–9", "8")
    assert not _names("§4.3, box 'Mexico's national climate change law', arts. 7–9", "58")
    assert not _names("Chapter 3 (Co-operative Government), s. 40(1)", "41(1)(h)")
