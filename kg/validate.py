"""Validate a graph against kg's SHACL shapes (``shapes/*.ttl``) and explain the result.

The shapes are the executable form of docs/model.md.  :func:`validate` runs
them with pySHACL (the reference implementation), with ``engine="kg"`` (kg's own
engine, :mod:`kg.shacl`: the shapes compiled to Python checks, exact to pySHACL
and some thirty times faster on a record) or with ``engine="turbo"``
(pyshacl-turbo, a native engine) and returns the same :class:`Report` either
way: the raw SHACL report graph plus one :class:`Violation` per result, sorted so
that two runs print the same lines.

Data problems are *returned* (``Report.conforms`` is False); only problems
with the call itself raise :class:`kg.errors.UsageError`: an unknown engine,
a missing or unparseable file, shapes that are not valid SHACL.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.assets import asset_dir
from kg.errors import UsageError
from kg.vocab import PREFIXES

SHAPES_NS = "https://kg.example.org/ns/shapes#"
"""Namespace of the shapes themselves (``kgsh:``), so reports can name the rule that failed."""

ENGINES = ("kg", "pyshacl", "turbo")

# File extension -> rdflib parser name.  Only formats a build can emit or a
# person is likely to hand us; anything else is refused with the list.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}

_QUAD_FORMATS = {"trig", "nquads", "json-ld"}

# Longest namespace first, so kind: wins over a shorter prefix of the same IRI.
_COMPACT = sorted(
    {**PREFIXES, "kgsh": SHAPES_NS, "sh": str(SH)}.items(), key=lambda kv: -len(kv[1])
)
# Renders literal datatypes as xsd:date etc.
_LITERALS = Graph(bind_namespaces="none").namespace_manager
for _prefix, _namespace in PREFIXES.items():
    _LITERALS.bind(_prefix, _namespace)


# --------------------------------------------------------------------- report


def compact(node: Node | None) -> str:
    """A short, stable rendering: prefixed name when a kg prefix fits, else N-Triples form."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _compact_iri(str(node))
    if isinstance(node, Literal):
        return node.n3(_LITERALS)
    return node.n3()


@functools.lru_cache(maxsize=4096)
def _compact_iri(text: str) -> str:
    # Cached: sorting a report renders the same shapes, paths and nodes again and again.
    for prefix, namespace in _COMPACT:
        local = text[len(namespace) :]
        # Only compact when the local part is a plain name; "id/doc/1"-like
        # remainders would read as a prefixed name but not parse as one.
        if (
            text.startswith(namespace)
            and local
            and not local.endswith(".")
            and all(c.isalnum() or c in "_-." for c in local)
        ):
            return f"{prefix}:{local}"
    return f"<{text}>"


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, in terms a person can act on."""

    focus_node: Node
    path: Node | None  # a property IRI, or None for a check on the node itself
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: Node | None  # the shape that failed, e.g. kgsh:Document-title
    value: Node | None  # the offending value, when there is one
    path_text: str = ""  # the path rendered, also for complex (blank-node) paths

    def sentence(self) -> str:
        """``<focus>: path: message`` with kg's prefixes, plus the offending value if any."""
        parts = [compact(self.focus_node)]
        if self.path_text:
            parts.append(self.path_text)
        text = ": ".join(parts) + ": "
        if self.severity != "Violation":
            text += f"({self.severity.lower()}) "
        text += self.message
        if self.value is not None and self.value != self.focus_node:
            text += f" [value: {compact(self.value)}]"
        return text

    def sort_key(self) -> tuple[str, ...]:
        return (
            compact(self.focus_node),
            self.path_text,
            self.message,
            compact(self.value),
            self.severity,
            compact(self.shape),
        )


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: conforms, the results, and the raw SHACL report."""

    conforms: bool
    violations: tuple[Violation, ...]
    report_graph: Graph

    def sentences(self) -> tuple[str, ...]:
        return tuple(v.sentence() for v in self.violations)

    def text(self) -> str:
        """All sentences, one per line; empty when the graph conforms."""
        return "\n".join(self.sentences())


def render_path(graph: Graph, path: Node | None) -> str:
    """SPARQL property-path syntax for a SHACL path, which may be a blank-node structure."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return compact(path)
    if (path, RDF.first, None) in graph:
        return "/".join(render_path(graph, p) for p in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(render_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(render_path(graph, p) for p in Collection(graph, alternatives)) + ")"
    return compact(path)


def choose_message(messages: Iterable[Node]) -> str:
    """The message a Violation shows: untagged or English first when a shape gives several languages."""
    ordered = sorted(messages, key=lambda m: (getattr(m, "language", None) not in (None, "en"), str(m)))
    return str(ordered[0]) if ordered else "(no message)"


def ordered_violations(violations: Iterable[Violation]) -> tuple[Violation, ...]:
    """Without repeats, in sentence order.

    An engine may repeat a result (a node reached through two targets, two sh:class rules
    failing on the same value); a Report lists it once.
    """
    unique = {v.sort_key(): v for v in violations}
    return tuple(unique[key] for key in sorted(unique))


def report_from_graph(conforms: bool, report_graph: Graph) -> Report:
    """Read a SHACL validation report graph (from either engine) into a :class:`Report`."""
    violations = []
    # The report's own results: pySHACL adds the results of the shape a sh:node value failed
    # as sh:detail of the sh:node result, and those are why, not results of their own.
    for result in set(report_graph.objects(None, SH.result)):
        path = report_graph.value(result, SH.resultPath)
        severity = report_graph.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus_node=report_graph.value(result, SH.focusNode),
                path=path,
                message=choose_message(report_graph.objects(result, SH.resultMessage)),
                severity=str(severity).rpartition("#")[2] if severity else "Violation",
                shape=report_graph.value(result, SH.sourceShape),
                value=report_graph.value(result, SH.value),
                path_text=render_path(report_graph, path),
            )
        )
    return Report(conforms=conforms, violations=ordered_violations(violations), report_graph=report_graph)


# --------------------------------------------------------------------- shapes


@functools.lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """All of kg's bundled shapes (``shapes/*.ttl``) in one graph; parsed once per process.

    The graph is shared: callers must not modify it.
    """
    graph = Graph()
    for path in sorted(asset_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("kgsh", SHAPES_NS)
    return graph


@functools.lru_cache(maxsize=1)
def _compiled_bundled():
    # Compiling turns the shapes into the native engine's program; doing it once
    # for the bundled shapes makes repeated validations (tests, watch mode) cheap.
    # A caller's own shapes graph may change between calls, so it is not cached.
    return _compile(load_shapes())


def _compile(shapes: Graph):
    import pyshacl_turbo

    try:
        return pyshacl_turbo.compile_shapes(shapes)
    except pyshacl_turbo.ValidationFailure as error:
        raise UsageError(f"the SHACL shapes cannot be compiled: {error}") from None


# ------------------------------------------------------------------ validate


def validate(
    data: Graph | str | Path, *, shapes: Graph | None = None, engine: str = "pyshacl"
) -> Report:
    """Validate ``data`` (a graph, or the path of an RDF file) against kg's shapes.

    ``shapes`` replaces the bundled shapes (e.g. a single shape under test).
    ``engine`` is "pyshacl" (reference), "kg" (:mod:`kg.shacl`, which refuses shapes using
    SHACL features it does not implement) or "turbo" (pyshacl-turbo, ``pip install kg[fast]``).
    No inference is run: the data must state the types the shapes rely on.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}; use one of: {', '.join(ENGINES)}")
    graph = data if isinstance(data, Graph) else parse_files([data])
    if engine == "kg":
        from kg.shacl import validate_graph

        return validate_graph(graph, shapes)
    if engine == "turbo":
        conforms, report_graph = _run_turbo(graph, shapes)
    else:
        conforms, report_graph = _run_pyshacl(graph, load_shapes() if shapes is None else shapes)
    for prefix, namespace in PREFIXES.items():
        report_graph.bind(prefix, namespace)
    return report_from_graph(bool(conforms), report_graph)


def _run_pyshacl(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    # pySHACL adds a few RDFS/OWL triples to the shapes graph it is given;
    # hand it a copy so the cached bundled shapes stay as parsed.
    shapes_copy = Graph()
    shapes_copy += shapes
    try:
        conforms, report_graph, _ = pyshacl.validate(
            graph, shacl_graph=shapes_copy, inference="none", advanced=False, allow_warnings=False
        )
    except ReportableRuntimeError as error:
        # pySHACL raises this for unusable shapes, and for a blank node given to sh:lessThan.
        raise UsageError(f"the SHACL shapes cannot be used: {error.message}") from None
    except (TypeError, ArithmeticError) as error:
        raise incomparable_values(error) from None
    return conforms, report_graph


def incomparable_values(error: Exception) -> UsageError:
    """What kg reports when pySHACL's comparison of two values raises rather than fails.

    rdflib cannot order some pairs of literals (two ill-typed dates in the wrong lexical
    order for sh:lessThanOrEquals, a decimal NaN against a bound) and pySHACL lets its error
    through; the kg engine stops on the same data with the same message.
    """
    return UsageError(f"the data cannot be validated: two values cannot be compared ({type(error).__name__}: {error})")


def _run_turbo(graph: Graph, shapes: Graph | None) -> tuple[bool, Graph]:
    try:
        import pyshacl_turbo
    except ImportError:
        raise UsageError(
            "engine 'turbo' needs pyshacl-turbo: pip install 'kg[fast]', or use engine 'pyshacl'"
        ) from None
    program = _compiled_bundled() if shapes is None else _compile(shapes)
    try:
        conforms, report_graph, _ = program.validate(graph)
    except pyshacl_turbo.ValidationFailure as error:
        raise UsageError(f"the SHACL shapes cannot be used: {error}") from None
    return conforms, report_graph


# ---------------------------------------------------------------------- files


def rdf_format(path: Path) -> str:
    """The rdflib parser for ``path``, from its extension; UsageError if unknown."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(RDF_FORMATS))
        raise UsageError(
            f"{path}: cannot tell the RDF format from the extension {path.suffix!r} (known: {known})"
        )
    return fmt


def parse_files(paths: Iterable[str | Path]) -> Graph:
    """The union of the triples of all ``paths`` (named graphs included) as one graph."""
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace)
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        fmt = rdf_format(path)
        # Formats that can hold named graphs are read into a Dataset and merged:
        # SHACL validates one graph.  The others go straight into a Graph, which
        # is faster and avoids rdflib's Dataset deprecation noise.
        target = Dataset() if fmt in _QUAD_FORMATS else Graph()
        try:
            target.parse(path, format=fmt)
        except Exception as error:  # rdflib's parsers raise many unrelated types
            detail = " ".join(str(error).split()) or type(error).__name__
            raise UsageError(f"{path}: not valid {fmt}: {detail}") from None
        if isinstance(target, Dataset):
            for s, p, o, _ in target.quads((None, None, None, None)):
                union.add((s, p, o))
        else:
            union += target
    return union


def validate_files(
    paths: Iterable[str | Path], *, shapes: Graph | None = None, engine: str = "pyshacl"
) -> Report:
    """Parse RDF files (format from the extension) and validate their union."""
    paths = list(paths)
    if not paths:
        raise UsageError("no files to validate")
    return validate(parse_files(paths), shapes=shapes, engine=engine)


__all__ = [
    "ENGINES",
    "RDF_FORMATS",
    "SHAPES_NS",
    "Report",
    "Violation",
    "choose_message",
    "compact",
    "load_shapes",
    "ordered_violations",
    "parse_files",
    "rdf_format",
    "render_path",
    "report_from_graph",
    "validate",
    "validate_files",
]
