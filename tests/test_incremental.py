"""Imports replace their own named graph in a copy of the published store, without rebuilding the rest.

The reference for every store an import publishes is a full build of the same
folder (``cca-graph build``: every case file and import read again, the whole
validated): both must hold the same quads, compared as sorted N-Quads. The
graph under test is ``tests/data/good`` with rosters in the crash tests'
shape; Grenoble and Annecy are towns only a roster brings.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, parse

from cca_graph.errors import InputError
from cca_graph.graph import incremental
from cca_graph.graph.build import build, shacl_problems
from cca_graph.graph.faults import ENV
from cca_graph.graph.inputs import INPUTS, read_inputs
from cca_graph.ingest.imports import run_import

from .conftest import DATA

ROSTER_HEADER = "name,country,level,network,role,since,source\n"
LYON = "Lyon,FR,local,test-network,member,2019,p. 1\n"
GRENOBLE = "Grenoble,FR,local,test-network,member,2021,p. 2\n"
ANNECY = "Annecy,FR,local,test-network,member,2022,p. 3\n"
GRAPH = "https://w3id.org/cca-graph/graph/"


def _roster(folder: Path, name: str, *rows: str) -> Path:
    path = folder / f"{name}.csv"
    path.write_text(ROSTER_HEADER + "".join(rows), encoding="utf-8")
    return path


def _import(roster: Path, out: Path, **options):
    return run_import("roster", roster, out, year=2024, **options)


def _nquads(store_link: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines."""
    store = Store.read_only(str(store_link.resolve()))
    lines = sorted(str(q) for q in store)
    del store
    return lines


def _rebuilt(out: Path, tmp_path: Path) -> list[str]:
    """What a full build of a copy of ``out`` holds."""
    copy = tmp_path / "rebuilt"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(out, copy, symlinks=True)
    build(copy, [DATA / "good"])
    return _nquads(copy / "store")


def _graph_quads(out: Path, name: str) -> set[str]:
    store = Store.read_only(str((out / "store").resolve()))
    quads = {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(GRAPH + name))}
    del store
    return quads


def _file_quads(path: Path, name: str) -> set[str]:
    with open(path, "rb") as fh:
        return {str(q) for q in parse(fh, format=RdfFormat.N_QUADS) if q.graph_name == NamedNode(GRAPH + name)}


def _members(out: Path, name: str) -> list[str]:
    store = Store.read_only(str((out / "store").resolve()))
    rows = store.query(f"""SELECT ?label WHERE {{ GRAPH <{GRAPH}{name}> {{ ?m <http://www.w3.org/ns/org#member> ?g }}
                                ?g <http://www.w3.org/2000/01/rdf-schema#label> ?label }}""",
                       use_default_graph_as_union=True)
    labels = sorted(r["label"].value for r in rows)
    del store
    return labels


@pytest.fixture
def folder(tmp_path) -> Path:
    """A graph folder never built, and the rosters beside it."""
    return tmp_path / "out"


@pytest.mark.parametrize("old_quads", ["deleted from a copy", "left out of a new database"])
def test_imports_replace_their_graph_and_a_build_gives_the_same_quads(old_quads, folder, tmp_path, monkeypatch):
    if old_quads == "left out of a new database":  # as for a graph that is a large part of the store
        monkeypatch.setattr(incremental, "REMOVE_SHARE", 0.0)
    # the folder was never built: the first import builds it, then adds its graph to the built store
    first = _import(_roster(tmp_path, "mine", LYON), folder, cases=[DATA / "good"])
    assert first.published.startswith("updated (graph import-roster-mine replaced alone")
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)

    more = _import(_roster(tmp_path, "more", GRENOBLE), folder)
    assert more.published.startswith("updated (graph import-roster-more replaced alone")
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)

    # a second run of an import replaces its graph: Lyon's membership is gone, none is doubled
    again = _import(_roster(tmp_path, "mine", GRENOBLE, ANNECY), folder)
    assert again.published.startswith("updated (graph import-roster-mine replaced alone")
    assert _members(folder, "import-roster-mine") == ["Annecy", "Grenoble"]
    assert _members(folder, "import-roster-more") == ["Grenoble"]
    assert _graph_quads(folder, "import-roster-mine") == _file_quads(folder / "imports" / "roster-mine.nq",
                                                                      "import-roster-mine")
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)
    # one database is kept, and it records the files it holds
    assert [p.name for p in (folder / "stores").iterdir()] == [os.readlink(folder / "store").split("/")[-1]]
    record = read_inputs((folder / "store").resolve())
    assert sorted(record["imports"]) == ["roster-mine.nq", "roster-more.nq"]
    assert record["quads"] == len(_nquads(folder / "store"))


@pytest.mark.parametrize("old_quads", ["deleted from a copy", "left out of a new database", "rebuilt in full"])
def test_a_change_that_breaks_another_graph_fails_and_publishes_nothing(old_quads, folder, tmp_path, monkeypatch):
    """Roster 'more' creates Grenoble, roster 'other' names it; 'more' rerun without Grenoble strands
    the membership of 'other', a node outside the graph being replaced. Left out of a new database, the
    other graphs are loaded into the copy while the rows are read: the failure waits for that load and
    removes the copy and its spool."""
    if old_quads == "left out of a new database":
        monkeypatch.setattr(incremental, "REMOVE_SHARE", 0.0)
    _import(_roster(tmp_path, "more", GRENOBLE), folder, cases=[DATA / "good"])
    _import(_roster(tmp_path, "other", GRENOBLE.replace("2021", "2023")), folder)
    before = (_nquads(folder / "store"), {p.name: p.read_bytes() for p in (folder / "imports").iterdir()})
    stranded = {q.split()[0] for q in _graph_quads(folder, "import-roster-other") if "org#member>" in q}
    assert len(stranded) == 1

    with pytest.raises(InputError) as failed:
        _import(_roster(tmp_path, "more", LYON), folder, rebuild=old_quads == "rebuilt in full")
    found = sorted((p.field, p.message) for p in failed.value.problems)
    membership = stranded.pop()[1:-1]
    assert found == [("org:member", "a membership joins exactly one member: a government, an organisation or "
                                    f"a network ({membership})")]
    # placed where the stranded membership was written: its first line in the other import's file
    other = folder / "imports" / "roster-other.nq"
    first = next(n for n, line in enumerate(other.read_text(encoding="utf-8").splitlines(), 1)
                 if line.startswith(f"<{membership}> "))
    assert [(p.path, p.line) for p in failed.value.problems] == [(str(other), first)]
    # nothing changed: the store answering, the files, and no database or temporary left behind
    assert (_nquads(folder / "store"), {p.name: p.read_bytes() for p in (folder / "imports").iterdir()}) == before
    assert [p.name for p in (folder / "stores").iterdir()] == [os.readlink(folder / "store").split("/")[-1]]


def test_the_nodes_checked_give_what_pyshacl_finds_in_the_whole_store(folder, tmp_path, monkeypatch):
    """A failing import's problems found on the nodes it touches, on every node (as a build checks),
    and by pySHACL on the union of the graphs of the store it would have published: the same."""
    _import(_roster(tmp_path, "more", GRENOBLE), folder, cases=[DATA / "good"])
    _import(_roster(tmp_path, "other", GRENOBLE.replace("2021", "2023"), ANNECY), folder)
    bad = _roster(tmp_path, "more", LYON)
    with pytest.raises(InputError) as scoped:
        _import(bad, folder)
    monkeypatch.setattr(incremental, "WHOLE_SHARE", 0.0)
    with pytest.raises(InputError) as whole:
        _import(bad, folder)

    # the store it would have published: the published quads less its graph, plus the quads the same
    # roster makes where it is valid
    elsewhere = tmp_path / "elsewhere"
    _import(bad, elsewhere, cases=[DATA / "good"])
    published = Store.read_only(str((folder / "store").resolve()))
    would_be = Store()
    would_be.extend(q for q in published if q.graph_name != NamedNode(GRAPH + "import-roster-more"))
    del published
    would_be.bulk_load(path=str(elsewhere / "imports" / "roster-more.nq"), format=RdfFormat.N_QUADS)
    nquads = tmp_path / "would-be.nq"
    with open(nquads, "wb") as fh:
        would_be.dump(fh, format=RdfFormat.N_QUADS)
    reference = sorted((p.field, p.message) for p in shacl_problems(nquads, engine="pyshacl"))
    assert len(reference) == 1
    assert sorted((p.field, p.message) for p in scoped.value.problems) == reference
    assert sorted((p.field, p.message) for p in whole.value.problems) == reference


def test_an_import_after_one_killed_before_its_swap_rebuilds(folder, tmp_path):
    """Killed with its files in place and the old store answering, the store no longer is what the files
    build: the next import sees it and rebuilds in full, bringing the killed import in."""
    _import(_roster(tmp_path, "mine", LYON), folder, cases=[DATA / "good"])
    before = _nquads(folder / "store")
    command = [sys.executable, "-m", "cca_graph", "import", "roster", str(_roster(tmp_path, "more", GRENOBLE)),
               "--year", "2024", "--graph", str(folder)]
    # killed with the new graph in the copy, unchecked: the copy is left aside, nothing else changed
    killed = subprocess.run(command, env=dict(os.environ, **{ENV: "import:during-build"}), capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert sorted(p.name.startswith(".tmp-") for p in (folder / "stores").iterdir()) == [False, True]
    assert _nquads(folder / "store") == before and not (folder / "imports" / "roster-more.nq").exists()

    killed = subprocess.run(command, env=dict(os.environ, **{ENV: "import:before-publish"}), capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert _nquads(folder / "store") == before
    assert (folder / "imports" / "roster-more.nq").exists() and _members(folder, "import-roster-more") == []

    after = _import(_roster(tmp_path, "other", ANNECY), folder)
    assert after.published == ("rebuilt in full (the imports folder holds other imports than the store)")
    assert _members(folder, "import-roster-more") == ["Grenoble"]
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)
    # the rebuilt store records its inputs again: the next import replaces its graph alone
    assert _import(_roster(tmp_path, "other", LYON), folder).published.startswith("updated")
    assert [p.name for p in (folder / "stores").iterdir()] == [os.readlink(folder / "store").split("/")[-1]]


def test_a_store_that_records_no_inputs_or_other_files_is_rebuilt(folder, tmp_path):
    _import(_roster(tmp_path, "mine", LYON), folder, cases=[DATA / "good"])
    # the same bytes written again: another time, the same digest, still the store's file
    nq = folder / "imports" / "roster-mine.nq"
    nq.write_bytes(nq.read_bytes())
    assert _import(_roster(tmp_path, "more", GRENOBLE), folder).published.startswith("updated")
    # a store built before stores recorded their inputs
    ((folder / "store").resolve() / INPUTS).unlink()
    report = _import(_roster(tmp_path, "more", ANNECY), folder)
    assert report.published == ("rebuilt in full (the store does not record what it was built from: "
                                "an earlier version built it)")
    assert _import(_roster(tmp_path, "mine", GRENOBLE), folder, rebuild=True).published == \
        "rebuilt in full (asked for with --rebuild)"
    assert _members(folder, "import-roster-mine") == ["Grenoble"]
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)


def test_a_source_registered_anew_rebuilds_the_store(folder, tmp_path):
    """The roster's title is a fact of the shared sources graph: replacing the import's graph alone
    would keep the old title beside the new one."""
    roster = _roster(tmp_path, "mine", LYON)
    _import(roster, folder, cases=[DATA / "good"], title="Members, 2024")
    report = _import(roster, folder, title="Members as of 2024")
    assert report.published.startswith("rebuilt in full (the new file drops facts the old one stated in a shared "
                                       "graph, which other graphs may state too (2, the first: ")  # its title and label
    store = Store.read_only(str((folder / "store").resolve()))
    titles = sorted(r["t"].value for r in store.query(
        "SELECT ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t FILTER(STRSTARTS(?t, 'Members')) }",
        use_default_graph_as_union=True))
    del store
    assert titles == ["Members as of 2024"]
    assert _nquads(folder / "store") == _rebuilt(folder, tmp_path)


def test_the_store_checked_is_open_for_reading_only(folder, tmp_path, monkeypatch):
    """While the check's workers read a new database, nothing holds it open for writing: RocksDB merges the files
    of several loads in the background in a database open for writing, and a merge that removed a file a worker
    had yet to open failed a build ("Corruption: ... No such file or directory", once in 12 builds of a folder
    with four imports). A writable open succeeds only when no other is held: tried at each check."""
    from cca_graph.graph import build as build_module

    tried = []

    def opened_for_writing(checked):
        def check(store, *args, path=None, **options):
            if path is not None:
                try:
                    Store(str(path))
                    tried.append("free")
                except OSError as exc:
                    tried.append(str(exc))
            return checked(store, *args, path=path, **options)
        return check

    monkeypatch.setattr(build_module, "store_problems", opened_for_writing(build_module.store_problems))
    monkeypatch.setattr(incremental, "store_problems", opened_for_writing(incremental.store_problems))
    monkeypatch.setattr(incremental, "WHOLE_SHARE", 0.0)  # the import checks the whole copy, by its path
    _import(_roster(tmp_path, "mine", LYON), folder, cases=[DATA / "good"])  # builds, then imports
    _import(_roster(tmp_path, "more", GRENOBLE), folder, rebuild=True)  # a build with two imports to load
    assert tried == ["free", "free", "free"]
