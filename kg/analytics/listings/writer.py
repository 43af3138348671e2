"""Writing listings as N-Triples, sorted, without holding them in memory.

A listing's lines come group by group, not in dump order (``.../17`` sorts before ``.../2``),
and at 100,000 records they number millions.  :class:`SortedRuns` keeps a bounded batch in
memory, writes each batch sorted to a run file, and merges the runs in one stream
(:func:`kg.scale.chunks.merge_files`), as the build does with the records' chunks.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.analytics.listings.layout import entry_iri, group_iri, listing_iri
from kg.analytics.listings.rows import Group
from kg.analytics.terms import integer, iri
from kg.scale.chunks import SEP, merge_files, write_lines
from kg.vocab import KG, SDO

_ITEM, _COUNT, _WITH, _NAME = str(SDO.item), str(SDO.numberOfItems), str(KG.listedWith), str(SDO.name)
RUN_LINES = 500_000
"""Lines sorted in memory at a time (about 100 MB)."""


def sort_form_line(subject: str, predicate: str, obj: str) -> str:
    """A line in sort form (kg/scale/chunks.py): every subject here is an IRI kg made."""
    return f"<{subject}{SEP} <{predicate}> {obj} ."


def group_lines(group: Group, base: str) -> Iterator[tuple[str, str, str]]:
    """The group's number of entries, and each entry with what it lists."""
    subject = group_iri(listing_iri(base, group.listing), group.values, base)
    yield subject, _COUNT, integer(len(group.entries))
    for position, entry in enumerate(group.entries, start=1):
        at = entry_iri(subject, position)
        yield at, _ITEM, iri(entry.item)
        if entry.listed_with is not None:
            yield at, _WITH, iri(entry.listed_with)
        if entry.name is not None:
            yield at, _NAME, entry.name


class SortedRuns:
    """Sort-form lines in, one sorted stream out, through run files under ``scratch``."""

    def __init__(self, scratch: Path, run_lines: int = RUN_LINES) -> None:
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        self.scratch, self.run_lines = scratch, run_lines
        self.runs: list[Path] = []
        self.batch: list[str] = []

    def extend(self, triples: Iterable[tuple[str, str, str]]) -> None:
        for triple in triples:
            self.batch.append(sort_form_line(*triple))
            if len(self.batch) >= self.run_lines:
                self._spill()

    def _spill(self) -> None:
        run = self.scratch / f"run-{len(self.runs)}.nt"
        write_lines(sorted(self.batch), run)
        self.runs.append(run)
        self.batch = []

    def lines(self) -> Iterator[str]:
        """Every line added, sorted, each once, read lazily from the runs; the runs are removed
        once read (they are the size of the listings: not worth keeping in a build cache)."""
        if self.batch:
            self._spill()
        return self._merged()

    def _merged(self) -> Iterator[str]:
        try:
            yield from merge_files(self.runs, scratch=self.scratch)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
