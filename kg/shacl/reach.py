"""How far from a focus node a shapes graph reads: what an incremental check must look at again.

A focus node's results depend on its own triples, and, through sh:class, sh:node, sh:or and
nested sh:property on the values of a path, on the triples of nodes some steps away.  With the
single-IRI paths the kg engine supports, those nodes are at most :func:`reach` steps along
triples from the focus node; a change to the triples of a node can therefore only change the
results of nodes within that many steps before it (kg/scale/recheck.py).  A triple also
matters to its object when a shape targets the objects of its predicate
(:func:`object_targets`): it can make the object a focus node.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SH


def reach(shapes: Graph) -> int | None:
    """The most steps from a focus node to a node whose triples the shapes read (0: its own only).

    ``None`` when the shapes refer to themselves (sh:node of a shape within itself), or read a
    path other than a single predicate (an inverse path reads the triples naming a node): then
    there is no bound.
    """
    if any(not isinstance(path, URIRef) for path in shapes.objects(None, SH.path)):
        return None
    known: dict = {}

    def of(shape, visiting: frozenset) -> int | None:
        if shape in visiting:
            return None
        if shape not in known:
            inside = visiting | {shape}
            # The values of a property shape are one step from the node it is evaluated on.
            step = 1 if shapes.value(shape, SH.path) is not None else 0
            found = [step if shapes.value(shape, SH["class"]) is not None else 0]  # the value's rdf:type
            nested = list(shapes.objects(shape, SH.node)) + list(shapes.objects(shape, SH.property))
            for members in shapes.objects(shape, SH["or"]):
                nested += list(shapes.items(members))
            for inner in nested:
                depth = of(inner, inside)
                if depth is None:
                    return None
                found.append(step + depth)
            known[shape] = max(found)
        return known[shape]

    targeted = {s for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
                for s in shapes.subjects(target, None)}
    depths = [of(shape, frozenset()) for shape in sorted(targeted, key=str)]
    return None if None in depths else max(depths, default=0)


def object_targets(shapes: Graph) -> frozenset[str]:
    """The predicates whose objects the shapes target (sh:targetObjectsOf), in N-Triples form."""
    return frozenset(f"<{predicate}>" for predicate in shapes.objects(None, SH.targetObjectsOf))


__all__ = ["object_targets", "reach"]
