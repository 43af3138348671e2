"""The archival source: holding archive, collection, fond / opis / delo, verbatim reference."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal, URIRef

from kg.assets import data_file
from kg.records import Record
from kg.triples import TripleSink
from kg.vocab import DCTERMS, KG, LEVEL, RDF, RDFS, RICO, SDO, IriMinter, slug


def _abbreviation_key(text: str) -> str:
    """``AP RF``, ``APRF`` and ``A.P.R.F.`` are one abbreviation."""
    return re.sub(r"[\W_]+", "", text).upper()


@dataclass(frozen=True)
class ArchiveDirectory:
    """Full names of archives known by abbreviation, each with the source that states it."""

    names: dict[str, str]

    @classmethod
    @lru_cache(maxsize=1)
    def bundled(cls) -> "ArchiveDirectory":
        with data_file("archives.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return cls({_abbreviation_key(row["abbreviation"]): row["name"] for row in rows})

    def full_name(self, printed: str) -> str | None:
        return self.names.get(_abbreviation_key(printed))


def map_archival_source(
    graph: TripleSink, record: Record, doc: URIRef, minter: IriMinter, archives: ArchiveDirectory
) -> None:
    if record.citation is None or record.citation.value.archival is None:
        return
    ref = record.citation.value.archival
    archive_key = slug(ref.archive)
    archive = minter.archive(archive_key)
    full_name = archives.full_name(ref.archive)
    graph.add((archive, RDF.type, SDO.ArchiveOrganization))
    graph.add((archive, SDO.name, Literal(full_name or ref.archive)))
    for other in {ref.archive, ref.archive_gloss} - {None, full_name or ref.archive}:
        graph.add((archive, SDO.alternateName, Literal(other)))

    graph.add((doc, SDO.holdingArchive, archive))
    graph.add((doc, KG.archivalReference, Literal(ref.verbatim)))
    if ref.shelfmark:
        graph.add((doc, KG.shelfmark, Literal(ref.shelfmark)))
    if ref.folios:
        graph.add((doc, KG.folios, Literal(ref.folios)))

    path: list[str] = []
    parent: URIRef | None = None
    levels = [("collection", ref.collection, ref.collection_gloss)] if ref.collection else []
    levels += [(unit.level, unit.identifier, None) for unit in ref.units]
    for level, identifier, gloss in levels:
        path += [level, slug(identifier) if level == "collection" else identifier]
        unit = minter.archive_unit(archive_key, *path)
        graph.add((unit, RDF.type, RICO.RecordSet))
        graph.add((unit, KG.level, LEVEL[level]))
        graph.add((unit, SDO.identifier, Literal(identifier)))
        graph.add((unit, RDFS.label, Literal(identifier if level == "collection" else f"{level} {identifier}")))
        graph.add((unit, SDO.holdingArchive, archive))
        if gloss:
            graph.add((unit, SDO.alternateName, Literal(gloss)))
        if parent is not None:
            graph.add((unit, DCTERMS.isPartOf, parent))
        parent = unit
    if parent is not None:
        graph.add((doc, DCTERMS.isPartOf, parent))
