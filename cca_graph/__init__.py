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
# submodule (the generators, say) does not load the whole engine
_EXPORTS = {
    "build": "build", "validate": "build",
    "export": "export",
    "run_sparql": "sparql",
    "stats": "stats",
    "open_store": "store",
    "to_networkx": "nxgraph",
    "write_view": "views",
    "write_brief": "briefs",
    "run_query": "queries",
    "CcaError": "errors", "InputError": "errors", "Problem": "errors", "QueryError": "errors",
    "StoreNotFoundError": "errors", "UnknownNameError": "errors", "UnknownEntityError": "errors",
}

__all__ = sorted(_EXPORTS)


_RENAMED = {"run_query": "run"}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), _RENAMED.get(name, name))
    raise AttributeError(f"module 'cca_graph' has no attribute {name!r}")
