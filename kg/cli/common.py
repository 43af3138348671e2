"""What every kg command shares: exit codes and turning library errors into messages."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from kg.errors import KgError, UsageError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class KgClickError(click.ClickException):
    """A library error shown as one line ``kg: message`` with a chosen exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:  # noqa: D102 - one line, no "Error:" noise
        click.echo(f"kg: {self.format_message()}", err=True)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Run a library call; UsageError exits 2, any other KgError exits 1, one line each."""
    try:
        yield
    except UsageError as error:
        raise KgClickError(str(error), EXIT_USAGE) from None
    except KgError as error:
        raise KgClickError(str(error), EXIT_PROBLEMS) from None
