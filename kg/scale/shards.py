"""Sharded builds: the map stage over one part of the input, and publishing many parts at once.

``kg build --shard i/n --out SHARD`` maps the i-th of n contiguous parts of the sorted input
list into ``SHARD`` (its cache, plus ``shard.pickle``: what became of each record).  Shards are
independent, so any scheduler can run them on any machines that see the same input listing
(docs/scale.md has a concurrent.futures and a Dask example).  ``kg build --merge SHARD ...
--out OUT`` then publishes them together; the result is byte-identical to a one-machine build,
because the parts are contiguous in reading order and every other step is deterministic.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from kg.build import BuildResult, RecordOutcome
from kg.errors import UsageError
from kg.scale.mapstage import MapResult
from kg.scale.publish import decide

SHARD_FILE = "shard.pickle"
_FORMAT = 1


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/8"`` -> ``(2, 8)``: the second of eight parts, counted from 1."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard takes I/N, e.g. 2/8, not {text!r}") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {text}: I must be between 1 and N")
    return index, count


def select_shard(paths: list, shard: tuple[int, int]) -> list:
    """The ``index``-th of ``count`` contiguous, nearly equal parts of ``paths``."""
    index, count = shard
    if not 1 <= index <= count:
        raise UsageError(f"shard {index}/{count}: the index must be between 1 and {count}")
    return paths[len(paths) * (index - 1) // count: len(paths) * index // count]


def save_shard(mapped: MapResult, out: Path, settings: str, objects: Path) -> BuildResult:
    """Write ``out/shard.pickle``; the result lists the records with nothing published yet.

    ``objects`` (the cache's) is recorded relative to ``out`` when inside it, so a shard
    folder can be copied to the machine that merges.
    """
    out.mkdir(parents=True, exist_ok=True)
    shard = {"format": _FORMAT, "settings": settings, "paths": mapped.paths, "metas": mapped.metas,
             "latest_mtime": mapped.latest_mtime, "objects": os.path.relpath(objects.resolve(), out.resolve())}
    temporary = out / f".{SHARD_FILE}.tmp"
    with temporary.open("wb") as handle:
        pickle.dump(shard, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(out / SHARD_FILE)
    outcomes = tuple(RecordOutcome(source=d.meta.source, doc_id=d.meta.doc_id, violations=d.meta.violations,
                                   error=d.error) for d in decide(mapped))
    return BuildResult(out_dir=out, outcomes=outcomes, triples=sum(m.lines for m in mapped.metas if m.has_pieces))


def load_shards(folders: list[Path], settings: str) -> MapResult:
    """The shards' map results as one, in the order given (give them in shard order)."""
    merged = MapResult(paths=[], metas=[])
    for folder in folders:
        try:
            with (folder / SHARD_FILE).open("rb") as handle:
                shard = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError) as error:
            raise UsageError(f"{folder} is not a kg shard (no readable {SHARD_FILE}): {error}") from None
        if shard.get("format") != _FORMAT or shard.get("settings") != settings:
            raise UsageError(f"{folder} was mapped by another kg version or with other settings "
                             "(base IRI, engine, shapes, authority); map it again")
        merged.paths += shard["paths"]
        merged.metas += shard["metas"]
        merged.latest_mtime = max(merged.latest_mtime, shard["latest_mtime"])
        objects = folder / shard["objects"]
        merged.objects.update({meta.key: objects for meta in shard["metas"] if meta.key})
    return merged
