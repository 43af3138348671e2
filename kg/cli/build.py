"""``kg build`` and ``kg validate``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import EXIT_OK, EXIT_PROBLEMS, library_errors
from kg.vocab import DEFAULT_BASE_IRI


@click.command("build")
@click.option("--input", "inputs", type=click.Path(path_type=Path), multiple=True,
              help="Folder or file of archive records (repeatable). Default: ./seeds, else the bundled seeds.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder for the dumps, per-document files and the validation report.")
@click.option("--base", default=DEFAULT_BASE_IRI, envvar="KG_BASE_IRI", show_default=True,
              help="Base IRI under which kg mints data IRIs (env KG_BASE_IRI).")
def build_command(inputs: tuple[Path, ...], out: Path, base: str) -> None:
    """Read, map, validate and publish archive records as RDF dumps.

    Writes OUT/kg.ttl, kg.nt, kg.jsonld, documents/*.ttl and validation.ttl.
    Exit 0 when every record was published and the graph conforms, 1 when
    some records were rejected (the valid ones are still published), 2 for usage errors.
    """
    from kg.build import build

    with library_errors():
        result = build(list(inputs) or None, out, base=base)
    for outcome in result.rejected:
        if outcome.error:
            click.echo(f"rejected {outcome.error}", err=True)
        for violation in outcome.violations:
            click.echo(f"rejected {outcome.source}: {violation.sentence()}", err=True)
    click.echo(
        f"records read: {result.records_read}, published: {len(result.published)}, "
        f"rejected: {len(result.rejected)}, triples: {result.triples}, "
        f"violations: {len(result.violations)} -> {result.out_dir}"
    )
    raise SystemExit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_command(paths: tuple[Path, ...]) -> None:
    """Validate RDF files against kg's bundled SHACL shapes; print each violation as a sentence."""
    from kg.validate import validate_files

    with library_errors():
        report = validate_files(list(paths))
    for violation in report.violations:
        click.echo(violation.sentence())
    click.echo(f"{'conforms' if report.conforms else 'does not conform'}: {len(report.violations)} violation(s)")
    raise SystemExit(EXIT_OK if report.conforms else EXIT_PROBLEMS)
