"""``kg build``: read -> map -> validate -> publish, for a folder of archive records.

One bad record never stops the rest: a record that cannot be read, or whose
graph violates the shapes, is reported and left out; everything valid is
published.  Dumps are written atomically and deterministically.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.assets import asset_dir
from kg.describe import write_description
from kg.entities import Authority, entity_stage, load_authority
from kg.errors import RecordError, UsageError
from kg.mapper import map_record
from kg.provenance import build_time, dataset_graph
from kg.publish import graph_lines, sort_lines, write_dumps, write_turtle
from kg.publish.report import write_validation_report
from kg.reader import read_records, record_paths
from kg.records import Record
from kg.validate import Violation, validate
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
    lines: tuple[str, ...] = ()
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
        return not self.rejected


def map_and_validate(record: Record, *, minter: IriMinter, authority: Authority) -> RecordOutcome:
    """Map one record, add its entities, and validate its graph alone (the shapes are record-local)."""
    try:
        graph = map_record(record, minter=minter, resolver=authority.resolver)
        graph += entity_stage(record, minter=minter, authority=authority)
    except Exception as error:  # noqa: BLE001 - a mapper bug must not stop the other records
        return RecordOutcome(source=record.source.name, doc_id=record.doc_id.value,
                             error=f"{record.source.name}: kg could not map this record "
                                   f"({type(error).__name__}: {error}); please report it as a kg bug")
    report = validate(graph)
    return RecordOutcome(
        source=record.source.name,
        doc_id=record.doc_id.value,
        lines=tuple(graph_lines(graph)),
        violations=report.violations,
    )


def _outcomes(records: Iterable[Record | RecordError], minter: IriMinter, authority: Authority) -> list[RecordOutcome]:
    outcomes: list[RecordOutcome] = []
    seen: dict[str, str] = {}
    for item in records:
        if isinstance(item, RecordError):
            outcomes.append(RecordOutcome(source=Path(item.path).name, error=str(item)))
            continue
        doc_id = item.doc_id.value
        if doc_id in seen:
            message = f"{item.source.name}:{item.doc_id.line}: document {doc_id} was already read from {seen[doc_id]}"
            outcomes.append(RecordOutcome(source=item.source.name, doc_id=doc_id, error=message))
            continue
        seen[doc_id] = item.source.name
        outcomes.append(map_and_validate(item, minter=minter, authority=authority))
    return outcomes


def build(
    inputs: Path | Iterable[Path] | None = None,
    out: Path = DEFAULT_OUT,
    *,
    base: str = DEFAULT_BASE_IRI,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (a folder or files) into ``out``."""
    minter = IriMinter(base)
    paths = _input_paths(inputs if inputs is not None else default_input())
    outcomes = _outcomes(read_records(paths), minter, load_authority())
    published = [outcome for outcome in outcomes if outcome.published]
    data_lines = {line for outcome in published for line in outcome.lines}
    description = dataset_graph(
        minter,
        sources=sorted(outcome.source for outcome in published),
        fingerprint=_fingerprint(data_lines, base),
        ended=build_time(paths),
    )
    lines = sort_lines(data_lines | set(graph_lines(description)))
    out = Path(out)
    files = write_dumps(lines, out, base=base)
    files.append(write_description(out, base=base))
    files += _write_documents(published, out / "documents", base=base)
    files.append(write_validation_report(outcomes, out / "validation.ttl", minter=minter))
    return BuildResult(out_dir=out, outcomes=tuple(outcomes), triples=len(lines), files=tuple(files))


def _input_paths(inputs: Path | Iterable[Path]) -> list[Path]:
    items = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    for item in items:
        if not item.exists():
            raise UsageError(f"input {item} does not exist")
    paths, unlistable = record_paths(items)
    if unlistable:
        raise UsageError(str(unlistable[0]))
    return paths


def _fingerprint(lines: set[str], base: str) -> str:
    digest = hashlib.sha256(f"kg {__version__}\n{base}\n".encode())
    for line in sorted(lines):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


def _write_documents(published: list[RecordOutcome], folder: Path, *, base: str) -> list[Path]:
    """One Turtle file per document; files of documents no longer built are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for outcome in published:
        target = folder / f"{outcome.doc_id}.ttl"
        write_turtle(list(outcome.lines), target, base=base)
        written.append(target)
    keep = set(written)
    for stale in folder.glob("*.ttl"):
        if stale not in keep:
            os.remove(stale)
    return written


__all__ = ["BuildResult", "DEFAULT_OUT", "RecordOutcome", "build", "default_input", "map_and_validate"]
