"""The public surface: what ``import kg`` offers, the CLI's help, and the README's promises."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from tests.conftest import ROOT, SEED_BERIA


def test_exported_names_are_what_was_meant():
    assert set(kg.__all__) == {
        "DEFAULT_BASE_IRI", "BuildResult", "EndpointError", "IriMinter", "KgError", "QueryError", "Record",
        "RecordError", "Report", "UsageError", "Violation", "__version__", "build", "entity_stage",
        "load_authority", "map_record", "parse_record", "read_record", "read_records", "validate",
        "validate_files",
    }
    assert all(hasattr(kg, name) for name in kg.__all__)


def test_a_notebook_needs_no_cli():
    report = kg.validate(kg.map_record(kg.read_record(SEED_BERIA)))
    assert report.conforms


def _commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name", [name for name, _ in _commands(cli)])
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    command = dict(_commands(cli))[name]
    assert command.help and len(command.help.strip()) > 20, f"kg {name} needs help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"kg {name} {param.opts[0]} needs help text"


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_install_and_test_commands_that_ci_runs():
    install, test = _readme_commands()[:2]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci.splitlines()
    assert test in ci.splitlines()
    assert "kg build" in install and "pytest" in test
