"""The ``cca-graph`` command line: a thin layer over the library.

Each command parses its options and calls one library function; errors from
the library become ``Error: …`` and a non-zero exit only here.
"""
from __future__ import annotations

import errno
import functools
import json
import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from . import __version__
from .errors import CcaError, InputError
from .safety import printable

__all__ = ["main", "cli"]

def _deprecated(old: str, new: str) -> None:
    click.echo(f"Note: {old} is deprecated here; use {new}.", err=True)


def _renamed(new_name: str, new_flag: str, old_flag: str | None, default, **option):
    """An option ``new_flag`` that also answers to the old spelling ``old_flag``.

    The old spelling is hidden from the help and prints a one-line note when
    used; giving both with different values is a usage error.
    """
    legacy = f"_legacy_{new_name}"

    def decorate(f):
        @functools.wraps(f)
        def command(*args, **kwargs):
            old = kwargs.pop(legacy, None)
            if old is not None:
                _deprecated(old_flag, new_flag)
                source = click.get_current_context().get_parameter_source(new_name)
                if source is ParameterSource.COMMANDLINE and kwargs[new_name] != old:
                    raise click.UsageError(f"{new_flag} and {old_flag} name different places; give {new_flag} only")
                kwargs[new_name] = old
            return f(*args, **kwargs)

        if old_flag:
            command = click.option(old_flag, legacy, hidden=True, default=None, type=option.get("type"))(command)
        option.setdefault("show_default", default is not None)
        return click.option(new_flag, new_name, default=default, **option)(command)
    return decorate


_GRAPH_HELP = ("The graph folder: it holds the store (DIR/store), imports and exports.  "
               "[default: out, or [graph] default in cca-graph.toml]")
_GRAPH_TYPE = click.Path(file_okay=False)


def _config(uses: tuple[str, ...] = ("graph", "stores", "defaults")):
    """The configuration in force (cca-graph.toml and CCA_GRAPH_* variables), read when first needed.

    ``uses``: the sections the verb reads; problems in the others do not stop it.
    """
    root = click.get_current_context().find_root()
    key = "config:" + ",".join(uses)
    if key not in root.meta:
        from .project.config import load_config

        root.meta[key] = load_config(root.params.get("config_path"), uses=uses)
    return root.meta[key]


def _default_graph() -> str:
    return _config(("graph",)).graph or "out"


def _given(name: str) -> bool:
    """Whether the option ``name`` (or its old spelling) was on the command line."""
    ctx = click.get_current_context()
    return ParameterSource.COMMANDLINE in (ctx.get_parameter_source(name), ctx.get_parameter_source(f"_legacy_{name}"))


# verbs where --out used to name the graph folder
_GRAPH = _renamed("graph", "--graph", "--out", _default_graph, metavar="DIR", type=_GRAPH_TYPE, help=_GRAPH_HELP,
                  show_default=False)
# verbs that always took --graph (and used --out for the file they write)
_GRAPH_ONLY = _renamed("graph", "--graph", None, _default_graph, metavar="DIR", type=_GRAPH_TYPE, help=_GRAPH_HELP,
                       show_default=False)


def _store_option(verb: str, what: str):
    """``--store NAME``: a store of the configuration, for ``verb``."""
    return click.option("--store", "store_name", metavar="NAME", default=None,
                        help=f"{what}: a store named in cca-graph.toml (kind sparql, bolt or local). Default: "
                             f"$CCA_GRAPH_DEFAULTS_{verb.upper()}, else $CCA_GRAPH_STORE, else [defaults] {verb} "
                             "of the file. Flags given beside it win over its keys.")


def _to(help: str):
    """``--to PATH``: the file a verb writes (``--out`` before)."""
    return _renamed("to", "--to", "--out", None, metavar="PATH", type=click.Path(dir_okay=False), help=help)


_CASES = click.option("--cases", "cases", multiple=True, type=click.Path(exists=True, file_okay=False),
                      help="A case root (sources.yaml + one folder per case). Repeatable. "
                           "Default: the bundled case material.")


#: the verbs that write (a store, files or a server): only they say that nothing was
_WRITERS = {"build", "import", "export", "push", "view", "site", "brief"}


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            if exc.option_name != "--config":
                raise
            # an option of cca-graph itself, given after the verb: say where it goes
            raise click.UsageError(f"--config goes before the verb: cca-graph --config PATH {ctx.invoked_subcommand} …",
                                   ctx=exc.ctx) from None
        except InputError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            n = len(exc.problems)
            written = "; nothing was written" if ctx.invoked_subcommand in _WRITERS else ""
            click.echo(f"Error: {n} problem{'s' if n != 1 else ''} found{written}.", err=True)
            ctx.exit(1)
        except CcaError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            _quiet_stdout()  # the reader went away (| head): nothing more to say
            ctx.exit(1)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EPIPE) or getattr(exc, "filename", None) is None:
                _quiet_stdout()  # stdout itself may be what failed; nothing more goes there
            click.echo(f"Error: {_os_message(exc)}", err=True)
            ctx.exit(1)
        except MemoryError:
            click.echo("Error: out of memory; nothing was published (earlier outputs are intact)", err=True)
            ctx.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _os_message(exc: OSError) -> str:
    """One line for an error of the operating system: the path, what went wrong, what it means."""
    reason = exc.strerror or printable(str(exc)) or exc.__class__.__name__
    where = " -> ".join(printable(str(name)) for name in (exc.filename, exc.filename2) if name is not None)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason += "; what was there before is intact (free some space and run again)"
    elif exc.errno == errno.ELOOP:
        reason += " (a symbolic link that points back at itself)"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason += " (check the file's permissions)"
    if not where and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EPIPE):
        where = "standard output"  # the one file written without a name
    return f"{where}: {reason}" if where else reason


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cca-graph")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False), default=None,
              help="The configuration file. Default: $CCA_GRAPH_CONFIG, else ./cca-graph.toml if there is one.")
def cli(config_path):
    """A knowledge graph of collaborative climate action.

    Where the graph lives and which servers it goes to may be set in a
    cca-graph.toml (the graph folder, named stores, the store each verb
    uses). Precedence: a flag, then an environment variable (CCA_GRAPH_…),
    then the file, then the built-in default. See docs/configuration.md.

    \b
    Example:
        cca-graph build && cca-graph stats
        cca-graph --config lab.toml push --store fuseki
    """


@cli.command()
@_GRAPH
@_CASES
@click.option("--quiet", is_flag=True, help="Print only where the store is, not the summary.")
@click.option("--timings", is_flag=True, help="Also print the seconds each stage took.")
def build(graph, cases, quiet, timings):
    """Build the graph from case material into GRAPH/store.

    Every record is checked; on any problem nothing is published and the
    previous store stays as it was.

    \b
    Example:
        cca-graph build --graph out
    """
    from .graph.build import build as run_build
    from .graph.store import open_store
    from .present.stats import stats

    result = run_build(graph, cases or None, progress=True)
    click.echo(f"Built {result.quads} quads from {sum(result.records_per_case.values())} records "
               f"in {len(result.records_per_case)} cases.")
    if timings:
        click.echo("Stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items()))
    if not quiet:
        click.echo("")
        click.echo(stats(open_store(graph)).as_text())
    click.echo(f"Store: {Path(graph) / 'store'}  (query it with: cca-graph query --graph {graph} --sparql '…')")


@cli.command()
@_CASES
@click.option("--no-shacl", is_flag=True, help="Check records only, skip SHACL validation.")
@click.option("--shacl-engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="Run the shapes as SPARQL inside Oxigraph, or with pySHACL (the reference, slower).")
def validate(cases, no_shacl, shacl_engine):
    """Check case material and report every problem as path:line: field: message.

    \b
    Example:
        cca-graph validate --cases my-cases/
    """
    from .graph.build import validate as run_validate

    reader = run_validate(cases or None, shacl=not no_shacl, progress=True, engine=shacl_engine)
    click.echo(f"OK: {sum(reader.records_per_case.values())} records in {len(reader.records_per_case)} cases, "
               f"{len(reader.sources)} sources.")


@cli.command()
@_GRAPH
@click.option("--format", "formats", multiple=True, default=("all",), show_default=True,
              help="turtle, trig, nquads, jsonld, csv, neo4j-admin, graphml, parquet or all. Repeatable.")
@click.option("--to", "folder", metavar="DIR", type=click.Path(file_okay=False), default=None,
              help="Folder to write into (default: GRAPH/export).")
def export(graph, formats, folder):
    """Write the built graph as Turtle, TriG, N-Quads, JSON-LD, CSV tables,
    neo4j-admin import files, GraphML or Parquet tables.

    Outputs are sorted, so the same graph always gives the same bytes.

    \b
    Example:
        cca-graph export --format trig --format csv
        cca-graph export --format parquet --to /tmp/tables
    """
    from .exports import export as run_export
    from .graph.store import open_store

    folder = Path(folder) if folder else Path(graph) / "export"
    for path in run_export(open_store(graph), formats, folder, progress=True):
        click.echo(f"wrote {path}")


@cli.command()
@_GRAPH
@click.argument("query", required=False)
@click.option("--sparql", "text", help="The query text, instead of a catalogue name or a .rq file.")
@click.option("--country", default=None,
              help="Catalogue questions: the country, as its ISO 3166-1 alpha-2 code (any case) or English name.")
@click.option("--government", default=None,
              help="Catalogue questions: the government, as its id (e.g. MX-JAL, any case) or English name.")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="Gap questions: judge every fact as of YEAR (default: as of the year of its source).")
@click.option("--engine", type=click.Choice(["sparql", "cypher", "networkx"]), default="sparql", show_default=True,
              help="Catalogue questions: where to run them.")
@click.option("--uri", default=None, help="Bolt URI for --engine cypher (the graph pushed there first).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Ask the SPARQL endpoint at URL (e.g. http://127.0.0.1:3030/cca/query, the graph pushed there "
                   "with push --sparql) instead of the local store.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to the literal VALUE. Repeatable.")
@click.option("--iri", "iris", multiple=True, metavar="NAME=IRI",
              help="Bind ?NAME to the IRI. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--allow-service", is_flag=True,
              help="Let the query call other endpoints (SERVICE, federated queries). Off by default: "
                   "a query holding SERVICE is refused, as it would send requests to any URL it names.")
@click.option("--user", default=None,
              help="Log in to the endpoint or Bolt server as USER  [default: the store's user; none: no login].")
@click.option("--password-env", default=None, metavar="NAME",
              help="Environment variable holding the password  [default: the store's password_env, else "
                   "SPARQL_PASSWORD, or NEO4J_PASSWORD for a Bolt server].")
@_store_option("query", "Where to ask (unless --endpoint, --uri or --graph says)")
def query(graph, query, text, country, government, as_of, engine, uri, endpoint, params, iris, fmt, allow_service,
          user, password_env, store_name):
    """Ask a question: a catalogue name (see `cca-graph queries`), a .rq file, or --sparql.

    Catalogue questions take --country or --government and run on SPARQL,
    Cypher (--uri) or networkx. Ad-hoc SPARQL sees the union of all named
    graphs as the default graph, with cca:, org:, dcterms:, skos:, rdfs: …
    predeclared. Locally a triple that two named graphs hold matches twice
    (Fuseki: once): count with COUNT(DISTINCT ?x), as in the last example.
    A note on stderr names the server whenever one answers.

    \b
    Example:
        cca-graph query mandate-without-instrument --country MX
        cca-graph query reporting-gap --country Indonesia --as-of 2023
        cca-graph query brokers --endpoint http://127.0.0.1:3030/cca/query
        cca-graph query brokers --endpoint http://db.example.org/cca/query --user reader --password-env SPARQL_PASSWORD
        cca-graph query brokers --store fuseki   # a store of cca-graph.toml
        cca-graph query --sparql 'SELECT ?g WHERE { ?g cca:isoCode ?iso }' --param iso=MX
        cca-graph query --sparql 'SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a cca:Commitment }'
    """
    from pyoxigraph import NamedNode

    from .graph.sparql import read_query, run_sparql
    from .graph.store import open_store

    if bool(query) == bool(text):
        raise click.UsageError("give a catalogue name, a .rq file or --sparql (one of them)")
    place = _query_store(store_name, bool(text) or Path(query).is_file(), endpoint, uri, engine)
    login, password = _query_login(place, endpoint, uri, user, password_env)
    driver = None
    if place is not None and place.kind == "sparql":
        endpoint = endpoint or place.endpoint
    elif place is not None and place.kind == "bolt":
        engine, uri = "cypher", uri or place.uri
    elif place is not None and not _given("graph"):
        graph = place.graph
    if endpoint and (engine != "sparql" or uri):
        raise click.UsageError("--endpoint asks a SPARQL endpoint; --engine and --uri are for the local store "
                               "and a Bolt server")
    if uri and login:
        from .project.bolt import connect

        driver = connect(uri, login, password)
    bound = {}
    for option, items, make in (("--param", params, str), ("--iri", iris, NamedNode)):
        for item in items:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise click.UsageError(f"{option} takes NAME=VALUE, got {item!r}")
            try:
                bound[name.lstrip("?$")] = make(value)
            except ValueError as exc:
                raise click.UsageError(f"{option} {item!r}: {exc}") from exc
    if query and not Path(query).is_file():
        from .query.catalogue import run_query

        named = {k: v for k, v in {"country": country, "government": government, "as_of": as_of}.items()
                 if v is not None}
        store = None
        if not endpoint and (engine != "cypher" or named.get("country")):
            store = open_store(graph)  # for cypher, only to check the country exists
        try:
            df = run_query(query, engine, store=store, out=graph, uri=uri, endpoint=endpoint, driver=driver,
                           user=login if endpoint else None, password=password, **named,
                           **{k: str(v) for k, v in bound.items()})
        finally:
            if driver is not None:
                driver.close()
    else:
        import re

        from .query.catalogue import list_cells

        sparql = read_query(query) if query else text
        for name in bound:  # a parameter the query never uses would leave it unfiltered: every row
            if not re.search(rf"[?$]{re.escape(name)}(?![\w\u00b7])", sparql):
                raise click.UsageError(f"the query has no variable ?{name} to bind (--param/--iri {name}=…)")
        if endpoint:
            from .graph.sparql import refuse_service
            from .project.sparql_http import select

            if not allow_service:
                refuse_service(sparql)
            df = list_cells(select(endpoint, sparql, bound, user=login, password=password))
        else:
            df = list_cells(run_sparql(open_store(graph), sparql, bound, allow_service=allow_service))
    if note := _answered_by(place, endpoint, uri):
        click.echo(note, err=True)  # stdout holds the rows only
    if fmt == "csv":
        from .exports.csv_tables import frame_to_csv

        click.echo(frame_to_csv(df), nl=False)  # a cell that would run as a spreadsheet formula gets an apostrophe
    elif fmt == "json":
        records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        shown = df.astype(object).where(df.notna(), "")
        # a cell may hold what a terminal would act on (ESC sequences): shown escaped
        shown = shown.map(lambda v: printable(v) if isinstance(v, str) else v)
        click.echo(shown.to_string(index=False) if len(df) else "(no rows)")


#: the engines each kind of store answers
_ENGINES_OF = {"sparql": ("sparql",), "bolt": ("cypher",), "local": ("sparql", "networkx")}


def _query_store(store_name, adhoc: bool, endpoint, uri, engine):
    """The store of the configuration a question goes to, or None for the command line's place.

    ``--store`` names it; without it the configured default, unless the command
    line names a place (--endpoint, --uri, --graph) or an engine the default
    store does not answer.
    """
    if store_name:
        place = _config().store(store_name)
    elif endpoint or uri or _given("graph"):
        return None
    else:
        place = _config().default_store("query")
        if place is None or (_given("engine") and engine not in _ENGINES_OF[place.kind]):
            return None
    name = place.name
    if _given("engine") and engine not in _ENGINES_OF[place.kind]:
        raise click.UsageError(f"store {name} ({place.kind}) answers --engine {' or '.join(_ENGINES_OF[place.kind])}, "
                               f"not {engine}")
    if place.kind == "sparql" and uri:
        raise click.UsageError(f"--uri names a Bolt server; store {name} is a SPARQL store")
    if place.kind == "bolt" and (endpoint or adhoc):
        raise click.UsageError(f"store {name} is a Bolt server: it answers catalogue questions in Cypher, "
                               "not SPARQL text or --endpoint")
    return place


def _answered_by(place, endpoint, uri) -> str | None:
    """Which server answered a question, as a note says it; None for the local store.

    A default store of cca-graph.toml sends a plain ``query NAME`` to a server:
    the note keeps its rows from being mistaken for the local store's.
    """
    from .project.bolt import shown_uri

    if endpoint:
        what, named = f"the SPARQL endpoint {shown_uri(endpoint)}", place is not None and place.endpoint == endpoint
    elif uri:
        what, named = f"the Bolt server {shown_uri(uri)}", place is not None and place.uri == uri
    else:
        return None
    return f"Note: answered by {f'store {place.name}, ' if named else ''}{what}, not the local store."


def _query_login(place, endpoint, uri, user, password_env) -> tuple[str | None, str | None]:
    """The user and password a question is asked with: the flags over the store's keys, as for push.

    None and None for the local store, or a server asked without a user.
    """
    from .project.config import StoreConfig

    kind = "sparql" if endpoint else "bolt" if uri else place.kind if place is not None else "local"
    if kind == "local":
        if user or password_env:
            raise click.UsageError("--user and --password-env go with --endpoint, --uri or a sparql or bolt store")
        return None, None
    own = place if place is not None and place.kind == kind else StoreConfig("", kind)
    login = own.overridden(user=user, password_env=password_env)
    default_env = "SPARQL_PASSWORD" if kind == "sparql" else "NEO4J_PASSWORD"
    _password_from(login.password_place(default_env, password_env))
    return login.user, login.password(default_env)


def _password_from(where: str) -> None:
    """A refused login of this command names ``where`` as the place of the password."""
    from .project.sparql_http import password_from

    click.get_current_context().with_resource(password_from(where))


@cli.command()
def queries():
    """List the catalogue: each question's name, group, parameters, engines and question.

    \b
    Example:
        cca-graph queries
    """
    from .query.catalogue import catalogue

    for q in catalogue().values():
        params = ", ".join(f"--{p.name.replace('_', '-')}" + (" (optional)" if p.optional else "")
                           for p in q.parameters) or "-"
        click.echo(f"{q.group}/{q.name}  [{params}]  ({', '.join(q.engines)})")
        click.echo(f"    {q.question}")


@cli.command()
@_GRAPH
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--allow-service", is_flag=True,
              help="Let queries call other endpoints (SERVICE, federated queries). Off by default: such "
                   "queries are refused, as the server would send requests to any URL they name.")
def serve(graph, port, host, allow_service):
    """Serve the built store read-only as a SPARQL 1.1 endpoint (Oxigraph server).

    Queries see the union of all named graphs as the default graph. Updates
    and queries calling other endpoints (SERVICE) are refused; no CORS
    headers are sent. After a build or an import the endpoint answers from
    the new store. Stop it with Ctrl-C. See docs/security.md.

    \b
    Example:
        cca-graph serve --port 7878   # then query http://127.0.0.1:7878/query
    """
    from .graph.server import serve as run_serve

    run_serve(graph, host=host, port=port, allow_service=allow_service,
              announce=lambda url: click.echo(f"SPARQL endpoint: {url}", err=True))


@cli.command()
@_GRAPH
@click.option("--uri", default=None, help="Bolt URI of the server (bolt:// or neo4j://, +s or +ssc for TLS)  "
                                          "[default: the uri of the store pushed to].")
@click.option("--sparql", "sparql_url", default=None, metavar="URL",
              help="Push the RDF graph to this SPARQL 1.1 store instead: the dataset's base URL "
                   "(http://127.0.0.1:3030/cca), written by the Graph Store Protocol: each named graph aside, then all "
                   "put in place by one update request (after --wipe, each in its place at once).")
@click.option("--gsp-url", default=None, metavar="URL",
              help="--sparql: the Graph Store Protocol endpoint, when not URL/data (Oxigraph server: /store).")
@click.option("--query-url", default=None, metavar="URL",
              help="--sparql: the query endpoint, when not URL/query (the push counts the triples there).")
@click.option("--update-url", default=None, metavar="URL",
              help="--sparql: the update endpoint, when not URL/update (it puts the graphs in place, and --wipe's DROP ALL).")
@click.option("--user", default=None, help="User name (none: no authentication).")
@click.option("--password-env", default=None, metavar="NAME",
              help="Environment variable holding the password  [default: the store's password_env, else "
                   "NEO4J_PASSWORD, or SPARQL_PASSWORD with --sparql].")
@click.option("--database", default=None, help="Bolt: the database name (the server's default if not given).")
@click.option("--wipe", is_flag=True, help="Delete everything in the database (with --sparql: DROP ALL) first.")
@click.option("--batch-size", default=None, type=click.IntRange(min=1),
              help="Bolt: rows per batch to start with, tuned as it goes  [default: 1000]; "
                   "--sparql: triples per request  [default: 100000].")
@_store_option("push", "Where to push (unless --uri or --sparql says)")
def push(graph, uri, sparql_url, gsp_url, query_url, update_url, user, password_env, database, wipe, batch_size,
         store_name):
    """Push the graph to a server, idempotently: the property-graph projection to
    a Neo4j (Bolt) server, or with --sparql the RDF graph to a SPARQL 1.1 store.

    \b
    Example:
        cca-graph push --uri bolt://127.0.0.1:7687 --wipe
        cca-graph push --sparql http://127.0.0.1:3030/cca
        cca-graph push --sparql http://db.example.org/cca --user loader --password-env SPARQL_PASSWORD
        cca-graph push --store fuseki   # a store of cca-graph.toml
    """
    import os

    from .graph.store import open_store
    from .project.config import StoreConfig

    sparql_flags = [flag for flag, value in (("--gsp-url", gsp_url), ("--query-url", query_url),
                                             ("--update-url", update_url)) if value is not None]
    bolt_flags = [flag for flag, value in (("--uri", uri), ("--database", database)) if value is not None]
    if store_name:
        place = _config().store(store_name)
    elif uri is None and sparql_url is None:
        place = _config().default_store("push")
    else:
        place = None
    if place is None:  # the command line says where, as it always did
        if sparql_url is None and sparql_flags:
            raise click.UsageError(f"{sparql_flags[0]} goes with --sparql URL")
        if sparql_url is not None and bolt_flags:
            raise click.UsageError("--sparql pushes to a SPARQL store; --uri and --database are for a Bolt server")
        if uri is None and sparql_url is None:  # a server nobody named could be anybody's
            raise click.UsageError("no server to push to: give --uri bolt://HOST:PORT, --sparql URL or "
                                   "--store NAME, or name a store in [defaults] push of cca-graph.toml"
                                   + _local_store_note())
        place = StoreConfig("", "sparql" if sparql_url else "bolt")
    elif place.kind == "local":
        raise click.UsageError(f"store {place.name} is a local graph folder; push goes to a sparql or bolt store")
    elif place.kind == "sparql" and bolt_flags:
        raise click.UsageError(f"store {place.name} is a SPARQL store; {bolt_flags[0]} is for a Bolt server")
    elif place.kind == "bolt" and (sparql_url or sparql_flags):
        flag = "--sparql" if sparql_url else sparql_flags[0]
        raise click.UsageError(f"store {place.name} is a Bolt server; {flag} is for a SPARQL store")
    place = place.overridden(url=sparql_url, gsp_url=gsp_url, query_url=query_url, update_url=update_url, uri=uri,
                             user=user, password_env=password_env, database=database)
    default_env = "SPARQL_PASSWORD" if place.kind == "sparql" else "NEO4J_PASSWORD"
    if place.user and (place.password_env or default_env) not in os.environ:
        who = f"--user {place.user}" if user else f"store {place.name}'s user {place.user}"
        raise click.UsageError(f"{who} needs its password in the environment variable "
                               f"{place.password_env or default_env}, which is not set (or name another with "
                               "--password-env)")
    password = place.password(default_env)
    _password_from(place.password_place(default_env, password_env))
    if place.kind == "sparql":
        _push_sparql(open_store(graph), place.url, place.gsp_url, place.query_url, place.update_url, place.user,
                     password, wipe, batch_size)
    else:
        _push_bolt(open_store(graph), place.uri, place.user, password, place.database, wipe, batch_size, graph)


def _local_store_note() -> str:
    """Why $CCA_GRAPH_STORE, when it names a local store, did not say where to push."""
    from .project.config import STORE_ENV

    named = _config().stores.get(os.environ.get(STORE_ENV, ""))
    if named is None or named.kind != "local":
        return ""
    return f" ({STORE_ENV} names {named.name}, a local graph folder: a store to ask, not to push to)"


def _push_bolt(store, uri, user, password, database, wipe, batch_size, graph) -> None:
    from .graph.store import store_path
    from .project.bolt import push as run_push

    # the store's folder: a process of its own projects it while this one writes
    result = run_push(store, uri, user=user, password=password, database=database, wipe=wipe,
                      batch_size=batch_size or 1000, progress=True, store_path=store_path(graph))
    click.echo(f"Pushed to {uri} in {result.passes} pass(es), batch size {result.batch_size}.")
    click.echo("Nodes per label:")
    for label, n in sorted(result.nodes.items()):
        click.echo(f"  {label:<20} {n:>8}")
    click.echo("Relationships per type:")
    for rel_type, n in sorted(result.relationships.items()):
        click.echo(f"  {rel_type:<20} {n:>8}")


def _push_sparql(store, url, gsp_url, query_url, update_url, user, password, wipe, batch_size) -> None:
    from .project.bolt import shown_uri
    from .project.sparql_http import BATCH_SIZE
    from .project.sparql_http import push as run_push

    result = run_push(store, url, gsp_url=gsp_url, query_url=query_url, update_url=update_url, user=user,
                      password=password, wipe=wipe, batch_size=batch_size or BATCH_SIZE, progress=True)
    click.echo(f"Pushed {sum(result.sent.values())} triples in {len(result.sent)} graphs to {shown_uri(url)} "
               f"in {result.requests} requests of at most {result.batch_size} triples.")
    click.echo("Triples per graph, as the store counts them:")
    for name, n in sorted(result.sent.items()):
        click.echo(f"  {name or '(default graph)'}  {result.stored[name] if name else n}")


@cli.command("import")
@click.argument("kind", type=click.Choice(["under2-roster", "climactor", "targets", "roster"]))
@click.argument("path", type=click.Path(exists=True))
@_GRAPH
@_CASES
@click.option("--encoding", default=None, help="Decode lines that are not UTF-8 with this encoding (e.g. cp1252).")
@click.option("--lenient", is_flag=True, help="Repair lines that are not UTF-8 (as cp1252) instead of failing.")
@click.option("--name", default=None, help="roster/targets: name of this import (default: from the file name); "
                                           "climactor: the vintage (2022-12 or Dec2022) when the file name lacks it.")
@click.option("--title", default=None, help="roster: title of the roster as a source.")
@click.option("--publisher", default=None, help="roster: who published the roster.")
@click.option("--year", type=int, default=None, help="roster: year of the roster.")
@click.option("--accept-suspect", is_flag=True,
              help="Assert the rows the import finds suspect too (by default they are listed in the report only).")
@click.option("--locodes", type=click.Path(exists=True, dir_okay=False), default=None,
              help="targets: a CSV of UN/LOCODEs (locode,name,country,subdivision) for actors keyed by LOCODE.")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False), default=None,
              help="targets: a table of curated corrections of rows (default: the shipped "
                   "loaders/tables/registry-corrections.csv).")
@click.option("--rebuild", is_flag=True, help="Rebuild the whole store from the case material and every import, "
                                             "instead of replacing this import's graph in a copy of it.")
def import_(kind, path, graph, cases, encoding, lenient, name, title, publisher, year, accept_suspect, locodes,
            corrections, rebuild):
    """Import a roster or registry: every row checked, every fact with its dataset as source.

    \b
    KIND is one of:
      under2-roster  the Under2 member list as printed in the 2017 highlights (the seed text file)
      climactor      ClimActor's subnational_contextuals_database CSV
      targets        an OpenClimate-shaped folder (Target.csv, DataSource.csv)
      roster         your own CSV: name,country,level,network,role,since,source

    \b
    Example:
        cca-graph import climactor data/climactor/subnational_contextuals_database_Dec2022.csv --lenient
    """
    from .ingest.imports import run_import

    options = {k: v for k, v in {"name": name, "title": title, "publisher": publisher, "year": year,
                                 "accept_suspect": accept_suspect, "locodes": locodes,
                                 "corrections": corrections}.items() if v}
    if encoding or lenient:
        options["fallback"] = encoding or "cp1252"
    report = run_import(kind, path, graph, cases or None, progress=True, rebuild=rebuild, **options)
    click.echo(report.as_text())
    click.echo(f"Store {report.published}: {Path(graph) / 'store'}; report in {Path(graph) / 'imports'}")


@cli.command()
@_GRAPH
def stats(graph):
    """Summarise the built graph: triples per graph, entities per class, facts per source.

    \b
    Example:
        cca-graph stats --graph out
    """
    from .graph.store import open_store
    from .present.stats import stats as run_stats

    click.echo(run_stats(open_store(graph)).as_text())


@cli.command()
@_GRAPH_ONLY
@_to("The HTML file to write. Default: GRAPH/views/explorer.html.")
@click.option("--country", default=None, help="ISO 3166-1 code: that country's governments and what links to them.")
@click.option("--network", default=None, help="A network by id, id prefix or name (under2, gcom…) and what links to it.")
@click.option("--focus", default=None, metavar="ID", help="Only what lies within --depth links of this record id.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0), help="Links from --focus.")
@click.option("--budget", default=1500, show_default=True, type=click.IntRange(min=1),
              help="The most nodes the page draws; the rest of the view is counted as hidden.")
def view(graph, to, country, network, focus, depth, budget):
    """Write an interactive HTML view of the graph: one file that works offline.

    Legend, filters by level, type, country and network, search by English
    or Chinese name, and a panel with each entity's properties, relations
    and sources.

    \b
    Example:
        cca-graph view --country MX --to mexico.html
    """
    from .graph.store import open_store
    from .present.views import write_view

    path = to or Path(graph) / "views" / "explorer.html"
    result = write_view(open_store(graph), path, country=country, network=network, focus=focus,
                        depth=depth, budget=budget)
    click.echo(f"Wrote {result.path}: {result.shown} nodes shown, {result.hidden} hidden ({result.scope}).")


@cli.command()
@_GRAPH_ONLY
@click.option("--to", "to", metavar="DIR", type=click.Path(file_okay=False), default=None,
              help="The folder to write the site into. Default: GRAPH/site.")
@click.option("--country", default=None, help="ISO 3166-1 code: only that country and what its entities link to.")
@click.option("--overview/--no-overview", default=True, show_default=True,
              help="Write overview.html, every entity drawn at once, and link it from the home page.")
def site(graph, to, country, overview):
    """Write a static site of the graph: a page per entity, search, country briefs.

    The folder works opened from disk (file://) and from any static host,
    and loads nothing from the network. Open index.html to search every
    entity by any of its names.

    \b
    Example:
        cca-graph site --to site
        cca-graph site --country MX --to mexico-site
    """
    from .graph.store import open_store
    from .present.briefs.gather import build_date
    from .present.site import write_site

    folder = Path(to) if to else Path(graph) / "site"

    def progress(done, total):
        if done % 2000 == 0:   # a registry-sized site takes minutes
            click.echo(f"{done:,} of {total:,} entity pages written", err=True)

    result = write_site(open_store(graph), folder, country=country, built=build_date(graph), overview=overview,
                        progress=progress)
    briefs = f"{result.countries:,} country brief{'' if result.countries == 1 else 's'}"
    click.echo(f"Wrote {result.path}: {result.pages:,} entity pages, {briefs}, "
               f"search index {result.index_bytes / 1024:,.0f} kB. Open {result.path / 'index.html'}")
    if result.overview_missing:
        click.echo(f"Note: no overview page: {result.overview_missing}", err=True)


BRIEF_FORMATS = ("html", "md", "docx", "pdf")


@cli.command()
@click.argument("country")
@_GRAPH_ONLY
@click.option("--format", "fmt", type=click.Choice(BRIEF_FORMATS), default=None,
              help="html: one self-contained, printable page; md: Markdown; docx: Word; pdf: the HTML page "
                   "printed by headless Chromium (apt-get install chromium). Default: from the suffix of "
                   "--to (.html, .md, .docx, .pdf), else html.")
@_to("The file to write. Default: GRAPH/briefs/<CODE>.<html|md|docx|pdf>.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="zh: what cca-graph writes (headings, column heads, sentences) in Chinese, and names where "
                   "the data has them; descriptions from the data as they are.")
def brief(country, graph, fmt, to, lang):
    """Write a country brief for advisers, every statement with a note to its source.

    Governance architecture (with a chart), mandates and instruments by
    level, targets and pledges, network engagement, gaps, policies worth
    replicating, how complete the data is, and the sources. COUNTRY is an
    ISO 3166-1 code (MX) or a name (Mexico).

    \b
    Example:
        cca-graph brief MX --format docx --to mexico.docx
        cca-graph brief MX --graph out --format pdf --to mexico.pdf
        cca-graph brief Mexico --format pdf --lang zh --to mexico-zh.pdf
    """
    from .graph.store import open_store
    from .present.briefs import default_path, resolve_country, write_brief
    from .present.briefs.gather import build_date

    suffix = Path(to).suffix.lower().lstrip(".") if to else ""
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if fmt is None:
        fmt = suffix if suffix in BRIEF_FORMATS else "html"
        if to and suffix not in BRIEF_FORMATS:
            click.echo(f"Note: {Path(to).name} names no brief format (.html, .md, .docx, .pdf); writing HTML "
                       "(--format says which).", err=True)
    elif suffix in BRIEF_FORMATS and suffix != fmt:
        raise click.UsageError(f"--to {to} names a .{suffix} file but --format is {fmt}; "
                               "give one of them, or make them agree")
    store = open_store(graph)
    path = to or default_path(graph, resolve_country(store, country), fmt)
    result = write_brief(store, country, fmt, path, lang=lang, built=build_date(graph),
                         imports=Path(graph) / "imports")
    click.echo(f"Wrote {result.path}: brief on {result.name} ({result.country}), {result.facts} statements "
               f"with {result.notes} notes to {result.sources} source documents.")
    if result.annex:
        click.echo(f"Wrote its annex, the full lists ({len(result.annex)} files): {result.annex[0].parent}")
    if result.missing:
        click.echo("Nothing recorded for: " + "; ".join(result.missing).lower() + " (see the brief's section 8).")


def main(argv: list[str] | None = None) -> int:
    return cli.main(args=argv, prog_name="cca-graph", standalone_mode=True) or 0


if __name__ == "__main__":
    sys.exit(main())
