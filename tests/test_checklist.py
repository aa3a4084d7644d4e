"""The seed-fact checklists: every document's facts are in the graph as values or links, not prose."""
from __future__ import annotations

import pytest

from cca_graph.errors import InputError
from cca_graph.query.checklist import Fact, check_facts, coverage, read_checklists

from .conftest import REPO

# the five documents of ../shared/seeds/README.md
DOCUMENTS = ["china-us-glasgow-2021", "giz-cca", "un-hleg-net-zero-2022", "under2-2017-highlights", "under2-mou"]


def _fact(path: str, value: str, subject: str = "MX-JAL") -> Fact:
    return Fact("giz-cca", "t.csv", 2, "Ch. 5", "a fact", subject, path, value)


def test_every_document_has_a_checklist():
    assert sorted({f.doc for f in read_checklists()}) == DOCUMENTS


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_each_document_is_held_as_structure_at_95_percent(store, doc):
    facts = [f for f in read_checklists() if f.doc == doc]
    checked = check_facts(store, facts)
    missing = checked[~checked.held]
    share = 100 * checked.held.sum() / len(checked)
    assert share >= 95, f"{doc}: {share:.1f} % held; not held:\n" + "\n".join(
        f"  {r.file}:{r.line}: {r.locator}: {r.fact}" for r in missing.itertuples())


def test_coverage_counts_what_check_facts_finds(store):
    facts = read_checklists()
    table = coverage(store, facts).set_index("doc")
    checked = check_facts(store, facts)
    for doc, rows in checked.groupby("doc"):
        assert table.loc[doc, "facts"] == len(rows)
        assert table.loc[doc, "held"] == int(rows.held.sum())


def test_a_wrong_value_is_not_held_and_the_right_one_is(store):
    # GIZ ch. 5: Jalisco is a state of Mexico
    facts = [_fact("cca:partOf", "@MX"), _fact("cca:partOf", "@CA"), _fact("cca:level", "level:regional"),
             _fact("cca:level", "level:local")]
    assert check_facts(store, facts).held.tolist() == [True, False, True, False]


def test_numbers_compare_as_numbers_and_text_as_text(store):
    facts = [_fact("rdfs:label", "Jalisco"), _fact("rdfs:label", "jalisco")]
    assert check_facts(store, facts).held.tolist() == [True, False]


@pytest.mark.parametrize("path", ["rdfs:comment", "dcterms:description", "skos:editorialNote",
                                  "^cca:about/rdfs:comment"])
def test_a_fact_held_only_in_prose_is_refused(tmp_path, path):
    (tmp_path / "giz-cca.csv").write_text(f"locator,fact,subject,path,value\nCh. 5,x,MX-JAL,{path},Jalisco\n",
                                          encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_checklists(tmp_path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "path")]


@pytest.mark.parametrize("path", ["cca:partOf } . ?x ?y ?z {", "cca:partOf;", "<http://x>", "nope:partOf"])
def test_a_path_that_is_not_a_property_path_is_refused(tmp_path, path):
    (tmp_path / "giz-cca.csv").write_text(f'locator,fact,subject,path,value\nCh. 5,x,MX-JAL,"{path}",1\n',
                                          encoding="utf-8")
    with pytest.raises(InputError, match="path"):
        read_checklists(tmp_path)


def test_stats_reports_the_share_per_document(built):
    from .conftest import run_cli

    out = run_cli("stats", "--graph", str(built)).stdout
    section = out.split("Seed facts held as structure")[1]
    for doc in DOCUMENTS:
        assert doc in section


def test_no_checklist_row_cites_a_document_that_is_not_registered():
    sources = (REPO / "loaders" / "sources.yaml").read_text(encoding="utf-8")
    for doc in {f.doc for f in read_checklists()}:
        assert f"key: {doc}\n" in sources
