"""Every namespace, prefix and IRI pattern kg uses, in one place.

The project's own terms live in ``KG`` (a closed namespace generated from
``ontology/kg.ttl``: a typo in a property name raises at import time, and a
test keeps the two in sync).  Data IRIs are minted by :class:`IriMinter`
under a configurable base IRI; nothing else in kg builds IRIs by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DCAT, VOID, DefinedNamespace

from kg.text import strip_accents

DEFAULT_BASE_IRI = "https://kg.example.org/id/"
"""Base IRI for minted data IRIs; override with ``--base`` or ``KG_BASE_IRI``."""

KG_NS = "https://kg.example.org/ns#"
KIND_NS = "https://kg.example.org/ns/kind/"
LEVEL_NS = "https://kg.example.org/ns/level/"



class _Namespace(Namespace):
    """An rdflib ``Namespace`` that makes each attribute's term once.

    rdflib's builds and checks a new URIRef at every ``SDO.name``; the mapper reads such
    attributes hundreds of times per record.  A term is stored on first use, so later
    reads are plain attribute lookups.  (Items, ``SDO["name"]``, are made each time.)
    """

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


SDO = _Namespace("https://schema.org/")
RICO = _Namespace("https://www.ica.org/standards/RiC/ontology#")
OA = _Namespace("http://www.w3.org/ns/oa#")
SPDX = _Namespace("http://spdx.org/rdf/terms#")
WD = _Namespace("http://www.wikidata.org/entity/")
LEXVO = _Namespace("http://lexvo.org/id/iso639-3/")
KIND = _Namespace(KIND_NS)
LEVEL = _Namespace(LEVEL_NS)
SH = _Namespace("http://www.w3.org/ns/shacl#")

EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
"""Library of Congress datatype for Extended Date/Time Format literals."""


class KG(DefinedNamespace):
    """kg's own terms: only what dcterms, schema.org, PROV, SKOS and RiC-O lack.

    Kept in sync with ``ontology/kg.ttl`` by ``tests/test_ontology.py``.
    """

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Footnote: URIRef
    PublicationReference: URIRef
    Mention: URIRef
    # document
    dateAsPrinted: URIRef
    edtf: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    isExcerpt: URIRef
    footnote: URIRef
    contentItem: URIRef
    # archival source
    archivalReference: URIRef
    shelfmark: URIRef
    folios: URIRef
    level: URIRef
    # publications
    printedIn: URIRef
    # agents in roles
    creatorRole: URIRef
    recipientRole: URIRef
    agent: URIRef
    inOrganization: URIRef
    # provenance
    sourceLine: URIRef
    # mentions (issue: entities)
    field: URIRef
    method: URIRef
    confidence: URIRef
    # derived resources (kg/analytics/)
    CoMention: URIRef
    Correspondence: URIRef
    documentCount: URIRef
    rank: URIRef
    coMentionThreshold: URIRef
    nameToken: URIRef
    # listings (kg/analytics/listings/)
    Listing: URIRef
    listedWith: URIRef
    firstPosition: URIRef
    straddledBy: URIRef


PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "kind": KIND_NS,
    "level": LEVEL_NS,
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "rico": str(RICO),
    "prov": str(PROV),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "foaf": str(FOAF),
    "oa": str(OA),
    "spdx": str(SPDX),
    "void": str(VOID),
    "dcat": str(DCAT),
    "wd": str(WD),
    "lexvo": str(LEXVO),
    "edtf": "http://id.loc.gov/datatypes/edtf/",
    "sh": str(SH),
}


def bind_prefixes(graph, base: str | None = None) -> None:
    """Bind kg's prefixes (and ``id:`` for the base IRI) on an rdflib graph."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    if base:
        graph.bind("id", base, override=True, replace=True)


_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A stable, readable IRI segment: ASCII, lower case, words joined by '-'.

    ``Đilas`` and ``Djilas`` differ here on purpose: merging spellings is the
    entity stage's job, not the IRI minter's.
    """
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class IriMinter:
    """Mints every data IRI from stable identifiers, under one base IRI."""

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", self.base):
            from kg.errors import UsageError

            raise UsageError(
                f"base IRI {self.base!r} must be an http(s) IRI ending in '/' or '#'"
            )

    def _iri(self, *segments: str) -> URIRef:
        return URIRef(self.base + "/".join(segments))

    def document(self, doc_id: str) -> URIRef:
        return self._iri("document", doc_id)

    def document_part(self, doc_id: str, *segments: str) -> URIRef:
        return self._iri("document", doc_id, *segments)

    def person(self, key: str) -> URIRef:
        return self._iri("person", key)

    def organization(self, key: str) -> URIRef:
        return self._iri("organization", key)

    def place(self, key: str) -> URIRef:
        return self._iri("place", key)

    def archive(self, key: str) -> URIRef:
        return self._iri("archive", key)

    def archive_unit(self, archive_key: str, *segments: str) -> URIRef:
        return self._iri("archive", archive_key, *segments)

    def periodical(self, key: str) -> URIRef:
        return self._iri("periodical", key)

    def periodical_issue(self, key: str, issue_key: str) -> URIRef:
        return self._iri("periodical", key, "issue", issue_key)

    def source_file(self, name: str) -> URIRef:
        return self._iri("source", slug(name))

    def dataset(self) -> URIRef:
        return self._iri("dataset")

    def build(self, fingerprint: str) -> URIRef:
        return self._iri("build", fingerprint)

    def software(self, version: str) -> URIRef:
        return self._iri("software", "kg", slug(version))


LANGUAGE_VOCABULARY = LEXVO
"""Language IRIs are Lexvo's ISO 639-3 IRIs, e.g. ``lexvo:rus``."""

__all__ = [
    "DCAT",
    "DCTERMS",
    "DEFAULT_BASE_IRI",
    "EDTF",
    "FOAF",
    "IriMinter",
    "KG",
    "KIND",
    "LEVEL",
    "LEXVO",
    "OA",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RICO",
    "SDO",
    "SKOS",
    "SPDX",
    "VOID",
    "WD",
    "XSD",
    "bind_prefixes",
    "slug",
]
