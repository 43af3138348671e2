"""Who made the record and for whom: creators, recipients, translators, their offices."""

from __future__ import annotations

from rdflib import OWL, Literal, URIRef

from kg.agents import AgentResolver
from kg.mapper.document import text_item_iri
from kg.records import AgentRef, Record
from kg.triples import TripleSink
from kg.vocab import DCTERMS, KG, RDF, SDO, IriMinter

_CLASS = {"person": SDO.Person, "organization": SDO.Organization}


def map_agents(
    graph: TripleSink, record: Record, doc: URIRef, minter: IriMinter, resolver: AgentResolver
) -> None:
    date = record.date.value if record.date else None
    doc_id = record.doc_id.value

    def agent(ref: AgentRef) -> URIRef:
        return map_agent(graph, ref, minter, resolver, date=date)

    for role, predicate, role_link, located_refs in (
        ("creator", DCTERMS.creator, KG.creatorRole, record.creators),
        ("recipient", SDO.recipient, KG.recipientRole, record.recipients),
    ):
        for index, located in enumerate(located_refs, start=1):
            ref = located.value
            iri = agent(ref)
            graph.add((doc, predicate, iri))
            if ref.office:
                role_iri = minter.document_part(doc_id, role, str(index))
                graph.add((doc, role_link, role_iri))
                graph.add((role_iri, RDF.type, SDO.Role))
                graph.add((role_iri, KG.agent, iri))
                graph.add((role_iri, SDO.roleName, Literal(ref.office)))
                if ref.office_organization is not None:
                    graph.add((role_iri, KG.inOrganization, agent(ref.office_organization)))

    translators = record.citation.value.translators if record.citation else ()
    translations = [
        iri for item in record.contents
        if item.value.kind == "translation"
        and (iri := text_item_iri(minter, record, item.value)) is not None
    ]
    for name in translators:
        person = agent(AgentRef(name=name, kind="person"))
        for translation in translations:
            graph.add((translation, SDO.translator, person))


def map_agent(
    graph: TripleSink, ref: AgentRef, minter: IriMinter, resolver: AgentResolver, *, date=None
) -> URIRef:
    """Add one agent (and the organizations it belongs to) and return its IRI."""
    resolved = resolver.resolve(ref, date=date)
    mint = minter.person if resolved.kind == "person" else minter.organization
    iri = mint(resolved.key)
    graph.add((iri, RDF.type, _CLASS[resolved.kind]))
    graph.add((iri, SDO.name, Literal(resolved.name)))
    for name in {*resolved.alternate_names, ref.name} - {resolved.name}:
        graph.add((iri, SDO.alternateName, Literal(name)))
    for same in resolved.same_as:
        graph.add((iri, OWL.sameAs, URIRef(same)))
        graph.add((iri, SDO.sameAs, URIRef(same)))
    if ref.parent is not None:
        parent = map_agent(graph, ref.parent, minter, resolver, date=date)
        graph.add((iri, SDO.parentOrganization, parent))
    return iri
