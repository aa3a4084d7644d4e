"""The generated catalogue page, ``docs/queries.md``, from the queries' headers."""
from __future__ import annotations

from ..query.catalogue import catalogue

__all__ = ["render_catalogue"]


# what differs between the local store and a SPARQL server for a question of one's own
_ADHOC = [
    "## Your own SPARQL: `--sparql` and `.rq` files", "",
    "`cca-graph query --sparql TEXT` (or `cca-graph query FILE.rq`) runs a question of your own, with "
    "`cca:`, `org:`, `dcterms:`, `skos:`, `rdfs:` … declared and `--param`/`--iri` bound in a `VALUES` block. "
    "A syntax error names the line and column in the text you gave, on the local store and at an "
    "`--endpoint` that says where (the endpoint is sent the prefixes before your text).", "",
    "**Count with DISTINCT.** The local store reads the union of the named graphs as the default graph "
    "and matches a triple once for each named graph that holds it; Fuseki's union default graph holds it "
    "once. A target that two imported datasets state is written in both import graphs, so with the "
    "registries imported `SELECT (COUNT(*) AS ?n) WHERE { ?c a cca:Commitment }` counts 930 locally and "
    "906 on Fuseki (24 targets are in two graphs). Count what you mean, distinct:", "",
    "```",
    "cca-graph query --sparql 'SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a cca:Commitment }'",
    "```", "",
    "gives 906 on both, and `SELECT DISTINCT` gives the same rows on both. The catalogue's questions "
    "below count distinct things and give the same rows locally and at an endpoint.", "",
]


def render_catalogue() -> str:
    """Markdown listing every question with its parameters, columns, engines and open-world note."""
    lines = ["# Query catalogue", "",
             "Generated from the headers of `queries/*/*.rq` and `*.cypher` by `make generate`; do not edit.", "",
             "Run a question with `cca-graph query NAME [--country CC | --government ID] [--engine sparql|cypher|networkx]`,",
             "or from Python with `cca_graph.run_query(NAME, engine, store=…, country=…)`.", ""] + _ADHOC
    by_group: dict[str, list] = {}
    for q in catalogue().values():
        by_group.setdefault(q.group, []).append(q)
    for group in sorted(by_group):
        lines += [f"## {group}", ""]
        for q in sorted(by_group[group], key=lambda q: q.name):
            lines += [f"### `{q.name}`", "", q.question, ""]
            params = "; ".join(f"`{p.name}` ({p.kind}) — {p.description}" for p in q.parameters) or "none"
            lines += [f"- **Parameters:** {params}",
                      f"- **Columns:** {', '.join(f'`{c}`' for c in q.columns)}",
                      f"- **Engines:** {', '.join(q.engines)}",
                      f"- **No rows means:** {q.no_rows}",
                      f"- **Files:** {', '.join(f'`queries/{q.group}/{p.name}`' for p in q.files.values())}", ""]
    return "\n".join(lines).rstrip() + "\n"
