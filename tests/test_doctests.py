"""Every ``>>>`` example in the package's docstrings runs, one test per module that has any.

Examples run in a folder whose ``out/`` holds the bundled case material, built once, so
that an example can open the store as a reader would (``open_store("out")``) and write
files under ``out/``. ``# doctest: +SKIP`` is for examples that need a server.
"""
from __future__ import annotations

import doctest
import importlib
import os
import re
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "cca_graph"
_EXAMPLE = re.compile(r"^\s*>>> ", re.M)


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: every module whose source has an example (read as text: collecting imports nothing)
MODULES = sorted(_module(p) for p in PACKAGE.rglob("*.py")
                 if p.name != "__main__.py" and _EXAMPLE.search(p.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def examples_folder(tmp_path_factory):
    """A working folder whose ``out/`` holds the bundled case material, built."""
    from cca_graph.graph.build import build

    folder = tmp_path_factory.mktemp("examples")
    build(folder / "out")
    return folder


def _tests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name, examples_folder, monkeypatch):
    monkeypatch.chdir(examples_folder)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in _tests(name):
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


@pytest.mark.parametrize("name", MODULES)
def test_every_example_is_found(name):
    """An example doctest cannot see (in a comment, a closure, a string) would never run."""
    path = PACKAGE.parent / (name.replace(".", os.sep) + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    written = len(_EXAMPLE.findall(path.read_text(encoding="utf-8")))
    assert sum(len(t.examples) for t in _tests(name)) == written
