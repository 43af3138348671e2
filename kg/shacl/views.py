"""What the checks read from a data graph, over the two kinds of storage.

A view answers "the distinct values of predicate p on node n" (:meth:`GraphView.values`),
"the subjects with p o" and "the (subject, object) pairs of p" (for targets); class
membership and targets are computed from those exactly as pySHACL computes them on an rdflib
graph.  :class:`TripleIndex` holds a small graph (a record, a test fixture) in dictionaries.
:class:`StoreView` reads a pyoxigraph store in parts of consecutive subjects, each indexed
like a small graph, so that a dump of millions of triples is never turned into millions of
Python objects at once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

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
_EXPLICIT_STRING = b"^^<http://www.w3.org/2001/XMLSchema#string>"
_ESCAPED_DATATYPE = re.compile(rb"\^\^<[^>]*\\[uU]")
_UPPER_CASE_TAG = re.compile(rb'"@[a-z0-9-]*[A-Z]')


# What a pyoxigraph *store* changes on top (pyoxigraph's parser keeps them): it keeps values,
# not lexical forms, and stores the types derived from xsd:integer, and xsd:dateTimeStamp,
# as xsd:integer and xsd:dateTime, which sh:datatype tells apart.  (Lexical forms it writes
# canonically are those rdflib's parser normalises to, or values no bundled shape reads as text.)
_RETYPED_IN_A_STORE = re.compile(
    rb"\^\^<http://www\.w3\.org/2001/XMLSchema#(?:int|long|short|byte|unsigned(?:Long|Int|Short|Byte)"
    rb"|positiveInteger|negativeInteger|nonNegativeInteger|nonPositiveInteger|dateTimeStamp)>")


def store_reads_differently(ntriples) -> bool:
    """Whether a pyoxigraph store loaded with these N-Triples holds terms other than rdflib reads."""
    return rdflib_reads_differently(ntriples) or bool(_RETYPED_IN_A_STORE.search(ntriples))


def rdflib_reads_differently(ntriples) -> bool:
    """Whether rdflib would read terms from these N-Triples (bytes or mmap) that pyoxigraph merges or renames."""
    if ntriples.find(_EXPLICIT_STRING) != -1 or _UPPER_CASE_TAG.search(ntriples):
        return True
    # The escape test is a slow scan; most data has no backslash-u at all.
    return (ntriples.find(b"\\u") != -1 or ntriples.find(b"\\U") != -1) and bool(_ESCAPED_DATATYPE.search(ntriples))


class GraphView:
    """Class membership and targets as pySHACL computes them, on top of three lookups.

    A program evaluates a view part by part (:meth:`parts`): each shape on the focus nodes
    its targets find in the part.  Parts must be cut so that together they find every focus
    node of the whole graph; class hierarchies are always the whole graph's.
    """

    terms: Terms

    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        self._type = terms.constant(RDF.type)
        self._subclass_of = terms.constant(RDFS.subClassOf)
        self._superclasses: dict = {}
        self._subclasses: dict = {}
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

    def value_pairs(self, nodes: Iterable, predicate) -> list[tuple]:
        """(node, its values of ``predicate``) for each node: a property shape's batch, in one call."""
        values = self.values
        return [(node, values(node, predicate)) for node in nodes]

    def parts(self) -> Iterable[GraphView]:
        return (self,)

    def distinct(self, nodes: Iterable) -> Iterable:
        """The focus nodes of a shape without repeats."""
        return dict.fromkeys(nodes)

    # What the checks and targets use.
    def superclasses(self, cls) -> frozenset:
        """``cls`` and what it is an rdfs:subClassOf, transitively, in the data (rdflib's transitive_objects)."""
        found = self._superclasses.get(cls)
        if found is None:
            found = self._superclasses[cls] = _closure(cls, lambda c: self.values(c, self._subclass_of))
        return found

    def subclasses(self, cls) -> frozenset:
        """``cls`` and what is an rdfs:subClassOf it, transitively (rdflib's transitive_subjects)."""
        found = self._subclasses.get(cls)
        if found is None:
            found = self._subclasses[cls] = _closure(cls, lambda c: self.subjects(self._subclass_of, c))
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
        """sh:targetClass: instances of ``cls`` and of its subclasses."""
        for each in self.subclasses(cls):
            yield from self.subjects(self._type, each)

    def subjects_of(self, predicate) -> Iterator:
        return (subject for subject, _ in self.pairs(predicate))

    def objects_of(self, predicate) -> Iterator:
        return (obj for _, obj in self.pairs(predicate))


def _closure(start, neighbours) -> frozenset:
    seen, todo = {start}, [start]
    while todo:
        for node in neighbours(todo.pop()):
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return frozenset(seen)


def _add(index: dict, subject, predicate, obj) -> None:
    """Index a triple as predicate -> subject -> distinct objects."""
    by_subject = index.get(predicate)
    if by_subject is None:
        index[predicate] = {subject: [obj]}
        return
    objects = by_subject.get(subject)
    if objects is None:
        by_subject[subject] = [obj]
    elif obj not in objects:  # a repeated triple, or two literals rdflib normalises alike
        objects.append(obj)


class TripleIndex(GraphView):
    """A small graph as predicate -> subject -> distinct objects (see :func:`_add`)."""

    def __init__(self, terms: Terms, index: dict) -> None:
        super().__init__(terms)
        self._index = index
        self._by_object: dict = {}

    @classmethod
    def of(cls, terms: Terms, triples: Iterable[tuple]) -> TripleIndex:
        index: dict = {}
        for subject, predicate, obj in triples:
            _add(index, subject, predicate, obj)
        return cls(terms, index)

    @classmethod
    def from_rdflib(cls, graph: Graph) -> TripleIndex:
        return cls.of(RDFLIB, graph.triples((None, None, None)))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad], predicates: frozenset) -> TripleIndex:
        """From pyoxigraph's parser, keeping only triples with ``predicates`` (all a program reads).

        IRIs and blank nodes stay pyoxigraph's, literals become rdflib's (see kg.shacl.terms).
        Leaving out the other triples (annotation text, alternate names) saves a sixth of a
        record's index.
        """
        return cls.of(OXIGRAPH, _rdflib_objects(quads, predicates))

    def values(self, node, predicate) -> Sequence:
        by_subject = self._index.get(predicate)
        return by_subject.get(node, _NONE) if by_subject else _NONE

    def value_pairs(self, nodes: Iterable, predicate) -> list[tuple]:
        values = self._index.get(predicate, {}).get
        return [(node, values(node, _NONE)) for node in nodes]

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


class NotGrouped(Exception):
    """A store's triples turned out not to be listed subject by subject (see StoreView)."""


class _SubjectOrder:
    """Proof that a scan lists each subject's triples together: it meets subjects in sorted order.

    A pyoxigraph store in memory lists triples from the last loaded to the first, which for a
    sorted N-Triples file - sorted plainly, as ``sort`` does, or as kg writes its dumps
    (kg.scale.chunks.sort_form) - meets every subject once.  Checking that order, either way
    round, is cheap; checking "never met before" would mean remembering every subject.
    """

    def __init__(self) -> None:
        self._last: tuple[str, str] | None = None
        self._orders = {"plain ascending", "plain descending", "kg ascending", "kg descending"}

    def check(self, subject) -> None:
        text = str(subject)  # N-Triples: <iri> or _:label
        keys = (text, text[:-1] + "\0")  # plain, and kg's sort form: the closing ">" as NUL
        last, self._last = self._last, keys
        if last is None:
            return
        for kind, key, previous in (("plain", keys[0], last[0]), ("kg", keys[1], last[1])):
            if not key > previous:
                self._orders.discard(f"{kind} ascending")
            if not key < previous:
                self._orders.discard(f"{kind} descending")
        if not self._orders:
            raise NotGrouped(f"{text} follows {last[0]}: the store does not list its triples subject by subject")


class StoreView(GraphView):
    """The default graph of a pyoxigraph store, read in parts of consecutive subjects.

    The parts are read from the store, or from ``scan``: the triples the store was loaded
    with, read again from their files, several times faster than decoding them from an on-disk
    store.  When those triples come subject by subject (``grouped``: an on-disk store, which
    scans its default graph in the order of its subject-predicate-object index; else shown by
    :class:`_SubjectOrder`, or :class:`NotGrouped` is raised), a part holds every triple of its
    subjects: every rdf:type of a node, every value of a focus node, every triple whose object a
    sh:targetObjectsOf names.  Nodes outside the part (the person a document names) are looked up in the store
    one at a time, through a small cache.  With ``in_parts=False`` the whole store is one part,
    looked up node by node: right for any store, and several times slower on a dump.

    One difference from rdflib remains: when a node has two values of a property that rdflib
    normalises to the same term but reads differently ("yes" and "false" as xsd:boolean, only
    the first ill-typed), rdflib keeps the one it read first and a store does not say which
    that was.
    """

    def __init__(self, store: ox.Store, predicates: frozenset, *, in_parts: bool = True,
                 grouped: bool = False, scan: Callable[[], Iterable[ox.Quad]] | None = None,
                 part_size: int = 5_000) -> None:
        super().__init__(OXIGRAPH)
        self._store = store
        self._grouped = grouped and scan is None
        self._scan = scan or functools.partial(store.quads_for_pattern, None, None, None, ox.DefaultGraph())
        self._predicates = predicates  # all a program reads: other triples are not fetched
        self._in_parts = in_parts
        self._part_size = part_size  # triples; small dictionaries stay in the processor's caches
        self._graph = ox.DefaultGraph()
        self._nodes: dict = {}

    def parts(self) -> Iterator[GraphView]:
        if not self._in_parts:
            yield self
            return
        index, subjects, count = {}, set(), 0
        order, last = _SubjectOrder(), None
        for subject, predicate, obj in _rdflib_objects(self._scan(), self._predicates):
            if subject != last:
                if not self._grouped:
                    order.check(subject)
                last = subject
                if count >= self._part_size:
                    yield _StorePart(self, index, subjects)
                    index, subjects, count = {}, set(), 0
                subjects.add(subject)
            _add(index, subject, predicate, obj)
            count += 1
        if count:
            yield _StorePart(self, index, subjects)

    def distinct(self, nodes: Iterable) -> Iterable:
        if self._in_parts:
            return super().distinct(nodes)  # a part's focus nodes
        # A set of every typed node of a dump would hold millions of objects; evaluating a
        # node twice gives the same results, which the report removes as duplicates.
        return nodes

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
        for _, predicate, obj in _rdflib_objects(self._store.quads_for_pattern(node, None, None, self._graph),
                                                 self._predicates):
            objects = properties.setdefault(predicate, [])
            if obj not in objects:
                objects.append(obj)
        self._nodes[node] = properties
        return properties

    def subjects(self, predicate, obj) -> Iterator:
        return (quad.subject for quad in self._store.quads_for_pattern(None, predicate, obj, self._graph))

    def pairs(self, predicate) -> Iterator[tuple]:
        for subject, _, obj in _rdflib_objects(self._store.quads_for_pattern(None, predicate, None, self._graph),
                                               self._predicates):
            yield subject, obj


class _StorePart(TripleIndex):
    """Consecutive subjects of a store, indexed; other nodes and the class hierarchy come from the store."""

    def __init__(self, store: StoreView, index: dict, subjects: set) -> None:
        super().__init__(OXIGRAPH, index)
        self._store = store
        self._subjects = subjects

    def values(self, node, predicate) -> Sequence:
        if node in self._subjects:
            return super().values(node, predicate)
        return self._store.values(node, predicate)

    def value_pairs(self, nodes: Iterable, predicate) -> list[tuple]:
        local, values, elsewhere = self._subjects, self._index.get(predicate, {}).get, self._store.values
        return [(node, values(node, _NONE) if node in local else elsewhere(node, predicate)) for node in nodes]

    def superclasses(self, cls) -> frozenset:
        return self._store.superclasses(cls)

    def subclasses(self, cls) -> frozenset:
        return self._store.subclasses(cls)


__all__ = ["GraphView", "NotGrouped", "StoreView", "TripleIndex", "rdflib_reads_differently"]
