"""Just enough SPARQL lexing to place things in a query's text safely.

kg never parses SPARQL into an algebra; it needs two positions in a query: where its WHERE
group opens (parameters go there as a ``VALUES`` block, :func:`inject_values`) and where its
outermost solution modifiers are (a page's ``LIMIT``/``OFFSET`` go there, :func:`with_page`).
Comments, strings and IRIs are lexed as wholes, so a brace or a keyword inside them never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.query.engines import Term

_LEXEMES = re.compile(
    "|".join((
        r"(?P<comment>#[^\n]*)",
        r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''"
        r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
        r"|'(?:[^'\\\n]|\\.)*'"
        r'|"(?:[^"\\\n]|\\.)*")',
        r"(?P<iri><[^<>\"{}|^`\\\s]*>)",
        r"(?P<word>[?$]?[\w:\-]+)",
        r"(?P<brace>\{)",
        r"(?P<close>\})",
        r"(?P<other>.)",
    )),
    re.S,
)


def _tokens(text: str) -> list[re.Match]:
    """The words and braces of ``text``: what the structure of a query is made of."""
    return [match for match in _LEXEMES.finditer(text) if match.lastgroup in ("word", "brace", "close")]


def where_group_start(text: str) -> int:
    """The offset just after the ``{`` that opens the WHERE clause.

    Without the (optional) keyword WHERE, the first ``{`` opens the clause (SELECT, ASK).
    """
    tokens = _tokens(text)
    keyword = next((i for i, token in enumerate(tokens) if token.group().upper() == "WHERE"), None)
    start = 0 if keyword is None else keyword + 1
    brace = next((token for token in tokens[start:] if token.lastgroup == "brace"), None)
    if brace is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    return brace.end()


def inject_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` first inside its WHERE group.

    Each term is written in N-Triples syntax by pyoxigraph (quotes, backslashes and newlines
    escaped), so a value can never end its string and become SPARQL.  First in the group, the
    block joins every pattern and is visible to the group's FILTERs; and the engine plans the
    query knowing the values, so it starts from them (a pyoxigraph ``substitutions`` binding
    is applied after planning: the plan scans as if the parameter were unbound).
    """
    if not bindings:
        return text
    return inject_rows(text, list(bindings), [list(bindings.values())])


def inject_rows(text: str, names: Sequence[str], rows: Iterable[Sequence[Term | str]]) -> str:
    """The query with ``VALUES (?names...) { (row) ... }`` first inside its WHERE group."""
    header = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    position = where_group_start(text)
    return f"{text[:position]} VALUES ({header}) {{ {body} }}\n{text[position:]}"


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them in the query's text."""
    forms = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    return next((token.group().upper() for token in _tokens(text) if token.group().upper() in forms), None)


def _outer_tail(tokens: list[re.Match]) -> list[re.Match]:
    """The tokens after the WHERE group closes, outside any braces: modifiers and a final VALUES."""
    depth, tail, opened = 0, [], False
    for token in tokens:
        if token.lastgroup == "brace":
            depth, opened = depth + 1, True
        elif token.lastgroup == "close":
            depth -= 1
        elif opened and depth == 0:
            tail.append(token)
    return tail


def with_page(text: str, limit: int | None, offset: int) -> str:
    """The query with its outermost LIMIT and OFFSET set to show one page of its own rows.

    A query may already state a LIMIT or OFFSET: the page is then a page *of those* rows
    (``LIMIT 50`` with a page at offset 40 of 20 rows shows its rows 41 to 50).  ``limit``
    None means every row from ``offset`` on.
    """
    tail = _outer_tail(_tokens(text))
    own = {"LIMIT": None, "OFFSET": 0}
    spans = []
    for keyword, number in zip(tail, tail[1:]):
        name = keyword.group().upper()
        if name in own and number.group().isdigit():
            own[name] = int(number.group())
            spans.append((keyword.start(), number.end()))
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    first = own["OFFSET"] + offset
    if own["LIMIT"] is not None:
        left = max(own["LIMIT"] - offset, 0)
        limit = left if limit is None else min(limit, left)
    modifiers = ("" if limit is None else f"LIMIT {limit} ") + f"OFFSET {first}"
    values = next((token for token in tail if token.group().upper() == "VALUES"), None)
    at = len(text) if values is None else values.start()
    return f"{text[:at].rstrip()}\n{modifiers}\n{text[at:]}"
