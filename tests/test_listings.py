"""Listings (kg/analytics/listings/, kg/query/listings.py): the listing queries answer as before, by lookups.

The queries as they were before the listings (tests/data/reference_queries/) read the records
themselves and sort every row: on the seeds, on the query fixture and on a synthetic archive,
every listing query must give exactly their rows in their order, whole and page by page,
for parameters that cover each listing's groups.  ``title-search`` changed its rule (whole
words instead of a substring): it is compared where the rules agree, and tested on its own.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.analytics import listing_lines, record_facts
from kg.analytics.listings import listing_groups
from kg.analytics.listings.layout import LISTINGS, base_of, entry_iri, group_iri, listing_iri, position_of, segment
from kg.analytics.listings.order import first_if_unbound, last_if_unbound, lexical
from kg.analytics.listings.writer import SortedRuns
from kg.query import ALL_ROWS, LocalEngine, Page, find_query, open_local, parse_query, run_query
from kg.query.catalogue import Query
from kg.scale.chunks import sort_form
from kg.synth import generate
from kg.vocab import DEFAULT_BASE_IRI
from tests.analytics_support import Recording, with_derived

REFERENCES = Path(__file__).resolve().parent / "data" / "reference_queries"
FIXTURE = Path(__file__).resolve().parent / "data" / "queries_fixture.ttl"
SYNTHETIC = 150  # records: enough for groups of many entries, straddling dates, two-name persons
PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://kg.example.org/ns#>
PREFIX level: <https://kg.example.org/ns/level/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> LocalEngine:
    from kg.build import build

    records = tmp_path_factory.mktemp("synthetic-records")
    generate(records, SYNTHETIC)
    out = tmp_path_factory.mktemp("synthetic-dist")
    build(records, out)
    return open_local([out])


@pytest.fixture(scope="module")
def engines(built_seeds, synthetic) -> dict[str, LocalEngine]:
    return {"seeds": open_local([built_seeds.out_dir]), "fixture": LocalEngine(with_derived(FIXTURE)),
            "synthetic": synthetic}


def reference(name: str) -> Query:
    return parse_query((REFERENCES / f"{name}.rq").read_text(encoding="utf-8"), name=name)


def column(engine, text: str) -> list[ox.NamedNode | ox.Literal]:
    return [row[0] for row in engine.select(PREFIXES + text, {}).rows]


def iri(term) -> str:
    return f"<{term.value}>"


def parameter_sets(name: str, engine) -> list[dict[str, str]]:
    """Parameters covering the query's groups: the heaviest and a few random values of each."""
    rng = random.Random(name)
    pick = lambda values, n=4: values[:2] + rng.sample(values[2:], min(n, max(len(values) - 2, 0)))
    if name in ("person-documents", "person-timeline"):
        agents = column(engine, "SELECT ?x (COUNT(*) AS ?n) { ?d dcterms:creator|schema:recipient|schema:mentions|"
                                "schema:workTranslation/schema:translator ?x } GROUP BY ?x ORDER BY DESC(?n) ?x")
        return [{"person": iri(agent)} for agent in pick(agents)]
    if name == "archive-documents":
        archives = column(engine, "SELECT ?a (COUNT(*) AS ?n) { ?d schema:holdingArchive ?a } GROUP BY ?a "
                                  "ORDER BY DESC(?n) ?a")
        units = engine.select(PREFIXES + "SELECT DISTINCT ?a ?v { ?d schema:holdingArchive ?a ; dcterms:isPartOf+ ?u ."
                              " ?u kg:level ?l ; schema:identifier|rdfs:label|schema:alternateName ?v"
                              " FILTER(?l IN (level:fond, level:collection)) } ORDER BY ?a ?v", {}).rows
        fonds = [{"archive": iri(archive), "fond": value.value} for archive, value in pick(list(units))]
        return [{"archive": iri(archive)} for archive in pick(archives)] + fonds + \
            [{"archive": iri(archives[0]), "fond": "no such fond"}]
    if name == "documents-by-language":
        languages = column(engine, "SELECT DISTINCT ?l { ?d a schema:ArchiveComponent ; dcterms:language ?l } ORDER BY ?l")
        return [{}] + [{"language": language.value.rsplit("/", 1)[1]} for language in pick(languages)]
    if name == "date-range":
        return [{}, {"from": "1953-01-01", "to": "1953-12-31"}, {"from": "1953-06-15"}, {"to": "1950-03-10"},
                {"from": "1956-10-23", "to": "1956-10-23"}, {"from": "1962-03-01", "to": "1962-02-28"},
                {"from": "1900-01-01", "to": "1953-03-05"}, {"from": "1991-12-26"}, {"from": "2024-01-01"},
                {"from": "1958-02-14"}, {"from": "1944-12-31", "to": "1945-01-01"}]
    if name == "title-search":  # one word, for the rules to agree: whole words are whole substrings
        return [{"text": word} for word in ("Yugoslavia", "Memorandum", "BERIA", "Tito", "1956")]
    return [{}]


def agrees_with_substrings(engine, text: str) -> bool:
    """Whether ``text`` is found only as a whole word in the titles and summaries it is found in."""
    texts = column(engine, "SELECT ?t { ?d a schema:ArchiveComponent ; dcterms:title|dcterms:abstract ?t }")
    found = [term.value for term in texts if text.lower() in term.value.lower()]
    return all(text.lower() in {word.lower() for word in _words(value)} for value in found)


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"\w+", text)


LISTING_QUERIES = sorted(path.stem for path in REFERENCES.glob("*.rq"))


@pytest.mark.parametrize("data", ["seeds", "fixture", "synthetic"])
@pytest.mark.parametrize("name", LISTING_QUERIES)
def test_listing_queries_answer_what_the_queries_before_them_did(engines, data, name):
    engine = engines[data]
    query = find_query(name)
    assert query.listing is not None
    for params in parameter_sets(name, engine):
        expected = run_query(reference(name), params, engine, page=ALL_ROWS)
        if name == "title-search" and not agrees_with_substrings(engine, params["text"]):
            continue  # a substring of a longer word: the rules differ there
        got = run_query(query, params, engine, page=ALL_ROWS)
        assert got.variables == expected.variables
        assert got.rows == expected.rows, (name, params)


@pytest.mark.parametrize("name", LISTING_QUERIES)
def test_pages_of_listing_queries_make_their_answer(synthetic, name):
    query = find_query(name)
    for params in parameter_sets(name, synthetic)[:3]:
        every = run_query(query, params, synthetic, page=ALL_ROWS).rows
        pages, offset = [], 0
        while True:
            page = run_query(query, params, synthetic, page=Page(limit=7, offset=offset))
            pages.append(page)
            offset += 7
            if not page.more:
                break
        assert [row for page in pages for row in page.rows] == list(every), (name, params)
        assert all(page.rows for page in pages[:-1])  # "more follow" is never said of nothing


@pytest.mark.parametrize(("name", "params"), [
    ("person-documents", {}), ("documents-by-language", {}), ("translators", {}), ("wikidata-links", {}),
    ("date-range", {"from": "1953-06-15"}), ("title-search", {"text": "Memorandum"}),
])
def test_a_page_reads_its_entries_only(synthetic, name, params):
    """Every query of a page binds at most the page's entries and one more: no sort of a listing."""
    recording = Recording(synthetic)
    if name == "person-documents":
        params = parameter_sets(name, synthetic)[0]
    run_query(find_query(name), params, recording, page=Page(limit=5, offset=5))
    bound_entries = [text.count("/dataset/listing/") for text in recording.texts if "?entry ?rank" in text]
    assert bound_entries and max(bound_entries) <= 5 and all("ORDER BY ?rank" in t for t in recording.texts
                                                             if "?entry ?rank" in t)


# --- title-search's rule ---------------------------------------------------------------------


def documents(engine, text: str) -> list[str]:
    rows = run_query(find_query("title-search"), {"text": text}, engine, page=ALL_ROWS).rows
    return [row[2].value.rsplit("/", 1)[1] for row in rows]


ACCENTED = """
<https://kg.example.org/id/document/900009> a <https://schema.org/ArchiveComponent> ;
    <http://purl.org/dc/terms/title> "Memorandum by Milovan Đilas on the Plenum"@en .
"""


def test_title_search_matches_whole_words_in_any_case_and_accent(engines, tmp_path):
    seeds = engines["seeds"]
    assert documents(seeds, "yugoslavia") == documents(seeds, "YUGOSLAVIA") == ["112968"]
    assert documents(seeds, "Yugosla") == [] and documents(seeds, "oslavia") == []  # whole words only
    assert documents(seeds, "beria") == ["111310", "112968"]
    accented = tmp_path / "accented.ttl"
    accented.write_text(FIXTURE.read_text(encoding="utf-8") + ACCENTED, encoding="utf-8")
    engine = LocalEngine(with_derived(accented))
    assert documents(engine, "djilas") == documents(engine, "ĐILAS") == documents(engine, "Đilas plenum") == ["900009"]


def test_title_search_of_several_words_wants_every_word(engines):
    seeds = engines["seeds"]
    assert documents(seeds, "Beria Malenkov") == ["111310"]  # both in the letter's title and summary
    assert documents(seeds, "Malenkov Yugoslavia") == []
    assert documents(seeds, "malenkov, BERIA!") == documents(seeds, "Beria Malenkov")
    synthetic = engines["synthetic"]
    both = set(documents(synthetic, "Memorandum")) & set(documents(synthetic, "Conversation"))
    assert documents(synthetic, "memorandum conversation") == [d for d in documents(synthetic, "Memorandum")
                                                               if d in both]


# --- data without listings -------------------------------------------------------------------


def test_data_without_listings_answers_nothing():
    plain = open_local([FIXTURE])
    results = run_query(find_query("person-documents"), {"person": "Beria"}, plain)
    assert results.variables == ("person", "date", "role", "document", "title") and results.rows == ()
    assert not results.more


# --- the layout and the build side ------------------------------------------------------------


def test_entry_iris_are_computed_from_the_group_values():
    listing = listing_iri(DEFAULT_BASE_IRI, "archive-documents")
    assert listing == "https://kg.example.org/id/dataset/listing/archive-documents"
    assert base_of(listing, "archive-documents") == DEFAULT_BASE_IRI
    group = group_iri(listing, ["https://kg.example.org/id/archive/ap-rf", '"3"'], DEFAULT_BASE_IRI)
    assert group.startswith(f"{listing}/archive/ap-rf/text/") and segment('"3"', "") != segment('"3"@en', "")
    assert segment("http://lexvo.org/id/iso639-3/rus", DEFAULT_BASE_IRI).startswith("iri/")
    assert position_of(entry_iri(group, 17)) == 17


def test_every_listing_query_names_a_listing_and_every_listing_has_queries():
    listed = {query.listing for query in map(find_query, LISTING_QUERIES)}
    assert listed == set(LISTINGS)


def test_sort_keys_order_as_oxigraph_does():
    values = ["B", "a", "Á", "á", "Z", "Đilas", "Djilas", "10", "9", "", "z z", "zz", "Ω", "Å"]
    values += [None, None]
    random.Random(1).shuffle(values)
    store = ox.Store()
    for index, value in enumerate(values):
        if value is not None:
            store.add(ox.Quad(ox.NamedNode(f"urn:x:{index}"), ox.NamedNode("urn:v"), ox.Literal(value)))
        store.add(ox.Quad(ox.NamedNode(f"urn:x:{index}"), ox.NamedNode("urn:i"), ox.Literal(str(index))))
    for key, direction in ((first_if_unbound, "?v"), (last_if_unbound, "(!BOUND(?v)) ?v")):
        answer = store.query(f"SELECT ?i {{ ?x <urn:i> ?i OPTIONAL {{ ?x <urn:v> ?v }} }} ORDER BY {direction} ?x")
        oxigraph = [values[int(solution["i"].value)] for solution in answer]
        python = sorted(values, key=lambda value: (key(value)))
        assert oxigraph == python, key.__name__


def test_lexical_forms_of_literals():
    assert lexical('"Stalin"') == "Stalin" and lexical('"Sta\\"lin"@en') == 'Sta"lin' and lexical(None) is None
    assert lexical('"1994"^^<http://www.w3.org/2001/XMLSchema#gYear>') == "1994"


def test_listing_lines_are_sorted_unique_and_the_same_through_small_runs(built_seeds, tmp_path):
    facts = [record_facts(outcome.lines) for outcome in built_seeds.published]
    lines = list(listing_lines(facts, base=DEFAULT_BASE_IRI, scratch=tmp_path / "one"))
    assert lines == sorted(set(lines)) and lines
    runs = SortedRuns(tmp_path / "many", run_lines=7)
    from kg.analytics.listings.writer import group_lines

    for group in listing_groups(facts):
        runs.extend(group_lines(group, DEFAULT_BASE_IRI))
    entries = [line for line in lines if "/day/" not in line and "/month/" not in line
               and "startDate" not in line and "endDate" not in line]
    assert list(runs.lines()) == entries
    assert all(line == sort_form(line.replace("\0", ">", 1)) for line in lines[:50])


def test_facts_of_a_record_hold_what_the_listings_read(built_seeds):
    beria = next(o for o in built_seeds.published if o.doc_id == "111310")
    facts = record_facts(beria.lines)
    assert facts.languages == ("http://lexvo.org/id/iso639-3/rus",)
    assert facts.archives == ("https://kg.example.org/id/archive/ap-rf",)
    assert facts.references == ("AP RF, f. 3, op. 24, d. 463, ll. 163-174",)
    assert facts.parents == ("https://kg.example.org/id/archive/ap-rf/fond/3/opis/24/delo/463",)
    assert facts.translations == ("https://kg.example.org/id/document/111310/translation/en",)
    assert dict(zip(facts.publications[::2], facts.publications[1::2])) == {
        "https://kg.example.org/id/document/111310/publication/1": "printed in",
        "https://kg.example.org/id/document/111310/publication/2": "see also"}
    assert {"beria", "malenkov", "1953"} <= set(facts.words) and "Beria" not in facts.words
    statements = set(zip(facts.statements[::3], facts.statements[1::3], facts.statements[2::3]))
    assert ("https://kg.example.org/id/archive/ap-rf/fond/3", "https://schema.org/identifier", '"3"') in statements
    assert not any(subject == facts.document for subject, _, _ in statements)
