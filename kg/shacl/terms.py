"""The two ways a graph view names RDF terms, and the conversions between them.

A graph parsed by rdflib holds rdflib terms; one parsed by pyoxigraph holds pyoxigraph terms,
and converting every term to rdflib would cost more than validating.  So the checks take
IRIs and blank nodes in the view's own classes (:class:`Terms` says which) and convert only
the focus nodes and values of violations.  Literals are the exception: a view always hands
them over as rdflib literals (:func:`rdflib_literal`), because pySHACL's answers for
sh:datatype, sh:minInclusive or sh:lessThan are rdflib's answers about literals
(:mod:`kg.shacl.semantics`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


def type_test(classes: type | tuple[type, ...]) -> Callable[[Any], bool]:
    """``isinstance(term, classes)``, remembered per class of term.

    rdflib's term classes are ABCs, for which a false isinstance costs ~0.7 µs, more than
    most checks; a value's class decides the answer, so it is worked out once per class.
    """
    known: dict[type, bool] = {}

    def test(term) -> bool:
        kind = type(term)
        answer = known.get(kind)
        if answer is None:
            answer = known[kind] = issubclass(kind, classes)
        return answer

    return test


is_literal = type_test(Literal)


@dataclass(frozen=True)
class Terms:
    """The classes of one family of terms and how to move between it and rdflib."""

    name: str
    iri: type
    blank: type
    text: Callable[[Any], str]  # an IRI's text
    constant: Callable[[Any], Any]  # a term of the (rdflib) shapes graph, as this family writes it
    to_rdflib: Callable[[Any], Any]  # a focus node or value, for a Violation
    is_iri: Callable[[Any], bool] = field(init=False, repr=False, compare=False)
    is_blank: Callable[[Any], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_iri", type_test(self.iri))
        object.__setattr__(self, "is_blank", type_test(self.blank))


def _same(term):
    return term


def _ox_constant(term):
    # Blank nodes of the shapes graph stay rdflib terms: they can never equal a data node
    # read by another parser, just as in pySHACL (shapes and data are parsed separately).
    return ox.NamedNode(str(term)) if isinstance(term, URIRef) else term


def _ox_to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return term  # already an rdflib literal


RDFLIB = Terms("rdflib", URIRef, BNode, str, _same, _same)
OXIGRAPH = Terms("pyoxigraph", ox.NamedNode, ox.BlankNode, lambda iri: iri.value, _ox_constant, _ox_to_rdflib)


@functools.lru_cache(maxsize=1 << 16)
def rdflib_literal(literal: ox.Literal) -> Literal:
    """The literal rdflib's parsers make of the same text: normalised lexical form, value, ill_typed.

    pyoxigraph writes a plain literal as an xsd:string one; it becomes a plain rdflib literal,
    which is right only for data with no explicit ``^^xsd:string`` (see
    :func:`kg.shacl.views.rdflib_reads_differently`).  Cached: the same dates, offsets and
    confidences recur in every record.
    """
    if literal.language:
        return Literal(literal.value, lang=literal.language)
    datatype = literal.datatype.value
    if datatype == _XSD_STRING:
        return Literal(literal.value)
    return Literal(literal.value, datatype=URIRef(datatype))


__all__ = ["OXIGRAPH", "RDFLIB", "Terms", "is_literal", "rdflib_literal", "type_test"]
