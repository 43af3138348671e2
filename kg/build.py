"""``kg build``: read -> map -> recognise entities -> validate -> publish, for a folder of records.

One bad record never stops the rest: a record that cannot be read, or whose
graph violates the shapes, is reported and left out; everything valid is
published.  Dumps are written atomically and deterministically.

At archive scale (docs/scale.md) the build is two stages, both in ``kg/scale/``:

* the *map* stage turns each record, alone, into a sorted N-Triples chunk and its
  violations, in worker processes (``jobs``), keeping every result in a content-keyed
  cache (``OUT/.cache``) so an unchanged record is never processed twice;
* the *publish* stage merges the chunks by streaming (never one graph of everything)
  and writes the dumps, the per-document files, the report and, on request, the store.

A shard (``shard=(i, n)``) runs only the map stage on its part of the input; a build
with ``merge=[shard folders]`` runs only the publish stage over them.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.assets import asset_dir
from kg.entities import Authority
from kg.errors import UsageError
from kg.publish import graph_lines
from kg.records import Record
from kg.scale.clock import StageClock
from kg.triples import Triples
from kg.validate import ENGINES, Violation, validate
from kg.vocab import DEFAULT_BASE_IRI, IriMinter

DEFAULT_OUT = Path("dist")


def default_input() -> Path:
    """``./seeds`` when run in a checkout, else the seed corpus bundled with kg."""
    local = Path("seeds")
    return local if local.is_dir() else asset_dir("seeds")


@dataclass(frozen=True)
class RecordOutcome:
    """What became of one record: its graph's lines if published, else why not."""

    source: str
    doc_id: str | None = None
    lines: Sequence[str] = ()  # read on demand from documents/N.ttl (kg.scale.chunks.DocumentLines)
    violations: tuple[Violation, ...] = ()
    error: str | None = None

    @property
    def published(self) -> bool:
        return self.error is None and not self.violations


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    outcomes: tuple[RecordOutcome, ...]
    triples: int
    files: tuple[Path, ...] = field(default=())
    # Violations of the merged graph that no record shows alone (kg.scale.shacl.validate_shared_graph).
    graph_violations: tuple[Violation, ...] = ()

    @property
    def records_read(self) -> int:
        return len(self.outcomes)

    @property
    def published(self) -> tuple[RecordOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.published)

    @property
    def rejected(self) -> tuple[RecordOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.published)

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(v for outcome in self.outcomes for v in outcome.violations)

    @property
    def ok(self) -> bool:
        """Every record published, and the merged graph conforms."""
        return not self.rejected and not self.graph_violations


def map_and_validate(record: Record, *, minter: IriMinter, authority: Authority) -> RecordOutcome:
    """Map one record, add its entities, and validate its graph alone (the shapes are record-local)."""
    from kg.scale.worker import mapping_failure, record_graphs

    try:
        graph = Triples(triple for part in record_graphs(record, minter=minter, authority=authority)
                        for triple in part).graph(minter.base)
    except Exception as error:  # noqa: BLE001 - a mapper bug must not stop the other records
        return RecordOutcome(source=record.source.name, doc_id=record.doc_id.value,
                             error=mapping_failure(record, error))
    report = validate(graph)
    return RecordOutcome(
        source=record.source.name,
        doc_id=record.doc_id.value,
        lines=tuple(graph_lines(graph)),
        violations=report.violations,
    )


def build(
    inputs: Path | Iterable[Path] | None = None,
    out: Path = DEFAULT_OUT,
    *,
    base: str = DEFAULT_BASE_IRI,
    jobs: int | None = None,
    engine: str | None = None,
    cache: Path | None = None,
    store: bool = False,
    shard: tuple[int, int] | None = None,
    merge: Sequence[Path] = (),
    timings: dict[str, float] | None = None,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (a folder or files) into ``out``.

    ``jobs`` worker processes (default: one per core) map and validate the records with
    ``engine`` ("kg", kg's own engine and the default, "turbo" for pyshacl-turbo, or "pyshacl",
    the reference).  ``cache`` (a folder, one per output folder) keeps per-record results for
    incremental rebuilds; ``store`` also bulk-loads ``out/store`` for ``kg query``.  ``shard=(i, n)``
    (1-based) runs only the map stage over the i-th of n contiguous parts of the input, into
    ``out``; ``merge`` publishes shard folders made that way.  ``timings``, when given, receives
    the wall seconds of each stage and the workers' CPU seconds per sub-stage (``cpu:...``).
    """
    from kg.scale.cache import BuildCache, settings_fingerprint
    from kg.scale.pool import Workers, resolve_jobs
    from kg.scale.publish import publish
    from kg.scale.shacl import default_engine
    from kg.scale.shards import load_shards, save_shard
    from kg.scale.worker import WorkerSettings

    minter, out, clock = IriMinter(base), Path(out), StageClock(timings)
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}; use one of: {', '.join(ENGINES)}")
    settings = settings_fingerprint(base=base, engine=engine)
    # A shard keeps its results in its own folder: they are what it hands to the merge.
    with _cache_root(out, cache or (out if shard else None)) as root:
        build_cache = BuildCache.open(root, settings)
        worker_settings = WorkerSettings(base=base, engine=engine, settings=settings, objects=str(build_cache.objects))
        with Workers(resolve_jobs(jobs), worker_settings) as workers:
            if merge:
                mapped, entries = load_shards([Path(folder) for folder in merge], settings), None
            else:
                mapped, entries = _map_inputs(inputs, shard, build_cache, workers, clock)
            if shard:
                build_cache.save(entries)
                return save_shard(mapped, out, settings, build_cache.objects)
            previous = {key: (build_cache.object_path(key, ""), meta.block)
                        for key, meta in build_cache.by_key.items() if meta.block is not None}
            published = publish(mapped, out, minter=minter, workers=workers, clock=clock,
                                runs_dir=root / "runs", store=store, previous=previous)
            if entries is not None:
                build_cache.save(entries)
    return BuildResult(out_dir=out, outcomes=tuple(published.outcomes), triples=published.triples,
                       files=tuple(published.files), graph_violations=published.graph_violations)


def _map_inputs(inputs, shard, build_cache, workers, clock: StageClock):
    from kg.scale.mapstage import map_stage
    from kg.scale.shards import select_shard

    with clock("scan"):
        paths = _input_paths(inputs if inputs is not None else default_input())
        paths = select_shard(paths, shard) if shard else paths
    with clock("map"):
        return map_stage(paths, build_cache, workers, clock)


@contextlib.contextmanager
def _cache_root(out: Path, cache: Path | None) -> Iterator[Path]:
    """The cache folder, or a scratch folder inside ``out`` removed when the build ends."""
    if cache is not None:
        yield Path(cache)
        return
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kg-scratch-", dir=out) as scratch:
        yield Path(scratch)


def _input_paths(inputs: Path | Iterable[Path]) -> list[Path]:
    """The record files, in the order the reader reads them (by file name)."""
    items = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    paths: list[Path] = []
    for item in items:
        if item.is_dir():
            paths += [p for p in item.iterdir() if p.is_file() and p.suffix in {".txt", ".md"}]
        elif item.is_file():
            paths.append(item)
        else:
            raise UsageError(f"input {item} does not exist")
    return sorted(paths, key=lambda path: (path.name, str(path)))


__all__ = ["BuildResult", "DEFAULT_OUT", "RecordOutcome", "build", "default_input", "map_and_validate"]
