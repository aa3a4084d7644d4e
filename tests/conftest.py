"""Shared fixtures: graphs are built once per session, through the real CLI."""
from __future__ import annotations

import contextlib
import functools
import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = REPO.parent / "shared" / "seeds"
#: the real registry files (../shared/data)
REGISTRY = REPO.parent / "shared" / "data"
CLIMACTOR_FILE = REGISTRY / "climactor" / "subnational_contextuals_database_Dec2022.csv"
TARGET_FOLDERS = [REGISTRY / "openclimate" / d for d in ("net_zero_tracker", "C2ES_US_ghg_targets",
                                                         "C2ES_canadian_ghg_targets")]
ARTIFACTS = REPO / "test-artifacts"


#: a local government to add to tests/data/good (FR-ARA), so that two builds differ by one record
VILLEURBANNE = """
  - id: FR-ARA.villeurbanne
    type: Government
    label: Villeurbanne
    level: local
    part_of: FR-ARA
    source: {doc: test-doc, locator: "p. 4"}
"""
#: the labels of every government, sorted: what tells two builds of tests/data/good apart
LABELS = "SELECT ?label WHERE { ?g a cca:Government ; rdfs:label ?label } ORDER BY ?label"


def run_cli(*args: str, cwd: Path | None = None, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``cca-graph ARGS`` as a user would, in its own process."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cca_graph", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"cca-graph {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def run_notebook(name: str, timeout: int = 600) -> str:
    """Execute ``notebooks/<name>.ipynb`` as a reader would; return what its code cells printed."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    return "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """An empty working folder, current, with no cca-graph.toml setting of the environment in force."""
    monkeypatch.chdir(tmp_path)
    for name in ("CCA_GRAPH_CONFIG", "CCA_GRAPH_STORE", "CCA_GRAPH_GRAPH_DEFAULT", "CCA_GRAPH_DEFAULTS_PUSH",
                 "CCA_GRAPH_DEFAULTS_QUERY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """An output folder with the bundled case material built and exported."""
    out = tmp_path_factory.mktemp("built") / "out"
    # CCA_GRAPH_CASES points the suite at other case roots (colon-separated)
    cases = [a for root in os.environ.get("CCA_GRAPH_CASES", "").split(":") if root for a in ("--cases", root)]
    run_cli("build", "--graph", str(out), *cases)
    run_cli("export", "--graph", str(out))
    return out


@pytest.fixture(scope="session")
def store(built):
    from cca_graph import open_store

    return open_store(built)


@pytest.fixture
def good_cases(tmp_path) -> Path:
    """A private copy of tests/data/good to break one thing at a time."""
    root = tmp_path / "cases"
    shutil.copytree(DATA / "good", root)
    return root


@pytest.fixture(scope="session")
def neo4j(tmp_path_factory):
    """A real Neo4j (Community, from Maven Central) with Bolt on a free loopback port."""
    from .servers import start_neo4j

    server = start_neo4j(tmp_path_factory.mktemp("neo4j") / "data")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def registry_graph(tmp_path_factory):
    """The bundled graph with every real registry imported, once for the whole run.

    In this order: the Under2 roster (seed text), ClimActor (December 2022),
    Net Zero Tracker (with the tests' LOCODE table), C2ES US and Canada.
    Gives ``(out, reports)``: the import reports by import name
    (``under2-roster``, ``climactor-2022-12``, ``targets-net-zero-tracker``…).
    Every test module that needs the real registries reads this one graph.
    """
    from cca_graph.ingest.imports import run_import

    out = tmp_path_factory.mktemp("registries") / "out"
    roster = next(p for p in sorted(SEEDS.glob("*.txt")) if "关于我们" in p.read_text(encoding="utf-8"))
    reports = {}
    for kind, path, options in [("under2-roster", roster, {}), ("climactor", CLIMACTOR_FILE, {"fallback": "cp1252"}),
                                ("targets", TARGET_FOLDERS[0], {"locodes": str(DATA / "locodes" / "locodes.csv")}),
                                ("targets", TARGET_FOLDERS[1], {}), ("targets", TARGET_FOLDERS[2], {})]:
        report = run_import(kind, path, out, **options)
        reports[report.name] = report
    return out, reports


@pytest.fixture(scope="session")
def catalogue_graph(tmp_path_factory):
    """The bundled graph plus the Under2 roster import, built, and pushed to a Neo4j of its own.

    Yields ``(out, store, neo4j_server)``; the catalogue's SPARQL, Cypher and
    networkx answers are compared on it.
    """
    from cca_graph import open_store

    from .servers import start_neo4j

    root = tmp_path_factory.mktemp("catalogue")
    out = root / "out"
    cases = [a for r in os.environ.get("CCA_GRAPH_CASES", "").split(":") if r for a in ("--cases", r)]
    run_cli("build", "--graph", str(out), "--quiet", *cases)
    run_cli("import", "under2-roster", str(SEEDS / "001_ab2cfe98b41507bd.txt"), "--graph", str(out))
    server = start_neo4j(root / "neo4j")
    run_cli("push", "--graph", str(out), "--uri", server.url)
    yield out, open_store(out), server
    server.stop()


@pytest.fixture(scope="session")
def gap_graph(tmp_path_factory):
    """The made-up case of tests/data/gaps/ built through the CLI and pushed to a Neo4j of its own.

    Yields ``(store, bolt url)``. One record per branch of the gap questions that the case
    material does not exercise; each group of tests adds its records in a file of its own.
    """
    with built_and_pushed(tmp_path_factory.mktemp("gaps"), DATA / "gaps") as graph:
        yield graph


@contextlib.contextmanager
def built_and_pushed(root: Path, cases: Path, imports: tuple = ()):
    """``cases`` built through the CLI into ``root/out`` (with ``imports``, pairs of kind and path,
    imported) and pushed to a Neo4j of its own.

    Gives ``(store, bolt url)``; the server is stopped by its PID on the way out.
    """
    from cca_graph import open_store

    from .servers import start_neo4j

    out = root / "out"
    run_cli("build", "--graph", str(out), "--cases", str(cases), "--quiet")
    for kind, path in imports:
        run_cli("import", kind, str(path), "--graph", str(out))
    server = start_neo4j(root / "neo4j")
    try:
        run_cli("push", "--graph", str(out), "--uri", server.url)
        yield open_store(out), server.url
    finally:
        server.stop()


# -- the slow marker ---------------------------------------------------------------------
# `make test-fast` runs `pytest -m "not slow"` in under a minute on the 2-core machine: no
# Neo4j, Chromium or Oxigraph server, no wheel, no notebook kernel, no real registry file, no
# cca-graph in a process of its own (each costs about a second), and nothing else measured
# over ~1 s (`--durations=0`). A test is slow when it asks for one of these fixtures (itself
# or through another fixture), when its own code makes one of these calls, or when it is
# listed below.

#: fixture -> why a test that uses it is slow
SLOW_FIXTURES = {
    "neo4j": "starts Neo4j",
    "catalogue_graph": "starts Neo4j",
    "gap_graph": "starts Neo4j",
    "replication_graph": "starts Neo4j",
    "browser": "starts Chromium",
    "endpoint": "starts the Oxigraph server",
    "wheel": "builds a wheel and installs it into a fresh venv",
    "imported": "imports the real registry files of ../shared/data",
    "registry_graph": "imports the real registry files of ../shared/data",
    "us_states_graph": "imports the real registry rows of US states",
    "gcom_out": "builds a graph of 13,000 cities",
    "real_briefs": "writes the briefs of every case country in three formats",
    "fixture_briefs": "writes the made-up briefs in every format through the CLI",
    "rendered": "renders the brief of every case country and the views",
    "hostile": "builds and exports a case of its own through the CLI",
}

#: text in a test's own code -> why it is slow
SLOW_CALLS = {
    "start_neo4j(": "starts Neo4j",
    "chromium(": "starts Chromium",
    "sync_playwright": "starts Chromium",
    "run_notebook(": "runs a notebook in a kernel",
    "venv.": "builds a virtual environment",
    "CLIMACTOR": "reads the real ClimActor file (14,706 rows)",
    "run_cli(": "runs cca-graph in a process of its own",
}

#: tests slow for their own reasons, by file or file::function (all parameters)
SLOW_TESTS = {
    "tests/test_crash.py": "kills builds, imports and exports at random moments, a few runs each",
    "tests/test_export_scale.py": "writes every format in tiny spill runs, and again failing midway",
    # measured at 2-2.6 s
    "tests/test_case_material.py::test_every_record_cites_a_locator": "reads all case material with PyYAML",
    "tests/test_case_material.py::test_every_chinese_label_is_found_in_a_document_it_cites":
        "reads all case material with PyYAML and searches the seed documents",
    "tests/test_build.py::test_worker_processes_give_the_same_quads_and_problems": "checks all case material twice",
    "tests/test_build.py::test_turtle_export_holds_the_union_of_graphs": "parses the Turtle export with rdflib",
    "tests/test_checklist.py::test_coverage_counts_what_check_facts_finds": "checks every checklist fact twice",
}


def _slow_reason(item: pytest.Item) -> str | None:
    for name in getattr(item, "fixturenames", ()):
        if name in SLOW_FIXTURES:
            return SLOW_FIXTURES[name]
    source = _source(getattr(item, "function", None))
    for text, why in SLOW_CALLS.items():
        if text in source:
            return why
    path = Path(item.path).relative_to(REPO).as_posix()
    return SLOW_TESTS.get(path) or SLOW_TESTS.get(f"{path}::{getattr(item, 'originalname', item.name)}")


@functools.cache
def _source(function) -> str:
    try:
        return inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(config, items):
    for item in items:
        why = _slow_reason(item)
        if why:
            item.add_marker(pytest.mark.slow(reason=why))
