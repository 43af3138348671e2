"""Listings whose entries are documents: by person, language, archive or fond, word, date.

Each is made in one pass over the records in the listing's order: appending a record's
document to each of its groups keeps every group in that order, so nothing is sorted but
the records themselves (a few orders, not one per group).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from kg.analytics.facts import UNIT_NAMES, RecordFacts
from kg.analytics.listings.order import first_if_unbound, last_if_unbound, smallest
from kg.analytics.listings.resources import Resources
from kg.analytics.listings.rows import Entry, Group, grouped
from kg.analytics.terms import string
from kg.vocab import DCTERMS, KG, LEVEL, SDO

_TRANSLATOR, _PART_OF, _LEVEL = str(SDO.translator), str(DCTERMS.isPartOf), str(KG.level)
_FOND_LEVELS = frozenset({str(LEVEL.fond), str(LEVEL.collection)})
_FOND_NAMES = sorted(UNIT_NAMES)


def by_date(record: RecordFacts) -> tuple:
    """``ORDER BY (!BOUND(?earliest)) ?earliest ?document``: undated documents last."""
    return (*last_if_unbound(record.earliest), record.document)


def by_reference(record: RecordFacts) -> tuple:
    """``ORDER BY ?reference ?document``: documents without a reference first.  (A document
    has one archival reference, as the mapper writes it; a sort by it is a sort by its first.)"""
    return (*first_if_unbound(smallest(record.references)), record.document)


def by_date_range(record: RecordFacts) -> tuple:
    """``ORDER BY ?earliest ?latest ?document``, of dated documents."""
    return (record.earliest, record.latest, record.document)


def person_documents(records: Sequence[RecordFacts], resources: Resources) -> list[Group]:
    """``person-documents``: for every creator, recipient, translator or mentioned resource,
    its documents by date (person-timeline reads the same groups)."""
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for record in sorted(records, key=by_date):
        entry = Entry(record.document)  # one object in all the record's groups: a pointer each
        for agent in _agents(record, resources):
            groups[(agent,)].append(entry)
    return grouped("person-documents", groups)


def _agents(record: RecordFacts, resources: Resources) -> set[str]:
    translators = {translator for translation in record.translations
                   for translator in resources.values(translation, _TRANSLATOR)}
    return {*record.creators, *record.recipients, *record.mentions, *translators}


def documents_by_language(records: Sequence[RecordFacts]) -> list[Group]:
    """``documents-by-language``: each language's documents by date, and all of them by language
    then date.  Each entry says its language: a document in two languages is listed twice."""
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for record in sorted(records, key=by_date):
        for language in record.languages:
            groups[(language,)].append(Entry(record.document, listed_with=language))
    every = [entry for values in sorted(groups) for entry in groups[values]]
    return [Group("documents-by-language", (), every), *grouped("documents-by-language", groups)]


def archive_documents(records: Sequence[RecordFacts], resources: Resources) -> list[Group]:
    """``archive-documents``: each archive's documents by reference; and, for each name of each
    fond or collection above a document (``fond=3``, ``fond=Arhiv CK SKJ``), those of the
    archive under a unit of that name."""
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for record in sorted(records, key=by_reference):
        names, entry = _fond_names(record, resources), Entry(record.document)
        for archive in record.archives:
            for values in [(archive,), *((archive, name) for name in names)]:
                groups[values].append(entry)
    return grouped("archive-documents", groups)


def _fond_names(record: RecordFacts, resources: Resources) -> list[str]:
    """The names (N-Triples literals) of the fonds and collections the document lies under
    (``dcterms:isPartOf+``)."""
    names: set[str] = set()
    for unit in _ancestors(record.parents, resources):
        if resources.value(unit, _LEVEL) in _FOND_LEVELS:
            names.update(name for predicate in _FOND_NAMES for name in resources.values(unit, predicate))
    return sorted(names)


def _ancestors(parents: Sequence[str], resources: Resources) -> Iterator[str]:
    seen, waiting = set(), list(parents)
    while waiting:
        unit = waiting.pop()
        if unit not in seen:
            seen.add(unit)
            yield unit
            waiting.extend(resources.values(unit, _PART_OF))


def title_search(records: Sequence[RecordFacts]) -> list[Group]:
    """``title-search``: for every word of a title or summary, its documents by date."""
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for record in sorted(records, key=by_date):
        entry = Entry(record.document)
        for word in record.words:
            groups[(string(word),)].append(entry)
    return grouped("title-search", groups)


def dated(records: Sequence[RecordFacts]) -> list[RecordFacts]:
    """The records whose documents have both date bounds, as ``date-range`` orders them."""
    return sorted((record for record in records if record.earliest and record.latest), key=by_date_range)
