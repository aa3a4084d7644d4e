"""A large import's check runs only the constraints its change can reach, and finds what the full check finds.

The reference is the full check of the same store (every constraint, as a
build runs them), itself compared with pySHACL shape by shape in
``tests/test_shapes.py``. Each change below is made to a store that passes:
the graph being replaced holds what the change takes away, its new quads what
the change adds.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from cca_graph.errors import InputError
from cca_graph.graph import incremental
from cca_graph.graph.build import build
from cca_graph.graph.shacl import validate_store
from cca_graph.graph.store import store_path
from cca_graph.resources import ontology_dir

from .conftest import DATA
from .test_shapes import BREAKS, PREFIXES, _graph

SHAPES = ontology_dir() / "shapes.ttl"
IMPORT = NamedNode("https://w3id.org/cca-graph/graph/import-x")
CASE = NamedNode("https://w3id.org/cca-graph/graph/case")

# beside the shapes' own breaks: the replaced graph stops typing a government that memberships, a
# commitment and a contribution of another graph name (reached only through their values' types)
UNTYPED = ("id:XX-R a cca:Government .", "")


def _triples(turtle: str) -> set:
    return set(rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")) if turtle else set()


def _store(case: rdflib.Graph, graph: set) -> Store:
    """An in-memory store with ``case`` in one graph and ``graph`` in the import's graph, and the ontology."""
    store = Store()
    store.load(path=str(ontology_dir() / "cca.ttl"), format=RdfFormat.TURTLE)
    store.load(case.serialize(format="nt").encode(), format=RdfFormat.N_TRIPLES, to_graph=CASE)
    part = rdflib.Graph()
    for triple in graph:
        part.add(triple)
    store.load(part.serialize(format="nt").encode(), format=RdfFormat.N_TRIPLES, to_graph=IMPORT)
    return store


def _checked(remove: str, add: str) -> tuple[list, list, list[bool]]:
    """The full check's and the selective check's violations once the import's graph ``remove`` becomes
    ``add``, and which constraints the selective one ran."""
    removed, added = _triples(remove), _triples(add)
    case = _graph(remove, "")
    for triple in added:
        case.remove(triple)  # what the import adds is its own, whatever else states it
    # the published store is the base graph, which passes (tests/test_shapes.py)
    published, copy = _store(case, removed), _store(case, added)
    change = incremental._Change([(copy, IMPORT), (published, IMPORT)], [], copy)
    ran = []
    selective = validate_store(copy, SHAPES, only=lambda reads: ran.append(change.reaches(reads)) or ran[-1])
    return validate_store(copy, SHAPES), selective, ran


@pytest.mark.parametrize("name", sorted(BREAKS) + ["the import no longer types a government"])
def test_the_constraints_a_change_reaches_find_what_every_constraint_finds(name):
    full, selective, ran = _checked(*BREAKS.get(name, UNTYPED))
    assert full, "the change breaks a shape"
    shape = name.split(":")[0] if name in BREAKS else "MembershipShape"
    assert shape in {v.shape for v in full}
    assert selective == full
    assert 0 < sum(ran) < len(ran)


def test_an_untouched_store_runs_no_constraint():
    full, selective, ran = _checked("", "")
    assert full == selective == []
    assert not any(ran)


def test_a_change_to_the_class_hierarchy_runs_every_constraint():
    full, selective, ran = _checked("", "id:Town rdfs:subClassOf cca:Government . id:t a id:Town .")
    # a town is a government without a level, a label or a source
    assert {(v.shape, v.focus) for v in full} >= {("GovernmentShape", "https://w3id.org/cca-graph/id/t")}
    assert selective == full and all(ran)


# -- through an import ---------------------------------------------------------------------------

ID = "https://w3id.org/cca-graph/id/"
ONT = "https://w3id.org/cca-graph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _one(store: Store, cls: str) -> str:
    rows = store.query(f"SELECT ?n WHERE {{ ?n a <{ONT}{cls}> }} ORDER BY ?n LIMIT 1", use_default_graph_as_union=True)
    return next(iter(rows))["n"].value


def _publish(out: Path, name: str, lines: list[str]) -> None:
    """Put ``lines`` (N-Quads) into the store of ``out`` as the graph of import ``name``, as an import does."""
    final = out / "imports" / f"{name}.nq"
    final.parent.mkdir(exist_ok=True)
    tmp = final.with_name(f".{name}.nq.tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    incremental.replace_graph(out, f"import-{name}", tmp, cases=[DATA / "good"],
                              replaces=final if final.exists() else None, publish_with={tmp: final})


def _fact(node: str, graph: str, source: str, citation: str, **values: str) -> list[str]:
    quads = [(node, "http://purl.org/dc/terms/source", f"<{source}>"), (node, f"{ONT}citation", f"<{citation}>")]
    quads += [(node, predicate, value) for predicate, value in values.items()]
    return [f"<{s}> <{p}> {o} <https://w3id.org/cca-graph/graph/{graph}> .\n" for s, p, o in quads]


def test_an_import_that_strands_another_graphs_membership_is_refused_when_the_whole_store_is_checked(
        tmp_path, monkeypatch):
    """Import 'towns' creates a town that import 'members' makes a member of a network; 'towns' again,
    without the town, types no membership and states no membership's path: only its type taken away
    reaches the membership's constraint, and the import is refused, the store left as it was."""
    out = tmp_path / "out"
    build(out, [DATA / "good"])
    published = Store.read_only(str(store_path(out).resolve()))
    source, citation = _one(published, "Source"), _one(published, "Citation")
    network, role, level = _one(published, "Network"), _one(published, "MembershipRole"), _one(published, "GovernanceLevel")
    del published
    town, membership = f"{ID}town-x", f"{ID}ms.town-x.members"
    _publish(out, "towns", _fact(town, "import-towns", source, citation, **{
        RDF_TYPE: f"<{ONT}Government>", "http://www.w3.org/2000/01/rdf-schema#label": '"Town X"',
        f"{ONT}level": f"<{level}>"}))
    _publish(out, "members", _fact(membership, "import-members", source, citation, **{
        RDF_TYPE: f"<{ONT}Membership>", "http://www.w3.org/ns/org#member": f"<{town}>",
        "http://www.w3.org/ns/org#organization": f"<{network}>", "http://www.w3.org/ns/org#role": f"<{role}>"}))
    before = sorted(str(q) for q in Store.read_only(str(store_path(out).resolve())))

    monkeypatch.setattr(incremental, "WHOLE_SHARE", 0.0)
    with pytest.raises(InputError) as refused:
        _publish(out, "towns", [f'<{town}> <{ID}note> "gone" <https://w3id.org/cca-graph/graph/import-towns> .\n'])
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("org:member", f"a membership joins exactly one member: a government, an organisation or a network ({membership})")]
    assert sorted(str(q) for q in Store.read_only(str(store_path(out).resolve()))) == before


# -- at registry scale ---------------------------------------------------------------------------

def test_on_the_registry_graph_a_faulty_change_finds_what_the_full_check_finds(registry_graph, tmp_path):
    """ClimActor's graph (most of the store) changed in a copy of the registry graph, which passed: facts
    taken away and faulty ones added, about its own nodes and others'."""
    out, _ = registry_graph
    published = Store.read_only(str(store_path(out).resolve()))
    graph = NamedNode("https://w3id.org/cca-graph/graph/import-climactor-2022-12")
    copy = tmp_path / "copy"
    published.backup(str(copy))
    store = Store(str(copy))

    def first(query: str) -> Quad:
        return next(iter(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ {query} }} }} "
                                     "ORDER BY ?s LIMIT 1")))

    org = "http://www.w3.org/ns/org#"
    taken = [first(f"?s a <{ONT}Membership> . ?s ?p ?o FILTER(?p = <{org}organization>)"),
             first(f"?s a <{ONT}Government> . ?s ?p ?o FILTER(?p = <{ONT}level>)"),
             first(f"?s a <{ONT}Citation> . ?s ?p ?o FILTER(?p = <{ONT}locator>)")]
    for triple in taken:
        store.remove(Quad(triple.subject, triple.predicate, triple.object, graph))
    member = first(f"?s a <{ONT}Membership> . ?s ?p ?o FILTER(?p = <{org}member>)")
    government = next(iter(store.query(f"SELECT ?g WHERE {{ ?g a <{ONT}Government> }} ORDER BY ?g LIMIT 1",
                                       use_default_graph_as_union=True)))["g"]
    store.add(Quad(member.subject, NamedNode(f"{org}member"), NamedNode(_one(store, "Citation")), graph))
    store.add(Quad(government, NamedNode(f"{ONT}partOf"), NamedNode(_one(store, "Network")), graph))
    store.flush()

    change = incremental._Change([(store, graph), (published, graph)], [], store)
    full = validate_store(store, SHAPES, copy)
    assert {(v.shape, v.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for v in full} >= {
        ("MembershipShape", "organization"), ("GovernmentShape", "level"), ("CitationShape", "locator"),
        ("MembershipShape", "member"), ("GovernmentShape", "partOf")}
    assert validate_store(store, SHAPES, copy, only=change.reaches) == full
