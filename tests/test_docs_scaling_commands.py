"""docs/scaling-out.md: the DuckDB lines run as written, and the make targets read and write where it says.

`pip install duckdb` gives the Python module and no `duckdb` command, so the
page shows `python -c "import duckdb; …"`: each such line is run here, in the
folder above a built graph's `out/`, and its counts compared with the store's
(SPARQL, another engine). The make targets are dry-run (`make -n`) to see the
folders they use with and without OUT= and EXPORT=.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

from cca_graph.graph.sparql import run_sparql

from .conftest import REPO

PAGE = (REPO / "docs" / "scaling-out.md").read_text(encoding="utf-8")
BLOCK_LINES = [line for block in re.findall(r"^```[a-z]*\n(.*?)^```", PAGE, re.S | re.M)
               for line in block.splitlines()]
UNDER2 = ("SELECT (COUNT(DISTINCT ?member) AS ?members) (COUNT(DISTINCT ?m) AS ?memberships) "
          "WHERE { ?m org:organization id:under2-coalition ; org:member ?member }")
LEVELS = "SELECT ?level (COUNT(?g) AS ?n) WHERE { ?g a cca:Government ; cca:level ?level } GROUP BY ?level"


def test_no_duckdb_command_is_assumed():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert not [line for line in BLOCK_LINES if line.startswith("duckdb ")]
    assert "duckdb -c" not in readme


def test_the_page_s_duckdb_lines_run_and_count_as_the_store(built, store):
    lines = [line for line in BLOCK_LINES if line.startswith("python -c ")]
    assert len(lines) == 2  # counted in the page by hand
    shown = []
    for line in lines:
        words = shlex.split(line)
        proc = subprocess.run([sys.executable, *words[1:]], cwd=built.parent, capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        shown.append(proc.stdout)
    per_level = {level: int(n) for level, n in re.findall(r"│ (\w+)\s+│\s+(\d+) │", shown[0])}
    expected = {str(row["level"]).rsplit("/", 1)[1]: int(row["n"]) for _, row in run_sparql(store, LEVELS).iterrows()}
    assert per_level == expected and len(expected) == 3
    # a member counted once, however many memberships (roles, sources, years) it has
    members, memberships = map(int, re.search(r"│ Under2 Coalition\s+│\s+(\d+) │\s+(\d+) │", shown[1]).groups())
    assert (members, memberships) == tuple(run_sparql(store, UNDER2).iloc[0])
    assert members < memberships


def _dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", *args], cwd=REPO, capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_the_make_targets_use_the_folders_the_page_names():
    default = _dry_run("neo4j-import")
    assert "cd out/export/neo4j-admin && " in default and f"ImportLauncher 7687 {REPO}/out/neo4j-import" in default
    [line] = [line for line in BLOCK_LINES if line.startswith("make neo4j-import EXPORT=")]
    words = shlex.split(line, comments=True)
    moved = _dry_run(*words[1:])
    # the page's comment: reads /data/exports/neo4j-admin, database in /data/cca/neo4j-import
    assert "cd /data/exports/neo4j-admin && " in moved
    assert "rm -rf /data/cca/neo4j-import" in moved and "ImportLauncher 7688 /data/cca/neo4j-import" in moved
    assert re.search(r"Launcher 3031 /srv/graph/fuseki$", _dry_run("fuseki", "OUT=/srv/graph", "FUSEKI_PORT=3031"), re.M)
    assert re.search(r"Launcher 7687 /srv/graph/neo4j$", _dry_run("neo4j", "OUT=/srv/graph"), re.M)
