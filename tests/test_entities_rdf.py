"""Mentions as Web Annotations: IRIs, selectors, provenance, and no blank nodes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import OWL, BNode, Literal, URIRef

from kg.entities import entity_stage
from kg import vocab
from kg.vocab import KG, OA, RDF, SDO, IriMinter
from tests.entities_support import make_record, person

BASE = "https://kg.example.org/id/"
DOC = URIRef(BASE + "document/7")


@pytest.fixture(scope="module")
def graph():
    record = make_record(
        doc_id="7", title="Letter from Lavrentiy Beria to Georgii Malenkov",
        summary="Beria writes after Stalin's death about the Turkish question.",
        footnotes=("Communist Party of Yugoslavia, renamed",),
        citation="\"Letter\", translated by Vladislav M. Zubok.",
        creators=(person("Lavrentiy Beria"),), recipients=(person("Georgii Malenkov"),),
        translators=("Vladislav M. Zubok",),
    )
    return entity_stage(record, minter=IriMinter(BASE))


def test_one_annotation_per_occurrence_with_minted_iris(graph):
    mention = URIRef(BASE + "document/7/mention/summary/0")
    target = URIRef(f"{mention}/target")
    assert (mention, RDF.type, OA.Annotation) in graph and (mention, RDF.type, KG.Mention) in graph
    assert (mention, OA.hasBody, URIRef(BASE + "person/lavrentiy-beria")) in graph
    assert (mention, OA.hasTarget, target) in graph
    assert (mention, OA.motivatedBy, OA.identifying) in graph
    assert (target, OA.hasSource, DOC) in graph
    assert (target, KG.field, Literal("summary")) in graph
    position, quote = URIRef(f"{mention}/position"), URIRef(f"{mention}/quote")
    assert {position, quote} == set(graph.objects(target, OA.hasSelector))
    assert (position, OA.start, Literal(0)) in graph and (position, OA.end, Literal(5)) in graph
    assert (quote, OA.exact, Literal("Beria")) in graph
    assert (quote, OA.suffix, Literal(" writes after Stalin's death abo")) in graph


def test_method_and_confidence_are_data(graph):
    mention = URIRef(BASE + "document/7/mention/summary/0")
    assert graph.value(mention, KG.method) == Literal("authority")
    confidence = graph.value(mention, KG.confidence)
    assert confidence.datatype == vocab.XSD.decimal and confidence.toPython() == Decimal("0.9")
    turkish = next(m for m in graph.subjects(OA.hasBody, URIRef(BASE + "place/turkey")))
    assert graph.value(turkish, KG.confidence).toPython() == Decimal("0.6")


def test_footnote_mentions_name_their_footnote(graph):
    mention = URIRef(BASE + "document/7/mention/footnote/1/0")
    target = graph.value(mention, OA.hasTarget)
    assert graph.value(target, KG.field) == Literal("footnote/1")
    assert graph.value(target, OA.hasSource) == DOC


def test_writers_are_not_merely_mentioned(graph):
    mentioned = set(graph.objects(DOC, SDO.mentions))
    assert URIRef(BASE + "person/lavrentiy-beria") not in mentioned  # the creator
    assert URIRef(BASE + "person/vladislav-zubok") not in mentioned  # the translator
    assert URIRef(BASE + "person/georgy-malenkov") in mentioned  # the recipient, named in the title
    assert URIRef(BASE + "person/joseph-stalin") in mentioned
    # The creator's own passages keep their annotations.
    assert any(graph.subjects(OA.hasBody, URIRef(BASE + "person/lavrentiy-beria")))


def test_entities_carry_type_names_and_only_confident_links(graph):
    stalin = URIRef(BASE + "person/joseph-stalin")
    wikidata = URIRef("http://www.wikidata.org/entity/Q855")
    assert (stalin, RDF.type, SDO.Person) in graph
    assert (stalin, SDO.name, Literal("Joseph Stalin")) in graph
    assert (stalin, OWL.sameAs, wikidata) in graph and (stalin, SDO.sameAs, wikidata) in graph
    malenkov = URIRef(BASE + "person/georgy-malenkov")
    assert (malenkov, SDO.alternateName, Literal("Georgi Malenkov")) in graph
    assert not list(graph.objects(malenkov, OWL.sameAs))
    assert (URIRef(BASE + "place/turkey"), RDF.type, SDO.Place) in graph


def test_organizations_bring_their_parents():
    graph = entity_stage(make_record(doc_id="8", body="the CC CPSU"), minter=IriMinter(BASE))
    cc = URIRef(BASE + "organization/central-committee-of-the-communist-party-of-the-soviet-union")
    party = URIRef(BASE + "organization/communist-party-of-the-soviet-union")
    assert (cc, SDO.parentOrganization, party) in graph
    assert (party, RDF.type, SDO.Organization) in graph
    assert (party, SDO.name, Literal("Communist Party of the Soviet Union")) in graph


def test_no_blank_nodes_and_the_same_graph_every_time(graph):
    assert not any(isinstance(node, BNode) for triple in graph for node in triple)
    record = make_record(doc_id="9", body="Stalin and Beria; the MVD; CC LCY; Comrade Ivan Petrov")
    one = entity_stage(record, minter=IriMinter(BASE))
    two = entity_stage(record, minter=IriMinter(BASE))
    assert sorted(one) == sorted(two)


def test_the_graph_conforms_to_the_mention_shapes(graph):
    from kg.validate import validate

    report = validate(graph)
    assert report.conforms, [violation.sentence() for violation in report.violations]
