"""``kg build`` and ``kg validate``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import EXIT_OK, EXIT_PROBLEMS, library_errors
from kg.vocab import DEFAULT_BASE_IRI

_ENGINE_HELP = ("SHACL engine: kg (kg's own compiled shapes, the default), turbo (pyshacl-turbo, "
                "pip install 'kg[fast]') or pyshacl (the reference); all report the same violations.")
_ENGINES = click.Choice(["kg", "turbo", "pyshacl"])


@click.command("build")
@click.option("--input", "inputs", type=click.Path(path_type=Path), multiple=True,
              help="Folder or file of archive records (repeatable). Default: ./seeds, else the bundled seeds.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder for the dumps, per-document files and the validation report.")
@click.option("--base", default=DEFAULT_BASE_IRI, envvar="KG_BASE_IRI", show_default=True,
              help="Base IRI under which kg mints data IRIs (env KG_BASE_IRI).")
@click.option("--jobs", type=int, help="Worker processes for the map stage. Default: one per core.")
@click.option("--engine", type=_ENGINES, help=_ENGINE_HELP)
@click.option("--cache", type=click.Path(path_type=Path),
              help="Keep per-record results here (e.g. .kg-cache) so the next build redoes only changed records.")
@click.option("--store", is_flag=True, help="Also bulk-load OUT/store, the on-disk store kg query opens directly.")
@click.option("--shard", help="Map only part I of N of the input (e.g. 2/8) into OUT, for a later --merge.")
@click.option("--merge", "merge", type=click.Path(path_type=Path), multiple=True,
              help="Publish shard folders (repeatable, in shard order) instead of reading --input.")
def build_command(inputs: tuple[Path, ...], out: Path, base: str, jobs: int | None, engine: str | None,
                  cache: Path | None, store: bool, shard: str | None, merge: tuple[Path, ...]) -> None:
    """Read, map, validate and publish archive records as RDF dumps.

    Writes OUT/kg.ttl, kg.nt, kg.jsonld, documents/*.ttl and validation.ttl.
    Exit 0 when every record was published and the graph conforms, 1 when
    some records were rejected (the valid ones are still published) or the merged
    graph breaks a shape (reported in validation.ttl), 2 for usage errors.
    """
    from kg.build import build
    from kg.scale.shards import parse_shard

    with library_errors():
        result = build(list(inputs) or None, out, base=base, jobs=jobs, engine=engine, cache=cache, store=store,
                       shard=parse_shard(shard) if shard else None, merge=merge)
    for outcome in result.rejected:
        if outcome.error:
            click.echo(f"rejected {outcome.error}", err=True)
        for violation in outcome.violations:
            click.echo(f"rejected {outcome.source}: {violation.sentence()}", err=True)
    for violation in result.graph_violations:
        click.echo(f"merged graph: {violation.sentence()}", err=True)
    published = "mapped" if shard else "published"
    click.echo(
        f"records read: {result.records_read}, {published}: {len(result.published)}, "
        f"rejected: {len(result.rejected)}, triples: {result.triples}, "
        f"violations: {len(result.violations) + len(result.graph_violations)} -> {result.out_dir}"
    )
    raise SystemExit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--engine", type=_ENGINES, help=_ENGINE_HELP)
def validate_command(paths: tuple[Path, ...], engine: str | None) -> None:
    """Validate RDF files against kg's bundled SHACL shapes; print each violation as a sentence."""
    from kg.scale.shacl import validate_paths

    with library_errors():
        report = validate_paths(list(paths), engine)
    for violation in report.violations:
        click.echo(violation.sentence())
    click.echo(f"{'conforms' if report.conforms else 'does not conform'}: {len(report.violations)} violation(s)")
    raise SystemExit(EXIT_OK if report.conforms else EXIT_PROBLEMS)
