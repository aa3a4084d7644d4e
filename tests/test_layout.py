"""The package is laid out by pipeline stage, and the stages depend on earlier ones only."""
from __future__ import annotations

import ast
import importlib

import pytest

import cca_graph

from .conftest import REPO

PACKAGE = REPO / "cca_graph"
# the pipeline, in order: a stage imports only from stages before it
STAGES = ["ingest", "graph", "project", "query", "exports", "present"]
# an import resolves each government against the published graph and rebuilds the store with its rows
ALLOWED_BACK = {("ingest", "graph")}


def _stage_imports(path):
    """The stages that the module at ``path`` imports from, relative imports resolved."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    package = module[:-1] if module[-1] != "__init__" else module[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            target = base + (node.module.split(".") if node.module else [])
            if target and target[0] in STAGES:
                found.add(target[0])
            elif not node.module:  # from .. import stage
                found.update(a.name for a in node.names if not target and a.name in STAGES)
    return found


def test_at_most_eight_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top
    assert {"cli.py", "errors.py", "__init__.py"} <= set(top)


def test_every_stage_is_a_subpackage():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_from_earlier_stages(stage):
    earlier = set(STAGES[: STAGES.index(stage) + 1])
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        later = {s for s in _stage_imports(path) if s not in earlier and (stage, s) not in ALLOWED_BACK}
        assert not later, f"{path.relative_to(REPO)} imports from later stages {sorted(later)}"


def test_the_documented_public_functions_are_there():
    # the names the README's "From Python" section uses
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    used = set(__import__("re").findall(r"cca_graph\.([a-z_]+)\(", readme))
    assert used <= set(cca_graph.__all__), used - set(cca_graph.__all__)
    for name in cca_graph.__all__:
        assert callable(getattr(cca_graph, name)), name


def test_one_public_name_per_function():
    seen = {}
    for name in cca_graph.__all__:
        obj = getattr(cca_graph, name)
        assert obj.__name__ == name, f"cca_graph.{name} is {obj.__module__}.{obj.__name__}"
        seen.setdefault(id(obj), name)
    assert len(seen) == len(cca_graph.__all__)
    catalogue = importlib.import_module("cca_graph.query.catalogue")
    assert not hasattr(catalogue, "run"), "the catalogue runner has one name: run_query"


def test_public_functions_survive_their_stage_being_imported():
    # a subpackage named like a public function would replace it on import
    for stage in STAGES:
        importlib.import_module(f"cca_graph.{stage}")
    assert not set(STAGES) & set(cca_graph.__all__)
    assert callable(cca_graph.export) and cca_graph.export.__name__ == "export"
