"""The gold answers (tests/gold/): what the catalogue must answer, written by hand from the documents.

Each case runs on every engine of its question (SPARQL on the store, Cypher on a real Neo4j
holding the pushed graph, networkx where the question has it) over the bundled case material plus the Under2 roster import. The answer
must be exactly the expected rows (each entry matched ``count`` times, no row left
unmatched) and none of the rows that must not appear. The format is in
tests/gold/README.md; the files are checked for form first, without a graph.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cca_graph.query.catalogue import catalogue, run_query

GOLD = Path(__file__).resolve().parent / "gold"
#: countries with case material of their own (loaders/<country>/ or a document's case)
CASE_COUNTRIES = ("CA", "CN", "CR", "DE", "FR", "GE", "ID", "IN", "JP", "KR", "MX", "RW", "US", "ZA")
_META = {"cite", "count", "why"}


def _files() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.yaml"))}


def _cases() -> list[tuple[str, str, int, dict]]:
    found = []
    for stem, doc in _files().items():
        for question, cases in sorted((doc.get("questions") or {}).items()):
            for i, case in enumerate(cases or []):
                found.append((stem, question, i, case))
    return found


def _params(stem: str, doc: dict, case: dict) -> dict:
    if "params" in case:
        return dict(case["params"])
    return {"country": doc.get("country", stem)} if stem != "networks" else {}


def _text(value):
    return None if value is None else str(value)


def _matches(entry: dict, row: dict) -> bool:
    return all(_text(row.get(column)) == _text(value) for column, value in entry.items() if column not in _META)


# -- form: fast, no graph ---------------------------------------------------------------------

def test_every_case_country_and_question_has_gold_answers():
    files, questions = _files(), catalogue()
    with_country = sorted(n for n, q in questions.items() if any(p.kind == "iso" for p in q.parameters))
    without = sorted(n for n, q in questions.items() if not q.parameters)
    missing = [f"{c}: {q}" for c in CASE_COUNTRIES for q in with_country
               if not (files.get(c, {}).get("questions") or {}).get(q)]
    missing += [f"{c}: replication-candidates" for c in CASE_COUNTRIES
                if not (files.get(c, {}).get("questions") or {}).get("replication-candidates")]
    missing += [f"networks: {q}" for q in without if not (files.get("networks", {}).get("questions") or {}).get(q)]
    assert not missing, "no gold answers for " + ", ".join(missing)


@pytest.mark.parametrize("stem,question,index,case", _cases(), ids=lambda v: v if isinstance(v, (str, int)) else "")
def test_gold_file_form(stem, question, index, case):
    questions = catalogue()
    assert question in questions, f"{stem}.yaml: no question {question!r} in the catalogue"
    columns = set(questions[question].columns)
    assert isinstance(case.get("rows"), list), f"{stem}.yaml {question}[{index}]: rows must be a list ([] when empty)"
    for entry in case["rows"]:
        assert str(entry.get("cite") or "").strip(), f"{stem}.yaml {question}[{index}]: {entry} has no cite"
        assert set(entry) - _META <= columns, f"{stem}.yaml {question}[{index}]: {sorted(set(entry) - _META - columns)}"
        assert isinstance(entry.get("count", 1), int) and entry.get("count", 1) >= 1
    for entry in case.get("must_not") or []:
        assert str(entry.get("why") or "").strip(), f"{stem}.yaml {question}[{index}]: must_not {entry} has no why"
        assert set(entry) - _META <= columns and set(entry) - _META, f"{stem}.yaml {question}[{index}]: {entry}"


# -- answers: both engines -----------------------------------------------------------------------

def _compare(rows: list[dict], case: dict) -> list[str]:
    problems = []
    for entry in case["rows"]:
        hits = sum(_matches(entry, row) for row in rows)
        if hits != entry.get("count", 1):
            shown = {k: v for k, v in entry.items() if k not in _META}
            problems.append(f"expected {entry.get('count', 1)} row(s) {shown}, found {hits}  [{entry['cite']}]")
    for row in rows:
        if not any(_matches(entry, row) for entry in case["rows"]):
            problems.append(f"unexpected row {row}")
    for entry in case.get("must_not") or []:
        for row in rows:
            if _matches(entry, row):
                problems.append(f"row that must not appear {row}  [{entry['why']}]")
    return problems


@pytest.mark.parametrize("stem,question,index,case", _cases(), ids=lambda v: v if isinstance(v, (str, int)) else "")
def test_gold_answer(catalogue_graph, stem, question, index, case):
    _, store, neo4j = catalogue_graph
    params = _params(stem, _files()[stem], case)
    report = []
    for engine in catalogue()[question].engines:
        df = run_query(question, engine, store=store, uri=neo4j.url, **params)
        rows = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        report += [f"{engine}: {p}" for p in _compare(rows, case)]
    assert not report, f"{stem}.yaml {question} {params}:\n" + "\n".join(report)
