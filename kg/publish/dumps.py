"""Dump writers over sorted N-Triples lines: kg.nt, kg.ttl (pyoxigraph), kg.jsonld (kg/publish/jsonld.py)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.atomic import atomic_path
from kg.publish.jsonld import JSONLD_END, Compactor, jsonld_head, jsonld_nodes
from kg.vocab import PREFIXES

DUMP_FILES = {"kg.nt": "N-Triples", "kg.ttl": "Turtle", "kg.jsonld": "JSON-LD"}


def line_sort_key(line: str) -> tuple[str, str]:
    """Order N-Triples lines by subject IRI, then the rest: ``<a/b>`` before ``<a/b/c>``.

    (Plain string order would put ``<a/b/c>`` first, since '/' sorts before '>'.)
    """
    subject, _, rest = line.partition(" ")
    return subject.rstrip(">"), rest


def sort_lines(lines: Iterable[str]) -> list[str]:
    """Unique N-Triples lines in dump order."""
    return sorted(set(lines), key=line_sort_key)


def graph_lines(graph: Graph) -> list[str]:
    """The graph as sorted N-Triples lines (each ending in ' .'), without duplicates."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sort_lines(line for line in text.splitlines() if line.strip())


NTriplesSource = Path | Iterable[str]
"""Sorted N-Triples: a file (streamed, however large) or lines in memory."""


def _triples(source: NTriplesSource) -> Iterator[ox.Triple]:
    """Parse N-Triples lazily, in their order, with pyoxigraph."""
    if isinstance(source, Path):  # kg's own output: lenient (no IRI re-validation) is safe and faster
        return ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    data = "".join(line + "\n" for line in source).encode("utf-8")
    return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)


def _prefixes(base: str | None) -> dict[str, str]:
    # Data IRIs stay written in full: their paths have '/', which a prefixed
    # name can only carry escaped (id:document\/1), less readable than <...>.
    return dict(PREFIXES)


def write_turtle(lines: list[str], target: Path, *, base: str | None = None) -> None:
    """Sorted, readable Turtle (one block per subject, in line order), written atomically."""
    with atomic_path(target) as temporary:
        _write_turtle(lines, temporary, base=base)


def turtle_file(ntriples: bytes, target: Path, *, base: str | None = None) -> None:
    """Turtle of sorted N-Triples bytes, without the fsync of :func:`write_turtle`: for the
    build cache, whose files are rebuilt rather than trusted after a crash (see kg/scale/cache.py)."""
    temporary = target.with_name(f".{target.name}.tmp")
    ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), str(temporary),
                 format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))
    os.replace(temporary, target)


def write_dumps(lines: Iterable[str], out_dir: Path, *, base: str | None = None) -> list[Path]:
    """Write kg.nt, kg.ttl and kg.jsonld from sorted, unique N-Triples lines.

    All three are written to temporary files first and renamed only when all
    are complete, so an interruption leaves the previous set whole and consistent.
    kg.nt is written first and the other two are streamed from it.
    """
    with contextlib.ExitStack() as stack:
        ntriples = stack.enter_context(atomic_path(out_dir / "kg.nt"))
        _write_ntriples(lines, ntriples)
        for name in ("kg.ttl", "kg.jsonld"):
            write_dump(name, ntriples, stack.enter_context(atomic_path(out_dir / name)), base=base)
    return [out_dir / name for name in DUMP_FILES]


def write_dump(name: str, source: NTriplesSource, path: Path, base: str | None = None) -> None:
    """Write dump ``name`` ("kg.ttl" or "kg.jsonld") of sorted N-Triples to ``path``.

    Looked up by name at call time, so a build can run the writers in worker processes.
    """
    writer = {"kg.ttl": _write_turtle, "kg.jsonld": _write_jsonld}[name]
    writer(source, path, base=base)


def _write_ntriples(lines: Iterable[str], path: Path, *, base: str | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")


def _write_turtle(source: NTriplesSource, path: Path, *, base: str | None = None) -> None:
    ox.serialize(_triples(source), str(path), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))


def _write_jsonld(source: NTriplesSource, path: Path, *, base: str | None = None) -> None:
    """JSON-LD with kg's prefixes as the context, one node object per subject, streamed."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(jsonld_head(_prefixes(base)))
        separator = "\n"
        for node in jsonld_nodes(_triples(source), Compactor(_prefixes(base), base)):
            handle.write(separator + node)
            separator = ",\n"
        handle.write(JSONLD_END)
