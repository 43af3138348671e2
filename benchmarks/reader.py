"""How fast the reader reads: ms per record for ``read_record`` over a folder of records.

    python benchmarks/reader.py [FOLDER] [--passes 5] [--profile] [--limit N]
    python benchmarks/reader.py [FOLDER] --against CHECKOUT    # this reader and another, same run
    python benchmarks/reader.py [FOLDER] --save-reference FILE   # before changing the reader
    python benchmarks/reader.py [FOLDER] --check-reference FILE  # after: is every answer the same?

FOLDER defaults to a 2,000-record synthetic archive in the temporary directory (made
with ``kg.synth`` if missing).  Times are this process's CPU time, not wall time: on a
shared machine, time spent waiting for a core is not the reader's.  The first pass runs
with cold caches (language and country lookups, pycountry's data), as a build's first
records do, and is reported on its own; then each pass reads every file once, and the
median pass is reported.  ``--against`` loads the kg package of another checkout (say
``git worktree add /tmp/before HEAD~3``) beside this one, and the two readers take turns
on every 50 files, so that both see the same load.  ``--profile`` adds a cProfile of one
more pass.  A reference is every file's answer (the record's repr, which includes its
warnings, or the error's message), pickled.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

import kg.errors  # noqa: E402  (after the path is set)
import kg.reader  # noqa: E402
from kg.synth import generate  # noqa: E402

DEFAULT_FOLDER = Path(tempfile.gettempdir()) / "reader-syn"
DEFAULT_RECORDS = 2000


@dataclass(frozen=True)
class Reader:
    """One checkout's ``read_record`` and the error class it raises."""

    name: str
    read_record: Callable[[Path], object]
    error: type[Exception]


def this_reader() -> Reader:
    return Reader("this checkout", kg.reader.read_record, kg.errors.RecordError)


def reader_from(checkout: Path) -> Reader:
    """The reader of the kg package in ``checkout``, imported beside this checkout's own."""
    own = {name: module for name, module in sys.modules.items() if name == "kg" or name.startswith("kg.")}
    for name in own:
        del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        reader = Reader(str(checkout), importlib.import_module("kg.reader").read_record,
                        importlib.import_module("kg.errors").RecordError)
    finally:
        sys.path.remove(str(checkout))
        for name in [name for name in sys.modules if name == "kg" or name.startswith("kg.")]:
            del sys.modules[name]  # the other checkout's modules live on in its functions only
        sys.modules.update(own)
    return reader


def read_all(reader: Reader, paths: list[Path]) -> None:
    for path in paths:
        try:
            reader.read_record(path)
        except reader.error:
            pass  # the malformed records count: rejecting them is part of reading


def ms_per_record(reader: Reader, paths: list[Path]) -> float:
    """CPU time per record, not wall time: on a shared machine, time spent waiting for a core is not the reader's."""
    start = time.process_time()
    read_all(reader, paths)
    return (time.process_time() - start) * 1000 / len(paths)


CHUNK = 50  # files a reader reads in one turn


def interleaved_times(readers: list[Reader], paths: list[Path], passes: int) -> list[list[list[float]]]:
    """Each reader's CPU seconds for each chunk of files in each of ``passes`` passes.

    In every pass the readers take turns chunk by chunk (the first one first on even
    chunks, last on odd ones), so that a change of the machine's load falls on all of them
    alike; a pass reads every file once, so that no cache holds what the last pass read.
    """
    chunks = [paths[start: start + CHUNK] for start in range(0, len(paths), CHUNK)]
    times = [[[] for _ in chunks] for _ in readers]
    for _ in range(passes):
        for number, chunk in enumerate(chunks):
            for index, reader in list(enumerate(readers))[:: 1 if number % 2 == 0 else -1]:
                start = time.process_time()
                read_all(reader, chunk)
                times[index][number].append(time.process_time() - start)
    return times


def compare(readers: list[Reader], paths: list[Path], passes: int) -> None:
    """A cold pass of each reader, then ``passes`` passes of all, taking turns on each chunk of files.

    Reported per reader: the sum over chunks of the median time, and of the fastest time
    (other processes only ever add time, so the fastest is the steadiest measure of all).
    """
    cold = [ms_per_record(reader, paths) for reader in readers]
    times = interleaved_times(readers, paths, passes)
    medians = [sum(map(statistics.median, chunks)) * 1000 / len(paths) for chunks in times]
    fastest = [sum(map(min, chunks)) * 1000 / len(paths) for chunks in times]
    for reader, first, median, best in zip(readers, cold, medians, fastest):
        print(f"{reader.name}: read_record {median:.3f} ms/record (sum of the chunks' medians of {passes} passes; of their "
              f"fastest: {best:.3f}); first pass, cold caches: {first:.3f} ms/record")
    if len(readers) == 2:
        print(f"{readers[1].name} is {medians[0] / medians[1]:.2f}x as fast (medians), "
              f"{fastest[0] / fastest[1]:.2f}x (fastest)")


def answers(reader: Reader, paths: list[Path]) -> dict[str, str]:
    """Each file's answer as text: what a change to the reader must leave as it is."""
    found = {}
    for path in paths:
        try:
            found[path.name] = repr(reader.read_record(path))
        except reader.error as error:
            found[path.name] = f"RecordError: {error}"
    return found


def check_reference(reader: Reader, paths: list[Path], reference_file: Path) -> bool:
    reference = pickle.loads(reference_file.read_bytes())
    now = answers(reader, paths)
    differing = sorted(name for name in reference.keys() | now.keys() if reference.get(name) != now.get(name))
    for name in differing[:5]:
        print(f"{name} differs:\n  was: {reference.get(name, '(absent)')[:500]}\n  now: {now.get(name, '(absent)')[:500]}")
    print(f"{len(now) - len(differing)} of {len(now)} answers as in {reference_file}; {len(differing)} differ")
    return not differing


def profile(reader: Reader, paths: list[Path], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(read_all, reader, paths)
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_FOLDER)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N files")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="also time the reader of this kg checkout")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=30, help="profile rows to print")
    parser.add_argument("--save-reference", type=Path, metavar="FILE", help="pickle every file's answer to FILE")
    parser.add_argument("--check-reference", type=Path, metavar="FILE", help="compare every answer with FILE")
    args = parser.parse_args(argv)

    if args.folder == DEFAULT_FOLDER:
        generate(args.folder, DEFAULT_RECORDS)
    paths = kg.reader.record_paths(args.folder)[0][: args.limit]
    reader = this_reader()
    if args.save_reference:
        args.save_reference.write_bytes(pickle.dumps(answers(reader, paths)))
        print(f"saved {len(paths)} answers to {args.save_reference}")
        return
    if args.check_reference:
        sys.exit(0 if check_reference(reader, paths, args.check_reference) else 1)
    compare(([reader_from(args.against)] if args.against else []) + [reader], paths, args.passes)
    if args.profile:
        profile(reader, paths, args.top)


if __name__ == "__main__":
    main()
