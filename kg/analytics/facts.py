"""What one record contributes to the archive-wide analytics, read from its own N-Triples.

The map stage runs :func:`record_facts` on each record's lines in the worker; the small
:class:`RecordFacts` travels in the record's cached ``RecordMeta``, so an incremental build
aggregates unchanged records without reading their chunks again.  The facts hold IRIs, a few
dates and counts: no text, nothing proportional to the record's size.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.text import fold_name
from kg.vocab import DCTERMS, KG, OWL, RDF, RDFS, SDO

DOCUMENT_CLASS = str(SDO.ArchiveComponent)
PERSON_CLASS = str(SDO.Person)
NAMED_CLASSES = frozenset({PERSON_CLASS, str(SDO.ArchiveOrganization)})
"""Classes whose names are indexed: those of ``kg query``'s ``person`` and ``archive`` parameters."""

_TYPE, _MENTIONS = str(RDF.type), str(SDO.mentions)
_CREATOR, _RECIPIENT = str(DCTERMS.creator), str(SDO.recipient)
_EARLIEST, _LATEST = str(KG.earliestDate), str(KG.latestDate)
_NAMES = frozenset({str(SDO.name), str(SDO.alternateName), str(RDFS.label)})
# Of the document, for the listings (kg/analytics/listings/): what orders and groups its rows.
_LANGUAGE, _ARCHIVE, _REFERENCE = str(DCTERMS.language), str(SDO.holdingArchive), str(KG.archivalReference)
_PART_OF, _TRANSLATION, _TRANSLATOR = str(DCTERMS.isPartOf), str(SDO.workTranslation), str(SDO.translator)
_TITLE, _TEXTS = str(DCTERMS.title), (str(DCTERMS.title), str(DCTERMS.abstract))
PUBLICATION_LINKS = {str(KG.printedIn): "printed in", str(DCTERMS.isReferencedBy): "see also"}
"""How the publications query names each link of a document to a publication reference."""
_LEVEL = str(KG.level)
UNIT_NAMES = frozenset({str(SDO.identifier), str(RDFS.label), str(SDO.alternateName)})
"""What a fond or collection is asked by (``archive-documents``' ``fond``): read of units only."""
DESCRIBED = frozenset({
    str(SDO.name), *UNIT_NAMES, str(OWL.sameAs), _LEVEL, _PART_OF, _TRANSLATOR,
    str(SDO.isPartOf), str(SDO.issueNumber), str(SDO.datePublished), str(SDO.inLanguage),
})
"""Predicates of the other resources (persons, archival units, periodicals, translations...)
whose statements the listings read: :attr:`RecordFacts.statements`."""
_READ = frozenset({_TYPE, _MENTIONS, _CREATOR, _RECIPIENT, _EARLIEST, _LATEST, *_NAMES, _LANGUAGE, _ARCHIVE, _REFERENCE,
                   _TRANSLATION, *_TEXTS, *PUBLICATION_LINKS, *DESCRIBED})
# A line with one of those predicates: subject, predicate, then an IRI object or a literal.
_READ_LINE = re.compile(r"<([^>]*)> <(%s)> (?:<([^>]*)> \.|\")" % "|".join(map(re.escape, sorted(_READ))))


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """One published record's share of the analytics (IRIs as plain strings, tuples sorted).

    Every published record's facts stay in memory for the publish stage, and in the cache
    index: so no per-record ``__dict__`` (slots), pairs laid flat in one tuple rather than a
    tuple each, and every string shared with the other records' (:meth:`__reduce__`).
    """

    document: str
    earliest: str | None = None  # kg:earliestDate, lexical xsd:date
    latest: str | None = None
    creators: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    mentioned_persons: tuple[str, ...] = ()
    # rdf:type statements, for the class partitions: those of resources minted under the
    # document's own IRI (no other record can state them) as counts, the others one by one.
    own_classes: tuple[str | int, ...] = ()  # class, count, class, count...
    other_typed: tuple[str, ...] = ()  # resource, class, resource, class...
    names: tuple[str, ...] = ()  # entity, folded name... of persons and archives
    # For the listings (kg/analytics/listings/):
    mentions: tuple[str, ...] = ()  # every schema:mentions, persons or not
    languages: tuple[str, ...] = ()  # dcterms:language
    archives: tuple[str, ...] = ()  # schema:holdingArchive
    references: tuple[str, ...] = ()  # kg:archivalReference, lexical forms
    parents: tuple[str, ...] = ()  # dcterms:isPartOf: the archival unit it belongs to
    translations: tuple[str, ...] = ()  # schema:workTranslation
    publications: tuple[str, ...] = ()  # publication reference, link name ("printed in")...
    words: tuple[str, ...] = ()  # the folded words of its title and summary (kg.text.fold_name)
    # subject, predicate, object... of the other resources the record describes, for the
    # predicates in DESCRIBED; objects are IRIs or literals in N-Triples syntax ('"3"').
    statements: tuple[str, ...] = ()

    def __reduce__(self):
        # Unpickled (from a worker, from the cache index), the strings are interned again:
        # pickle keeps one copy per pickle, not one per process.
        return (_unpickle, tuple(getattr(self, name) for name in self.__slots__))


def _unpickle(*values) -> RecordFacts:
    share = lambda value: _share(value) if isinstance(value, str) else value
    return RecordFacts(*(tuple(map(share, value)) if isinstance(value, tuple) else share(value)
                         for value in values))


def record_facts(lines: Iterable[str]) -> RecordFacts | None:
    """The facts of one record's N-Triples lines (dump form); None when they hold no document."""
    return _facts(_parse(lines))


def mapped_facts(triples: Iterable[tuple]) -> RecordFacts | None:
    """:func:`record_facts` of the record's rdflib triples as the worker maps them: no parsing."""
    read = []
    for subject, predicate, value in triples:
        if predicate in _READ_TERMS:
            read.append((str(subject), str(predicate), str(value) if type(value) is URIRef else _ox_literal(value)))
    return _facts(read)


def _ox_literal(value: Literal) -> ox.Literal:
    """The same literal as pyoxigraph parses it from the dump: :attr:`RecordFacts.statements`
    keep a literal's N-Triples form, datatype and language included."""
    if value.language:
        return ox.Literal(str(value), language=value.language)
    if value.datatype is not None:
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
    return ox.Literal(str(value))


# As URIRefs: a URIRef never equals a plain str (its __eq__ compares types first).
_READ_TERMS = frozenset(map(URIRef, _READ))


def _facts(triples: list[tuple[str, str, str | ox.Literal]]) -> RecordFacts | None:
    types = {(s, o) for s, p, o in triples if p == _TYPE and isinstance(o, str)}
    document = next((s for s, cls in sorted(types) if cls == DOCUMENT_CLASS), None)
    if document is None:
        return None
    persons = {s for s, cls in types if cls == PERSON_CLASS}
    named = {s for s, cls in types if cls in NAMED_CLASSES}
    own = Counter(cls for s, cls in types if _is_own(s, document))
    earliest, latest = _values(triples, document, _EARLIEST), _values(triples, document, _LATEST)
    return RecordFacts(
        document=_share(document),
        earliest=min(earliest, default=None),
        latest=max(latest, default=None),
        creators=_shared(_values(triples, document, _CREATOR)),
        recipients=_shared(_values(triples, document, _RECIPIENT)),
        mentioned_persons=_shared(iri for iri in _values(triples, document, _MENTIONS) if iri in persons),
        own_classes=tuple(item for cls, count in sorted(own.items()) for item in (_share(cls), count)),
        other_typed=_flat((s, cls) for s, cls in types if not _is_own(s, document)),
        names=_flat((s, fold_name(o.value)) for s, p, o in triples
                    if p in _NAMES and s in named and isinstance(o, ox.Literal)),
        **_listing_facts(triples, document),
    )


def _listing_facts(triples, document: str) -> dict[str, tuple[str, ...]]:
    """The fields of :class:`RecordFacts` that the listings read."""
    of = lambda predicate: _shared(_values(triples, document, predicate))
    texts = [(p, o.value) for s, p, o in triples if s == document and p in _TEXTS and isinstance(o, ox.Literal)]
    # title-search lists titled documents only: it reads every row's title
    titled = any(p == _TITLE for p, _ in texts)
    words = {word for _, text in texts for word in fold_name(text).split()} if titled else ()
    return {
        "mentions": of(_MENTIONS),
        "languages": of(_LANGUAGE),
        "archives": of(_ARCHIVE),
        "references": of(_REFERENCE),
        "parents": of(_PART_OF),
        "translations": of(_TRANSLATION),
        "publications": _flat((o, PUBLICATION_LINKS[p]) for s, p, o in triples
                              if s == document and p in PUBLICATION_LINKS and isinstance(o, str)),
        "words": _shared(sorted(words)),
        "statements": _statements(triples, document),
    }


def _statements(triples, document: str) -> tuple[str, ...]:
    """:attr:`RecordFacts.statements`: of every subject but the document, of a unit for its names."""
    units = {s for s, p, _ in triples if p == _LEVEL}
    kept = {(s, p, o if isinstance(o, str) else str(o)) for s, p, o in triples
            if p in DESCRIBED and s != document and (p not in UNIT_NAMES or s in units)}
    return tuple(_share(item) for statement in sorted(kept) for item in statement)


def _parse(lines: Iterable[str]) -> list[tuple[str, str, str | ox.Literal]]:
    """(subject, predicate, object) of the lines with a predicate the facts read; IRIs as
    strings, literals as pyoxigraph terms.

    Most lines link two IRIs (``rdf:type`` above all) and are matched as text: a parser would
    cost ten times more.  rdflib writes IRIs unescaped, so ``[^>]*`` is the whole IRI.
    Lines with a literal (names, dates) go through pyoxigraph's parser.
    """
    triples, literal_lines = [], []
    for line in lines:
        match = _READ_LINE.match(line)  # fails fast, at the predicate, on the other lines
        if match is None:
            continue
        if match[3] is not None:
            triples.append(match.groups())
        else:
            literal_lines.append(line)
    parsed = ox.parse(input="\n".join(literal_lines), format=ox.RdfFormat.N_TRIPLES) if literal_lines else ()
    return triples + [(t.subject.value, t.predicate.value, t.object) for t in parsed]


def _is_own(resource: str, document: str) -> bool:
    return resource == document or resource.startswith(document + "/")


def _values(triples, subject: str, predicate: str) -> list[str]:
    """The sorted, distinct objects (IRIs, or literals' lexical forms) of ``subject predicate ?o``."""
    return sorted({o if isinstance(o, str) else o.value for s, p, o in triples if s == subject and p == predicate})


def _share(text: str) -> str:
    """The one copy of ``text`` in this process: the same persons and classes recur in every
    record, and each cached record should hold a pointer to them, not a copy."""
    return sys.intern(text)


def _shared(iris: Iterable[str]) -> tuple[str, ...]:
    return tuple(_share(iri) for iri in iris)


def _flat(pairs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Distinct pairs, sorted, laid flat: ``((a, b), (c, d))`` -> ``(a, b, c, d)``."""
    return tuple(_share(item) for pair in sorted(set(pairs)) for item in pair)


def pairs(flat: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """The pairs of a flat tuple (:attr:`RecordFacts.other_typed`, :attr:`RecordFacts.names`)."""
    return zip(flat[::2], flat[1::2])


def triples_of(flat: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """The triples of :attr:`RecordFacts.statements`."""
    return zip(flat[::3], flat[1::3], flat[2::3])
