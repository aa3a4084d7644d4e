"""The query catalogue: questions as files, run by name on any engine.

Each question is ``queries/<group>/<name>.rq`` and ``queries/<group>/<name>.cypher``
(and, for network questions, a networkx function in :mod:`cca_graph.query.networks`),
each file opening with a header of comment lines::

    # question: Which … ?
    # parameters: country (iso) — ISO 3166-1 alpha-2 code of the country
    # columns: country, government, …
    # no rows means: …

:func:`run` binds the parameters as parameters (never pasted), runs the
question, and returns a DataFrame with the header's columns in the header's
order, entity IRIs shortened to their ids, sorted by every column, so the same
question gives the same rows on every engine.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pyoxigraph import NamedNode, Store

from ..errors import QueryError, UnknownNameError
from ..ingest.model import ID
from ..resources import queries_dir

__all__ = ["Query", "catalogue", "get", "run_query", "ENGINES", "normalise_frame", "list_cells", "LIST_SEPARATOR"]

ENGINES = ("sparql", "cypher", "networkx")
_HEADER = re.compile(r"^\s*(?:#|//)\s*(question|parameters|columns|no rows means|engines)\s*:\s*(.*)$", re.I)
_PARAM = re.compile(r"\??\$?([A-Za-z_][A-Za-z0-9_]*)\s*\((iso|entity|text|int)(,\s*optional)?\)\s*(?:[—-]+\s*(.*))?")
#: separates the items of a list cell in SPARQL answers (GROUP_CONCAT); Cypher returns lists
LIST_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str          # iso: a country code; entity: a record id; text; int
    description: str = ""
    optional: bool = False


@dataclass
class Query:
    """One question of the catalogue."""

    name: str
    group: str
    question: str
    parameters: list[Parameter]
    columns: list[str]
    no_rows: str
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def engines(self) -> list[str]:
        return [e for e in ENGINES if e in self.files or (e == "networkx" and _networkx_function(self.name))]

    def text(self, engine: str) -> str:
        if engine not in self.files:
            raise UnknownNameError(f"engine for {self.name}", engine, self.engines)
        return self.files[engine].read_text(encoding="utf-8")


def _parse_header(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2).strip()
        elif line.strip() and not line.lstrip().startswith(("#", "//")):
            break
    return found


def _parameters(text: str) -> list[Parameter]:
    if not text or text.lower().startswith("none"):
        return []
    params = []
    for part in re.split(r";\s*", text):
        match = _PARAM.match(part.strip())
        if not match:
            raise QueryError(f"cannot read the parameter {part!r}: write 'name (iso|entity|text|int) — meaning'")
        params.append(Parameter(match.group(1), match.group(2), (match.group(4) or "").strip(), bool(match.group(3))))
    return params


def catalogue() -> dict[str, Query]:
    """Every question, by name."""
    found: dict[str, Query] = {}
    root = queries_dir()
    for path in sorted(root.glob("*/*.rq")) + sorted(root.glob("*/*.cypher")):
        name, engine = path.stem, "sparql" if path.suffix == ".rq" else "cypher"
        header = _parse_header(path)
        if name not in found:
            missing = [k for k in ("question", "columns") if k not in header]
            if missing:
                raise QueryError(f"{path}: the header lacks {', '.join(missing)}")
            found[name] = Query(name, path.parent.name, header["question"], _parameters(header.get("parameters", "")),
                                [c.strip() for c in header["columns"].split(",")], header.get("no rows means", ""))
        found[name].files[engine] = path
    return found


def get(name: str) -> Query:
    """The question ``name`` of the catalogue.

    Raises
    ------
    UnknownNameError
        For a name the catalogue lacks; the message lists the known ones.

    Examples
    --------
    >>> query = get("mandate-without-instrument")
    >>> query.group, [p.name for p in query.parameters], query.engines
    ('gaps', ['country', 'as_of'], ['sparql', 'cypher'])
    >>> get("scaled-down")
    Traceback (most recent call last):
    ...
    cca_graph.errors.UnknownNameError: unknown query 'scaled-down'; known: ...
    """
    queries = catalogue()
    if name not in queries:
        raise UnknownNameError("query", name, list(queries))
    return queries[name]


# -- results ------------------------------------------------------------------------

def _cell(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    # a list cell is split before its items are shortened: each item may be an IRI
    if isinstance(value, str) and LIST_SEPARATOR in value:
        value = [v for v in value.split(LIST_SEPARATOR) if v]
    if isinstance(value, str) and value.startswith(ID):
        return value[len(ID):]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(sorted({str(_cell(v)) for v in value if v is not None})) or None
    return value


def list_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each list cell (items joined with :data:`LIST_SEPARATOR`) as its items sorted and joined by ``; ``.

    >>> list_cells(pd.DataFrame({"source": ["b: p. 2\x1fa: p. 1", "a: p. 3"]}))["source"].tolist()
    ['a: p. 1; b: p. 2', 'a: p. 3']
    """
    def cell(value):
        if isinstance(value, str) and LIST_SEPARATOR in value:
            return "; ".join(sorted({v for v in value.split(LIST_SEPARATOR) if v}))
        return value

    if not len(df):
        return df
    # column by column into object columns: a year beside a blank stays a whole number
    return pd.DataFrame({c: [cell(v) for v in df[c]] for c in df.columns}, columns=df.columns, dtype=object)


def normalise_frame(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``df`` with exactly ``columns``, cells made comparable across engines, rows sorted."""
    _check_columns(list(df.columns), columns)
    return _normalised([df[c].tolist() for c in columns], columns)


def _check_columns(returned: list[str], columns: list[str]) -> None:
    missing = [c for c in columns if c not in returned]
    if missing:
        raise QueryError(f"the query returned no column {', '.join(missing)} (header promises {', '.join(columns)})")


def _column_cells(values: list) -> list:
    # most cells are text that is not a list, an IRI or a whole number: read without _cell's checks
    # (as _cell reads them: an IRI shortened to its id, a whole number kept)
    start = len(ID)
    return [(v[start:] if v.startswith(ID) else v) if type(v) is str and LIST_SEPARATOR not in v
            else v if type(v) is int else _cell(v) for v in values]


def _sort_key(value) -> str:
    return "" if value is None else f"{value:020.6f}" if isinstance(value, (int, float)) else str(value)


def _normalised(cells_by_column: list[list], columns: list[str]) -> pd.DataFrame:
    """The frame of ``columns`` from each column's raw cells: cells made comparable, rows sorted by
    every column (a number by its fixed-width text, a blank first), ties kept in the order given."""
    cells = [_column_cells(values) for values in cells_by_column]
    keys = list(zip(*[[v if type(v) is str else _sort_key(v) for v in column] for column in cells]))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    # column by column into object columns: a year beside a blank stays a whole number
    return pd.DataFrame({c: [column[i] for i in order] for c, column in zip(columns, cells)}, columns=columns,
                        dtype=object)


# -- engines -------------------------------------------------------------------------

def _check_parameters(query: Query, params: dict, store: Store | None) -> dict:
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(params) - set(known))
    if unknown and not known:
        raise QueryError(f"{query.name} takes no parameters (got --{unknown[0].replace('_', '-')})")
    if unknown:
        raise UnknownNameError(f"parameter of {query.name}", unknown[0], list(known))
    params = {k: v for k, v in params.items() if v not in (None, "")}
    missing = [p for p in known if p not in params and not known[p].optional]
    if missing:
        raise QueryError(f"{query.name} needs --{missing[0].replace('_', '-')} ({known[missing[0]].description})")
    for p in query.parameters:
        if p.name in params and p.kind == "int":
            try:
                params[p.name] = int(str(params[p.name]).strip())
            except ValueError:
                raise QueryError(f"--{p.name.replace('_', '-')} takes a whole number (got {params[p.name]!r})") from None
        elif p.name in params and p.kind == "iso":
            params[p.name] = _country_code(store, params[p.name])
        elif p.name in params and p.kind == "entity":
            params[p.name] = _entity_id(store, params[p.name])
    return params


def _fold(text: str) -> str:
    """``text`` as compared when people type names: case, accents and spacing ignored."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", str(text))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _country_code(store: Store | None, given) -> str:
    """The ISO code of the country ``given`` as a code in any case (mx, MX) or an English name (Mexico)."""
    text = str(given).strip()
    if store is None:
        return text.upper()
    from ..graph.sparql import run_select, run_sparql

    # a code is checked in one lookup: every country's labels in a DataFrame cost a question its first
    # hundredths of a second (a frame of text builds its first column slowly)
    if run_select(store, """SELECT ?g WHERE { ?g cca:isoCode ?iso ;
                              cca:level <https://w3id.org/cca-graph/id/level/national> } LIMIT 1""",
                  {"iso": text.upper()})[1]:
        return text.upper()
    countries = run_sparql(store, """SELECT DISTINCT ?iso ?label WHERE { ?g cca:isoCode ?iso ;
                                      cca:level <https://w3id.org/cca-graph/id/level/national> .
                                      OPTIONAL { ?g rdfs:label ?label . FILTER (LANGMATCHES(LANG(?label), "en")) } }""")
    codes = set(countries["iso"])
    if text.upper() in codes:
        return text.upper()
    import pycountry

    by_name = {_fold(label): iso for iso, label in zip(countries["iso"], countries["label"]) if isinstance(label, str)}
    if _fold(text) in by_name:
        return by_name[_fold(text)]
    real = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if real is None and len(text) > 3:
        try:
            real = pycountry.countries.lookup(text)
        except LookupError:
            real = None
    if real is not None and real.alpha_2 in codes:
        return real.alpha_2
    why = (f"{text!r} is a country ({real.name}) the graph holds nothing about" if real
           else f"{text!r} is neither an ISO 3166-1 alpha-2 code nor the name of a country in the graph")
    raise UnknownNameError("country", text, sorted(codes), why=why)


def _entity_id(store: Store | None, given) -> str:
    """The record id ``given`` as its id in any case (mx-jal) or the English name of a government (Jalisco)."""
    text = str(given).strip()
    if store is None:
        return text
    try:
        if any(True for _ in store.quads_for_pattern(NamedNode(ID + text), None, None)):
            return text
    except ValueError:
        pass  # not an id (a name with spaces): look it up by name below
    from ..graph.sparql import run_sparql

    rows = run_sparql(store, """SELECT DISTINCT ?g ?label WHERE { ?g a cca:Government .
                                OPTIONAL { ?g rdfs:label ?label . FILTER (LANGMATCHES(LANG(?label), "en")) } }""")
    ids = {g[len(ID):] for g in rows["g"]}
    folded = _fold(text)
    matches = sorted({g for g in ids if _fold(g) == folded})
    if not matches:
        matches = sorted({g[len(ID):] for g, label in zip(rows["g"], rows["label"])
                          if isinstance(label, str) and _fold(label) == folded})
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise QueryError(f"{text!r} names {len(matches)} governments: {', '.join(matches)}; give the id")
    raise QueryError(f"no record with id {text!r} in the graph, and no government of that name")


def _sparql_params(query: Query, params: dict) -> dict:
    kinds = {p.name: p.kind for p in query.parameters}
    return {k: NamedNode(ID + str(v)) if kinds[k] == "entity" else (int(v) if kinds[k] == "int" else str(v))
            for k, v in params.items()}


def _cypher_params(query: Query, params: dict) -> dict:
    """Every parameter of the question: an optional one not given is null."""
    kinds = {p.name: p.kind for p in query.parameters}
    given = {k: ID + str(v) if kinds[k] == "entity" else (int(v) if kinds[k] == "int" else str(v))
             for k, v in params.items()}
    return {p.name: given.get(p.name) for p in query.parameters}


def _networkx_function(name: str) -> Callable | None:
    from . import networks

    return networks.FUNCTIONS.get(name)


def run_query(name: str, engine: str = "sparql", *, store: Store | None = None, out: Path | str = "out",
        uri: str | None = None, driver=None, graph=None, endpoint: str | None = None, user: str | None = None,
        password: str | None = None, **params) -> pd.DataFrame:
    """Run the catalogue question ``name`` on ``engine``; return its rows.

    Parameters
    ----------
    engine : {"sparql", "cypher", "networkx"}
        ``sparql`` runs on ``store`` (default: the store of ``out``), or at
        ``endpoint``; ``cypher`` on the Bolt server at ``uri`` (or ``driver``),
        which must hold the pushed graph; ``networkx`` on ``graph`` (default:
        the projection of ``store``).
    endpoint : str, optional
        The URL of a SPARQL endpoint holding the pushed graph (``push --sparql``)
        to ask instead of a store. The parameters are read against what it
        holds, as against a store, so the rows are those a local run gives.
    user, password : str, optional
        The login ``endpoint`` asks for (HTTP Basic), as the push gives it; none when ``user`` is None.
    **params
        The question's parameters (``country="MX"``, ``government="MX-JAL"``).

    Raises
    ------
    UnknownNameError
        For an unknown question, engine, parameter or country code.
    QueryError
        For an endpoint asked with another engine than ``sparql``, or that refuses the question.

    Examples
    --------
    >>> from cca_graph import open_store
    >>> df = run_query("scaled-up", store=open_store("out"))
    >>> sorted(set(df["country"]))
    ['CA', 'IN', 'JP']
    >>> run_query("mandate-without-instrument", store=open_store("out"), country="XX")
    Traceback (most recent call last):
    ...
    cca_graph.errors.UnknownNameError: 'XX' is neither an ISO 3166-1 alpha-2 code nor the name of a country in the graph; known: ...

    The same question at a SPARQL store the graph was pushed to (``push --sparql``):

    >>> run_query("mandate-without-instrument", endpoint="http://127.0.0.1:3030/cca/query", country="Mexico")  # doctest: +SKIP
    """
    query = get(name)
    if endpoint is not None:
        if engine != "sparql":
            raise QueryError(f"an endpoint is asked in SPARQL, not {engine}")
        return _ask_endpoint(query, endpoint, params, user, password)
    # a file answers for sparql and cypher; networkx (slow to import) is asked only when it is the engine
    if engine not in query.files and not (engine == "networkx" and _networkx_function(name)):
        raise UnknownNameError(f"engine for {name}", engine, query.engines)
    if store is None and engine in ("sparql", "networkx"):
        from ..graph.store import open_store

        store = open_store(out)
    params = _check_parameters(query, params, store)
    if engine == "sparql":
        from ..graph.sparql import run_select

        # the rows as lists, normalised without a DataFrame between: a question of thousands of rows
        # spent more time in building and reading that frame than in its query
        returned, rows = run_select(store, query.text("sparql"), _sparql_params(query, params))
        _check_columns(returned, query.columns)
        positions = [returned.index(c) for c in query.columns]
        return _normalised([[row[i] for row in rows] for i in positions], query.columns)
    if engine == "cypher":
        df = _run_cypher(query, params, uri, driver)
    else:
        from ..project.nxgraph import to_networkx

        df = _networkx_function(name)(graph if graph is not None else to_networkx(store), **params)
    return normalise_frame(df, query.columns)


def _ask_endpoint(query: Query, endpoint: str, params: dict, user: str | None, password: str | None) -> pd.DataFrame:
    """The rows of ``query`` asked at the SPARQL endpoint ``endpoint`` (as ``user``, when given).

    A country or government as people type it is read against a small store of
    what the endpoint holds (:func:`~cca_graph.project.sparql_http.lookup_store`),
    so it is read as against a local store.
    """
    from ..project.sparql_http import check_url, lookup_store, select

    if "sparql" not in query.engines:
        raise QueryError(f"{query.name} has no SPARQL text to ask an endpoint (engines: {', '.join(query.engines)})")
    check_url(endpoint)
    kinds = {p.name: p.kind for p in query.parameters if params.get(p.name) not in (None, "")}
    lookups = lookup_store(endpoint, countries="iso" in kinds.values(),
                           governments=[params[n] for n, kind in kinds.items() if kind == "entity"],
                           user=user, password=password)
    checked = _check_parameters(query, params, lookups)
    rows = select(endpoint, query.text("sparql"), _sparql_params(query, checked), user=user, password=password)
    return normalise_frame(rows, query.columns)


def _run_cypher(query: Query, params: dict, uri: str | None, driver) -> pd.DataFrame:
    from ..project.bolt import bolt_errors, connect

    own = driver is None
    if own:
        if not uri:
            raise QueryError("the cypher engine needs --uri of a Bolt server holding the pushed graph")
        driver = connect(uri)
    try:
        with bolt_errors(uri or "the driver's server"), driver.session() as session:
            records = [dict(r) for r in session.run(query.text("cypher"), **_cypher_params(query, params))]
    finally:
        if own:
            driver.close()
    return pd.DataFrame(records, columns=query.columns) if not records else pd.DataFrame(records)
