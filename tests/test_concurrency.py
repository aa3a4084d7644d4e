"""Builds and imports at once into one graph folder take turns: the published store is one of them, whole.

Before builds took a lock on the folder, a build removed every database but
its own after publishing, including the one another build had published a
moment later: two concurrent builds left ``store`` pointing at a deleted
folder in 13 of 20 trials, both exiting 0.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Store

from cca_graph import open_store, run_sparql
from cca_graph.graph.build import build, import_files

from .conftest import DATA, LABELS, VILLEURBANNE

ROSTER_HEADER = "name,country,level,network,role,since,source\n"


def _quads(path: Path) -> set[str]:
    store = Store.read_only(str(path.resolve()))
    quads = {str(q) for q in store}
    del store
    return quads


@pytest.mark.slow(reason="eight builds and imports at once into one folder (about 30 s)")
def test_builds_and_imports_at_once_leave_one_whole_store(tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    shutil.copytree(DATA / "good", a)
    shutil.copytree(DATA / "good", b)
    with open(b / "example" / "governments.yaml", "a", encoding="utf-8") as fh:
        fh.write(VILLEURBANNE)  # B is A with one more government
    (tmp_path / "mine.csv").write_text(ROSTER_HEADER + "Lyon,FR,local,test-network,member,2019,p. 1\n")
    (tmp_path / "more.csv").write_text(ROSTER_HEADER + "Grenoble,FR,local,test-network,member,2021,p. 2\n")
    out = tmp_path / "out"
    build(out, [a])  # so that no import starts by building the bundled material
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    runs = [("build", "--graph", str(out), "--cases", str(cases), "--quiet") for cases in (a, b) * 3]
    runs += [("import", "roster", str(tmp_path / f"{name}.csv"), "--year", "2024", "--graph", str(out))
             for name in ("mine", "more")]
    procs = [subprocess.Popen([sys.executable, "-m", "cca_graph", *args], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env) for args in runs]
    try:
        errors = [p.communicate(timeout=300)[1] for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [p.returncode for p in procs] == [0] * len(runs), errors

    # no dangling link, and nothing but the published database is left
    link = out / "store"
    assert link.resolve().is_dir()
    assert [p.name for p in (out / "stores").iterdir()] == [os.readlink(link).split("/")[-1]]
    # both imports are published, and the store holds both (Grenoble is a town only roster 'more' brings)
    assert [p.name for p in import_files(out)] == ["roster-mine.nq", "roster-more.nq"]
    labels = set(run_sparql(open_store(out), LABELS)["label"])
    assert {"Lyon", "Grenoble"} <= labels
    # whole: the store is quad for quad what one build of A or of B makes with those imports, alone
    cases = b if "Villeurbanne" in labels else a
    reference = tmp_path / "reference"
    build(reference, [cases], imports=import_files(out))
    assert _quads(out / "store") == _quads(reference / "store")
    assert any("waiting for another build or import" in e for e in errors)  # they met, and took turns
