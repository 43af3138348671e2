"""The publish stage: from the map stage's results to every file in ``OUT``.

1. decide what is published (read, valid, not a second copy of a document already read);
2. merge the records' shared lines (runs in the workers, then one streaming merge here) with
   the dataset description;
3. write ``kg.nt``, ``kg.ttl`` and ``kg.jsonld`` in one pass, copying each record's own block
   of lines from its pieces and serializing only the shared lines (kg/scale/assemble.py);
4. validate the merged shared graph (what several records state, and the derived resources;
   only what changed since the last build, when it can),
   link the per-document Turtle from the cache, write the validation report, and bulk-load
   the query store from ``kg.nt`` on request;
5. rename everything into place only when all of it is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg import __version__
from kg.analytics import analytics_lines, listing_lines
from kg.errors import RecordError
from kg.provenance import build_time, dataset_graph
from kg.publish.atomic import atomic_path
from kg.publish.dumps import DUMP_FILES, graph_lines
from kg.publish.report import write_validation_report
from kg.scale.assemble import DumpFiles, Placed, assemble, order_blocks
from kg.scale.cache import RecordMeta
from kg.scale.chunks import DocumentLines, dump_form, merge_files, merge_unique, sort_form
from kg.scale.clock import StageClock
from kg.scale.mapstage import MapResult
from kg.scale.pieces import OwnBlock
from kg.scale.pool import Workers
from kg.scale.runs import build_run, plan_runs, remove_stale_runs
from kg.scale.recheck import check_shared_graph
from kg.scale.store import SHARED_FILE, STORE_DIR, load_store, own_change, record_loaded, swap_in, tee_lines, update_store
from kg.validate import Violation
from kg.vocab import IriMinter


@dataclass(frozen=True)
class Decision:
    meta: RecordMeta
    path: str
    error: str | None  # why it is not published, when it is not because of a read error or a duplicate

    @property
    def published(self) -> bool:
        return self.error is None and not self.meta.violations


def decide(mapped: MapResult) -> list[Decision]:
    """Each record's fate, in reading order: the first file with a document number wins."""
    seen: dict[str, str] = {}
    decisions = []
    for path, meta in zip(mapped.paths, mapped.metas):
        error = None
        if not meta.read:
            error = str(RecordError(path, meta.error_line, meta.error))
        elif meta.doc_id in seen:
            error = f"{meta.source}:{meta.doc_line}: document {meta.doc_id} was already read from {seen[meta.doc_id]}"
        else:
            seen[meta.doc_id] = meta.source
            error = meta.error  # a mapping failure, or None
        decisions.append(Decision(meta, path, error))
    return decisions


@dataclass(frozen=True)
class Published:
    """What the publish stage wrote: each record's outcome, the dumps' triples, the files, and the
    violations of the merged shared graph (:func:`kg.scale.shacl.validate_shared_graph`)."""

    outcomes: list
    triples: int
    files: list[Path]
    graph_violations: tuple[Violation, ...]


class _Stamp:
    """Stands for an input file in :func:`kg.provenance.build_time`, which wants its mtime."""

    def __init__(self, mtime: int) -> None:
        self.st_mtime = mtime

    def stat(self) -> "_Stamp":
        return self


def fingerprint(published: list[RecordMeta], base: str) -> str:
    """Identifies the published data: kg's version, the base IRI and every chunk's digest."""
    digest = hashlib.sha256(f"kg {__version__}\n{base}\n".encode())
    for meta in sorted(published, key=lambda meta: meta.digest):
        digest.update(meta.digest.encode() + b"\n")
    return digest.hexdigest()[:16]


def description_lines(published: list[RecordMeta], minter: IriMinter, latest_mtime: int) -> list[str]:
    graph = dataset_graph(minter, sources=sorted(meta.source for meta in published),
                          fingerprint=fingerprint(published, minter.base), ended=build_time([_Stamp(latest_mtime)]))
    return sorted(sort_form(line) for line in graph_lines(graph))


def _link(source: Path, target: Path) -> None:
    """``target`` becomes ``source``'s content: a hard link when possible, else a copy."""
    if target.exists() and os.path.samefile(source, target):
        return
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        temporary.write_bytes(source.read_bytes())
    os.replace(temporary, target)


def write_documents(published: list[RecordMeta], mapped: MapResult, folder: Path) -> list[Path]:
    """One Turtle file per published document (from the cache); files of other documents removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for meta in published:
        target = folder / f"{meta.doc_id}.ttl"
        _link(mapped.turtle(meta.key), target)
        written.append(target)
    keep = set(written)
    for stale in folder.glob("*.ttl"):
        if stale not in keep:
            stale.unlink()
    return written


def _shared_lines(published: list[RecordMeta], mapped: MapResult, extra: Iterable[str], runs_dir: Path,
                  workers: Workers) -> Iterator[str]:
    """The shared lines of all published records and ``extra``, sorted, each once.

    The records' shared lines are first merged per bucket into runs (in the workers, and kept
    for the next build: only the bucket of a changed record is merged again), then here.
    """
    runs_dir.mkdir(parents=True, exist_ok=True)
    plan = plan_runs([meta.key for meta in published], runs_dir, mapped.shared)
    # Only missing runs are merged, and a pool is started for many of them, not for the one
    # bucket of a small change: started that late, the pool only added memory (an incremental
    # build at 10,000 records: 0.30 GiB without, 0.40 GiB with; a 1.4 GiB worker at 100,000).
    missing = [(str(run), [str(c) for c in chunks]) for run, chunks in plan if not run.exists()]
    list(workers.map(_build_run, missing, size=len(missing)))
    built = [run for run, _ in plan]
    remove_stale_runs(runs_dir, set(built))
    scratch = runs_dir / "merge"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    return merge_unique([merge_files(built, scratch=scratch), iter(extra)])


def _build_run(job: tuple[str, list[str]]) -> str:
    return build_run(*job)


def _write_dumps(published: list[RecordMeta], mapped: MapResult, shared: Iterator[str], targets: list[Path],
                 base: str) -> int:
    """kg.nt, kg.ttl and kg.jsonld at ``targets``, from the pieces and the shared lines; the triple count."""
    copied, merged = order_blocks(Placed(meta.block, mapped.pieces(meta.key)) for meta in published)
    with contextlib.ExitStack() as stack:
        handles = [stack.enter_context(target.open("wb")) for target in targets]
        return assemble(copied, merged, shared, DumpFiles(*handles, base=base))


def publish(mapped: MapResult, out: Path, *, minter: IriMinter, workers: Workers, clock: StageClock,
            runs_dir: Path, store: bool = False,
            previous: Mapping[str, tuple[Path, OwnBlock]] = {}) -> Published:
    """Write every output.

    ``previous`` (the last build's records: content key -> pieces, own block) lets the store be
    updated rather than reloaded (kg/scale/store.py).
    """
    from kg.build import RecordOutcome

    decisions = decide(mapped)
    published = [d.meta for d in decisions if d.published]
    documents = out / "documents"
    outcomes = [RecordOutcome(source=d.meta.source, doc_id=d.meta.doc_id, violations=d.meta.violations, error=d.error,
                              lines=DocumentLines(documents / f"{d.meta.doc_id}.ttl") if d.published else ())
                for d in decisions]
    out.mkdir(parents=True, exist_ok=True)
    store_dir, new_store, snapshot = out / STORE_DIR, out / f".{STORE_DIR}.new", out / f".{SHARED_FILE}.new"
    placed = {meta.key: (mapped.pieces(meta.key), meta.block) for meta in published}
    change = own_change(store_dir, minter.base, placed, previous) if store else None
    with contextlib.ExitStack() as outer, contextlib.ExitStack() as stack:
        outer.callback(snapshot.unlink, missing_ok=True)  # used (and renamed) by then, unless the build failed
        stack.callback(shutil.rmtree, new_store, ignore_errors=True)  # a failed build leaves no half store
        with clock("analytics"):
            extra = description_lines(published, minter, mapped.latest_mtime)
            facts = [meta.facts for meta in published if meta.facts]
            extra = sorted(extra + analytics_lines(facts, base=minter.base, other_lines=map(dump_form, extra)))
            # The listings are millions of lines at scale: streamed from sorted runs, not a list.
            extra = heapq.merge(extra, listing_lines(facts, base=minter.base, scratch=runs_dir / "listings"))
        with clock("merge shared lines"):
            shared = _shared_lines(published, mapped, extra, runs_dir, workers)
            if store:  # the store keeps the shared lines it holds, to update itself next time
                shared = tee_lines(shared, snapshot)
            shared_graph = runs_dir / "shared-graph.nt"  # what the records share, to validate merged
            outer.callback(shared_graph.unlink, missing_ok=True)
            shared = tee_lines(shared, shared_graph, form=dump_form)
        with clock("write dumps"):
            targets = [stack.enter_context(atomic_path(out / name)) for name in ("kg.nt", "kg.ttl", "kg.jsonld")]
            triples = _write_dumps(published, mapped, shared, targets, minter.base)
        workers.release()  # the rest runs apart: idle workers would only hold memory beside it
        # Each record was validated alone; what they share, merged, and the derived resources are
        # checked once here (only where it changed since the last build, when it can:
        # kg/scale/recheck.py), in a process of its own while this one links the documents (for
        # a small build, here and now: both parts of the clock's stage). That process exits when
        # done, so the memory the check leaves behind is free before the store is loaded.
        with clock("validate shared graph"):
            checked = workers.submit_apart(check_shared_graph, str(shared_graph), workers.settings.engine,
                                           str(runs_dir / "checked"), workers.settings.settings, size=len(published))
        with clock("documents"):
            files = write_documents(published, mapped, documents)
        with clock("validate shared graph"):
            check = checked.result()
            graph_violations = check.violations
        clock.add(f"shared graph: {check.method}", check.seconds)  # which way it went, for kg bench
        with clock("report"):
            files.append(write_validation_report(outcomes, out / "validation.ttl", minter=minter,
                                                 graph_violations=graph_violations))
        reload = store and change is None
        if reload:  # after the check, not beside it: both hold memory
            with clock("store: load"):
                shutil.rmtree(new_store, ignore_errors=True)
                workers.submit_apart(load_store, str(targets[0]), str(new_store), size=len(published)).result()
                record_loaded(new_store, snapshot, frozenset(placed), minter.base)
        with clock("sync"):
            # The per-document files are the cache's, written without fsync (one per record would
            # cost more than the build): one sync makes them durable before the dumps are renamed.
            os.sync()
        if reload:
            swap_in(new_store, store_dir)
        stack.close()  # the dumps are in place: now the store follows them
        if change is not None:
            with clock("store: update"):
                update_store(store_dir, change, snapshot, frozenset(placed), minter.base)
    return Published(outcomes, triples, [out / name for name in DUMP_FILES] + files, graph_violations)


__all__ = ["Decision", "Published", "decide", "description_lines", "fingerprint", "publish", "write_documents"]
