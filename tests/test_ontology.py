"""ontology/: kg's own terms (kg.ttl), the SKOS schemes (kinds.ttl, levels.ttl) and the JSON-LD context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.assets import asset_dir
from kg.vocab import KG, KG_NS, KIND, LEVEL, PREFIXES

# rdflib 7's own parsers and serializers still call its deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")

ONTOLOGY = asset_dir("ontology")
ONTOLOGY_IRI = URIRef("https://kg.example.org/ns")
ALIGNMENTS = (RDFS.subPropertyOf, RDFS.subClassOf, SKOS.closeMatch, SKOS.broadMatch, SKOS.exactMatch)
# Alignments must point at the vocabularies the project relies on, never at kg itself.
STANDARD_NAMESPACES = (
    "http://purl.org/dc/terms/",
    "https://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "https://www.ica.org/standards/RiC/ontology#",
    "http://www.w3.org/ns/oa#",
)
TERM_TYPES = {OWL.Class, OWL.DatatypeProperty, OWL.ObjectProperty}

KINDS = [
    "letter", "telegram", "cable", "memorandum", "memorandum-of-conversation", "record-of-conversation",
    "minutes", "report", "note", "speech", "resolution", "decree", "diary", "instruction", "transcript", "other",
]
LEVELS = ["collection", "fond", "opis", "papka", "delo"]


def _parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name)


@pytest.fixture(scope="module")
def kg_ttl() -> Graph:
    return _parse("kg.ttl")


def _kg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


def test_every_vocab_term_is_defined_and_vice_versa(kg_ttl):
    in_code = {URIRef(KG_NS + name) for name in KG.__annotations__}
    assert in_code == _kg_terms(kg_ttl)


def test_kg_terms_are_usable_from_code():
    # The closed namespace raises on a typo: it must know every defined term.
    for name in KG.__annotations__:
        assert getattr(KG, name) == URIRef(KG_NS + name)
    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_term_is_documented_and_aligned(kg_ttl, name):
    term = URIRef(KG_NS + name)
    types = set(kg_ttl.objects(term, RDF.type))
    assert len(types & TERM_TYPES) == 1, f"{name}: exactly one of owl:Class/DatatypeProperty/ObjectProperty"
    # Classes are capitalised, properties are not: the DefinedNamespace relies on it for readers.
    assert (OWL.Class in types) == name[0].isupper()
    label = kg_ttl.value(term, RDFS.label)
    comment = kg_ttl.value(term, RDFS.comment)
    assert isinstance(label, Literal) and label.language == "en" and str(label)
    assert isinstance(comment, Literal) and comment.language == "en" and len(str(comment)) > 20
    assert kg_ttl.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI
    alignments = [o for p in ALIGNMENTS for o in kg_ttl.objects(term, p)]
    assert alignments, f"{name} has no alignment to a standard term"
    assert all(str(o).startswith(STANDARD_NAMESPACES) for o in alignments), alignments


def test_sub_properties_and_classes_match_the_kind_of_term(kg_ttl):
    for term, parent in kg_ttl.subject_objects(RDFS.subClassOf):
        assert (term, RDF.type, OWL.Class) in kg_ttl, term
    for term, parent in kg_ttl.subject_objects(RDFS.subPropertyOf):
        assert (term, RDF.type, OWL.Class) not in kg_ttl, term


def test_ontology_header(kg_ttl):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in kg_ttl
    assert kg_ttl.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert kg_ttl.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert kg_ttl.value(ONTOLOGY_IRI, DCTERMS.title)


# --------------------------------------------------------------- SKOS schemes


@pytest.mark.parametrize(
    "file,namespace,keys",
    [("kinds.ttl", KIND, KINDS), ("levels.ttl", LEVEL, LEVELS)],
    ids=["kinds", "levels"],
)
def test_scheme_is_well_formed_skos(file, namespace, keys):
    graph = _parse(file)
    scheme = URIRef(str(namespace))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(scheme, SKOS.prefLabel) is not None
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {namespace[key] for key in keys}
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == concepts
    for concept in concepts:
        pref = list(graph.objects(concept, SKOS.prefLabel))
        # SKOS integrity: at most one prefLabel per language, disjoint from altLabels.
        assert [p.language for p in pref] == ["en"], concept
        assert str(pref[0]) not in {str(a) for a in graph.objects(concept, SKOS.altLabel) if a.language == "en"}
        definition = graph.value(concept, SKOS.definition)
        assert isinstance(definition, Literal) and definition.language == "en", concept
        assert graph.value(concept, SKOS.inScheme) == scheme
        assert graph.value(concept, SKOS.topConceptOf) == scheme


def test_levels_have_the_familiar_alternative_names():
    graph = _parse("levels.ttl")
    alt = {str(a) for c in graph.subjects(RDF.type, SKOS.Concept) for a in graph.objects(c, SKOS.altLabel)}
    assert {"fonds", "inventory", "folder", "file"} <= alt


# ----------------------------------------------------------- JSON-LD context


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def test_context_declares_every_prefix(context):
    assert context["@version"] == 1.1
    for prefix, namespace in PREFIXES.items():
        assert context[prefix] == namespace


def test_context_names_every_kg_property(context):
    mapped = set()
    for value in context.values():
        iri = value["@id"] if isinstance(value, dict) else value
        if isinstance(iri, str) and iri.startswith("kg:"):
            mapped.add(iri.removeprefix("kg:"))
    assert set(KG.__annotations__) <= mapped


def test_context_expands_a_sample(context):
    sample = {
        "@context": context,
        "id": "https://kg.example.org/id/document/1",
        "type": "ArchiveComponent",
        "identifier": "1",
        "title": {"en": "Letter from A to B"},
        "documentKind": "kind:letter",
        "language": ["lexvo:rus"],
        "inLanguage": "ru",
        "isExcerpt": True,
        "earliestDate": "1953-07-01",
        "edtfDate": "1953-07-01",
        "creator": ["https://kg.example.org/id/person/a"],
        "url": "https://example.org/document/1",
        "footnote": [{"id": "https://kg.example.org/id/document/1/footnote/1", "type": "Footnote",
                      "position": 1, "text": "A note."}],
        "mentions": ["https://kg.example.org/id/person/b"],
    }
    graph = Graph().parse(data=json.dumps(sample), format="json-ld")
    expected = Graph().parse(
        format="turtle",
        data="""
        @prefix kg: <https://kg.example.org/ns#> . @prefix schema: <https://schema.org/> .
        @prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://kg.example.org/id/document/1> a schema:ArchiveComponent ;
            dcterms:identifier "1" ;
            dcterms:title "Letter from A to B"@en ;
            dcterms:type <https://kg.example.org/ns/kind/letter> ;
            dcterms:language <http://lexvo.org/id/iso639-3/rus> ;
            schema:inLanguage "ru" ;
            kg:isExcerpt true ;
            kg:earliestDate "1953-07-01"^^xsd:date ;
            kg:edtf "1953-07-01"^^<http://id.loc.gov/datatypes/edtf/EDTF> ;
            dcterms:creator <https://kg.example.org/id/person/a> ;
            schema:url <https://example.org/document/1> ;
            kg:footnote <https://kg.example.org/id/document/1/footnote/1> ;
            schema:mentions <https://kg.example.org/id/person/b> .
        <https://kg.example.org/id/document/1/footnote/1> a kg:Footnote ;
            schema:position 1 ; schema:text "A note." .
        """,
    )
    assert isomorphic(graph, expected), graph.serialize(format="turtle")


_TESTS = Path(__file__).parent
# The shape fixtures, plus the mapper's golden outputs when they are present.
_ROUND_TRIP = sorted((_TESTS / "data" / "shapes").glob("valid_*.ttl")) + sorted((_TESTS / "expected").glob("*.ttl"))


@pytest.mark.parametrize("path", _ROUND_TRIP, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_context_round_trips_kg_data(context, path):
    # Compacting with the context and reading back loses nothing: the terms'
    # coercions (@id, datatypes, @language maps) agree with what the mapper emits.
    graph = Graph().parse(path)
    compacted = json.loads(graph.serialize(format="json-ld", context=context))
    compacted["@context"] = context
    again = Graph().parse(data=json.dumps(compacted), format="json-ld")
    assert isomorphic(graph, again), path.name


def test_round_trip_covers_the_fixtures():
    assert any(p.name.startswith("valid_") for p in _ROUND_TRIP)


def test_context_typed_decimal_keeps_its_lexical_form(context):
    doc = {"@context": context, "id": "https://kg.example.org/id/a", "confidence": "0.85"}
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert graph.value(URIRef("https://kg.example.org/id/a"), KG.confidence) == Literal("0.85", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
