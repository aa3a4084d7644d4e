"""export and import say what they are doing on a terminal, and nothing more when their errors go to a file.

A registry-sized export or import runs for minutes; as build and push do, each
shows a line on standard error while it works, only when that is a terminal
(a pseudo-terminal here, given a size as a terminal window has one).
"""
from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios

from .conftest import TARGET_FOLDERS, run_cli

CANADA = [folder for folder in TARGET_FOLDERS if folder.name == "C2ES_canadian_ghg_targets"][0]


def _on_a_terminal(*args: str) -> tuple[str, str]:
    """``cca-graph ARGS`` with standard error on a 120-column terminal: (stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "cca_graph", *args], stdout=subprocess.PIPE, stderr=slave,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    os.close(slave)
    shown = b""
    while True:  # read as it comes, so a full terminal buffer never stops the run
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the last writer has gone
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    stdout = proc.stdout.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0, shown
    return stdout, shown.decode("utf-8", "replace")


def test_export_names_each_format_while_it_writes(built, tmp_path):
    stdout, shown = _on_a_terminal("export", "--graph", str(built), "--format", "turtle", "--format", "nquads",
                                   "--to", str(tmp_path))
    assert stdout.splitlines() == [f"wrote {tmp_path / 'graph.ttl'}", f"wrote {tmp_path / 'graph.nq'}"]
    assert "writing turtle" in shown and "writing nquads" in shown and "2/2" in shown
    quiet = run_cli("export", "--graph", str(built), "--format", "turtle", "--to", str(tmp_path))
    assert quiet.stderr == ""


def test_import_shows_reading_checking_and_publishing(built, tmp_path):
    graph = tmp_path / "out"
    shutil.copytree(built, graph, symlinks=True)
    _, shown = _on_a_terminal("import", "targets", str(CANADA), "--graph", str(graph))
    stages = ["reading C2ES_canadian_ghg_targets", "checking C2ES_canadian_ghg_targets", "publishing the store"]
    assert [shown.find(stage) >= 0 for stage in stages] == [True, True, True], shown
    assert sorted(stages, key=shown.find) == stages  # in this order
    quiet = run_cli("import", "targets", str(CANADA), "--graph", str(graph))
    assert quiet.stderr == ""
