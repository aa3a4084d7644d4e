"""Bulk loads of a store fed through pipes while the caller writes the N-Quads.

A build writes the quads of the case material as it reads the files; an
import writes its graph's quads as it reads the registry's rows. In both,
:class:`PipedLoad` hands them to Oxigraph's bulk loader in threads, through
anonymous pipes, so loading overlaps the reading (the loader holds no
interpreter lock while it reads, parses and sorts).

The loader sorts and writes only when its input ends, in one thread: a
large input goes to two loaders, each piece to the one given fewer bytes so
far, and at the end the two sort and write side by side. Not more than two:
a database made by two bulk loads is as compact and as fast to read as one
made by one, while a third makes RocksDB rewrite it (compact it) in the
background, uncompressed, twice the size. One bulk load per loader, not one
per piece: a load per piece leaves several files per index, which every
later read merges.

A loader opens its pipe by the name of the reading end's descriptor
(``/dev/fd/N``): that open never waits for a writer, so a loader started
after its writer has finished still reads what was written, and no side
waits for ever on one that has gone. A loader that fails closes its end; the
writer's later pieces are dropped and :meth:`PipedLoad.wait` raises the
loader's error. The descriptors are not inherited by the worker processes
started meanwhile (spawned, see :mod:`cca_graph.graph.workers`), which would
keep a pipe open.
"""
from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass

from pyoxigraph import RdfFormat, Store

__all__ = ["PipedLoad", "PIPE_BYTES", "SECOND_LOADER_BYTES"]

#: the size of each pipe and of the writes to it (Linux's default, 64 KiB, wakes the loader 16 times as often)
PIPE_BYTES = 1 << 20
#: a second loader starts once the first has been given this many bytes of N-Quads
SECOND_LOADER_BYTES = 16 << 20
#: written to a loader that is to stop early: a line the parser refuses ends its load at once
_REFUSED = b"\n!\n"


@dataclass
class _Pipe:
    """One loader: the writing end of its pipe, its thread and the bytes it was given."""

    file: object
    thread: threading.Thread
    written: int = 0


class PipedLoad:
    """Bulk loads of ``store`` (on disk) from what :meth:`write` is given, until :meth:`wait`.

    Parameters
    ----------
    store : pyoxigraph.Store
        A store on disk: the loads of a store in memory take turns, and the
        second would wait for the first's input to end.
    loaders : int
        At most this many loads (1 or 2, see the module).
    """

    def __init__(self, store: Store, loaders: int = 2):
        self.store, self.error, self._most = store, None, loaders
        self._pipes: list[_Pipe] = []
        self._rest = b""  # the end of a line not yet given, when lines are shared between loaders
        self._start()

    def _start(self) -> _Pipe:
        reading, writing = os.pipe()
        try:
            fcntl.fcntl(writing, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
        except OSError:
            pass  # the system's default pipe size: more waits for the loader, the same load
        thread = threading.Thread(target=self._load, args=(reading,), name="bulk load", daemon=True)
        pipe = _Pipe(open(writing, "wb", buffering=PIPE_BYTES), thread)
        self._pipes.append(pipe)
        thread.start()
        return pipe

    def _load(self, reading: int) -> None:
        try:
            self.store.bulk_load(path=f"/dev/fd/{reading}", format=RdfFormat.N_QUADS)
        except BaseException as exc:  # raised in the writing thread by wait()
            self.error = self.error or exc
        finally:
            os.close(reading)  # with the loader's own, the last reading end: a later write is refused

    @property
    def loaders(self) -> int:
        """How many loads have started."""
        return len(self._pipes)

    def write(self, data: bytes) -> int:
        """Give ``data``, N-Quads cut anywhere, to a loader (nothing, once one has failed); its length."""
        given = len(data)
        if self._most > 1:  # a loader is given whole lines
            cut = data.rfind(b"\n") + 1
            if not cut:
                self._rest += data
                return given
            data, self._rest = self._rest + data[:cut], data[cut:]
        self._give(data)
        return given

    def _give(self, data: bytes) -> None:
        pipe = min(self._pipes, key=lambda p: p.written)
        if pipe.written >= SECOND_LOADER_BYTES and len(self._pipes) < self._most:
            pipe = self._start()
        pipe.written += len(data)
        if self.error is None:
            try:
                pipe.file.write(data)
            except BrokenPipeError:  # the loader failed: wait() raises its error
                self.error = self.error or BrokenPipeError("a bulk load stopped reading")

    def flush(self) -> None:
        """Nothing: the quads go to a loader as its pipe's buffer fills."""

    def _close(self, last: bytes = b"") -> None:
        for pipe in self._pipes:
            if pipe.file.closed:  # closed by an earlier wait() or stop()
                continue
            try:
                with pipe.file:  # closed even when the load has stopped reading
                    pipe.file.write(last)
            except BrokenPipeError:
                pass
        for pipe in self._pipes:
            pipe.thread.join()

    def wait(self) -> None:
        """Wait for the loads to end; raise the first error."""
        if self._rest:
            self._give(self._rest)
            self._rest = b""
        self._close()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """End the loads at once, whatever they have read (the store is to be thrown away)."""
        self._rest = b""
        self._close(_REFUSED)
