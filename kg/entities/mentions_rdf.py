"""Mentions as RDF: one W3C Web Annotation per occurrence (docs/model.md, "Mentions").

Every node has a minted IRI derived from the document, the field and the start
offset, so the graph is the same on every build and has no blank nodes::

    document/{n}/mention/{field}/{start}            oa:Annotation, kg:Mention
    document/{n}/mention/{field}/{start}/target     oa:SpecificResource
    .../position  oa:TextPositionSelector      .../quote  oa:TextQuoteSelector

The document ``schema:mentions`` each entity it names, except the people who
wrote it: its creators and the translators of the text we publish are agents
of the record, not persons it merely mentions (their annotations are kept, so
the passage that names them can still be shown).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rdflib import OWL, Literal, URIRef

from kg.entities.fields import record_fields
from kg.entities.recognise import Mention
from kg.entities.resolver import AuthorityResolver, EntityDescription
from kg.records import AgentRef, Record
from kg.triples import TripleSink, Triples
from kg.vocab import KG, OA, RDF, SDO, XSD, IriMinter

_CLASS = {"person": SDO.Person, "organization": SDO.Organization, "place": SDO.Place}
_CONTEXT = 32  # characters of oa:prefix / oa:suffix kept around a quote, as the W3C model suggests


def entity_iri(minter: IriMinter, type: str, key: str) -> URIRef:
    mint = {"person": minter.person, "organization": minter.organization, "place": minter.place}[type]
    return mint(key)


def map_mentions(record: Record, mentions: Iterable[Mention], *, minter: IriMinter,
                 resolver: AuthorityResolver) -> Triples:
    """The annotations, entity descriptions and schema:mentions of one record's mentions."""
    triples = Triples()
    doc = minter.document(record.doc_id.value)
    writers = writer_iris(record, minter, resolver)
    texts = _field_texts(record)
    # A name repeated in a record is described once (the surface names an unknown entity).
    described: dict[tuple[str, str, str], URIRef] = {}
    for mention in mentions:
        key = (mention.entity, mention.type, mention.surface)
        entity = described.get(key)
        if entity is None:
            description = resolver.describe(mention.entity, type=mention.type, name=mention.surface)
            entity = described[key] = describe(triples, description, minter, resolver)
            if entity not in writers:
                triples.add((doc, SDO.mentions, entity))
        _annotate(triples, doc, record.doc_id.value, mention, entity, minter, texts[mention.field])
    return triples


def writer_iris(record: Record, minter: IriMinter, resolver: AuthorityResolver) -> set[URIRef]:
    """IRIs of the record's creators and translators."""
    date = record.date.value if record.date else None
    refs = [located.value for located in record.creators]
    if record.citation is not None:
        refs += [AgentRef(name=name, kind="person") for name in record.citation.value.translators]
    iris = set()
    for ref in refs:
        agent = resolver.resolve(ref, date=date)
        iris.add(entity_iri(minter, agent.kind, agent.key))
    return iris


def describe(graph: TripleSink, entity: EntityDescription, minter: IriMinter,
             resolver: AuthorityResolver) -> URIRef:
    """Type, names, parent organization and Wikidata links of an entity; returns its IRI."""
    iri = entity_iri(minter, entity.type, entity.key)
    graph.add((iri, RDF.type, _CLASS[entity.type]))
    graph.add((iri, SDO.name, Literal(entity.name)))
    for name in entity.alternate_names:
        graph.add((iri, SDO.alternateName, Literal(name)))
    for same in entity.same_as:
        graph.add((iri, OWL.sameAs, URIRef(same)))
        graph.add((iri, SDO.sameAs, URIRef(same)))
    if entity.parent:
        parent = resolver.describe(entity.parent, type=entity.type, name=entity.parent)
        graph.add((iri, SDO.parentOrganization, describe(graph, parent, minter, resolver)))
    return iri


def _annotate(graph: TripleSink, doc: URIRef, doc_id: str, mention: Mention, entity: URIRef,
              minter: IriMinter, text: str) -> None:
    annotation = minter.document_part(doc_id, "mention", *mention.field.split("/"), str(mention.start))
    target = URIRef(f"{annotation}/target")
    position = URIRef(f"{annotation}/position")
    quote = URIRef(f"{annotation}/quote")
    add = graph.add
    add((annotation, RDF.type, OA.Annotation))
    add((annotation, RDF.type, KG.Mention))
    add((annotation, OA.motivatedBy, OA.identifying))
    add((annotation, OA.hasBody, entity))
    add((annotation, OA.hasTarget, target))
    add((annotation, KG.method, _plain(mention.method)))
    add((annotation, KG.confidence, decimal(mention.confidence)))
    add((target, RDF.type, OA.SpecificResource))
    add((target, OA.hasSource, doc))
    add((target, KG.field, _plain(mention.field)))
    add((target, OA.hasSelector, position))
    add((target, OA.hasSelector, quote))
    add((position, RDF.type, OA.TextPositionSelector))
    add((position, OA.start, _integer(mention.start)))
    add((position, OA.end, _integer(mention.end)))
    add((quote, RDF.type, OA.TextQuoteSelector))
    add((quote, OA.exact, Literal(mention.surface)))
    prefix, suffix = text[max(0, mention.start - _CONTEXT):mention.start], text[mention.end:mention.end + _CONTEXT]
    if prefix:
        add((quote, OA.prefix, Literal(prefix)))
    if suffix:
        add((quote, OA.suffix, Literal(suffix)))


# Methods, fields, offsets and confidences repeat in every record: their literals are made
# once (an rdflib Literal costs microseconds to build, and a record has hundreds).
@lru_cache(maxsize=4096)
def _plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=65536)
def _integer(value: int) -> Literal:
    return Literal(value)


@lru_cache(maxsize=256)
def decimal(value: float) -> Literal:
    """A confidence as a short xsd:decimal: 1.0, 0.95, 0.9."""
    text = f"{value:.2f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def _field_texts(record: Record) -> dict[str, str]:
    return {field.name: field.text for field in record_fields(record)}


__all__ = ["describe", "entity_iri", "map_mentions", "writer_iris"]
