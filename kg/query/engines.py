"""Engines: what runs a query.  :class:`LocalEngine` here, :class:`kg.endpoint.Endpoint` remotely.

Both implement :class:`Engine`, so :func:`kg.query.run_query` — and the name lookup behind
``person`` and ``archive`` parameters — is the same code locally and remotely.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Union

import pyoxigraph as ox

from kg.errors import EndpointError, QueryError, UsageError
from kg.query.sparql_text import inject_values

Term = Union[ox.NamedNode, ox.Literal, ox.BlankNode]

DEFAULT_DATA_DIR = Path("dist")
"""Where ``kg build`` writes by default (its ``--out``); queries run there unless told otherwise."""

STORE_SUBDIR = "store"
"""The on-disk pyoxigraph store ``kg build --store`` makes beside the dumps, preferred when present."""


@dataclass(frozen=True)
class Results:
    """A SELECT table (``variables`` and ``rows``, None for unbound) or an ASK answer (``boolean``).

    ``more`` says that the query has rows after these: ``rows`` is one page of its answer.
    """

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    more: bool = False


class Engine(Protocol):
    """Runs a SELECT or ASK query with some variables bound to terms."""

    def select(self, text: str, bindings: Mapping[str, Term]) -> Results: ...


class LocalEngine:
    """pyoxigraph, with parameters bound as on an endpoint: a ``VALUES`` block the planner sees."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, text: str, bindings: Mapping[str, Term]) -> Results:
        try:  # evaluation is lazy: errors also come while the solutions are read
            return self._results(self.store.query(inject_values(text, bindings)))
        except SyntaxError as error:
            raise QueryError(f"the query does not parse: {error}") from None
        except RuntimeError as error:
            raise QueryError(f"the query cannot be run: {error}") from None
        except OSError as error:  # a SERVICE that cannot be reached, or the store's disk
            raise EndpointError(f"the query failed: {error}") from None

    @staticmethod
    def _results(answer) -> Results:
        if isinstance(answer, ox.QueryBoolean):
            return Results(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            raise QueryError("only SELECT and ASK queries are supported")
        variables = tuple(variable.value for variable in answer.variables)
        return Results(variables, tuple(tuple(solution[name] for name in variables) for solution in answer))


def open_local(paths: Sequence[Path] = ()) -> LocalEngine:
    """The local engine over build output folders or RDF files (default: ``dist/``).

    A single build folder with an on-disk store (``dist/store/``) is opened read-only in
    place; anything else is loaded into an in-memory store (``kg.nt`` of a build folder).
    """
    paths = [Path(path) for path in paths] or [DEFAULT_DATA_DIR]
    if len(paths) == 1 and (store_dir := _store_dir(paths[0])) is not None:
        try:
            return LocalEngine(ox.Store.read_only(str(store_dir)))
        except OSError as error:
            raise UsageError(f"cannot open the store {store_dir}: {error}") from None
    store = ox.Store()
    for path in paths:
        data_file = _data_file(path)
        try:
            store.bulk_load(path=str(data_file), format=_rdf_format(data_file))
        except (SyntaxError, ValueError, OSError) as error:
            raise UsageError(f"cannot load {data_file}: {error}") from None
    return LocalEngine(store)


def _store_dir(path: Path) -> Path | None:
    if (path / STORE_SUBDIR).is_dir():
        return path / STORE_SUBDIR
    return path if (path / "CURRENT").is_file() else None  # a RocksDB folder given directly


def _data_file(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for name in ("kg.nt", "kg.ttl", "kg.jsonld"):
            if (path / name).is_file():
                return path / name
    raise UsageError(f"no build output at {path}: run `kg build` first, or pass --data FILE|DIR")


def _rdf_format(path: Path) -> ox.RdfFormat:
    found = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if found is None:
        raise UsageError(f"{path}: unknown RDF format (use .nt, .ttl, .nq, .trig, .jsonld or .rdf)")
    return found
