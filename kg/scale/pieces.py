"""A record's share of the dumps, made by its worker: *pieces* the publish stage only has to copy.

A record's sorted lines are of two kinds:

* its **own** lines, whose subject is the record's document or lies under it
  (``document/N``, ``document/N/mention/...``, ``document/N/creator/1``...): no other
  record states them, and in the sorted dumps they form one unbroken block;
* **shared** lines, about what other records may state too (persons, organizations,
  places, archives, periodicals, the source file): these must be merged across records
  and each kept once.

Own lines are ~90% of a record.  The worker turns them into their final bytes in all three
dump formats (N-Triples, a Turtle body without the ``@prefix`` header, JSON-LD node objects),
so the publish stage (kg/scale/publish.py) copies blocks in document order and merges only the
shared lines.  That is byte-identical to serializing the whole sorted graph in one go,
because both Turtle and kg's JSON-LD are written subject by subject and a block never splits a
subject (``tests/test_scale.py`` checks it against the one-writer functions).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.publish.dumps import _prefixes
from kg.publish.jsonld import Compactor, jsonld_nodes
from kg.scale.chunks import SEP, ntriples_bytes, sort_form, write_lines

PIECES = (".pieces", ".ttl", ".shared.nt")
"""Cache objects of a published record: its own block in three formats, its Turtle file, its shared lines."""


@dataclass(frozen=True)
class OwnBlock:
    """Where a record's own block sits in the dumps, and how long it is in each format."""

    first: str  # its first and last lines in sort form: the block's place in the dump order
    last: str
    lines: int
    sizes: tuple[int, int, int]  # bytes of its N-Triples, Turtle and JSON-LD, in that order in ``.pieces``


def split_own(lines: Sequence[str], document: str) -> tuple[int, int]:
    """``(start, end)``: the range of ``lines`` (sorted, sort form) whose subject is ``document`` or under it."""
    own = (f"<{document}{SEP}", f"<{document}/")
    indices = [index for index, line in enumerate(lines) if line.startswith(own)]
    if not indices:
        return 0, 0
    start, end = indices[0], indices[-1] + 1
    if end - start != len(indices):  # sorted lines put them together; anything else is a kg bug
        raise RuntimeError(f"the lines of {document} are not contiguous in sort order")
    return start, end


@functools.lru_cache(maxsize=8)
def turtle_header(base: str | None) -> bytes:
    """The ``@prefix`` lines pyoxigraph writes before the triples of a Turtle document."""
    probe = ox.Triple(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))
    return text[: text.index(b"<https://example.org/s>")]


def turtle_body(triples: Sequence[ox.Triple], base: str | None) -> bytes:
    """Turtle of ``triples`` (sorted by subject) without the header, ready to be concatenated."""
    if not triples:
        return b""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))
    header = turtle_header(base)
    if not text.startswith(header):
        raise RuntimeError("pyoxigraph wrote an unexpected Turtle header")
    return text[len(header):]


@functools.lru_cache(maxsize=8)
def _compactor(base: str | None) -> Compactor:
    return Compactor(_prefixes(base), base)


def jsonld_body(triples: Sequence[ox.Triple], base: str | None) -> bytes:
    """JSON-LD node objects of ``triples``, each preceded by ``,\\n`` (the first one's is cut when joined)."""
    return "".join(",\n" + node for node in jsonld_nodes(triples, _compactor(base))).encode("utf-8")


def parse_lines(lines: Sequence[str]) -> list[ox.Triple]:
    """Sort-form lines as pyoxigraph triples, in the same order (kg's own output: lenient is safe)."""
    return list(ox.parse(ntriples_bytes(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True))


def write_pieces(lines: Sequence[str], triples: Sequence[ox.Triple], document: str, base: str,
                 path: Path) -> OwnBlock:
    """Write a valid record's objects at ``path`` + each suffix of :data:`PIECES`; its own block."""
    start, end = split_own(lines, document)
    own = triples[start:end]
    nt, ttl, jsonld = ntriples_bytes(lines[start:end]), turtle_body(own, base), jsonld_body(own, base)
    _write(path.with_name(path.name + ".pieces"), nt + ttl + jsonld)
    document_turtle = turtle_header(base) + turtle_body(triples[:start], base) + ttl + turtle_body(triples[end:], base)
    _write(path.with_name(path.name + ".ttl"), document_turtle)
    write_lines([*lines[:start], *lines[end:]], path.with_name(path.name + ".shared.nt"))
    first, last = (lines[start], lines[end - 1]) if end > start else ("", "")
    return OwnBlock(first=first, last=last, lines=end - start, sizes=(len(nt), len(ttl), len(jsonld)))


def _write(target: Path, data: bytes) -> None:
    # No fsync: cache objects are checked, not trusted, after a crash (kg/scale/cache.py); the
    # publish stage syncs what it publishes.
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def read_block(path: Path, block: OwnBlock) -> tuple[bytes, bytes, bytes]:
    """The own block of the record whose objects are at ``path``, in its three formats."""
    data = path.with_name(path.name + ".pieces").read_bytes()
    nt_size, ttl_size, _ = block.sizes
    return data[:nt_size], data[nt_size:nt_size + ttl_size], data[nt_size + ttl_size:]


def own_lines(path: Path, block: OwnBlock) -> list[str]:
    """The own block's lines in sort form (for the rare blocks that must be merged, not copied)."""
    text = read_block(path, block)[0].decode("utf-8")
    return [sort_form(line) for line in text.splitlines()]


__all__ = ["OwnBlock", "PIECES", "jsonld_body", "own_lines", "parse_lines", "read_block",
           "split_own", "turtle_body", "turtle_header", "write_pieces"]
