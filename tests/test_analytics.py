"""The derived resources (kg/analytics/): facts of a record, their aggregation, and the build.

A small archive of three records, written here, against a golden Turtle checked by hand
(tests/expected/analytics.ttl); then the seeds as ``kg build`` publishes them, asked with
SPARQL ASK.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import Graph

from tests.conftest import SEEDS
from kg.analytics import analytics_lines, listing_lines, record_facts
from kg.analytics.comentions import CoMentions
from kg.scale.chunks import dump_form
from kg.validate import validate_files
from kg.vocab import DEFAULT_BASE_IRI
from tests.conftest import EXPECTED
from tests.rdf_compare import ask, assert_isomorphic

PREFIXES = """@base <https://kg.example.org/id/> .
@prefix kg: <https://kg.example.org/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
"""
# Every record describes the persons it names, as a record of a build does.
PERSONS = """
<person/lavrentiy-beria> a schema:Person ; schema:name "Lavrentiy Beria" .
<person/georgy-malenkov> a schema:Person ; schema:name "Georgy Malenkov" ; schema:alternateName "Georgii Malenkov" .
<person/joseph-stalin> a schema:Person ; schema:name "Joseph Stalin" .
<person/nikita-khrushchev> a schema:Person ; schema:name "Nikita Khrushchev" ; schema:alternateName "N.S. Chruščëv" .
"""
RECORDS = [
    """<document/1> a schema:ArchiveComponent ; kg:earliestDate "1953-07-01"^^xsd:date ;
        kg:latestDate "1953-07-01"^^xsd:date ;
        dcterms:creator <person/lavrentiy-beria> ; schema:recipient <person/georgy-malenkov> ;
        schema:mentions <person/nikita-khrushchev>, <person/georgy-malenkov>, <person/joseph-stalin>, <place/moscow> .
    <document/1/mention/summary/5> a oa:Annotation, kg:Mention .
    <place/moscow> a schema:Place ; schema:name "Moscow" .""",
    """<document/2> a schema:ArchiveComponent ; kg:earliestDate "1953-03-05"^^xsd:date ;
        kg:latestDate "1953-03-07"^^xsd:date ;
        dcterms:creator <organization/cc-cpsu> ;
        schema:mentions <person/georgy-malenkov>, <person/joseph-stalin> .
    <organization/cc-cpsu> a schema:Organization ; schema:name "CC CPSU" .""",
    """<document/3> a schema:ArchiveComponent ; kg:earliestDate "1954-06-22"^^xsd:date ;
        kg:latestDate "1954-06-22"^^xsd:date ;
        dcterms:creator <person/lavrentiy-beria> ; schema:recipient <person/georgy-malenkov> ;
        schema:mentions <person/joseph-stalin>, <person/nikita-khrushchev> .
    <archive/ap-rf> a schema:ArchiveOrganization ;
        schema:name "Archive of the President of the Russian Federation" ; schema:alternateName "AP RF" .""",
]
ID = DEFAULT_BASE_IRI
PERSON = ID + "person/"


def record_lines(turtle: str) -> list[str]:
    triples = ox.parse(input=PREFIXES + turtle + PERSONS, format=ox.RdfFormat.TURTLE)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def facts():
    return [record_facts(record_lines(record)) for record in RECORDS]


def as_graph(lines: list[str]) -> Graph:
    return Graph().parse(data="\n".join(dump_form(line) for line in lines), format="nt")


# --- one record's facts ---------------------------------------------------------------------


def test_facts_of_a_record(facts):
    first = facts[0]
    assert first.document == ID + "document/1"
    assert (first.earliest, first.latest) == ("1953-07-01", "1953-07-01")
    assert first.creators == (PERSON + "lavrentiy-beria",) and first.recipients == (PERSON + "georgy-malenkov",)
    assert first.mentioned_persons == tuple(PERSON + p for p in ("georgy-malenkov", "joseph-stalin", "nikita-khrushchev"))
    # the annotation is the record's own resource: counted; the persons and Moscow: named
    assert dict(zip(first.own_classes[::2], first.own_classes[1::2])) == {
        "http://www.w3.org/ns/oa#Annotation": 1, "https://kg.example.org/ns#Mention": 1,
        "https://schema.org/ArchiveComponent": 1}
    assert ID + "place/moscow" in first.other_typed
    assert "n s chruscev" in first.names and "moscow" not in first.names  # folded; persons and archives only


def test_lines_without_a_document_have_no_facts():
    assert record_facts(record_lines("")) is None


def test_facts_of_the_seeds_read_the_built_records(built_seeds):
    beria = next(o for o in built_seeds.published if o.doc_id == "111310")
    facts = record_facts(beria.lines)
    assert facts.creators == (PERSON + "lavrentiy-beria",) and facts.recipients == (PERSON + "georgy-malenkov",)
    assert PERSON + "joseph-stalin" in facts.mentioned_persons


# --- the aggregation ------------------------------------------------------------------------


def test_derived_resources_match_the_golden_graph(facts):
    lines = analytics_lines(facts, base=DEFAULT_BASE_IRI, max_pairs=2)
    assert lines == sorted(lines) and all("\0" in line for line in lines)  # sort form, ready to merge
    assert_isomorphic(Graph().parse(EXPECTED / "analytics.ttl"), as_graph(lines))


def test_listings_match_the_golden_graph(facts, tmp_path):
    lines = list(listing_lines(facts, base=DEFAULT_BASE_IRI, scratch=tmp_path))
    assert lines == sorted(lines)
    assert_isomorphic(Graph().parse(EXPECTED / "listings.ttl"), as_graph(lines))


def test_the_aggregation_does_not_depend_on_record_order(facts):
    shuffled = random.Random(7).sample(facts, len(facts))
    assert analytics_lines(shuffled, base=DEFAULT_BASE_IRI) == analytics_lines(facts, base=DEFAULT_BASE_IRI)


def test_the_description_counts_in_the_partitions(facts):
    description = [f"<{DEFAULT_BASE_IRI}dataset> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                   "<http://rdfs.org/ns/void#Dataset> ."]
    graph = as_graph(analytics_lines(facts, base=DEFAULT_BASE_IRI, other_lines=description))
    assert ask(graph, f"ASK {{ <{ID}dataset> void:classPartition [ void:class void:Dataset ; void:entities 1 ] }}")


@pytest.mark.parametrize(("max_pairs", "threshold", "counts"), [(3, 1, [2, 2, 1]), (2, 2, [2, 2]), (1, 3, [])])
def test_the_strongest_pairs_are_kept_whole(facts, max_pairs, threshold, counts):
    """Never a count cut in two: the pairs of a count are all kept or all left out."""
    co_mentions = CoMentions(ID, max_pairs)
    for record in facts:
        co_mentions.add(record)
    pairs, found = co_mentions.strongest()
    assert found == threshold and [count for _, _, count in pairs] == counts


# --- the build ------------------------------------------------------------------------------

SEED_ASKS = [
    # Beria and Djilas are both blamed in Khrushchev's letter
    f"ASK {{ ?pair a kg:CoMention ; kg:documentCount 1 ; kg:rank ?rank ;"
    f" rico:relationConnects <{PERSON}lavrentiy-beria>, <{PERSON}milovan-djilas> }}",
    f"ASK {{ ?edge a kg:Correspondence ; rico:relationHasSource <{PERSON}lavrentiy-beria> ;"
    f" rico:relationHasTarget <{PERSON}georgy-malenkov> ; kg:documentCount 1 ;"
    f' schema:startDate "1953-07-01"^^xsd:date ; schema:endDate "1953-07-01"^^xsd:date }}',
    f"ASK {{ <{ID}dataset> void:classPartition [ void:class schema:ArchiveComponent ; void:entities 2 ] }}",
    f"ASK {{ <{ID}dataset> kg:coMentionThreshold 1 }}",
    f'ASK {{ <{PERSON}milovan-djilas> kg:nameToken "djilas", "milovan" }}',
    # the ranks number the pairs 1, 2, 3... with no gap
    "ASK { { SELECT (COUNT(*) AS ?n) (MAX(?rank) AS ?last) { ?pair a kg:CoMention ; kg:rank ?rank } }"
    " FILTER(?n = ?last) }",
]


@pytest.fixture(scope="module")
def seeds_graph(built_seeds) -> Graph:
    return Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")


@pytest.mark.parametrize("query", SEED_ASKS)
def test_the_seeds_build_publishes_the_derived_resources(seeds_graph, query):
    assert ask(seeds_graph, query)


def test_the_seeds_build_conforms_with_its_derived_resources(built_seeds):
    assert validate_files([built_seeds.out_dir / "kg.nt"]).conforms


def test_the_name_index_covers_every_class_a_parameter_names():
    from kg.analytics.facts import NAMED_CLASSES
    from kg.query.names import ENTITY_CLASSES

    assert {str(cls) for cls in ENTITY_CLASSES.values()} <= NAMED_CLASSES


def test_facts_of_the_mapped_triples_are_the_facts_of_the_lines():
    from kg.analytics import mapped_facts
    from kg.entities import load_authority
    from kg.reader import read_record
    from kg.scale.worker import chunk_lines, record_graphs
    from kg.vocab import IriMinter

    for seed in SEEDS.glob("*.txt"):
        triples = record_graphs(read_record(seed), minter=IriMinter(), authority=load_authority())
        lines = [dump_form(line) for line in chunk_lines(triples)]
        assert mapped_facts(t for part in triples for t in part) == record_facts(lines)
