"""Remote SPARQL endpoints (SPARQL 1.1 Protocol) through SPARQLWrapper.

:class:`Endpoint` is the remote twin of :class:`kg.query.LocalEngine`: the same ``select``
with parameters as terms, which travel the same way, in a ``VALUES`` block opened at the top of
the WHERE group (:func:`kg.query.sparql_text.inject_values`).

Whatever goes wrong — the server is down, slow, or answers an error — ends as one
:class:`~kg.errors.EndpointError` line that names the URL and quotes the server.
"""

from __future__ import annotations

import ast
import http.client
import json
import re
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass

from SPARQLWrapper import BASIC, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from kg import __version__
from kg.errors import EndpointError
from kg.query import Results, Term, term_from_json
from kg.query.sparql_text import inject_values, query_form, where_group_start

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for a server (per connection attempt and per read)."""

SERVER_TEXT_LIMIT = 300
"""Characters of a server's error text kept in a message: enough for its first sentences."""

USER_AGENT = f"kg/{__version__} (SPARQLWrapper)"


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL query endpoint (and, for publishing, its update endpoint)."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    default_graph: str | None = None  # sent as default-graph-uri: the graph queries see
    update_url: str | None = None

    def select(self, text: str, bindings: Mapping[str, Term]) -> Results:
        """Run a SELECT or ASK query with ``bindings`` injected as a VALUES block."""
        body = self._send(self._wrapper(inject_values(text, bindings)), self.url)
        return results_from_json(body, self.url)

    def update(self, text: str) -> None:
        """Run a SPARQL Update request on ``update_url``."""
        if not self.update_url:
            raise EndpointError(f"no SPARQL update endpoint is configured for {self.url}")
        self._send(self._wrapper(text, update=True), self.update_url)

    def _wrapper(self, text: str, *, update: bool = False) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url, updateEndpoint=self.update_url, agent=USER_AGENT)
        wrapper.setMethod(POST)  # long queries, and the only method for updates
        wrapper.setTimeout(self.timeout)
        if not update:
            wrapper.setReturnFormat(JSON)
            if self.default_graph:
                wrapper.addDefaultGraph(self.default_graph)
        if self.user is not None:
            wrapper.setHTTPAuth(BASIC)
            wrapper.setCredentials(self.user, self.password or "")
        wrapper.setQuery(text)
        if not update:
            # SPARQLWrapper guesses the form from the text, comments and strings included: a
            # parameter "x; DROP ALL" could make it send the query as an update.  kg's lexer knows.
            wrapper.queryType = query_form(text) or wrapper.queryType
        return wrapper

    def _send(self, wrapper: SPARQLWrapper, url: str) -> bytes:
        try:
            with wrapper.query().response as response:
                return response.read()
        except _FAILURES as error:
            raise endpoint_error(url, error, timeout=self.timeout) from None


# ---------------------------------------------------------------------------------------------
# Answers and errors

# What a request can raise: HTTP errors (SPARQLWrapper's or urllib's), refused or dropped
# connections and timeouts (OSError), and broken HTTP (http.client).
_FAILURES = (SPARQLWrapperException, OSError, http.client.HTTPException)


def results_from_json(body: bytes, url: str) -> Results:
    """SPARQL 1.1 JSON results -> :class:`~kg.query.Results`."""
    try:
        document = json.loads(body)
        if "boolean" in document:
            return Results(boolean=bool(document["boolean"]))
        variables = tuple(document["head"]["vars"])
        rows = tuple(
            tuple(term_from_json(binding[name]) if name in binding else None for name in variables)
            for binding in document["results"]["bindings"]
        )
    except (ValueError, KeyError, TypeError) as error:
        raise EndpointError(f"{url} did not answer with SPARQL JSON results ({error}): "
                            f"{server_text(body)}") from None
    return Results(variables, rows)


_WRAPPER_STATUS = {
    QueryBadFormed: 400, Unauthorized: 401, EndPointNotFound: 404, URITooLong: 414,
    EndPointInternalError: 500,
}


def endpoint_error(url: str, error: BaseException, *, timeout: float) -> EndpointError:
    """One line saying what went wrong with ``url``, quoting the server when it said something."""
    if isinstance(error, SPARQLWrapperException):
        status = _WRAPPER_STATUS.get(type(error), "an error")
        return EndpointError(f"{url} answered HTTP {status}: {server_text(_wrapper_body(error))}")
    if isinstance(error, urllib.error.HTTPError):
        return EndpointError(f"{url} answered HTTP {error.code}: {server_text(_read(error))}")
    if _is_timeout(error):
        return EndpointError(f"{url} did not answer within {timeout:g} s (--timeout)")
    if isinstance(error, urllib.error.URLError):
        return EndpointError(f"cannot reach {url}: {_reason(error.reason)}")
    if isinstance(error, (http.client.HTTPException, ConnectionError)):
        return EndpointError(f"{url} dropped the connection: {_reason(error)}")
    if isinstance(error, OSError):
        return EndpointError(f"cannot talk to {url}: {_reason(error)}")
    return EndpointError(f"{url}: {_reason(error)}")


def _is_timeout(error: BaseException) -> bool:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    return isinstance(reason, TimeoutError)  # socket.timeout is TimeoutError since 3.10


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return " ".join(text.split())


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except OSError:
        return b""


def _wrapper_body(error: SPARQLWrapperException) -> bytes:
    """The server's text, which SPARQLWrapper keeps only inside its message, as a bytes repr."""
    _, _, quoted = str(error).partition("\n\nResponse:\n")
    try:
        body = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        return quoted.encode()
    return body if isinstance(body, bytes) else str(body).encode()


def server_text(body: bytes | str, limit: int = SERVER_TEXT_LIMIT) -> str:
    """A server's error text on one line: markup dropped, whitespace squeezed, cut at ``limit``."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(re.sub(r"<[^>]*>", " ", text).split()) or "(no message)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "DEFAULT_TIMEOUT",
    "Endpoint",
    "endpoint_error",
    "inject_values",
    "results_from_json",
    "server_text",
    "where_group_start",
]
