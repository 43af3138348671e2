"""VoID class partitions: how many resources of each class the published graph holds.

The same description ``kg publish`` gives the server (:mod:`kg.describe`, same IRIs:
``id:dataset/class/schema-Person``), but inside the graph, so that the overview query is a
lookup of a few dozen counts rather than a scan of every ``rdf:type`` statement.

Counting distinct resources across records without a set of every resource: a resource
minted under a document's IRI (its mentions, roles, footnotes...) is stated by that record
alone, so each record brings those as counts; only the others (persons, archives, archival
units, periodicals, input files) are collected, once each, in a set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from kg.analytics.facts import RecordFacts, pairs
from kg.analytics.terms import dataset_iri, integer, iri, triple
from kg.describe import partition_key
from kg.vocab import RDF, VOID

_TYPE_LINE = re.compile(r"<([^>]*)> <%s> <([^>]*)> \." % re.escape(str(RDF.type)))


class ClassPartitions:
    def __init__(self, base: str) -> None:
        self.base = base
        self.counts: Counter[str] = Counter()  # class -> resources stated by one record alone
        self.shared: set[tuple[str, str]] = set()  # (resource, class) that several records may state

    def add(self, facts: RecordFacts) -> None:
        self.counts.update(dict(pairs(facts.own_classes)))
        self.shared.update(pairs(facts.other_typed))

    def add_lines(self, lines: Iterable[str]) -> None:
        """Count the typed resources of N-Triples lines that are not records' (the dataset's own)."""
        for line in lines:
            if (match := _TYPE_LINE.match(line)) is not None:
                self.shared.add(match.groups())

    def lines(self) -> Iterator[str]:
        totals = self.counts + Counter(cls for _, cls in self.shared)
        dataset = dataset_iri(self.base)
        for cls in sorted(totals):
            partition = dataset_iri(self.base, "class", partition_key(cls))
            yield triple(dataset, str(VOID.classPartition), iri(partition))
            yield triple(partition, str(VOID["class"]), iri(cls))
            yield triple(partition, str(VOID.entities), integer(totals[cls]))
