"""A record's triples while it is mapped, and their N-Triples lines.

The mapper and the entity stage only ever *add* triples, and the build turns each
record's triples into sorted N-Triples lines at once (kg/scale/worker.py).  An rdflib
``Graph`` keeps three indexes, fires an event and hashes every term in Python on each
``add``; for a record of ~700 triples that cost more than all of the mapping.  So the
stages write into a :class:`Triples` (a list), and :func:`ntriples_line` formats the terms
by the rules of rdflib's N-Triples serializer; duplicates go when the lines are put in a set
(strings hash in C).  :meth:`Triples.graph` gives the rdflib graph for the library API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """Where a mapping stage puts its triples: a :class:`Triples`, or an rdflib ``Graph``."""

    def add(self, triple: Triple) -> object: ...


class Triples:
    """Triples in the order they were added; a triple added twice is kept twice."""

    __slots__ = ("_items",)

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._items: list[Triple] = list(triples)

    def add(self, triple: Triple) -> None:
        self._items.append(triple)

    def __iadd__(self, other: Iterable[Triple]) -> "Triples":
        self._items.extend(other)
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._items)

    def graph(self, base: str | None = None) -> Graph:
        """The triples as an rdflib graph, with kg's prefixes (and ``id:`` for ``base``) bound."""
        from kg.vocab import bind_prefixes

        graph = Graph()
        bind_prefixes(graph, base)
        for triple in self._items:
            graph.add(triple)
        return graph


# ------------------------------------------------------------------- N-Triples


def ntriples_term(term: Node) -> str:
    """A term as N-Triples writes it (rdflib's serializer's rules, without its Graph)."""
    # f-strings, not "+": URIRef and Literal overload + to build new terms.
    kind = type(term)
    if kind is URIRef:
        return f"<{term}>"
    if kind is Literal:
        return _literal(term)
    if kind is BNode:
        return f"_:{term}"
    return term.n3()  # subclasses, Variables: rdflib knows best


def _literal(literal: Literal) -> str:
    text = str(literal)
    if "\\" in text or "\n" in text or '"' in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    language = literal.language
    if language:
        return f'"{text}"@{language}'
    datatype = literal.datatype
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def ntriples_line(triple: Triple) -> str:
    """One triple as an N-Triples line, without the newline."""
    subject, predicate, value = triple
    return ntriples_term(subject) + " " + ntriples_term(predicate) + " " + ntriples_term(value) + " ."


def ntriples_lines(triples: Iterable[Triple]) -> set[str]:
    """The distinct N-Triples lines of ``triples``."""
    return {ntriples_line(triple) for triple in triples}


__all__ = ["Triple", "TripleSink", "Triples", "ntriples_line", "ntriples_lines", "ntriples_term"]
