"""The wheel carries the ontology, the case material and the queries, and works outside the repo."""
from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(REPO)],
                   check=True, capture_output=True, text=True)
    (found,) = dist.glob("cca_graph-*.whl")
    return found


def test_wheel_carries_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("cca_graph/_data/ontology/cca.ttl", "cca_graph/_data/ontology/concepts.ttl",
                     "cca_graph/_data/ontology/shapes.ttl", "cca_graph/_data/loaders/sources.yaml",
                     "cca_graph/_data/loaders/mexico/law.yaml", "cca_graph/present/templates/vocabulary.html.j2"):
        assert expected in names
    repo_cases = {p.relative_to(REPO / "loaders").as_posix() for p in (REPO / "loaders").rglob("*.yaml")}
    wheel_cases = {n[len("cca_graph/_data/loaders/"):] for n in names if n.startswith("cca_graph/_data/loaders/") and n.endswith(".yaml")}
    assert wheel_cases == repo_cases


def test_wheel_builds_the_graph_in_a_fresh_environment(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True, text=True, timeout=900)
    work = tmp_path / "elsewhere"
    work.mkdir()
    build = subprocess.run([str(env_dir / "bin" / "cca-graph"), "build"], cwd=work, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "mexico" in build.stdout
    query = subprocess.run(
        [str(env_dir / "bin" / "cca-graph"), "query", "--format", "csv", "--sparql",
         "SELECT ?iso WHERE { ?g cca:isoCode ?iso ; cca:level <https://w3id.org/cca-graph/id/level/national> } ORDER BY ?iso"],
        cwd=work, capture_output=True, text=True)
    assert query.returncode == 0, query.stderr
    isos = query.stdout.split()
    assert isos[0] == "iso" and {"CA", "ID", "MX"} <= set(isos[1:])
    # the installed package reads its own data, not the repository's
    where = subprocess.run([str(python), "-c", "from cca_graph.resources import loaders_dir; print(loaders_dir())"],
                           cwd=work, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout
