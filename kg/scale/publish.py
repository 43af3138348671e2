"""The publish stage: from the map stage's results to every file in ``OUT``.

1. decide what is published (read, valid, not a second copy of a document already read);
2. merge the published chunks (runs in the workers, then one streaming merge here) together
   with the dataset description into ``kg.nt``;
3. stream ``kg.nt`` into ``kg.ttl``, ``kg.jsonld`` and, on request, the query store, in
   parallel; link the per-document Turtle from the cache; write the validation report;
4. rename everything into place only when all of it is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg import __version__
from kg.analytics import analytics_lines
from kg.errors import RecordError
from kg.provenance import build_time, dataset_graph
from kg.publish.atomic import atomic_path
from kg.publish.dumps import DUMP_FILES, graph_lines, write_dump
from kg.publish.parts import write_in_parts
from kg.publish.report import write_validation_report
from kg.scale.cache import RecordMeta
from kg.scale.chunks import DocumentLines, dump_form, merge_files, merge_unique, sort_form
from kg.scale.clock import StageClock
from kg.scale.mapstage import MapResult
from kg.scale.pool import Workers
from kg.scale.runs import build_run, plan_runs, remove_stale_runs
from kg.scale.store import STORE_DIR, load_store, swap_in
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


def _merge(published: list[RecordMeta], mapped: MapResult, extra: list[str], runs_dir: Path,
           workers: Workers) -> list:
    """Sorted streams to merge: the runs of the published chunks (built in the workers), ``extra`` lines."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    plan = plan_runs([meta.key for meta in published], runs_dir, mapped.chunk)
    built = list(workers.map(_build_run, [(str(run), [str(c) for c in chunks]) for run, chunks in plan],
                             size=len(published)))
    remove_stale_runs(runs_dir, {Path(run) for run in built})
    scratch = runs_dir / "merge"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    return [merge_files([Path(run) for run in built], scratch=scratch), iter(extra)]


def _build_run(job: tuple[str, list[str]]) -> str:
    return build_run(*job)


def _write_ntriples(lines, path: Path, *, batch: int = 4096) -> int:
    """Write sort-form lines as kg.nt; the number of lines.  Joined in batches: one write per line is slower."""
    count = 0
    pending: list[str] = []
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            pending.append(dump_form(line))
            if len(pending) == batch:
                handle.write("\n".join(pending) + "\n")
                count, pending = count + len(pending), []
        if pending:
            handle.write("\n".join(pending) + "\n")
    return count + len(pending)


def _start_dump(name: str, ntriples: Path, target: Path, base: str, workers: Workers, scratch: Path):
    """Start writing a dump from kg.nt: in parallel parts when there are worker processes."""
    if workers.parallel:
        return write_in_parts(name, ntriples, target, base=base, parts=workers.jobs, submit=workers.submit,
                              scratch=scratch)
    write_dump(name, ntriples, target, base)
    return lambda: None


def publish(mapped: MapResult, out: Path, *, minter: IriMinter, workers: Workers, clock: StageClock,
            runs_dir: Path, store: bool = False) -> tuple[list, int, list[Path]]:
    """Write every output; ``(outcomes, triples, files)``."""
    from kg.build import RecordOutcome

    decisions = decide(mapped)
    published = [d.meta for d in decisions if d.published]
    documents = out / "documents"
    outcomes = [RecordOutcome(source=d.meta.source, doc_id=d.meta.doc_id, violations=d.meta.violations, error=d.error,
                              lines=DocumentLines(documents / f"{d.meta.doc_id}.ttl") if d.published else ())
                for d in decisions]
    out.mkdir(parents=True, exist_ok=True)
    new_store = out / f".{STORE_DIR}.new"
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, new_store, ignore_errors=True)  # a failed build leaves no half store
        with clock("analytics"):
            extra = description_lines(published, minter, mapped.latest_mtime)
            extra = sorted(extra + analytics_lines([meta.facts for meta in published if meta.facts],
                                                   base=minter.base, other_lines=map(dump_form, extra)))
        with clock("merge"):
            sources = _merge(published, mapped, extra, runs_dir, workers)
            ntriples = stack.enter_context(atomic_path(out / "kg.nt"))
            triples = _write_ntriples(merge_unique(sources), ntriples)
        with clock("write dumps"):
            shutil.rmtree(runs_dir / "parts", ignore_errors=True)  # pieces a failed build left
            finishers = [_start_dump(name, ntriples, stack.enter_context(atomic_path(out / name)), minter.base,
                                     workers, runs_dir / "parts") for name in ("kg.ttl", "kg.jsonld")]
            if store:
                shutil.rmtree(new_store, ignore_errors=True)
                finishers.append(workers.submit(load_store, str(ntriples), str(new_store)).result)
            files = write_documents(published, mapped, documents)
            files.append(write_validation_report(outcomes, out / "validation.ttl", minter=minter))
            for finish in finishers:
                finish()
            # The per-document files are the cache's, written without fsync (one per record would
            # cost more than the build): one sync makes them durable before the dumps are renamed.
            os.sync()
            if store:
                swap_in(new_store, out / STORE_DIR)
    return outcomes, triples, [out / name for name in DUMP_FILES] + files


__all__ = ["Decision", "decide", "description_lines", "fingerprint", "publish", "write_documents"]
