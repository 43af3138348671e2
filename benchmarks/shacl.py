"""SHACL engines compared: ms per record in the build, seconds for ``kg validate`` of a dump.

    python benchmarks/shacl.py records RECORDS [--limit 300] [--engines kg,turbo] [--rounds 3]
    python benchmarks/shacl.py build RECORDS [--engines kg,turbo]
    python benchmarks/shacl.py dump FILE.nt [--engines kg,turbo]

``records`` maps each record once, as the build's map stage does (kg.scale.worker: read, map,
entity stage, sorted N-Triples), then times ``kg.scale.shacl.validate_record`` per engine in
CPU seconds, engines interleaved round by round so that a busy machine slows them alike; the
first round meets every literal for the first time, as a build does, later ones reuse the kg
engine's literal cache.  For the kg engine it also times the strict pyoxigraph parse alone,
the floor of that path.  ``build`` runs ``kg.build.build`` (one job) per engine and reports
the map stage's validate seconds per record (``timings["cpu:validate"]``).  ``dump`` runs
``kg validate`` (``kg.scale.shacl.validate_paths``) per engine in a fresh process and reports
wall seconds, triples and the process's peak memory.  Make records with
``python -m kg.synth DIR N`` and a dump with ``kg build --input DIR --out OUT`` (OUT/kg.nt).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402  (after the path is set)

from kg.scale.shacl import validate_paths, validate_record, warm_up  # noqa: E402


def record_bytes(folder: Path, limit: int) -> list[bytes]:
    """The N-Triples the map stage validates, for the first ``limit`` readable records."""
    from kg.entities import load_authority
    from kg.errors import RecordError
    from kg.reader import read_record
    from kg.scale.chunks import dump_form
    from kg.scale.worker import chunk_lines, record_graphs
    from kg.vocab import IriMinter

    authority, minter, found = load_authority(), IriMinter(), []
    for path in sorted(folder.glob("*.txt")):
        if len(found) == limit:
            break
        try:
            record = read_record(path)
        except RecordError:
            continue
        lines = chunk_lines(record_graphs(record, minter=minter, authority=authority))
        found.append("".join(dump_form(line) + "\n" for line in lines).encode("utf-8"))
    return found


def _cpu_ms_per_record(run, records: list[bytes]) -> float:
    started = time.process_time()
    for data in records:
        run(data)
    return (time.process_time() - started) / len(records) * 1000


def bench_records(folder: Path, limit: int, engines: list[str], rounds: int) -> None:
    records = record_bytes(folder, limit)
    triples = sum(data.count(b"\n") for data in records) / len(records)
    print(f"{len(records)} records, {triples:.0f} triples each on average")
    runs = {engine: (lambda data, engine=engine: validate_record(data, None, engine)) for engine in engines}
    if "kg" in engines:
        runs["(pyoxigraph strict parse alone)"] = lambda data: sum(
            1 for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    for engine in engines:
        warm_up(engine)
        validate_record(records[0], None, engine)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(_cpu_ms_per_record(run, records))
    for name, ms in times.items():
        print(f"  {name:34} {ms[0]:7.2f} ms/record first round, {min(ms):7.2f} best of {rounds} (CPU)")


def bench_build(folder: Path, engines: list[str]) -> None:
    from kg.build import build

    for engine in engines:
        timings: dict[str, float] = {}
        with tempfile.TemporaryDirectory() as out:
            result = build(folder, Path(out), engine=engine, jobs=1, timings=timings)
        validated = sum(1 for outcome in result.outcomes if outcome.error is None or outcome.violations)
        print(f"  kg build --engine {engine:8} validate {timings['cpu:validate'] / validated * 1000:7.2f} ms/record"
              f" ({validated} records), whole build {sum(v for k, v in timings.items() if ':' not in k):.1f} s")


def _validate_dump(path: str, engine: str, results) -> None:
    started = time.perf_counter()
    report = validate_paths([Path(path)], engine)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put((seconds, len(report.violations), peak_mib))


def bench_dump(path: Path, engines: list[str]) -> None:
    with path.open("rb") as file:
        triples = sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 24), b""))
    print(f"{path}: {triples:,} triples, {path.stat().st_size / 2**20:.0f} MiB")
    context = multiprocessing.get_context("spawn")
    for engine in engines:
        results = context.Queue()
        child = context.Process(target=_validate_dump, args=(str(path), engine, results))
        child.start()
        seconds, violations, peak = results.get()
        child.join()
        print(f"  kg validate --engine {engine:8} {seconds:7.1f} s  {violations} violation(s)  peak {peak:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    records = modes.add_parser("records", help="ms per record of the build's validation")
    records.add_argument("folder", type=Path)
    records.add_argument("--limit", type=int, default=300)
    records.add_argument("--rounds", type=int, default=3)
    builds = modes.add_parser("build", help="the build's validate seconds per record")
    builds.add_argument("folder", type=Path)
    dump = modes.add_parser("dump", help="seconds of kg validate on one file")
    dump.add_argument("file", type=Path)
    for mode in (records, builds, dump):
        mode.add_argument("--engines", default="kg,turbo", help="comma-separated: kg, turbo, pyshacl")
    args = parser.parse_args()
    engines = args.engines.split(",")
    if args.mode == "records":
        bench_records(args.folder, args.limit, engines, args.rounds)
    elif args.mode == "build":
        bench_build(args.folder, engines)
    else:
        bench_dump(args.file, engines)


if __name__ == "__main__":
    main()
