"""The generated catalogue page, ``docs/queries.md``, from the queries' headers."""
from __future__ import annotations

from ..query.catalogue import catalogue

__all__ = ["render_catalogue"]


def render_catalogue() -> str:
    """Markdown listing every question with its parameters, columns, engines and open-world note."""
    lines = ["# Query catalogue", "",
             "Generated from the headers of `queries/*/*.rq` and `*.cypher` by `make generate`; do not edit.", "",
             "Run a question with `cca-graph query NAME [--country CC | --government ID] [--engine sparql|cypher|networkx]`,",
             "or from Python with `cca_graph.run_query(NAME, engine, store=…, country=…)`.", ""]
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
