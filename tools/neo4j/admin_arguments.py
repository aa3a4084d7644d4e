"""Print the arguments of the neo4j-admin command in an export's README.txt, NUL-separated.

The command is split as a POSIX shell splits it (quotes, line continuations),
so that ``xargs -0`` hands it to a program and no shell reads the file.

Usage: python admin_arguments.py FOLDER/README.txt | xargs -0 PROGRAM
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path


def admin_arguments(readme: Path) -> list[str]:
    """The words after ``neo4j-admin`` in the indented command of ``readme``.

    Examples
    --------
    A README whose command reads ``neo4j-admin database import full neo4j \\``,
    ``--array-delimiter="|"`` gives ``["database", "import", "full", "neo4j",
    "--array-delimiter=|"]``.
    """
    lines = readme.read_text(encoding="utf-8").splitlines()
    # the command is the indented block after the first line of prose
    command = " ".join(line.removesuffix("\\") for line in lines if line.startswith(" "))
    words = shlex.split(command)
    if words[:1] != ["neo4j-admin"]:
        raise SystemExit(f"{readme}:1: command: no neo4j-admin command in the file")
    return words[1:]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python admin_arguments.py FOLDER/README.txt")
    sys.stdout.write("\0".join(admin_arguments(Path(sys.argv[1]))))
