"""Property: roster rows with hostile names either import with ASCII ids and the names as labels, or are
refused at their line.

Names are drawn from arbitrary Unicode (control characters, right-to-left
marks and overrides, markup, quotes, ``|``, ``=``, very long text) and written
as roster rows with the csv module; each roster is imported onto a copy of the
``namesakes/`` case. Either the import succeeds, and then every government a
row made has an ASCII id and the row's name (as the CSV reader gives it,
stripped) as its label, and no name held a control character; or it fails with an :class:`InputError` whose every
problem prints as ``path:line: field: message`` at a line of the file, and the
store is the one before. Never another exception.
"""
from __future__ import annotations

import csv
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cca_graph import InputError, open_store, run_sparql
from cca_graph.graph.build import build
from cca_graph.ingest.imports import run_import

from .conftest import DATA

pytestmark = pytest.mark.slow  # about 20 imports, each rebuilding the store

ID = "https://w3id.org/cca-graph/id/"
#: fragments a registry's name may hold, hostile or merely foreign, that a label may keep
FRAGMENTS = ["<b>x</b>", '"', "|", "=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3", "\u200f", "Tromsø", "北京",
             "الرياض", "Ж" * 3000, ", 03", "City of "]
#: what no name may hold: C0 and C1 controls, bidi overrides and isolates, line breaks
CONTROLS = ["\x1b[31m", "\x00", "\x07", "\t", "\n", "\r", "\x85", "\x9b", "\u202e", "\u2066", "\u2028", "\x7f"]
_printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff")
#: a name: pieces of printable text and fragments, in about one name of three a control character among them
names = st.tuples(st.lists(st.one_of(st.text(_printable, max_size=10), st.sampled_from(FRAGMENTS)), min_size=1,
                           max_size=4),
                  st.one_of(st.none(), st.none(), st.sampled_from(CONTROLS)), st.integers(0, 4)
                  ).map(lambda t: "".join(t[0][:t[2]] + ([t[1]] if t[1] else []) + t[0][t[2]:]))
PROBLEM = re.compile(r"^(.+):(\d+): ([^:\n]+): (.+)$", re.S)


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("properties-imports") / "out"
    build(out, [DATA / "namesakes"])
    return out


def _created(out: Path, name: str) -> dict[str, tuple[str, str, str]]:
    """line -> (name, node, method) of the decision log of import ``name``."""
    with open(out / "imports" / f"{name}.decisions.csv", encoding="utf-8", newline="") as fh:
        return {row["line"]: (row["name"], row["node"], row["method"]) for row in csv.DictReader(fh)}


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(names, min_size=1, max_size=3))
def test_roster_names_import_with_ascii_ids_or_fail_at_their_line(graph, rows):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        shutil.copytree(graph, out, symlinks=True)
        path = Path(tmp) / "hostile.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name", "country", "level", "network", "role", "since", "source"])
            writer.writerows([name, "NO", "local", "Hardening Network", "member", "2020", "p. 1"] for name in rows)
        store_before = (out / "store").resolve()
        try:
            report = run_import("roster", path, out, year=2024)
        except InputError as exc:
            event("refused")
            lines = path.read_bytes().count(b"\n")
            for problem in exc.problems:
                found = PROBLEM.match(str(problem))
                assert found, str(problem)
                assert found.group(1) == str(path) and 1 <= int(found.group(2)) <= lines, str(problem)
            assert (out / "store").resolve() == store_before
            return
        event("imported")
        # a control character inside a name (the reader strips the edges) is never let through
        assert not any(control[0] in name.strip() for control in CONTROLS for name in rows), rows
        assert report.rows == len([name for name in rows if name.strip()])
        labels: dict[str, set[str]] = {}
        for gid, label in run_sparql(open_store(out), "SELECT ?g ?l WHERE { ?g a cca:Government ; rdfs:label ?l }"
                                     ).itertuples(index=False):
            labels.setdefault(gid[len(ID):], set()).add(label)
        for line, (name, node, method) in _created(out, "roster-hostile").items():
            if not node:  # two earlier rows whose names share this one's key: reported, not guessed
                assert method == "ambiguous", (line, name, method)
                continue
            assert node.isascii() and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", node), (line, name, node)
            if method == "created":
                assert labels[node] == {rows[int(line) - 2].strip()}
