"""The dataset description (VoID + DCAT) of a build: what it holds, which files, under what licence.

``describe_dataset`` reads the dumps a build wrote and says how many triples and entities
they hold, which classes and properties they use (VoID partitions, with counts), and which
files carry them (DCAT distributions with media type, size and SHA-256).  It cannot live
inside the dumps — it states their checksums — so it is written beside them as ``void.ttl``
and uploaded as a graph of its own by ``kg publish``.  No blank nodes: every partition,
distribution and checksum gets an IRI under the dataset's.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.errors import UsageError
from kg.provenance import DATASET_TITLE, LICENSE_IRI
from kg.publish.atomic import atomic_writer
from kg.vocab import DCAT, DCTERMS, PREFIXES, PROV, RDF, SPDX, VOID, XSD, IriMinter, bind_prefixes

"""The dataset's licence: Creative Commons Attribution 4.0 International."""

DESCRIPTION_FILE = "void.ttl"
DATA_FILE = "kg.nt"  # the dump the counts are taken from: the fastest to parse

IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
DISTRIBUTIONS = {
    "kg.ttl": "text/turtle",
    "kg.nt": "application/n-triples",
    "kg.jsonld": "application/ld+json",
}
"""Dump file -> IANA media type, in the order they are described."""

_RDF_TYPE = ox.NamedNode(str(RDF.type))


def describe_dataset(out_dir: Path, *, base: str, endpoint: str | None = None) -> Graph:
    """VoID and DCAT for the build output in ``out_dir`` (its ``kg.nt`` and the dump files)."""
    out_dir = Path(out_dir)
    store = _load(out_dir / DATA_FILE)
    dataset = IriMinter(base).dataset()
    graph = Graph()
    bind_prefixes(graph, base)
    _describe_dataset(graph, dataset, store, base)
    _describe_partitions(graph, dataset, store)
    for name, media_type in DISTRIBUTIONS.items():
        if (out_dir / name).is_file():
            _describe_distribution(graph, dataset, out_dir / name, media_type)
    if endpoint:
        graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    return graph


def write_description(out_dir: Path, *, base: str, endpoint: str | None = None) -> Path:
    """Write ``out_dir/void.ttl`` atomically; the same dumps always give the same bytes."""
    target = Path(out_dir) / DESCRIPTION_FILE
    text = describe_dataset(out_dir, base=base, endpoint=endpoint).serialize(format="longturtle")
    with atomic_writer(target) as handle:
        handle.write(text)
    return target


def _load(path: Path) -> ox.Store:
    if not path.is_file():
        raise UsageError(f"no {path.name} in {path.parent}: run `kg build` first")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, OSError) as error:
        raise UsageError(f"{path} is not valid N-Triples: {error}") from None
    return store


def _part(dataset: URIRef, *segments: str) -> URIRef:
    """IRIs of the description's own resources, under the dataset's IRI."""
    return URIRef("/".join((str(dataset), *segments)))


def _describe_dataset(graph: Graph, dataset: URIRef, store: ox.Store, base: str) -> None:
    entities = {quad.subject for quad in store
                if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(base)}
    for cls in (VOID.Dataset, DCAT.Dataset):
        graph.add((dataset, RDF.type, cls))
    graph.add((dataset, DCTERMS.title, Literal(DATASET_TITLE, lang="en")))
    graph.add((dataset, DCTERMS.license, LICENSE_IRI))
    graph.add((dataset, VOID.uriSpace, Literal(base)))
    graph.add((dataset, VOID.triples, Literal(len(store), datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    # The build states which activity generated the dataset (docs/model.md); link the same one.
    node = ox.NamedNode(str(dataset))
    for quad in store.quads_for_pattern(node, ox.NamedNode(str(PROV.wasGeneratedBy)), None):
        graph.add((dataset, PROV.wasGeneratedBy, URIRef(quad.object.value)))
        for ended in store.quads_for_pattern(quad.object, ox.NamedNode(str(PROV.endedAtTime)), None):
            graph.add((dataset, DCTERMS.modified,
                       Literal(ended.object.value, datatype=XSD.dateTime, normalize=False)))


def _describe_partitions(graph: Graph, dataset: URIRef, store: ox.Store) -> None:
    instances: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for quad in store:
        uses[quad.predicate.value] += 1
        if quad.predicate == _RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            instances[quad.object.value] += 1  # a store holds each (subject, type) once
    for iri, count in instances.items():
        partition = _part(dataset, "class", partition_key(iri))
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(iri)))
        graph.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for iri, count in uses.items():
        partition = _part(dataset, "property", partition_key(iri))
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(iri)))
        graph.add((partition, VOID.triples, Literal(count, datatype=XSD.integer)))


def partition_key(iri: str) -> str:
    """A readable, stable IRI segment for a class or property: ``schema-Person``."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local.replace("_", "").replace("-", "").isalnum():
            return f"{prefix}-{local}"
    return "iri-" + hashlib.sha256(iri.encode()).hexdigest()[:16]


def _describe_distribution(graph: Graph, dataset: URIRef, path: Path, media_type: str) -> None:
    distribution = _part(dataset, "distribution", path.name)
    checksum = _part(dataset, "distribution", path.name, "sha256")
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(path.name)))
    graph.add((distribution, DCTERMS.license, LICENSE_IRI))
    graph.add((distribution, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + media_type)))
    graph.add((distribution, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
    graph.add((distribution, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(_sha256(path))))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


__all__ = ["DISTRIBUTIONS", "LICENSE_IRI", "describe_dataset", "partition_key", "write_description"]
