"""The map stage: every input record to its cached result, in input order.

Records whose result is in the cache (same stat signature, or same name and content) are
taken from it; the others are processed in batches by the workers.  The result is a
:class:`MapResult`, which is also what a shard writes (kg/scale/shards.py): the publish stage
needs nothing else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.scale.cache import BuildCache, RecordMeta, stat_signature
from kg.scale.clock import StageClock
from kg.scale.pool import Workers, batches
from kg.scale.worker import process_batch


@dataclass
class MapResult:
    paths: list[str]  # the inputs, as given, in reading order
    metas: list[RecordMeta]  # what became of each
    objects: dict[str, Path] = field(default_factory=dict)  # content key -> folder holding its objects
    latest_mtime: int = 0  # newest input modification time (seconds): the default build time

    def pieces(self, key: str) -> Path:
        """Where the record's objects are: this path plus each suffix of kg.scale.pieces.PIECES."""
        return self.objects[key] / key[:2] / key

    def turtle(self, key: str) -> Path:
        return self.objects[key] / key[:2] / f"{key}.ttl"

    def shared(self, key: str) -> Path:
        return self.objects[key] / key[:2] / f"{key}.shared.nt"


def _cached(path: Path, signature: tuple[int, ...] | None, cache: BuildCache) -> RecordMeta | None:
    if signature is None:
        return None
    meta = cache.lookup(path, signature)
    if meta is None and cache.by_key:  # a touched or moved file may still hold known bytes
        try:
            meta = cache.lookup_content(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            return None
    return meta


def map_stage(paths: list[Path], cache: BuildCache, workers: Workers, clock: StageClock) -> tuple[MapResult, dict]:
    """The result of every path, and the cache index entries to save for them."""
    metas: list[RecordMeta | None] = [None] * len(paths)
    signatures: list[tuple[int, ...] | None] = []
    latest = 0
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            signatures.append(None)  # the reader reports it
            continue
        signatures.append(stat_signature(stat))
        latest = max(latest, int(stat.st_mtime))
    todo = []
    for index, path in enumerate(paths):
        metas[index] = _cached(path, signatures[index], cache)
        if metas[index] is None:
            todo.append(index)
    work = batches(todo, workers.jobs)
    results = workers.map(process_batch, [[str(paths[i]) for i in batch] for batch in work], size=len(todo))
    for batch, (batch_metas, cpu) in zip(work, results):
        clock.add_cpu(cpu)
        for index, meta in zip(batch, batch_metas):
            metas[index] = meta
    entries = {str(path): (signature, meta) for path, signature, meta in zip(paths, signatures, metas)
               if signature is not None and (meta.key is not None)}
    result = MapResult(paths=[str(path) for path in paths], metas=metas, latest_mtime=latest,
                       objects={meta.key: cache.objects for meta in metas if meta.key})
    return result, entries
