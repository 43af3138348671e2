"""The map stage: golden graphs of the seeds (by isomorphism) and the facts a historian relies on (by ASK)."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import BNode, Graph

from kg.mapper import map_record
from kg.reader import read_record
from kg.records import DateValue, Located, PartialDate
from kg.vocab import IriMinter
from tests.conftest import EXPECTED, SEED_BERIA, SEED_KHRUSHCHEV
from tests.rdf_compare import ask, assert_isomorphic


@pytest.fixture(scope="module")
def beria():
    return map_record(read_record(SEED_BERIA))


@pytest.fixture(scope="module")
def khrushchev():
    return map_record(read_record(SEED_KHRUSHCHEV))


@pytest.mark.parametrize("seed, doc_id", [(SEED_BERIA, "111310"), (SEED_KHRUSHCHEV, "112968")])
def test_seed_maps_to_its_golden_graph(seed, doc_id):
    expected = Graph().parse(EXPECTED / f"{doc_id}.ttl")
    assert_isomorphic(expected, map_record(read_record(seed)))


BERIA_FACTS = {
    "created by Lavrentiy Beria": """ASK { ?d dcterms:identifier "111310" ; dcterms:creator ?p .
        ?p a schema:Person ; schema:name "Lavrentiy Beria" }""",
    "sent to Georgii Malenkov": """ASK { ?d dcterms:identifier "111310" ; schema:recipient ?p .
        ?p a schema:Person ; schema:name ?n FILTER(CONTAINS(?n, "Malenkov")) }""",
    "dated 1953-07-01 as xsd:date": """ASK { ?d dcterms:identifier "111310" ; dcterms:created "1953-07-01"^^xsd:date }""",
    "originally in Russian": """ASK { ?d dcterms:identifier "111310" ; dcterms:language lexvo:rus ; schema:inLanguage "ru" }""",
    "held by the Archive of the President of the Russian Federation": """ASK { ?d dcterms:identifier "111310" ;
        schema:holdingArchive ?a ; kg:shelfmark "f. 3, op. 24, d. 463, ll. 163-174" .
        ?a a schema:ArchiveOrganization ; schema:name "Archive of the President of the Russian Federation" ;
           schema:alternateName "AP RF" }""",
    "fond 3, opis 24, delo 463, listy 163-174": """ASK { ?d dcterms:identifier "111310" ; kg:folios "163-174" ;
        dcterms:isPartOf ?delo .
        ?delo kg:level level:delo ; schema:identifier "463" ; dcterms:isPartOf ?opis .
        ?opis kg:level level:opis ; schema:identifier "24" ; dcterms:isPartOf ?fond .
        ?fond kg:level level:fond ; schema:identifier "3" }""",
    "published in Istochnik no. 4 (1994) pp. 4-8": """ASK { ?d dcterms:identifier "111310" ; kg:printedIn ?ref .
        ?ref schema:pageStart "4" ; schema:pageEnd "8" ; schema:isPartOf ?issue .
        ?issue a schema:PublicationIssue ; schema:issueNumber "4" ; schema:datePublished "1994"^^xsd:gYear ;
               schema:isPartOf ?journal . ?journal a schema:Periodical ; schema:name "Istochnik" }""",
    "translated into English by Vladislav M. Zubok": """ASK { ?d dcterms:identifier "111310" ; schema:workTranslation ?t .
        ?t schema:translationOfWork ?d ; schema:inLanguage "en" ; dcterms:language lexvo:eng ;
           schema:translator ?p . ?p a schema:Person ; schema:name "Vladislav M. Zubok" }""",
    "is an excerpt, a letter": """ASK { ?d dcterms:identifier "111310" ; kg:isExcerpt true ; dcterms:type kind:letter }""",
    "derived from its input file, with a checksum": """ASK { ?d dcterms:identifier "111310" ; prov:wasDerivedFrom ?f .
        ?f schema:name "000_b15e87d12b1721f2.txt" ; spdx:checksum ?c . ?c spdx:checksumValue ?v
        FILTER(STRLEN(?v) = 64) }""",
}

KHRUSHCHEV_FACTS = {
    "created by Nikita S. Khrushchev as First Secretary of the CC CPSU": """ASK { ?d dcterms:identifier "112968" ;
        dcterms:creator ?p ; kg:creatorRole ?r . ?p schema:name "Nikita S. Khrushchev" .
        ?r kg:agent ?p ; schema:roleName "First Secretary" ; kg:inOrganization ?cc .
        ?cc schema:name "Central Committee of the Communist Party of the Soviet Union" ;
            schema:parentOrganization ?party . ?party schema:name "Communist Party of the Soviet Union" }""",
    "sent to Josip Broz Tito": """ASK { ?d dcterms:identifier "112968" ; schema:recipient ?p .
        ?p a schema:Person ; schema:name "Josip Broz Tito" }""",
    "sent to the CC of the League of Communists of Yugoslavia": """ASK { ?d dcterms:identifier "112968" ;
        schema:recipient ?o . ?o a schema:Organization ;
        schema:name "Central Committee of the League of Communists of Yugoslavia" ;
        schema:parentOrganization ?lcy . ?lcy schema:name "League of Communists of Yugoslavia" }""",
    "dated 1954-06-22": """ASK { ?d dcterms:identifier "112968" ; dcterms:created "1954-06-22"^^xsd:date }""",
    "originally in Serbo-Croatian": """ASK { ?d dcterms:identifier "112968" ; dcterms:language lexvo:hbs }""",
    "held by the Archives of Yugoslavia, collection Arhiv CK SKJ": """ASK { ?d dcterms:identifier "112968" ;
        schema:holdingArchive ?a ; dcterms:isPartOf ?c ; kg:shelfmark "507 / IX, 119/I-48" .
        ?a schema:name "Arhiv Jugoslavije" ; schema:alternateName "National Archives of Yugoslavia" .
        ?c kg:level level:collection ; rdfs:label "Arhiv CK SKJ" ; schema:holdingArchive ?a }""",
    "translated by Svetozar Rajak": """ASK { ?d dcterms:identifier "112968" ; schema:workTranslation ?t .
        ?t schema:translator ?p . ?p schema:name "Svetozar Rajak" }""",
    "with its three footnotes": """ASK { ?d dcterms:identifier "112968" ; kg:footnote ?f1, ?f2, ?f3 .
        ?f1 schema:position 1 ; schema:text ?t1 . ?f2 schema:position 2 . ?f3 schema:position 3 .
        FILTER(STRSTARTS(?t1, "Communist Party of Yugoslavia, renamed")) }""",
}


@pytest.mark.parametrize("fact", BERIA_FACTS)
def test_beria_letter(beria, fact):
    assert ask(beria, BERIA_FACTS[fact]), fact


@pytest.mark.parametrize("fact", KHRUSHCHEV_FACTS)
def test_khrushchev_letter(khrushchev, fact):
    assert ask(khrushchev, KHRUSHCHEV_FACTS[fact]), fact


def test_khrushchev_letter_has_exactly_three_footnotes(khrushchev):
    rows = list(khrushchev.query("SELECT ?f WHERE { ?d <https://kg.example.org/ns#footnote> ?f }"))
    assert len(rows) == 3


def test_no_blank_nodes(beria, khrushchev):
    for graph in (beria, khrushchev):
        assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]


def test_iris_follow_the_configured_base():
    minter = IriMinter("https://archive.example.net/kg/")
    graph = map_record(read_record(SEED_BERIA), minter=minter)
    subjects = {str(s) for s in graph.subjects()}
    assert "https://archive.example.net/kg/document/111310" in subjects
    assert all(s.startswith("https://archive.example.net/kg/") for s in subjects)


@pytest.mark.parametrize(
    "date, facts",
    [
        (DateValue("June 1954", PartialDate(1954, 6)),
         ['dcterms:created "1954-06"^^xsd:gYearMonth', 'kg:latestDate "1954-06-30"^^xsd:date']),
        (DateValue("1961", PartialDate(1961)),
         ['dcterms:created "1961"^^xsd:gYear', 'kg:earliestDate "1961-01-01"^^xsd:date']),
        (DateValue("March 5-7, 1953", PartialDate(1953, 3, 5), PartialDate(1953, 3, 7)),
         ['schema:startDate "1953-03-05"^^xsd:date', 'schema:endDate "1953-03-07"^^xsd:date',
          'kg:edtf "1953-03-05/1953-03-07"^^edtf:EDTF']),
        (DateValue("1950 - 1953", PartialDate(1950), PartialDate(1953)),
         ['schema:startDate "1950"^^xsd:gYear', 'kg:latestDate "1953-12-31"^^xsd:date']),
        (DateValue("c. 1955", PartialDate(1955), approximate=True),
         ['dcterms:created "1955"^^xsd:gYear', 'kg:edtf "1955~"^^edtf:EDTF', 'kg:dateAsPrinted "c. 1955"']),
        (DateValue("undated"), ['kg:dateAsPrinted "undated"']),
    ],
)
def test_dates_are_typed_by_precision(date, facts):
    record = dataclasses.replace(read_record(SEED_BERIA), date=Located(date, 3))
    graph = map_record(record)
    for fact in facts:
        assert ask(graph, f"ASK {{ ?d dcterms:identifier \"111310\" ; {fact} }}"), fact


def test_undated_record_has_no_normalised_date():
    record = dataclasses.replace(read_record(SEED_BERIA), date=Located(DateValue("undated"), 3))
    graph = map_record(record)
    assert not ask(graph, "ASK { ?d dcterms:created|kg:edtf|kg:earliestDate ?x }")
