"""A build, import or export killed at each risky moment leaves complete outputs answering with their own content.

Every kill is a SIGKILL at a named point (``CCA_GRAPH_FAULT``, see
:mod:`cca_graph.graph.faults`), never after a random sleep, so each test pins
one moment. The graph before is A (``tests/data/good`` with one roster
imported); B is A with one more government, brought by the case material
(build) or by a second roster (import). The governments' labels tell A and B
apart, and the quad count tells a complete store from a partial one.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store, parse

from cca_graph import export, open_store, run_sparql
from cca_graph.graph.build import build, check_cases
from cca_graph.graph.faults import ENV, POINTS, fault_point

from .conftest import DATA, LABELS, VILLEURBANNE, run_cli

ROSTER_HEADER = "name,country,level,network,role,since,source\n"
ROSTER_A = ROSTER_HEADER + "Lyon,FR,local,test-network,member,2019,p. 1\n"
ROSTER_B = ROSTER_HEADER + "Grenoble,FR,local,test-network,member,2021,p. 2\n"


def _snapshot(path: Path) -> tuple[tuple[str, ...], int]:
    """The governments' labels and the quad count of the database at ``path``."""
    store = Store.read_only(str(path.resolve()))
    labels = tuple(run_sparql(store, LABELS)["label"])
    quads = len(store)
    del store
    return labels, quads


def _cli(*args: str, env: dict | None = None, code: str | None = None) -> int:
    """Run ``cca-graph ARGS`` (or ``python -c CODE ARGS``) in its own session; its exit status.

    Fails if any process of the session (a SHACL worker, say) outlives it by
    more than a few seconds.
    """
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "cca_graph", *args]
    proc = subprocess.Popen(command, env=dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {})),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=300)
        deadline = time.monotonic() + 10
        while _session(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session(proc.pid) == [], f"processes outlived cca-graph {' '.join(args)}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"cca-graph {' '.join(args)} failed ({proc.returncode}):\n{err.decode()}")
    return proc.returncode


def _session(sid: int) -> list[int]:
    """Live (not zombie) processes of session ``sid``."""
    alive = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _listing(out: Path) -> list[str]:
    """What ``out``, ``out/stores`` and ``out/imports`` hold, build stamps and process ids written as placeholders."""
    names = [p.relative_to(out).as_posix() for folder in (out, out / "stores", out / "imports")
             if folder.is_dir() for p in folder.iterdir() if p.name not in ("stores", "imports")]
    names = [re.sub(r"\d{8}T\d{6}\.\d{4}-\d+", "<build>", n) for n in names]
    return sorted(re.sub(r"(tmp|store)-\d+$", r"\1-<pid>", n) for n in names)


@pytest.fixture(scope="module")
def material(tmp_path_factory) -> dict[str, Path]:
    """Case roots A and B, and rosters A and B."""
    root = tmp_path_factory.mktemp("material")
    shutil.copytree(DATA / "good", root / "A")
    shutil.copytree(DATA / "good", root / "B")
    with open(root / "B" / "example" / "governments.yaml", "a", encoding="utf-8") as fh:
        fh.write(VILLEURBANNE)
    (root / "mine.csv").write_text(ROSTER_A, encoding="utf-8")
    (root / "more.csv").write_text(ROSTER_B, encoding="utf-8")
    return {"A": root / "A", "B": root / "B", "roster A": root / "mine.csv", "roster B": root / "more.csv"}


def _import(out: Path, roster: Path) -> tuple[str, ...]:
    return ("import", "roster", str(roster), "--year", "2024", "--graph", str(out))


def _build(out: Path, cases: Path) -> tuple[str, ...]:
    return ("build", "--graph", str(out), "--cases", str(cases), "--quiet")


def _state(out: Path) -> dict:
    """What a test compares: the store's answer, the cases build.json names, the imported files' bytes
    (the report page's run date aside: two runs of one import differ only there)."""
    return {"store": _snapshot(out / "store"), "cases": json.loads((out / "build.json").read_text())["cases"],
            "imports": {p.name: _RUN_DATE.sub(b"", p.read_bytes())
                        for p in sorted((out / "imports").iterdir()) if not p.name.startswith(".")}}


_RUN_DATE = re.compile(rb'<time id="run-date"[^>]*>[^<]*</time>')


@pytest.fixture(scope="module")
def states(material, tmp_path_factory) -> dict[str, dict]:
    """Graph A on disk, and the states a successful build of B and import of B reach from it."""
    root = tmp_path_factory.mktemp("states")
    a = root / "A"
    assert _cli(*_build(a, material["A"])) == 0
    assert _cli(*_import(a, material["roster A"])) == 0
    shutil.copytree(a, root / "build B", symlinks=True)
    assert _cli(*_build(root / "build B", material["B"])) == 0
    shutil.copytree(a, root / "import B", symlinks=True)
    assert _cli(*_import(root / "import B", material["roster B"])) == 0
    found = {name: _state(root / name) for name in ("A", "build B", "import B")}
    assert len({s["store"][0] for s in found.values()}) == 3  # the labels tell all three apart
    found["A"]["out"] = a
    return found


def _copy_of_a(states, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(states["A"]["out"], out, symlinks=True)
    return out


#: an import's files: its named graph, its report (text, page, table) and its decision log
IMPORT_SUFFIXES = [".nq", ".report.txt", ".report.html", ".report.csv", ".decisions.csv"]
A_FILES = ["build.json", *(f"imports/roster-mine{s}" for s in IMPORT_SUFFIXES), "store", "stores/<build>"]
B_FILES = [f"imports/roster-more{s}" for s in IMPORT_SUFFIXES]
BUILDING = ["stores/.tmp-<build>"]
PUBLISHING = [".store-<pid>", "stores/<build>"]
IMPORT_TEMPORARIES = [f"imports/.roster-more{s}.tmp-<pid>" for s in IMPORT_SUFFIXES]
#: an import copies the published database and replaces its graph there: no N-Quads file of the case material
COPYING = ["stores/.tmp-<build>"]

#: point -> (the command killed, the state then, what out/ then holds beside A's files,
#: the state after the next build, with the material of A for an import, of B for a build)
KILLS = {
    "build:after-read": ("build", "A", BUILDING, "build B"),
    "build:during-load": ("build", "A", BUILDING, "build B"),
    "build:during-shacl": ("build", "A", BUILDING, "build B"),
    # build.json is published with the store, just before the link is swapped
    "build:before-publish": ("build", {"store": "A", "cases": "build B", "imports": "A"}, PUBLISHING, "build B"),
    "build:after-publish": ("build", "build B", ["stores/<build>"], "build B"),
    "import:after-read": ("import", "A", IMPORT_TEMPORARIES + COPYING, "A"),
    "import:during-build": ("import", "A", IMPORT_TEMPORARIES + COPYING, "A"),
    # the import's files are in place, its store not yet: the next build brings them in
    "import:before-publish": ("import", {"store": "A", "cases": "A", "imports": "import B"},
                              B_FILES + [".store-<pid>", "stores/<build>"], "import B"),
    "import:after-publish": ("import", "import B", B_FILES + ["stores/<build>"], "import B"),
}


def _expected(states, which) -> dict:
    if isinstance(which, str):
        which = dict.fromkeys(("store", "cases", "imports"), which)
    return {key: states[name][key] for key, name in which.items()}


def test_every_point_is_pinned():
    assert sorted(KILLS) == sorted(POINTS)


@pytest.mark.parametrize("point", POINTS)
def test_killed_at_a_point_the_store_answers_whole(point, states, material, tmp_path):
    command, then, leftovers, after = KILLS[point]
    out = _copy_of_a(states, tmp_path)
    args = _build(out, material["B"]) if command == "build" else _import(out, material["roster B"])

    assert _cli(*args, env={ENV: point}) == -signal.SIGKILL
    # out/store points at a complete database, with the content it had or the new one's, whole
    assert (out / "store").is_symlink() and (out / "store").resolve().parent == out / "stores"
    assert _state(out) == _expected(states, then)
    # nothing half-made under a final name: every database there is A or B, whole
    assert _listing(out) == sorted(A_FILES + leftovers)
    finals = [p for p in (out / "stores").iterdir() if p.is_dir() and not p.name.startswith(".")]
    b = "build B" if command == "build" else "import B"
    assert {_snapshot(p) for p in finals} <= {states["A"]["store"], states[b]["store"]}

    # the next build cleans up and succeeds
    build(out, [material["B"] if command == "build" else material["A"]])
    assert _state(out) == _expected(states, after)
    assert _listing(out) == sorted(A_FILES + (B_FILES if after == "import B" else []))


def test_workers_die_with_a_killed_build(states, material, tmp_path):
    """SHACL shared out to worker processes: the build killed while they run leaves none behind."""
    out = _copy_of_a(states, tmp_path)
    # every constraint in a worker (2 of them, whatever the machine), the build killed at the second result
    code = """if True:
        import os, signal, sys
        from cca_graph.graph import shacl, workers
        from cca_graph.cli import main
        shacl.PARALLEL_QUADS = 0
        shared = workers.select_values
        def dying(path, queries, variable, workers=None):
            for n, values in enumerate(shared(path, queries, variable, 2)):
                if n == 1:
                    os.kill(os.getpid(), signal.SIGKILL)
                yield values
        workers.select_values = dying
        if __name__ == "__main__":
            sys.exit(main(sys.argv[1:]))
    """
    assert _cli(*_build(out, material["B"]), code=code) == -signal.SIGKILL  # and no worker outlived it
    assert _state(out) == _expected(states, "A")
    build(out, [material["B"]])
    assert _state(out) == _expected(states, "build B")


def test_without_the_hook_a_build_holds_exactly_its_inputs(states, material, tmp_path):
    """The hook unset, or naming a point the run never reaches, changes nothing."""
    assert fault_point("build:after-read") is None
    out = _copy_of_a(states, tmp_path)
    assert _cli(*_build(out, material["A"]), env={ENV: "import:after-read"}) == 0
    assert _state(out) == _expected(states, "A")

    store = Store.read_only(str((out / "store").resolve()))
    built = sorted(str(q) for q in store)
    del store
    nquads = tmp_path / "cases.nq"
    check_cases([material["A"]], nquads)
    inputs = set()
    for path in (nquads, out / "imports" / "roster-mine.nq"):
        with open(path, "rb") as fh:
            inputs.update(str(q) for q in parse(fh, format=RdfFormat.N_QUADS))
    assert built == sorted(inputs)


KILL_AT_RENAME = """if True:
    import os, signal, sys
    from cca_graph.cli import main
    renamed, replace = [0], os.replace
    def dying(source, target, **kwargs):
        if ".tmp-" in os.fspath(source):
            renamed[0] += 1
            if renamed[0] == int(os.environ["KILL_AT_RENAME"]):
                os.kill(os.getpid(), signal.SIGKILL)
        return replace(source, target, **kwargs)
    os.replace = dying
    sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def exported(states, tmp_path_factory) -> Path:
    """Graph A exported in every format."""
    out = tmp_path_factory.mktemp("exported") / "out"
    shutil.copytree(states["A"]["out"], out, symlinks=True)
    run_cli("export", "--graph", str(out))
    return out


@pytest.mark.parametrize("rename", [1, 3])
def test_export_killed_before_a_rename_leaves_every_file_whole(rename, exported, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(exported, out, symlinks=True)
    entries = sorted((out / "export").rglob("*"))
    files = {p: p.read_bytes() for p in entries if p.is_file()}

    # killed with the rename-th file written whole under its temporary name
    assert _cli("export", "--graph", str(out), code=KILL_AT_RENAME, env={"KILL_AT_RENAME": str(rename)}) == -signal.SIGKILL
    # every file at a final name is whole: the same bytes as before (same graph)
    now = {p: p.read_bytes() for p in (out / "export").rglob("*") if p.is_file() and ".tmp-" not in p.name}
    assert now == files
    assert any(".tmp-" in p.name for p in (out / "export").rglob("*"))
    # the next export removes the killed one's temporary files
    store = open_store(out)
    export(store, ["all"], out / "export")
    del store
    assert sorted((out / "export").rglob("*")) == entries
