"""``validation.ttl``: the SHACL validation report of a build, with IRIs instead of blank nodes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from kg.publish.dumps import graph_lines, write_turtle
from kg.vocab import RDF, SH, IriMinter, bind_prefixes


def write_validation_report(outcomes: Iterable, target: Path, *, minter: IriMinter,
                            graph_violations: Iterable = ()) -> Path:
    """Write every record's violations, and those of the merged graph, as one ``sh:ValidationReport``;
    results keyed by content."""
    graph = Graph()
    bind_prefixes(graph, minter.base)
    report = URIRef(minter.base + "validation/report")
    graph.add((report, RDF.type, SH.ValidationReport))
    violations = [v for outcome in outcomes for v in outcome.violations] + list(graph_violations)
    graph.add((report, SH.conforms, Literal(not violations)))
    for violation in violations:
        key = "|".join(str(part) for part in (violation.focus_node, violation.path, violation.message, violation.value))
        result = URIRef(minter.base + "validation/result/" + hashlib.sha256(key.encode()).hexdigest()[:16])
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, violation.focus_node))
        graph.add((result, SH.resultMessage, Literal(violation.message)))
        graph.add((result, SH.resultSeverity, URIRef(str(SH) + violation.severity)))  # sh:Violation, sh:Warning...
        for predicate, term in ((SH.resultPath, violation.path), (SH.value, violation.value),
                                (SH.sourceShape, violation.shape)):
            if term is not None and not isinstance(term, BNode):
                graph.add((result, predicate, term))
    write_turtle(graph_lines(graph), target, base=minter.base)
    return target
