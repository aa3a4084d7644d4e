"""A large build's quads go to two bulk loaders side by side (:class:`cca_graph.graph.build._PipedLoad`)."""
from __future__ import annotations

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
