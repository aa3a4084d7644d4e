"""SHACL validation of a store by SPARQL: the shapes of ``ontology/shapes.ttl``, run inside Oxigraph.

pySHACL copies the whole graph into rdflib, which costs memory and minutes at
registry scale. The shapes use a small part of SHACL Core; each constraint of
that part becomes one SPARQL query that returns the focus nodes violating it,
run where the data already is. Anything outside that part is refused with a
clear error rather than silently ignored, and the tests check that both
validators give the same verdicts on every crafted bad graph.

Supported: ``sh:NodeShape`` with ``sh:targetClass`` (instances of subclasses
included); ``sh:property`` with an IRI ``sh:path`` and ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:or`` of ``sh:class`` or
``sh:datatype`` alternatives, ``sh:message``; node-level ``sh:or`` of property
shapes built from the same constraints.

So a constraint's verdicts depend on three kinds of quads only (its
:class:`Reads`): the types that make nodes instances of its target class, the
quads of its paths at those nodes, and the types of their values. A caller that
knows a change to an already valid store leaves those alone can skip the
constraint (``only`` of :func:`validate_store`; see
:mod:`cca_graph.graph.incremental`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyoxigraph import Store

from ..errors import CcaError

__all__ = ["Violation", "Reads", "validate_store", "UnsupportedShape"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["or"], SH.message,
                  SH.name, SH.description}
_NODE_KEYS = {rdflib.RDF.type, SH.targetClass, SH.property, SH["or"], SH.message, rdflib.RDFS.comment}


class UnsupportedShape(CcaError):
    """A shape uses SHACL this validator does not implement."""


@dataclass(frozen=True, order=True)
class Violation:
    shape: str
    focus: str
    path: str
    message: str


@dataclass(frozen=True)
class Reads:
    """What one constraint's query reads, as IRIs, each class with its subclasses.

    Attributes
    ----------
    targets : frozenset of str
        The classes whose instances are its focus nodes.
    paths : frozenset of str
        The predicates it follows from a focus node.
    classes : frozenset of str
        The classes it asks the values of those paths to be instances of.
    """

    targets: frozenset
    paths: frozenset
    classes: frozenset


def _closure(cls: str) -> frozenset:
    """``cls`` (a SPARQL term) and its subclasses, as IRIs."""
    return frozenset(c[1:-1] for c in _SUBCLASSES.get(cls, [cls]))


def _iri(term) -> str:
    if not isinstance(term, rdflib.URIRef):
        raise UnsupportedShape(f"expected an IRI, got {term!r}")
    return f"<{term}>"


_SUBCLASSES: dict[str, list[str]] = {}


def _instance(var: str, cls: str) -> str:
    """A pattern matching instances of ``cls`` and of its subclasses (known from the data's ontology).

    ``cls`` may be several classes separated by spaces (the targets of one node shape, all known):
    instances of any of them.
    """
    if " " in cls:
        classes = sorted(set().union(*(_SUBCLASSES[c] for c in cls.split())))
    else:
        classes = _SUBCLASSES.get(cls)
    if classes is None:
        return f"{var} a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {cls}"
    if len(classes) == 1:
        return f"{var} a {classes[0]}"
    # one class variable per node variable: the focus's class and its value's class must not be joined
    return f"VALUES ?_class_{var[1:]} {{ {' '.join(classes)} }} {var} a ?_class_{var[1:]}"


#: read a path's quads in one scan, not one lookup per focus node, when it has at most this many quads per
#: focus node (on the benchmark's M graph a lookup cost about 5 µs, a quad scanned and hashed about 1 µs)
SCAN_PER_FOCUS = 4


def _values(path: str, scan: bool) -> str:
    """The pattern binding the values ``?v`` of ``path`` at ``?focus``.

    A subquery is evaluated on its own (Oxigraph does not push the focus
    nodes into it), so the path is scanned once and joined by hashing:
    cheaper than looking each focus node up when most of the path's
    subjects are focus nodes. Both forms give the same solutions.
    """
    return f"{{ SELECT ?focus ?v WHERE {{ ?focus {path} ?v }} }}" if scan else f"?focus {path} ?v ."


class _Shapes:
    def __init__(self, graph: rdflib.Graph, scan=lambda target, path: False):
        self.g = graph
        self.scan = scan  # (target, path) -> whether to scan the path (see _values)

    def items(self, node) -> list:
        return list(rdflib.collection.Collection(self.g, node))

    def check_keys(self, node, allowed: set, what: str) -> None:
        extra = {p for p in self.g.predicates(node) if p not in allowed}
        if extra:
            raise UnsupportedShape(f"{what} uses {', '.join(sorted(str(p) for p in extra))}")

    def value_ok(self, node, var: str) -> str:
        """A SPARQL expression true when ``var`` meets the value constraints of ``node``."""
        tests = []
        cls = self.g.value(node, SH["class"])
        if cls is not None:
            tests.append(f"EXISTS {{ {_instance(var, _iri(cls))} }}")
        datatype = self.g.value(node, SH.datatype)
        if datatype is not None:
            tests.append(f"(isLiteral({var}) && DATATYPE({var}) = {_iri(datatype)})")
        alternatives = self.g.value(node, SH["or"])
        if alternatives is not None:
            options = []
            for alt in self.items(alternatives):
                self.check_keys(alt, {SH["class"], SH.datatype}, "an sh:or alternative")
                options.append(self.value_ok(alt, var))
            tests.append("(" + " || ".join(options) + ")")
        return " && ".join(tests) if tests else "true"

    def value_classes(self, node) -> frozenset:
        """The classes that ``node``'s value constraints name, alternatives included, with their subclasses."""
        found = set()
        cls = self.g.value(node, SH["class"])
        if cls is not None:
            found |= _closure(_iri(cls))
        alternatives = self.g.value(node, SH["or"])
        for alt in self.items(alternatives) if alternatives is not None else []:
            found |= self.value_classes(alt)
        return frozenset(found)

    def reads(self, props: list, target: str) -> Reads:
        """What the queries of property shapes ``props`` at instances of ``target`` read."""
        return Reads(_closure(target), frozenset(str(self.g.value(p, SH.path)) for p in props),
                     frozenset().union(*(self.value_classes(p) for p in props)))

    def property_queries(self, prop, target: str) -> list[tuple[str, str]]:
        """(query, default message) pairs for one property shape."""
        self.check_keys(prop, _PROPERTY_KEYS, "a property shape")
        path = _iri(self.g.value(prop, SH.path))
        focus = _instance("?focus", target)
        values = _values(path, self.scan(target, path))
        queries = []
        low, high = self.g.value(prop, SH.minCount), self.g.value(prop, SH.maxCount)
        bounds = []
        if low is not None and int(low) > 0:
            bounds.append(f"COUNT(DISTINCT ?v) < {int(low)}")
        if high is not None:
            bounds.append(f"COUNT(DISTINCT ?v) > {int(high)}")
        if bounds == ["COUNT(DISTINCT ?v) < 1"]:
            # at least one value, no more asked: the focus nodes without one, taken away in one pass,
            # with no counting
            queries.append((f"SELECT DISTINCT ?focus WHERE {{ {focus} MINUS {{ ?focus {path} ?v }} }}",
                            "the wrong number of values"))
        elif bounds:
            # one pass over the focus nodes checks both bounds
            queries.append((f"SELECT ?focus WHERE {{ {focus} . OPTIONAL {{ {values} }} }} "
                            f"GROUP BY ?focus HAVING ({' || '.join(bounds)})",
                            "the wrong number of values"))
        condition = self.value_ok(prop, "?v")
        classes = self.only_classes(prop)
        if classes is not None:
            # values of the wrong class: MINUS takes the classes' instances away in one pass, where
            # FILTER NOT EXISTS would look each value up
            queries.append((f"SELECT DISTINCT ?focus WHERE {{ {focus} . {values} "
                            f"MINUS {{ {_instance('?v', classes)} }} }}",
                            "a value of the wrong kind"))
        elif condition != "true":
            queries.append((f"SELECT DISTINCT ?focus WHERE {{ {focus} . {values} FILTER(!({condition})) }}",
                            "a value of the wrong kind"))
        return queries

    def only_classes(self, prop) -> str | None:
        """The class (``sh:class``) or classes (an ``sh:or`` of ``sh:class`` alone) that are all ``prop``
        asks of its values, as :func:`_instance` takes them; None when it asks anything else."""
        if self.g.value(prop, SH.datatype) is not None:
            return None
        cls = self.g.value(prop, SH["class"])
        alternatives = self.g.value(prop, SH["or"])
        if alternatives is None:
            return None if cls is None else _iri(cls)
        if cls is not None:
            return None
        classes = []
        for alt in self.items(alternatives):
            cls = self.g.value(alt, SH["class"])
            if cls is None or self.g.value(alt, SH.datatype) is not None:
                return None
            classes.append(_iri(cls))
        # several classes are one pattern only when their subclasses are known (see _instance)
        if not classes or len(classes) > 1 and not all(c in _SUBCLASSES for c in classes):
            return None
        return " ".join(classes)

    def satisfied(self, prop, var: str) -> str:
        """A SPARQL expression true when focus ``var`` satisfies property shape ``prop`` (for node-level sh:or)."""
        self.check_keys(prop, _PROPERTY_KEYS, "a property shape in sh:or")
        path = _iri(self.g.value(prop, SH.path))
        low = int(self.g.value(prop, SH.minCount) or 0)
        condition = self.value_ok(prop, "?alt")
        parts = [f"NOT EXISTS {{ {var} {path} ?alt . FILTER(!({condition})) }}"]
        if low > 0:
            parts.append(f"EXISTS {{ {var} {path} ?alt }}")
        if self.g.value(prop, SH.maxCount) is not None or low > 1:
            raise UnsupportedShape("counts other than minCount 1 inside a node-level sh:or")
        return "(" + " && ".join(parts) + ")"


def _merged(targets: list[str]) -> list[str]:
    """``targets`` as the focus classes of queries: all in one when their subclasses are known.

    A violation names its shape, focus node, path and message, never the
    target class that made the node a focus: a node shape's constraint run
    once over the instances of all its targets finds the same violations as
    run once per target, and reads each path once instead of once per target.
    """
    if len(targets) > 1 and all(t in _SUBCLASSES for t in targets):
        return [" ".join(targets)]
    return targets


def _queries(shapes_graph: rdflib.Graph, scan=lambda target, path: False, only=None):
    """(shape, path, message, query) of each constraint, those whose :class:`Reads` ``only`` accepts if given."""
    shapes = _Shapes(shapes_graph, scan)
    for node in sorted(shapes_graph.subjects(rdflib.RDF.type, SH.NodeShape)):
        shapes.check_keys(node, _NODE_KEYS, f"node shape {node}")
        name = str(node).rsplit("#", 1)[-1]
        node_message = str(shapes_graph.value(node, SH.message) or "")
        targets = [_iri(target) for target in sorted(shapes_graph.objects(node, SH.targetClass))]
        for prop in shapes_graph.objects(node, SH.property):
            message = str(shapes_graph.value(prop, SH.message) or "")
            path = str(shapes_graph.value(prop, SH.path))
            accepted = [t for t in targets if only is None or only(shapes.reads([prop], t))]
            for focus in _merged(accepted):
                for query, default in shapes.property_queries(prop, focus):
                    yield name, path, message or default, query
        alternatives = shapes_graph.value(node, SH["or"])
        if alternatives is not None:
            accepted = [t for t in targets if only is None or only(shapes.reads(shapes.items(alternatives), t))]
            for focus in _merged(accepted):
                tests = " || ".join(shapes.satisfied(p, "?focus") for p in shapes.items(alternatives))
                yield name, "", node_message or "none of the alternatives holds", \
                    f"SELECT DISTINCT ?focus WHERE {{ {_instance('?focus', focus)} . FILTER(!({tests})) }}"


def _subclasses(store: Store, graph: rdflib.Graph) -> dict[str, list[str]]:
    """Each class the shapes name -> it and its subclasses in ``store``, as SPARQL terms."""
    named = {o for p in (SH.targetClass, SH["class"]) for o in graph.objects(None, p) if isinstance(o, rdflib.URIRef)}
    closure = {}
    for cls in sorted(named):
        rows = store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}",
                           use_default_graph_as_union=True)
        closure[f"<{cls}>"] = sorted({f"<{r['c'].value}>" for r in rows} | {f"<{cls}>"})
    return closure


def _scan_planner(store: Store):
    """Whether to scan a path's quads for a target's focus nodes (see :func:`_values`), from counts in ``store``."""
    focus_counts: dict[str, int] = {}
    path_counts: dict[str, tuple[int, int]] = {}  # path -> (quads counted, the limit of the count)

    def scan(target: str, path: str) -> bool:
        if target not in focus_counts:
            rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {_instance('?focus', target)} }}",
                               use_default_graph_as_union=True)
            focus_counts[target] = int(next(iter(rows))["n"].value)
        focus = focus_counts[target]
        if focus == 0:
            return False
        # counted no further than the point where lookups win
        limit = SCAN_PER_FOCUS * focus + 1
        counted, known = path_counts.get(path, (0, 0))
        if counted == known < limit:
            rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT * WHERE {{ ?s {path} ?o }} LIMIT {limit} }}",
                               use_default_graph_as_union=True)
            counted, known = path_counts[path] = (int(next(iter(rows))["n"].value), limit)
        return counted < limit

    return scan


def validate_store(store: Store, shapes: Path, path: Path | None = None, only=None,
                   quads: int | None = None) -> list[Violation]:
    """Every violation of ``shapes`` in ``store`` (the union of its graphs), sorted.

    Parameters
    ----------
    path : path, optional
        Where ``store`` lives on disk (flushed, not written to meanwhile);
        when given and the store is large, the constraints' queries are
        shared out to worker processes that open it read-only.
    only : callable, optional
        Given a constraint's :class:`Reads`, whether to run it; the others
        are taken to find nothing (a change that leaves their quads alone in
        a store that passed).
    quads : int, optional
        How many quads ``store`` holds, if known (counting takes a while at scale).
    """
    graph = rdflib.Graph().parse(shapes, format="turtle")
    _SUBCLASSES.clear()
    _SUBCLASSES.update(_subclasses(store, graph))
    checks = []

    def made():
        # the constraints are chosen (``only`` reads the store) while the workers run those chosen before
        for check in _queries(graph, _scan_planner(store), only):
            checks.append(check)
            yield check[3]

    if path is not None and (len(store) if quads is None else quads) >= PARALLEL_QUADS:
        from .workers import select_values

        found = select_values(path, made(), "focus")
    else:
        found = ([s["focus"].value for s in store.query(query, use_default_graph_as_union=True)]
                 for query in made())
    violations = set()
    for index, focus_nodes in enumerate(found):
        shape, path_iri, message, _ = checks[index]
        violations.update(Violation(shape, focus, path_iri, message) for focus in focus_nodes)
    return sorted(violations)


#: share the constraints out to worker processes from this many quads on
PARALLEL_QUADS = 200_000
