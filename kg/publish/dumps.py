"""Dump writers over sorted N-Triples lines: kg.nt, kg.ttl (pyoxigraph), kg.jsonld."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.atomic import atomic_path, atomic_writer
from kg.vocab import PREFIXES, RDF

DUMP_FILES = {"kg.nt": "N-Triples", "kg.ttl": "Turtle", "kg.jsonld": "JSON-LD"}
_RDF_TYPE = str(RDF.type)


def graph_lines(graph: Graph) -> list[str]:
    """The graph as sorted N-Triples lines (each ending in ' .'), without duplicates."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted({line for line in text.splitlines() if line.strip()})


def _triples(lines: Iterable[str]) -> Iterator[ox.Triple]:
    """Parse N-Triples lines lazily, in their order, with pyoxigraph."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)


def _prefixes(base: str | None) -> dict[str, str]:
    prefixes = dict(PREFIXES)
    if base:
        prefixes["id"] = base
    return prefixes


def write_turtle(lines: list[str], target: Path, *, base: str | None = None) -> None:
    """Sorted, readable Turtle: one block per subject, in N-Triples order."""
    with atomic_path(target) as temporary:
        ox.serialize(_triples(lines), str(temporary), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))


def write_dumps(lines: list[str], out_dir: Path, *, base: str | None = None) -> list[Path]:
    """Write kg.nt, kg.ttl and kg.jsonld from sorted, unique N-Triples lines."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with atomic_writer(out_dir / "kg.nt") as handle:
        for line in lines:
            handle.write(line + "\n")
    write_turtle(lines, out_dir / "kg.ttl", base=base)
    write_jsonld(lines, out_dir / "kg.jsonld", base=base)
    return [out_dir / name for name in DUMP_FILES]


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


def write_jsonld(lines: list[str], target: Path, *, base: str | None = None) -> None:
    """JSON-LD with kg's prefixes as the context, one node object per subject, streamed."""
    prefixes = _prefixes(base)
    compact = _Compactor(prefixes)
    with atomic_writer(target) as handle:
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
