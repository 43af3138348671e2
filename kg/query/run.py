"""Running a catalogue query: its parameters bound, on any engine."""

from __future__ import annotations

from collections.abc import Mapping

from kg.errors import UsageError
from kg.query.catalogue import Query
from kg.query.engines import Engine, Results
from kg.query.params import bind_parameters


def run_query(
    query: Query, values: Mapping[str, str], engine: Engine, *, allow_online: bool = False
) -> Results:
    """Bind ``values`` to the query's declared parameters and run it on ``engine``."""
    if query.online and not allow_online:
        raise UsageError(f"{query.name} is an online query (it calls a remote SPARQL service); "
                         "allow it with --online")
    return engine.select(query.text, bind_parameters(query, values, engine))
