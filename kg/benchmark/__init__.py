"""``kg bench``: build synthetic archives of growing size and measure everything the issue asks.

For each size: generate the archive (:mod:`kg.synth`, reused when already there), run the
real build, an incremental rebuild after changing one record, ``kg validate`` of the dump,
every bundled query (median of 5), and, up to ``baseline_max`` records, the naive baseline.
Every measurement runs in its own process (:mod:`kg.benchmark.tasks`) so peak memory is
per measurement.  Results print as tables and can be written as JSON to compare commits.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import kg
from kg import __version__
from kg.assets import asset_dir
from kg.benchmark import report
from kg.synth import generate

DEFAULT_SIZES = (1_000, 10_000)
DEFAULT_WORKDIR = Path("build/bench")


@dataclass
class BenchConfig:
    sizes: tuple[int, ...] = DEFAULT_SIZES
    workdir: Path = DEFAULT_WORKDIR
    seed: int = 0
    jobs: int | None = None  # the build's default: every core
    engine: str = "kg"
    baseline_max: int = 10_000  # the naive baseline is run up to this many records
    baseline_cap_s: float = 3600.0  # and stopped after this long
    validate_cap_s: float = 1800.0  # kg validate of a whole dump grows faster than linearly
    memory_cap_gib: float = 16.0  # the baseline and kg validate hold the whole graph: stop them here
    repeat: int = 5
    keep_builds: bool = False  # else each size's build is deleted once measured (65 GB at 100,000 records)
    json_path: Path | None = None  # written after every size, so a long run's results survive a crash
    log: object = field(default=sys.stderr)

    def say(self, text: str) -> None:
        print(text, file=self.log, flush=True)


def snapshot_code(target: Path) -> Path:
    """A copy of kg and its assets for the measured tasks to import.

    A long benchmark must measure one version of the code: edits made to the checkout while it
    runs would otherwise change (or break) the later steps, and invalidate the build cache
    between the full and the incremental build.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(Path(kg.__file__).resolve().parent, target / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("ontology", "shapes", "queries", "seeds"):
        shutil.copytree(asset_dir(name), target / name)
    return target


def _bench_size(n: int, config: BenchConfig, code: Path) -> dict:
    # Imported here: ``python -m kg.benchmark.tasks`` must not find the module already imported.
    from kg.benchmark.tasks import run_task

    base = config.workdir / f"n{n}"
    started = time.perf_counter()
    manifest = generate(base / "records", n, seed=config.seed, jobs=os.cpu_count() or 1)
    measured: dict = {"generate_s": time.perf_counter() - started, "malformed": len(manifest.defects)}
    out, scratch = base / "dist", base / "results.json"
    for stale in (out, base / "cache"):  # a cold build: no cache from an earlier run
        shutil.rmtree(stale, ignore_errors=True)
    build_args = {"input": str(manifest.folder), "out": str(out), "jobs": config.jobs,
                  "engine": config.engine, "store": True, "cache": str(base / "cache")}

    def step(name: str, task: str, args: dict, **caps) -> None:
        config.say(f"  {n:,}: {name} ...")
        measured[name] = run_task(task, args, result_file=scratch, pythonpath=code, **caps)
        if "error" in measured[name]:
            config.say(f"  {n:,}: {name} failed: {measured[name]['error']}")

    step("build", "build", build_args)
    step("incremental", "incremental", build_args | {"record": str(manifest.folder / manifest.well_formed[n // 2])})
    # The cache has served (18 GB at 100,000 records): its disk is kg validate's on-disk store's.
    shutil.rmtree(base / "cache", ignore_errors=True)
    step("validate", "validate", {"file": str(out / "kg.nt"), "engine": config.engine}, timeout=config.validate_cap_s,
         memory_cap=int(config.memory_cap_gib * 2**30))
    step("queries", "queries", {"out": str(out), "repeat": config.repeat})
    if n <= config.baseline_max:
        step("baseline", "baseline", {"input": str(manifest.folder), "out": str(base / "baseline")},
             timeout=config.baseline_cap_s, memory_cap=int(config.memory_cap_gib * 2**30))
        shutil.rmtree(base / "baseline", ignore_errors=True)
    if not config.keep_builds:  # the disk is the next size's (the records stay, to be reused)
        shutil.rmtree(out, ignore_errors=True)
    return measured


def run(config: BenchConfig) -> dict:
    """Measure every size; the results as one JSON-ready dict (tables: :func:`report.render`)."""
    results: dict = {
        "kg_version": __version__,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "seed": config.seed,
        "engine": config.engine,
        "jobs": config.jobs or os.cpu_count(),
        "sizes": {},
    }
    code = snapshot_code(config.workdir / "code")
    for n in sorted(config.sizes):
        config.say(f"kg bench: {n:,} records")
        results["sizes"][str(n)] = _bench_size(n, config, code)
        sizes = {int(n): size for n, size in results["sizes"].items()}
        results["growth"] = report.growth(sizes)
        results["targets"] = report.targets(sizes, results["growth"], cores=results["jobs"])
        if config.json_path:
            write_json(results, config.json_path)
    return results


def write_json(results: dict, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


__all__ = ["BenchConfig", "DEFAULT_SIZES", "run", "write_json"]
