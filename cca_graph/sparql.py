"""Running SPARQL on the embedded store, with parameters bound, never pasted.

Queries see the union of all named graphs as their default graph, and the
prefixes of :data:`cca_graph.namespace.PREFIXES` without declaring them.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Variable

from .errors import QueryError
from .namespace import PREFIXES

__all__ = ["run_sparql", "read_query", "to_term", "term_value"]


def to_term(value) -> NamedNode | Literal:
    """A query parameter as an RDF term.

    Strings are always literals, whatever they contain; pass a
    :class:`pyoxigraph.NamedNode` for an IRI.

    Examples
    --------
    >>> to_term("MX")
    <Literal value=MX datatype=<http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term(NamedNode("https://w3id.org/cca-graph/id/MX"))
    <NamedNode value=https://w3id.org/cca-graph/id/MX>
    """
    if isinstance(value, (NamedNode, Literal)):
        return value
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return Literal(str(value))


def term_value(term):
    """A result cell as plain Python: IRIs and literals as their text, ints as int."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return term.value


def read_query(path: Path | str) -> str:
    return Path(path).read_text(encoding="utf-8")


def run_sparql(store: Store, query: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Run ``query`` on ``store``; return its rows as a DataFrame.

    Parameters
    ----------
    params : mapping, optional
        Variable name (without ``?``) -> value; each is bound as a term
        before the query runs (SEP-0007 substitution). A bound variable
        must be one of the query's result columns.

    Examples
    --------
    >>> df = run_sparql(store, "SELECT ?g WHERE { ?g cca:isoCode ?iso }", {"iso": "MX"})  # doctest: +SKIP
    """
    substitutions = {Variable(k): to_term(v) for k, v in (params or {}).items()}
    try:
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                             substitutions=substitutions or None)
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        hint = ""
        if substitutions and "projection" in str(exc):
            hint = " (a bound parameter must be a result column: add it to SELECT, or use SELECT *)"
        raise QueryError(f"the query failed: {exc}{hint}") from exc
    if isinstance(result, QueryBoolean):
        return pd.DataFrame({"ask": [bool(result)]})
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[term_value(solution[c]) for c in columns] for solution in result]
        return pd.DataFrame(rows, columns=columns)
    rows = [[t.subject.value, t.predicate.value, term_value(t.object)] for t in result]
    return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
