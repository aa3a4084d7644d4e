"""The property-graph schema page, ``docs/property-graph.md``, generated from the record model.

The projection (:mod:`cca_graph.project.property_graph`) is driven by the record
model, which is driven by the ontology, so the page is worked out from the same
tables: every label with its properties and their types, every relationship
type with its ends. Researchers writing Cypher read it instead of dumping nodes.
"""
from __future__ import annotations

from ..ingest.model import RECORD_TYPES, Field
from ..project.property_graph import ENTITY_LABEL, property_name, relationship_type

__all__ = ["render_property_graph_schema"]

#: field kind -> (type of one value, type of a list)
_TYPES = {"text": ("string", "list of strings"), "year": ("integer", "list of integers"),
          "number": ("float", "list of floats"), "iso": ("string", "list of strings"),
          "date": ("string (ISO day or month)", "list of strings (ISO days or months)"),
          "concept": ("string (concept key)", "list of strings (concept keys)"),
          "type-name": ("string (label)", "list of strings (labels)")}

#: properties every node has, besides those of its record type
_COMMON = [
    ("iri", "string", "the entity's IRI; unique (a constraint in Neo4j)"),
    ("id", "string", "the short record id (`MX-JAL`, `source/giz-cca`); the IRI without `https://w3id.org/cca-graph/id/`"),
    ("label_en, label_zh, label_…", "string", "the labels, one property per language"),
    ("description", "string", "plain-language description for readers (`dcterms:description`)"),
    ("curation_note", "string", "a note for curators (`skos:editorialNote`); not shown in briefs, views or pages"),
    ("note", "string", "deprecated v1 note (`rdfs:comment`)"),
    ("sameAs", "list of strings", "Wikidata and other alignments (`owl:sameAs`)"),
    ("sources", "list of strings", "`doc: locator` of every citation"),
    ("source_ids", "list of strings", "the source keys cited"),
]


def _property(f: Field) -> str:
    return property_name(f.predicate)


def _ends(targets: tuple[str, ...]) -> str:
    return ", ".join(f"`{t}`" for t in targets) if targets else "any entity"


def render_property_graph_schema() -> str:
    """The Markdown text of ``docs/property-graph.md``."""
    lines = [
        "# The property graph: labels, properties, relationships",
        "",
        "Generated from the record model by `make generate`; a test fails when it is stale.",
        f"Every node is labelled `{ENTITY_LABEL}` and its record type; sources are `Source` nodes.",
        "Concepts (levels, instrument types, roles…) are properties holding the concept key",
        "(`level: \"regional\"`); links between records are relationships named after the predicate.",
        "",
        "## Properties of every node",
        "",
        "| property | type | meaning |",
        "|---|---|---|",
        *(f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in _COMMON),
        "",
        "## Labels",
        "",
    ]
    relationships: dict[str, set[tuple[str, str]]] = {}
    for name in sorted(RECORD_TYPES):
        rtype = RECORD_TYPES[name]
        if name == "Membership":
            continue
        rows = []
        for f in rtype.fields:
            if f.kind == "ref":
                rel = relationship_type(f.predicate)
                start, end = (_ends(f.targets), f"`{name}`") if f.inverse else (f"`{name}`", _ends(f.targets))
                relationships.setdefault(rel, set()).add((start, end))
                continue
            rows.append(f"| `{_property(f)}` | {_TYPES[f.kind][f.many]} | `{f.name}` |")
        lines += [f"### `{name}`", ""]
        if rows:
            lines += ["| property | type | case-file field |", "|---|---|---|", *rows, ""]
        else:
            lines += ["Only the properties of every node.", ""]
    lines += ["### `Source`", "", "| property | type |", "|---|---|",
              "| `key`, `label`, `title`, `publisher`, `language`, `url` | string |", "| `year` | integer |", ""]
    membership = RECORD_TYPES["Membership"]
    props = [f"`{_property(f)}`" for f in membership.fields if f.kind != "ref"]
    relationships.setdefault("MEMBER_OF", set()).add(("`Government`, `Organization`, `Network`", "`Network`"))
    lines += [
        "## Relationship types",
        "",
        "Every relationship keeps `iri` (the predicate's IRI, or the membership's for `MEMBER_OF`), `sources`",
        f"and `source_ids`. `MEMBER_OF` also carries {', '.join(props)}, `id` and the prose properties.",
        "",
        "A link is one relationship however many named graphs state it: a target that two registries both",
        "give (a California target in C2ES and in Net Zero Tracker, say) has one `COMMITTED_BY` to its",
        "government, so counting relationships counts facts.",
        "",
        "| type | from | to |",
        "|---|---|---|",
    ]
    for rel in sorted(relationships):
        for start, end in sorted(relationships[rel]):
            lines.append(f"| `{rel}` | {start} | {end} |")
    lines += ["", "## Keys", "",
              "`iri` is unique on every `Entity` node (`cca-graph push` creates the constraint); `id` is unique too.",
              "A Cypher query finds a government by `MATCH (g:Government {id: 'MX-JAL'})`.", ""]
    return "\n".join(lines)
