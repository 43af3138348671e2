"""Build an archive as independent shards, then merge them: the pattern a cluster scheduler runs.

    python benchmarks/sharded_build.py RECORDS OUT [--shards 4] [--workers 2]

Each shard is ``build(records, shard_dir, shard=(i, n))``: the map stage (read, map, entities,
validate) over the i-th contiguous part of the sorted input, written to its own folder.  Shards
share nothing, so any executor can run them — here ``concurrent.futures`` on this machine; with
Dask or Spark the same function runs on many machines (docs/scale.md).  The merge publishes
all shards at once; its output is byte-identical to ``kg build --input RECORDS --out OUT``.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.build import build  # noqa: E402  (after the path is set)


def map_shard(records: str, shard_dir: str, index: int, count: int) -> str:
    """One shard's map stage; returns its folder.  Needs only RECORDS and a folder to write."""
    result = build(Path(records), Path(shard_dir), shard=(index, count), jobs=1)
    return f"shard {index}/{count}: {result.records_read} records, {len(result.rejected)} rejected"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    shard_dirs = [args.out.with_name(f"{args.out.name}-shard{i}") for i in range(1, args.shards + 1)]
    with ProcessPoolExecutor(args.workers) as executor:
        jobs = [executor.submit(map_shard, str(args.records), str(folder), i, args.shards)
                for i, folder in enumerate(shard_dirs, start=1)]
        for job in jobs:
            print(job.result())
    result = build(None, args.out, merge=shard_dirs)
    print(f"merged: {len(result.published)} published, {len(result.rejected)} rejected, "
          f"{result.triples} triples -> {args.out}")


if __name__ == "__main__":
    main()
