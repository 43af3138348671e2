"""The ``kg`` command: a thin layer over the library.

Each command parses its arguments, makes one library call and turns
``kg.errors`` into a one-line message and an exit code:
0 success, 1 the work ran but found problems (rejected records, violations,
an endpoint that failed), 2 usage errors.  Commands are registered here
explicitly, one module per command family.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.common import EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: publish archive records as a validated, Wikidata-linked knowledge graph."""


def _register() -> None:
    # One import per command family; each module defines click commands only.
    from kg.cli import bench as bench_commands
    from kg.cli import build as build_commands
    from kg.cli import link as link_commands
    from kg.cli import query as query_commands

    cli.add_command(bench_commands.bench_command)
    cli.add_command(build_commands.build_command)
    cli.add_command(build_commands.validate_command)
    cli.add_command(link_commands.link_command)
    cli.add_command(query_commands.query_command)
    cli.add_command(query_commands.publish_command)


_register()


def main() -> None:
    try:
        cli.main(prog_name="kg", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("kg: interrupted; nothing partial was published", err=True)
        raise SystemExit(130) from None


__all__ = ["EXIT_USAGE", "cli", "main"]
