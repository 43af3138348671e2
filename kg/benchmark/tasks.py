"""The benchmark's measured tasks, each run in a fresh process so its peak memory is its own.

``python -m kg.benchmark.tasks TASK ARGS_JSON RESULT_JSON`` runs one task and writes its
result; :func:`run_task` does that from the harness, with a time limit.  Tasks:

``build``        the real build (``kg.build.build``) of a folder, stage timings when the build reports them
``incremental``  change one record, rebuild with the cache, restore the record
``validate``     ``kg validate`` of the built N-Triples dump
``queries``      every bundled local query, median of 5, on the built store
``baseline``     the naive pipeline: one rdflib Graph, whole-graph pySHACL, rdflib's serializers
``code``         which kg the tasks import
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.benchmark.measure import MIB, TreeMemorySampler, rusage_summary

TASKS: dict[str, Callable[[dict], dict]] = {}


def task(function: Callable[[dict], dict]) -> Callable[[dict], dict]:
    TASKS[function.__name__.removeprefix("task_")] = function
    return function


def _supported(function: Callable, options: dict) -> dict:
    """The options ``function`` accepts: the harness also runs against older builds."""
    accepted = inspect.signature(function).parameters
    return {name: value for name, value in options.items() if name in accepted and value is not None}


@task
def task_build(args: dict) -> dict:
    from kg.build import build

    timings: dict[str, float] = {}
    cache = Path(args["cache"]) if args.get("cache") else None
    options = _supported(build, {"jobs": args.get("jobs"), "engine": args.get("engine"),
                                 "store": args.get("store"), "cache": cache, "timings": timings})
    start = time.perf_counter()
    result = build(Path(args["input"]), Path(args["out"]), **options)
    wall = time.perf_counter() - start
    return {
        "wall_s": wall,
        "stages_s": dict(timings),
        "records": result.records_read,
        "published": len(result.published),
        "rejected": len(result.rejected),
        "violations": len(result.violations),
        "triples": result.triples,
        "options": sorted(name for name in options if name != "timings"),
    }


@task
def task_incremental(args: dict) -> dict:
    """Append a sentence to one record's body, rebuild with the cache, then put the record back."""
    record = Path(args["record"])
    original, stat = record.read_bytes(), record.stat()
    try:
        record.write_bytes(original + b" One more sentence, added to time an incremental rebuild.")
        os.utime(record, (stat.st_atime, stat.st_mtime))  # same mtime: the build time stays put
        measured = task_build(args)
    finally:
        record.write_bytes(original)
        os.utime(record, (stat.st_atime, stat.st_mtime))
    return measured


@task
def task_validate(args: dict) -> dict:
    """What ``kg validate FILE`` runs (kg/cli/build.py)."""
    from kg.scale.shacl import validate_paths

    start = time.perf_counter()
    report = validate_paths([Path(args["file"])], args.get("engine"))
    return {"wall_s": time.perf_counter() - start, "conforms": report.conforms, "violations": len(report.violations)}


@task
def task_code(args: dict) -> dict:
    """Which kg the tasks import (the snapshot, when the harness gives one)."""
    import kg

    return {"kg": str(Path(kg.__file__).resolve().parent)}


@task
def task_queries(args: dict) -> dict:
    from kg.benchmark.queries import time_queries

    return time_queries(Path(args["out"]), repeat=args.get("repeat", 5))


@task
def task_baseline(args: dict) -> dict:
    from kg.benchmark.baseline import naive_build

    from kg.scale.clock import StageClock

    seconds: dict[str, float] = {}
    start = time.perf_counter()
    counts = naive_build(Path(args["input"]), Path(args["out"]), StageClock(seconds))
    return {"wall_s": time.perf_counter() - start, "stages_s": seconds, **counts}


def _memory_cap(limit_bytes: int | None):
    """A pre-exec hook capping the child's address space: a runaway baseline fails, not the machine."""
    if limit_bytes is None:
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def run_task(name: str, args: dict, *, result_file: Path, timeout: float | None = None,
             memory_cap: int | None = None, pythonpath: Path | None = None) -> dict:
    """Run a task in a fresh interpreter (importing kg from ``pythonpath`` when given); its
    result, or ``{"error": ...}`` when it failed or hit a cap."""
    # -P: without it ``-m`` puts the working directory first on sys.path, and a checkout there
    # would be imported instead of the snapshot (the run before measured edits made meanwhile).
    command = [sys.executable, *(["-P"] if pythonpath else []), "-m", "kg.benchmark.tasks", name, json.dumps(args),
               str(result_file)]
    env = os.environ | ({"PYTHONPATH": str(pythonpath)} if pythonpath else {})
    result_file.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        completed = subprocess.run(command, timeout=timeout, capture_output=True, text=True, env=env,
                                   preexec_fn=_memory_cap(memory_cap))
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s (the cap)", "wall_s": time.perf_counter() - start}
    if completed.returncode != 0 or not result_file.is_file():
        tail = [line for line in (completed.stderr or completed.stdout).strip().splitlines()
                if "RuntimeWarning" not in line][-3:]
        how = f"killed by signal {-completed.returncode}" if completed.returncode < 0 else f"exit {completed.returncode}"
        if memory_cap and ("MemoryError" in completed.stderr or "memory allocation" in completed.stderr):
            how += f" (over the {memory_cap / 2**30:.0f} GiB memory cap)"
        return {"error": " | ".join([how, *tail]), "wall_s": time.perf_counter() - start}
    return json.loads(result_file.read_text(encoding="utf-8"))


def _main(argv: list[str]) -> None:
    name, args, result_file = argv[0], json.loads(argv[1]), Path(argv[2])
    with TreeMemorySampler() as sampler:
        result = TASKS[name](args)
    result |= {"peak_tree_pss_mib": sampler.peak / MIB,
               "peak_pss_mib_by_process": [round(share / MIB, 1) for share in sampler.peak_by_process],
               "peak_pss_mib_by_stage": {stage: round(peak / MIB, 1) for stage, peak in sampler.peak_by_stage.items()},
               **rusage_summary()}
    result_file.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    _main(sys.argv[1:])


__all__ = ["TASKS", "run_task"]
