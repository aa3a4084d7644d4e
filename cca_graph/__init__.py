"""cca-graph: a knowledge graph of collaborative (multi-level) climate action.

The library works without the CLI, e.g. in a notebook::

    import cca_graph
    cca_graph.build("out")
    store = cca_graph.open_store("out")
    cca_graph.run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government }")
"""
from importlib import import_module

__version__ = "0.1.0"

# name -> module that defines it; imported on first use, so that importing one
# stage (the generators, say) does not load the whole engine. The stages, in
# the order they depend on each other: ingest (records, case reader, imports) ->
# graph (build, store, SHACL, SPARQL) -> project (property graph, Bolt, networkx)
# -> query (the catalogue, on SPARQL, Cypher or networkx) -> exports (one module
# per format) -> present (briefs, views, docs).
_EXPORTS = {
    "build": "graph.build", "validate": "graph.build",
    "open_store": "graph.store",
    "run_sparql": "graph.sparql",
    "run_import": "ingest.imports",
    "catalogue": "query.catalogue", "run_query": "query.catalogue",
    "to_networkx": "project.nxgraph", "push": "project.bolt",
    "export": "exports",
    "stats": "present.stats",
    "write_view": "present.views",
    "write_brief": "present.briefs",
    "CcaError": "errors", "InputError": "errors", "Problem": "errors", "QueryError": "errors",
    "StoreNotFoundError": "errors", "UnknownNameError": "errors", "UnknownEntityError": "errors",
}

__all__ = sorted(_EXPORTS)

def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'cca_graph' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
