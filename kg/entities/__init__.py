"""The entity stage: persons, organizations and places named in the records.

The build calls, once per build and once per record::

    authority = load_authority()                  # authority file + curated decisions
    graph = map_record(record, minter=minter, resolver=authority.resolver)
    graph += entity_stage(record, minter=minter, authority=authority)

``entity_stage`` recognises the mentions of one record (:mod:`.recognise`) and
returns them as Web Annotations with the entities they name and their
Wikidata links (:mod:`.mentions_rdf`): a deterministic graph with no blank nodes.
``kg link`` (:mod:`.review`) reconciles entities that have no link yet.
"""

from __future__ import annotations

from rdflib import Graph

from kg.entities.authority import Authority, Entry, load_authority
from kg.entities.mentions_rdf import map_mentions
from kg.entities.recognise import Mention, bundled_authority, recognise
from kg.records import Record
from kg.triples import Triples
from kg.vocab import IriMinter


def entity_stage(record: Record, *, minter: IriMinter | None = None,
                 authority: Authority | None = None) -> Graph:
    """The mentions graph of one record (default: base IRI and the bundled authority)."""
    minter = minter or IriMinter()
    return entity_triples(record, minter=minter, authority=authority).graph(minter.base)


def entity_triples(record: Record, *, minter: IriMinter | None = None,
                   authority: Authority | None = None) -> Triples:
    """:func:`entity_stage`'s triples, without building an rdflib graph (for the build)."""
    minter = minter or IriMinter()
    authority = authority or bundled_authority()
    mentions = recognise(record, authority)
    return map_mentions(record, mentions, minter=minter, resolver=authority.resolver)


__all__ = ["Authority", "Entry", "Mention", "entity_stage", "entity_triples", "load_authority", "map_mentions", "recognise"]
