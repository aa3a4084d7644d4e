"""The projection read in scans of the store gives what reading it entity by entity gives, in the same order."""
from __future__ import annotations

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from cca_graph.ingest import model
from cca_graph.namespace import CCA, DCTERMS, RDF, RDFS
from cca_graph.project.property_graph import project


def _everything(graph) -> list[str]:
    # repr keeps the order of each node's properties, which the GraphML export shows
    return [repr(item) for item in (*graph.records(), *graph.memberships(), *graph.relationships())]


def _read_alone(store):
    graph = project(store)
    graph._read = {}  # noqa: SLF001 - the entity-by-entity reading the scans stand in for
    return graph


def test_scans_give_the_rows_of_reading_each_entity(store):
    assert _everything(project(store)) == _everything(_read_alone(store))


def _small(default_graph: bool = False) -> Store:
    store = Store()
    g1, g2 = NamedNode("https://example.org/graph/a"), NamedNode("https://example.org/graph/b")
    gov, other = NamedNode(model.ID + "XX-A"), NamedNode(model.ID + "XX")
    two, one = NamedNode(model.ID + "citation/two"), NamedNode(model.ID + "citation/one")
    n = lambda term: NamedNode(str(term))  # noqa: E731
    quads = [
        (gov, n(RDF.type), n(CCA.Government), g1), (other, n(RDF.type), n(CCA.Government), g1),
        (gov, n(RDFS.label), Literal("Alpha", language="en"), g1),
        (gov, n(RDFS.label), Literal("Alfa de una región de nombre largo", language="es"), g2),
        (other, n(RDFS.label), Literal("Country"), g1),
        (other, n(CCA.isoCode), Literal("XX"), g1),
        # a link in two graphs (two imports stating one target's government, say) is one fact
        (gov, n(CCA.partOf), other, g1), (gov, n(CCA.partOf), other, g2),
        (gov, n(CCA.citation), two, g1), (other, n(CCA.citation), one, g1),
        # a citation with two sources: the first a read of it gives counts
        (two, n(DCTERMS.source), NamedNode(model.ID + "source/zeta"), g1),
        (two, n(DCTERMS.source), NamedNode(model.ID + "source/alpha"), g2),
        (two, n(CCA.locator), Literal("p. 2"), g1),
        (one, n(DCTERMS.source), NamedNode(model.ID + "source/alpha"), g1),
        (one, n(DCTERMS.source), NamedNode(model.ID + "source/alpha"), g2),
    ]
    if default_graph:
        quads.append((other, n(RDFS.comment), Literal("in the default graph"), DefaultGraph()))
    store.extend(Quad(*q) for q in quads)
    return store


def test_scans_give_the_rows_of_reading_each_entity_of_unusual_stores():
    for default_graph in (False, True):
        store = _small(default_graph)
        rows = _everything(project(store))
        assert rows == _everything(_read_alone(store))
        assert sum("PART_OF" in row for row in rows) >= 2


def test_a_link_two_graphs_state_is_one_relationship():
    # XX-A is part of XX, said in graph a and in graph b: one fact, one PART_OF (the trial counted 942
    # COMMITTED_BY for 918 commitment-government pairs when two imports stated the same targets)
    for default_graph in (False, True):
        graph = project(_small(default_graph))
        links = [(r.type, r.start, r.end) for r in graph.relationships()]
        assert links.count(("PART_OF", model.ID + "XX-A", model.ID + "XX")) == 1
        assert graph.counts()[1]["PART_OF"] == 1
