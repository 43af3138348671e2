"""``kg bench``: the scale benchmark (docs/scale.md)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import EXIT_OK, EXIT_PROBLEMS


def _sizes(_ctx, _param, value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in value.split(",") if part.strip())
    except ValueError:
        raise click.BadParameter("sizes are whole numbers separated by commas, e.g. 1000,10000,100000") from None
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give at least one size of 1 or more")
    return sizes


@click.command("bench")
@click.option("--sizes", default="1000,10000", show_default=True, callback=_sizes,
              help="Archive sizes in records, comma-separated (add 100000 for the full run).")
@click.option("--workdir", type=click.Path(path_type=Path), default=Path("build/bench"), show_default=True,
              help="Where the synthetic archives and builds go (reused between runs).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic archive.")
@click.option("--jobs", type=int, default=None, help="Worker processes for the build. Default: every core.")
@click.option("--engine", type=click.Choice(["kg", "turbo", "pyshacl"]), default="kg", show_default=True,
              help="SHACL engine of the build and of kg validate: kg (kg's own), turbo (pyshacl-turbo) or pyshacl.")
@click.option("--baseline-max", type=int, default=10_000, show_default=True,
              help="Run the naive baseline up to this many records (0: never).")
@click.option("--baseline-cap", type=float, default=3600.0, show_default=True,
              help="Stop a baseline run after this many seconds (or 16 GiB of memory).")
@click.option("--validate-cap", type=float, default=1800.0, show_default=True,
              help="Stop kg validate of a whole dump after this many seconds.")
@click.option("--repeat", type=int, default=5, show_default=True, help="Runs per query (the median is reported).")
@click.option("--keep-builds", is_flag=True, help="Keep each size's build (else deleted once measured).")
@click.option("--json", "json_file", type=click.Path(path_type=Path), help="Also write the results as JSON.")
def bench_command(sizes, workdir, seed, jobs, engine, baseline_max, baseline_cap, validate_cap, repeat,
                  keep_builds, json_file) -> None:
    """Build synthetic archives of each size and report speed, memory, queries and targets."""
    from kg.benchmark import BenchConfig, report, run

    config = BenchConfig(sizes=sizes, workdir=workdir, seed=seed, jobs=jobs, engine=engine,
                         baseline_max=baseline_max, baseline_cap_s=baseline_cap, validate_cap_s=validate_cap,
                         repeat=repeat, keep_builds=keep_builds, json_path=json_file)
    results = run(config)
    click.echo(report.render(results))
    if json_file:
        click.echo(f"results -> {json_file}")
    failed = any("error" in step for size in results["sizes"].values()
                 for name, step in size.items() if isinstance(step, dict) and name != "baseline")
    raise SystemExit(EXIT_PROBLEMS if failed else EXIT_OK)
