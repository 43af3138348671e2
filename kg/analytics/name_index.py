"""The name index: every word of every name of each person and archive, folded, as ``kg:nameToken``.

``kg query`` finds the entity a ``person`` or ``archive`` parameter names by comparing folded
names (:func:`kg.text.fold_name`: case and accents dropped).  Without an index it must fetch
every name of every person (56,000 names at 10,000 records) to compare them in Python; with it,
one lookup per word of the wanted name finds the few candidates (:mod:`kg.query.names`).
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.analytics.facts import RecordFacts, pairs
from kg.analytics.terms import string, triple
from kg.vocab import KG

_NAME_TOKEN = str(KG.nameToken)


class NameIndex:
    def __init__(self) -> None:
        self.tokens: dict[str, set[str]] = {}  # entity -> the words of its names

    def add(self, facts: RecordFacts) -> None:
        for entity, name in pairs(facts.names):
            self.tokens.setdefault(entity, set()).update(name.split())

    def lines(self) -> Iterator[str]:
        for entity in sorted(self.tokens):
            for token in sorted(self.tokens[entity]):
                yield triple(entity, _NAME_TOKEN, string(token))
