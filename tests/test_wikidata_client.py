"""The Wikidata client against real servers on 127.0.0.1.

Search, types, dates and caching run against ``oxigraph serve`` loaded with a
Wikidata-shaped fixture, so the queries kg would send to Wikidata run for real;
the HTTP manners (User-Agent, retries, Retry-After, timeouts) against a tiny
scripted HTTP server.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path

import pytest

from kg.entities.wikidata import USER_AGENT, NameQuery, WikidataClient, label_variants
from kg.errors import EndpointError
from tests.entities_support import FIXTURE
from tests.servers import free_port, oxigraph_server


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("wikidata"), load=[FIXTURE]) as server:
        yield server.query_endpoint


def client(endpoint, tmp_path, **options) -> WikidataClient:
    return WikidataClient(endpoint, cache_dir=tmp_path / "cache", backoff=0.01, **options)


def test_finds_a_verified_item_by_label(endpoint, tmp_path):
    found = client(endpoint, tmp_path).find_candidates([NameQuery("joseph-stalin", "person", ("Joseph Stalin",))])
    (candidate,) = found["joseph-stalin"].values()
    assert candidate.qid == "Q855" and candidate.labels_matched == {"Joseph Stalin"}
    assert candidate.classes == {"Q5"}


def test_persons_must_be_human_and_aliases_count(endpoint, tmp_path):
    found = client(endpoint, tmp_path).find_candidates(
        [NameQuery("georgy-malenkov", "person", ("Georgi Malenkov",))])
    assert set(found["georgy-malenkov"]) == {"Q900000001"}  # not the ship that shares his label
    assert found["georgy-malenkov"]["Q900000001"].aliases_matched == {"Georgi Malenkov"}


def test_names_are_looked_up_in_their_capitalised_form(endpoint, tmp_path):
    assert label_variants(["league of communists of yugoslavia"]) == [
        "league of communists of yugoslavia", "League of Communists of Yugoslavia"]
    found = client(endpoint, tmp_path).find_candidates(
        [NameQuery("lcy", "organization", ("league of communists of yugoslavia",))])
    assert set(found["lcy"]) == {"Q900000013"}


def test_organizations_and_places_exclude_humans_and_follow_subclasses(endpoint, tmp_path):
    found = client(endpoint, tmp_path).find_candidates([
        NameQuery("mvd", "organization", ("MVD",)),
        NameQuery("lcy", "organization", ("LCY",)),
        NameQuery("lithuanian-ssr", "place", ("Lithuanian SSR",)),
    ])
    assert "mvd" not in found  # the only "MVD" in the fixture is a human
    assert found["lcy"]["Q900000013"].classes == {"Q7278"}  # via a subclass of political party
    assert found["lithuanian-ssr"]["Q900000009"].classes == {"Q3024240"}


def test_life_dates_come_back(endpoint, tmp_path):
    found = client(endpoint, tmp_path).find_candidates([NameQuery("imre-nagy", "person", ("Imre Nagy",))])
    assert {q: c.born[:4] for q, c in found["imre-nagy"].items()} == {"Q900000003": "1990", "Q900000004": "1890"}
    eisenhower = client(endpoint, tmp_path).find_candidates(
        [NameQuery("ike", "person", ("Dwight D. Eisenhower",))])["ike"]["Q9916"]
    assert eisenhower.died.startswith("1969-03-28")


def test_names_are_batched(endpoint, tmp_path):
    queries = [NameQuery(key, "person", (name,)) for key, name in [
        ("a", "Joseph Stalin"), ("b", "Imre Nagy"), ("c", "Svetozar Rajak"), ("d", "Milovan Djilas"),
        ("e", "Nobody Atall")]]
    small = client(endpoint, tmp_path / "small", batch_size=2)
    large = client(endpoint, tmp_path / "large", batch_size=10)
    assert small.find_candidates(queries).keys() == large.find_candidates(queries).keys() == set("abcd")
    assert (small.sent, large.sent) == (3, 1)


def test_answers_are_cached_on_disk(endpoint, tmp_path):
    query = [NameQuery("joseph-stalin", "person", ("Joseph Stalin",))]
    first = client(endpoint, tmp_path)
    again = client(endpoint, tmp_path)
    assert first.find_candidates(query) == again.find_candidates(query)
    assert (first.sent, again.sent) == (1, 0)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    elsewhere = client(endpoint + "?other", tmp_path)
    elsewhere.find_candidates(query)
    assert elsewhere.sent == 1  # another endpoint is another cache key, so it is asked


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # SPARQLWrapper cannot tell the query type
def test_a_bad_query_is_reported_at_once(endpoint, tmp_path):
    plain = client(endpoint, tmp_path)
    with pytest.raises(EndpointError, match="refused the query"):
        plain.select("SELEKT nothing")
    assert plain.sent == 1  # not retried


def test_an_unreachable_service_is_retried_with_backoff_then_reported(tmp_path):
    waits = []
    dead = WikidataClient(f"http://127.0.0.1:{free_port()}/sparql", cache_dir=tmp_path, retries=3,
                          backoff=0.5, sleep=waits.append)
    with pytest.raises(EndpointError, match=r"cannot use the Wikidata Query Service at http://127\.0\.0\.1.*unreachable.*3 time"):
        dead.select("SELECT * WHERE { ?s ?p ?o }")
    assert waits == [0.5, 1.0]


# --- a scripted HTTP server for the HTTP manners ---------------------------------

OK_BODY = json.dumps({"head": {"vars": ["x"]},
                      "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}).encode()


class Script:
    def __init__(self, *answers):
        self.answers = list(answers)  # (status, headers, delay seconds)
        self.requests = []


@pytest.fixture
def scripted():
    script = Script()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            script.requests.append(dict(self.headers))
            status, headers, delay = script.answers.pop(0) if script.answers else (200, {}, 0)
            time.sleep(delay)
            body = OK_BODY if status == 200 else b"busy"
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/sparql-results+json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    script.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    yield script
    server.shutdown()
    server.server_close()


def test_sends_a_descriptive_user_agent(scripted, tmp_path):
    WikidataClient(scripted.url, cache_dir=None).select("SELECT ?x {}")
    assert scripted.requests[0]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("kg/") and "https://kg.example.org" in USER_AGENT


def test_server_errors_and_rate_limits_are_retried(scripted, tmp_path):
    scripted.answers = [(503, {}, 0), (429, {"Retry-After": "2"}, 0)]
    waits = []
    answer = WikidataClient(scripted.url, cache_dir=None, retries=3, backoff=0.25,
                            sleep=waits.append).select("SELECT ?x {}")
    assert answer == [{"x": "1"}]
    assert waits == [0.25, 2.0]  # exponential backoff, then the service's own Retry-After
    assert len(scripted.requests) == 3


def test_a_slow_service_times_out(scripted, tmp_path):
    scripted.answers = [(200, {}, 2.5)]
    slow = WikidataClient(scripted.url, cache_dir=None, timeout=1, retries=1)
    with pytest.raises(EndpointError, match="timed out"):
        slow.select("SELECT ?x {}")


def test_client_errors_are_not_retried(scripted):
    scripted.answers = [(403, {}, 0)]
    with pytest.raises(EndpointError, match="HTTP 403"):
        WikidataClient(scripted.url, cache_dir=None, retries=3, sleep=lambda _: None).select("SELECT ?x {}")
    assert len(scripted.requests) == 1


def test_nothing_is_cached_when_the_service_fails(scripted, tmp_path):
    scripted.answers = [(503, {}, 0)]
    with pytest.raises(EndpointError):
        WikidataClient(scripted.url, cache_dir=tmp_path, retries=1).select("SELECT ?x {}")
    assert not list(Path(tmp_path).glob("*.json"))
