"""kg.publish.jsonld writes node objects as text: exactly what json.dumps of the node would give."""

from __future__ import annotations

import json

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.publish.dumps import _prefixes
from kg.publish.jsonld import Compactor, jsonld_nodes
from kg.vocab import DEFAULT_BASE_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
COMPACT = Compactor(_prefixes(DEFAULT_BASE_IRI), DEFAULT_BASE_IRI)


def reference_nodes(triples: list[ox.Triple]) -> list[str]:
    """The node objects as dicts, encoded by json.dumps: the format kg's JSON-LD promises."""
    nodes: dict[str, dict] = {}
    for triple in triples:
        node = nodes.setdefault(triple.subject.value, {"@id": COMPACT(triple.subject.value)})
        value = triple.object
        if isinstance(value, ox.NamedNode):
            if triple.predicate.value == RDF_TYPE:
                node.setdefault("@type", []).append(COMPACT(value.value))
                continue
            entry = {"@id": COMPACT(value.value)}
        else:
            entry = {"@value": value.value}
            if value.language:
                entry["@language"] = value.language
            elif value.datatype.value != XSD_STRING:
                entry["@type"] = COMPACT(value.datatype.value)
        node.setdefault(COMPACT(triple.predicate.value), []).append(entry)
    return [json.dumps(node, ensure_ascii=False, sort_keys=True) for node in nodes.values()]


DOC = ox.NamedNode(DEFAULT_BASE_IRI + "document/1")
OTHER = ox.NamedNode(DEFAULT_BASE_IRI + "person/x")
PREDICATES = [ox.NamedNode(iri) for iri in (
    RDF_TYPE, "https://schema.org/name", "http://purl.org/dc/terms/title", "https://example.org/no-prefix",
    "https://kg.example.org/ns#confidence")]
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
objects = st.one_of(
    st.sampled_from([OTHER, ox.NamedNode("https://schema.org/Person"), ox.NamedNode("http://www.wikidata.org/entity/Q1")]),
    texts.map(ox.Literal),
    st.tuples(texts, st.sampled_from(["en", "ru", "sr-Latn"])).map(lambda pair: ox.Literal(pair[0], language=pair[1])),
    st.tuples(texts, st.sampled_from(["http://www.w3.org/2001/XMLSchema#date", "https://example.org/type"]))
    .map(lambda pair: ox.Literal(pair[0], datatype=ox.NamedNode(pair[1]))),
)
triples = st.lists(st.tuples(st.sampled_from([DOC, OTHER]), st.sampled_from(PREDICATES), objects), max_size=25)


@given(triples)
def test_node_objects_are_what_json_dumps_writes(made):
    ordered = sorted({ox.Triple(*parts) for parts in made}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    assert list(jsonld_nodes(ordered, COMPACT)) == reference_nodes(ordered)


def test_escapes_and_compaction():
    triples = [ox.Triple(DOC, PREDICATES[1], ox.Literal('quote " backslash \\ newline \n tab \t nul \x00 é 中')),
               ox.Triple(DOC, PREDICATES[0], ox.Literal("a literal type")),
               ox.Triple(DOC, PREDICATES[0], ox.NamedNode("https://schema.org/ArchiveComponent"))]
    (node,) = jsonld_nodes(triples, COMPACT)
    assert json.loads(node) == {"@id": DOC.value, "@type": ["schema:ArchiveComponent"],
                                "rdf:type": [{"@value": "a literal type"}],
                                "schema:name": [{"@value": 'quote " backslash \\ newline \n tab \t nul \x00 é 中'}]}
    assert [node] == reference_nodes(triples)
