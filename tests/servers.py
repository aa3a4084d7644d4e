"""Start and stop the real servers the tests use, on 127.0.0.1, by PID."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .conftest import REPO

NEO4J_DIR = REPO / "tools" / "neo4j"
FUSEKI_DIR = REPO / "tools" / "fuseki"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    port: int

    def stop(self) -> None:
        """Stop by PID: politely first, then for good."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _classpath(tool: Path) -> str:
    """The classes and dependency jars of a launcher under tools/, built with Maven when missing or stale."""
    cp = tool / "target" / "classpath.txt"
    sources = [tool / "pom.xml", *(tool / "src").rglob("*.*")]
    if not cp.exists() or max(p.stat().st_mtime for p in sources) > cp.stat().st_mtime:
        subprocess.run(["mvn", "-q", "-B", "-f", str(tool / "pom.xml"), "package"], check=True)
        # Maven leaves an unchanged classpath file as it was
        cp.touch()
    return f"{tool / 'target' / 'classes'}:{cp.read_text().strip()}"


def start_neo4j(data_dir: Path, port: int | None = None, timeout: float = 240) -> Server:
    """Start Neo4j with Bolt on 127.0.0.1; return once it prints its Bolt URI."""
    port = port or free_port()
    args = ["java", "-Xmx2g", "-cp", _classpath(NEO4J_DIR), "org.ccagraph.neo4j.Launcher", str(port), str(data_dir)]
    return _launch("Neo4j", args, data_dir.parent / f"neo4j-{port}-{time.monotonic_ns()}.log", "bolt://", port,
                   timeout)


def start_neo4j_import(data_dir: Path, files: Path, admin_args: list[str], timeout: float = 240) -> Server:
    """Load neo4j-admin import files with Neo4j's own bulk importer into a fresh store, then serve it on Bolt.

    ``admin_args`` are the arguments of ``neo4j-admin`` (``database import full …``),
    run in ``files``; the importer's report is in the log beside ``data_dir``.
    """
    port = free_port()
    # a short-lived server that answers a few reads: the quick compiler alone halves its start
    args = ["java", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", _classpath(NEO4J_DIR),
            "org.ccagraph.neo4j.ImportLauncher", str(port), str(data_dir), *admin_args]
    return _launch("Neo4j import", args, data_dir.parent / f"neo4j-import-{port}-{time.monotonic_ns()}.log",
                   "bolt://", port, timeout, cwd=files)


def _launch(name: str, args: list[str], log_path: Path, announces: str, port: int, timeout: float,
            cwd: Path | None = None) -> Server:
    """Start ``args``, its stderr in ``log_path``; return once it prints a line starting with ``announces``."""
    log = open(log_path, "wb")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, cwd=cwd)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline().decode().strip()
        if line.startswith(announces):
            return Server(proc, line, port)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"{name} did not start; see {log.name}")


def start_fuseki(log_dir: Path, port: int | None = None, data_dir: Path | None = None,
                 timeout: float = 120, heap: str = "1g", passwd: Path | None = None) -> Server:
    """Start Fuseki serving /cca on 127.0.0.1 (in memory, or TDB2 in ``data_dir``).

    ``heap`` is the JVM's largest heap (``-Xmx``): 1g holds the bundled graph
    in memory; an in-memory M graph needs more (docs/scaling-out.md). With
    ``passwd`` (a Jetty password file, ``user: password`` a line) every request
    needs HTTP Basic authentication as one of its users.
    Returns once it prints the dataset's URL (``Server.url``, e.g. http://127.0.0.1:PORT/cca).
    """
    port = port or free_port()
    args = ["java", f"-Xmx{heap}", "-cp", _classpath(FUSEKI_DIR), "org.ccagraph.fuseki.Launcher", str(port)]
    if data_dir is not None:
        args.append(str(data_dir))
    if passwd is not None:
        args += ["--passwd", str(passwd)]
    return _launch("Fuseki", args, log_dir / f"fuseki-{port}-{time.monotonic_ns()}.log", "http://", port, timeout)


def start_oxigraph(out: Path, timeout: float = 60) -> Server:
    """Start ``cca-graph serve`` on a free port; return once it answers."""
    import sys

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "cca_graph", "serve", "--graph", str(out), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2).read()
            return Server(proc, url, port)
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the SPARQL endpoint did not start")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium(playwright, profile: str, width: int, height: int):
    """Debian's Chromium, headless, with a fresh profile (never a downloaded browser)."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": width, "height": height})


def watch(page):
    """Record the page's requests, dialogs and script errors on the page itself."""
    page.requests, page.dialogs, page.errors = [], [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page
