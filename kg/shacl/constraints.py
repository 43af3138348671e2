"""One builder per supported SHACL constraint parameter: its values in the shapes graph -> checks.

A check runs once per shape and batch of focus nodes, like pySHACL's constraint components:
``check(view, pairs) -> failures`` takes (focus node, its value nodes) pairs and returns
(focus node, failing value) pairs, the value being None for a result without sh:value (the
counts).  One call per batch rather than per focus node keeps the interpreter's overhead off
the thirty-odd mentions of a record.  Each builder reads and validates its parameter once, at
compile time, and refuses what pySHACL would reject or what the kg engine does not reproduce,
so that the checks themselves only test data.  :data:`BUILDERS` is the whole supported set;
sh:property is wired by the compiler, because its results are the nested shape's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.shacl.semantics import DatatypeTest, ValueRange, language_in, pair_fails, pair_operand, string_of
from kg.shacl.terms import Terms, type_test

# pySHACL's XSD_WHOLE_INTEGERS minus the negative types, which it refuses for sh:minLength.
_LENGTH_TYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.long, XSD.int, XSD.short,
                 XSD.byte, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


@dataclass(frozen=True)
class Constraint:
    """A compiled constraint component of one shape."""

    component: URIRef  # e.g. sh:MinCountConstraintComponent, the report's sh:sourceConstraintComponent
    check: Callable[[Any, list], list]  # (view, [(focus, values)]) -> [(focus, failing value or None)]


class ShapeContext(Protocol):
    """What a builder may ask of the compiler about the shape being compiled."""

    terms: Terms
    is_property_shape: bool

    def refuse(self, problem: str) -> None: ...
    def single(self, values: list, parameter: str): ...
    def iri(self, node, parameter: str) -> URIRef: ...
    def predicate(self, node, parameter: str): ...  # an IRI the checks look up, as a view term
    def items(self, node, parameter: str) -> list: ...
    def nested(self, node): ...  # a shape referenced by sh:or or sh:node, compiled


def _each_value(holds: Callable[[Any], bool]) -> Callable[[Any, list], list]:
    """The check failing every value node for which ``holds(value)`` is false."""
    return lambda view, pairs: [(focus, v) for focus, values in pairs for v in values if not holds(v)]


def _where(context: ShapeContext, parameter: str) -> None:
    if not context.is_property_shape:
        context.refuse(f"{parameter} is allowed on property shapes only")


# ------------------------------------------------------------------ value type


def _class(context: ShapeContext, classes: list) -> list[Constraint]:
    def constraint(cls) -> Constraint:
        return Constraint(SH.ClassConstraintComponent,
                          lambda view, pairs: [(focus, v) for focus, values in pairs for v in values
                                               if not view.has_class(v, cls)])

    # Each sh:class is its own constraint, as in pySHACL: all of them must hold.
    return [constraint(context.terms.constant(context.iri(cls, "sh:class"))) for cls in classes]


def _datatype(context: ShapeContext, values: list) -> list[Constraint]:
    holds = DatatypeTest(context.iri(context.single(values, "sh:datatype"), "sh:datatype")).holds
    return [Constraint(SH.DatatypeConstraintComponent, _each_value(holds))]


def _node_kind(context: ShapeContext, values: list) -> list[Constraint]:
    kind = context.single(values, "sh:nodeKind")
    terms = context.terms
    allowed = {SH.IRI: (terms.iri,), SH.BlankNode: (terms.blank,), SH.Literal: (Literal,),
               SH.BlankNodeOrIRI: (terms.blank, terms.iri), SH.BlankNodeOrLiteral: (terms.blank, Literal),
               SH.IRIOrLiteral: (terms.iri, Literal)}.get(kind)
    if allowed is None:
        context.refuse(f"sh:nodeKind {kind} is not a SHACL node kind")
    return [Constraint(SH.NodeKindConstraintComponent, _each_value(type_test(allowed)))]


# ----------------------------------------------------------------- cardinality


def _count(context: ShapeContext, values: list, parameter: str) -> int:
    _where(context, parameter)
    count = context.single(values, parameter)
    if not (isinstance(count, Literal) and count.datatype == XSD.integer and isinstance(count.value, int)
            and count.value >= 0):
        context.refuse(f"{parameter} must be a non-negative xsd:integer, not {count!r}")
    return count.value


def _min_count(context: ShapeContext, values: list) -> list[Constraint]:
    least = _count(context, values, "sh:minCount")
    if least == 0:
        return []  # always satisfied
    return [Constraint(SH.MinCountConstraintComponent,
                       lambda view, pairs: [(focus, None) for focus, values in pairs if len(values) < least])]


def _max_count(context: ShapeContext, values: list) -> list[Constraint]:
    most = _count(context, values, "sh:maxCount")
    return [Constraint(SH.MaxCountConstraintComponent,
                       lambda view, pairs: [(focus, None) for focus, values in pairs if len(values) > most])]


# ----------------------------------------------------------------- value range


def _range(component: URIRef, parameter: str, accepts: Callable[[int], bool]):
    def build(context: ShapeContext, bounds: list) -> list[Constraint]:
        def constraint(bound: Literal) -> Constraint:
            return Constraint(component, _each_value(ValueRange(bound, accepts).holds))

        for bound in bounds:
            if not isinstance(bound, Literal):
                context.refuse(f"{parameter} must be a literal, not {bound}")
        return [constraint(bound) for bound in bounds]

    return build


# -------------------------------------------------------------------- strings


def _min_length(context: ShapeContext, values: list) -> list[Constraint]:
    length = context.single(values, "sh:minLength")
    if not (isinstance(length, Literal) and length.datatype in _LENGTH_TYPES and not length.ill_typed
            and length.value >= 0):
        context.refuse(f"sh:minLength must be a non-negative integer literal, not {length!r}")
    least, terms = length.value, context.terms
    if least == 0:
        return []  # always satisfied, even by a blank node
    return [Constraint(SH.MinLengthConstraintComponent,
                       _each_value(lambda v: not terms.is_blank(v) and len(string_of(v, terms)) >= least))]


def _pattern(context: ShapeContext, patterns: list) -> list[Constraint]:
    terms = context.terms

    def constraint(pattern: Literal) -> Constraint:
        # pySHACL's choice of text, and Python's re rather than XPath regular expressions.
        text = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
        try:
            regex = re.compile(text)
        except re.error as error:
            context.refuse(f"sh:pattern {text!r} is not a regular expression: {error}")
        return Constraint(SH.PatternConstraintComponent,
                          _each_value(lambda v: not terms.is_blank(v) and regex.search(string_of(v, terms))))

    for pattern in patterns:
        if not isinstance(pattern, Literal):
            context.refuse(f"sh:pattern must be a literal, not {pattern}")
    return [constraint(pattern) for pattern in patterns]


def _language_in(context: ShapeContext, values: list) -> list[Constraint]:
    tags = context.items(context.single(values, "sh:languageIn"), "sh:languageIn")
    if not all(isinstance(tag, Literal) and isinstance(tag.value, str) for tag in tags):
        context.refuse("sh:languageIn must list string literals")
    languages = frozenset(str(tag.value).lower() for tag in tags)
    return [Constraint(SH.LanguageInConstraintComponent, _each_value(lambda v: language_in(v, languages)))]


# ---------------------------------------------------------------------- other


def _in(context: ShapeContext, values: list) -> list[Constraint]:
    # Term equality as rdflib defines it: "1"^^xsd:integer is not 1.0, "a" is not "a"^^xsd:string.
    members = frozenset(map(context.terms.constant, context.items(context.single(values, "sh:in"), "sh:in")))
    return [Constraint(SH.InConstraintComponent, _each_value(members.__contains__))]


def _pair(component: URIRef, name: str, or_equal: bool):
    def build(context: ShapeContext, predicates: list) -> list[Constraint]:
        _where(context, f"sh:{name}")
        terms = context.terms

        def constraint(predicate) -> Constraint:
            def check(view, pairs) -> list:
                failing = []
                for focus, values in pairs:
                    others = view.values(focus, predicate)
                    for value in values:
                        left = pair_operand(value, terms, name)  # raises for a blank node, compared or not
                        failing.extend((focus, value) for other in others
                                       if pair_fails(left, pair_operand(other, terms, name), or_equal))
                return failing

            return Constraint(component, check)

        return [constraint(context.predicate(p, f"sh:{name}")) for p in predicates]

    return build


def _or(context: ShapeContext, lists: list) -> list[Constraint]:
    def constraint(members: list) -> Constraint:
        def check(view, pairs) -> list:
            nodes = [v for _, values in pairs for v in values]
            # Every member is evaluated, as in pySHACL, so a member that raises always does.
            failed_all = set.intersection(*[member.failing(view, nodes) for member in members])
            return [(focus, v) for focus, values in pairs for v in values if v in failed_all]

        return Constraint(SH.OrConstraintComponent, check)

    compiled = []
    for shapes in lists:
        members = context.items(shapes, "sh:or")
        if not members:
            context.refuse("sh:or needs a non-empty list of shapes")
        compiled.append(constraint([context.nested(member) for member in members]))
    return compiled


def _node(context: ShapeContext, shapes: list) -> list[Constraint]:
    def constraint(shape) -> Constraint:
        def check(view, pairs) -> list:
            failed = shape.failing(view, [v for _, values in pairs for v in values])
            return [(focus, v) for focus, values in pairs for v in values if v in failed]

        return Constraint(SH.NodeConstraintComponent, check)

    return [constraint(context.nested(shape)) for shape in shapes]


BUILDERS: dict[URIRef, Callable[[ShapeContext, list], list[Constraint]]] = {
    SH["class"]: _class,
    SH.datatype: _datatype,
    SH.nodeKind: _node_kind,
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH.minInclusive: _range(SH.MinInclusiveConstraintComponent, "sh:minInclusive", lambda c: c >= 0),
    SH.maxInclusive: _range(SH.MaxInclusiveConstraintComponent, "sh:maxInclusive", lambda c: c <= 0),
    SH.minLength: _min_length,
    SH.pattern: _pattern,
    SH.languageIn: _language_in,
    SH["in"]: _in,
    SH.lessThan: _pair(SH.LessThanConstraintComponent, "lessThan", or_equal=False),
    SH.lessThanOrEquals: _pair(SH.LessThanOrEqualsConstraintComponent, "lessThanOrEquals", or_equal=True),
    SH["or"]: _or,
    SH.node: _node,
}
"""The supported constraint parameters; any other SHACL parameter makes the compiler refuse the shapes."""

__all__ = ["BUILDERS", "Constraint", "ShapeContext"]
