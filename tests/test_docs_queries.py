"""docs/queries.md: the example each question's parameter names gives rows on the bundled graph."""
from __future__ import annotations

import re

import pytest

from cca_graph.query.catalogue import catalogue, run_query

#: (question, parameter, the example its description gives), as docs/queries.md shows them
EXAMPLES = [(q.name, p.name, m.group(1)) for q in catalogue().values() for p in q.parameters
            if not p.optional and (m := re.search(r"e\.g\. ([A-Za-z][\w-]*)", p.description))]


def test_every_question_with_a_parameter_names_an_example():
    with_parameters = {q.name for q in catalogue().values() if any(not p.optional for p in q.parameters)}
    assert {name for name, _, _ in EXAMPLES} == with_parameters


@pytest.mark.parametrize(("name", "parameter", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_the_example_a_reader_tries_first_gives_rows(store, name, parameter, example):
    # a reader who tries the documented example and gets no rows takes the question for broken
    assert len(run_query(name, "sparql", store=store, **{parameter: example})) > 0
