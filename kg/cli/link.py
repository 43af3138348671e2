"""``kg link``: reconcile entities without a Wikidata link; ``kg link --apply``: fold decisions in."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import EXIT_OK, EXIT_PROBLEMS, library_errors
from kg.entities.wikidata import DEFAULT_CACHE, DEFAULT_ENDPOINT


@click.command("link")
@click.option("--input", "inputs", type=click.Path(path_type=Path), multiple=True,
              help="Folder or file of archive records (repeatable). Default: ./seeds, else the bundled seeds.")
@click.option("--endpoint", default=DEFAULT_ENDPOINT, envvar="KG_WIKIDATA_ENDPOINT", show_default=True,
              help="SPARQL endpoint of the Wikidata Query Service (env KG_WIKIDATA_ENDPOINT).")
@click.option("--review", type=click.Path(path_type=Path), default=Path("review.csv"), show_default=True,
              help="Review file to write: one row per candidate, with score and evidence.")
@click.option("--apply", "apply_", is_flag=True,
              help="Fold the curated decisions into the authority file instead of querying.")
@click.option("--authority", type=click.Path(path_type=Path), default=None,
              help="Authority file (env KG_AUTHORITY). Default: kg/data/authority.csv.")
@click.option("--decisions", type=click.Path(path_type=Path), default=None,
              help="Curated decisions file (env KG_DECISIONS). Default: kg/data/decisions.csv.")
@click.option("--cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Folder for cached answers of the service.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds to wait for one answer.")
@click.option("--retries", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Attempts per query before working offline (waits 1 s, 2 s, ... between).")
def link_command(inputs: tuple[Path, ...], endpoint: str, review: Path, apply_: bool,
                 authority: Path | None, decisions: Path | None, cache: Path, timeout: float,
                 retries: int) -> None:
    """Propose Wikidata items for entities that have no link yet, for review.

    Writes REVIEW (CSV). Record decisions (accepted / rejected / no-match) in the
    decisions file; the next `kg build` publishes accepted links. Exit 0 when the
    service answered, 1 when it could not be reached (the bundled links are kept
    and the review lists bundled candidates only), 2 for usage errors.
    """
    from kg.entities.authority import default_authority_path, load_authority
    from kg.entities.review import apply_decisions, link, write_review
    from kg.entities.wikidata import WikidataClient

    with library_errors():
        if apply_:
            changes = apply_decisions(authority or default_authority_path(), decisions)
            for change in changes:
                click.echo(change)
            click.echo(f"applied {len(changes)} decision(s) to {authority or default_authority_path()}")
            raise SystemExit(EXIT_OK)
        records = _read(inputs)
        loaded = load_authority(authority, decisions)
        client = WikidataClient(endpoint, cache_dir=cache, timeout=timeout, retries=retries)
        report = link(records, loaded, client)
        write_review(report.rows, review)
    if report.offline:
        click.echo(f"kg: {report.offline}", err=True)
        click.echo("kg: working offline: the bundled links are kept; the review lists bundled candidates only",
                   err=True)
    click.echo(f"entities without a link: {len(report.entities)}, candidates: "
               f"{sum(1 for row in report.rows if row['candidate_qid'])}, requests to the service: "
               f"{report.queries_sent} -> {review}")
    raise SystemExit(EXIT_PROBLEMS if report.offline else EXIT_OK)


def _read(inputs: tuple[Path, ...]) -> list:
    """The records of the inputs; unreadable ones are reported and skipped."""
    from kg.build import default_input
    from kg.errors import RecordError
    from kg.reader import read_records

    records = []
    for item in read_records(list(inputs) or default_input()):
        if isinstance(item, RecordError):
            click.echo(f"skipped {item}", err=True)
        else:
            records.append(item)
    return records
