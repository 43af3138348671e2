"""How fast the reader reads: ms per record for ``read_record`` over a folder of records.

    python benchmarks/reader.py [FOLDER] [--passes 5] [--profile] [--limit N]
    python benchmarks/reader.py [FOLDER] --save-reference FILE   # before changing the reader
    python benchmarks/reader.py [FOLDER] --check-reference FILE  # after: is every answer the same?

FOLDER defaults to a 2,000-record synthetic archive in the temporary directory (made
with ``kg.synth`` if missing).  The first pass runs with cold caches (language and
country lookups, pycountry's data), as a build's first records do, and is reported on
its own; then each pass reads every file once and the median is reported, because the
machine is shared and single passes are noisy.  ``--profile`` adds a cProfile of one
more pass.  A reference is every file's answer (the record's repr, which includes its
warnings, or the error's message), pickled.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.errors import RecordError  # noqa: E402  (after the path is set)
from kg.reader import read_record, record_paths  # noqa: E402
from kg.synth import generate  # noqa: E402

DEFAULT_FOLDER = Path(tempfile.gettempdir()) / "reader-syn"
DEFAULT_RECORDS = 2000


def read_all(paths: list[Path]) -> None:
    for path in paths:
        try:
            read_record(path)
        except RecordError:
            pass  # the malformed records count: rejecting them is part of reading


def answers(paths: list[Path]) -> dict[str, str]:
    """Each file's answer as text: what a change to the reader must leave as it is."""
    found = {}
    for path in paths:
        try:
            found[path.name] = repr(read_record(path))
        except RecordError as error:
            found[path.name] = f"RecordError: {error}"
    return found


def check_reference(paths: list[Path], reference_file: Path) -> bool:
    reference = pickle.loads(reference_file.read_bytes())
    now = answers(paths)
    differing = sorted(name for name in reference.keys() | now.keys() if reference.get(name) != now.get(name))
    for name in differing[:5]:
        print(f"{name} differs:\n  was: {reference.get(name, '(absent)')[:500]}\n  now: {now.get(name, '(absent)')[:500]}")
    print(f"{len(now) - len(differing)} of {len(now)} answers as in {reference_file}; {len(differing)} differ")
    return not differing


def timed_passes(paths: list[Path], passes: int) -> list[float]:
    """Milliseconds per record of each pass."""
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        read_all(paths)
        times.append((time.perf_counter() - start) * 1000 / len(paths))
    return times


def profile(paths: list[Path], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(read_all, paths)
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_FOLDER)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N files")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=30, help="profile rows to print")
    parser.add_argument("--save-reference", type=Path, metavar="FILE", help="pickle every file's answer to FILE")
    parser.add_argument("--check-reference", type=Path, metavar="FILE", help="compare every answer with FILE")
    args = parser.parse_args(argv)

    if args.folder == DEFAULT_FOLDER:
        generate(args.folder, DEFAULT_RECORDS)
    paths = record_paths(args.folder)[0][: args.limit]
    if args.save_reference:
        args.save_reference.write_bytes(pickle.dumps(answers(paths)))
        print(f"saved {len(paths)} answers to {args.save_reference}")
        return
    if args.check_reference:
        sys.exit(0 if check_reference(paths, args.check_reference) else 1)
    [cold] = timed_passes(paths, 1)
    times = timed_passes(paths, args.passes)
    print(f"read_record: {statistics.median(times):.3f} ms/record (median of {args.passes} passes over "
          f"{len(paths)} files; passes: {', '.join(f'{t:.3f}' for t in times)}); first pass, cold caches: "
          f"{cold:.3f} ms/record")
    if args.profile:
        profile(paths, args.top)


if __name__ == "__main__":
    main()
