"""Sorted N-Triples chunks on disk and their streaming merge.

The dumps are sorted by :func:`kg.publish.line_sort_key` (subject IRI without its ``>``, then
the rest), which puts ``<a/b>`` before ``<a/b/c>``.  Calling that key for every line of a
multi-million-line merge costs more than the merge itself, so chunks are kept in *sort form*:
the ``>`` closing the subject is replaced by NUL, and plain string order of sort-form lines is
exactly ``line_sort_key`` order (NUL sorts before every other character, as the end of a
shorter subject must).  NUL can appear nowhere else: N-Triples lines from the mapper carry it
escaped as ``\\u0000`` (see :func:`sort_form`).

Merging uses :func:`heapq.merge` over files read line by line, so memory stays bounded by
the number of open chunks, never by the size of the graph.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.triples import Triple, ntriples_line, ntriples_term

SEP = "\x00"


def sort_form(line: str) -> str:
    """An N-Triples line (subject an IRI) in sort form."""
    if SEP in line:
        line = line.replace(SEP, "\\u0000")  # the N-Triples escape of NUL: the same term
    end = line.index("> ")
    return line[:end] + SEP + line[end + 1:]


def sort_form_line(triple: Triple) -> str:
    """A triple's N-Triples line in sort form: :func:`sort_form` of :func:`ntriples_line`, faster."""
    subject, predicate, value = triple
    if type(subject) is URIRef:
        line = f"<{subject}{SEP} <{predicate}> {ntriples_term(value)} ."
        if line.count(SEP) == 1:
            return line
    return sort_form(ntriples_line(triple))  # a blank node, or a NUL to escape


def dump_form(line: str) -> str:
    return line.replace(SEP, ">", 1)


def ntriples_bytes(lines: Sequence[str]) -> bytes:
    """Sort-form lines as N-Triples text (UTF-8), one line each."""
    # Each sort-form line holds exactly one SEP, so one replace over the text does them all.
    return ("\n".join(lines).replace(SEP, ">") + "\n").encode("utf-8") if lines else b""


def sorted_unique(lines: Iterable[str]) -> list[str]:
    """Unique sort-form lines in dump order."""
    return sorted(set(lines))


def write_lines(lines: Iterable[str], path: Path) -> None:
    """Write lines (one per line) to ``path`` via a temporary name, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")
    os.replace(temporary, path)


def read_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line[:-1]


def merge_unique(sources: Sequence[Iterable[str]]) -> Iterator[str]:
    """The sorted union of sorted line streams, each line once."""
    previous = None
    for line in heapq.merge(*sources):
        if line != previous:
            yield line
            previous = line


def merge_files(paths: Sequence[Path], *, scratch: Path, fan_in: int = 200) -> Iterator[str]:
    """Merge sorted chunk files into one sorted stream of unique lines.

    More than ``fan_in`` files are first merged in groups into files under ``scratch``, so
    the number of open files stays bounded whatever the number of records.
    """
    paths = list(paths)
    round_number = 0
    while len(paths) > fan_in:
        merged = []
        for start in range(0, len(paths), fan_in):
            target = scratch / f"merge-{round_number}-{start // fan_in}.nt"
            write_lines(merge_unique([read_lines(p) for p in paths[start:start + fan_in]]), target)
            merged.append(target)
        paths, round_number = merged, round_number + 1
    yield from merge_unique([read_lines(path) for path in paths])


class DocumentLines(Sequence[str]):
    """A published record's N-Triples lines, read from its ``documents/N.ttl`` only when asked for.

    :class:`kg.build.RecordOutcome` holds one per record instead of the lines themselves,
    so a build of a million records does not keep its graph in memory.  (The per-document
    file is made from exactly the record's chunk, and outlives the build's scratch folder.)
    """

    def __init__(self, turtle: Path) -> None:
        self.turtle = turtle

    def _lines(self) -> list[str]:
        triples = ox.parse(path=str(self.turtle), format=ox.RdfFormat.TURTLE)
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return [dump_form(line) for line in sorted_unique(map(sort_form, text.splitlines()))]

    def __getitem__(self, index):
        return self._lines()[index]

    def __len__(self) -> int:
        return len(self._lines())

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(str(self.turtle))

    def __repr__(self) -> str:
        return f"DocumentLines({str(self.turtle)!r})"
