"""``run_query(..., endpoint=URL)``: what it refuses before asking anything (the rows it gives are
compared with the local store's on a real Fuseki in tests/test_fuseki.py)."""
from __future__ import annotations

import pytest

from cca_graph.errors import CcaError, QueryError, UnknownNameError
from cca_graph.query.catalogue import run_query

from .servers import free_port


def test_an_endpoint_is_asked_in_sparql_only():
    with pytest.raises(QueryError, match="an endpoint is asked in SPARQL, not cypher"):
        run_query("brokers", "cypher", endpoint="http://127.0.0.1:3030/cca/query")


def test_an_endpoint_that_is_no_http_url_is_refused():
    for url in ("ftp://127.0.0.1/cca", "http://loader:s3cret@127.0.0.1:3030/cca/query"):
        with pytest.raises(CcaError) as caught:
            run_query("brokers", endpoint=url)
        assert "s3cret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_an_unknown_question_or_parameter_is_named_before_the_endpoint_is_asked():
    nobody = f"http://127.0.0.1:{free_port()}/cca/query"
    with pytest.raises(UnknownNameError, match="unknown query 'no-such-question'"):
        run_query("no-such-question", endpoint=nobody)
    with pytest.raises(QueryError, match=r"brokers takes no parameters \(got --colour\)"):
        run_query("brokers", endpoint=nobody, colour="green")


def test_no_server_at_the_endpoint_is_one_line_of_error():
    nobody = f"http://127.0.0.1:{free_port()}/cca/query"
    with pytest.raises(CcaError) as caught:
        run_query("mandate-without-instrument", endpoint=nobody, country="MX")
    assert nobody in str(caught.value) and "\n" not in str(caught.value)
