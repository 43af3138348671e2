"""Parameters: text from the command line -> typed RDF terms.

Parameters are never pasted into query text.  They become typed RDF terms bound to the
query variable of the same name, by a ``VALUES`` block at the top of the WHERE group, locally
and on an endpoint alike (:func:`kg.query.sparql_text.inject_values`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import pycountry
import pyoxigraph as ox

from kg.errors import UsageError
from kg.query.catalogue import Param, Query
from kg.query.engines import Engine, Term
from kg.query.names import ENTITY_CLASSES, find_entity
from kg.vocab import LEXVO, PREFIXES, XSD


def bind_parameters(query: Query, values: Mapping[str, str], engine: Engine) -> dict[str, Term]:
    """Check names and required parameters, and turn each value into a term of its type."""
    unknown = sorted(set(values) - {param.name for param in query.params})
    if unknown:
        declared = ", ".join(param.name for param in query.params) or "none"
        raise UsageError(f"{query.name} has no parameter {unknown[0]!r} (its parameters: {declared})")
    missing = [param.name for param in query.params if param.required and param.name not in values]
    if missing:
        raise UsageError(f"{query.name} needs --param {missing[0]}=VALUE")
    return {
        param.name: to_term(param, values[param.name], engine)
        for param in query.params
        if param.name in values
    }


def to_term(param: Param, value: str, engine: Engine) -> Term:
    """The RDF term a parameter value stands for; names are looked up with ``engine``."""
    try:
        if param.type in ENTITY_CLASSES:
            return _iri(value) if looks_like_iri(value) else find_entity(param, value, engine)
        return _CONVERTERS[param.type](value)
    except ValueError as error:
        raise UsageError(f"parameter {param.name}: {error}") from None


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


def _date(value: str) -> ox.Literal:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date)))


def _integer(value: str) -> ox.Literal:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an integer") from None
    return ox.Literal(str(number), datatype=ox.NamedNode(str(XSD.integer)))


def _language(value: str) -> ox.NamedNode:
    """An ISO 639-1/639-3 code (or English name) -> the Lexvo IRI kg uses for it (ISO 639-3)."""
    text = value.strip()
    key = {2: "alpha_2", 3: "alpha_3"}.get(len(text), "name")
    found = pycountry.languages.get(**{key: text.lower() if key != "name" else text})
    if found is None and len(text) == 3:
        found = pycountry.languages.get(bibliographic=text.lower())  # ger, fre, ...
    if found is None:
        raise ValueError(f"{value!r} is not an ISO 639 language code")
    return ox.NamedNode(str(LEXVO[found.alpha_3]))


_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")


def looks_like_iri(value: str) -> bool:
    """``<...>``, an absolute IRI or a CURIE with one of kg's prefixes, rather than a name."""
    return (value.startswith("<") and value.endswith(">")) or bool(_IRI.match(value))


def _iri(value: str) -> ox.NamedNode:
    text = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    if not _IRI.match(text):
        raise ValueError(f"{value!r} is not an absolute IRI")
    return ox.NamedNode(text)


_CONVERTERS: dict[str, Callable[[str], Term]] = {
    "string": _string,
    "iri": _iri,
    "date": _date,
    "integer": _integer,
    "language": _language,
}
