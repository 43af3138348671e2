"""The bundled queries: headers, parsing, answers on the seeds, parameters, pages, formats, ``kg query``.

Answers are checked on the real build of the seeds.  ``tests/data/queries_fixture.ttl`` adds
what the seeds lack: a document dated by a range, accented and stroked spellings of names; it
is queried with the derived resources a build would publish for it (tests/analytics_support.py)
and, as data without a name index, alone (``plain``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery

from kg.cli import cli
from kg.endpoint import results_from_json
from kg.errors import QueryError, UsageError
from kg.query import (
    ALL_ROWS,
    DEFAULT_PAGE_SIZE,
    NAMES_QUERY,
    PARAM_TYPES,
    LocalEngine,
    Page,
    Param,
    bind_parameters,
    bundled_queries,
    find_query,
    format_results,
    match_names,
    normalise_name,
    open_local,
    parse_query,
    run_query,
    to_term,
)
from kg.query.sparql_text import with_page
from kg.vocab import KG, PREFIXES, RDF, SDO
from tests.analytics_support import Recording, with_derived

FIXTURE = Path(__file__).resolve().parent / "data" / "queries_fixture.ttl"
DOC = Path(__file__).resolve().parent.parent / "docs" / "queries-and-publishing.md"
INJECTION = 'x" } ; DROP ALL ; #'

EXPECTED_QUERIES = {
    "person-documents", "correspondence", "co-mentions", "person-timeline", "archive-documents",
    "documents-by-language", "translators", "date-range", "publications", "wikidata-links",
    "overview", "wikidata-life-dates", "title-search",
}

# Parameters that make every bundled query return something on the seeds.
SEED_PARAMS = {
    "person-documents": {"person": "Beria"},
    "person-timeline": {"person": "Khrushchev"},
    "archive-documents": {"archive": "AP RF"},
    "title-search": {"text": "Yugoslavia"},
}


@pytest.fixture(scope="module")
def seeds(built_seeds) -> LocalEngine:
    return open_local([built_seeds.out_dir])


@pytest.fixture(scope="module")
def fixture() -> LocalEngine:
    return LocalEngine(with_derived(FIXTURE))


@pytest.fixture(scope="module")
def plain() -> LocalEngine:
    """The fixture as it is written: no derived resources, no name index."""
    return open_local([FIXTURE])


def run(engine, name: str, **params: str) -> list[dict[str, str]]:
    """Rows of a bundled query as {variable: lexical value}, unbound variables left out."""
    results = run_query(find_query(name), params, engine)
    return [{var: term.value for var, term in zip(results.variables, row) if term is not None}
            for row in results.rows]


def column(rows: list[dict[str, str]], name: str) -> list[str]:
    return [row.get(name, "") for row in rows]


def surname(name: str) -> str:
    """The last word of a name: the entity stage may prefer "Georgy" to the seeds' "Georgii"."""
    return name.split()[-1]

# --- the catalogue -------------------------------------------------------------------------


def test_the_catalogue_has_every_query_of_the_issue():
    names = {query.name for query in bundled_queries()}
    assert EXPECTED_QUERIES <= names
    assert len(names) >= 12


@pytest.mark.parametrize("query", bundled_queries(), ids=lambda query: query.name)
def test_every_query_has_a_header_and_parses(query):
    assert query.title != query.name and query.description, "title and description headers"
    header = query.text[: query.text.index("\nPREFIX") if "\nPREFIX" in query.text else query.text.index("SELECT")]
    keys = re.findall(r"^#\s*(\w+):\s", header, re.M)
    assert set(keys) <= {"title", "description", "param", "online", "page-by", "listing"}, keys
    assert all(param.type in PARAM_TYPES for param in query.params)
    prepareQuery(query.text)  # rdflib's SPARQL 1.1 parser: an independent check of the syntax


@pytest.mark.parametrize("query", bundled_queries(), ids=lambda query: query.name)
def test_queries_use_only_kgs_prefixes_and_project_their_parameters(query):
    for prefix, iri in re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", query.text, re.M):
        assert PREFIXES.get(prefix) == iri, prefix
    select = query.text[query.text.index("SELECT"):query.text.index("WHERE")]
    for param in query.params:  # pyoxigraph substitutes only projected variables
        assert f"?{param.name}" in select, param.name
    assert "ORDER BY" in query.text, "deterministic results need an ORDER BY"


@pytest.mark.parametrize("query", [q for q in bundled_queries() if not q.online], ids=lambda q: q.name)
def test_every_local_query_answers_on_the_seeds_the_same_way_twice(seeds, query):
    params = SEED_PARAMS.get(query.name, {})
    first = run_query(query, params, seeds)
    assert first.rows
    assert run_query(query, params, seeds) == first


def test_the_online_query_is_marked_and_refused_without_online():
    query = find_query("wikidata-life-dates")
    assert query.online and "SERVICE <https://query.wikidata.org/sparql>" in query.text
    assert [q.name for q in bundled_queries() if q.online] == ["wikidata-life-dates"]
    with pytest.raises(UsageError, match="--online"):
        run_query(query, {}, LocalEngine(ox.Store()))


def test_the_online_querys_local_part_binds_the_linked_persons(seeds):
    local_part = re.sub(r"OPTIONAL \{\n    SERVICE <[^>]+> \{.*?\n  \}\n", "", find_query("wikidata-life-dates").text, flags=re.S)
    assert "SERVICE <" not in local_part
    rows = seeds.select(local_part, {}).rows
    assert {row[1].value: row[2].value for row in rows}["Joseph Stalin"] == "http://www.wikidata.org/entity/Q855"


# --- answers --------------------------------------------------------------------------------


def test_documents_involving_beria(seeds, fixture):
    rows = run(seeds, "person-documents", person="Beria")
    assert [(row["document"].rsplit("/", 1)[1], row["role"]) for row in rows] == [
        ("111310", "creator"), ("112968", "mentioned")]  # he wrote one letter and is blamed in the other
    rows = run(fixture, "person-documents", person="Beria")
    assert [(row["document"].rsplit("/", 1)[1], row["role"]) for row in rows] == [
        ("900001", "mentioned"), ("111310", "creator"), ("112968", "mentioned")]
    assert column(rows, "date") == ["1953-03-05/1953-03-07", "1953-07-01", "1954-06-22"]


def test_documents_involving_a_translator(seeds):
    rows = run(seeds, "person-documents", person="Zubok")
    assert [(row["document"].rsplit("/", 1)[1], row["role"]) for row in rows] == [("111310", "translator")]


def test_correspondence_network(seeds):
    edges = {(surname(row["senderName"]), surname(row["recipientName"])): row for row in run(seeds, "correspondence")}
    assert ("Beria", "Malenkov") in edges
    assert ("Khrushchev", "Tito") in edges
    assert ("Khrushchev", "Yugoslavia") in edges  # the Central Committee of the League of Communists
    beria = edges["Beria", "Malenkov"]
    assert (beria["documents"], beria["first"], beria["last"]) == ("1", "1953-07-01", "1953-07-01")
    assert len(edges) == 3


def test_co_mentions(seeds, fixture):
    pairs = {frozenset((surname(row["name1"]), surname(row["name2"]))) for row in run(seeds, "co-mentions")}
    assert frozenset(("Khrushchev", "Bulganin")) in pairs  # both named in Beria's letter
    assert frozenset(("Beria", "Djilas")) in pairs  # both blamed in Khrushchev's
    rows = run(fixture, "co-mentions")  # a pair mentioned together twice comes first
    assert (rows[0]["name1"], rows[0]["name2"], rows[0]["documents"]) == ("Georgii Malenkov", "Joseph Stalin", "2")
    assert all(row["person1"] < row["person2"] for row in rows)


def test_person_timeline_gives_office_and_other_party(seeds, fixture):
    rows = run(seeds, "person-timeline", person="Nikita S. Khrushchev")
    letters = [row for row in rows if row["event"] == "wrote to"]
    assert {(surname(row["with"]), row["office"]) for row in letters} == {
        ("Tito", "First Secretary"), ("Yugoslavia", "First Secretary")}
    assert letters[0]["organization"] == "Central Committee of the Communist Party of the Soviet Union"
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    rows = run(fixture, "person-timeline", person="Khrushchev")
    assert [(row["date"], row["event"], row["with"]) for row in rows][0] == (
        "1953-07-01", "mentioned by", "Lavrentiy Beria")


def test_archive_documents_by_archive_and_fond(seeds):
    documents = lambda **params: [row["document"].rsplit("/", 1)[1] for row in run(seeds, "archive-documents", **params)]
    assert documents(archive="AP RF") == ["111310"]
    assert documents(archive="Archive of the President of the Russian Federation", fond="3") == ["111310"]
    assert documents(archive="ap rf", fond="99") == []
    assert documents(archive="Arhiv Jugoslavije") == ["112968"]
    assert documents(archive="Arhiv Jugoslavije", fond="Arhiv CK SKJ") == ["112968"]
    assert documents(archive="https://kg.example.org/id/archive/ap-rf") == ["111310"]


def test_documents_by_language(seeds):
    languages = lambda **params: [(row["language"].rsplit("/", 1)[1], row["document"].rsplit("/", 1)[1])
                                  for row in run(seeds, "documents-by-language", **params)]
    assert languages() == [("hbs", "112968"), ("rus", "111310")]
    assert languages(language="ru") == languages(language="rus") == languages(language="Russian") == [("rus", "111310")]
    assert languages(language="sh") == languages(language="hbs") == [("hbs", "112968")]
    assert languages(language="de") == []


def test_translators(seeds):
    rows = run(seeds, "translators")
    assert [(surname(row["name"]), row["document"].rsplit("/", 1)[1], row["language"]) for row in rows] == [
        ("Rajak", "112968", "en"), ("Zubok", "111310", "en")]


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["111310", "112968"]),
    ({"from": "1954-01-01"}, ["112968"]),
    ({"to": "1953-12-31"}, ["111310"]),
    ({"from": "1953-07-01", "to": "1953-07-01"}, ["111310"]),
    ({"from": "1953-07-02", "to": "1954-06-21"}, []),
])
def test_date_range_on_the_seeds(seeds, params, expected):
    assert [row["document"].rsplit("/", 1)[1] for row in run(seeds, "date-range", **params)] == expected


def test_date_range_overlaps_documents_dated_by_a_range(fixture):
    rows = run(fixture, "date-range", **{"from": "1953-03-06", "to": "1953-03-06"})
    assert [(row["document"].rsplit("/", 1)[1], row["date"]) for row in rows] == [("900001", "1953-03-05/1953-03-07")]
    assert rows[0]["from"] == rows[0]["to"] == "1953-03-06"  # parameters are echoed in each row


def test_publications(seeds):
    rows = run(seeds, "publications")
    assert [(row["periodical"], row["issue"], row["year"], row["relation"]) for row in rows] == [
        ("CWIHP Bulletin", "10", "1998", "see also"), ("Istochnik", "4", "1994", "printed in")]
    assert all(row["document"].endswith("/111310") for row in rows)
    assert rows[1]["pages"] == "4-8"


def test_wikidata_links(seeds, fixture):
    rows = run(seeds, "wikidata-links")
    for row in rows:
        assert (row["linked"] == "true") == ("wikidata" in row)
    assert {row["name"]: row.get("wikidata") for row in rows}["Joseph Stalin"] == "http://www.wikidata.org/entity/Q855"
    for cls in {row["class"] for row in rows}:  # within a class, unlinked ("false") first
        linked = [row["linked"] for row in rows if row["class"] == cls]
        assert linked == sorted(linked)
    rows = {row["name"]: row for row in run(fixture, "wikidata-links")}
    assert rows["Vladislav M. Zubok"]["linked"] == "false" and "wikidata" not in rows["Vladislav M. Zubok"]


def test_overview_counts_per_class(seeds):
    counts = {row["class"]: int(row["resources"]) for row in run(seeds, "overview")}
    assert counts["https://schema.org/ArchiveComponent"] == 2
    assert counts["https://schema.org/Person"] >= 6
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


def test_title_search_is_case_insensitive(seeds):
    assert [row["document"].rsplit("/", 1)[1] for row in run(seeds, "title-search", text="yugoslavia")] == ["112968"]
    assert len(run(seeds, "title-search", text="BERIA")) == 2


# --- parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "normal"), [
    ("Milovan Đilas", "milovan djilas"), ("ĐILAS", "djilas"), ("Nikita Chruščëv", "nikita chruscev"),
    ("  N.S.  Khrushchev ", "n s khrushchev"), ("Łukasz Żółw", "lukasz zolw"),
])
def test_names_are_normalised_for_case_and_accents(name, normal):
    assert normalise_name(name) == normal


def test_name_matching_prefers_a_whole_name_to_a_word():
    people = [("a", "Lavrentiy Beria"), ("b", "Sergo Beria"), ("a", "Lavrenty Beria")]
    assert match_names("lavrenty beria", people) == ["a"]
    assert match_names("Beria", people) == ["a", "b"]
    assert match_names("Stalin", people) == []


@pytest.mark.parametrize("name", ["djilas", "Đilas", "MILOVAN DJILAS", "Milovan Đilas"])
def test_a_person_is_found_by_any_spelling(fixture, name):
    rows = run(fixture, "person-documents", person=name)
    assert column(rows, "person") == ["https://kg.example.org/id/person/milovan-dilas"]


def test_a_person_is_found_by_an_accented_alternate_name(fixture):
    assert run(fixture, "person-documents", person="chruščëv")[0]["person"].endswith("/nikita-s-khrushchev")


@pytest.mark.parametrize("value", ["https://kg.example.org/id/person/milovan-dilas",
                                   "<https://kg.example.org/id/person/milovan-dilas>"])
def test_a_person_is_given_by_iri(fixture, value):
    assert column(run(fixture, "person-documents", person=value), "document") == [
        "https://kg.example.org/id/document/112968"]


def test_an_ambiguous_name_lists_the_candidates():
    engine = LocalEngine(with_derived(FIXTURE))  # a store of its own: a second Beria is added to it
    sergo = ox.NamedNode("https://kg.example.org/id/person/sergo-beria")
    engine.store.add(ox.Quad(sergo, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SDO.Person))))
    engine.store.add(ox.Quad(sergo, ox.NamedNode(str(SDO.name)), ox.Literal("Sergo Beria")))
    for token in ("sergo", "beria"):  # indexed, as a build indexes every name
        engine.store.add(ox.Quad(sergo, ox.NamedNode(str(KG.nameToken)), ox.Literal(token)))
    with pytest.raises(QueryError, match=r"'Beria' names 2 persons: .*Lavrentiy Beria.*Sergo Beria.*pass one IRI"):
        run(engine, "person-documents", person="Beria")
    assert run(engine, "person-documents", person="Lavrentiy Beria")  # a whole name is not ambiguous


def test_an_archive_is_found_by_abbreviation_and_only_among_archives(fixture):
    archive = Param("archive", "archive", True, "")
    assert to_term(archive, "ap rf", fixture).value == "https://kg.example.org/id/archive/ap-rf"
    with pytest.raises(QueryError, match="no archive named 'Lavrentiy Beria'"):
        to_term(archive, "Lavrentiy Beria", fixture)


@pytest.mark.parametrize("name", ["djilas", "Milovan Đilas", "MILOVAN DJILAS"])
def test_a_build_finds_names_through_its_name_index(seeds, name):
    recording = Recording(seeds)
    person = Param("person", "person", True, "")
    assert to_term(person, name, recording).value == "https://kg.example.org/id/person/milovan-djilas"
    assert NAMES_QUERY not in recording.texts and len(recording.texts) == 1  # one lookup, no scan of names


def test_data_without_a_name_index_compares_every_name(plain):
    recording = Recording(plain)
    assert to_term(Param("person", "person", True, ""), "Đilas", recording).value.endswith("/milovan-dilas")
    assert recording.texts[-1] == NAMES_QUERY


def test_a_name_that_is_not_indexed_is_not_found(seeds):
    with pytest.raises(QueryError, match="no person named 'Beria Djilas'"):  # two persons' words, no one's name
        to_term(Param("person", "person", True, ""), "Beria Djilas", seeds)


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("string", "AP RF", '"AP RF"'),
    ("date", "1953-07-01", '"1953-07-01"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("integer", "007", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("language", "sh", "<http://lexvo.org/id/iso639-3/hbs>"),
    ("language", "ger", "<http://lexvo.org/id/iso639-3/deu>"),
    ("iri", "schema:Person", "<https://schema.org/Person>"),
    ("iri", "<http://example.org/a>", "<http://example.org/a>"),
])
def test_parameters_become_typed_terms(kind, value, expected):
    assert str(to_term(Param("p", kind, True, ""), value, LocalEngine(ox.Store()))) == expected


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("date", "1953", "not a date"), ("date", "July 1, 1953", "not a date"),
    ("integer", "seven", "not an integer"), ("language", "xx", "not an ISO 639"),
    ("iri", "not an iri", "not an absolute IRI"),
])
def test_bad_parameter_values_are_usage_errors(kind, value, message):
    with pytest.raises(UsageError, match=message):
        to_term(Param("p", kind, True, ""), value, LocalEngine(ox.Store()))


def test_unknown_and_missing_parameters(fixture):
    query = find_query("date-range")
    with pytest.raises(UsageError, match="has no parameter 'form'.*from, to"):
        bind_parameters(query, {"form": "1953-01-01"}, fixture)
    with pytest.raises(UsageError, match="needs --param person"):
        bind_parameters(find_query("person-documents"), {}, fixture)


def test_bad_headers_are_reported():
    with pytest.raises(QueryError, match="bad '# param:' header"):
        parse_query("# param: x = required\nSELECT * {}", name="q")
    with pytest.raises(QueryError, match="unknown type 'colour'"):
        parse_query("# param: x (colour) = required  -- a colour\nSELECT * {}", name="q")


def test_injection_is_just_a_string_locally(built_seeds):
    engine = open_local([built_seeds.out_dir])
    before = len(engine.store)
    assert run(engine, "title-search", text=INJECTION) == []
    assert run(engine, "archive-documents", archive="AP RF", fond=INJECTION) == []
    with pytest.raises(QueryError, match="no person named"):
        run(engine, "person-documents", person=INJECTION)
    assert len(engine.store) == before
    assert run(engine, "overview")


# --- pages ----------------------------------------------------------------------------------


XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def numbers(count: int) -> LocalEngine:
    store = ox.Store()
    for n in range(count):
        store.add(ox.Quad(ox.NamedNode(f"urn:n:{n}"), ox.NamedNode("urn:value"),
                          ox.Literal(str(n), datatype=XSD_INTEGER)))
    return LocalEngine(store)


NUMBERS = parse_query("# title: Numbers\n# description: Every number.\n"
                      "SELECT ?n WHERE { ?s <urn:value> ?n } ORDER BY ?n\n", name="numbers")


def values(results) -> list[int]:
    return [int(row[0].value) for row in results.rows]


def test_the_first_page_by_default_and_whether_more_follow():
    engine = numbers(DEFAULT_PAGE_SIZE + 5)
    first = run_query(NUMBERS, {}, engine)
    assert values(first) == list(range(DEFAULT_PAGE_SIZE)) and first.more
    assert values(run_query(NUMBERS, {}, engine, page=Page(offset=DEFAULT_PAGE_SIZE))) == [100, 101, 102, 103, 104]
    assert not run_query(NUMBERS, {}, engine, page=Page(offset=DEFAULT_PAGE_SIZE)).more
    every = run_query(NUMBERS, {}, engine, page=ALL_ROWS)
    assert values(every) == list(range(DEFAULT_PAGE_SIZE + 5)) and not every.more


@pytest.mark.parametrize("name", [q.name for q in bundled_queries() if not q.online])
def test_pages_of_every_query_are_slices_of_its_answer(seeds, name):
    """Pages of 2 (rows, or ranks or listing entries with all their rows) make up the answer;
    "more follow" is said on every page but the last."""
    query, params = find_query(name), SEED_PARAMS.get(name, {})
    every = run_query(query, params, seeds, page=ALL_ROWS).rows
    pages = [run_query(query, params, seeds, page=Page(limit=2))]
    while pages[-1].more:
        pages.append(run_query(query, params, seeds, page=Page(limit=2, offset=2 * len(pages))))
    assert [row for page in pages for row in page.rows] == list(every)
    assert all(page.rows for page in pages) and not pages[-1].more
    if query.listing is None and query.page_by is None:
        assert [len(page.rows) for page in pages[:-1]] == [2] * (len(pages) - 1)


def test_co_mentions_and_correspondence_are_paged_by_their_ranks(seeds):
    for name in ("co-mentions", "correspondence"):
        query = find_query(name)
        assert query.page_by == "rank"
        # rows 2 and 3 are looked up by their numbers, never sorted past
        assert "VALUES (?rank) { (2) (3) }" in Page(limit=2, offset=1).numbered(query.text, query.page_by)
    rows = run_query(find_query("co-mentions"), {}, seeds, page=ALL_ROWS).rows
    counts = [int(row[4].value) for row in rows]
    assert counts == sorted(counts, reverse=True)  # ranks: most documents first


def test_a_querys_own_limit_and_offset_are_paged_within():
    own = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 50 OFFSET 10"
    assert with_page(own, 20, 40) == "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\nLIMIT 10 OFFSET 50\n"
    assert with_page(own, None, 60).endswith("LIMIT 0 OFFSET 70\n")  # past its last row: nothing
    nested = 'SELECT * WHERE { { SELECT ?s WHERE { ?s ?p "LIMIT 3" } LIMIT 5 } } # LIMIT 7\nVALUES ?s { <urn:a> }'
    assert with_page(nested, 2, 0) == ('SELECT * WHERE { { SELECT ?s WHERE { ?s ?p "LIMIT 3" } LIMIT 5 } } # LIMIT 7'
                                       "\nLIMIT 2 OFFSET 0\nVALUES ?s { <urn:a> }")


@pytest.mark.parametrize("page", [{"limit": 0}, {"offset": -1}])
def test_a_page_needs_rows(page):
    with pytest.raises(UsageError, match="a page needs"):
        Page(**page)


def test_a_query_paged_by_rank_has_no_parameters():
    assert parse_query("# title: T\n# page-by: ?rank\nSELECT * {}", name="q").page_by == "rank"
    with pytest.raises(QueryError, match="paged by rank cannot have parameters"):
        parse_query("# page-by: rank\n# param: x (string) = optional  -- x\nSELECT ?x {}", name="q")


def test_kg_query_pages(built_seeds):
    data = ("--data", str(built_seeds.out_dir), "-f", "csv")
    every = invoke("overview", *data, "--all")
    first = invoke("overview", *data, "--limit", "3")
    second = invoke("overview", *data, "--limit", "3", "--offset", "3")
    rows = every.stdout.splitlines()
    assert first.stdout.splitlines() == rows[:4] and second.stdout.splitlines() == [rows[0], *rows[4:7]]
    assert first.stderr == "kg: more rows follow; the next page: --offset 3 (or --all)\n"
    assert every.stderr == "" and "--offset 6 " in second.stderr
    table = invoke("overview", "--data", str(built_seeds.out_dir), "--limit", "3").stdout
    assert table.rstrip().endswith("(3 rows, more follow)")
    assert invoke("overview", *data, "--limit", "0").exit_code == 2


# --- formats --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(seeds):
    return run_query(find_query("translators"), {}, seeds)


def test_table_format_is_aligned_with_compact_iris(sample):
    text = format_results(sample, "table", prefixes={**PREFIXES, "id": "https://kg.example.org/id/"})
    header, rule, *rows, count = text.splitlines()
    assert header.split() == list(sample.variables) and set(rule) == {"-", " "}
    assert rows[0].startswith("id:person/svetozar-rajak ") and count == "(2 rows)"
    for row in rows:  # every value starts under its column's name
        assert row.index("Svetozar" if "Svetozar" in row else "Vladislav") == header.index("name")
        assert row.index("id:document/") == header.index("document")


def test_csv_tsv_and_json_formats(sample):
    records = list(csv.reader(io.StringIO(format_results(sample, "csv"), newline="")))
    assert records[0] == list(sample.variables) and records[1][0] == "https://kg.example.org/id/person/svetozar-rajak"
    assert format_results(sample, "csv").endswith("\r\n")
    tsv = format_results(sample, "tsv").splitlines()
    assert tsv[0].startswith("?translator\t?name") and tsv[1].startswith("<https://kg.example.org/id/person/")
    assert '"Svetozar Rajak"' in tsv[1]
    document = json.loads(format_results(sample, "json"))
    assert document["head"]["vars"] == list(sample.variables)
    assert document["results"]["bindings"][0]["name"] == {"type": "literal", "value": "Svetozar Rajak"}
    assert results_from_json(format_results(sample, "json").encode(), "here") == sample


def test_json_keeps_datatypes_and_languages(seeds):
    results = run_query(find_query("correspondence"), {}, seeds)
    binding = json.loads(format_results(results, "json"))["results"]["bindings"][0]
    assert binding["documents"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert binding["first"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    results = run_query(find_query("title-search"), {"text": "beria"}, seeds)
    assert json.loads(format_results(results, "json"))["results"]["bindings"][0]["title"]["xml:lang"] == "en"


# --- kg query -------------------------------------------------------------------------------


def invoke(*args: str):
    result = CliRunner().invoke(cli, ["query", *args])
    assert "Traceback" not in result.output
    return result


def test_kg_query_list_names_every_query():
    result = invoke("--list")
    assert result.exit_code == 0
    for query in bundled_queries():
        assert re.search(rf"^{re.escape(query.name)}\s+{re.escape(query.description)}", result.output, re.M)
    assert "--param person=" in result.output and "[online]" in result.output


def test_kg_query_runs_on_the_data_given(built_seeds):
    result = invoke("person-documents", "--param", "person=Beria", "--data", str(built_seeds.out_dir))
    assert result.exit_code == 0, result.output
    assert "id:person/lavrentiy-beria" in result.output and "id:document/111310" in result.output
    result = invoke("correspondence", "--data", str(built_seeds.out_dir), "--format", "json")
    assert json.loads(result.stdout)["head"]["vars"][0] == "sender"


def test_kg_query_defaults_to_dist_and_prefers_its_store(built_seeds, tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "kg.nt").write_bytes((built_seeds.out_dir / "kg.nt").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert invoke("overview", "-f", "csv").stdout.count("ArchiveComponent,2") == 1
    store = with_derived(FIXTURE, ox.Store(str(dist / "store")))  # as `kg build --store` leaves it
    store.flush()
    del store
    assert invoke("overview", "-f", "csv").stdout.count("ArchiveComponent,3") == 1


def test_kg_query_runs_a_file_of_ones_own(tmp_path, built_seeds):
    own = tmp_path / "letters.rq"
    own.write_text("# title: Letters\n# description: Letters from a year.\n"
                   "# param: year (integer) = required  -- a year\n"
                   "PREFIX kg: <https://kg.example.org/ns#>\n"
                   "SELECT ?year ?d WHERE { ?d kg:earliestDate ?e FILTER(YEAR(?e) = ?year) } ORDER BY ?d\n")
    result = invoke(str(own), "-p", "year=1954", "--data", str(built_seeds.out_dir), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["1954,https://kg.example.org/id/document/112968"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["no-such-query"], 2, "no bundled query or file named 'no-such-query'"),
    (["person-documents"], 2, "needs --param person=VALUE"),
    (["person-documents", "-p", "person"], 2, "expected NAME=VALUE"),
    (["person-documents", "-p", "person=Nobody At All"], 1, "no person named 'Nobody At All'"),
    (["date-range", "-p", "from=July 1953"], 2, "parameter from: 'July 1953' is not a date"),
    (["wikidata-life-dates"], 2, "online query"),
    (["overview", "--endpoint", "http://127.0.0.1:9/query"], 2, "use --data or --endpoint, not both"),
    ([], 2, "name a query"),
])
def test_kg_query_errors_are_one_line(built_seeds, args, code, message):
    result = invoke(*args, "--data", str(built_seeds.out_dir))
    assert result.exit_code == code, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_kg_query_without_a_build_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("overview")
    assert result.exit_code == 2 and "run `kg build` first" in result.output


def test_the_documentation_lists_every_query():
    text = DOC.read_text(encoding="utf-8")
    for query in bundled_queries():
        assert f"`{query.name}`" in text, query.name
        for param in query.params:
            assert f"`{param.name}`" in text, (query.name, param.name)
