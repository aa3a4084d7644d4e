"""cca-graph: a knowledge graph of collaborative (multi-level) climate action.

The library works without the CLI, e.g. in a notebook::

    import cca_graph
    cca_graph.build("out")
    store = cca_graph.open_store("out")
    cca_graph.run_sparql(store, "SELECT ?g WHERE { ?g a cca:Government }")
"""
__version__ = "0.1.0"

from .build import build, validate  # noqa: E402
from .errors import CcaError, InputError, Problem, QueryError, StoreNotFoundError, UnknownNameError  # noqa: E402
from .export import export  # noqa: E402
from .sparql import run_sparql  # noqa: E402
from .stats import stats  # noqa: E402
from .store import open_store  # noqa: E402

__all__ = [
    "build", "validate", "export", "run_sparql", "stats", "open_store",
    "CcaError", "InputError", "Problem", "QueryError", "StoreNotFoundError", "UnknownNameError",
]
