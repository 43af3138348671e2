"""Assembling kg.nt, kg.ttl and kg.jsonld from the records' pieces and the shared lines, in one pass.

The dumps are sorted by subject.  Each published record's *own* lines form one block there,
already written by its worker in the three formats (kg/scale/pieces.py); the *shared* lines
(persons, archives, periodicals... and the dataset description) arrive as one sorted,
de-duplicated stream.  :func:`assemble` walks the blocks in dump order, writing before each
block the shared lines that sort before it, so the only per-line work left here is on the
shared lines (about a tenth of the graph); the blocks are copied as bytes.

The result is exactly what one writer would make of the whole sorted graph: the tests
compare it with :func:`kg.publish.dumps.write_dump` over kg.nt.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.publish.dumps import _prefixes
from kg.publish.jsonld import JSONLD_END, jsonld_head
from kg.scale.chunks import SEP, ntriples_bytes
from kg.scale.pieces import OwnBlock, jsonld_body, own_lines, parse_lines, read_block, turtle_body, turtle_header

BATCH_LINES = 20_000
"""Shared lines serialized at a time (cut only between subjects, so Turtle and JSON-LD group alike)."""


@dataclass(frozen=True)
class Placed:
    """A published record's own block and where its pieces are."""

    block: OwnBlock
    path: Path  # kg.scale.mapstage.MapResult.pieces(key)


def order_blocks(placed: Iterable[Placed]) -> tuple[list[Placed], list[Placed]]:
    """``(copied, merged)``: blocks in dump order that can be copied whole, and those that cannot.

    Two blocks overlap only when one document number is the other's followed by a character
    that sorts before '/' (``12`` and ``12-a``): their lines interleave, so both are merged
    line by line with the shared lines instead.
    """
    ordered = sorted(placed, key=lambda item: item.block.first)
    overlapping: set[int] = set()
    for index in range(1, len(ordered)):
        if ordered[index].block.first <= ordered[index - 1].block.last:
            overlapping.update((index - 1, index))
    copied = [item for index, item in enumerate(ordered) if index not in overlapping]
    return copied, [ordered[index] for index in sorted(overlapping)]


class DumpFiles:
    """The three dumps being written, in step: N-Triples, Turtle and JSON-LD."""

    def __init__(self, nt: BinaryIO, ttl: BinaryIO, jsonld: BinaryIO, base: str) -> None:
        self.nt, self.ttl, self.jsonld, self.base = nt, ttl, jsonld, base
        self.lines = 0
        self._last = ""  # the last line written, in sort form: the order is checked as we go
        self._first_node = True
        self.ttl.write(turtle_header(base))
        self.jsonld.write(jsonld_head(_prefixes(base)).encode("utf-8"))

    def _advance(self, first: str, last: str, count: int) -> None:
        if first <= self._last:
            raise RuntimeError(f"kg bug: dump lines out of order at {first!r}")
        self._last, self.lines = last, self.lines + count

    def _nodes(self, data: bytes) -> None:
        if data and self._first_node:  # every piece starts ",\n"; the first node of all takes no comma
            data, self._first_node = data[1:], False
        self.jsonld.write(data)

    def block(self, placed: Placed) -> None:
        self._advance(placed.block.first, placed.block.last, placed.block.lines)
        nt, ttl, jsonld = read_block(placed.path, placed.block)
        self.nt.write(nt)
        self.ttl.write(ttl)
        self._nodes(jsonld)

    def shared(self, lines: Sequence[str]) -> None:
        """Write sort-form lines that make up whole subjects."""
        if not lines:
            return
        self._advance(lines[0], lines[-1], len(lines))
        triples = parse_lines(lines)
        self.nt.write(ntriples_bytes(lines))
        self.ttl.write(turtle_body(triples, self.base))
        self._nodes(jsonld_body(triples, self.base))

    def close(self) -> None:
        self.jsonld.write(JSONLD_END.encode("utf-8"))


def _subject(line: str) -> str:
    return line[:line.index(SEP)]


def _batches(lines: Iterator[str], before: str | None) -> Iterator[list[str]]:
    """Lines from ``lines`` that sort before ``before`` (all when None), in subject-aligned batches.

    The first line not taken is pushed back by the caller (see :class:`_Lookahead`).
    """
    batch: list[str] = []
    for line in lines:
        if before is not None and line >= before:
            lines.push(line)  # type: ignore[attr-defined]
            break
        if len(batch) >= BATCH_LINES and _subject(line) != _subject(batch[-1]):
            yield batch
            batch = []
        batch.append(line)
    if batch:
        yield batch


class _Lookahead(Iterator[str]):
    """An iterator one can push one item back into."""

    def __init__(self, items: Iterable[str]) -> None:
        self._items = iter(items)
        self._pushed: list[str] = []

    def __next__(self) -> str:
        return self._pushed.pop() if self._pushed else next(self._items)

    def push(self, item: str) -> None:
        self._pushed.append(item)


def assemble(copied: Sequence[Placed], merged: Sequence[Placed], shared: Iterable[str], files: DumpFiles) -> int:
    """Write every block and shared line into ``files`` in dump order; the number of lines."""
    extra = [own_lines(item.path, item.block) for item in merged]
    lines = _Lookahead(heapq.merge(shared, *extra) if extra else shared)
    for placed in copied:
        for batch in _batches(lines, placed.block.first):
            files.shared(batch)
        files.block(placed)
    for batch in _batches(lines, None):
        files.shared(batch)
    files.close()
    return files.lines


__all__ = ["BATCH_LINES", "DumpFiles", "Placed", "assemble", "order_blocks"]
