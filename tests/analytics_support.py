"""The derived resources of a hand-written graph, as ``kg build`` would publish them (listings included).

A build computes them from each record's facts; a fixture is one graph of several documents.
Each document is given its own resources (its IRI and those under it) and every resource that
belongs to no document (persons, archives...), as a record of a build would be.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.analytics import analytics_lines, listing_lines, record_facts
from kg.analytics.facts import DOCUMENT_CLASS
from kg.scale.chunks import dump_form
from kg.vocab import DEFAULT_BASE_IRI, RDF


def graph_lines(path: Path) -> list[str]:
    triples = ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()


def derived_lines(lines: list[str], base: str = DEFAULT_BASE_IRI) -> list[str]:
    """The derived resources of a graph's N-Triples lines, in dump form."""
    typing = f"> <{RDF.type}> <{DOCUMENT_CLASS}> ."
    documents = sorted(line[1:line.index("> ")] for line in lines if line.endswith(typing))
    owner = lambda line: next((d for d in documents if line.startswith((f"<{d}>", f"<{d}/"))), None)
    shared = [line for line in lines if owner(line) is None]
    facts = [record_facts([line for line in lines if owner(line) == d] + shared) for d in documents]
    with tempfile.TemporaryDirectory() as scratch:
        listed = list(listing_lines(facts, base=base, scratch=Path(scratch)))
    return [dump_form(line) for line in [*analytics_lines(facts, base=base), *listed]]


def with_derived(path: Path, store: ox.Store | None = None) -> ox.Store:
    """A store holding the graph of ``path`` and its derived resources."""
    store = store if store is not None else ox.Store()
    lines = graph_lines(path)
    store.load(input="\n".join(lines + derived_lines(lines)), format=ox.RdfFormat.N_TRIPLES)
    return store


class Recording:
    """A query engine that notes the queries it is asked: what a page of a listing reads."""

    def __init__(self, engine) -> None:
        self.engine, self.texts = engine, []

    def select(self, text, bindings):
        self.texts.append(text)
        return self.engine.select(text, bindings)
