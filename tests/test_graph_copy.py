"""The copy of the store an import loads as it writes (:class:`cca_graph.graph.incremental.GraphCopy`).

Its quads reach the bulk load through a pipe: what it loads is what it was
written, a load that fails is raised by ``wait()`` and the writer is never
left waiting, a writer done before the loader started is no deadlock, and a
copy dropped half-fed leaves nothing behind.
"""
from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from cca_graph.graph.build import build
from cca_graph.graph.incremental import GraphCopy
from cca_graph.graph.loading import PIPE_BYTES

from .conftest import DATA

GRAPH = "import-copy-test"
IRI = NamedNode(f"https://w3id.org/cca-graph/graph/{GRAPH}")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("copy") / "out"
    build(out, [DATA / "good"])
    return out


def _lines(n: int) -> list[bytes]:
    return [f'<https://example.org/s{i}> <https://example.org/p> "{i}" <{IRI.value}> .\n'.encode() for i in range(n)]


def _leftovers(out) -> list[str]:
    return sorted(p.name for p in (out / "stores").iterdir() if p.name.startswith(".tmp-"))


def test_a_fed_copy_loads_what_it_was_written_in_pieces_of_any_size(out):
    lines = _lines(3 * PIPE_BYTES // 60)  # more than the pipe holds: the writer waits for the loader
    data = b"".join(lines)
    copy = GraphCopy(out, GRAPH, None)
    try:
        copy.feed()
        for start in range(0, len(data), 1000):  # pieces cutting lines anywhere
            copy.write(data[start:start + 1000])
        copy.wait()
        assert len(list(copy.store.quads_for_pattern(None, None, None, IRI))) == len(lines)
    finally:
        copy.discard()
    assert _leftovers(out) == []


def test_a_writer_done_before_the_loader_reads_is_waited_for_and_loaded(out):
    for n in (0, 1, 5):  # closed at once, the loader's thread often not yet started
        copy = GraphCopy(out, GRAPH, None)
        try:
            copy.feed()
            copy.write(b"".join(_lines(n)))
            copy.wait()
            assert len(list(copy.store.quads_for_pattern(None, None, None, IRI))) == n
        finally:
            copy.discard()
    assert _leftovers(out) == []


def test_a_load_that_fails_is_raised_by_wait_and_the_writer_goes_on(out):
    copy = GraphCopy(out, GRAPH, None)
    try:
        copy.feed()
        copy.write(b"<https://example.org/s> not N-Quads\n")
        for line in _lines(3 * PIPE_BYTES // 60):  # written after the loader stopped reading: never waits
            copy.write(line)
        with pytest.raises(SyntaxError):
            copy.wait()
    finally:
        copy.discard()
    assert _leftovers(out) == []


def test_a_copy_dropped_half_fed_stops_its_load_and_leaves_nothing(out):
    copy = GraphCopy(out, GRAPH, None)
    copy.feed()
    data = b"".join(_lines(1000))
    copy.write(data[:len(data) // 2])  # the end of a line missing
    copy.discard()
    assert _leftovers(out) == []
    copy = GraphCopy(out, GRAPH, None)
    copy.feed()
    copy.discard()  # fed nothing
    assert _leftovers(out) == []
