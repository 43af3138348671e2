"""Graph comparison for tests: isomorphism, with the differing triples shown on failure."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    iso_expected, iso_actual = to_isomorphic(expected), to_isomorphic(actual)
    if iso_expected == iso_actual:
        return
    _, only_expected, only_actual = graph_diff(iso_expected, iso_actual)
    lines = ["graphs differ"]
    lines += [f"  only in expected: {t}" for t in sorted(only_expected.serialize(format="nt").splitlines()) if t]
    lines += [f"  only in actual:   {t}" for t in sorted(only_actual.serialize(format="nt").splitlines()) if t]
    raise AssertionError("\n".join(lines))


def ask(graph: Graph, query: str) -> bool:
    """Run a SPARQL ASK with kg's prefixes declared."""
    from kg.vocab import PREFIXES

    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return bool(graph.query(header + query).askAnswer)
