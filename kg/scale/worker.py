"""The map stage, run in worker processes: one record file in, its cached objects and meta out.

For each record: read, map, recognise and link entities, turn the triples into sorted
N-Triples (sort form, :mod:`kg.scale.chunks`), validate them alone (the shapes are
record-local), then, for a valid record, write its pieces of the dumps and its per-document
Turtle into the cache (:mod:`kg.scale.pieces`).  Only the small :class:`~kg.scale.cache.RecordMeta` travels back to the parent, so
the parent's memory does not grow with the graph.

Each process loads the authority file and compiles the shapes once (:func:`init`); a build
with one job runs the same code in the parent.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.analytics import mapped_facts
from kg.errors import RecordError
from kg.scale.cache import RecordMeta, content_key
from kg.scale.chunks import ntriples_bytes, sort_form_line
from kg.scale.pieces import write_pieces
from kg.scale.shacl import validate_record, warm_up
from kg.triples import Triples
from kg.vocab import IriMinter


@dataclass(frozen=True)
class WorkerSettings:
    base: str
    engine: str
    settings: str  # the cache's settings fingerprint
    objects: str  # the cache's objects folder


_state: dict = {}


def init(settings: WorkerSettings) -> None:
    """Per-process set-up: the authority (for the resolver and the entity stage), the shapes."""
    from kg.entities import load_authority

    _state.clear()
    _state.update(settings=settings, minter=IriMinter(settings.base), authority=load_authority())
    warm_up(settings.engine)


def record_graphs(record, *, minter: IriMinter, authority, clock: Counter | None = None) -> list[Triples]:
    """The record's triples: the mapper's (agents resolved by the authority) and the entity stage's."""
    from kg.entities import entity_triples
    from kg.mapper import map_record_triples

    with _timed(clock, "map"):
        mapped = map_record_triples(record, minter=minter, resolver=authority.resolver)
    with _timed(clock, "entities"):
        mentions = entity_triples(record, minter=minter, authority=authority)
    return [mapped, mentions]


@contextlib.contextmanager
def _timed(clock: Counter | None, name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    if clock is not None:
        clock[name] += time.perf_counter() - started


def chunk_lines(graphs: list[Triples]) -> list[str]:
    """Sorted, unique sort-form N-Triples lines of the union of ``graphs``."""
    return sorted({sort_form_line(triple) for graph in graphs for triple in graph})


def mapping_failure(record, error: Exception) -> str:
    return (f"{record.source.name}: kg could not map this record "
            f"({type(error).__name__}: {error}); please report it as a kg bug")


def _path_object(key: str, suffix: str) -> Path:
    folder = Path(_state["settings"].objects) / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{key}{suffix}"


def _error_meta(path: Path, error: RecordError) -> RecordMeta:
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        key = content_key(_state["settings"].settings, path.name, sha)
    except OSError:
        key = None
    return RecordMeta(source=path.name, key=key, error_line=error.line, error=error.problem)


def process_record(path: Path, clock: Counter) -> RecordMeta:
    from kg.reader import read_record

    settings: WorkerSettings = _state["settings"]
    try:
        with _timed(clock, "read"):
            record = read_record(path)
    except RecordError as error:
        return _error_meta(path, error)
    key = content_key(settings.settings, path.name, record.source.sha256)
    found = {"source": path.name, "key": key, "doc_id": record.doc_id.value, "doc_line": record.doc_id.line}
    try:
        return RecordMeta(**found, **_map_record(record, key, settings, clock))
    except Exception as error:  # noqa: BLE001 - a mapper bug must not stop the other records
        return RecordMeta(**found, error=mapping_failure(record, error), mapping_failed=True)


def _map_record(record, key: str, settings: WorkerSettings, clock: Counter) -> dict:
    """Map, validate and (when valid) write the pieces of one record; the rest of its meta."""
    graphs = record_graphs(record, minter=_state["minter"], authority=_state["authority"], clock=clock)
    with _timed(clock, "n-triples"):
        lines = chunk_lines(graphs)
        data = ntriples_bytes(lines)
    with _timed(clock, "parse"):  # strictly, once: it checks every IRI and literal kg wrote
        quads = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    with _timed(clock, "validate"):
        violations = validate_record(data, graphs, settings.engine, quads)
    block = facts = None
    if not violations:
        with _timed(clock, "pieces"):
            document = str(_state["minter"].document(record.doc_id.value))
            block = write_pieces(lines, quads, document, settings.base, _path_object(key, ""))
        with _timed(clock, "facts"):
            facts = mapped_facts(triple for graph in graphs for triple in graph)
    return {"violations": violations, "digest": hashlib.sha256(data).hexdigest(), "lines": len(lines),
            "block": block, "facts": facts}


def process_batch(paths: list[str]) -> tuple[list[RecordMeta], dict[str, float]]:
    """Process records in order; also the CPU seconds this process spent per sub-stage."""
    clock: Counter = Counter()
    metas = [process_record(Path(path), clock) for path in paths]
    return metas, dict(clock)
