"""The dataset description that travels inside the dumps: what built it, when, from what."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg import __version__
from kg.vocab import DCAT, DCTERMS, PROV, RDF, SDO, VOID, XSD, IriMinter, bind_prefixes

DATASET_TITLE = "kg: knowledge graph of archival records"
LICENSE_IRI = URIRef("https://creativecommons.org/licenses/by/4.0/")
"""The licence kg's published data is offered under (CC BY 4.0)."""


def build_time(inputs: Iterable[Path]) -> dt.datetime:
    """The build's time: ``SOURCE_DATE_EPOCH`` if set, else the newest input's modification time.

    Taking the time from the inputs rather than the clock is what makes two
    builds of the same inputs byte-identical (the reproducible-builds convention).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        seconds = int(epoch)
    else:
        seconds = max((int(path.stat().st_mtime) for path in inputs), default=0)
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)


def dataset_graph(minter: IriMinter, *, sources: list[str], fingerprint: str, ended: dt.datetime) -> Graph:
    """The dataset, the build activity that generated it and the software that ran it (PROV-O)."""
    graph = Graph()
    bind_prefixes(graph, minter.base)
    dataset, activity, software = minter.dataset(), minter.build(fingerprint), minter.software(__version__)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(DATASET_TITLE, lang="en")))
    graph.add((dataset, DCTERMS.license, LICENSE_IRI))
    graph.add((dataset, PROV.wasGeneratedBy, activity))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.endedAtTime, Literal(ended.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    graph.add((activity, PROV.wasAssociatedWith, software))
    for name in sources:
        graph.add((activity, PROV.used, minter.source_file(name)))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, SDO.name, Literal("kg")))
    graph.add((software, SDO.softwareVersion, Literal(__version__)))
    return graph
