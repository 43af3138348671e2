"""The on-disk query store (``OUT/store/``): a pyoxigraph (RocksDB) store of exactly kg.nt's triples.

``kg query`` opens it read-only in place (kg/query/), so queries need no load at all.

A full build bulk-loads a new store beside the old one and swaps it in by rename, so a query
never sees half a store.  Bulk loading costs ~10 µs a triple here, minutes for a large
archive; so when a build changes few records, the store is *updated* instead, in one
transaction: the own lines of the records that left are deleted, those of the records that
came are inserted, and the shared lines are diffed against the copy the store keeps of the
ones it holds (``kg-shared.nt``).  ``kg-state.pickle`` says which records' lines the store
holds; it is marked *pending* while an update runs, so a crash leaves a store that the next
build reloads rather than trusts.  Either way the store holds the triples of kg.nt
(``tests/test_incremental.py`` compares them).
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.scale.chunks import dump_form, read_lines
from kg.scale.pieces import OwnBlock, read_block

STORE_DIR = "store"
STATE_FILE = "kg-state.pickle"
SHARED_FILE = "kg-shared.nt"
_FORMAT = 1

MAX_UPDATE_LINES = 200_000
"""Past this many changed lines, bulk-loading a new store is faster than updating the old one."""


@dataclass(frozen=True)
class StoreState:
    """Whose lines a store holds: the published records' content keys, for one base IRI."""

    base: str
    keys: frozenset[str]
    complete: bool = True  # False while an update is being applied


def read_state(store: Path) -> StoreState | None:
    try:
        with (store / STATE_FILE).open("rb") as handle:
            saved = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return saved.get("state") if saved.get("format") == _FORMAT else None


def write_state(store: Path, state: StoreState) -> None:
    temporary = store / f".{STATE_FILE}.tmp"
    with temporary.open("wb") as handle:
        pickle.dump({"format": _FORMAT, "state": state}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, store / STATE_FILE)


LOAD_PART_BYTES = 32 << 20
"""kg.nt is bulk-loaded in parts of this many bytes (~230,000 triples), :data:`LOAD_THREADS` at a time.

Given a whole file, pyoxigraph's bulk loader buffers a million triples per batch, two batches
loading while a third fills: about 2 GiB whatever the file's size, and Python cannot set that
bound.  A part smaller than a batch is loaded as one batch, so the load's memory is set by
the part size instead: loading the 6.6 million triples of 10,000 records peaked at 0.5 GiB
rather than 1.7 GiB, in 40 s rather than 37.
"""
LOAD_THREADS = 2  # the bulk loader releases the GIL: two parts load on two cores


def ntriples_parts(path: str | Path, size: int) -> Iterator[bytes]:
    """An N-Triples file in consecutive parts of about ``size`` bytes, each ending at a line's end.

    Each part is an N-Triples document by itself: a line holds a whole triple, and kg's
    published data has no blank nodes whose labels would need the rest of the file.
    """
    with open(path, "rb") as handle:
        rest = b""
        while chunk := handle.read(size):
            chunk = rest + chunk
            end = chunk.rfind(b"\n") + 1
            rest = chunk[end:]
            if end:
                yield chunk[:end]
        if rest:
            yield rest


def bulk_load_ntriples(store: ox.Store, path: str | Path, *, lenient: bool = False,
                       part_size: int | None = None) -> None:
    """Bulk-load an N-Triples file into an on-disk ``store`` in parts, with bounded memory.

    A syntax error's line is counted from the start of its part: to name the file's line,
    read the file whole again (:func:`pyoxigraph.parse`).
    """
    load = functools.partial(store.bulk_load, format=ox.RdfFormat.N_TRIPLES, lenient=lenient)
    with ThreadPoolExecutor(LOAD_THREADS) as pool:
        loading: deque = deque()
        for part in ntriples_parts(path, part_size or LOAD_PART_BYTES):
            if len(loading) >= LOAD_THREADS:  # at most LOAD_THREADS parts in memory
                loading.popleft().result()
            loading.append(pool.submit(load, part))
        for future in loading:
            future.result()


def load_store(ntriples: str, target: str, *, part_size: int | None = None) -> str:
    """Bulk-load an N-Triples file into a new store at ``target`` (which must not exist)."""
    store = ox.Store(target)
    bulk_load_ntriples(store, ntriples, lenient=True, part_size=part_size)  # kg's own output
    # Bulk loading leaves many unmerged RocksDB files; compacting them once makes queries
    # about three times faster (person-documents at 10,000 records: 1.37 s -> 0.42 s).
    store.optimize()
    store.flush()
    del store
    gc.collect()  # close RocksDB before the folder is renamed
    return target


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new``: two renames, the old store removed afterwards."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------------ updating in place


@dataclass(frozen=True)
class OwnChange:
    """The records whose own lines leave the store and those whose lines enter it."""

    leaving: tuple[tuple[Path, OwnBlock], ...]
    coming: tuple[tuple[Path, OwnBlock], ...]

    @property
    def lines(self) -> int:
        return sum(block.lines for _, block in (*self.leaving, *self.coming))


def own_change(store: Path, base: str, published: Mapping[str, tuple[Path, OwnBlock]],
               previous: Mapping[str, tuple[Path, OwnBlock]]) -> OwnChange | None:
    """What to change in ``store`` for the records of ``published`` (key -> pieces, block), or None
    when it cannot be updated: no store, another base IRI, an interrupted update, or the pieces
    of a record that left are gone (``previous``: the last build's records)."""
    state = read_state(store)
    if state is None or not state.complete or state.base != base or not (store / SHARED_FILE).is_file():
        return None
    leaving = [previous.get(key) for key in sorted(state.keys - published.keys())]
    if any(item is None or not item[0].with_name(item[0].name + ".pieces").is_file() for item in leaving):
        return None
    coming = [published[key] for key in sorted(published.keys() - state.keys)]
    change = OwnChange(tuple(leaving), tuple(coming))
    return change if change.lines <= MAX_UPDATE_LINES else None


def _own_lines(items: Iterable[tuple[Path, OwnBlock]]) -> Iterator[str]:
    for path, block in items:
        yield from read_block(path, block)[0].decode("utf-8").splitlines()


def _sorted_difference(old: Iterator[str], new: Iterator[str]) -> tuple[list[str], list[str]]:
    """``(only in old, only in new)`` of two sorted streams of unique lines."""
    gone, added = [], []
    sentinel = object()
    a, b = next(old, sentinel), next(new, sentinel)
    while a is not sentinel or b is not sentinel:
        if b is sentinel or a is not sentinel and a < b:
            gone.append(a)
            a = next(old, sentinel)
        elif a is sentinel or b < a:
            added.append(b)
            b = next(new, sentinel)
        else:
            a, b = next(old, sentinel), next(new, sentinel)
    return gone, added


def update_store(store: Path, change: OwnChange, shared: Path, keys: frozenset[str], base: str) -> int:
    """Apply ``change`` and the difference between the store's shared lines and the sorted
    sort-form lines in ``shared`` in one transaction; ``shared`` becomes the store's copy.
    The number of lines changed."""
    gone, added = _sorted_difference(read_lines(store / SHARED_FILE), read_lines(shared))
    deleted = [*_own_lines(change.leaving), *map(dump_form, gone)]
    inserted = [*_own_lines(change.coming), *map(dump_form, added)]
    write_state(store, StoreState(base, keys, complete=False))
    database = ox.Store(str(store))
    # N-Triples lines are valid SPARQL data; one update is one transaction.
    database.update("DELETE DATA {\n" + "\n".join(deleted) + "\n};\nINSERT DATA {\n" + "\n".join(inserted) + "\n}")
    database.flush()
    del database
    gc.collect()
    os.replace(shared, store / SHARED_FILE)
    write_state(store, StoreState(base, keys))
    return len(deleted) + len(inserted)


def record_loaded(store: Path, shared: Path, keys: frozenset[str], base: str) -> None:
    """Mark a freshly loaded ``store`` as holding ``keys``' lines and the shared lines in ``shared``."""
    os.replace(shared, store / SHARED_FILE)
    write_state(store, StoreState(base, keys))


def tee_lines(lines: Iterable[str], path: Path, form: Callable[[str], str] | None = None) -> Iterator[str]:
    """``lines``, also written one a line to ``path`` as they pass (in ``form``, when given)."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write((form(line) if form else line) + "\n")
            yield line


__all__ = ["LOAD_PART_BYTES", "MAX_UPDATE_LINES", "OwnChange", "STORE_DIR", "StoreState", "bulk_load_ntriples",
           "load_store", "ntriples_parts", "own_change", "read_state", "record_loaded", "swap_in", "tee_lines",
           "update_store"]
