"""The property-graph schema page is current and describes the projection as it is."""
from __future__ import annotations

import re

from cca_graph.present.pgschema import render_property_graph_schema
from cca_graph.project.property_graph import ENTITY_LABEL, project

from .conftest import REPO

PAGE = REPO / "docs" / "property-graph.md"


def test_the_page_is_current():
    assert PAGE.read_text(encoding="utf-8") == render_property_graph_schema(), "run `make generate`"


def _first_column(table: str) -> set[str]:
    """The names in backticks in the first column of a Markdown table."""
    return {name for row in re.findall(r"^\|([^|]+)\|", table, re.M) for name in re.findall(r"`([^`]+)`", row)}


def _documented():
    """Properties per label and (type, from, to) triples, read back from the page's tables."""
    text = PAGE.read_text(encoding="utf-8")
    common = _first_column(text.split("## Labels")[0])
    props = {}
    for label, body in re.findall(r"^### `(\w+)`\n(.*?)(?=^### |^## )", text, re.M | re.S):
        props[label] = common | _first_column(body)
    rels = set()
    for rel, start, end in re.findall(r"^\| `([A-Z_]+)` \| (.+?) \| (.+?) \|$", text, re.M):
        starts = set(re.findall(r"`(\w+)`", start)) or {"*"}
        ends = set(re.findall(r"`(\w+)`", end)) or {"*"}
        rels |= {(rel, s, e) for s in starts for e in ends}
    return props, rels


def test_every_node_and_relationship_of_the_built_graph_is_documented(store):
    props, rels = _documented()
    graph = project(store)
    seen_labels, undocumented = set(), set()
    label_of = {}
    for node in graph.nodes():
        label = next(lab for lab in node.labels if lab != ENTITY_LABEL)
        seen_labels.add(label)
        label_of[node.iri] = label
        assert "iri" in node.properties and "id" in node.properties
        undocumented |= {(label, p) for p in node.properties
                         if p not in props.get(label, set()) and not p.startswith("label_")}
    assert not undocumented, sorted(undocumented)
    assert {"Government", "Network", "Instrument", "Commitment"} <= seen_labels
    missing = set()
    for rel in graph.relationships():
        start, end = label_of.get(rel.start), label_of.get(rel.end)
        if not ({(rel.type, start, end), (rel.type, start, "*"), (rel.type, "*", end)} & rels):
            missing.add((rel.type, start, end))
    assert not missing, sorted(missing)
