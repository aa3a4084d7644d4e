"""docs/imports.md: the role each kind of ClimActor tag gives is the role the imported memberships have."""
from __future__ import annotations

import re

from cca_graph import open_store, run_sparql

from .conftest import REPO

#: a membership from a ClimActor tag cites it as "line N, tag 'T' (KIND)"
BY_KIND = r"""SELECT DISTINCT ?kind ?role WHERE {
  ?m org:role ?role ; cca:citation/cca:locator ?locator .
  FILTER (REGEX(?locator, "^line [0-9]+, tag '.*' \\([a-z]+\\)$"))
  BIND (REPLACE(?locator, "^.*\\(([a-z]+)\\)$", "$1") AS ?kind) }"""


def _documented_roles() -> dict[str, str]:
    """kind -> the role the tag table of docs/imports.md gives it (its first word in backticks)."""
    text = (REPO / "docs" / "imports.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| `([\w-]+)`", text, re.M)
    return dict(rows)


def test_the_tag_table_gives_each_kind_the_role_its_memberships_have(registry_graph):
    out, _ = registry_graph
    rows = run_sparql(open_store(out), BY_KIND)
    imported = {kind: role.rsplit("/", 1)[-1] for kind, role in rows.values.tolist()}
    assert len(rows) == len(imported)  # one role per kind
    # the four kinds that give a membership (hand-read from the table: commitments and datasets give none)
    assert set(imported) == {"membership", "reporting", "declaration", "programme"}
    assert {kind: role for kind, role in _documented_roles().items() if kind in imported} == imported
