"""The document itself: title, dates, summary, languages, citation, kind, contents, footnotes."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.records import ContentItem, DateValue, PartialDate, Record
from kg.triples import TripleSink
from kg.vocab import DCTERMS, EDTF, KG, KIND, LEXVO, RDF, SDO, XSD, IriMinter

_XSD_BY_PRECISION = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}

# Content items that carry the record's text, and the IRI segment of each.
_TEXT_KINDS = {"translation": "translation", "transcript": "transcript"}


def typed_date(value: PartialDate) -> Literal:
    """A date literal typed by its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    return Literal(value.lexical, datatype=_XSD_BY_PRECISION[value.precision])


def text_item_iri(minter: IriMinter, record: Record, item: ContentItem) -> URIRef | None:
    """IRI of a translation or transcript of the record, keyed by its language."""
    segment = _TEXT_KINDS.get(item.kind)
    if segment is None or item.language is None:
        return None
    return minter.document_part(record.doc_id.value, segment, item.language.bcp47)


def map_document(graph: TripleSink, record: Record, minter: IriMinter) -> URIRef:
    doc = minter.document(record.doc_id.value)
    add = graph.add
    add((doc, RDF.type, SDO.ArchiveComponent))
    add((doc, DCTERMS.identifier, Literal(record.doc_id.value)))
    title = Literal(record.title.value, lang="en")
    add((doc, DCTERMS.title, title))
    add((doc, SDO.name, title))
    add((doc, DCTERMS.type, KIND[record.kind]))
    add((doc, KG.isExcerpt, Literal(record.is_excerpt)))
    if record.date is not None:
        _map_date(graph, doc, record.date.value)
    if record.summary is not None:
        add((doc, DCTERMS.abstract, Literal(record.summary.value, lang="en")))
    for language in record.languages:
        add((doc, DCTERMS.language, LEXVO[language.value.iso639_3]))
        add((doc, SDO.inLanguage, Literal(language.value.bcp47)))
    if record.credits is not None:
        add((doc, SDO.creditText, Literal(record.credits.value)))
    if record.citation is not None:
        _map_citation(graph, doc, record)
    _map_contents(graph, doc, record, minter)
    for located in record.footnotes:
        note = minter.document_part(record.doc_id.value, "footnote", str(located.value.number))
        add((doc, KG.footnote, note))
        add((note, RDF.type, KG.Footnote))
        add((note, SDO.position, Literal(located.value.number)))
        add((note, SDO.text, Literal(located.value.text, lang="en")))
        add((note, KG.sourceLine, Literal(located.line)))
    return doc


def _map_date(graph: TripleSink, doc: URIRef, date: DateValue) -> None:
    graph.add((doc, KG.dateAsPrinted, Literal(date.printed)))
    if date.start is None:
        return
    graph.add((doc, KG.edtf, Literal(date.edtf, datatype=EDTF)))
    graph.add((doc, KG.earliestDate, Literal(date.earliest.isoformat(), datatype=XSD.date)))
    graph.add((doc, KG.latestDate, Literal(date.latest.isoformat(), datatype=XSD.date)))
    if date.end is None:
        graph.add((doc, DCTERMS.created, typed_date(date.start)))
    else:
        graph.add((doc, SDO.startDate, typed_date(date.start)))
        graph.add((doc, SDO.endDate, typed_date(date.end)))


def _map_citation(graph: TripleSink, doc: URIRef, record: Record) -> None:
    citation = record.citation.value
    graph.add((doc, DCTERMS.bibliographicCitation, Literal(citation.text)))
    if citation.url:
        graph.add((doc, SDO.url, URIRef(citation.url)))
    if citation.digital_archive:
        graph.add((doc, DCTERMS.publisher, Literal(citation.digital_archive)))


def _map_contents(graph: TripleSink, doc: URIRef, record: Record, minter: IriMinter) -> None:
    """Each Contents entry is listed; translations and transcripts become resources.

    The record's body is the text of the first text item (the page shows one).
    """
    body_given = False
    for located in record.contents:
        item = located.value
        graph.add((doc, KG.contentItem, Literal(item.label)))
        part = text_item_iri(minter, record, item)
        if part is None:
            continue
        graph.add((part, RDF.type, SDO.CreativeWork))
        graph.add((part, SDO.name, Literal(item.label)))
        graph.add((part, SDO.inLanguage, Literal(item.language.bcp47)))
        graph.add((part, DCTERMS.language, LEXVO[item.language.iso639_3]))
        if item.kind == "translation":
            graph.add((doc, SDO.workTranslation, part))
            graph.add((part, SDO.translationOfWork, doc))
        else:  # a transcript is the document's own text, in its own language
            graph.add((doc, SDO.hasPart, part))
        if record.body is not None and not body_given:
            graph.add((part, SDO.text, Literal(record.body.value, lang=item.language.bcp47)))
            body_given = True
