"""The README's Python examples run as written, as plain scripts, and start no runaway processes.

A worker process started with "spawn" imports the program's main module again:
a script without a ``__main__`` guard would run again in every worker, endlessly
(issue 18). Each script here runs in a process of its own while its
descendants are counted from /proc.
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import REPO

README = REPO / "README.md"


def _children_of(root: int) -> set[int]:
    """Every living descendant of process ``root`` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def run_script(source: str, cwd: Path, timeout: float) -> tuple[subprocess.CompletedProcess, set[int]]:
    """Run ``source`` as ``python script.py`` in ``cwd``; return the result and every descendant seen."""
    script = cwd / "script.py"
    script.write_text(source, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None:
            seen |= _children_of(proc.pid)
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout} s, {len(seen)} processes started")
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            for pid in _children_of(proc.pid):
                subprocess.run(["kill", "-9", str(pid)], check=False)
            proc.kill()
        out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), seen


def python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)


def test_the_readme_has_one_python_example():
    assert len(python_blocks()) == 1


@pytest.mark.slow  # builds the bundled case material in one process (about 45 s)
def test_readme_python_example_runs_as_a_plain_script(tmp_path):
    proc, started = run_script(python_blocks()[0], tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    # the example prints the one national government whose ISO code is MX
    assert "https://w3id.org/cca-graph/id/MX\n" in proc.stdout
    assert (tmp_path / "out" / "export" / "graph.trig").is_file()
    assert (tmp_path / "out" / "export" / "csv" / "Government.csv").is_file()
    assert "Mexico" in (tmp_path / "mexico.html").read_text(encoding="utf-8")
    # no __main__ guard: the work ran in the script's own process
    assert started == set()


# The same mechanism on a store of one triple, shared out to two workers: cheap enough for every run.
WORKERS = """\
from pyoxigraph import Literal, NamedNode, Quad, Store
from cca_graph.graph.workers import select_values

store = Store("store")
store.add(Quad(NamedNode("urn:a"), NamedNode("urn:p"), Literal("x")))
store.flush()
del store
query = "SELECT ?s WHERE { ?s ?p ?o }"
print(list(select_values("store", [query, query, query], "s", workers=2)))
"""


def test_an_unguarded_script_asks_for_workers_and_runs_in_one_process(tmp_path):
    proc, started = run_script(WORKERS, tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[['urn:a'], ['urn:a'], ['urn:a']]\n"
    assert started == set()


@pytest.mark.slow  # starts two worker processes (about 2 s)
def test_a_guarded_script_gets_its_workers(tmp_path):
    guarded = "def main():\n" + textwrap.indent(WORKERS, "    ") + '\n\nif __name__ == "__main__":\n    main()\n'
    proc, started = run_script(guarded, tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[['urn:a'], ['urn:a'], ['urn:a']]\n"
    # two workers (and the resource tracker spawn starts beside them), no more
    assert 2 <= len(started) <= 3
