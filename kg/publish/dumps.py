"""Dump writers over sorted N-Triples lines: kg.nt, kg.ttl (pyoxigraph), kg.jsonld."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.atomic import atomic_path
from kg.vocab import PREFIXES, RDF

DUMP_FILES = {"kg.nt": "N-Triples", "kg.ttl": "Turtle", "kg.jsonld": "JSON-LD"}
_RDF_TYPE = str(RDF.type)


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


def _triples(lines: Iterable[str]) -> Iterator[ox.Triple]:
    """Parse N-Triples lines lazily, in their order, with pyoxigraph."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)


def _prefixes(base: str | None) -> dict[str, str]:
    # Data IRIs stay written in full: their paths have '/', which a prefixed
    # name can only carry escaped (id:document\/1), less readable than <...>.
    return dict(PREFIXES)


def write_turtle(lines: list[str], target: Path, *, base: str | None = None) -> None:
    """Sorted, readable Turtle (one block per subject, in line order), written atomically."""
    with atomic_path(target) as temporary:
        _write_turtle(lines, temporary, base=base)


def write_dumps(lines: list[str], out_dir: Path, *, base: str | None = None) -> list[Path]:
    """Write kg.nt, kg.ttl and kg.jsonld from sorted, unique N-Triples lines.

    All three are written to temporary files first and renamed only when all
    are complete, so an interruption leaves the previous set whole and consistent.
    """
    writers = {"kg.nt": _write_ntriples, "kg.ttl": _write_turtle, "kg.jsonld": _write_jsonld}
    with contextlib.ExitStack() as stack:
        for name, write in writers.items():
            write(lines, stack.enter_context(atomic_path(out_dir / name)), base=base)
    return [out_dir / name for name in DUMP_FILES]


def _write_ntriples(lines: list[str], path: Path, *, base: str | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")


def _write_turtle(lines: list[str], path: Path, *, base: str | None = None) -> None:
    ox.serialize(_triples(lines), str(path), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))


class _Compactor:
    """Shortens IRIs to CURIEs with kg's prefixes (longest namespace wins)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def __call__(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri


def _json_value(term, compact: _Compactor) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    value: dict = {"@value": term.value}
    if term.language:
        value["@language"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["@type"] = compact(term.datatype.value)
    return value


def _write_jsonld(lines: list[str], path: Path, *, base: str | None = None) -> None:
    """JSON-LD with kg's prefixes as the context, one node object per subject, streamed."""
    prefixes = _prefixes(base)
    compact = _Compactor(prefixes)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{\n"@context": ' + json.dumps(prefixes, sort_keys=True) + ',\n"@graph": [')
        first = True
        for subject, triples in groupby(_triples(lines), key=lambda triple: triple.subject):
            node: dict = {"@id": compact(subject.value)}
            for triple in triples:
                if triple.predicate.value == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                    node.setdefault("@type", []).append(compact(triple.object.value))
                else:
                    key = compact(triple.predicate.value)
                    node.setdefault(key, []).append(_json_value(triple.object, compact))
            handle.write(("\n" if first else ",\n") + json.dumps(node, ensure_ascii=False, sort_keys=True))
            first = False
        handle.write("\n]\n}\n")
