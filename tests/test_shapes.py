"""The SHACL shapes (shapes/*.ttl) and kg.validate.

Method: each fixture under tests/data/shapes/valid_*.ttl conforms; each case
below breaks exactly one thing in a copy of one fixture (a SPARQL Update) and
expects the shape guarding that thing to report its own sh:message for the
right focus node and path.  The same broken graphs are run through every
engine: the kg engine must report exactly pySHACL's violations, pyshacl-turbo
the same sentences.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

from kg.assets import asset_dir
from kg.errors import UsageError
from kg.validate import SHAPES_NS, Report, load_shapes, validate, validate_files
from kg.vocab import DEFAULT_BASE_IRI, KIND, LEVEL, PREFIXES

# rdflib 7's own parsers and serializers still call its deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")

DATA = Path(__file__).parent / "data" / "shapes"
KGSH = Namespace(SHAPES_NS)
BASE = DEFAULT_BASE_IRI
ENGINES = ("pyshacl", "turbo", "kg")
FAST_ENGINES = ("turbo", "kg")  # checked against pyshacl, the reference

_UPDATE_PROLOGUE = f"BASE <{BASE}>\n" + "".join(
    f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items()
)


@functools.cache
def _fixture(name: str) -> Graph:
    return Graph().parse(DATA / f"valid_{name}.ttl")


def _copy(name: str) -> Graph:
    graph = Graph()
    graph += _fixture(name)
    return graph


# ---------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    id: str
    fixture: str  # valid_{fixture}.ttl
    update: str  # SPARQL Update, relative IRIs against the id: base
    focus: str | None  # relative IRI of the expected focus node; None = a blank node
    shape: str  # local name of the kgsh: shape expected to report

    def graph(self) -> Graph:
        graph = _copy(self.fixture)
        graph.update(_UPDATE_PROLOGUE + self.update)
        return graph


D = "<document/111310>"
DOC = "document/111310"
ROLE = "document/111310/creator/1"
TR = "document/111310/translation/en"
FN = "document/111310/footnote/1"
PUB = "document/111310/publication/1"
ISSUE = "periodical/istochnik/issue/4-1994"
SRC = "source/000-b15e87d12b1721f2-txt"
CKS = "source/000-b15e87d12b1721f2-txt/sha256"
DELO = "archive/ap-rf/fond/3/opis/24/delo/463"
KHR = "person/nikita-s-khrushchev"
CC = "organization/central-committee-of-the-communist-party-of-the-soviet-union"
M = "document/111310/mention/summary/13"
PSRC = "source/004-5d627ae21579287d-txt"
BERIA = "person/lavrentiy-beria"
PAIR = "dataset/co-mention/person/georgy-malenkov/person/lavrentiy-beria"
EDGE = "dataset/correspondence/person/lavrentiy-beria/person/georgy-malenkov"
PARTITION = "dataset/class/schema-Person"
LISTING = "dataset/listing/person-documents"
GROUP = f"{LISTING}/person/lavrentiy-beria"
ENTRY = "dataset/listing/wikidata-links/1"
MONTH = "dataset/listing/date-range/month/1953-08"


def _set(subject: str, prop: str, value: str) -> str:
    """Replace every value of ``prop`` on ``subject`` by ``value``."""
    return f"DELETE WHERE {{ <{subject}> {prop} ?old }} ; INSERT DATA {{ <{subject}> {prop} {value} }}"


def _drop(subject: str, prop: str) -> str:
    return f"DELETE WHERE {{ <{subject}> {prop} ?old }}"


def _add(subject: str, prop: str, value: str) -> str:
    return f"INSERT DATA {{ <{subject}> {prop} {value} }}"


C = Case
CASES = [
    # ---- documents: identity and text
    C("doc-iri-pattern", "document", "INSERT DATA { <document/111310/copy> a schema:ArchiveComponent }",
      "document/111310/copy", "DocumentIriShape"),
    C("doc-iri-blank", "document", "INSERT DATA { [] a schema:ArchiveComponent }", None, "DocumentIriShape"),
    C("doc-identifier-missing", "document", _drop(DOC, "dcterms:identifier"), DOC, "Document-identifier"),
    C("doc-identifier-two", "document", _add(DOC, "dcterms:identifier", '"111311"'), DOC, "Document-identifier"),
    C("doc-identifier-integer", "document", _set(DOC, "dcterms:identifier", "111310"), DOC, "Document-identifier"),
    C("doc-title-missing", "document", _drop(DOC, "dcterms:title"), DOC, "Document-title"),
    C("doc-title-two", "document", _add(DOC, "dcterms:title", '"Another letter"@en'), DOC, "Document-title"),
    C("doc-title-no-language", "document", _set(DOC, "dcterms:title", '"Letter"'), DOC, "Document-title"),
    C("doc-title-russian", "document", _set(DOC, "dcterms:title", '"Письмо"@ru'), DOC, "Document-title"),
    # ---- documents: dates
    C("doc-created-two", "document", _add(DOC, "dcterms:created", '"1953-07"^^xsd:gYearMonth'), DOC,
      "Document-created"),
    C("doc-created-string", "document", _set(DOC, "dcterms:created", '"July 1, 1953"'), DOC, "Document-created"),
    C("doc-created-datetime", "document", _set(DOC, "dcterms:created", '"1953-07-01T00:00:00"^^xsd:dateTime'),
      DOC, "Document-created"),
    C("doc-created-ill-formed", "document", _set(DOC, "dcterms:created", '"1953-13-01"^^xsd:date'), DOC,
      "Document-created"),
    C("doc-edtf-two", "document", _add(DOC, "kg:edtf", '"1953-07"^^edtf:EDTF'), DOC, "Document-edtf"),
    C("doc-edtf-string", "document", _set(DOC, "kg:edtf", '"1953-07-01"'), DOC, "Document-edtf"),
    C("doc-earliest-two", "document", _add(DOC, "kg:earliestDate", '"1953-06-30"^^xsd:date'), DOC,
      "Document-earliestDate"),
    C("doc-earliest-gyear", "document", _set(DOC, "kg:earliestDate", '"1953"^^xsd:gYear'), DOC,
      "Document-earliestDate"),
    C("doc-latest-two", "document", _add(DOC, "kg:latestDate", '"1953-07-02"^^xsd:date'), DOC,
      "Document-latestDate"),
    C("doc-latest-string", "document", _set(DOC, "kg:latestDate", '"1953-07-01"'), DOC, "Document-latestDate"),
    C("doc-dates-reversed", "document", _set(DOC, "kg:earliestDate", '"1953-08-01"^^xsd:date'), DOC,
      "Document-dateOrder"),
    C("doc-bounds-only-earliest", "document", _drop(DOC, "kg:latestDate"), DOC, "DocumentDateBoundsShape"),
    C("doc-bounds-created-without-bounds", "document",
      _drop(DOC, "kg:latestDate") + " ; " + _drop(DOC, "kg:earliestDate"), DOC, "DocumentDateBoundsShape"),
    # ---- documents: language and kind
    C("doc-language-literal", "document", _set(DOC, "dcterms:language", '"rus"'), DOC, "Document-language"),
    C("doc-language-two-letter", "document", _set(DOC, "dcterms:language", "lexvo:ru"), DOC, "Document-language"),
    C("doc-language-other-vocabulary", "document",
      _set(DOC, "dcterms:language", "<http://id.loc.gov/vocabulary/iso639-2/rus>"), DOC, "Document-language"),
    C("doc-language-string", "document", _set(DOC, "dcterms:language", '"http://lexvo.org/id/iso639-3/rus"'), DOC,
      "Document-language"),
    C("doc-inlanguage-upper", "document", _set(DOC, "schema:inLanguage", '"RU"'), DOC, "Document-inLanguage"),
    C("doc-inlanguage-name", "document", _set(DOC, "schema:inLanguage", '"russian"'), DOC, "Document-inLanguage"),
    C("doc-inlanguage-iri", "document", _set(DOC, "schema:inLanguage", "lexvo:rus"), DOC, "Document-inLanguage"),
    C("doc-kind-missing", "document", _drop(DOC, "dcterms:type"), DOC, "Document-kind"),
    C("doc-kind-two", "document", _add(DOC, "dcterms:type", "kind:report"), DOC, "Document-kind"),
    C("doc-kind-typo", "document", _set(DOC, "dcterms:type", "kind:leter"), DOC, "Document-kind"),
    C("doc-kind-literal", "document", _set(DOC, "dcterms:type", '"letter"'), DOC, "Document-kind"),
    # ---- documents: links
    C("doc-creator-untyped", "document", _add(DOC, "dcterms:creator", "<person/nobody>"), DOC, "Document-creator"),
    C("doc-creator-archive", "document", _add(DOC, "dcterms:creator", "<archive/ap-rf>"), DOC, "Document-creator"),
    C("doc-creator-literal", "document", _add(DOC, "dcterms:creator", '"Lavrentiy Beria"'), DOC,
      "Document-creator"),
    C("doc-recipient-untyped", "document", _set(DOC, "schema:recipient", "<person/nobody>"), DOC,
      "Document-recipient"),
    C("doc-creatorrole-person", "document", _set(DOC, "kg:creatorRole", "<person/lavrentiy-beria>"), DOC,
      "Document-creatorRole"),
    C("doc-recipientrole-untyped", "document", _add(DOC, "kg:recipientRole", "<document/111310/recipient/1>"),
      DOC, "Document-recipientRole"),
    C("doc-archive-two", "document",
      _add(DOC, "schema:holdingArchive", "<archive/rgaspi>")
      + ' ; INSERT DATA { <archive/rgaspi> a schema:ArchiveOrganization ; schema:name "RGASPI" }',
      DOC, "Document-holdingArchive"),
    C("doc-archive-recordset", "document", _set(DOC, "schema:holdingArchive", "<archive/ap-rf/fond/3>"), DOC,
      "Document-holdingArchive"),
    C("doc-recordset-two", "document", _add(DOC, "dcterms:isPartOf", "<archive/ap-rf/fond/3>"), DOC,
      "Document-recordSet"),
    C("doc-recordset-archive", "document", _set(DOC, "dcterms:isPartOf", "<archive/ap-rf>"), DOC,
      "Document-recordSet"),
    C("doc-translation-untyped", "document", _add(DOC, "schema:workTranslation", "<document/111310/translation/de>"),
      DOC, "Document-workTranslation"),
    C("doc-printedin-periodical", "document", _set(DOC, "kg:printedIn", "<periodical/istochnik>"), DOC,
      "Document-printedIn"),
    C("doc-referencedby-issue", "document", _set(DOC, "dcterms:isReferencedBy", f"<{ISSUE}>"), DOC,
      "Document-isReferencedBy"),
    C("doc-footnote-untyped", "document", _add(DOC, "kg:footnote", "<document/111310/footnote/9>"), DOC,
      "Document-footnote"),
    C("doc-excerpt-missing", "document", _drop(DOC, "kg:isExcerpt"), DOC, "Document-isExcerpt"),
    C("doc-excerpt-two", "document", _add(DOC, "kg:isExcerpt", "false"), DOC, "Document-isExcerpt"),
    C("doc-excerpt-string", "document", _set(DOC, "kg:isExcerpt", '"yes"'), DOC, "Document-isExcerpt"),
    C("doc-url-string", "document", _set(DOC, "schema:url", '"https://example.org/document/111310"'), DOC,
      "Document-url"),
    C("doc-url-two", "document", _add(DOC, "schema:url", "<https://example.org/document/111310>"), DOC,
      "Document-url"),
    C("doc-source-missing", "document", _drop(DOC, "prov:wasDerivedFrom"), DOC, "Document-wasDerivedFrom"),
    C("doc-source-two", "document", _add(DOC, "prov:wasDerivedFrom", f"<{PSRC}>")
      + f" ; INSERT DATA {{ <{PSRC}> a prov:Entity }}", DOC, "Document-wasDerivedFrom"),
    C("doc-source-untyped", "document", _set(DOC, "prov:wasDerivedFrom", "<source/unknown>"), DOC,
      "Document-wasDerivedFrom"),
    C("doc-contentitem-iri", "document", _add(DOC, "kg:contentItem", f"<{TR}>"), DOC, "Document-contentItem"),
    C("doc-mentions-literal", "document", _add(DOC, "schema:mentions", '"Beria"'), DOC, "Document-mentions"),
    # ---- translations
    C("tr-original-missing", "document", _drop(TR, "schema:translationOfWork"), TR,
      "Translation-translationOfWork"),
    C("tr-original-person", "document", _set(TR, "schema:translationOfWork", "<person/georgii-malenkov>"), TR,
      "Translation-translationOfWork"),
    C("tr-original-two", "document", _add(TR, "schema:translationOfWork", "<document/111311>")
      + " ; INSERT DATA { <document/111311> a schema:ArchiveComponent }", TR, "Translation-translationOfWork"),
    C("tr-inlanguage-missing", "document", _drop(TR, "schema:inLanguage"), TR, "Translation-inLanguage"),
    C("tr-inlanguage-name", "document", _set(TR, "schema:inLanguage", '"English"'), TR, "Translation-inLanguage"),
    C("tr-inlanguage-two", "document", _add(TR, "schema:inLanguage", '"de"'), TR, "Translation-inLanguage"),
    C("tr-language-two-letter", "document", _set(TR, "dcterms:language", "lexvo:en"), TR, "Translation-language"),
    C("tr-language-string", "document", _set(TR, "dcterms:language", '"http://lexvo.org/id/iso639-3/eng"'), TR,
      "Translation-language"),
    C("tr-translator-organization", "document", _set(TR, "schema:translator", "<organization/mvd>"), TR,
      "Translation-translator"),
    # ---- footnotes
    C("fn-position-missing", "document", _drop(FN, "schema:position"), FN, "Footnote-position"),
    C("fn-position-zero", "document", _set(FN, "schema:position", "0"), FN, "Footnote-position"),
    C("fn-position-string", "document", _set(FN, "schema:position", '"1"'), FN, "Footnote-position"),
    C("fn-position-two", "document", _add(FN, "schema:position", "2"), FN, "Footnote-position"),
    C("fn-position-decimal", "document", _set(FN, "schema:position", "1.0"), FN, "Footnote-position"),
    C("fn-text-missing", "document", _drop(FN, "schema:text"), FN, "Footnote-text"),
    C("fn-text-two", "document", _add(FN, "schema:text", '"Another note."'), FN, "Footnote-text"),
    C("fn-text-iri", "document", _set(FN, "schema:text", "<urn:x-text>"), FN, "Footnote-text"),
    # ---- roles
    C("role-agent-missing", "document", _drop(ROLE, "kg:agent"), ROLE, "Role-agent"),
    C("role-agent-two", "document", _add(ROLE, "kg:agent", "<person/georgii-malenkov>"), ROLE, "Role-agent"),
    C("role-agent-archive", "document", _set(ROLE, "kg:agent", "<archive/ap-rf>"), ROLE, "Role-agent"),
    C("role-name-missing", "document", _drop(ROLE, "schema:roleName"), ROLE, "Role-roleName"),
    C("role-name-two", "document", _add(ROLE, "schema:roleName", '"Deputy Chairman"'), ROLE, "Role-roleName"),
    C("role-name-iri", "document", _set(ROLE, "schema:roleName", "<urn:x-office>"), ROLE, "Role-roleName"),
    C("role-organization-person", "document", _set(ROLE, "kg:inOrganization", "<person/georgii-malenkov>"), ROLE,
      "Role-inOrganization"),
    C("role-organization-two", "agents", _add("document/112968/creator/1", "kg:inOrganization",
      "<organization/communist-party-of-the-soviet-union>"), "document/112968/creator/1", "Role-inOrganization"),
    # ---- agents
    C("person-name-missing", "document", _drop("person/georgii-malenkov", "schema:name"), "person/georgii-malenkov",
      "Person-name"),
    C("person-name-iri", "document", _set("person/georgii-malenkov", "schema:name", "<urn:x-name>"),
      "person/georgii-malenkov", "Person-name"),
    C("org-name-missing", "agents", _drop(CC, "schema:name"), CC, "Organization-name"),
    C("org-name-iri", "agents", _set(CC, "schema:name", "<urn:x-name>"), CC, "Organization-name"),
    C("org-parent-person", "agents", _set(CC, "schema:parentOrganization", f"<{KHR}>"), CC,
      "Organization-parentOrganization"),
    C("place-name-missing", "agents", _drop("place/belgrade", "schema:name"), "place/belgrade", "Place-name"),
    C("place-name-iri", "agents", _set("place/belgrade", "schema:name", "<urn:x-name>"), "place/belgrade",
      "Place-name"),
    C("sameas-wiki-page", "agents", _set(KHR, "owl:sameAs", "<https://www.wikidata.org/wiki/Q35014>"), KHR,
      "WikidataLink-owlSameAs"),
    C("sameas-literal", "agents", _set(KHR, "owl:sameAs", '"Q35014"'), KHR, "WikidataLink-owlSameAs"),
    C("sameas-q0", "agents", _set("place/belgrade", "owl:sameAs", "wd:Q0"), "place/belgrade",
      "WikidataLink-owlSameAs"),
    C("sameas-string", "agents", _set(KHR, "owl:sameAs", '"http://www.wikidata.org/entity/Q35014"'), KHR,
      "WikidataLink-owlSameAs"),
    C("schema-sameas-property", "agents", _set(KHR, "schema:sameAs", "<http://www.wikidata.org/entity/P31>"), KHR,
      "WikidataLink-schemaSameAs"),
    C("schema-sameas-viaf", "agents",
      _add(CC, "schema:sameAs", "<http://viaf.org/viaf/123456789>"), CC, "WikidataLink-schemaSameAs"),
    C("schema-sameas-string", "agents", _set(KHR, "schema:sameAs", '"http://www.wikidata.org/entity/Q35014"'),
      KHR, "WikidataLink-schemaSameAs"),
    # ---- archives and archival units
    C("archive-name-missing", "archives", _drop("archive/arhiv-jugoslavije", "schema:name"),
      "archive/arhiv-jugoslavije", "Archive-name"),
    C("archive-name-iri", "archives", _set("archive/arhiv-jugoslavije", "schema:name", "<urn:x-name>"),
      "archive/arhiv-jugoslavije", "Archive-name"),
    C("unit-level-missing", "document", _drop(DELO, "kg:level"), DELO, "RecordSet-level"),
    C("unit-level-unknown", "document", _set(DELO, "kg:level", "level:series"), DELO, "RecordSet-level"),
    C("unit-level-two", "document", _add(DELO, "kg:level", "level:papka"), DELO, "RecordSet-level"),
    C("unit-archive-missing", "archives", _drop("archive/arhiv-jugoslavije/collection/arhiv-ck-skj",
      "schema:holdingArchive"), "archive/arhiv-jugoslavije/collection/arhiv-ck-skj", "RecordSet-holdingArchive"),
    C("unit-archive-untyped", "document", _set(DELO, "schema:holdingArchive", "<archive/unknown>"), DELO,
      "RecordSet-holdingArchive"),
    C("unit-archive-two", "archives", _add("archive/arhiv-jugoslavije/collection/arhiv-ck-skj",
      "schema:holdingArchive", "<archive/ap-rf>") + ' ; INSERT DATA { <archive/ap-rf> a schema:ArchiveOrganization ;'
      ' schema:name "AP RF" }', "archive/arhiv-jugoslavije/collection/arhiv-ck-skj", "RecordSet-holdingArchive"),
    C("unit-partof-two", "document", _add(DELO, "dcterms:isPartOf", "<archive/ap-rf/fond/3>"), DELO,
      "RecordSet-isPartOf"),
    C("unit-partof-archive", "document", _set(DELO, "dcterms:isPartOf", "<archive/ap-rf>"), DELO,
      "RecordSet-isPartOf"),
    C("unit-label-missing", "document", _drop(DELO, "rdfs:label"), DELO, "RecordSet-label"),
    C("unit-label-iri", "document", _set(DELO, "rdfs:label", "<urn:x-label>"), DELO, "RecordSet-label"),
    C("unit-identifier-two", "document", _add(DELO, "schema:identifier", '"463a"'), DELO, "RecordSet-identifier"),
    C("unit-identifier-iri", "document", _set(DELO, "schema:identifier", "<urn:x-463>"), DELO,
      "RecordSet-identifier"),
    # ---- publications
    C("pub-label-missing", "document", _drop(PUB, "rdfs:label"), PUB, "PublicationReference-label"),
    C("pub-label-two", "document", _add(PUB, "rdfs:label", '"Istochnik 4/1994"'), PUB,
      "PublicationReference-label"),
    C("pub-label-iri", "document", _set(PUB, "rdfs:label", "<urn:x-label>"), PUB, "PublicationReference-label"),
    C("pub-partof-missing", "document", _drop(PUB, "schema:isPartOf"), PUB, "PublicationReference-isPartOf"),
    C("pub-partof-two", "document", _add(PUB, "schema:isPartOf", "<periodical/istochnik>"), PUB,
      "PublicationReference-isPartOf"),
    C("pub-partof-person", "document", _set(PUB, "schema:isPartOf", "<person/vladislav-m-zubok>"), PUB,
      "PublicationReference-isPartOf"),
    C("issue-periodical-missing", "document", _drop(ISSUE, "schema:isPartOf"), ISSUE, "PublicationIssue-isPartOf"),
    C("issue-periodical-issue", "document", _set(ISSUE, "schema:isPartOf", f"<{ISSUE}>"), ISSUE,
      "PublicationIssue-isPartOf"),
    C("issue-periodical-two", "document", _add(ISSUE, "schema:isPartOf", "<periodical/cwihp-bulletin>")
      + ' ; INSERT DATA { <periodical/cwihp-bulletin> a schema:Periodical ; schema:name "CWIHP Bulletin" }', ISSUE,
      "PublicationIssue-isPartOf"),
    C("issue-number-two", "document", _add(ISSUE, "schema:issueNumber", '"5"'), ISSUE,
      "PublicationIssue-issueNumber"),
    C("issue-number-iri", "document", _set(ISSUE, "schema:issueNumber", "<urn:x-4>"), ISSUE,
      "PublicationIssue-issueNumber"),
    C("issue-date-string", "document", _set(ISSUE, "schema:datePublished", '"1994"'), ISSUE,
      "PublicationIssue-datePublished"),
    C("issue-date-two", "document", _add(ISSUE, "schema:datePublished", '"1995"^^xsd:gYear'), ISSUE,
      "PublicationIssue-datePublished"),
    C("periodical-name-missing", "document", _drop("periodical/istochnik", "schema:name"), "periodical/istochnik",
      "Periodical-name"),
    C("periodical-name-iri", "document", _set("periodical/istochnik", "schema:name", "<urn:x-name>"),
      "periodical/istochnik", "Periodical-name"),
    # ---- provenance
    C("source-name-missing", "document", _drop(SRC, "schema:name"), SRC, "SourceFile-name"),
    C("source-name-two", "document", _add(SRC, "schema:name", '"copy.txt"'), SRC, "SourceFile-name"),
    C("source-name-iri", "document", _set(SRC, "schema:name", "<urn:x-name>"), SRC, "SourceFile-name"),
    C("source-checksum-missing", "document", _drop(SRC, "spdx:checksum"), SRC, "SourceFile-checksum"),
    C("source-checksum-untyped", "document", _set(SRC, "spdx:checksum", "<source/x/sha256>"), SRC,
      "SourceFile-checksum"),
    C("source-checksum-two", "document", _add(SRC, "spdx:checksum", f"<{PSRC}/sha256>")
      + f' ; INSERT DATA {{ <{PSRC}/sha256> a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;'
      ' spdx:checksumValue "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" }', SRC,
      "SourceFile-checksum"),
    C("checksum-algorithm-missing", "document", _drop(CKS, "spdx:algorithm"), CKS, "Checksum-algorithm"),
    C("checksum-algorithm-md5", "document", _set(CKS, "spdx:algorithm", "spdx:checksumAlgorithm_md5"), CKS,
      "Checksum-algorithm"),
    C("checksum-value-missing", "document", _drop(CKS, "spdx:checksumValue"), CKS, "Checksum-value"),
    C("checksum-value-upper", "document", _set(CKS, "spdx:checksumValue",
      '"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"'), CKS, "Checksum-value"),
    C("checksum-value-short", "document", _set(CKS, "spdx:checksumValue", '"9f86d081"'), CKS, "Checksum-value"),
    C("checksum-value-two", "document", _add(CKS, "spdx:checksumValue",
      '"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"'), CKS, "Checksum-value"),
    C("source-line-two", "document", _add(FN, "kg:sourceLine", "76"), FN,
      "SourceLine-line"),
    C("source-line-zero", "document", _set(FN, "kg:sourceLine", "0"), FN, "SourceLine-line"),
    C("source-line-decimal", "document", _set(FN, "kg:sourceLine", "75.0"), FN, "SourceLine-line"),
    C("dataset-build-missing", "provenance", _drop("dataset", "prov:wasGeneratedBy"), "dataset",
      "Dataset-wasGeneratedBy"),
    C("dataset-build-untyped", "provenance", _set("dataset", "prov:wasGeneratedBy", "<build/other>"), "dataset",
      "Dataset-wasGeneratedBy"),
    C("dataset-build-two", "provenance", _add("dataset", "prov:wasGeneratedBy", "<build/other>")
      + ' ; INSERT DATA { <build/other> a prov:Activity ; prov:endedAtTime "2024-05-02T12:00:00Z"^^xsd:dateTime ;'
      ' prov:wasAssociatedWith <software/kg/0-1-0> }', "dataset", "Dataset-wasGeneratedBy"),
    C("build-time-missing", "provenance", _drop("build/3f2a9c", "prov:endedAtTime"), "build/3f2a9c",
      "Build-endedAtTime"),
    C("build-time-date", "provenance", _set("build/3f2a9c", "prov:endedAtTime", '"2024-05-01"^^xsd:date'),
      "build/3f2a9c", "Build-endedAtTime"),
    C("build-time-two", "provenance", _add("build/3f2a9c", "prov:endedAtTime",
      '"2024-05-01T13:00:00Z"^^xsd:dateTime'), "build/3f2a9c", "Build-endedAtTime"),
    C("build-used-untyped", "provenance", _add("build/3f2a9c", "prov:used", "<source/other>"), "build/3f2a9c",
      "Build-used"),
    C("build-software-missing", "provenance", _drop("build/3f2a9c", "prov:wasAssociatedWith"), "build/3f2a9c",
      "Build-wasAssociatedWith"),
    C("build-software-untyped", "provenance", _set("build/3f2a9c", "prov:wasAssociatedWith", "<software/other>"),
      "build/3f2a9c", "Build-wasAssociatedWith"),
    C("software-version-missing", "provenance", _drop("software/kg/0-1-0", "schema:softwareVersion"),
      "software/kg/0-1-0", "Software-version"),
    C("software-version-two", "provenance", _add("software/kg/0-1-0", "schema:softwareVersion", '"0.1.1"'),
      "software/kg/0-1-0", "Software-version"),
    C("software-version-iri", "provenance", _set("software/kg/0-1-0", "schema:softwareVersion", "<urn:x-0-1-0>"),
      "software/kg/0-1-0", "Software-version"),
    # ---- mentions
    C("mention-body-missing", "mentions", _drop(M, "oa:hasBody"), M, "Mention-hasBody"),
    C("mention-body-literal", "mentions", _set(M, "oa:hasBody", '"Beria"'), M, "Mention-hasBody"),
    C("mention-body-two", "mentions", _add(M, "oa:hasBody", "<person/georgii-malenkov>"), M, "Mention-hasBody"),
    C("mention-target-missing", "mentions", _drop(M, "oa:hasTarget"), M, "Mention-hasTarget"),
    C("mention-target-untyped", "mentions", _set(M, "oa:hasTarget", "<document/111310/mention/x>"), M,
      "Mention-hasTarget"),
    C("mention-target-two", "mentions", _add(M, "oa:hasTarget", f"<{M}/target2>")
      + f" ; INSERT DATA {{ <{M}/target2> a oa:SpecificResource }}", M, "Mention-hasTarget"),
    C("mention-confidence-missing", "mentions", _drop(M, "kg:confidence"), M, "Mention-confidence"),
    C("mention-confidence-above-one", "mentions", _set(M, "kg:confidence", "1.5"), M, "Mention-confidence"),
    C("mention-confidence-negative", "mentions", _set(M, "kg:confidence", '"-0.1"^^xsd:decimal'), M, "Mention-confidence"),
    C("mention-confidence-double", "mentions", _set(M, "kg:confidence", "9.0E-1"), M, "Mention-confidence"),
    C("mention-confidence-two", "mentions", _add(M, "kg:confidence", "0.5"), M, "Mention-confidence"),
    C("mention-method-missing", "mentions", _drop(M, "kg:method"), M, "Mention-method"),
    C("mention-method-unknown", "mentions", _set(M, "kg:method", '"guess"'), M, "Mention-method"),
    C("mention-method-two", "mentions", _add(M, "kg:method", '"rule"'), M, "Mention-method"),
    C("target-source-missing", "mentions", _drop(f"{M}/target", "oa:hasSource"), f"{M}/target",
      "MentionTarget-hasSource"),
    C("target-source-person", "mentions", _set(f"{M}/target", "oa:hasSource", "<person/lavrentiy-beria>"),
      f"{M}/target", "MentionTarget-hasSource"),
    C("target-source-two", "mentions", _add(f"{M}/target", "oa:hasSource", "<document/111311>"), f"{M}/target",
      "MentionTarget-hasSource"),
    C("target-source-string", "mentions", _set(f"{M}/target", "oa:hasSource",
      f'"{BASE}document/111310"'), f"{M}/target", "MentionTarget-hasSource"),
    C("target-field-missing", "mentions", _drop(f"{M}/target", "kg:field"), f"{M}/target", "MentionTarget-field"),
    C("target-field-two", "mentions", _add(f"{M}/target", "kg:field", '"title"'), f"{M}/target",
      "MentionTarget-field"),
    C("target-field-iri", "mentions", _set(f"{M}/target", "kg:field", "dcterms:abstract"), f"{M}/target",
      "MentionTarget-field"),
    C("target-selector-missing", "mentions", _drop(f"{M}/target", "oa:hasSelector"), f"{M}/target",
      "MentionTarget-hasSelector"),
    C("target-selector-untyped", "mentions", _add(f"{M}/target", "oa:hasSelector", f"<{M}/other>"), f"{M}/target",
      "MentionTarget-hasSelector"),
    C("selector-start-missing", "mentions", _drop(f"{M}/position", "oa:start"), f"{M}/position",
      "TextPositionSelector-start"),
    C("selector-start-negative", "mentions", _set(f"{M}/position", "oa:start", "-1"), f"{M}/position",
      "TextPositionSelector-start"),
    C("selector-start-string", "mentions", _set(f"{M}/position", "oa:start", '"13"'), f"{M}/position",
      "TextPositionSelector-start"),
    C("selector-start-decimal", "mentions", _set(f"{M}/position", "oa:start", "13.0"), f"{M}/position",
      "TextPositionSelector-start"),
    C("selector-start-two", "mentions", _add(f"{M}/position", "oa:start", "14"), f"{M}/position",
      "TextPositionSelector-start"),
    C("selector-end-missing", "mentions", _drop(f"{M}/position", "oa:end"), f"{M}/position",
      "TextPositionSelector-end"),
    C("selector-end-two", "mentions", _add(f"{M}/position", "oa:end", "19"), f"{M}/position",
      "TextPositionSelector-end"),
    C("selector-end-negative", "mentions", _set(f"{M}/position", "oa:end", '"-1"^^xsd:integer'), f"{M}/position",
      "TextPositionSelector-end"),
    C("selector-end-decimal", "mentions", _set(f"{M}/position", "oa:end", "18.0"), f"{M}/position",
      "TextPositionSelector-end"),
    C("selector-order", "mentions", _set(f"{M}/position", "oa:end", "13"), f"{M}/position",
      "TextPositionSelector-order"),
    C("quote-missing", "mentions", _drop(f"{M}/quote", "oa:exact"), f"{M}/quote", "TextQuoteSelector-exact"),
    C("quote-empty", "mentions", _set(f"{M}/quote", "oa:exact", '""'), f"{M}/quote", "TextQuoteSelector-exact"),
    C("quote-two", "mentions", _add(f"{M}/quote", "oa:exact", '"Berija"'), f"{M}/quote", "TextQuoteSelector-exact"),
    C("quote-iri", "mentions", _set(f"{M}/quote", "oa:exact", "<urn:x-beria>"), f"{M}/quote",
      "TextQuoteSelector-exact"),
    # ---- no blank nodes
    C("blank-typed-node", "agents", 'INSERT DATA { [] a schema:Person ; schema:name "Anonymous" }', None,
      "NamedResourceShape"),
    C("blank-creator", "document", 'INSERT DATA { <document/111310> dcterms:creator [ a schema:Person ; '
      'schema:name "Anonymous" ] }', None, "NamedResourceShape"),
    C("blank-untyped-footnote", "document", 'INSERT DATA { <document/111310> kg:footnote [ schema:text "x" ] }',
      None, "NamedResourceShape"),
    C("blank-selector", "mentions", f'INSERT DATA {{ <{M}/target> oa:hasSelector [ a oa:TextQuoteSelector ; '
      'oa:exact "Beria" ] }', None, "NamedResourceShape"),
    # ---- derived resources (kg/analytics/)
    C("comention-one-person", "analytics", f"DELETE DATA {{ <{PAIR}> rico:relationConnects <{BERIA}> }}", PAIR,
      "CoMention-connects"),
    C("comention-count-string", "analytics", _set(PAIR, "kg:documentCount", '"2"'), PAIR, "CoMention-documentCount"),
    C("comention-rank-zero", "analytics", _set(PAIR, "kg:rank", "0"), PAIR, "CoMention-rank"),
    C("comention-threshold-zero", "analytics", _set("dataset", "kg:coMentionThreshold", "0"), "dataset",
      "Dataset-coMentionThreshold"),
    C("correspondence-no-sender", "analytics", _drop(EDGE, "rico:relationHasSource"), EDGE,
      "Correspondence-sender"),
    C("correspondence-recipient-literal", "analytics", _set(EDGE, "rico:relationHasTarget", '"Malenkov"'), EDGE,
      "Correspondence-recipient"),
    C("correspondence-no-count", "analytics", _drop(EDGE, "kg:documentCount"), EDGE, "Correspondence-documentCount"),
    C("correspondence-two-ranks", "analytics", _add(EDGE, "kg:rank", "2"), EDGE, "Correspondence-rank"),
    C("correspondence-start-string", "analytics", _set(EDGE, "schema:startDate", '"1953"'), EDGE,
      "Correspondence-startDate"),
    C("correspondence-two-ends", "analytics", _add(EDGE, "schema:endDate", '"1953-08-01"^^xsd:date'), EDGE,
      "Correspondence-endDate"),
    C("correspondence-start-after-end", "analytics", _set(EDGE, "schema:startDate", '"1954-01-01"^^xsd:date'), EDGE,
      "Correspondence-order"),
    C("partition-no-class", "analytics", _drop(PARTITION, "void:class"), PARTITION, "ClassPartition-class"),
    C("partition-negative", "analytics", _set(PARTITION, "void:entities", "-1"), PARTITION,
      "ClassPartition-entities"),
    C("name-token-on-organization", "analytics",
      'INSERT DATA { <organization/nkvd> a schema:Organization ; schema:name "NKVD" ; kg:nameToken "nkvd" }',
      "organization/nkvd", "NameTokenShape"),
    C("name-token-two-words", "analytics", _add(BERIA, "kg:nameToken", '"lavrentiy beria"'), BERIA,
      "NameToken-token"),
    C("listing-no-name", "analytics", _drop(LISTING, "schema:identifier"), LISTING, "Listing-identifier"),
    C("listing-group-negative", "analytics", _set(GROUP, "schema:numberOfItems", "-1"), GROUP,
      "ListingGroup-numberOfItems"),
    C("listing-entry-two-items", "analytics", _add(ENTRY, "schema:item", "<person/georgy-malenkov>"), ENTRY,
      "ListingEntry-item"),
    C("listing-entry-without-position", "analytics", _add(f"{LISTING}/person/lavrentiy-beria/first", "schema:item",
      "<document/111310>"), f"{LISTING}/person/lavrentiy-beria/first", "ListingEntryShape"),
    C("listing-entry-with-literal", "analytics", _set(ENTRY, "kg:listedWith", '"Person"'), ENTRY,
      "ListingEntry-listedWith"),
    C("listing-entry-two-names", "analytics", _add(ENTRY, "schema:name", '"Lavrenti Beria"'), ENTRY,
      "ListingEntry-name"),
    C("date-index-position-zero", "analytics", _set(MONTH, "kg:firstPosition", "0"), MONTH,
      "DateIndex-firstPosition"),
    C("date-index-straddled-by-no-entry", "analytics", _set(MONTH, "kg:straddledBy", "<person/lavrentiy-beria>"),
      MONTH, "DateIndex-straddledBy"),
]

# Changes that must NOT be reported: the shapes must not be stricter than the model.
CONFORMING_VARIANTS = [
    ("undated", "document", _drop(DOC, "dcterms:created") + " ; " + _drop(DOC, "kg:edtf") + " ; "
     + _drop(DOC, "kg:earliestDate") + " ; " + _drop(DOC, "kg:latestDate")),
    ("month-precision", "document", _set(DOC, "dcterms:created", '"1953-07"^^xsd:gYearMonth') + " ; "
     + _set(DOC, "kg:latestDate", '"1953-07-31"^^xsd:date')),
    ("year-precision", "document", _set(DOC, "dcterms:created", '"1953"^^xsd:gYear')),
    ("range", "document", _drop(DOC, "dcterms:created") + " ; " + _set(DOC, "kg:edtf",
     '"1953-03-05/1953-03-07"^^edtf:EDTF') + " ; " + _set(DOC, "kg:earliestDate", '"1953-03-05"^^xsd:date')
     + " ; " + _set(DOC, "kg:latestDate", '"1953-03-07"^^xsd:date') + " ; "
     + _add(DOC, "schema:startDate", '"1953-03-05"^^xsd:date') + " ; "
     + _add(DOC, "schema:endDate", '"1953-03-07"^^xsd:date')),
    ("two-languages", "document", _add(DOC, "dcterms:language", "lexvo:srp") + " ; "
     + _add(DOC, "schema:inLanguage", '"sr"')),
    ("three-letter-code", "document", _set(DOC, "schema:inLanguage", '"hsb"')),
    ("organization-creator", "document", _add(DOC, "dcterms:creator", "<organization/mvd>")),
    ("no-archive", "document", _drop(DOC, "schema:holdingArchive") + " ; " + _drop(DOC, "dcterms:isPartOf")),
    ("not-excerpt", "document", _set(DOC, "kg:isExcerpt", "false")),
    ("publication-without-issue", "document", _set(PUB, "schema:isPartOf", "<periodical/istochnik>")),
    ("role-without-organization", "agents", _drop("document/112968/creator/1", "kg:inOrganization")),
    ("confidence-zero", "mentions", _set(M, "kg:confidence", "0.0")),
    ("method-model", "mentions", _set(M, "kg:method", '"model"')),
    ("position-selector-only", "mentions", f"DELETE DATA {{ <{M}/target> oa:hasSelector <{M}/quote> }}"),
]


# ------------------------------------------------------------------ helpers


@functools.cache
def _case_graph(case_id: str) -> Graph:
    # One graph per case for every engine, so that its blank nodes are the same nodes.
    return next(c for c in CASES if c.id == case_id).graph()


@functools.cache
def _report(case_id: str, engine: str) -> Report:
    return validate(_case_graph(case_id), engine=engine)


def _shape_path(shape: URIRef):
    return load_shapes().value(shape, SH.path)


def _key(node):
    # Blank node labels are arbitrary; compare them as "some blank node".
    return "_:" if isinstance(node, BNode) else node


def _triples(report: Report) -> set[tuple]:
    return {(_key(v.focus_node), _key(v.path), v.message) for v in report.violations}


# -------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", sorted(p.stem.removeprefix("valid_") for p in DATA.glob("valid_*.ttl")))
@pytest.mark.parametrize("engine", ENGINES)
def test_valid_fixture_conforms(name, engine):
    report = validate(_fixture(name), engine=engine)
    assert report.conforms, report.text()
    assert report.violations == ()


def test_all_fixtures_together_conform():
    union = Graph()
    for path in sorted(DATA.glob("valid_*.ttl")):
        union += _fixture(path.stem.removeprefix("valid_"))
    report = validate(union)
    assert report.conforms, report.text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("engine", ENGINES)
def test_broken_fixture_reports_the_shape_message(case, engine):
    report = _report(case.id, engine)
    assert not report.conforms
    shape = KGSH[case.shape]
    message = str(load_shapes().value(shape, SH.message))
    path = _shape_path(shape)
    matches = [
        v
        for v in report.violations
        if v.shape == shape
        and v.message == message
        and v.path == path
        and (isinstance(v.focus_node, BNode) if case.focus is None else v.focus_node == URIRef(BASE + case.focus))
    ]
    assert matches, f"expected {case.shape} on {case.focus}:\n{report.text()}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_engines_agree_on_broken_fixture(case):
    assert _triples(_report(case.id, "turbo")) == _triples(_report(case.id, "pyshacl"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_kg_engine_reports_exactly_what_pyshacl_reports(case):
    kg, reference = _report(case.id, "kg"), _report(case.id, "pyshacl")
    assert kg.violations == reference.violations and kg.conforms == reference.conforms


@pytest.mark.parametrize("variant", CONFORMING_VARIANTS, ids=lambda v: v[0])
@pytest.mark.parametrize("engine", ENGINES)
def test_model_variants_conform(variant, engine):
    _, fixture, update = variant
    graph = _copy(fixture)
    graph.update(_UPDATE_PROLOGUE + update)
    report = validate(graph, engine=engine)
    assert report.conforms, report.text()


def test_every_shape_is_exercised_by_a_case():
    shapes = load_shapes()
    constrained = {
        s
        for s in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        if isinstance(s, URIRef) and shapes.value(s, SH.message) is not None
    }
    exercised = {KGSH[c.shape] for c in CASES}
    assert constrained - exercised == set()


def test_every_shape_is_named_and_explains_itself():
    shapes = load_shapes()
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert isinstance(shape, URIRef), "property shapes have IRIs so reports can name them"
        assert shapes.value(shape, SH.name), shape
        assert shapes.value(shape, SH.message), shape
        assert any(shapes.subjects(SH.property, shape)), f"{shape} is not used by any node shape"
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, RDFS.label), shape
        node_level = any(
            shapes.value(shape, p) is not None for p in (SH.nodeKind, SH.pattern, SH["or"], SH["class"])
        )
        if node_level:
            assert shapes.value(shape, SH.message), shape


@pytest.mark.parametrize("path", sorted(asset_dir("shapes").glob("*.ttl")), ids=lambda p: p.name)
def test_shapes_file_passes_meta_shacl(path):
    from pyshacl.entrypoints import meta_validate

    conforms, _, text = meta_validate(Graph().parse(path))
    assert conforms, text


def test_meta_shacl_catches_a_broken_shape():
    # Control for the test above: the check is not vacuous.
    from pyshacl.entrypoints import meta_validate

    graph = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:PropertyShape ; sh:path <urn:p> ; sh:minCount "one" ; sh:maxCount 1, 2 ."""
    )
    conforms, _, _ = meta_validate(graph)
    assert not conforms


def _sh_in(shape: str) -> set:
    shapes = load_shapes()
    return set(Collection(shapes, shapes.value(KGSH[shape], SH["in"])))


def _concepts(file: str, namespace) -> set:
    graph = Graph().parse(asset_dir("ontology") / file)
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if str(c).startswith(str(namespace))}


def test_kind_list_matches_kinds_scheme():
    assert _sh_in("Document-kind") == _concepts("kinds.ttl", KIND)


def test_level_list_matches_levels_scheme():
    assert _sh_in("RecordSet-level") == _concepts("levels.ttl", LEVEL)


# ------------------------------------------------------------ Report details


def _many_problems() -> Graph:
    graph = _copy("document")
    graph.update(
        _UPDATE_PROLOGUE
        + _drop(DOC, "dcterms:title")
        + " ; "
        + _set(DOC, "schema:inLanguage", '"RU"')
        + " ; "
        + _drop(FN, "schema:text")
        + " ; "
        + _set(CKS, "spdx:checksumValue", '"xyz"')
        + " ; "
        + _set(DOC, "dcterms:type", "kind:leter")
    )
    return graph


def test_report_sentences_are_sorted_and_deterministic():
    graph = _many_problems()
    first = validate(graph)
    second = validate(graph)
    assert first.sentences() == second.sentences()
    assert list(first.violations) == sorted(first.violations, key=lambda v: v.sort_key())
    assert len(first.sentences()) == 5
    assert first.text().splitlines() == list(first.sentences())


@pytest.mark.parametrize("engine", FAST_ENGINES)
def test_report_sentences_are_the_same_for_every_engine(engine):
    graph = _many_problems()
    assert validate(graph, engine=engine).sentences() == validate(graph).sentences()


def test_sentence_format():
    report = validate(_many_problems())
    assert (
        f"<{BASE}{DOC}>: dcterms:title: A document needs exactly one title (dcterms:title) in English, tagged @en."
        in report.sentences()
    )
    assert any(
        s.startswith(f"<{BASE}{DOC}>: dcterms:type: ") and s.endswith("[value: kind:leter]")
        for s in report.sentences()
    )
    assert any(s.endswith('[value: "RU"]') for s in report.sentences())


@pytest.mark.parametrize("engine", ENGINES)
def test_violation_fields(engine):
    report = validate(_many_problems(), engine=engine)
    (title,) = [v for v in report.violations if v.path == URIRef("http://purl.org/dc/terms/title")]
    assert title.focus_node == URIRef(BASE + DOC)
    assert title.severity == "Violation"
    assert title.shape == KGSH["Document-title"]
    assert title.value is None
    assert isinstance(report.report_graph, Graph) and len(report.report_graph) > 0


def test_conforming_report_is_empty():
    report = validate(_fixture("mentions"))
    assert report.conforms and report.violations == () and report.text() == ""


@pytest.mark.parametrize("engine", ("pyshacl", "kg"))
def test_custom_shapes_graph(engine):
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix schema: <https://schema.org/> .
        <urn:shape> a sh:NodeShape ; sh:targetClass schema:Person ;
            sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:message "Needs a birth date." ] ."""
    )
    report = validate(_fixture("agents"), shapes=shapes, engine=engine)
    assert not report.conforms
    assert {v.message for v in report.violations} == {"Needs a birth date."}


def test_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="engine"):
        validate(Graph(), engine="fast")


# ------------------------------------------------------------------- files


def test_validate_accepts_a_path():
    assert validate(DATA / "valid_document.ttl").conforms
    assert validate(str(DATA / "valid_document.ttl"), engine="turbo").conforms
    assert validate(str(DATA / "valid_document.ttl"), engine="kg").conforms


def test_validate_files_merges_files():
    report = validate_files([DATA / "valid_document.ttl", DATA / "valid_mentions.ttl"])
    assert report.conforms


@pytest.mark.parametrize("fmt,suffix", [("nt", ".nt"), ("json-ld", ".jsonld"), ("xml", ".rdf"), ("trig", ".trig"),
                                        ("nquads", ".nq")])
@pytest.mark.parametrize("engine", ("pyshacl", "kg"))
def test_validate_files_reads_each_format(tmp_path, fmt, suffix, engine):
    graph = _copy("mentions")
    graph.update(_UPDATE_PROLOGUE + _set(M, "kg:method", '"guess"'))
    if fmt in ("trig", "nquads"):
        from rdflib import Dataset

        dataset = Dataset()
        named = dataset.graph(URIRef("urn:x-kg:graph"))
        for triple in graph:
            named.add(triple)
        text = dataset.serialize(format=fmt)
    else:
        text = graph.serialize(format=fmt)
    path = tmp_path / f"data{suffix}"
    path.write_text(text, encoding="utf-8")
    report = validate_files([path], engine=engine)
    assert [v.shape for v in report.violations] == [KGSH["Mention-method"]]


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="nothing.ttl: no such file"):
        validate_files([tmp_path / "nothing.ttl"])


def test_unparseable_file_names_file_and_line(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix s: <https://schema.org/> .\n\n<urn:a> s:name "x" ;\n  s:name .\n', encoding="utf-8")
    with pytest.raises(UsageError) as error:
        validate_files([path])
    message = str(error.value)
    assert "broken.ttl" in message and "turtle" in message and "line 4" in message


def test_unparseable_jsonld_is_a_usage_error(tmp_path):
    path = tmp_path / "broken.jsonld"
    path.write_text('{"@id": "urn:a", ', encoding="utf-8")
    with pytest.raises(UsageError, match="broken.jsonld: not valid json-ld"):
        validate_files([path])


def test_unknown_extension_is_a_usage_error(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"\.csv"):
        validate_files([path])


def test_no_files_is_a_usage_error():
    with pytest.raises(UsageError):
        validate_files([])


def test_load_shapes_is_cached_and_complete():
    shapes = load_shapes()
    assert shapes is load_shapes()
    files = sorted(asset_dir("shapes").glob("*.ttl"))
    assert len(shapes) == sum(len(Graph().parse(p)) for p in files)
