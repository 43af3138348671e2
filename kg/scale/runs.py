"""From per-record chunks to one sorted stream: runs, merged once.

Published records are spread over *buckets* by their content key, so a bucket's members
(and its run: the sorted union of their chunks) change only when one of its own records
changes.  Runs are cached under ``OUT/.cache/runs/`` by the keys of their members: an
incremental build re-merges only the bucket of the changed record, then merges the runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from kg.scale.chunks import merge_unique, read_lines, write_lines

RECORDS_PER_RUN = 400


def bucket_count(records: int) -> int:
    """A power of two near ``records / RECORDS_PER_RUN``: stable while the archive grows a little."""
    wanted = max(1, records // RECORDS_PER_RUN)
    return 1 << (wanted.bit_length() - 1)


def plan_runs(keys: Sequence[str], runs_dir: Path, chunk_path) -> list[tuple[Path, list[Path]]]:
    """``(run file, member chunk files)`` for every non-empty bucket of ``keys``."""
    buckets: dict[int, list[str]] = {}
    count = bucket_count(len(keys))
    for key in keys:
        buckets.setdefault(int(key[:8], 16) % count, []).append(key)
    plan = []
    for number in sorted(buckets):
        members = sorted(buckets[number])
        name = hashlib.sha256("\n".join(members).encode()).hexdigest()
        plan.append((runs_dir / f"{name}.nt", [chunk_path(key) for key in members]))
    return plan


def build_run(target: str, chunks: list[str]) -> str:
    """Merge chunk files into the sorted run ``target`` (skipped when it is already there)."""
    if not os.path.exists(target):
        write_lines(merge_unique([read_lines(Path(chunk)) for chunk in chunks]), Path(target))
    return target


def remove_stale_runs(runs_dir: Path, keep: set[Path]) -> None:
    for run in runs_dir.glob("*.nt"):
        if run not in keep:
            run.unlink(missing_ok=True)
