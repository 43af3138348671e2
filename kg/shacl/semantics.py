"""pySHACL's meaning of each value test, over rdflib literals.

The kg engine must report exactly what pySHACL (the reference) reports, and pySHACL decides
"is this literal an xsd:date?" or "is 5 < 7?" with rdflib's ``Literal`` (its ``value``, its
``ill_typed`` flag, its rich comparisons) rather than with the XSD specification.  So every
graph view hands literals to the checks as rdflib literals, and the code here repeats
pySHACL 0.40's code paths (``pyshacl/constraints/core/*.py``) step by step; the comments name
the surprises that a cleaner implementation would get "wrong".

These tests run for every value of a record, so they read a literal's slots (``_value``,
``_datatype``, ``_language``, ``_ill_typed``) as rdflib's own comparisons do, rather than its
properties, which cost ten times more (``tests/test_shacl.py`` checks that slots and
properties still agree).  rdflib's term classes are ABCs, on which a *false* isinstance is
slow: tests that expect a literal use isinstance, the others :func:`~kg.shacl.terms.is_literal`.
IRIs and blank nodes may be rdflib's or pyoxigraph's classes: the functions take the graph
view's :class:`~kg.shacl.terms.Terms` where they must tell them apart.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import _NUMERIC_LITERAL_TYPES

from kg.errors import UsageError
from kg.validate import incomparable_values
from kg.shacl.terms import is_literal

_XSD_STRING, _LANG_STRING, _RDFS_LITERAL, _RDFS_DATATYPE = XSD.string, RDF.langString, RDFS.Literal, RDFS.Datatype
_PLAIN_DATATYPES = (None, _LANG_STRING, _XSD_STRING)

# What the Python value of a well-typed literal must be, per datatype (pySHACL's
# ``_assert_actual_datatype``).  Datatypes not listed pass once the IRI matches, which is
# why "abc"^^xsd:gYear and anything typed edtf:EDTF conform to sh:datatype.
_VALUE_TYPES: dict = {
    _XSD_STRING: (str, bytes),
    _LANG_STRING: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,  # a datetime is a date too, as in pySHACL
    XSD.time: time,
    XSD.dateTime: datetime,
}


class DatatypeTest:
    """sh:datatype: a literal of exactly that datatype that rdflib does not flag ill-typed.

    A plain literal matches xsd:string, a language-tagged one rdf:langString; every literal
    matches rdfs:Literal and every typed one rdfs:Datatype (pySHACL's special cases).
    """

    __slots__ = ("_name", "_expected", "_rule")

    def __init__(self, datatype: URIRef) -> None:
        # A literal's datatype is always a URIRef, and URIRef equality is string equality.
        self._name = str(datatype)
        self._expected = _VALUE_TYPES.get(datatype)
        self._rule = datatype

    def _has_value_type(self, value: Literal) -> bool:
        return self._expected is None or isinstance(value._value, self._expected)

    def holds(self, value) -> bool:
        if not isinstance(value, Literal):
            return False
        own, rule = value._datatype, self._rule
        if own is not None and str.__eq__(own, self._name):
            return value._ill_typed is not True and self._has_value_type(value)
        if rule == _RDFS_LITERAL:
            return True
        if rule == _RDFS_DATATYPE:
            return own is not None
        if own is None and value._language is None and rule == _XSD_STRING:
            return self._has_value_type(value)
        if rule == _LANG_STRING and value._language:
            return self._has_value_type(value)
        return False


# ---------------------------------------------------------------- value ranges

# rdflib compares literals through general, datatype-aware code; for two well-typed numbers,
# and for two dates of the same datatype, that code comes down to comparing their Python
# values.  Doing just that (same tests, same Python operators) gives rdflib's answers without
# its cost on the common cases; everything else goes through rdflib itself.
_NUMERIC_NAMES = frozenset(map(str, _NUMERIC_LITERAL_TYPES))

# rdflib orders datetimes and times with a "naive before aware" total order; pySHACL
# compares their Python values directly instead, so that mixing the two raises.
_COMPARED_BY_VALUE = (datetime, time)


def _numeric(literal: Literal) -> bool:
    """Whether rdflib's numeric fast path applies: numeric datatype, not ill-typed, a value."""
    datatype = literal._datatype
    return (datatype is not None and str.__str__(datatype) in _NUMERIC_NAMES and not literal._ill_typed
            and literal._value is not None)


def _by_value(first: Literal, second: Literal) -> tuple[bool, bool] | None:
    """(first > second, first == second) where rdflib's answer is its values' answer, else None."""
    if _numeric(first) and _numeric(second):
        return first._value > second._value, first._value == second._value
    if (type(first._value) is date and type(second._value) is date and first._language is None
            and second._language is None and first._datatype is not None and second._datatype is not None
            and str.__eq__(first._datatype, second._datatype)):
        return first._value > second._value, first._value == second._value
    return None


def _compare_literal(first: Literal, second: Literal) -> int:
    """pySHACL's ``compare_literal``: 0, 1 or -1; raises TypeError when rdflib cannot tell."""
    known = _by_value(first, second)
    if known is not None:
        greater, equal = known
        return 0 if equal else 1 if greater else -1
    if first.eq(second):
        return 0
    if first.value.__class__ in _COMPARED_BY_VALUE:
        if first.value == second.value:
            return 0
        if first.value > second.value:
            return 1
    elif first > second:
        return 1
    return -1


class ValueRange:
    """sh:minInclusive and kin: does comparing a value with ``bound`` give what ``accepts`` wants?

    IRIs and blank nodes never pass, nor does a string compared with a non-string; a
    comparison rdflib refuses (an ill-typed literal, a date against a number) fails the value.
    """

    __slots__ = ("_bound", "_accepts", "_string")

    def __init__(self, bound: Literal, accepts) -> None:
        self._bound = bound
        self._accepts = accepts  # e.g. "comparison >= 0" for sh:minInclusive
        self._string = isinstance(bound.value, str)

    def holds(self, value) -> bool:
        if not isinstance(value, Literal) or isinstance(value._value, str) != self._string:
            return False
        try:
            return self._accepts(_compare_literal(value, self._bound))
        except (TypeError, NotImplementedError):
            return False
        except ArithmeticError as error:  # a decimal NaN: pySHACL does not catch it
            raise incomparable_values(error) from None


# ------------------------------------------------------------- property pairs


def pair_operand(term, terms, component: str) -> tuple[bool, object]:
    """What pySHACL compares for sh:lessThan(OrEquals): (is it a string?, the operand).

    IRIs and string-valued literals compare as Python strings, other literals as rdflib
    literals.  A blank node stops the whole validation in pySHACL, even when there is
    nothing to compare it with; kg.validate turns that into a UsageError, and so do we.
    """
    if terms.is_blank(term):
        raise UsageError(f"the SHACL shapes cannot be used: Cannot use sh:{component} to compare a BlankNode.")
    if terms.is_iri(term):
        return True, terms.text(term)
    if isinstance(value := term._value, str):
        return True, value
    return False, term


def less(left, right, or_equal: bool) -> bool:
    """``left < right`` (or ``<=``) as Python evaluates it on rdflib literals or strings.

    rdflib defines ``a < b`` as "not a > b and not a.eq(b)" and ``a <= b`` as "a < b or
    a.eq(b)"; on two well-typed numbers both come down to their values.  On two ill-typed
    literals of one datatype rdflib's ``<=`` answers True when the first sorts first, and
    raises TypeError when it sorts last.
    """
    try:
        known = None if type(left) is str else _by_value(left, right)  # not a string: two literals
        if known is None:
            return left <= right if or_equal else left < right
    except (TypeError, ArithmeticError) as error:  # pySHACL does not catch them either
        raise incomparable_values(error) from None
    greater, equal = known
    return (not greater and not equal) or (or_equal and equal)


def pair_fails(left: tuple[bool, object], right: tuple[bool, object], or_equal: bool) -> bool:
    """Does the pair of :func:`pair_operand` results fail sh:lessThan (or sh:lessThanOrEquals)?

    A string against a non-string always fails.
    """
    (left_is_string, left_operand), (right_is_string, right_operand) = left, right
    if left_is_string != right_is_string:
        return True
    return not less(left_operand, right_operand, or_equal)


# -------------------------------------------------------------------- strings


def string_of(value, terms) -> str:
    """SPARQL ``str()`` as pySHACL computes it: the lexical form of a literal, the text of an IRI."""
    if is_literal(value):
        if value._value is not None and value._datatype in _PLAIN_DATATYPES:
            return str(value._value)
        return str(value)
    return terms.text(value)


def language_in(value, languages: frozenset[str]) -> bool:
    """sh:languageIn as pySHACL matches it: the whole tag or its first subtag, ignoring case.

    Not SPARQL's langMatches: a range "en-us" does not match the tag "en-US-x-twain".
    """
    if not isinstance(value, Literal) or not value._language:
        return False
    if "*" in languages:
        return True
    tag = value._language.lower()
    return tag in languages or tag.split("-")[0] in languages


__all__ = ["DatatypeTest", "ValueRange", "language_in", "less", "pair_fails", "pair_operand", "string_of"]
