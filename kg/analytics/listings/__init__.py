"""Listings: the bundled queries' answers, precomputed in their order, so that a page is a lookup.

Oxigraph sorts every row of an ``ORDER BY`` before it cuts a page, and reads a row in 10 to
40 µs: a query touching 50,000 rows (a Stalin's documents at 100,000 records, every
document by language) cannot answer in 100 ms.  So ``kg build`` writes each listing query's
rows in order, one group per value of the parameters that narrow it, and a page is the
lookup of its entries by IRI (:mod:`~kg.analytics.listings.layout`; ``kg query``'s side is
:mod:`kg.query.listings`).

==============  =====================================================================
``layout``      the listings, their IRIs: shared with ``kg query``
``documents``   listings of documents: by person, language, archive or fond, word
``entries``     whole-archive listings by name: translators, publications, Wikidata links
``dates``       the date index of ``date-range``
``resources``   the records' statements about persons, units, periodicals, merged
``rows``        groups and entries
``writer``      N-Triples lines, sorted through run files
==============  =====================================================================

docs/model.md, "Listings", describes the resources; ``shapes/analytics.ttl`` checks them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.analytics.facts import RecordFacts, pairs
from kg.analytics.listings import documents, entries
from kg.analytics.listings.dates import index_lines
from kg.analytics.listings.layout import LISTINGS, ListingSpec, listing_iri
from kg.analytics.listings.resources import Resources
from kg.analytics.listings.rows import Entry, Group
from kg.analytics.listings.writer import SortedRuns, group_lines
from kg.analytics.terms import iri, string, triple
from kg.vocab import KG, RDF, SDO


def listing_groups(facts: Iterable[RecordFacts]) -> Iterator[Group]:
    """Every group of every listing of the published records' facts."""
    records = list(facts)
    resources = Resources(records)
    yield from documents.person_documents(records, resources)
    yield from documents.documents_by_language(records)
    yield from documents.archive_documents(records, resources)
    yield from documents.title_search(records)
    yield Group("date-range", (), [Entry(record.document) for record in documents.dated(records)])
    yield entries.translators(records, resources)
    yield entries.publications(records, resources)
    typed = sorted({pair for record in records for pair in pairs(record.other_typed)})
    yield entries.wikidata_links(typed, resources)


def listing_lines(facts: Iterable[RecordFacts], *, base: str, scratch: Path) -> Iterator[str]:
    """The listings' groups, entries and date index, as sorted sort-form lines.

    They are written to run files under ``scratch`` first (emptied), then read back merged:
    the listings of 100,000 records are millions of lines.
    """
    records = list(facts)
    runs = SortedRuns(scratch)
    for group in listing_groups(records):
        runs.extend(group_lines(group, base))
    runs.extend(index_lines(listing_iri(base, "date-range"), documents.dated(records)))
    return runs.lines()


def root_lines(base: str) -> list[str]:
    """Each listing's own description, N-Triples: a kg:Listing, named as in the queries' headers."""
    return [line for spec in LISTINGS.values() for line in (
        triple(listing_iri(base, spec.name), str(RDF.type), iri(str(KG.Listing))),
        triple(listing_iri(base, spec.name), str(SDO.identifier), string(spec.name)),
    )]


__all__ = ["LISTINGS", "ListingSpec", "listing_groups", "listing_lines", "root_lines"]
