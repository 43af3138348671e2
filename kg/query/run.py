"""Running a catalogue query: its parameters bound, one page of its rows, on any engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import UsageError
from kg.query.catalogue import Query
from kg.query.engines import Engine, Results
from kg.query.listings import find_listing, listing_page
from kg.query.params import bind_parameters
from kg.query.sparql_text import inject_rows, query_form, with_page

DEFAULT_PAGE_SIZE = 100
"""Rows per page unless asked otherwise: a screenful to read, and cheap on any archive."""


@dataclass(frozen=True)
class Page:
    """Which rows of a SELECT answer to return: ``limit`` rows from row ``offset`` (0-based) on.

    ``limit=None`` asks for every row (:data:`ALL_ROWS`).
    """

    limit: int | None = DEFAULT_PAGE_SIZE
    offset: int = 0

    def __post_init__(self) -> None:
        if self.offset < 0 or (self.limit is not None and self.limit < 1):
            raise UsageError(f"a page needs a limit of at least 1 and an offset of at least 0, "
                             f"not limit {self.limit} and offset {self.offset}")

    def limited(self, query: str) -> str:
        """The query with ``LIMIT limit+1 OFFSET offset``: the one row more says whether
        another page follows (:meth:`cut`) without counting the whole answer."""
        return with_page(query, None if self.limit is None else self.limit + 1, self.offset)

    def cut(self, results: Results) -> Results:
        """The page's rows of an answer to :meth:`limited`, and whether more follow."""
        if self.limit is None or len(results.rows) <= self.limit:
            return results
        return dataclasses.replace(results, rows=results.rows[: self.limit], more=True)

    def numbered(self, query: str, variable: str) -> str:
        """The query with ``?variable`` bound to the page's row numbers, offset+1 to offset+limit:
        each an index lookup of a precomputed rank, so no row outside the page is read."""
        numbers = range(self.offset + 1, self.offset + self.limit + 1)
        return inject_rows(query, [variable], [[str(number)] for number in numbers])


ALL_ROWS = Page(limit=None)


def run_query(query: Query, values: Mapping[str, str], engine: Engine, *, allow_online: bool = False,
              page: Page = Page()) -> Results:
    """Bind ``values`` to the query's declared parameters and run it on ``engine``.

    A SELECT query returns one ``page`` of its rows (by default the first
    :data:`DEFAULT_PAGE_SIZE`; :data:`ALL_ROWS` for all of them).
    """
    if query.online and not allow_online:
        raise UsageError(f"{query.name} is an online query (it calls a remote SPARQL service); "
                         "allow it with --online")
    bindings = bind_parameters(query, values, engine)
    if query_form(query.text) != "SELECT":
        return engine.select(query.text, bindings)
    if query.listing is not None:
        return listing_page(query.text, find_listing(query.listing, engine, bindings), page.limit, page.offset)
    if query.page_by is None or page.limit is None:
        return page.cut(engine.select(page.limited(query.text), bindings))
    return _numbered_page(query, page, engine, bindings)


def _numbered_page(query: Query, page: Page, engine: Engine, bindings) -> Results:
    """A page of a query whose rows carry their numbers (``# page-by:``): the rows numbered in
    the page, however many rows a number has (an entity with two names gives two), and whether
    the next number exists."""
    results = engine.select(page.numbered(query.text, query.page_by), bindings)
    following = Page(limit=1, offset=page.offset + page.limit).numbered(query.text, query.page_by)
    return dataclasses.replace(results, more=bool(engine.select(with_page(following, 1, 0), bindings).rows))
