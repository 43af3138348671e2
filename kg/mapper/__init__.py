"""The map stage: one typed :class:`~kg.records.Record` in, one small RDF graph out.

``map_record`` is a pure function of the record (and the minter and resolver
it is given), so records can be mapped in any order, in parallel, and each
graph can be validated alone.  Each module here maps one part of the model
described in ``docs/model.md``.
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
from kg.vocab import IriMinter, bind_prefixes


def map_record(
    record: Record,
    *,
    minter: IriMinter | None = None,
    resolver: AgentResolver | None = None,
    archives: ArchiveDirectory | None = None,
) -> Graph:
    """The RDF graph of one record: document, agents, archival source, publications, provenance."""
    minter = minter or IriMinter()
    resolver = resolver or NameResolver()
    archives = archives or ArchiveDirectory.bundled()
    graph = Graph()
    bind_prefixes(graph, minter.base)
    doc = map_document(graph, record, minter)
    map_agents(graph, record, doc, minter, resolver)
    map_archival_source(graph, record, doc, minter, archives)
    map_publications(graph, record, doc, minter)
    map_source_file(graph, record, doc, minter)
    return graph


__all__ = ["ArchiveDirectory", "map_record"]
