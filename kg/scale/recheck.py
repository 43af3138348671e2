"""The merged shared graph's check, redone only where the graph changed since the last build.

A full check of the shared graph (kg/scale/shacl.py) reads every line of it: 7 minutes at
100,000 records, for an incremental build whose one changed record alters a few dozen lines.
The last check's graph and violations are kept in the cache (:class:`CheckedGraph`); the next
build compares the two sorted graphs line by line, and re-validates only the nodes whose
results can have changed:

- a node's results depend on the triples of the nodes at most :func:`kg.shacl.reach.reach`
  steps from it (its own, and its values' rdf:type with kg's shapes), and on whether a triple
  names it as the object of a predicate a shape targets the objects of (sh:targetObjectsOf);
- so the nodes to check again are the subjects of the changed lines, the nodes that many
  steps before those subjects in the new graph, and the objects that a targeted predicate
  names on one side only;
- they are validated on the part of the new graph their checks read, and their old
  violations replaced by the new ones; every other node's violations stand.

A full check runs instead when nothing is kept, the settings differ, the shapes have no bound
reach, a class hierarchy changed, or more than :data:`MAX_CHANGED_SHARE` of the graph changed
(:class:`FullCheckNeeded` says which).
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.scale.chunks import sort_form
from kg.shacl.reach import object_targets, reach
from kg.validate import Violation, load_shapes, ordered_violations

MAX_CHANGED_SHARE = 0.1
"""Past this share of the new graph's bytes changed, the part to recheck nears the whole graph.

A share, not a count: one changed record also changes a line per record (the build activity
is minted from the dataset's fingerprint and names every source it used), so the changed
lines grow with the archive while the work they save grows faster."""

_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


@dataclass(frozen=True)
class CheckedGraph:
    """The last checked shared graph and its violations, in a folder of the build cache."""

    folder: Path

    @property
    def graph(self) -> Path:
        return self.folder / "graph.nt"

    @property
    def _violations(self) -> Path:
        return self.folder / "violations.pickle"

    def load(self, settings: str) -> tuple[Violation, ...] | None:
        """The kept violations, when they were found under these settings and their graph is kept."""
        try:
            with self._violations.open("rb") as handle:
                kept_settings, violations = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            return None
        return violations if kept_settings == settings and self.graph.is_file() else None

    def keep(self, graph: Path, violations: tuple[Violation, ...], settings: str) -> None:
        """``graph`` (moved here) and its violations, in place of the last ones."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._violations.unlink(missing_ok=True)  # until both are in place, nothing is kept
        os.replace(graph, self.graph)
        temporary = self._violations.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump((settings, violations), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self._violations)


class FullCheckNeeded(Exception):
    """Why a graph cannot be rechecked from the last check (the message is the reason)."""


@dataclass(frozen=True)
class SharedCheck:
    """The violations of the shared graph, how they were found (``recheck`` or ``full check
    (why)``) and in how many wall seconds."""

    violations: tuple[Violation, ...]
    method: str
    seconds: float


def check_shared_graph(path: str, engine: str, kept: str, settings: str) -> SharedCheck:
    """The violations of the shared graph at ``path``, rechecked from the last build's where it can be.

    ``path`` is then kept in the folder ``kept`` for the next build.
    """
    from kg.scale.shacl import validate_shared_graph

    started, checked, graph = time.perf_counter(), CheckedGraph(Path(kept)), Path(path)
    try:
        previous = checked.load(settings)
        if previous is None:
            raise FullCheckNeeded("nothing kept under these settings")
        violations, method = recheck(checked.graph, graph, previous, engine), "recheck"
    except FullCheckNeeded as why:
        violations, method = validate_shared_graph(str(graph), engine), f"full check ({why})"
    checked.keep(graph, violations, settings)
    return SharedCheck(violations, method, time.perf_counter() - started)


def recheck(old: Path, new: Path, previous: tuple[Violation, ...], engine: str) -> tuple[Violation, ...]:
    """The violations of graph ``new``, given graph ``old`` had ``previous``.

    Raises :class:`FullCheckNeeded` when only a full check will do.
    """
    from kg.scale.shacl import validate_paths

    shapes = load_shapes()
    steps = reach(shapes)
    if steps is None:
        raise FullCheckNeeded("shapes of unbounded reach")
    if any(isinstance(v.focus_node, Literal) for v in previous):
        # a literal focus node is told apart by its text, which is not worth matching here
        raise FullCheckNeeded("a literal focus node")
    added, removed, budget = [], [], new.stat().st_size * MAX_CHANGED_SHARE
    for is_new, line in changes(old, new):
        (added if is_new else removed).append(_terms(line))
        budget -= len(line)
        if budget < 0:
            raise FullCheckNeeded("too much changed")
    terms = added + removed
    if any(predicate == _SUBCLASS_OF for _, predicate, _ in terms):
        raise FullCheckNeeded("a class hierarchy changed")  # every sh:class and sh:targetClass reads it
    affected = _before(new, {subject for subject, _, _ in terms}, steps)
    # A line matters to its object only through sh:targetObjectsOf, which can make the object a
    # focus node or stop it being one.  An object its predicate names on both sides stays what
    # it was: the build activity is renamed with every change, and each source is still used.
    targets = object_targets(shapes)
    named = [{(predicate, obj) for _, predicate, obj in side if predicate in targets} for side in (added, removed)]
    named_once = {obj for _, obj in named[0] ^ named[1]}
    if any(obj[0] != "<" for obj in named_once):
        raise FullCheckNeeded("a literal focus node")
    affected |= named_once
    part = new.with_name(f"{new.stem}-part.nt")
    try:
        with part.open("w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(_read_by(new, affected, steps))
        # The part's other nodes are there for what the affected read: their own results,
        # without all they read in turn, would be wrong, and are not wanted.
        found = validate_paths([part], engine, focus={URIRef(node[1:-1]) for node in affected}).violations
    finally:
        part.unlink(missing_ok=True)
    return ordered_violations([v for v in previous if _term(v) not in affected] +
                              [v for v in found if isinstance(v.focus_node, Literal) or _term(v) in affected])


def changed_lines(old: Path, new: Path) -> Iterator[str]:
    """The lines in only one of two files of sorted, unique N-Triples lines (kg's dump order)."""
    return (line for _, line in changes(old, new))


def changes(old: Path, new: Path) -> Iterator[tuple[bool, str]]:
    """The lines in only one of two files of sorted, unique N-Triples lines, each with whether
    it is in ``new`` (added) or in ``old`` (removed)."""
    with old.open(encoding="utf-8") as before, new.open(encoding="utf-8") as after:
        a, b = next(before, None), next(after, None)
        while a is not None and b is not None:
            if a == b:
                a, b = next(before, None), next(after, None)
            elif sort_form(a) < sort_form(b):
                yield False, a
                a = next(before, None)
            else:
                yield True, b
                b = next(after, None)
        for is_new, rest, line in ((False, before, a), (True, after, b)):
            if line is not None:
                yield is_new, line
                yield from ((is_new, more) for more in rest)


def _terms(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object of a dump line, as N-Triples text (the subject is an IRI)."""
    subject, predicate, obj = line.rstrip("\n").removesuffix(" .").split(" ", 2)
    return subject, predicate, obj


def _term(violation: Violation) -> str:
    return f"<{violation.focus_node}>"


def _subject(line: str) -> str:
    return line[:line.index(" ")]


def _object(line: str) -> str:
    """The object of a dump line when it is an IRI; otherwise text that is no IRI.

    Cheaper than :func:`_terms` on the passes over the whole graph: the last word before
    " ." is a literal's last word when the object is a literal, and that is never an IRI in
    N-Triples form (it ends in a quote or holds one).
    """
    end = len(line) - 3 if line.endswith(" .\n") else len(line.rstrip("\n").removesuffix(" ."))
    return line[line.rfind(" ", 0, end) + 1:end]


def _is_subclass_line(line: str) -> bool:
    return _SUBCLASS_OF in line and _terms(line)[1] == _SUBCLASS_OF  # the cheap test first


def _before(graph: Path, nodes: set[str], steps: int) -> set[str]:
    """``nodes`` and the subjects up to ``steps`` triples before them in ``graph``."""
    found, frontier = set(nodes), set(nodes)
    for _ in range(steps):
        if not frontier:
            break
        with graph.open(encoding="utf-8") as lines:
            frontier = {_subject(line) for line in lines if _object(line) in frontier} - found
        found |= frontier
    return found


def _read_by(graph: Path, nodes: set[str], steps: int) -> Iterator[str]:
    """The lines of ``graph`` that checking ``nodes`` reads: the triples of every node up to
    ``steps`` after them, those naming them as objects, and the class hierarchy."""
    subjects, frontier = set(nodes), set(nodes)
    for _ in range(steps):
        with graph.open(encoding="utf-8") as lines:
            frontier = {_terms(line)[2] for line in lines if _subject(line) in frontier}
        frontier = {obj for obj in frontier if obj[0] == "<"} - subjects
        subjects |= frontier
    with graph.open(encoding="utf-8") as lines:
        for line in lines:
            if _subject(line) in subjects or _object(line) in nodes or _is_subclass_line(line):
                yield line


__all__ = ["CheckedGraph", "FullCheckNeeded", "MAX_CHANGED_SHARE", "SharedCheck", "changed_lines", "changes",
           "check_shared_graph", "recheck"]
