"""Running SPARQL on the embedded store, with parameters bound, never pasted.

Queries see the union of all named graphs as their default graph, and the
prefixes of :data:`cca_graph.namespace.PREFIXES` without declaring them.
A query that calls another endpoint (``SERVICE``) is refused unless the
caller allows it: the engine would send a request to any URL the query names.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Store

from ..errors import QueryError
from ..namespace import PREFIXES

__all__ = ["run_sparql", "run_select", "read_query", "to_term", "term_value", "bind", "calls_service",
           "refuse_service", "nesting_problem", "located", "MAX_NESTING"]


def to_term(value) -> NamedNode | Literal:
    """A query parameter as an RDF term.

    Strings are always literals, whatever they contain; pass a
    :class:`pyoxigraph.NamedNode` for an IRI.

    Examples
    --------
    >>> to_term("MX")
    <Literal value=MX datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term(2050)
    <Literal value=2050 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
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
    if isinstance(term, Literal):
        reader = _literal_reader(term.datatype.value)
        return term.value if reader is None else reader(term.value)
    return term.value


def _literal_reader(datatype: str):
    """How :func:`term_value` reads the text of a literal of ``datatype``: None keeps the text."""
    if datatype.endswith("#integer"):
        return int
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float
    if datatype.endswith("#boolean"):
        return "true".__eq__
    return None


def _solution_rows(result: QuerySolutions) -> list[list]:
    """Every solution of ``result`` as a list of its cells, each as :func:`term_value` reads it.

    The reader of each literal datatype is looked up once per result, not per cell: a question's
    thousands of rows cost the conversion of their cells, no more.
    """
    readers: dict = {}
    rows = []
    for solution in result:
        row = []
        for term in solution:
            if term is None:
                row.append(None)
            elif type(term) is Literal:
                datatype = term.datatype
                if datatype not in readers:
                    readers[datatype] = _literal_reader(datatype.value)
                reader = readers[datatype]
                row.append(term.value if reader is None else reader(term.value))
            else:
                row.append(term.value)
        rows.append(row)
    return rows


def read_query(path: Path | str) -> str:
    return Path(path).read_text(encoding="utf-8")


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind(query: str, params: Mapping[str, object] | None) -> str:
    r"""``query`` with ``params`` bound by ``VALUES`` blocks: at the start of its WHERE clause, and
    of each subquery's WHERE clause that names the parameter.

    Values are written by the RDF library as N-Triples terms (quotes and
    backslashes escaped, IRIs checked), so no value can change the query's
    structure. Binding at the start of the WHERE clause works with
    aggregates and needs no change to the SELECT clause, on any SPARQL 1.1
    engine. A subquery is evaluated before the rest of the query and sees no
    outer binding; a subquery that names a parameter gets the parameter's
    value too, so a question can narrow a costly part (the members of one
    country) inside it. A parameter's name therefore means the parameter in
    every subquery that names it.

    Examples
    --------
    >>> bind("SELECT ?g WHERE { ?g cca:isoCode ?iso }", {"iso": 'M"X'})
    'SELECT ?g WHERE { VALUES (?iso) { ("M\\"X") } ?g cca:isoCode ?iso }'
    >>> print(bind("SELECT * WHERE { ?g ?p ?o { SELECT ?g WHERE { ?g cca:isoCode ?iso } } "
    ...            "{ SELECT ?g WHERE { ?g a ?t } } }", {"iso": "MX", "n": "x"}))
    SELECT * WHERE { VALUES (?iso ?n) { ("MX" "x") } ?g ?p ?o { SELECT ?g WHERE { VALUES (?iso) { ("MX") } ?g cca:isoCode ?iso } } { SELECT ?g WHERE { ?g a ?t } } }
    >>> bind("SELECT ?g WHERE { ?g ?p ?o }", {"g; DROP": "x"})
    Traceback (most recent call last):
    ...
    cca_graph.errors.QueryError: 'g; DROP' is not a variable name
    """
    if not params:
        return query
    terms = {}
    for name, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"{name!r} is not a variable name")
        terms[name] = str(to_term(value))

    def block(names) -> str:
        return (f"VALUES ({' '.join('?' + n for n in names)}) "
                f"{{ ({' '.join(terms[n] for n in names)}) }} ")

    clauses = _where_clauses(query)
    if not clauses:
        start = query.find("{") + 1
        if start <= 0:
            raise QueryError("the query has no WHERE clause to bind parameters in")
        clauses = [(start, set(terms))]
    inserts = [(clauses[0][0], list(terms))]
    inserts += [(start, [n for n in terms if n in named]) for start, named in clauses[1:]]
    for start, names in sorted(inserts, reverse=True):
        if names:
            query = query[:start] + " " + block(names) + query[start:].lstrip()
    return query


def _where_clauses(query: str) -> list[tuple[int, set[str]]]:
    """Each ``WHERE {`` of ``query`` (outside comments, strings and IRIs), in order: the offset just
    after its brace and the variable names inside its group (nested groups included)."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(query)]
    found, open_at = [], []          # open_at: (token index of a WHERE's brace, depth)
    depth, names_by_clause = 0, []
    for i, (start, end, text) in enumerate(tokens):
        if text == "{":
            depth += 1
            if i and tokens[i - 1][2].upper() == "WHERE":
                found.append(end)
                names_by_clause.append(set())
                open_at.append((len(found) - 1, depth))
        elif text == "}":
            if open_at and open_at[-1][1] == depth:
                open_at.pop()
            depth -= 1
        elif text[0] in "?$":
            for clause, _ in open_at:
                names_by_clause[clause].add(text[1:])
    return list(zip(found, names_by_clause))


# the tokens of SPARQL in which a word is not a keyword, longest first: comments, strings,
# IRIs (no spaces inside, so ``?a < ?b`` is no IRI), variables and prefixed names; then words
_TOKEN = re.compile("|".join([
    r"#[^\n\r]*",
    r"'{3}(?:[^'\\]|\\.|'(?!''))*'{3}", r'"{3}(?:[^"\\]|\\.|"(?!""))*"{3}',
    r"'(?:[^'\\\n\r]|\\.)*'", r'"(?:[^"\\\n\r]|\\.)*"',
    r'<[^<>"{}|^`\\\x00-\x20]*>',
    r"[?$][\w\u00b7]+",
    r"[\w.\-]*:(?:[\w.\-:%]|\\.)*",  # a local name may hold escapes (ex:a\' is one name)
    r"(?P<word>\w+)",
    r"\S",
]), re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# the keyword followed by what a SERVICE call names (an IRI, a variable, a prefixed name),
# found anywhere, strings included: a second net under the scan, which refuses a query only
# when a string happens to hold such words
_SERVICE_CALL = re.compile(r"(?<![\w:?$\\])SERVICE\s+(?:SILENT\s+)?(?:<|[?$]|[A-Za-z_][\w.\-]*:|:)", re.IGNORECASE)


def calls_service(query: str) -> bool:
    """Whether ``query`` holds the keyword ``SERVICE`` (a call to another endpoint).

    A lexical scan, as a SPARQL parser reads the text: the word counts only
    outside strings, IRIs, comments, variables and prefixed names. The text
    is scanned as written and again with its ``\\u`` escapes decoded (SPARQL
    decodes them before parsing), so an escaped keyword is caught too.

    Examples
    --------
    >>> calls_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> calls_service("select * where { service silent <http://x/> { ?s ?p ?o } }")
    True
    >>> calls_service('SELECT ?service WHERE { ?s ex:SERVICE "SERVICE" } # SERVICE')
    False
    >>> calls_service(r"SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }")
    True
    >>> calls_service("SELECT * WHERE { BIND(ex:a\\' AS ?z) SERVICE <http://x/> { } BIND('x' AS ?q) }")
    True
    """
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    if _SERVICE_CALL.search(query) or _SERVICE_CALL.search(decoded):
        return True
    return any(m.group("word") and m.group("word").upper() == "SERVICE"
               for text in {query, decoded} for m in _TOKEN.finditer(text))


#: the deepest nesting of groups a query may have: deeper ones overflow the SPARQL engine's stack
MAX_NESTING = 100
_OPEN, _CLOSE = "{([", "})]"


def nesting_problem(query: str) -> str | None:
    """Why ``query`` nests too deep to run (brackets outside strings, IRIs and comments), or None.

    Examples
    --------
    >>> nesting_problem("ASK { { ?s ?p ?o } }") is None
    True
    >>> nesting_problem("ASK " + "{" * 500 + "}" * 500)
    'the query nests groups 500 deep; at most 100 are read'
    """
    depth = deepest = 0
    for match in _TOKEN.finditer(query):
        token = match.group()
        if token in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif token in _CLOSE:
            depth = max(depth - 1, 0)
    return f"the query nests groups {deepest} deep; at most {MAX_NESTING} are read" if deepest > MAX_NESTING else None


def refuse_service(query: str) -> None:
    """Raise :class:`QueryError` when ``query`` calls another endpoint (``SERVICE``)."""
    if calls_service(query):
        raise QueryError("the query calls another endpoint (SERVICE), which is off: a query could make this "
                         "machine send requests anywhere; allow it with --allow-service for federated queries")


# a position as SPARQL engines write it: Oxigraph "error at 3:14", Jena "line 3, column 14"
_POSITION = re.compile(r"(?P<at>error at )(?P<l1>\d+):(?P<c1>\d+)|(?P<line>line )(?P<l2>\d+), column (?P<c2>\d+)",
                       re.IGNORECASE)


def located(message: str, query: str, sent: str, lines_before: int = 0) -> str:
    """``message`` of an engine that read ``sent``, its positions (line and column) moved into ``query``.

    ``sent`` is ``query`` with its parameters bound (:func:`bind`), after
    ``lines_before`` lines of prefixes an endpoint is sent first, so an error
    is reported where it is in the text the user wrote. A position inside a
    bound ``VALUES`` block is the place of the block.

    Examples
    --------
    >>> query = "SELECT ?x WHERE { ?x a cca:Commitment }}"
    >>> located("Encountered '}' at line 3, column 62.", query, bind(query, {"x": "3"}), lines_before=2)
    "Encountered '}' at line 1, column 40."
    """
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, query, sent, autojunk=False).get_matching_blocks()
    sent_lines = sent.split("\n")

    def moved(match: re.Match) -> str:
        line = int(match["l1"] or match["l2"]) - lines_before
        column = int(match["c1"] or match["c2"])
        if not 1 <= line <= len(sent_lines):
            return match[0]
        offset = sum(len(each) + 1 for each in sent_lines[:line - 1]) + column - 1
        # the first block of the user's text that ends after the position: inside it, or after a bound block
        mine = next(a + max(offset - b, 0) for a, b, size in blocks if offset < b + size or not size)
        line = query.count("\n", 0, mine) + 1
        column = mine - query.rfind("\n", 0, mine)
        return f"{match['at']}{line}:{column}" if match["at"] else f"{match['line']}{line}, column {column}"

    return _POSITION.sub(moved, message)


def _evaluate(store: Store, query: str, params: Mapping[str, object] | None, allow_service: bool):
    if not allow_service:
        refuse_service(query)
    if problem := nesting_problem(query):
        raise QueryError(problem)
    sent = bind(query, params)
    try:
        return store.query(sent, prefixes=PREFIXES, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        raise QueryError(located(f"the query failed: {exc}", query, sent)) from exc


def run_select(store: Store, query: str, params: Mapping[str, object] | None = None, *,
               allow_service: bool = False) -> tuple[list[str], list[list]]:
    """Run the SELECT ``query`` on ``store``; return its variable names and its rows as lists.

    The rows :func:`run_sparql` puts in a DataFrame, for a caller that reshapes them anyway.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> run_select(open_store("out"), "SELECT ?g ?n WHERE { ?g cca:isoCode ?iso } LIMIT 1", {"iso": "MX"})
    (['g', 'n'], [['https://w3id.org/cca-graph/id/MX', None]])
    """
    result = _evaluate(store, query, params, allow_service)
    if not isinstance(result, QuerySolutions):
        raise QueryError("the query is not a SELECT query")
    return [v.value for v in result.variables], _solution_rows(result)


def run_sparql(store: Store, query: str, params: Mapping[str, object] | None = None, *,
               allow_service: bool = False) -> pd.DataFrame:
    """Run ``query`` on ``store``; return its rows as a DataFrame.

    Parameters
    ----------
    params : mapping, optional
        Variable name (without ``?``) -> value; bound with :func:`bind`.
    allow_service : bool
        Run a query that calls other endpoints (``SERVICE``); refused by default.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> store = open_store("out")
    >>> df = run_sparql(store, "SELECT ?g WHERE { ?g cca:isoCode ?iso }", {"iso": "MX"})
    >>> df["g"].tolist()
    ['https://w3id.org/cca-graph/id/MX']
    >>> run_sparql(store, "ASK { id:MX-JAL cca:partOf id:MX }")
       ask
    0  True
    """
    result = _evaluate(store, query, params, allow_service)
    if isinstance(result, QueryBoolean):
        return pd.DataFrame({"ask": [bool(result)]})
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        # object columns: a year stays 2050, not 2050.0, when another row leaves it unbound
        return pd.DataFrame(_solution_rows(result), columns=columns, dtype=object)
    rows = [[t.subject.value, t.predicate.value, term_value(t.object)] for t in result]
    return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
