"""A :class:`~kg.validate.Report` from a program's results, with a real sh:ValidationReport graph.

The graph holds what pySHACL's holds for each result and what kg reads back
(:func:`kg.validate.report_from_graph` gives the same violations): focus node, path, value,
severity, source shape and component, and every sh:message of the shape.  Unlike pySHACL it
lists a repeated result once and does not copy the description of blank-node focus nodes.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from kg.shacl.program import Program, Result
from kg.shacl.views import GraphView
from kg.validate import SHAPES_NS, Report, Violation, ordered_violations


def build_report(program: Program, view: GraphView, focus: AbstractSet | None = None) -> Report:
    """Evaluate ``program`` on ``view`` (on the focus nodes in ``focus`` only, when given) into a Report."""
    result_of: dict[Violation, Result] = {}
    for result in program.results(view, focus):
        result_of.setdefault(program.violation(result), result)
    violations = ordered_violations(result_of)
    graph = _report_graph([(violation, result_of[violation]) for violation in violations])
    return Report(conforms=not violations, violations=violations, report_graph=graph)


def _report_graph(results: list[tuple[Violation, Result]]) -> Graph:
    # Binding rdflib's thirty default prefixes would cost more than validating a record.
    graph = Graph(bind_namespaces="none")
    graph.bind("sh", str(SH))
    graph.bind("kgsh", SHAPES_NS)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not results)))
    for violation, result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        for predicate, term in ((RDF.type, SH.ValidationResult), (SH.focusNode, violation.focus_node),
                                (SH.resultPath, violation.path), (SH.value, violation.value),
                                (SH.resultSeverity, result.shape.severity), (SH.sourceShape, violation.shape),
                                (SH.sourceConstraintComponent, result.component)):
            if term is not None:
                graph.add((node, predicate, term))
        for message in result.shape.messages:
            graph.add((node, SH.resultMessage, message))
    return graph


__all__ = ["build_report"]
