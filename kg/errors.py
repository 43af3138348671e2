"""All of kg's exceptions. The library raises these; only ``kg.cli`` turns them into exit codes.

    KgError                      base: a message a person can act on
     +-- UsageError              bad arguments or configuration (exit 2)
     +-- RecordError             one input record cannot be read (file, line, problem)
     +-- EndpointError           a SPARQL endpoint is down, slow or answered an error
     +-- QueryError              a bundled or given query cannot be found, parsed or bound
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of kg's errors; ``str(error)`` is the whole message."""


class UsageError(KgError):
    """The caller asked for something that cannot be done as asked."""


class RecordError(KgError):
    """A record that cannot be read. Names the file, the line and what is wrong."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class EndpointError(KgError):
    """A SPARQL endpoint could not be used; the message carries the server's own words."""


class QueryError(KgError):
    """A query that cannot be found, parsed or bound."""


__all__ = ["EndpointError", "KgError", "QueryError", "RecordError", "UsageError"]
