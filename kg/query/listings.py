"""Pages of listing queries (``# listing: NAME``): kg finds the page's entries, the query reads them.

A listing query is written for given entries: kg binds ``VALUES (?entry ?rank)`` — the
entries of the page, numbered from ``offset + 1`` — and the query reads each entry's rows
(``?entry schema:item ?document``, its title, its date...).  Which entries make a page is
known from the listing's layout (kg/analytics/listings/layout.py) and the parameters:

* **positions**: the page's entries are ``{group}/{offset+1}`` ... of the parameters' group,
  IRIs computed without reading anything;
* **dates** (``date-range``): the straddlers of ``from`` and the run of positions between
  ``from`` and ``to``, found through the date index (kg/analytics/listings/dates.py);
* **words** (``title-search``): the documents of the text's only word by position; of several
  words, those of the rarest word's list that have all the others, checked a chunk at a time.

Every lookup is by IRI, in a ``VALUES`` block: Oxigraph (and any engine) starts from them.
A page holds the rows of its entries (a document in which a person is both creator and
mentioned gives two rows); whether more follow is asked of the entry after the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice

import pyoxigraph as ox

from kg.analytics.listings.dates import day_iri, month_iri, month_of, next_month
from kg.analytics.listings.layout import (DATES, LISTINGS, POSITIONS, WORDS, ListingSpec, base_of, entry_iri,
                                          group_iri, position_of)
from kg.analytics.terms import string
from kg.query.engines import Engine, Results, Term
from kg.query.sparql_text import inject_rows, inject_values, with_page
from kg.text import fold_name

_PROLOGUE = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://kg.example.org/ns#>
PREFIX schema: <https://schema.org/>
"""
_LISTING = _PROLOGUE + "SELECT ?listing WHERE { ?listing a kg:Listing ; schema:identifier ?name }"
_COUNTS = _PROLOGUE + "SELECT ?group ?count WHERE { ?group schema:numberOfItems ?count }"
_SPAN = _PROLOGUE + "SELECT ?start ?end ?count WHERE { ?listing schema:startDate ?start ; schema:endDate ?end ; " \
                    "schema:numberOfItems ?count }"
_FIRST = _PROLOGUE + "SELECT ?at ?position WHERE { ?at kg:firstPosition ?position }"
_STRADDLERS = _PROLOGUE + "SELECT ?entry WHERE { ?month kg:straddledBy ?entry }"
_DATES = _PROLOGUE + "SELECT ?entry ?earliest ?latest WHERE { " \
                     "?entry schema:item ?document . ?document kg:earliestDate ?earliest ; kg:latestDate ?latest }"
_TEXTS = _PROLOGUE + "SELECT ?entry ?title ?abstract WHERE { ?entry schema:item ?document . " \
                     "OPTIONAL { ?document dcterms:title ?title } OPTIONAL { ?document dcterms:abstract ?abstract } }"
ALL_ROWS_CHUNK = 1000
"""Entries asked at a time for a whole answer (``--all``)."""
WORDS_CHUNK = 1000
"""At most this many entries of the rarest word are read at a time when a text has several words."""


@dataclasses.dataclass(frozen=True)
class Listing:
    """A listing of the data (or None: data not built by kg build), with the run's engine and parameters."""

    spec: ListingSpec
    iri: str | None
    engine: Engine
    bindings: Mapping[str, Term]

    @property
    def base(self) -> str:
        return base_of(self.iri, self.spec.name)

    def select(self, text: str, name: str, iris: Sequence[str]) -> list[tuple]:
        """The rows of a lookup query with ``?name`` bound to each of ``iris``."""
        if not iris:
            return []
        return list(self.engine.select(inject_rows(text, [name], [[f"<{iri}>"] for iri in iris]), {}).rows)


def find_listing(name: str, engine: Engine, bindings: Mapping[str, Term]) -> Listing:
    rows = engine.select(_LISTING, {"name": ox.Literal(name)}).rows
    return Listing(LISTINGS[name], rows[0][0].value if rows else None, engine, bindings)


def listing_page(text: str, listing: Listing, limit: int | None, offset: int) -> Results:
    """Rows of the listing query ``text`` for ``limit`` entries from ``offset`` (None: all of them)."""
    if limit is None:
        return _every_row(text, listing)
    entries = _PAGERS[listing.spec.pager](listing, offset, limit + 1) if listing.iri else []
    results = _run(text, listing, entries[:limit], offset)
    following = entries[limit:]
    more = bool(following) and bool(_run(with_page(text, 1, 0), listing, following, offset + limit).rows)
    return dataclasses.replace(results, more=more)


def _every_row(text: str, listing: Listing) -> Results:
    pages = [listing_page(text, listing, ALL_ROWS_CHUNK, 0)]
    while pages[-1].more:
        pages.append(listing_page(text, listing, ALL_ROWS_CHUNK, len(pages) * ALL_ROWS_CHUNK))
    return dataclasses.replace(pages[-1], rows=tuple(row for page in pages for row in page.rows))


def _run(text: str, listing: Listing, entries: Sequence[str], offset: int) -> Results:
    """The query for ``entries``, numbered from ``offset + 1`` (none: its variables, no row)."""
    rows = [(f"<{entry}>", str(rank)) for rank, entry in enumerate(entries, start=offset + 1)]
    return listing.engine.select(inject_values(inject_rows(text, ["entry", "rank"], rows), listing.bindings), {})


# --- pagers: the entries of the answer's positions offset+1 ... offset+count ----------------


def _term(term: Term) -> str:
    """A bound value as the build writes group values: an IRI plainly, a literal in N-Triples."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def by_position(listing: Listing, offset: int, count: int) -> list[str]:
    """The entries of the parameters' group: IRIs computed, up to the group's size (one lookup)."""
    values = [_term(listing.bindings[name]) for name in listing.spec.groups if name in listing.bindings]
    group = group_iri(listing.iri, values, listing.base)
    size = _sizes(listing, [group]).get(group, 0)
    return [entry_iri(group, position) for position in range(offset + 1, min(offset + count, size) + 1)]


def _sizes(listing: Listing, groups: Sequence[str]) -> dict[str, int]:
    """The number of entries of each of ``groups`` that the data has."""
    return {group.value: int(size.value) for group, size in listing.select(_COUNTS, "group", groups)}


def by_dates(listing: Listing, offset: int, count: int) -> list[str]:
    """``date-range``: the straddlers of ``from`` (in listing order), then the run of positions
    of the documents beginning between ``from`` and ``to``."""
    span = listing.select(_SPAN, "listing", [listing.iri])
    if not span:
        return []  # no dated document
    start, end, total = (term.value for term in span[0])
    since, until = (_day(listing.bindings.get(name)) for name in ("from", "to"))
    after = until + dt.timedelta(days=1) if until else None
    index = _DateIndex(listing, start, int(total), [day for day in (since and since.replace(day=1), after) if day])
    begin = index.first(since) if since else 1
    stop = index.first(after) if after else int(total) + 1
    straddlers = _straddlers(listing, index, since, until) if since and start < since.isoformat() <= end else []
    positions = [*straddlers, *range(begin, max(begin, stop))][offset:offset + count]
    return [entry_iri(listing.iri, position) for position in positions]


def _day(term: Term | None) -> dt.date | None:
    return None if term is None else dt.date.fromisoformat(term.value)


class _DateIndex:
    """The positions of the first documents beginning on some days or later, read in one query.

    The index holds each month and each day on which a document begins, so for a day it is the
    smallest position of the day's entries to the end of its month and of the next month's:
    reading the entries of a month's first day reads those of every later day of the month.
    """

    def __init__(self, listing: Listing, start: str, total: int, days: Sequence[dt.date]) -> None:
        self.listing, self.start, self.total = listing, start, total
        ats = sorted({at for day in days for at in self._entries(day)})
        self.found = {at.value: int(position.value) for at, position in listing.select(_FIRST, "at", ats)}

    def _entries(self, day: dt.date) -> list[str]:
        month = month_of(day.isoformat())
        later = (day + dt.timedelta(days=n) for n in range(31))
        return [*(day_iri(self.listing.iri, d.isoformat()) for d in later if month_of(d.isoformat()) == month),
                month_iri(self.listing.iri, next_month(month))]

    def first(self, day: dt.date) -> int:
        known = [self.found[at] for at in self._entries(day) if at in self.found]
        if known:
            return min(known)
        return 1 if day.isoformat() <= self.start else self.total + 1  # before or after the indexed months


def _straddlers(listing: Listing, index: _DateIndex, since: dt.date, until: dt.date | None) -> list[int]:
    """Positions of the documents beginning before ``since`` and ending on it or later (and
    beginning on ``until`` or earlier): those straddling the first day of its month (indexed)
    and those of its month that begin before it (a month of positions at most)."""
    month = month_iri(listing.iri, month_of(since.isoformat()))
    candidates = [entry.value for (entry,) in listing.select(_STRADDLERS, "month", [month])]
    candidates += [entry_iri(listing.iri, n) for n in range(index.first(since.replace(day=1)), index.first(since))]
    keep = lambda earliest, latest: latest >= since.isoformat() and (until is None or earliest <= until.isoformat())
    dates = listing.select(_DATES, "entry", candidates)
    return sorted(position_of(entry.value) for entry, earliest, latest in dates if keep(earliest.value, latest.value))


def by_words(listing: Listing, offset: int, count: int) -> list[str]:
    """``title-search``: the documents whose title or summary has every word of the text, by the
    list of the text's rarest word."""
    words = sorted(set(fold_name(listing.bindings["text"].value).split()))
    groups = [group_iri(listing.iri, [string(word)], listing.base) for word in words]
    sizes = _sizes(listing, groups)
    if not words or len(sizes) < len(groups):
        return []  # a word of no title or summary
    rarest = min(groups, key=lambda group: (sizes[group], group))
    every = (entry_iri(rarest, n) for n in range(1, sizes[rarest] + 1))
    if len(words) > 1:
        every = _having_all(listing, every, set(words), first_chunk=offset + count)
    return list(islice(every, offset, offset + count))


def _having_all(listing: Listing, entries: Iterator[str], words: set[str], first_chunk: int) -> Iterator[str]:
    """The ``entries`` whose document's title and summary have all ``words``, read by chunks:
    as many as the page needs first (all may match), twice as many each time after."""
    size = min(first_chunk, WORDS_CHUNK)
    while chunk := list(islice(entries, size)):
        size = min(2 * size, WORDS_CHUNK)
        found: dict[str, set[str]] = {}
        for entry, *texts in listing.select(_TEXTS, "entry", chunk):
            found.setdefault(entry.value, set()).update(
                word for text in texts if text is not None for word in fold_name(text.value).split())
        yield from (entry for entry in chunk if words <= found.get(entry, set()))


_PAGERS: dict[str, Callable[[Listing, int, int], list[str]]] = {POSITIONS: by_position, DATES: by_dates, WORDS: by_words}
