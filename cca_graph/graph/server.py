"""The SPARQL endpoint: the Oxigraph server, read-only, over a built store."""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import CcaError
from .store import store_path

__all__ = ["oxigraph_executable", "server_command", "serve"]


def oxigraph_executable() -> str:
    """The ``oxigraph`` command installed beside this Python (from the ``oxigraph`` package)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise CcaError("the 'oxigraph' server command is not installed (pip install oxigraph)")
    return found


def server_command(out: Path | str, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """The command line that serves the store of ``out`` read-only."""
    location = store_path(out)
    if not location.exists():
        raise CcaError(f"no graph built in {out}/ (run 'cca-graph build --graph {out}' first)")
    return [oxigraph_executable(), "serve-read-only", "--location", str(location.resolve()),
            "--bind", f"{host}:{port}", "--union-default-graph"]


def serve(out: Path | str, host: str = "127.0.0.1", port: int = 7878,
          announce: Callable[[str], None] = print) -> None:
    """Become the endpoint: this process is replaced by the Oxigraph server.

    Replacing the process (rather than starting a child) means its PID is the
    server's, so stopping it by PID or with Ctrl-C stops the server itself.
    """
    command = server_command(out, host, port)
    announce(f"http://{host}:{port}/query")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
