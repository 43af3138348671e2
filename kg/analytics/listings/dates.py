"""The date index of ``date-range``: where in the listing of dated documents a day begins.

``date-range`` lists the documents whose dates overlap ``[from, to]`` in the order of their
date bounds (earliest, latest).  In that order the documents that begin on ``from`` or later
and on ``to`` or earlier are one run of positions; only the documents that begin before
``from`` and end on it or later (a letter dated "1953" asked from June: *straddlers*) lie
before the run.  So the index says, for each month of the archive's span and each day on
which a document begins, the position of the first document beginning then or later
(``kg:firstPosition``), and, for each month, which documents straddle its first day
(``kg:straddledBy``).  A page then reads a few of those and one month's documents at most
(kg/query/listings.py), however large the archive.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from kg.analytics.facts import RecordFacts
from kg.analytics.listings.layout import entry_iri
from kg.analytics.terms import date, integer, iri
from kg.vocab import KG, SDO

_FIRST, _STRADDLED = str(KG.firstPosition), str(KG.straddledBy)
_START, _END = str(SDO.startDate), str(SDO.endDate)


def month_of(day: str) -> str:
    """``1953-06-15`` -> ``1953-06``."""
    return day[:7]


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def month_iri(listing: str, month: str) -> str:
    return f"{listing}/month/{month}"


def day_iri(listing: str, day: str) -> str:
    return f"{listing}/day/{day}"


def months(first: str, last: str) -> Iterator[str]:
    """The months from ``first`` to ``last``, both included."""
    month = first
    while month <= last:
        yield month
        month = next_month(month)


def index_lines(listing: str, records: Sequence[RecordFacts]) -> Iterator[tuple[str, str, str]]:
    """``(subject, predicate, object)`` of the date index of ``records``, in listing order."""
    if not records:
        return
    earliest = [record.earliest for record in records]
    latest = max(record.latest for record in records)
    yield listing, _START, date(earliest[0])
    yield listing, _END, date(latest)
    first = lambda day: integer(bisect_left(earliest, day) + 1)  # after the last document: count + 1
    # One month past the last day, so that the month after any day of the span is indexed too.
    for month in months(month_of(earliest[0]), next_month(month_of(latest))):
        yield month_iri(listing, month), _FIRST, first(f"{month}-01")
    for day in sorted(set(earliest)):
        yield day_iri(listing, day), _FIRST, first(day)
    for position, record in enumerate(records, start=1):
        for month in months(next_month(month_of(record.earliest)), month_of(record.latest)):
            yield month_iri(listing, month), _STRADDLED, iri(entry_iri(listing, position))
