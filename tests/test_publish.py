"""``kg publish`` to a real Oxigraph server, failures injected mid-upload, and the VoID/DCAT description."""

from __future__ import annotations

import hashlib
import http.client
import shutil
import socket
import urllib.parse
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef

from kg.cli import cli
from kg.describe import LICENSE_IRI, describe_dataset, write_description
from kg.endpoint import Endpoint
from kg.graph_store import SERVER_LAYOUTS, graph_size, server_urls
from kg import vocab as v  # a module, not its namespaces: pytest's collector probes module globals
from tests.servers import free_port, oxigraph_server
from tests.test_endpoint import reply, serve_http
from tests.test_queries import FIXTURE

BASE = "https://kg.example.org/id/"
DATASET = URIRef(BASE + "dataset")
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


@pytest.fixture(scope="module")
def store(server) -> Endpoint:
    """The server's query endpoint without a default graph: every named graph is visible."""
    return Endpoint(server.query_endpoint, timeout=10)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory) -> Path:
    """A build folder holding the hand-written fixture instead of the seeds."""
    out = tmp_path_factory.mktemp("fixture-build")
    ox.serialize(ox.parse(path=str(FIXTURE)), str(out / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return out


def kg_publish(url: str, data: Path, *args: str):
    result = CliRunner().invoke(cli, ["publish", "--endpoint", url, "--data", str(data), *args])
    assert "Traceback" not in result.output
    return result


def triples_in(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def staging_graphs(store: Endpoint) -> list[str]:
    found = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:uuid:')) }", {})
    return [row[0].value for row in found.rows]


def holds(store: Endpoint, graph: str, pattern: str) -> bool:
    return store.select(f"ASK {{ GRAPH <{graph}> {{ {pattern} }} }}", {}).boolean


# --- publishing -----------------------------------------------------------------------------


def test_publish_loads_the_data_and_its_description(server, store, built_seeds):
    result = kg_publish(server.url, built_seeds.out_dir)
    assert result.exit_code == 0, result.output
    expected = triples_in(built_seeds.out_dir / "kg.nt")
    assert f"published {expected} triples to <{DATASET}>" in result.output
    assert graph_size(store, str(DATASET)) == expected
    description = f"{DATASET}/description"
    assert holds(store, description, f"<{DATASET}> <{v.VOID.sparqlEndpoint}> <{server.query_endpoint}> ; "
                                     f"<{v.DCTERMS.license}> <{LICENSE_IRI}> ; <{v.VOID.triples}> {expected}")
    assert not holds(store, str(DATASET), f"?d <{v.VOID.sparqlEndpoint}> ?e")  # the description stays apart
    assert staging_graphs(store) == []


def test_a_second_publish_replaces_rather_than_duplicates(server, store, built_seeds, fixture_build):
    graph = "https://kg.example.org/graphs/replaced"
    assert kg_publish(server.url, built_seeds.out_dir, "--graph", graph).exit_code == 0
    seeds_size = graph_size(store, graph)
    assert kg_publish(server.url, built_seeds.out_dir, "--graph", graph).exit_code == 0
    assert graph_size(store, graph) == seeds_size
    assert kg_publish(server.url, fixture_build, "--graph", graph).exit_code == 0
    assert graph_size(store, graph) == triples_in(fixture_build / "kg.nt") != seeds_size
    assert holds(store, graph, '?p <https://schema.org/name> "Milovan Đilas"')
    assert not holds(store, graph, '?d <http://purl.org/dc/terms/identifier> "999999"')
    assert staging_graphs(store) == []


def test_published_data_answers_queries(server, built_seeds):
    assert kg_publish(server.url, built_seeds.out_dir).exit_code == 0
    result = CliRunner().invoke(cli, ["query", "correspondence", "--endpoint", server.query_endpoint,
                                      "--graph", str(DATASET), "-f", "csv"])
    assert result.exit_code == 0 and "Lavrentiy Beria" in result.output


# --- failures mid-way -----------------------------------------------------------------------


def forwarding_to(upstream: str, fault: str | None):
    """A proxy in front of the real server that spoils Graph Store uploads (PUT) as told.

    ``truncate``: forward only the first half of the uploaded lines (the server accepts them);
    ``die``: read part of the upload, then drop the connection without an answer.
    """
    target = urllib.parse.urlsplit(upstream)

    def respond(handler: BaseHTTPRequestHandler, body: bytes) -> None:
        if handler.command == "PUT" and fault == "die":
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
            return
        if handler.command == "PUT" and fault == "truncate":
            lines = body.splitlines(keepends=True)
            body = b"".join(lines[: len(lines) // 2])
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("host", "content-length")}
        connection.request(handler.command, handler.path, body=body, headers=headers)
        answer = connection.getresponse()
        reply(handler, answer.status, answer.read(), answer.getheader("Content-Type", "text/plain"))

    return serve_http(respond)


@pytest.mark.parametrize(("fault", "message"), [
    ("truncate", "triples of the"),
    ("die", "dropped the connection"),
])
def test_a_failed_upload_leaves_the_previous_version_in_place(server, store, built_seeds, fixture_build,
                                                              fault, message):
    graph = f"https://kg.example.org/graphs/{fault}"
    assert kg_publish(server.url, built_seeds.out_dir, "--graph", graph).exit_code == 0
    before = graph_size(store, graph)
    with forwarding_to(server.url, fault) as proxy:
        result = kg_publish(proxy, fixture_build, "--graph", graph, "--timeout", "10")
    assert result.exit_code == 1, result.output
    line, = result.output.strip().splitlines()
    assert message in line and f"nothing was replaced, <{graph}> is as it was" in line
    assert graph_size(store, graph) == before
    assert holds(store, graph, '?d <http://purl.org/dc/terms/identifier> "111310"')
    assert not holds(store, graph, '?p <https://schema.org/name> "Milovan Đilas"')
    assert staging_graphs(store) == []


def test_publishing_to_a_server_that_is_down(built_seeds):
    url = f"http://127.0.0.1:{free_port()}"
    result = kg_publish(url, built_seeds.out_dir)
    assert result.exit_code == 1 and "cannot reach" in result.output and "connection refused" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["--graph", "not a graph>"], "is not a valid IRI"),
    (["--server", "sesame"], "Invalid value for '--server'"),
])
def test_publish_usage_errors(server, built_seeds, args, message):
    result = kg_publish(server.url, built_seeds.out_dir, *args)
    assert result.exit_code == 2 and message in result.output


def test_publish_without_a_build(server, tmp_path):
    result = kg_publish(server.url, tmp_path / "dist")
    assert result.exit_code == 2 and "run `kg build` first" in result.output


def test_a_malformed_dump_is_refused_before_the_server_is_touched(server, store, tmp_path):
    (tmp_path / "kg.nt").write_text("<urn:a> <urn:b> .\n")
    result = kg_publish(server.url, tmp_path, "--graph", "urn:test:malformed")
    assert result.exit_code == 2 and "is not valid N-Triples" in result.output
    assert graph_size(store, "urn:test:malformed") == 0


def test_server_layouts():
    assert server_urls("http://localhost:7878/") == server_urls("http://localhost:7878")
    oxigraph = server_urls("http://localhost:7878")
    assert (oxigraph.query, oxigraph.update, oxigraph.store) == (
        "http://localhost:7878/query", "http://localhost:7878/update", "http://localhost:7878/store")
    fuseki = server_urls("http://localhost:3030/kg", "fuseki")
    assert fuseki.store == "http://localhost:3030/kg/data"
    graphdb = server_urls("http://localhost:7200/repositories/kg", "graphdb")
    assert graphdb.query == "http://localhost:7200/repositories/kg"
    assert graphdb.update == "http://localhost:7200/repositories/kg/statements"
    assert server_urls("http://h:8890", "virtuoso", store="http://h:8890/sparql-graph-crud-auth").store.endswith("-auth")
    assert set(SERVER_LAYOUTS) == {"oxigraph", "fuseki", "graphdb", "virtuoso"}


# --- the dataset description ----------------------------------------------------------------


@pytest.fixture(scope="module")
def description(built_seeds) -> Graph:
    return describe_dataset(built_seeds.out_dir, base=BASE)


def test_description_counts_triples_entities_classes_and_properties(description, built_seeds):
    data = Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")
    assert description.value(DATASET, v.VOID.triples) == Literal(len(data), datatype=v.XSD.integer)
    subjects = {s for s in data.subjects() if str(s).startswith(BASE)}
    assert description.value(DATASET, v.VOID.entities).toPython() == len(subjects)
    classes = {description.value(p, v.VOID["class"]): description.value(p, v.VOID.entities).toPython()
               for p in description.objects(DATASET, v.VOID.classPartition)}
    assert classes[URIRef("https://schema.org/ArchiveComponent")] == 2
    assert classes == {cls: len(set(data.subjects(v.RDF.type, cls))) for cls in set(data.objects(None, v.RDF.type))}
    properties = {description.value(p, v.VOID.property): description.value(p, v.VOID.triples).toPython()
                  for p in description.objects(DATASET, v.VOID.propertyPartition)}
    assert properties == {p: len(list(data.triples((None, p, None)))) for p in set(data.predicates())}


def test_description_lists_the_distributions_with_checksums(description, built_seeds):
    media = {"kg.ttl": "text/turtle", "kg.nt": "application/n-triples", "kg.jsonld": "application/ld+json"}
    distributions = list(description.objects(DATASET, v.DCAT.distribution))
    assert len(distributions) == 3
    for distribution in distributions:
        name = str(description.value(distribution, v.DCTERMS.title))
        path = built_seeds.out_dir / name
        assert description.value(distribution, v.DCAT.mediaType) == URIRef(IANA + media[name])
        assert description.value(distribution, v.DCAT.byteSize).toPython() == path.stat().st_size
        checksum = description.value(distribution, v.SPDX.checksum)
        assert (checksum, v.RDF.type, v.SPDX.Checksum) in description
        assert description.value(checksum, v.SPDX.algorithm) == v.SPDX.checksumAlgorithm_sha256
        assert str(description.value(checksum, v.SPDX.checksumValue)) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_description_links_the_build_and_the_licence(description, built_seeds):
    data = Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")
    assert description.value(DATASET, v.PROV.wasGeneratedBy) == data.value(DATASET, v.PROV.wasGeneratedBy) is not None
    assert description.value(DATASET, v.DCTERMS.license) == LICENSE_IRI
    assert {v.VOID.Dataset, v.DCAT.Dataset} <= set(description.objects(DATASET, v.RDF.type))
    assert (DATASET, v.VOID.sparqlEndpoint, None) not in description
    assert not [t for t in description if any(isinstance(term, BNode) for term in t)]


def test_description_names_the_endpoint_when_there_is_one(built_seeds):
    graph = describe_dataset(built_seeds.out_dir, base=BASE, endpoint="https://sparql.example.org/query")
    assert graph.value(DATASET, v.VOID.sparqlEndpoint) == URIRef("https://sparql.example.org/query")


def test_write_description_is_atomic_and_deterministic(built_seeds, tmp_path):
    out = tmp_path / "dist"
    shutil.copytree(built_seeds.out_dir, out)
    first = write_description(out, base=BASE)
    assert first == out / "void.ttl"
    text = first.read_bytes()
    assert write_description(out, base=BASE).read_bytes() == text
    assert sorted(path.name for path in out.iterdir() if path.name.startswith(".")) == []  # no temporary files left
    parsed = Graph().parse(first)
    assert (DATASET, v.DCTERMS.license, LICENSE_IRI) in parsed
