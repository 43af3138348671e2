"""``kg publish``: load a build into a SPARQL server, replacing the previous version in one step.

The dumps go up with the SPARQL 1.1 Graph Store HTTP Protocol, never straight into the
target graph:

1. ``PUT`` ``kg.nt`` into a fresh staging graph (``urn:uuid:…``), and the dataset description
   (:mod:`kg.describe`, with ``void:sparqlEndpoint`` set) into a second one;
2. count the triples the server now holds in each and compare with what was sent;
3. one SPARQL Update request ``MOVE <staging> TO <graph> ; MOVE <staging2> TO <graph/description>``.

A failure before step 3 — a dropped connection, a rejected or truncated upload — leaves the
published graphs untouched (the staging graphs are dropped).  Step 3 is one request, which
Oxigraph, Fuseki and GraphDB each run as one transaction, so readers see the old version or
the new one, never a mixture.
"""

from __future__ import annotations

import base64
import http.client
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.describe import DATA_FILE, describe_dataset
from kg.endpoint import Endpoint, endpoint_error
from kg.errors import EndpointError, UsageError
from kg.vocab import DEFAULT_BASE_IRI, VOID, IriMinter

DEFAULT_PUBLISH_TIMEOUT = 300.0
"""Seconds to wait for a server while uploading: large graphs take a while to be indexed."""

DESCRIPTION_SUFFIX = "/description"
"""The description goes into the graph ``<graph>/description``, beside the data, not into it:
queries over the data graph then count only the data, and the description can be replaced
with it in the same request."""

N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class ServerUrls:
    """Where a server takes queries, updates and Graph Store requests."""

    query: str
    update: str
    store: str


# Each server's URL layout under the base URL given with --endpoint (see docs/queries-and-publishing.md).
SERVER_LAYOUTS: Mapping[str, tuple[str, str, str]] = {
    "oxigraph": ("/query", "/update", "/store"),  # base: http://host:7878
    "fuseki": ("/query", "/update", "/data"),  # base: http://host:3030/DATASET
    "graphdb": ("", "/statements", "/rdf-graphs/service"),  # base: http://host:7200/repositories/REPO
    "virtuoso": ("/sparql", "/sparql", "/sparql-graph-crud"),  # base: http://host:8890
}


def server_urls(base_url: str, server: str = "oxigraph", *, query: str | None = None,
                update: str | None = None, store: str | None = None) -> ServerUrls:
    """The three URLs of a server from its base URL and kind; any of them can be given instead."""
    if server not in SERVER_LAYOUTS:
        raise UsageError(f"unknown server kind {server!r}; use one of {', '.join(SERVER_LAYOUTS)}")
    base = base_url.rstrip("/")
    query_path, update_path, store_path = SERVER_LAYOUTS[server]
    return ServerUrls(query or base + query_path, update or base + update_path, store or base + store_path)


@dataclass(frozen=True)
class PublishResult:
    graph: str
    description_graph: str
    triples: int
    description_triples: int


def publish(
    data_dir: Path,
    urls: ServerUrls,
    *,
    graph: str | None = None,
    base: str = DEFAULT_BASE_IRI,
    user: str | None = None,
    password: str | None = None,
    timeout: float = DEFAULT_PUBLISH_TIMEOUT,
) -> PublishResult:
    """Replace ``graph`` (default: the dataset IRI) on the server with the build in ``data_dir``."""
    data_dir = Path(data_dir)
    target = _graph_iri(graph or str(IriMinter(base).dataset()))
    description = describe_dataset(data_dir, base=base, endpoint=urls.query)
    expected = int(description.value(IriMinter(base).dataset(), VOID.triples))
    uploads = [
        _Upload(target, (data_dir / DATA_FILE).open("rb"), expected),
        _Upload(description_graph(target), description.serialize(format="nt", encoding="utf-8"),
                len(description)),
    ]
    endpoint = Endpoint(urls.query, user, password, timeout, update_url=urls.update)
    client = _GraphStore(urls.store, user, password, timeout)
    try:
        for upload in uploads:
            client.put(upload.staging, upload.body)
        for upload in uploads:
            _check_count(endpoint, upload)
        endpoint.update(" ;\n".join(f"MOVE <{u.staging}> TO <{u.target}>" for u in uploads))
    except EndpointError as error:
        _drop_quietly(endpoint, (upload.staging for upload in uploads))
        raise EndpointError(f"{error}; nothing was replaced, <{target}> is as it was") from None
    finally:
        for upload in uploads:
            upload.close()
    return PublishResult(target, description_graph(target), expected, len(description))


def description_graph(graph: str) -> str:
    """The graph that holds the description of the data in ``graph``."""
    return graph.rstrip("/#") + DESCRIPTION_SUFFIX


@dataclass
class _Upload:
    target: str
    body: IO[bytes] | bytes
    triples: int
    staging: str = ""

    def __post_init__(self) -> None:
        self.staging = f"urn:uuid:{uuid.uuid4()}"  # never an IRI anyone publishes to

    def close(self) -> None:
        if not isinstance(self.body, bytes):
            self.body.close()


def _graph_iri(iri: str) -> str:
    """Check a graph IRI before it is written into an update request between < and >."""
    try:
        return ox.NamedNode(iri).value
    except ValueError as error:
        raise UsageError(f"--graph {iri!r} is not a valid IRI: {error}") from None


COUNT_QUERY = "SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }"


def graph_size(endpoint: Endpoint, graph: str) -> int:
    """How many triples the server holds in ``graph`` (the graph is bound as a parameter)."""
    results = endpoint.select(COUNT_QUERY, {"graph": ox.NamedNode(graph)})
    return int(results.rows[0][0].value) if results.rows else 0


def _check_count(endpoint: Endpoint, upload: _Upload) -> None:
    held = graph_size(endpoint, upload.staging)
    if held != upload.triples:
        raise EndpointError(f"{endpoint.url} holds {held} triples of the {upload.triples} uploaded "
                            f"for <{upload.target}> (upload cut short?)")


def _drop_quietly(endpoint: Endpoint, graphs: Iterable[str]) -> None:
    """Remove staging graphs after a failure; if the server is gone they stay, harmless."""
    try:
        endpoint.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs))
    except EndpointError:
        pass


class _GraphStore:
    """The few Graph Store HTTP Protocol requests publishing needs (urllib: no extra dependency)."""

    def __init__(self, url: str, user: str | None, password: str | None, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.headers = {"User-Agent": "kg"}
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"

    def put(self, graph: str, body: IO[bytes] | bytes) -> None:
        """Replace ``graph`` with N-Triples ``body`` (a file is streamed, not read into memory)."""
        size = len(body) if isinstance(body, bytes) else Path(body.name).stat().st_size
        request = urllib.request.Request(
            f"{self.url}?{urllib.parse.urlencode({'graph': graph})}", data=body, method="PUT",
            headers={**self.headers, "Content-Type": N_TRIPLES, "Content-Length": str(size)},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except (OSError, http.client.HTTPException) as error:  # HTTP errors, timeouts, drops
            raise endpoint_error(self.url, error, timeout=self.timeout) from None


__all__ = [
    "DEFAULT_PUBLISH_TIMEOUT",
    "DESCRIPTION_SUFFIX",
    "SERVER_LAYOUTS",
    "description_graph",
    "PublishResult",
    "ServerUrls",
    "graph_size",
    "publish",
    "server_urls",
]
