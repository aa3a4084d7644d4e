"""The SPARQL endpoint: the Oxigraph server, read-only, behind a small front.

``cca-graph serve`` is the front: it listens on the public address, and
forwards each request to an Oxigraph server (``oxigraph serve-read-only``)
that it runs as its child on a loopback port of its own. The front exists
for two things the Oxigraph server cannot do:

* refuse queries that call other endpoints (``SERVICE``): the server would
  send a request to any URL a query names and hand the answer back, so the
  endpoint could reach anywhere the machine can (``--allow-service`` lets
  them through, for federated queries);
* follow the published store: when a build swaps ``GRAPH/store`` the front
  starts a server on the new database and stops the old one, so answers
  never come from a database a build has removed.

Updates are refused by the read-only server; CORS headers are never sent.
The front's PID is the endpoint's: stopping it (SIGTERM, Ctrl-C) stops its
child, and the child is told by the kernel to stop if the front is killed
(``PR_SET_PDEATHSIG``).
"""
from __future__ import annotations

import ctypes
import errno
import http.client
import http.server
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ..errors import CcaError
from .sparql import calls_service, nesting_problem
from .store import store_path

__all__ = ["oxigraph_executable", "server_command", "serve", "refused_query"]

#: request headers not forwarded (hop-by-hop, or set by the front for the child)
_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host",
        "proxy-authorization", "proxy-authenticate"}
_START_SECONDS = 60
#: the request bodies the front reads (and so can check); any other body is refused
_QUERY_BODIES = ("application/sparql-query", "application/x-www-form-urlencoded")
_MAX_BODY = 10_000_000


def oxigraph_executable() -> str:
    """The ``oxigraph`` command installed beside this Python (from the ``oxigraph`` package)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise CcaError("the 'oxigraph' server command is not installed (pip install oxigraph)")
    return found


def server_command(location: Path, port: int) -> list[str]:
    """The command line that serves the database at ``location`` read-only on loopback ``port``."""
    return [oxigraph_executable(), "serve-read-only", "--location", str(location),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph"]


def refused_query(method: str, target: str, content_type: str, body: bytes, allow_service: bool = False) -> str | None:
    """Why the front refuses a request (it calls another endpoint, or nests too deep to run), or None.

    Every query text the request carries is checked: ``query=`` in the URL,
    in a form body, or a body of type ``application/sparql-query``.

    Examples
    --------
    >>> refused_query("GET", "/query?query=ASK%7B%7D", "", b"") is None
    True
    >>> refused_query("POST", "/query", "application/sparql-query", b"ASK { SERVICE <http://x/> {} }")
    'SERVICE (a call to another endpoint) is off on this endpoint (start it with --allow-service for federated queries)'
    """
    texts = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("query", [])
    if method == "POST":
        kind = content_type.split(";")[0].strip().lower()
        try:
            if kind == "application/x-www-form-urlencoded":
                texts += urllib.parse.parse_qs(body.decode("utf-8"), errors="strict").get("query", [])
            elif kind == "application/sparql-query":
                texts.append(body.decode("utf-8"))
        except UnicodeDecodeError:
            return "the request body is not UTF-8"
    if not allow_service and any(calls_service(text) for text in texts):
        return ("SERVICE (a call to another endpoint) is off on this endpoint "
                "(start it with --allow-service for federated queries)")
    return next(filter(None, map(nesting_problem, texts)), None)


def _die_with_parent() -> None:
    """In the child, before exec: the kernel sends SIGTERM when the front dies, however it dies."""
    PR_SET_PDEATHSIG = 1  # noqa: N806 - the name in <sys/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Backend:
    """The Oxigraph server over the published store, restarted when the store link moves.

    Children are started only by the thread that calls :meth:`supervise`
    (the main thread): ``PR_SET_PDEATHSIG`` fires when the thread that
    started a child ends, so a request thread must never start one.
    """

    def __init__(self, out: Path):
        self.out = out
        self.changed = threading.Condition()
        self.wanted = threading.Event()
        self.location: Path | None = None
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.stopping = False

    def published(self) -> Path | None:
        link = store_path(self.out)
        return link.resolve() if link.exists() else None

    def current(self, timeout: float = _START_SECONDS) -> int:
        """The port of a server over the store published now (waits while it starts)."""
        want = self.published()
        with self.changed:
            if want is not None and want != self.location:
                self.wanted.set()
                self.changed.wait_for(lambda: self.location == want or self.stopping, timeout)
            return self.port

    def supervise(self, poll: float = 1.0) -> None:
        """Keep a server running over the published store until :meth:`stop`."""
        while not self.stopping:
            want = self.published()
            if want is not None and want != self.location:
                self._switch(want)
            self.wanted.wait(poll)
            self.wanted.clear()

    def _switch(self, location: Path) -> None:
        port = _free_port()
        process = subprocess.Popen(server_command(location, port), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent)
        if not _answers(port, process):
            _stop(process)
            time.sleep(0.2)  # the store may be mid-swap: try again on the next round
            return
        with self.changed:
            old, self.process, self.location, self.port = self.process, process, location, port
            self.changed.notify_all()
        if old is not None:
            _stop(old)

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
        self.wanted.set()
        if self.process is not None:
            _stop(self.process)


def _answers(port: int, process: subprocess.Popen) -> bool:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _handler(backend: _Backend, allow_service: bool) -> type[http.server.BaseHTTPRequestHandler]:
    class Front(http.server.BaseHTTPRequestHandler):
        server_version = "cca-graph"

        def _forward(self) -> None:
            length = self.headers.get("Content-Length")
            if self.headers.get("Transfer-Encoding"):
                return self._refuse(411, "send the body with a Content-Length")
            if length and length.isdigit() and int(length) > _MAX_BODY:
                return self._refuse(413, f"a request body holds at most {_MAX_BODY // 1_000_000} MB")
            body = self.rfile.read(int(length)) if length and length.isdigit() else b""
            if self.headers.get("Content-Encoding", "identity").strip().lower() != "identity":
                return self._refuse(415, "send the request body uncompressed (no Content-Encoding)")
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            where = urllib.parse.urlsplit(self.path).path.rstrip("/")
            if (kind == "application/sparql-update" or where == "/update" or self.command in ("PUT", "DELETE", "PATCH")
                    or (self.command == "POST" and where == "/store")):
                return self._refuse(403, "this endpoint is read-only: updates are refused")
            if body and kind not in _QUERY_BODIES:
                # a body the front cannot read is a body it cannot check
                return self._refuse(415, "send a query as application/sparql-query or as a form (query=…)")
            why = refused_query(self.command, self.path, self.headers.get("Content-Type", ""), body, allow_service)
            if why:
                return self._refuse(403, why)
            port = backend.current()
            if not port:
                return self._refuse(503, "the endpoint is starting or stopping")
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            try:
                connection.request(self.command, self.path, body=body or None, headers=headers)
                response = connection.getresponse()
                self.send_response(response.status, response.reason)
                for name, value in response.getheaders():
                    if name.lower() not in _HOP | {"content-length", "server", "date"}:  # the front sends its own
                        self.send_header(name, value)
                self.send_header("Connection", "close")
                self.end_headers()
                # streamed: the answer ends when the connection closes (HTTP/1.0)
                while chunk := response.read(65536):
                    self.wfile.write(chunk)
            except OSError as exc:
                self._refuse(502, f"the SPARQL server did not answer: {exc}")
            finally:
                connection.close()

        def _refuse(self, status: int, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _forward  # noqa: N815

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    return Front


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(out: Path | str, host: str = "127.0.0.1", port: int = 7878, *, allow_service: bool = False,
          announce: Callable[[str], None] = print) -> None:
    """Serve the store of ``out`` read-only at ``http://host:port/query`` until stopped.

    Raises
    ------
    CcaError
        When ``out`` holds no store or the address cannot be bound.
    """
    out = Path(out)
    if not store_path(out).exists():
        raise CcaError(f"no graph built in {out}/ (run 'cca-graph build --graph {out}' first)")
    oxigraph_executable()
    backend = _Backend(out)
    try:
        front = http.server.ThreadingHTTPServer((host, port), _handler(backend, allow_service))
    except OSError as exc:
        why = "is already in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc.strerror})"
        raise CcaError(f"{host}:{port} {why}; choose another --port or --host") from exc
    front.daemon_threads = True
    # SIGTERM (a stop by PID) ends the process as Ctrl-C does, through the finally below
    signal.signal(signal.SIGTERM, _interrupt)
    threading.Thread(target=front.serve_forever, name="cca-serve", daemon=True).start()
    try:
        announce(f"http://{host}:{port}/query")
        backend.supervise()
    except KeyboardInterrupt:
        pass
    finally:
        backend.stop()
        front.server_close()
