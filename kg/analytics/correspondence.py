"""The correspondence network: who wrote to whom, in how many documents, from when to when.

An edge is a (creator, recipient) pair of a document that has both.  There are at most as many
edges as documents (5,600 at 10,000 records), so all of them are kept in memory and published.
Each is a ``kg:Correspondence`` — an oriented ``rico:Relation`` from its sender
(``rico:relationHasSource``) to its recipient (``rico:relationHasTarget``) — with its
``kg:documentCount``, the first and last day of the exchange (``schema:startDate``,
``schema:endDate``: the earliest and latest kg:earliestDate / kg:latestDate of its documents)
and its ``kg:rank`` (most documents first, ties by sender and recipient IRI).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kg.analytics.facts import RecordFacts
from kg.analytics.terms import dataset_iri, date, integer, iri, key, triple
from kg.vocab import KG, RDF, RICO, SDO

_TYPE, _CORRESPONDENCE = str(RDF.type), iri(str(KG.Correspondence))
_SOURCE, _TARGET = str(RICO.relationHasSource), str(RICO.relationHasTarget)
_COUNT, _RANK, _START, _END = str(KG.documentCount), str(KG.rank), str(SDO.startDate), str(SDO.endDate)


@dataclass
class _Edge:
    documents: int = 0
    first: str | None = None
    last: str | None = None

    def add(self, earliest: str | None, latest: str | None) -> None:
        self.documents += 1
        # xsd:date lexical forms (YYYY-MM-DD) compare as strings in date order.
        if earliest is not None and (self.first is None or earliest < self.first):
            self.first = earliest
        if latest is not None and (self.last is None or latest > self.last):
            self.last = latest


class Correspondence:
    """Accumulates the edges of every record; yields them as ranked relations."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.edges: dict[tuple[str, str], _Edge] = {}

    def add(self, facts: RecordFacts) -> None:
        for sender in facts.creators:
            for recipient in facts.recipients:
                self.edges.setdefault((sender, recipient), _Edge()).add(facts.earliest, facts.latest)

    def lines(self) -> Iterator[str]:
        ranked = sorted(self.edges.items(), key=lambda item: (-item[1].documents, item[0]))
        for rank, ((sender, recipient), edge) in enumerate(ranked, start=1):
            resource = dataset_iri(self.base, "correspondence", key(sender, self.base), key(recipient, self.base))
            yield triple(resource, _TYPE, _CORRESPONDENCE)
            yield triple(resource, _SOURCE, iri(sender))
            yield triple(resource, _TARGET, iri(recipient))
            yield triple(resource, _COUNT, integer(edge.documents))
            yield triple(resource, _RANK, integer(rank))
            if edge.first is not None:
                yield triple(resource, _START, date(edge.first))
            if edge.last is not None:
                yield triple(resource, _END, date(edge.last))
