"""A compiled shapes graph and its evaluation: shapes -> focus nodes -> value nodes -> checks.

The evaluation follows pySHACL's: each shape with targets is evaluated on each of its focus
nodes; a node shape's value node is the focus node itself, a property shape's are the values
of its path; every constraint reports its failing value nodes; sh:property evaluates the
nested shape on each value node and passes its results up unchanged; sh:or asks whether a
value node conforms to a member, i.e. whether evaluating the member gives no results, and
sh:node whether it conforms to the one shape named.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Sequence, Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, NamedTuple

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.shacl.constraints import Constraint
from kg.shacl.terms import Terms
from kg.shacl.views import GraphView
from kg.validate import Violation, choose_message, compact, ordered_violations

_BATCH = 1024  # focus nodes evaluated together: the checks' loops run in comprehensions


@dataclass(frozen=True)
class Targets:
    """A shape's sh:targetClass, sh:targetSubjectsOf and sh:targetObjectsOf, as view terms."""

    classes: tuple = ()
    subjects_of: tuple = ()
    objects_of: tuple = ()

    def focus_nodes(self, view: GraphView) -> Iterable:
        found = [view.instances(cls) for cls in self.classes]
        found += [view.subjects_of(predicate) for predicate in self.subjects_of]
        found += [view.objects_of(predicate) for predicate in self.objects_of]
        return view.distinct(chain.from_iterable(found))


class Shape:
    """One node or property shape, with what a violation of it says."""

    __slots__ = ("node", "path", "report_path", "severity", "messages", "constraints", "properties", "targets",
                 "path_text", "message", "severity_name")

    def __init__(self, node: Node, *, path=None, report_path: URIRef | None = None, severity: URIRef,
                 messages: tuple[Literal, ...] = ()) -> None:
        self.node = node  # the shape in the shapes graph (an IRI names the rule; a blank node does not)
        self.path = path  # the predicate as a view term; None for a node shape
        self.report_path = report_path  # the same predicate as rdflib's URIRef
        self.severity = severity
        self.messages = messages  # all of them go into the report graph
        self.constraints: tuple[Constraint, ...] = ()
        self.properties: tuple[Shape, ...] = ()  # sh:property
        self.targets = Targets()
        # What each Violation of this shape says.
        self.path_text = compact(report_path)
        self.message = choose_message(messages)
        self.severity_name = str(severity).rpartition("#")[2]

    def _pairs(self, view: GraphView, focus_nodes: Sequence) -> list[tuple]:
        """(focus node, value nodes) for each focus node; a node shape's value node is the focus node."""
        if self.path is None:
            return [(focus, (focus,)) for focus in focus_nodes]
        return view.value_pairs(focus_nodes, self.path)

    def results(self, view: GraphView, focus_nodes: Sequence) -> list[Result]:
        """The results of this shape for a batch of focus nodes."""
        pairs = self._pairs(view, focus_nodes)
        found = [Result(self, constraint.component, focus, value)
                 for constraint in self.constraints for focus, value in constraint.check(view, pairs)]
        if self.properties:
            value_nodes = [value for _, values in pairs for value in values]
            for prop in self.properties:
                found += prop.results(view, value_nodes)
        return found

    def failing(self, view: GraphView, nodes: Sequence) -> set:
        """Which of ``nodes`` do not conform, i.e. would give results (what sh:or asks of its members).

        The same evaluation as :meth:`results`, keeping only whether each node failed.
        """
        pairs = self._pairs(view, nodes)
        failed = {focus for constraint in self.constraints for focus, _ in constraint.check(view, pairs)}
        if self.properties:
            value_nodes = [value for _, values in pairs for value in values]
            failed_values = set().union(*(prop.failing(view, value_nodes) for prop in self.properties))
            failed.update(focus for focus, values in pairs if any(v in failed_values for v in values))
        return failed


class Result(NamedTuple):
    shape: Shape
    component: URIRef
    focus: Any  # a view term
    value: Any  # a view term, or None


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while indexes are built and checked.

    An index is thousands of dictionaries and lists made in a burst, and the collector would
    walk every object of the process again after each few hundred of them: a quarter of the
    time of validating a record.  Indexes hold no reference cycles, so nothing waits for the
    collector meanwhile; it runs as usual afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True)
class Program:
    """The shapes with targets of one shapes graph, compiled for one family of terms."""

    shapes: tuple[Shape, ...]
    terms: Terms
    predicates: frozenset  # all the program ever looks up: a view may leave out other triples

    def results(self, view: GraphView, focus: AbstractSet | None = None) -> list[Result]:
        """The results of every shape on the view; only on the focus nodes in ``focus`` (view
        terms), when given."""
        if view.terms is not self.terms:
            raise ValueError(f"this program reads {self.terms.name} terms, the view holds {view.terms.name} terms")
        found: list[Result] = []
        with collection_paused():
            for part in view.parts():
                for shape in self.shapes:
                    focus_nodes = iter(shape.targets.focus_nodes(part))
                    if focus is not None:
                        focus_nodes = filter(focus.__contains__, focus_nodes)
                    while batch := list(islice(focus_nodes, _BATCH)):
                        found += shape.results(part, batch)
        return found

    def violations(self, view: GraphView) -> tuple[Violation, ...]:
        """The de-duplicated, sorted violations of the view's graph (see kg.validate.ordered_violations)."""
        return ordered_violations(self.violation(result) for result in self.results(view))

    def violation(self, result: Result) -> Violation:
        shape, to_rdflib = result.shape, self.terms.to_rdflib
        return Violation(focus_node=to_rdflib(result.focus), path=shape.report_path, message=shape.message,
                         severity=shape.severity_name, shape=shape.node,
                         value=None if result.value is None else to_rdflib(result.value), path_text=shape.path_text)


__all__ = ["Program", "Result", "Shape", "Targets", "collection_paused"]
