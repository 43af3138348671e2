"""Co-mention pairs: two persons mentioned in the same documents, and in how many.

Counting every pair is quadratic in the persons a document mentions and the number of
distinct pairs grows faster than the archive (16,000 at 1,000 records, 126,000 at 10,000;
about a million at 100,000, most of them seen once).  So:

* pairs are counted person by person from an inverted index (person -> the records that
  mention them): memory holds one person's partners at a time, never every pair;
* only the strongest pairs are published: those seen in at least ``threshold`` documents,
  where the threshold is the smallest count that keeps the list within :data:`MAX_PAIRS`.
  A small archive publishes every pair (threshold 1); a large one drops the long tail of
  pairs seen once or twice, which say little that the documents themselves do not, and
  states the threshold it used (``kg:coMentionThreshold`` on the dataset).  Every count
  published is exact.

Each pair is a ``kg:CoMention`` (a not-oriented ``rico:Relation``) connecting its two persons,
with its ``kg:documentCount`` and its ``kg:rank`` in the list (most documents first, ties by
the persons' IRIs): a page of the list is a lookup of ranks, never a sort of every pair.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator

from kg.analytics.facts import RecordFacts
from kg.analytics.terms import dataset_iri, integer, iri, key, triple
from kg.vocab import KG, RDF, RICO

MAX_PAIRS = 100_000
"""At most this many pairs are published (about half a million triples)."""

_TYPE, _CO_MENTION, _CONNECTS = str(RDF.type), iri(str(KG.CoMention)), str(RICO.relationConnects)
_COUNT, _RANK, _THRESHOLD = str(KG.documentCount), str(KG.rank), str(KG.coMentionThreshold)


class CoMentions:
    """Accumulates which records mention which persons; yields the published pairs."""

    def __init__(self, base: str, max_pairs: int = MAX_PAIRS) -> None:
        self.base = base
        self.max_pairs = max_pairs
        self.persons_of: list[tuple[str, ...]] = []  # record number -> the persons it mentions
        self.records_of: dict[str, array] = {}  # person -> numbers of the records mentioning them

    def add(self, facts: RecordFacts) -> None:
        if len(facts.mentioned_persons) < 2:
            return  # a record mentioning one person makes no pair
        number = len(self.persons_of)
        self.persons_of.append(facts.mentioned_persons)
        for person in facts.mentioned_persons:
            self.records_of.setdefault(person, array("i")).append(number)

    def _pairs(self) -> Iterator[tuple[str, str, int]]:
        """``(person1, person2, documents)`` for every pair, person1 < person2."""
        for person in sorted(self.records_of):
            partners = Counter(other for number in self.records_of[person]
                               for other in self.persons_of[number] if other > person)
            for other, count in partners.items():
                yield person, other, count

    def strongest(self) -> tuple[list[tuple[str, str, int]], int]:
        """The published pairs, ranked, and the threshold they were kept with.

        Pairs are kept by count; whenever more than ``max_pairs`` are kept, the pairs of the
        smallest count kept so far are dropped and that count is not kept again.
        """
        by_count: dict[int, list[tuple[str, str, int]]] = {}
        kept, threshold = 0, 1
        for pair in self._pairs():
            if pair[2] < threshold:
                continue
            by_count.setdefault(pair[2], []).append(pair)
            kept += 1
            while kept > self.max_pairs:
                lowest = min(by_count)
                kept -= len(by_count.pop(lowest))
                threshold = lowest + 1
        pairs = [pair for count in by_count.values() for pair in count]
        pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
        return pairs, threshold

    def lines(self) -> Iterator[str]:
        pairs, threshold = self.strongest()
        if not pairs:
            return
        yield triple(dataset_iri(self.base), _THRESHOLD, integer(threshold))
        for rank, (person1, person2, count) in enumerate(pairs, start=1):
            pair = dataset_iri(self.base, "co-mention", key(person1, self.base), key(person2, self.base))
            yield triple(pair, _TYPE, _CO_MENTION)
            yield triple(pair, _CONNECTS, iri(person1))
            yield triple(pair, _CONNECTS, iri(person2))
            yield triple(pair, _COUNT, integer(count))
            yield triple(pair, _RANK, integer(rank))
