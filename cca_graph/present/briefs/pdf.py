"""The brief as PDF, printed by headless Chromium from the HTML brief.

The HTML brief (:mod:`.html`) is self-contained and has print styles (A4,
no page break inside a table row, the notes in two columns); this
module writes it to a private temporary folder and has Debian's Chromium
(``chromium`` on the ``PATH``, ``apt-get install chromium``) print it. The
library needs no browser driver: Chromium runs as a subprocess, with a fresh
profile, no network (every host name resolves to nothing, every request goes
to a closed proxy port, background services off; the page's own
Content-Security-Policy forbids loading anything too), and a time limit after
which it is stopped by the id of its process group.

The file is written atomically, and is deterministic: Chromium's creation and
modification dates are replaced by a fixed date of the same length, so the
same brief gives the same bytes.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ...atomic import atomic_path
from ...errors import CcaError
from .html import render_html
from .model import Brief, unlinked

__all__ = ["write_pdf", "find_chromium", "require_chromium", "PrinterMissingError", "PrintError", "TIMEOUT"]

#: seconds Chromium may take to print one brief before it is stopped
TIMEOUT = 120
#: the names Chromium is installed under (Debian: chromium; Ubuntu and others: chromium-browser)
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL = "install Debian's Chromium (apt-get install chromium) or put 'chromium' on the PATH"
#: the options that keep Chromium off the network and away from the user's profile
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", "--disable-default-apps", "--disable-domain-reliability",
                 "--no-pings", "--disable-breakpad", "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--proxy-server=127.0.0.1:9", "--no-pdf-header-footer")
#: what Chromium writes as the PDF's dates, replaced by FIXED_DATE (same length: offsets stay valid)
_DATE = re.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)\d{14}")
FIXED_DATE = b"20200101000000"


class PrinterMissingError(CcaError):
    """Nothing on this machine can print the PDF (no Chromium, or no font for the brief's language)."""


class PrintError(CcaError):
    """Chromium ran but wrote no PDF (it failed or took too long)."""


def find_chromium() -> str | None:
    """The path of the Chromium on the ``PATH``, or None."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def require_chromium() -> str:
    """The path of the Chromium on the ``PATH``; :class:`PrinterMissingError` when there is none."""
    chromium = find_chromium()
    if chromium is None:
        raise PrinterMissingError(f"a PDF brief is printed by Chromium, which is not installed: {INSTALL}")
    return chromium


def _has_chinese_font() -> bool:
    """Whether fontconfig (which Chromium draws with) knows a font for Chinese; True when it cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True
    proc = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    return proc.returncode != 0 or bool(proc.stdout.strip())


def _fixed_dates(data: bytes) -> bytes:
    """``data`` with every creation and modification date set to :data:`FIXED_DATE`, byte for byte as long.

    Examples
    --------
    >>> _fixed_dates(b"/CreationDate (D:20260105143000+00'00') /ModDate (D:20260105143001)")
    b"/CreationDate (D:20200101000000+00'00') /ModDate (D:20200101000000)"
    """
    return _DATE.sub(lambda m: m.group(1) + FIXED_DATE, data)


def _stop(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop Chromium and every process it started (its own process group), by the group's id.

    Returns once no live process of the group is left, or after ``grace``
    seconds: a helper that was killed can take a moment to end on a busy
    machine (a clean-clone test run found one still there just after the kill).
    """
    deadline = time.monotonic() + grace
    while True:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            break
        if proc.poll() is None:
            proc.wait()
        if not _live_in_group(proc.pid) or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    proc.wait()


def _live_in_group(group: int) -> bool:
    """Whether a process of process group ``group`` is still running (not a zombie); False without /proc."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue
        # pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after its last ")"
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != b"Z":
            return True
    return False


def _print(chromium: str, html: Path, pdf: Path, profile: Path, timeout: float) -> None:
    args = [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()]
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PrintError(f"Chromium did not print the brief within {timeout:g} s; it was stopped") from None
    finally:
        _stop(proc)  # also the helpers it leaves behind when it exits
    if proc.returncode != 0 or not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        last = [line for line in output.decode("utf-8", "replace").splitlines() if line.strip()][-1:]
        raise PrintError(f"Chromium did not print the brief (exit {proc.returncode})"
                         + (f": {last[0].strip()}" if last else ""))


def write_pdf(brief: Brief, path: Path | str, timeout: float = TIMEOUT) -> Path:
    """Print ``brief`` to PDF at ``path`` (atomically) with headless Chromium; return the path.

    Raises
    ------
    PrinterMissingError
        When no Chromium is installed, or the brief is in Chinese and no Chinese font is.
        Nothing is written.
    PrintError
        When Chromium fails or takes over ``timeout`` seconds. Nothing is written.
    """
    chromium = require_chromium()
    if brief.lang == "zh" and not _has_chinese_font():
        raise PrinterMissingError("a PDF brief in Chinese needs a Chinese font, and none is installed: install one "
                                  "(apt-get install fonts-noto-cjk)")
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="cca-graph-pdf-") as folder:
        html = Path(folder) / "brief.html"
        html.write_text(render_html(unlinked(brief)), encoding="utf-8")  # no annex beside the print
        printed = Path(folder) / "brief.pdf"
        _print(chromium, html, printed, Path(folder) / "profile", timeout)
        with atomic_path(path) as tmp:
            tmp.write_bytes(_fixed_dates(printed.read_bytes()))
    return path
