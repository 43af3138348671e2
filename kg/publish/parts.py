"""Writing one big dump from sorted N-Triples in parallel parts, byte-identical to one writer.

A sorted kg.nt is cut into byte ranges that never split a subject's lines; each range is
turned into its piece of the dump by its own process, and the pieces are concatenated.
JSON-LD is one node object per subject, so its pieces join with a comma; Turtle pieces are
blocks per subject after a prefix header that only the first piece keeps.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.publish.dumps import _JSONLD_END, _Compactor, _jsonld_head, _jsonld_nodes, _prefixes


class _Range(io.RawIOBase):
    """Bytes ``start:end`` of a file, as a readable stream for pyoxigraph's parser."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        self.handle = path.open("rb")
        self.handle.seek(start)
        self.left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.handle.read(min(len(buffer), self.left))
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()


def _subject(line: bytes) -> bytes:
    return line.split(b" ", 1)[0]


def cut_points(path: Path, parts: int) -> list[tuple[int, int]]:
    """Byte ranges covering ``path``, about equal, each starting at a new subject."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as handle:
        for part in range(1, parts):
            handle.seek(max(size * part // parts, cuts[-1]))
            handle.readline()  # the rest of a line begun before the cut
            first = handle.readline()
            position = handle.tell()
            line = handle.readline()
            while line and _subject(line) == _subject(first):  # never split a subject's lines
                position = handle.tell()
                line = handle.readline()
            cuts.append(position if line else size)
    cuts.append(size)
    return [(start, end) for start, end in zip(cuts, cuts[1:]) if end > start]


def _parse(path: Path, start: int, end: int):
    return ox.parse(_Range(path, start, end), format=ox.RdfFormat.N_TRIPLES, lenient=True)


def jsonld_part(source: str, start: int, end: int, target: str, base: str | None) -> str:
    """The node objects of one range, each preceded by ``,\\n``."""
    compact = _Compactor(_prefixes(base), base)
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for node in _jsonld_nodes(_parse(Path(source), start, end), compact):
            handle.write(",\n" + node)
    return target


def turtle_part(source: str, start: int, end: int, target: str, base: str | None) -> str:
    ox.serialize(_parse(Path(source), start, end), target, format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base))
    return target


def _concatenate(pieces: list[tuple[str, int]], target: Path, head: str = "", tail: str = "") -> None:
    """``head``, then each piece from its byte offset, then ``tail``."""
    with target.open("wb") as out:
        out.write(head.encode("utf-8"))
        for piece, offset in pieces:
            with open(piece, "rb") as handle:
                handle.seek(offset)
                shutil.copyfileobj(handle, out, 1 << 22)
            os.unlink(piece)
        out.write(tail.encode("utf-8"))


def _turtle_header_size(piece: str) -> int:
    """Bytes of the ``@prefix`` lines at the start of a Turtle piece."""
    size = 0
    with open(piece, "rb") as handle:
        for line in handle:
            if not line.startswith(b"@prefix"):
                break
            size += len(line)
    return size


def write_in_parts(name: str, source: Path, target: Path, *, base: str | None, parts: int,
                   submit: Callable, scratch: Path) -> Callable[[], None]:
    """Start writing dump ``name`` (kg.jsonld or kg.ttl) of sorted N-Triples ``source`` in ``parts``
    with ``submit`` (an executor's), the pieces in ``scratch``; call the returned function to wait
    and join them into ``target``."""
    writer = {"kg.jsonld": jsonld_part, "kg.ttl": turtle_part}[name]
    scratch.mkdir(parents=True, exist_ok=True)
    futures = [submit(writer, str(source), start, end, str(scratch / f"{name}.part{number}"), base)
               for number, (start, end) in enumerate(cut_points(source, parts))]

    def finish() -> None:
        pieces = [future.result() for future in futures]
        if name == "kg.jsonld":  # the first node has no comma before it
            _concatenate([(piece, int(number == 0)) for number, piece in enumerate(pieces)], target,
                         _jsonld_head(base), _JSONLD_END)
        else:  # only the first piece keeps its @prefix lines
            _concatenate([(piece, _turtle_header_size(piece) if number else 0) for number, piece in enumerate(pieces)],
                         target)

    return finish
