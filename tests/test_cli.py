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
    proc = run_cli("stats", "--graph", str(tmp_path / "nowhere"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: no graph built in")
    assert "Traceback" not in proc.stderr


def test_bad_query_is_a_clear_error(built):
    proc = run_cli("query", "--graph", str(built), "--sparql", "SELECT WHERE {", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: the query failed")
    assert "Traceback" not in proc.stderr


def test_unknown_export_format_lists_the_known_ones(built, tmp_path):
    proc = run_cli("export", "--graph", str(built), "--to", str(tmp_path), "--format", "rdfxml", check=False)
    assert proc.returncode == 1
    assert "unknown export format 'rdfxml'" in proc.stderr and "turtle" in proc.stderr


def test_query_file_with_parameters(built, tmp_path):
    rq = tmp_path / "levels.rq"
    rq.write_text("SELECT ?gov ?iso WHERE { ?gov cca:isoCode ?iso }\n", encoding="utf-8")
    proc = run_cli("query", "--graph", str(built), str(rq), "--param", "iso=MX-JAL", "--format", "csv")
    assert proc.stdout.splitlines() == ["gov,iso", "https://w3id.org/cca-graph/id/MX-JAL,MX-JAL"]


# one spelling: the graph folder is --graph, what a verb writes is --to
READS_A_GRAPH = {"build", "export", "query", "serve", "push", "import", "stats", "view", "brief", "site"}
WRITES_A_PATH = {"export", "view", "brief", "site"}


@pytest.mark.parametrize("verb", VERBS)
def test_one_spelling_for_the_graph_folder_and_the_target(verb):
    options = {o for p in cli.commands[verb].params if not getattr(p, "hidden", False) for o in p.opts}
    assert ("--graph" in options) == (verb in READS_A_GRAPH)
    assert ("--to" in options) == (verb in WRITES_A_PATH)
    assert "--out" not in run_cli(verb, "--help").stdout


def test_old_spellings_still_work_with_a_note(built, tmp_path):
    proc = run_cli("stats", "--out", str(built))
    assert proc.stderr.splitlines() == ["Note: --out is deprecated here; use --graph."]
    assert "Triples per named graph" in proc.stdout

    page = tmp_path / "mx.html"
    proc = run_cli("view", "--graph", str(built), "--country", "MX", "--out", str(page))
    assert proc.stderr.splitlines() == ["Note: --out is deprecated here; use --to."]
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_old_and_new_spelling_naming_different_places_is_an_error(built, tmp_path):
    proc = run_cli("stats", "--graph", str(built), "--out", str(tmp_path), check=False)
    assert proc.returncode == 2
    assert "--graph and --out name different places" in proc.stderr


def test_a_country_code_is_read_as_people_type_it(built):
    upper = run_cli("query", "coordination-gap", "--graph", str(built), "--country", "MX", "--format", "csv").stdout
    lower = run_cli("query", "coordination-gap", "--graph", str(built), "--country", " mx ", "--format", "csv").stdout
    assert lower == upper and upper.count("\nMX,") >= 2


def test_years_stay_whole_numbers_beside_blanks(built):
    # the MOU's temperature limit has no target year, its net-zero pledge has 2050 (hand-read from the MOU)
    query = ("SELECT ?c ?year WHERE { ?c cca:committedBy id:under2-coalition . OPTIONAL { ?c cca:targetYear ?year } }"
             " ORDER BY ?c")
    for fmt in ("csv", "json", "table"):
        out = run_cli("query", "--graph", str(built), "--sparql", query, "--format", fmt).stdout
        assert "2050" in out and "2050.0" not in out and "nan" not in out.lower(), fmt


def test_a_question_without_parameters_says_so(built):
    proc = run_cli("query", "brokers", "--graph", str(built), "--country", "US", check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "Error: brokers takes no parameters (got --country)"


def test_a_syntax_error_is_placed_in_the_text_given_not_the_text_run(built):
    # the "}" where an object is missing is the 60th character of the line (hand count); a bound parameter
    # puts a VALUES block before it in the text the engine reads, which must not move it
    query = "SELECT ?gov WHERE { ?gov cca:isoCode ?iso . ?gov cca:level }"
    for given in (query, "\n" + query):
        line = given.count("\n") + 1
        for params in ((), ("--param", "iso=MX")):
            proc = run_cli("query", "--graph", str(built), "--sparql", given, *params, check=False)
            assert proc.returncode == 1
            assert proc.stderr.startswith(f"Error: the query failed: error at {line}:60: expected one of "), params
