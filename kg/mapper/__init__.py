"""The map stage: one typed :class:`~kg.records.Record` in, one small RDF graph out.

``map_record`` is a pure function of the record (and the minter and resolver
it is given), so records can be mapped in any order, in parallel, and each
graph can be validated alone.  Each module here maps one part of the model
described in ``docs/model.md``.  The build calls :func:`map_record_triples`, the
same mapping as plain triples (kg/triples.py says why).
"""

from __future__ import annotations

from rdflib import Graph

from kg.agents import AgentResolver, NameResolver
from kg.mapper.agents import map_agents
from kg.mapper.archives import ArchiveDirectory, map_archival_source
from kg.mapper.document import map_document
from kg.mapper.provenance import map_source_file
from kg.mapper.publications import map_publications
from kg.records import Record
from kg.triples import Triples
from kg.vocab import IriMinter


def map_record(
    record: Record,
    *,
    minter: IriMinter | None = None,
    resolver: AgentResolver | None = None,
    archives: ArchiveDirectory | None = None,
) -> Graph:
    """The RDF graph of one record: document, agents, archival source, publications, provenance."""
    minter = minter or IriMinter()
    return map_record_triples(record, minter=minter, resolver=resolver, archives=archives).graph(minter.base)


def map_record_triples(
    record: Record,
    *,
    minter: IriMinter | None = None,
    resolver: AgentResolver | None = None,
    archives: ArchiveDirectory | None = None,
) -> Triples:
    """:func:`map_record`'s triples, without building an rdflib graph."""
    minter = minter or IriMinter()
    resolver = resolver or NameResolver()
    archives = archives or ArchiveDirectory.bundled()
    triples = Triples()
    doc = map_document(triples, record, minter)
    map_agents(triples, record, doc, minter, resolver)
    map_archival_source(triples, record, doc, minter, archives)
    map_publications(triples, record, doc, minter)
    map_source_file(triples, record, doc, minter)
    return triples


__all__ = ["ArchiveDirectory", "map_record", "map_record_triples"]
