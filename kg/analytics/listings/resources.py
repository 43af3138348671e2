"""What the published records state about the resources beside their documents, merged.

Persons, archival units, periodicals are described by every record that names them; a
translation or a publication reference by its own record.  The listings order rows by some of
those statements (a translator's names, a fond's number, an issue's date), read here from the
records' :attr:`~kg.analytics.facts.RecordFacts.statements`: each subject's values, the union
over the records, as the published graph holds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.analytics.facts import RecordFacts, triples_of


class Resources:
    def __init__(self, facts: Iterable[RecordFacts]) -> None:
        # subject -> predicate -> its objects (a set only while several records add to it)
        self._values: dict[str, dict[str, frozenset[str] | str]] = {}
        for record in facts:
            for subject, predicate, obj in triples_of(record.statements):
                known = self._values.setdefault(subject, {})
                found = known.get(predicate)
                if found is None:
                    known[predicate] = obj  # most subjects have one value per predicate: no set
                elif found != obj:
                    known[predicate] = (found if isinstance(found, frozenset) else frozenset((found,))) | {obj}

    def values(self, subject: str, predicate: str) -> list[str]:
        """The objects of ``subject predicate ?o``, sorted (IRIs as strings, literals in N-Triples)."""
        found = self._values.get(subject, {}).get(predicate)
        if found is None:
            return []
        return sorted(found) if isinstance(found, frozenset) else [found]

    def value(self, subject: str, predicate: str) -> str | None:
        """The first of :meth:`values` (of a predicate the model allows once), or None."""
        found = self.values(subject, predicate)
        return found[0] if found else None
