"""A large build's quads go to two bulk loaders side by side (:class:`cca_graph.graph.build._PipedLoad`)."""
from __future__ import annotations

import contextlib

import pytest
from pyoxigraph import Store

from cca_graph.graph import build as build_module
from cca_graph.graph.build import _PipedLoad, build

from .conftest import DATA


def _quads(out) -> list[str]:
    store = Store.read_only(str((out / "store").resolve()))
    quads = sorted(str(q) for q in store)
    del store
    return quads


def test_two_loaders_load_what_one_loads(tmp_path, monkeypatch):
    one = build(tmp_path / "one", [DATA / "good"])
    pipes = []
    start = _PipedLoad._start

    def counted(self, path):
        pipes.append(path.name)
        return start(self, path)

    monkeypatch.setattr(_PipedLoad, "_start", counted)
    monkeypatch.setattr(build_module, "SECOND_LOADER_BYTES", 0)
    two = build(tmp_path / "two", [DATA / "good"])
    assert len(pipes) == 2 and pipes[1].endswith(".1.nq")
    assert two.quads == one.quads > 1000
    assert _quads(tmp_path / "two") == _quads(tmp_path / "one")
    # the pipes are gone with the build
    assert not list((tmp_path / "two" / "stores").glob("*.nq"))


def test_a_loader_that_fails_stops_the_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "SECOND_LOADER_BYTES", 0)
    loading = _PipedLoad(Store(str(tmp_path / "db")), tmp_path / "graph.nq")
    with pytest.raises(SyntaxError):
        try:
            for _ in range(1000):  # more than the pipes hold
                loading.write(b"not N-Quads\n" * 10_000)
        except BrokenPipeError:
            pass
        loading.wait()
    loading.remove()
    assert not list(tmp_path.glob("*.nq"))


def test_the_workers_that_read_the_case_files_check_the_store(tmp_path, monkeypatch):
    """One pool of worker processes reads and checks (:func:`cca_graph.graph.workers.sharing`)."""
    from cca_graph.graph import shacl, workers
    from cca_graph.ingest import cases

    here = build(tmp_path / "here", [DATA / "good"])
    pools = []
    original = workers.pool

    @contextlib.contextmanager
    def recorded(count):
        with original(count) as shared:
            pools.append(shared)
            yield shared

    monkeypatch.setattr(workers, "pool", recorded)
    monkeypatch.setattr(cases, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(shacl, "PARALLEL_QUADS", 0)
    shared = build(tmp_path / "shared", [DATA / "good"])
    assert len(pools) == 2 and pools[0] is pools[1]
    assert workers._SHARED == []
    assert shared.quads == here.quads
    assert _quads(tmp_path / "shared") == _quads(tmp_path / "here")
