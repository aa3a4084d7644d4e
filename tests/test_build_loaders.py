"""A large build's quads go to two bulk loaders side by side (:class:`cca_graph.graph.loading.PipedLoad`)."""
from __future__ import annotations

import contextlib

import pytest
from pyoxigraph import NamedNode, Store

from cca_graph.graph import loading as loading_module
from cca_graph.graph.build import build
from cca_graph.graph.loading import PIPE_BYTES, PipedLoad

from .conftest import DATA


def _quads(out) -> list[str]:
    store = Store.read_only(str((out / "store").resolve()))
    quads = sorted(str(q) for q in store)
    del store
    return quads


def test_two_loaders_load_what_one_loads(tmp_path, monkeypatch):
    one = build(tmp_path / "one", [DATA / "good"])
    started = []
    start = PipedLoad._start

    def counted(self):
        started.append(self)
        return start(self)

    monkeypatch.setattr(PipedLoad, "_start", counted)
    monkeypatch.setattr(loading_module, "SECOND_LOADER_BYTES", 0)
    two = build(tmp_path / "two", [DATA / "good"])
    assert len(started) == 2 and started[0] is started[1]
    assert two.quads == one.quads > 1000
    assert _quads(tmp_path / "two") == _quads(tmp_path / "one")
    # nothing of the loads is left beside the stores (the pipes have no names)
    assert [p.name for p in (tmp_path / "two" / "stores").iterdir()] == [(tmp_path / "two" / "store").resolve().name]


def test_lines_cut_anywhere_reach_two_loaders_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(loading_module, "SECOND_LOADER_BYTES", 0)
    graph = NamedNode("https://example.org/g")
    lines = [f'<https://example.org/s{i}> <https://example.org/p> "{i}" <{graph.value}> .\n'.encode()
             for i in range(3 * PIPE_BYTES // 60)]  # more than a pipe holds: the writer waits for the loaders
    data = b"".join(lines)
    store = Store(str(tmp_path / "db"))
    loading = PipedLoad(store)
    for start in range(0, len(data), 1000):  # pieces cutting lines anywhere
        loading.write(data[start:start + 1000])
    loading.write(b'<https://example.org/last> <https://example.org/p> "no end of line" .')
    loading.wait()
    assert loading.loaders == 2
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == len(lines)
    assert len(store) == len(lines) + 1


def test_a_loader_that_fails_is_raised_by_wait_and_the_writer_is_never_left_waiting(tmp_path, monkeypatch):
    monkeypatch.setattr(loading_module, "SECOND_LOADER_BYTES", 0)
    loading = PipedLoad(Store(str(tmp_path / "db")))
    with pytest.raises(SyntaxError):
        for _ in range(1000):  # more than the pipes hold
            loading.write(b"not N-Quads\n" * 10_000)
        loading.wait()
    assert list(tmp_path.iterdir()) == [tmp_path / "db"]


def test_loads_stopped_half_fed_end_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(loading_module, "SECOND_LOADER_BYTES", 0)
    store = Store(str(tmp_path / "db"))
    loading = PipedLoad(store)
    for i in range(2000):
        loading.write(f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n'.encode())
    loading.write(b'<https://example.org/half> <https://example.org/p> "cut')  # the end of a line missing
    loading.stop()  # returns, raises nothing
    assert loading.loaders == 2
    # what a stopped load had read is not loaded: its input ended with a line the parser refuses
    assert len(store) == 0
    loading.stop()  # again, as a build stopped after its loads have ended does: nothing more happens



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
