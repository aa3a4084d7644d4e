"""Errors of the operating system reach the user as one line, and lose nothing.

A full disk, a file over the size limit, a symbolic link that points at
itself: each gives ``Error: <path>: <reason>`` and exit 1, never a traceback,
and what was written before stays as it was.
"""
from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, run_cli


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("oserrors") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "good"), "--quiet")
    return out


def _cli(*args: str, stdout=subprocess.PIPE, file_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit():  # in the child only: writes past file_limit bytes fail with EFBIG (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    return subprocess.run([sys.executable, "-m", "cca_graph", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, preexec_fn=limit if file_limit else None, timeout=120,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


def test_full_standard_output_is_one_error_line(graph):
    # /dev/full answers every write with ENOSPC, as a full disk does
    with open("/dev/full", "w") as full:
        proc = _cli("query", "--graph", str(graph), "--sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--format", "csv",
                    stdout=full)
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert line.startswith("Error: standard output: No space left on device"), line


def test_a_file_over_the_size_limit_names_the_file_and_keeps_the_earlier_one(graph, tmp_path):
    target = tmp_path / "brief.html"
    target.write_text("the earlier brief", encoding="utf-8")
    proc = _cli("brief", "FR", "--graph", str(graph), "--to", str(target), file_limit=2048)
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert str(target) in line and "File too large" in line, line
    assert target.read_text(encoding="utf-8") == "the earlier brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]  # no temporary left behind


def test_a_symbolic_link_loop_is_named(graph, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    proc = _cli("brief", "FR", "--graph", str(graph), "--to", str(tmp_path / "a" / "brief.html"))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert str(tmp_path / "a") in line and "symbolic link" in line and "back at itself" in line, line


def test_a_reader_that_goes_away_ends_quietly(graph):
    proc = subprocess.Popen([sys.executable, "-m", "cca_graph", "query", "--graph", str(graph), "--sparql",
                             "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert proc.returncode in (0, 1) and "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_an_error_message_prints_control_bytes_escaped(tmp_path):
    # a case folder named with an ESC sequence: the message names it, and the terminal sees no escape
    folder = tmp_path / "cases\x1b[31m"
    folder.mkdir()
    proc = _cli("query", "--graph", str(folder), "--sparql", "SELECT * WHERE { ?s ?p ?o }")
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert "\x1b" not in proc.stderr and "cases\\x1b[31m" in line, line


def test_query_csv_neutralises_spreadsheet_formulas(graph):
    # a literal built in the query stands for any name from data: the CSV cell must not be a formula
    proc = _cli("query", "--graph", str(graph), "--format", "csv", "--sparql",
                "SELECT ?name ?n WHERE { VALUES (?name ?n) { (\"=HYPERLINK(\\\"http://x\\\")\" -5) (\"@SUM(1)\" 3) } }")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["name,n", "\"'=HYPERLINK(\"\"http://x\"\")\",-5", "'@SUM(1),3"]


def test_a_query_nested_too_deep_is_refused_not_a_crash(graph):
    # 5,000 nested groups overflowed the SPARQL engine's stack (a segmentation fault, no message)
    proc = _cli("query", "--graph", str(graph), "--sparql", "ASK " + "{" * 5000 + "}" * 5000)
    assert proc.returncode == 1
    assert "nests groups 5000 deep" in _one_error_line(proc.stderr)


def test_query_output_is_safe_for_spreadsheets_and_terminals(graph):
    # a carriage return inside a cell must not start a row (or a formula) of its own
    proc = _cli("query", "--graph", str(graph), "--format", "csv", "--sparql",
                'SELECT ?x ?y WHERE { BIND("a\\r=1+1" AS ?x) BIND("b" AS ?y) }')
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout, newline="")))
    assert rows == [["x", "y"], ["a\n=1+1", "b"]]
    # the table on a terminal shows an escape sequence as text
    proc = _cli("query", "--graph", str(graph), "--sparql", 'SELECT ?x WHERE { BIND("\\u001b]0;pwned\\u0007" AS ?x) }')
    assert proc.returncode == 0 and "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "\\x1b]0;pwned\\x07" in proc.stdout


def test_output_onto_a_device_or_a_pipe_is_refused_and_a_link_is_written_through(graph, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = _cli("brief", "FR", "--graph", str(graph), "--format", "md", "--to", str(fifo))
    assert proc.returncode == 1 and "is not a regular file" in _one_error_line(proc.stderr)
    assert fifo.is_fifo()
    (tmp_path / "brief.md").write_text("earlier", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "brief.md")
    proc = _cli("brief", "FR", "--graph", str(graph), "--format", "md", "--to", str(tmp_path / "link.md"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# Country brief: France")


def test_a_damaged_store_is_one_error_line(graph, tmp_path):
    out = tmp_path / "out"
    (out / "stores" / "x").mkdir(parents=True)
    (out / "stores" / "x" / "CURRENT").write_text("junk\n")
    (out / "store").symlink_to(Path("stores") / "x")
    proc = _cli("stats", "--graph", str(out))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert "cannot be opened" in line and "cca-graph build --graph" in line


def test_a_parameter_the_query_does_not_use_is_a_usage_error(graph):
    # unbound, the query would answer with every row, as if the filter had been applied
    proc = _cli("query", "--graph", str(graph), "--sparql", "SELECT ?g WHERE { ?g cca:isoCode ?iso }", "--param", "isox=FR")
    assert proc.returncode == 2 and "no variable ?isox" in proc.stderr and "Traceback" not in proc.stderr
    proc = _cli("query", "--graph", str(graph), "--sparql", "SELECT ?g WHERE { ?g cca:isoCode ?iso }", "--param", "iso=FR")
    assert proc.returncode == 0 and proc.stdout.split() == ["g", "https://w3id.org/cca-graph/id/FR"]
