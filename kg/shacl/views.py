"""What the checks read from a data graph, over three kinds of storage.

A view answers "the distinct values of predicate p on node n" (:meth:`GraphView.values`),
"the subjects with p o" and "the (subject, object) pairs of p" (for targets); class
membership and targets are computed from those exactly as pySHACL computes them on an rdflib
graph.  :class:`TripleIndex` holds a small graph (a record, a test fixture) in dictionaries;
:class:`StoreView` asks a pyoxigraph store node by node, so that a dump of millions of
triples is never turned into millions of Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.shacl.terms import OXIGRAPH, RDFLIB, Terms, is_literal, rdflib_literal

_NONE: tuple = ()
_CACHE_SIZE = 4096  # nodes whose classes or triples a view remembers: enough for a record's neighbourhood

# What rdflib reads from N-Triples but pyoxigraph cannot tell apart: an explicit ^^xsd:string
# (rdflib keeps it distinct from a plain literal, pyoxigraph makes both the same term), a
# datatype IRI written with \u escapes (which could spell xsd:string), and an upper-case
# language tag (pyoxigraph lower-cases it, rdflib keeps it).  A match inside a string
# literal only costs the slower, exact path.
_RDFLIB_READS_DIFFERENTLY = re.compile(
    rb'\^\^<http://www\.w3\.org/2001/XMLSchema#string>|\^\^<[^>]*\\[uU]|"@[a-zA-Z0-9-]*[A-Z]'
)


def rdflib_reads_differently(ntriples) -> bool:
    """Whether rdflib would read terms from these N-Triples (bytes or mmap) that pyoxigraph merges or renames."""
    return _RDFLIB_READS_DIFFERENTLY.search(ntriples) is not None


class GraphView:
    """Class membership and targets as pySHACL computes them, on top of three lookups."""

    terms: Terms

    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        self._type = terms.constant(RDF.type)
        self._subclass_of = terms.constant(RDFS.subClassOf)
        self._superclasses: dict = {}
        self._classes: dict = {}

    # The lookups each storage provides.
    def values(self, node, predicate) -> Sequence:
        """The distinct objects of (node, predicate): the value nodes of a property shape."""
        raise NotImplementedError

    def subjects(self, predicate, obj) -> Iterable:
        raise NotImplementedError

    def pairs(self, predicate) -> Iterable[tuple]:
        """(subject, object) of every triple with this predicate."""
        raise NotImplementedError

    def distinct(self, nodes: Iterable) -> Iterable:
        """The focus nodes of a shape without repeats, or with them where dropping them costs more."""
        return dict.fromkeys(nodes)

    # What the checks and targets use.
    def superclasses(self, cls) -> frozenset:
        """``cls`` and everything it is an rdfs:subClassOf, transitively, in the data (rdflib's transitive_objects)."""
        found = self._superclasses.get(cls)
        if found is None:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.values(todo.pop(), self._subclass_of):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = self._superclasses[cls] = frozenset(seen)
        return found

    def has_class(self, node, cls) -> bool:
        """sh:class: an rdf:type of the node is ``cls`` or a subclass of it; never for a literal."""
        if is_literal(node):
            return False
        classes = self._classes.get(node)
        if classes is None:
            if len(self._classes) >= _CACHE_SIZE:
                self._classes.clear()
            classes = self._classes[node] = frozenset().union(*map(self.superclasses, self.values(node, self._type)))
        return cls in classes

    def instances(self, cls) -> Iterator:
        """sh:targetClass: instances of ``cls`` and of its subclasses (rdflib's transitive_subjects)."""
        seen, todo = {cls}, [cls]
        while todo:
            current = todo.pop()
            yield from self.subjects(self._type, current)
            for child in self.subjects(self._subclass_of, current):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)

    def subjects_of(self, predicate) -> Iterator:
        return (subject for subject, _ in self.pairs(predicate))

    def objects_of(self, predicate) -> Iterator:
        return (obj for _, obj in self.pairs(predicate))


class TripleIndex(GraphView):
    """A small graph as predicate -> subject -> distinct objects, built in one pass."""

    def __init__(self, terms: Terms, triples: Iterable[tuple]) -> None:
        super().__init__(terms)
        index: dict = {}
        for subject, predicate, obj in triples:
            by_subject = index.get(predicate)
            if by_subject is None:
                index[predicate] = {subject: [obj]}
                continue
            objects = by_subject.get(subject)
            if objects is None:
                by_subject[subject] = [obj]
            elif obj not in objects:  # a repeated triple, or two literals rdflib normalises alike
                objects.append(obj)
        self._index = index
        self._by_object: dict = {}

    @classmethod
    def from_rdflib(cls, graph: Graph) -> TripleIndex:
        return cls(RDFLIB, graph.triples((None, None, None)))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad], predicates: frozenset) -> TripleIndex:
        """From pyoxigraph's parser, keeping only triples with ``predicates`` (all a program reads).

        IRIs and blank nodes stay pyoxigraph's, literals become rdflib's (see kg.shacl.terms).
        Leaving out the other triples (annotation text, alternate names) saves a sixth of a
        record's index.
        """
        return cls(OXIGRAPH, _rdflib_objects(quads, predicates))

    def values(self, node, predicate) -> Sequence:
        by_subject = self._index.get(predicate)
        return by_subject.get(node, _NONE) if by_subject else _NONE

    def subjects(self, predicate, obj) -> Iterable:
        by_object = self._by_object.get(predicate)
        if by_object is None:
            by_object = self._by_object[predicate] = {}
            for subject, objects in self._index.get(predicate, {}).items():
                for each in objects:
                    by_object.setdefault(each, []).append(subject)
        return by_object.get(obj, _NONE)

    def pairs(self, predicate) -> Iterator[tuple]:
        for subject, objects in self._index.get(predicate, {}).items():
            for obj in objects:
                yield subject, obj


def _rdflib_objects(quads: Iterable[ox.Quad], predicates: frozenset) -> Iterator[tuple]:
    literal = ox.Literal
    for quad in quads:
        predicate = quad.predicate
        if predicate in predicates:
            obj = quad.object
            yield quad.subject, predicate, rdflib_literal(obj) if type(obj) is literal else obj


class StoreView(GraphView):
    """The default graph of a pyoxigraph store, read one node at a time.

    A node's triples are fetched with one ``quads_for_pattern`` call and kept in a small
    bounded cache, because the shapes of a node and the sh:class checks of its neighbours
    ask for the same nodes in quick succession.
    """

    def __init__(self, store: ox.Store) -> None:
        super().__init__(OXIGRAPH)
        self._store = store
        self._graph = ox.DefaultGraph()
        self._nodes: dict = {}

    def values(self, node, predicate) -> Sequence:
        if is_literal(node):
            return _NONE  # a literal focus node (from sh:targetObjectsOf) is never a subject
        properties = self._nodes.get(node)
        if properties is None:
            properties = self._fetch(node)
        return properties.get(predicate, _NONE)

    def _fetch(self, node) -> dict:
        if len(self._nodes) >= _CACHE_SIZE:
            self._nodes.clear()
        properties: dict = {}
        for quad in self._store.quads_for_pattern(node, None, None, self._graph):
            obj = quad.object
            if type(obj) is ox.Literal:
                obj = rdflib_literal(obj)
            objects = properties.setdefault(quad.predicate, [])
            if obj not in objects:
                objects.append(obj)
        self._nodes[node] = properties
        return properties

    def subjects(self, predicate, obj) -> Iterator:
        return (quad.subject for quad in self._store.quads_for_pattern(None, predicate, obj, self._graph))

    def pairs(self, predicate) -> Iterator[tuple]:
        for quad in self._store.quads_for_pattern(None, predicate, None, self._graph):
            obj = quad.object
            yield quad.subject, rdflib_literal(obj) if type(obj) is ox.Literal else obj

    def distinct(self, nodes: Iterable) -> Iterable:
        # A set of every typed node of a dump would hold millions of objects; evaluating a
        # node twice gives the same results, which the report removes as duplicates.
        return nodes


__all__ = ["GraphView", "StoreView", "TripleIndex", "rdflib_reads_differently"]

