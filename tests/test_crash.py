"""A build or export killed at any moment leaves the previous outputs answering."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from cca_graph import open_store, run_sparql

from .conftest import run_cli

TRIALS = 6


def _snapshot(out):
    store = open_store(out)
    govs = run_sparql(store, "SELECT (COUNT(?g) AS ?n) WHERE { ?g a cca:Government }").loc[0, "n"]
    quads = len(store)
    del store
    return govs, quads


def _start(*args, cwd=None):
    return subprocess.Popen([sys.executable, "-m", "cca_graph", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def duration(tmp_path_factory):
    """How long one build takes here, so kills can land anywhere inside it."""
    out = tmp_path_factory.mktemp("timing") / "out"
    start = time.monotonic()
    run_cli("build", "--graph", str(out), "--quiet")
    return time.monotonic() - start


@pytest.mark.parametrize("trial", range(TRIALS))
def test_build_killed_at_a_random_moment(trial, duration, tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--quiet")
    before = _snapshot(out)

    rng = random.Random(trial)
    proc = _start("build", "--graph", str(out), "--quiet")
    time.sleep(rng.uniform(0.05, duration))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    # the store link points at a complete database: the old one, or a finished new one
    assert (out / "store").is_symlink()
    assert _snapshot(out) == before
    # the next build cleans what the killed one left and succeeds
    run_cli("build", "--graph", str(out), "--quiet")
    assert _snapshot(out) == before
    leftovers = [p.name for p in (out / "stores").iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []
    assert len(list((out / "stores").iterdir())) == 1


@pytest.mark.parametrize("trial", range(3))
def test_export_killed_at_a_random_moment(trial, tmp_path):
    out = tmp_path / "out"
    run_cli("build", "--graph", str(out), "--quiet")
    run_cli("export", "--graph", str(out))
    files = {p: p.read_bytes() for p in (out / "export").rglob("*") if p.is_file()}
    start = time.monotonic()
    run_cli("export", "--graph", str(out))
    took = time.monotonic() - start

    proc = _start("export", "--graph", str(out))
    time.sleep(random.Random(100 + trial).uniform(0.05, took))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    # every export file is whole: the same bytes as before (same graph), nothing half-written
    now = {p: p.read_bytes() for p in (out / "export").rglob("*") if p.is_file() and ".tmp-" not in p.name}
    assert now == files
    # the next export removes the killed one's temporary files
    run_cli("export", "--graph", str(out))
    assert sorted(p for p in (out / "export").rglob("*") if p.is_file()) == sorted(files)
