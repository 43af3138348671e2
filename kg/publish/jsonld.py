"""kg's JSON-LD: kg's prefixes as the ``@context``, then one node object per subject, one a line.

Node objects are written as text, exactly as ``json.dumps(node, ensure_ascii=False,
sort_keys=True)`` would write them (the tests check it), in half the time: building a dict
per node to encode cost more than anything else the build does per triple.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter, itemgetter

import pyoxigraph as ox

from kg.vocab import RDF

_RDF_TYPE = str(RDF.type)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_STRING = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) quotes strings with

JSONLD_END = "\n]\n}\n"


def jsonld_head(prefixes: dict[str, str]) -> str:
    return '{\n"@context": ' + json.dumps(prefixes, sort_keys=True) + ',\n"@graph": ['


class Compactor:
    """Shortens IRIs to CURIEs with kg's prefixes (longest namespace wins).

    It runs for every IRI of the JSON-LD dump, so it avoids a ``startswith`` per prefix:
    every namespace ends in '/' or '#', hence the longest one an IRI starts with ends at one
    of the IRI's own '/' or '#', and trying those from the right takes a few dict lookups.
    IRIs under the base IRI (most of them) are skipped at once when no namespace can match them.
    """

    def __init__(self, prefixes: dict[str, str], base: str | None = None) -> None:
        self.prefix_of = {namespace: prefix for prefix, namespace in prefixes.items()}
        if not all(namespace[-1:] in ("/", "#") for namespace in self.prefix_of):
            raise ValueError("every prefix namespace must end in '/' or '#'")
        clash = base is None or any(ns.startswith(base) or base.startswith(ns) for ns in self.prefix_of)
        self.skip = None if clash else base
        self._known: dict[str, str] = {}  # the vocabulary's IRIs (predicates, classes) recur on every node

    def __call__(self, iri: str) -> str:
        if self.skip is not None and iri.startswith(self.skip):
            return iri
        known = self._known.get(iri)
        if known is None:
            known = self._known[iri] = self._compact(iri)
        return known

    def _compact(self, iri: str) -> str:
        end = len(iri) - 1  # the local part must not be empty
        while True:
            cut = max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))
            if cut < 0:
                return iri
            prefix = self.prefix_of.get(iri[: cut + 1])
            if prefix is not None:
                return f"{prefix}:{iri[cut + 1:]}"
            end = cut


def jsonld_nodes(triples: Iterable[ox.Triple], compact: Compactor) -> Iterator[str]:
    """One node object per subject of ``triples`` (sorted by subject)."""
    for subject, group in groupby(triples, key=attrgetter("subject")):
        members: dict[str, list[str]] = {}  # key -> its values as JSON text, in triple order
        for triple in group:
            predicate, value = triple.predicate.value, triple.object
            if type(value) is not ox.NamedNode:
                key, text = compact(predicate), _literal(value, compact)
            elif predicate == _RDF_TYPE:
                key, text = "@type", _STRING(compact(value.value))
            else:
                key, text = compact(predicate), '{"@id": ' + _STRING(compact(value.value)) + "}"
            found = members.get(key)
            if found is None:
                members[key] = [text]
            else:
                found.append(text)
        yield _node(compact(subject.value), members)


def _literal(literal: ox.Literal, compact: Compactor) -> str:
    lexical, language = _STRING(literal.value), literal.language
    if language:
        return '{"@language": ' + _STRING(language) + ', "@value": ' + lexical + "}"
    datatype = literal.datatype.value
    if datatype != _XSD_STRING:
        return '{"@type": ' + _STRING(compact(datatype)) + ', "@value": ' + lexical + "}"
    return '{"@value": ' + lexical + "}"


def _node(subject: str, members: dict[str, list[str]]) -> str:
    """The node's text: its keys sorted, as ``json.dumps(..., sort_keys=True)`` puts them."""
    parts = [("@id", _STRING(subject))] + [(key, "[" + ", ".join(values) + "]") for key, values in members.items()]
    parts.sort(key=itemgetter(0))
    return "{" + ", ".join(f"{_STRING(key)}: {text}" for key, text in parts) + "}"


__all__ = ["Compactor", "JSONLD_END", "jsonld_head", "jsonld_nodes"]
