"""The command line: every verb documented with an example, errors for people."""
from __future__ import annotations

import re

import pytest

from cca_graph.cli import cli

from .conftest import REPO, run_cli

VERBS = sorted(cli.commands)


def test_the_verbs_of_the_canonical_graph_exist():
    assert {"build", "validate", "export", "query", "stats"} <= set(VERBS)


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_with_an_example(verb):
    proc = run_cli(verb, "--help")
    assert "Example:" in proc.stdout
    assert f"cca-graph {verb}" in proc.stdout


@pytest.mark.parametrize("verb", VERBS)
def test_readme_shows_every_verb(verb):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^cca-graph {verb}\b", readme, re.M), f"README has no example of 'cca-graph {verb}'"


def test_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```[a-z]*\n(.*?)```", readme, re.S).group(1).split()
    assert first_block == ["make", "demo", "make", "test"]


def test_missing_store_is_a_clear_error(tmp_path):
    proc = run_cli("stats", "--out", str(tmp_path / "nowhere"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: no graph built in")
    assert "Traceback" not in proc.stderr


def test_bad_query_is_a_clear_error(built):
    proc = run_cli("query", "--out", str(built), "--sparql", "SELECT WHERE {", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: the query failed")
    assert "Traceback" not in proc.stderr


def test_unknown_export_format_lists_the_known_ones(built, tmp_path):
    proc = run_cli("export", "--out", str(built), "--to", str(tmp_path), "--format", "rdfxml", check=False)
    assert proc.returncode == 1
    assert "unknown export format 'rdfxml'" in proc.stderr and "turtle" in proc.stderr


def test_query_file_with_parameters(built, tmp_path):
    rq = tmp_path / "levels.rq"
    rq.write_text("SELECT ?gov ?iso WHERE { ?gov cca:isoCode ?iso }\n", encoding="utf-8")
    proc = run_cli("query", "--out", str(built), str(rq), "--param", "iso=MX-JAL", "--format", "csv")
    assert proc.stdout.splitlines() == ["gov,iso", "https://w3id.org/cca-graph/id/MX-JAL,MX-JAL"]
