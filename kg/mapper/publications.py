"""Publications that printed the record or that its citation points to."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kg.mapper.document import typed_date
from kg.records import Record
from kg.triples import TripleSink
from kg.vocab import DCTERMS, KG, RDF, RDFS, SDO, IriMinter, slug

_RELATION = {"printed": KG.printedIn, "see-also": DCTERMS.isReferencedBy}
_PAGE_RANGE = re.compile(r"^\s*(\w+)\s*[-–]\s*(\w+)\s*$")


def map_publications(graph: TripleSink, record: Record, doc: URIRef, minter: IriMinter) -> None:
    if record.citation is None:
        return
    for index, pub in enumerate(record.citation.value.publications, start=1):
        reference = minter.document_part(record.doc_id.value, "publication", str(index))
        graph.add((doc, _RELATION[pub.relation], reference))
        graph.add((reference, RDF.type, KG.PublicationReference))
        graph.add((reference, RDFS.label, Literal(pub.verbatim)))
        if pub.note:
            graph.add((reference, SDO.description, Literal(pub.note)))
        if pub.pages:
            _map_pages(graph, reference, pub.pages)
        periodical = minter.periodical(slug(pub.periodical))
        graph.add((periodical, RDF.type, SDO.Periodical))
        graph.add((periodical, SDO.name, Literal(pub.periodical)))
        container = periodical
        if pub.issue or pub.date:
            issue_key = slug(" ".join(filter(None, [pub.issue, pub.date.lexical if pub.date else None])))
            container = minter.periodical_issue(slug(pub.periodical), issue_key)
            graph.add((container, RDF.type, SDO.PublicationIssue))
            graph.add((container, SDO.isPartOf, periodical))
            if pub.issue:
                graph.add((container, SDO.issueNumber, Literal(pub.issue)))
            if pub.date:
                graph.add((container, SDO.datePublished, typed_date(pub.date)))
        graph.add((reference, SDO.isPartOf, container))


def _map_pages(graph: TripleSink, reference: URIRef, pages: str) -> None:
    graph.add((reference, SDO.pagination, Literal(pages)))
    match = _PAGE_RANGE.match(pages)
    if match:
        graph.add((reference, SDO.pageStart, Literal(match.group(1))))
        graph.add((reference, SDO.pageEnd, Literal(match.group(2))))
    elif pages.strip().isalnum():
        graph.add((reference, SDO.pageStart, Literal(pages.strip())))
