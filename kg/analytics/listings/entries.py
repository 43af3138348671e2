"""Whole-archive listings whose rows are ordered by what their resources are called.

``translators`` sorts by a translator's names, ``wikidata-links`` by an entity's,
``publications`` by a periodical's: a resource with two names has its rows under each, so an
entry lists its resource under one name (:class:`~kg.analytics.listings.rows.Entry`), and
under the other value its rows need: the translator of a translation, the class of an entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.analytics.facts import RecordFacts, pairs
from kg.analytics.listings.documents import by_date
from kg.analytics.listings.order import first_if_unbound, lexical
from kg.analytics.listings.resources import Resources
from kg.analytics.listings.rows import Entry, Group
from kg.vocab import OWL, SDO, WD

_NAME, _SAME_AS, _TRANSLATOR = str(SDO.name), str(OWL.sameAs), str(SDO.translator)
_IN_LANGUAGE, _PART_OF = str(SDO.inLanguage), str(SDO.isPartOf)
_ISSUE, _PUBLISHED = str(SDO.issueNumber), str(SDO.datePublished)
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LINKED_CLASSES = tuple(str(cls) for cls in (SDO.Person, SDO.Organization, SDO.ArchiveOrganization, SDO.Place))
"""The classes whose members ``wikidata-links`` lists."""


def _names(resources: Resources, subject: str) -> list[str | None]:
    """Each name a row may be listed under; None (one row, no name) for a resource without."""
    return resources.values(subject, _NAME) or [None]


def _ranked(listing: str, keyed: Iterable[tuple[tuple, Entry]]) -> Group:
    return Group(listing, (), [entry for _, entry in sorted(keyed, key=lambda item: item[0])])


def translators(records: Sequence[RecordFacts], resources: Resources) -> Group:
    """``ORDER BY ?name ?translator (!BOUND(?earliest)) ?earliest ?document ?language``: an
    entry per translation, translator and name."""
    keyed = []
    for record in records:
        for translation in record.translations:
            language = lexical(resources.value(translation, _IN_LANGUAGE))
            for translator in resources.values(translation, _TRANSLATOR):
                for name in _names(resources, translator):
                    order = (*first_if_unbound(lexical(name)), translator, *by_date(record),
                             *first_if_unbound(language), translation)
                    keyed.append((order, Entry(translation, listed_with=translator, name=name)))
    return _ranked("translators", keyed)


def publications(records: Sequence[RecordFacts], resources: Resources) -> Group:
    """``ORDER BY ?periodical ?year ?issue ?document ?relation ?reference``: an entry per
    publication reference and name of its periodical.  (A reference is its record's own:
    one document cites it, by one relation, as the mapper writes it.)"""
    keyed = []
    for record in records:
        for reference, relation in pairs(record.publications):
            container = resources.value(reference, _PART_OF)  # an issue, or the periodical itself
            published = lexical(resources.value(container, _PUBLISHED)) if container else None
            issue = lexical(resources.value(container, _ISSUE)) if container else None
            periodical = resources.value(container, _PART_OF) if container else None
            label = lexical(resources.value(reference, _LABEL))
            for name in (_names(resources, periodical) if periodical else [None]):
                order = (*first_if_unbound(lexical(name)), *first_if_unbound(published and published[:4]),
                         *first_if_unbound(issue), record.document, relation, *first_if_unbound(label), reference)
                keyed.append((order, Entry(reference, name=name)))
    return _ranked("publications", keyed)


def wikidata_links(typed: Iterable[tuple[str, str]], resources: Resources) -> Group:
    """``ORDER BY ?class ?linked ?name ?entity``: an entry per entity, class and name.
    ``typed`` are the (resource, class) pairs of the graph."""
    keyed = []
    for entity, cls in typed:
        if cls not in LINKED_CLASSES:
            continue
        linked = any(item.startswith(str(WD)) for item in resources.values(entity, _SAME_AS))
        for name in _names(resources, entity):
            order = (cls, linked, *first_if_unbound(lexical(name)), entity)
            keyed.append((order, Entry(entity, listed_with=cls, name=name)))
    return _ranked("wikidata-links", keyed)
