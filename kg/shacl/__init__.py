"""kg's own SHACL engine: the shapes compiled to Python checks, evaluated over an indexed graph.

Validating every record as it is mapped was the second-largest cost of a build.  pySHACL (the
reference) and pyshacl-turbo interpret the shapes graph for each data graph; this engine reads
it once (:func:`compile_shapes`) into a :class:`~kg.shacl.program.Program` of check functions
for the part of SHACL Core that kg's shapes use, refuses shapes that use anything else, and
evaluates the program over a graph view (:mod:`kg.shacl.views`): a dictionary index of a small
graph, or a pyoxigraph store for a dump.  It reports exactly the violations pySHACL reports,
including pySHACL's own readings of ill-typed literals and incomparable values
(:mod:`kg.shacl.semantics`); the tests compare the two on broken fixtures and random mutations.

Entry points: :func:`validate_graph` (an rdflib graph, what ``kg.validate.validate(...,
engine="kg")`` runs), :func:`validate_ntriples` (a record's N-Triples, in the build) and
:func:`validate_store` (``kg validate`` on big files).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable
import functools

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.shacl.compiler import SUPPORTED, compile_shapes
from kg.shacl.program import Program, collection_paused
from kg.shacl.report import build_report
from kg.shacl.terms import OXIGRAPH, RDFLIB, Terms
from kg.shacl.views import NotGrouped, StoreView, TripleIndex, rdflib_reads_differently, store_reads_differently
from kg.validate import Report, Violation, load_shapes


@functools.cache
def bundled_program(terms: Terms = RDFLIB) -> Program:
    """kg's bundled shapes compiled for ``terms``, once per process."""
    return compile_shapes(load_shapes(), terms)


def validate_graph(graph: Graph, shapes: Graph | None = None) -> Report:
    """Validate an rdflib graph against the bundled shapes, or against ``shapes``."""
    program = bundled_program(RDFLIB) if shapes is None else compile_shapes(shapes, RDFLIB)
    return build_report(program, TripleIndex.from_rdflib(graph))


def validate_ntriples(data: bytes, quads: Iterable[ox.Quad] | None = None) -> tuple[Violation, ...]:
    """The violations of N-Triples ``data``, parsed strictly by pyoxigraph (every IRI and literal checked).

    ``quads`` are ``data`` already parsed so (the build parses once for validation and its
    pieces).  The checks read pyoxigraph's terms directly.  Where rdflib (pySHACL's parser)
    would read terms that pyoxigraph cannot tell apart (see :func:`rdflib_reads_differently`),
    the data is read again with rdflib, so the answer is the reference's answer either way.
    """
    if quads is None:
        quads = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    if rdflib_reads_differently(data):
        collections.deque(quads, maxlen=0)  # still refuse what pyoxigraph refuses
        return bundled_program(RDFLIB).violations(TripleIndex.from_rdflib(Graph().parse(data=data, format="nt")))
    program = bundled_program(OXIGRAPH)
    with collection_paused():  # the index is built here, before the program runs
        return program.violations(TripleIndex.from_quads(quads, program.predicates))


def validate_store(store: ox.Store, *, on_disk: bool = False,
                   scan: Callable[[], Iterable[ox.Quad]] | None = None,
                   focus: Iterable[URIRef] | None = None) -> Report:
    """Validate the default graph of a pyoxigraph store against the bundled shapes.

    Read in parts of consecutive subjects when the store lists its triples subject by
    subject: an on-disk store (``on_disk``) always does, an in-memory one when it was loaded
    from a sorted N-Triples file such as kg.nt; else node by node.  ``scan`` reads the
    store's triples again from where they were loaded from, faster than an on-disk store
    decodes them (see :class:`StoreView`).
    The store's terms are pyoxigraph's: a plain literal and an ``^^xsd:string`` one are one
    term there and rdflib keeps them apart, an ``xsd:int`` is stored as an ``xsd:integer``...
    so only data for which :func:`store_reads_differently` is false gets pySHACL's answer
    (kg validate reads other data with rdflib, see kg.scale.shacl).
    ``focus``: only these focus nodes are evaluated (an incremental check's).
    """
    program = bundled_program(OXIGRAPH)
    only = None if focus is None else frozenset(map(program.terms.constant, focus))
    try:
        return build_report(program, StoreView(store, program.predicates, grouped=on_disk, scan=scan), only)
    except NotGrouped:
        if on_disk and scan is not None:  # the files were not sorted by subject; the store's index is
            return build_report(program, StoreView(store, program.predicates, grouped=True), only)
        return build_report(program, StoreView(store, program.predicates, in_parts=False), only)


__all__ = [
    "SUPPORTED",
    "Program",
    "bundled_program",
    "compile_shapes",
    "rdflib_reads_differently",
    "store_reads_differently",
    "validate_graph",
    "validate_ntriples",
    "validate_store",
]
