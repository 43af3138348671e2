"""Compile a SHACL shapes graph into a :class:`~kg.shacl.program.Program`, or refuse it.

The kg engine implements the part of SHACL Core that kg's shapes use (see
:data:`~kg.shacl.constraints.BUILDERS`).  A shapes graph that uses anything else - another
constraint component, a property path other than a single IRI, SPARQL, sh:deactivated,
sh:targetNode, implicit class targets, a severity other than sh:Violation/Warning/Info, a
result message left to pySHACL's defaults - raises :class:`~kg.errors.UsageError` naming the
feature and the shape, so the engine can never quietly check less than the shapes say.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.errors import UsageError
from kg.shacl.constraints import BUILDERS
from kg.shacl.program import Program, Shape, Targets
from kg.shacl.terms import RDFLIB, Terms
from kg.validate import compact

_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# Read by the compiler or ignored by validation in pySHACL as well (names, groups, order).
_STRUCTURE = {SH.property, SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}
SUPPORTED = frozenset(BUILDERS) | frozenset(_TARGETS) | _STRUCTURE
"""Every sh: predicate a shapes graph may use with the kg engine."""

_SHAPE_TYPES = frozenset({SH.NodeShape, SH.PropertyShape})
_SEVERITIES = frozenset({SH.Violation, SH.Warning, SH.Info})
# pySHACL treats the subjects of these, the values of sh:property and sh:node and the members of sh:or as shapes.
_SHAPE_SUBJECT_OF = (*_TARGETS, SH.property)


def compile_shapes(shapes: Graph, terms: Terms = RDFLIB) -> Program:
    """The program that validates graphs whose terms are ``terms`` against ``shapes``."""
    _refuse_unsupported_vocabulary(shapes)
    compiler = _Compiler(shapes, terms)
    targeted = sorted({s for target in _TARGETS for s in shapes.subjects(target, None)}, key=str)
    top_level = tuple(compiler.top_level(node) for node in targeted)
    program = Program(top_level, terms, frozenset(compiler.predicates))
    compiler.require_messages(program.shapes)
    return program


def _is_shacl(term) -> bool:
    return isinstance(term, URIRef) and term.startswith(str(SH))


def _refuse_unsupported_vocabulary(shapes: Graph) -> None:
    """Any SHACL term outside the subset, anywhere in the graph (a SPARQL constraint, a complex path...)."""
    for subject, predicate, obj in shapes:
        if _is_shacl(predicate) and predicate not in SUPPORTED:
            _refuse(shapes, subject, f"{compact(predicate)} is not supported by the kg engine")
        if predicate == RDF.type and _is_shacl(obj) and obj not in _SHAPE_TYPES:
            _refuse(shapes, subject, f"{compact(obj)} is not supported by the kg engine")
    shape_nodes = {s for s in shapes.subjects(RDF.type, None) if set(shapes.objects(s, RDF.type)) & _SHAPE_TYPES}
    shape_nodes |= {s for p in _SHAPE_SUBJECT_OF for s in shapes.subjects(p, None)}
    shape_nodes |= set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.node))
    shape_nodes |= {member for members in shapes.objects(None, SH["or"]) for member in shapes.items(members)}
    for node in shape_nodes:
        for kind in set(shapes.objects(node, RDF.type)) - _SHAPE_TYPES:
            # A shape that is also a class targets its instances implicitly (not supported).
            _refuse(shapes, node, f"a shape typed {compact(kind)} is not supported by the kg engine")


def _refuse(shapes: Graph, node, problem: str):
    raise UsageError(f"the SHACL shapes cannot be compiled for the kg engine: {_describe(shapes, node)}: {problem}")


def _describe(shapes: Graph, node) -> str:
    """The node, or for a blank node the named shape it belongs to."""
    seen = set()
    current = node
    while not isinstance(current, URIRef) and current not in seen:
        seen.add(current)
        parent = next(shapes.subjects(None, current), None)
        if parent is None:
            return "a blank node"
        current = parent
    return compact(current) if current is node else f"a blank node in {compact(current)}"


class _Compiler:
    def __init__(self, shapes: Graph, terms: Terms) -> None:
        self.graph = shapes
        self.terms = terms
        self._compiled: dict = {}
        self._open: set = set()  # shapes being compiled: reaching one again is recursion
        # Every predicate the program looks up (views use rdf:type and rdfs:subClassOf).
        self.predicates = {terms.constant(RDF.type), terms.constant(RDFS.subClassOf)}

    def predicate(self, iri: URIRef):
        constant = self.terms.constant(iri)
        self.predicates.add(constant)
        return constant

    def top_level(self, node) -> Shape:
        shape = self.shape(node)
        shape.targets = Targets(classes=tuple(map(self.terms.constant, self._target_iris(node, SH.targetClass))),
                                subjects_of=tuple(map(self.predicate, self._target_iris(node, SH.targetSubjectsOf))),
                                objects_of=tuple(map(self.predicate, self._target_iris(node, SH.targetObjectsOf))))
        return shape

    def _target_iris(self, node, target) -> list[URIRef]:
        values = list(self.graph.objects(node, target))
        for value in values:
            if not isinstance(value, URIRef):
                _refuse(self.graph, node, f"{compact(target)} must name an IRI, not {value!r}")
        return values

    def shape(self, node) -> Shape:
        shape = self._compiled.get(node)
        if shape is not None:
            return shape
        if node in self._open:
            _refuse(self.graph, node, "recursive shapes are not supported by the kg engine")
        self._open.add(node)
        shape = self._compiled[node] = self._build(node)
        self._open.discard(node)
        return shape

    def _build(self, node) -> Shape:
        graph = self.graph
        path = self._path(node)
        context = _Context(self, node, is_property_shape=path is not None)
        severity = context.single(list(graph.objects(node, SH.severity)) or [SH.Violation], "sh:severity")
        if severity not in _SEVERITIES:
            context.refuse(f"sh:severity {compact(severity)} is not supported by the kg engine")
        messages = tuple(graph.objects(node, SH.message))
        if not all(isinstance(m, Literal) for m in messages):
            context.refuse("sh:message must be a literal")
        shape = Shape(node, path=None if path is None else self.predicate(path), report_path=path,
                      severity=severity, messages=messages)
        shape.constraints = tuple(constraint for parameter, build in BUILDERS.items()
                                  if (values := list(graph.objects(node, parameter)))
                                  for constraint in build(context, values))
        shape.properties = tuple(self._property(node, p) for p in graph.objects(node, SH.property))
        return shape

    def _path(self, node) -> URIRef | None:
        paths = list(self.graph.objects(node, SH.path))
        kinds = set(self.graph.objects(node, RDF.type))
        if len(paths) > 1:
            _refuse(self.graph, node, "a shape has at most one sh:path")
        if paths and not isinstance(paths[0], URIRef):
            _refuse(self.graph, node, "sh:path must be a single predicate IRI: the kg engine supports no complex paths")
        if paths and SH.NodeShape in kinds:
            _refuse(self.graph, node, "a sh:NodeShape cannot have a sh:path")
        if not paths and SH.PropertyShape in kinds:
            _refuse(self.graph, node, "a sh:PropertyShape needs a sh:path")
        return paths[0] if paths else None

    def _property(self, node, value) -> Shape:
        shape = self.shape(value)
        if shape.path is None:
            _refuse(self.graph, node, f"sh:property {compact(value)} is not a property shape (no sh:path)")
        return shape

    def require_messages(self, top_level: tuple[Shape, ...]) -> None:
        """Every shape whose results reach the report states its message.

        pySHACL's default messages ("Less than 1 values on ...") render nodes with the data
        graph's prefixes; the kg engine does not imitate them.  Results of shapes inside
        sh:or never reach the report, so those need no message.
        """
        todo, seen = list(top_level), set()
        while todo:
            shape = todo.pop()
            if shape.node in seen:
                continue
            seen.add(shape.node)
            if shape.constraints and not shape.messages:
                _refuse(self.graph, shape.node, "a shape that reports results needs a sh:message for the kg engine")
            todo.extend(shape.properties)


class _Context:
    """What a constraint builder may ask about the shape being compiled (kg.shacl.constraints.ShapeContext)."""

    def __init__(self, compiler: _Compiler, node, *, is_property_shape: bool) -> None:
        self._compiler = compiler
        self._node = node
        self.terms = compiler.terms
        self.is_property_shape = is_property_shape

    def refuse(self, problem: str):
        _refuse(self._compiler.graph, self._node, problem)

    def single(self, values: list, parameter: str):
        if len(values) != 1:
            self.refuse(f"a shape has at most one {parameter}")
        return values[0]

    def iri(self, node, parameter: str) -> URIRef:
        if not isinstance(node, URIRef):
            self.refuse(f"{parameter} must be an IRI, not {node!r}")
        return node

    def items(self, node, parameter: str) -> list:
        if (node, RDF.first, None) not in self._compiler.graph and node != RDF.nil:
            self.refuse(f"{parameter} must be an RDF list")
        return list(self._compiler.graph.items(node))

    def predicate(self, node, parameter: str):
        return self._compiler.predicate(self.iri(node, parameter))

    def nested(self, node) -> Shape:
        return self._compiler.shape(node)


__all__ = ["SUPPORTED", "compile_shapes"]
