"""Running a catalogue query: its parameters bound, one page of its rows, on any engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import UsageError
from kg.query.catalogue import Query
from kg.query.engines import Engine, Results
from kg.query.params import bind_parameters
from kg.query.sparql_text import inject_rows, query_form, with_page

DEFAULT_PAGE_SIZE = 100
"""Rows per page unless asked otherwise: a screenful to read, and cheap on any archive."""


@dataclass(frozen=True)
class Page:
    """Which rows of a SELECT answer to return: ``limit`` rows from row ``offset`` (0-based) on.

    ``limit=None`` asks for every row (:data:`ALL_ROWS`).  The query is sent with
    ``LIMIT limit+1``: the one row more says whether another page follows
    (:attr:`Results.more`) without counting the whole answer.
    """

    limit: int | None = DEFAULT_PAGE_SIZE
    offset: int = 0

    def __post_init__(self) -> None:
        if self.offset < 0 or (self.limit is not None and self.limit < 1):
            raise UsageError(f"a page needs a limit of at least 1 and an offset of at least 0, "
                             f"not limit {self.limit} and offset {self.offset}")

    def text(self, query: str, page_by: str | None = None) -> str:
        """The query asking for this page, and one row more.

        With ``page_by``, the rows' numbers are looked up (a ``VALUES`` block of the page's
        numbers): the engine never sorts the whole answer.  Otherwise ``LIMIT`` and ``OFFSET``.
        """
        if self.limit is None:
            return with_page(query, None, self.offset)
        if page_by is None:
            return with_page(query, self.limit + 1, self.offset)
        numbers = range(self.offset + 1, self.offset + self.limit + 2)
        return with_page(inject_rows(query, [page_by], [[str(n)] for n in numbers]), self.limit + 1, 0)

    def cut(self, results: Results) -> Results:
        """The page's rows of an answer to :meth:`text`, and whether more follow."""
        if self.limit is None or len(results.rows) <= self.limit:
            return results
        return dataclasses.replace(results, rows=results.rows[: self.limit], more=True)


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
    return page.cut(engine.select(page.text(query.text, query.page_by), bindings))
