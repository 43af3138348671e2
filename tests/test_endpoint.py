"""Queries through a SPARQL endpoint: the same answers as locally, safe parameters, clear failures.

A real ``oxigraph serve`` on 127.0.0.1 holds the published seeds (one server for the module);
tiny ``http.server`` endpoints on 127.0.0.1 play the broken, slow and guarded servers.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.endpoint import Endpoint, inject_values, server_text, where_group_start
from kg.errors import EndpointError, QueryError
from kg.graph_store import graph_size, publish, server_urls
from kg.query import Page, bundled_queries, find_query, open_local, run_query
from tests.servers import free_port, oxigraph_server
from tests.test_queries import INJECTION, SEED_PARAMS

GRAPH = "https://kg.example.org/id/dataset"

# Each bundled query, with parameters that exercise every parameter type over the wire.
CASES = [(query.name, SEED_PARAMS.get(query.name, {})) for query in bundled_queries() if not query.online] + [
    ("date-range", {"from": "1953-07-01", "to": "1954-01-01"}),
    ("archive-documents", {"archive": "Arhiv Jugoslavije", "fond": "Arhiv CK SKJ"}),
    ("documents-by-language", {"language": "ru"}),
    ("archive-documents", {"archive": "https://kg.example.org/id/archive/ap-rf", "fond": "3"}),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory, built_seeds):
    """An Oxigraph server holding the seeds in GRAPH, published the way `kg publish` does it."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        publish(built_seeds.out_dir, server_urls(running.url), graph=GRAPH)
        yield running


@pytest.fixture(scope="module")
def remote(server) -> Endpoint:
    return Endpoint(server.query_endpoint, default_graph=GRAPH, timeout=10)


def kg_query(*args: str):
    result = CliRunner().invoke(cli, ["query", *args])
    assert "Traceback" not in result.output
    return result


def as_options(params: dict[str, str]) -> list[str]:
    return [option for name, value in params.items() for option in ("--param", f"{name}={value}")]


# --- the same answers -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_every_query_answers_the_same_locally_and_through_the_endpoint(server, built_seeds, name, params):
    local = kg_query(name, *as_options(params), "--data", str(built_seeds.out_dir), "--format", "json")
    remote = kg_query(name, *as_options(params), "--endpoint", server.query_endpoint, "--graph", GRAPH,
                      "--format", "json")
    assert local.exit_code == remote.exit_code == 0, (local.output, remote.output)
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert json.loads(local.stdout)["results"]["bindings"] or name == "co-mentions"


PAGES = [
    ("co-mentions", {}, ["--limit", "5", "--offset", "5"]),  # paged by its ranks
    ("person-documents", {"person": "Beria"}, ["--limit", "1"]),
    ("overview", {}, ["--limit", "4", "--offset", "20"]),
    ("correspondence", {}, ["--all"]),
    # listings: entries by position, through the date index, by words
    ("person-timeline", {"person": "Khrushchev"}, ["--limit", "1", "--offset", "1"]),
    ("wikidata-links", {}, ["--limit", "10", "--offset", "10"]),
    ("date-range", {"from": "1953-07-01"}, ["--limit", "1"]),
    ("title-search", {"text": "Beria Malenkov"}, ["--all"]),
]


@pytest.mark.parametrize(("name", "params", "page"), PAGES, ids=[name for name, _, _ in PAGES])
def test_pages_are_the_same_locally_and_through_the_endpoint(server, built_seeds, name, params, page):
    local = kg_query(name, *as_options(params), *page, "--data", str(built_seeds.out_dir), "--format", "json")
    remote = kg_query(name, *as_options(params), *page, "--endpoint", server.query_endpoint, "--graph", GRAPH,
                      "--format", "json")
    assert local.exit_code == remote.exit_code == 0, (local.output, remote.output)
    assert json.loads(remote.stdout) == json.loads(local.stdout) and json.loads(local.stdout)["results"]["bindings"]
    assert remote.stderr == local.stderr  # the same "next page" hint, or none


def test_the_library_pages_the_same_way(remote, built_seeds):
    local = open_local([built_seeds.out_dir])
    for offset in (0, 3, 21):
        page = Page(limit=3, offset=offset)
        assert run_query(find_query("co-mentions"), {}, remote, page=page) == \
            run_query(find_query("co-mentions"), {}, local, page=page)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_every_format_reads_the_same_locally_and_remotely(server, built_seeds, fmt):
    args = ["correspondence", "--format", fmt]
    local = kg_query(*args, "--data", str(built_seeds.out_dir))
    remote = kg_query(*args, "--endpoint", server.query_endpoint, "--graph", GRAPH)
    assert remote.stdout == local.stdout and "Malenkov" in remote.stdout


def test_the_library_gives_equal_results(remote, built_seeds):
    local = open_local([built_seeds.out_dir])
    query = find_query("person-timeline")
    assert run_query(query, {"person": "Khrushchev"}, remote) == run_query(query, {"person": "Khrushchev"}, local)


def test_injection_is_just_a_string_on_the_endpoint(server, remote):
    whole_store = Endpoint(server.query_endpoint)  # no default-graph-uri: every named graph visible
    before = graph_size(whole_store, GRAPH)
    assert run_query(find_query("title-search"), {"text": INJECTION}, remote).rows == ()
    assert run_query(find_query("archive-documents"), {"archive": "AP RF", "fond": INJECTION}, remote).rows == ()
    with pytest.raises(QueryError, match="no person named"):
        run_query(find_query("person-documents"), {"person": INJECTION}, remote)
    result = kg_query("title-search", "-p", f"text={INJECTION}", "--endpoint", server.query_endpoint,
                      "--graph", GRAPH, "-f", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["text,date,document,title"]
    assert graph_size(whole_store, GRAPH) == before > 0
    assert run_query(find_query("overview"), {}, remote).rows


def test_the_online_query_joins_a_loopback_wikidata(server, built_seeds):
    """The federated query for real, with a stand-in Wikidata on 127.0.0.1 (never the internet)."""
    born = "http://www.wikidata.org/prop/direct/P569"
    Endpoint(server.query_endpoint, update_url=server.update_endpoint).update(
        f'INSERT DATA {{ <http://www.wikidata.org/entity/Q855> <{born}> '
        '"1878-12-18T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> }')  # default graph only
    query = find_query("wikidata-life-dates")
    loopback = dataclasses.replace(query, text=query.text.replace("https://query.wikidata.org/sparql",
                                                                  server.query_endpoint))
    rows = run_query(loopback, {}, open_local([built_seeds.out_dir]), allow_online=True).rows
    by_name = {row[1].value: row for row in rows}
    assert by_name["Joseph Stalin"][3].value == "1878-12-18T00:00:00Z"
    assert all(row[3] is None for name, row in by_name.items() if name != "Joseph Stalin")
    assert len(by_name) >= 2  # the local part binds every linked person, dated or not


def test_an_unreachable_service_in_a_local_query_is_one_line(built_seeds, tmp_path):
    own = tmp_path / "service.rq"
    own.write_text("# title: S\n# description: S.\n# online: true\n"
                   f"SELECT * WHERE {{ ?s ?p ?o SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?q ?r }} }}\n")
    result = kg_query(str(own), "--online", "--data", str(built_seeds.out_dir))
    assert result.exit_code == 1 and result.output.startswith("kg: the query failed: ")
    assert "refused" in result.output.lower() and len(result.output.strip().splitlines()) == 1


# --- failures: one line, exit 1 -----------------------------------------------------------


@contextlib.contextmanager
def serve_http(respond: Callable[[BaseHTTPRequestHandler, bytes], None]) -> Iterator[str]:
    """A throwaway HTTP server on 127.0.0.1 answering every request with ``respond``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            respond(self, b"")

        def do_POST(self):  # noqa: N802
            respond(self, self.rfile.read(int(self.headers.get("Content-Length", 0))))

        do_PUT = do_POST

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # a client that gave up (the timeout test) is expected: print no traceback later

    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str = "text/plain") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


EMPTY_RESULTS = json.dumps({"head": {"vars": ["class", "resources"]}, "results": {"bindings": []}}).encode()


def assert_one_line_failure(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: "), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_an_endpoint_that_is_down():
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    assert_one_line_failure(kg_query("overview", "--endpoint", url), f"cannot reach {url}", "connection refused")


def test_an_endpoint_that_answers_500_is_quoted():
    def broken(handler, body):
        reply(handler, 500, b"<html><body><h1>Internal error</h1>\n<p>the store is\n corrupt</p></body></html>")

    with serve_http(broken) as url:
        assert_one_line_failure(kg_query("overview", "--endpoint", url), f"{url} answered HTTP 500",
                                "Internal error the store is corrupt")


def test_a_long_error_text_is_cut():
    with serve_http(lambda handler, body: reply(handler, 503, b"overloaded " * 500)) as url:
        result = kg_query("overview", "--endpoint", url)
    assert_one_line_failure(result, "HTTP 503: overloaded overloaded", "…")
    assert len(result.output) < 500


def test_a_slow_endpoint_times_out():
    def slow(handler, body):
        time.sleep(2.5)
        reply(handler, 200, EMPTY_RESULTS, "application/sparql-results+json")

    with serve_http(slow) as url:
        started = time.monotonic()
        result = kg_query("overview", "--endpoint", url, "--timeout", "1")
        assert time.monotonic() - started < 2.4
    assert_one_line_failure(result, f"{url} did not answer within 1 s")


def test_an_endpoint_that_does_not_speak_sparql_json():
    with serve_http(lambda handler, body: reply(handler, 200, b"<html>Login</html>", "text/html")) as url:
        assert_one_line_failure(kg_query("overview", "--endpoint", url),
                                f"{url} did not answer with SPARQL JSON results", "Login")


def test_a_query_the_server_rejects_quotes_its_parser(server, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\n# description: Bad.\nSELECT * WHERE { ?s ?p }\n")
    assert_one_line_failure(kg_query(str(bad), "--endpoint", server.query_endpoint),
                            "answered HTTP 400", "error at")


def test_basic_auth_is_sent():
    expected = "Basic " + base64.b64encode(b"historian:s3cret").decode()

    def guarded(handler, body):
        if handler.headers.get("Authorization") == expected:
            reply(handler, 200, EMPTY_RESULTS, "application/sparql-results+json")
        else:
            reply(handler, 401, b"credentials required")

    with serve_http(guarded) as url:
        denied = kg_query("overview", "--endpoint", url)
        allowed = kg_query("overview", "--endpoint", url, "--user", "historian", "--password", "s3cret")
        from_env = CliRunner(env={"KG_ENDPOINT_PASSWORD": "s3cret"}).invoke(
            cli, ["query", "overview", "--endpoint", url, "--user", "historian"])
    assert_one_line_failure(denied, "HTTP 401", "credentials required")
    assert allowed.exit_code == from_env.exit_code == 0 and "(0 rows)" in allowed.output


def test_an_update_without_an_update_endpoint():
    with pytest.raises(EndpointError, match="no SPARQL update endpoint"):
        Endpoint("http://127.0.0.1:9/query").update("CLEAR ALL")


# --- the VALUES block -----------------------------------------------------------------------


def test_values_go_first_inside_the_where_group():
    query = 'PREFIX a: <http://x/where#>\n# WHERE { in a comment\nSELECT ?p ?where WHERE {\n ?s ?p "WHERE {" }'
    injected = inject_values(query, {"p": ox.NamedNode("http://x/p"), "where": ox.Literal(INJECTION)})
    assert injected.endswith('SELECT ?p ?where WHERE { VALUES (?p ?where) { (<http://x/p> "x\\" } ; DROP ALL ; #") }\n'
                             '\n ?s ?p "WHERE {" }')
    assert inject_values(query, {}) == query


def test_values_without_the_where_keyword():
    assert where_group_start("ASK { ?s ?p ?o }") == len("ASK {")
    assert where_group_start("SELECT * { ?where ?p '''{ WHERE''' }") == len("SELECT * {")
    with pytest.raises(QueryError, match="no WHERE clause"):
        inject_values("DESCRIBE <http://x/a>", {"a": ox.Literal("1")})


def test_injected_values_parse_and_bind(server, remote):
    # A value full of SPARQL punctuation is matched as the string it is, nothing more.
    update = Endpoint(server.query_endpoint, update_url=server.update_endpoint)
    update.update(f'INSERT DATA {{ GRAPH <urn:test:injection> {{ <urn:a> <urn:p> {ox.Literal(INJECTION)} }} }}')
    found = Endpoint(server.query_endpoint, default_graph="urn:test:injection").select(
        "SELECT ?s ?o WHERE { ?s <urn:p> ?o }", {"o": ox.Literal(INJECTION)})
    assert [row[0].value for row in found.rows] == ["urn:a"]
    update.update("DROP GRAPH <urn:test:injection>")


def test_server_text_is_one_readable_line():
    assert server_text(b"<p>Parse\n  error</p>") == "Parse error"
    assert server_text(b"") == "(no message)"
    assert server_text("x" * 400, limit=10) == "x" * 9 + "…"
