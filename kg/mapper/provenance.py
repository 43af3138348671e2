"""Where each document came from: its input file, with a SHA-256 checksum."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.records import Record
from kg.triples import TripleSink
from kg.vocab import PROV, RDF, SDO, SPDX, IriMinter


def map_source_file(graph: TripleSink, record: Record, doc: URIRef, minter: IriMinter) -> None:
    source = minter.source_file(record.source.name)
    checksum = URIRef(f"{source}/sha256")
    graph.add((doc, PROV.wasDerivedFrom, source))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, SDO.name, Literal(record.source.name)))
    graph.add((source, SDO.contentSize, Literal(str(record.source.size))))
    graph.add((source, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(record.source.sha256)))
