"""The query catalogue: ``.rq`` files and the headers that describe them.

A query is a ``.rq`` file whose leading comment lines form a machine-readable header::

    # title: Documents involving a person
    # description: Every document in which a person is ...
    # param: person (person) = required  -- a name or an IRI
    # online: true
    # page-by: rank
    # listing: person-documents

``page-by: VAR`` says that ``?VAR`` numbers the rows 1, 2, 3... in the query's order, with
numbers the data holds (precomputed ranks, docs/model.md): a page is then fetched by looking
its numbers up rather than by sorting every row (:mod:`kg.query.run`).  ``listing: NAME``
says that the query reads the entries of a listing ``kg build`` precomputed in its order
(kg/analytics/listings/): kg finds a page's entries and binds them (:mod:`kg.query.listings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.analytics.listings.layout import LISTINGS
from kg.assets import asset_dir
from kg.errors import QueryError, UsageError

PARAM_TYPES = ("string", "iri", "date", "integer", "language", "person", "archive")

_HEADER_LINE = re.compile(r"^#\s*(title|description|param|online|page-by|listing):\s*(.*?)\s*$")
_PARAM_SPEC = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+\((?P<type>[a-z]+)\)\s*=\s*(?P<need>required|optional)"
    r"\s+--\s+(?P<description>.+)$"
)


@dataclass(frozen=True)
class Param:
    """One declared parameter: bound to the query variable ``?name``."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Query:
    """A SPARQL query and what its header says about it."""

    name: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    online: bool = False
    path: Path | None = None
    page_by: str | None = None  # the variable that numbers the rows (``# page-by:``)
    listing: str | None = None  # the precomputed listing it reads (``# listing:``)

    def param(self, name: str) -> Param | None:
        return next((param for param in self.params if param.name == name), None)


def parse_query(text: str, *, name: str, path: Path | None = None) -> Query:
    """Read a query's header (the comment lines before the first other line)."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if not match:
            continue  # a free comment
        key, value = match.groups()
        if key == "param":
            params.append(_parse_param(value, name))
        else:
            fields[key] = value
    page_by = fields.get("page-by", "").lstrip("?") or None
    if page_by and params:
        raise QueryError(f"{name}: a query paged by {page_by} cannot have parameters: "
                         "its numbers count the rows of the whole answer")
    listing = fields.get("listing") or None
    if listing is not None:
        _check_listing(listing, page_by, params, name)
    return Query(
        name=name,
        text=text,
        title=fields.get("title", name),
        description=fields.get("description", ""),
        params=tuple(params),
        online=fields.get("online", "false").lower() == "true",
        path=path,
        page_by=page_by,
        listing=listing,
    )


def _check_listing(listing: str, page_by: str | None, params: list[Param], query_name: str) -> None:
    spec = LISTINGS.get(listing)
    if spec is None:
        raise QueryError(f"{query_name}: no listing named {listing!r}; kg build makes {', '.join(sorted(LISTINGS))}")
    if page_by:
        raise QueryError(f"{query_name}: a query reads a listing or is paged by its numbers, not both")
    missing = set(spec.groups) - {param.name for param in params}
    if missing:
        raise QueryError(f"{query_name}: listing {listing} is grouped by {', '.join(spec.groups)}; "
                         f"declare the parameter {sorted(missing)[0]}")


def _parse_param(spec: str, query_name: str) -> Param:
    match = _PARAM_SPEC.match(spec)
    if not match:
        raise QueryError(
            f"{query_name}: bad '# param:' header {spec!r}; "
            "expected 'NAME (TYPE) = required|optional  -- description'"
        )
    if match["type"] not in PARAM_TYPES:
        raise QueryError(f"{query_name}: parameter {match['name']} has unknown type {match['type']!r}; "
                         f"use one of {', '.join(PARAM_TYPES)}")
    return Param(match["name"], match["type"], match["need"] == "required", match["description"])


def queries_dir() -> Path:
    return asset_dir("queries")


def bundled_queries() -> list[Query]:
    """Every bundled query, by name."""
    return [_read_query(path) for path in sorted(queries_dir().glob("*.rq"))]


def _read_query(path: Path) -> Query:
    return parse_query(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def find_query(name_or_path: str) -> Query:
    """A bundled query by name (``person-documents``) or a ``.rq`` file of one's own."""
    bundled = queries_dir() / f"{name_or_path}.rq"
    if "/" not in name_or_path and bundled.is_file():
        return _read_query(bundled)
    path = Path(name_or_path)
    if path.is_file():
        return _read_query(path)
    names = ", ".join(query.name for query in bundled_queries())
    raise UsageError(f"no bundled query or file named {name_or_path!r}; bundled queries: {names}")
