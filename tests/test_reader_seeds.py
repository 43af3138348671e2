"""The two real archive pages in seeds/ read to exactly what the mapper needs."""

from __future__ import annotations

import hashlib

import pytest

from kg.reader import read_record
from kg.records import AgentRef, ArchivalUnit, Language, PartialDate, PublicationRef
from tests.test_reader_support import SEED_000, SEED_004


@pytest.fixture(scope="module")
def beria():
    return read_record(SEED_000)


@pytest.fixture(scope="module")
def khrushchev():
    return read_record(SEED_004)


def test_seed_000_identity_and_date(beria):
    assert beria.doc_id.value == "111310"
    assert beria.doc_id.line == 11  # the URL line, after the hard break in the citation
    assert beria.date.value.printed == "July 1, 1953"
    assert beria.date.value.start == PartialDate(1953, 7, 1)
    assert beria.date.value.end is None
    assert beria.date.line == 3
    assert beria.warnings == ()


def test_seed_000_title_over_two_lines(beria):
    assert beria.title.value == (
        "Letter from Lavrentiy Beria to Georgii Malenkov Reflecting on the Events of Spring 1953 (Excerpt)"
    )
    assert beria.title.line == 5
    assert beria.kind == "letter"
    assert beria.is_excerpt is True


def test_seed_000_agents(beria):
    assert [(agent.value, agent.line) for agent in beria.creators] == [(AgentRef("Lavrentiy Beria", "person"), 5)]
    assert [(agent.value, agent.line) for agent in beria.recipients] == [(AgentRef("Georgii Malenkov", "person"), 5)]


def test_seed_000_languages_and_contents(beria):
    assert [(language.value, language.line) for language in beria.languages] == [
        (Language("Russian", "rus", "ru"), 19)
    ]
    [item] = beria.contents
    assert (item.value.label, item.value.kind, item.value.language.bcp47, item.line) == (
        "Translation - English", "translation", "en", 23,
    )
    assert beria.body.line == 25
    assert beria.body.value.startswith("To the CPSU CC\nComrade Malenkov\n\nDear Georgii!\n\n")
    assert beria.body.value.endswith("the absence of my pince-nez [glasses].\n\n1 July 1953")
    assert beria.footnotes == ()


def test_seed_000_summary(beria):
    assert beria.summary.line == 15
    assert beria.summary.value.startswith("Letter from Beria to Malenkov discussing the events")
    assert beria.credits is None


def test_seed_000_citation(beria):
    citation = beria.citation.value
    assert beria.citation.line == 10
    assert citation.text.startswith('"Letter from Lavrentiy Beria')
    assert citation.text.endswith("See also CWIHP Bulletin, no. 10 (March 1998), p. 99.")
    assert citation.url == "https://wilson-center.drivingcreative.com/document/111310"
    assert citation.quoted_title == beria.title.value
    assert citation.date_text == "July 1, 1953"
    assert citation.digital_archive == "Wilson Center Digital Archive"
    assert citation.translators == ("Vladislav M. Zubok",)


def test_seed_000_archival_reference(beria):
    archival = beria.citation.value.archival
    assert archival.verbatim == "AP RF, f. 3, op. 24, d. 463, ll. 163-174"
    assert archival.archive == "AP RF"
    assert archival.shelfmark == "f. 3, op. 24, d. 463, ll. 163-174"
    assert archival.units == (ArchivalUnit("fond", "3"), ArchivalUnit("opis", "24"), ArchivalUnit("delo", "463"))
    assert archival.folios == "163-174"


def test_seed_000_publications(beria):
    assert beria.citation.value.publications == (
        PublicationRef(
            verbatim="Published in its entirety in Istochnik, 4 (1994), p. 4-8",
            relation="printed",
            periodical="Istochnik",
            issue="4",
            date=PartialDate(1994),
            pages="4-8",
            note="in its entirety",
        ),
        PublicationRef(
            verbatim="See also CWIHP Bulletin, no. 10 (March 1998), p. 99",
            relation="see-also",
            periodical="CWIHP Bulletin",
            issue="10",
            date=PartialDate(1998, 3),
            pages="99",
        ),
    )


def test_seed_000_source_file(beria):
    data = SEED_000.read_bytes()
    assert beria.source.name == "000_b15e87d12b1721f2.txt"
    assert beria.source.sha256 == hashlib.sha256(data).hexdigest()
    assert beria.source.size == len(data) == 7425


def test_seed_004_identity_and_title(khrushchev):
    assert khrushchev.doc_id.value == "112968"
    assert khrushchev.doc_id.line == 15  # the URL is a paragraph of its own
    assert khrushchev.date.value.start == PartialDate(1954, 6, 22)
    assert khrushchev.date.value.start.lexical == "1954-06-22"
    assert khrushchev.title.line == 5
    assert khrushchev.title.value == (
        "Letter from Nikita S. Khrushchev, First Secretary of the Central Committee of the Communist Party of "
        "the Soviet Union, to Josip Broz Tito and the Central Committee of the League of Communists Of Yugoslavia"
    )
    assert khrushchev.kind == "letter"
    assert khrushchev.is_excerpt is False
    assert khrushchev.warnings == ()


def test_seed_004_creator_holds_an_office(khrushchev):
    cpsu = AgentRef("Communist Party of the Soviet Union", "organization")
    central_committee = AgentRef(
        "Central Committee of the Communist Party of the Soviet Union", "organization", parent=cpsu
    )
    assert [(agent.value, agent.line) for agent in khrushchev.creators] == [
        (AgentRef("Nikita S. Khrushchev", "person", office="First Secretary", office_organization=central_committee), 5)
    ]


def test_seed_004_recipients_person_and_organization(khrushchev):
    league = AgentRef("League of Communists of Yugoslavia", "organization")
    assert [(agent.value, agent.line) for agent in khrushchev.recipients] == [
        (AgentRef("Josip Broz Tito", "person"), 7),
        (AgentRef("Central Committee of the League of Communists of Yugoslavia", "organization", parent=league), 7),
    ]


def test_seed_004_language_and_archive(khrushchev):
    assert [language.value for language in khrushchev.languages] == [Language("Serbo-Croatian", "hbs", "sh")]
    archival = khrushchev.citation.value.archival
    assert archival.archive == "Arhiv Jugoslavije"
    assert archival.archive_gloss == "National Archives of Yugoslavia"
    assert archival.collection == "Arhiv CK SKJ"
    assert archival.collection_gloss == "Central Committee of the League of Communists of Yugoslavia Collection"
    assert archival.shelfmark == "507 / IX, 119/I-48"
    assert archival.units == ()
    assert khrushchev.citation.value.translators == ("Svetozar Rajak",)
    assert khrushchev.citation.value.publications == ()


def test_seed_004_footnotes_end_the_body(khrushchev):
    assert [(note.value.number, note.line) for note in khrushchev.footnotes] == [(1, 75), (2, 77), (3, 79)]
    assert khrushchev.footnotes[1].value.text == (
        "In summer and autumn 1953, the USSR and Yugoslavia exchanged ambassadors."
    )
    assert khrushchev.footnotes[2].value.text.startswith("FNR\u2014Federativna Narodna Republika Jugoslavija")
    body = khrushchev.body.value
    assert body.endswith("Secretary of the CC CPSU\n\nN. Khrushchev\n\n22 June 1954")
    assert "Communist Party of Yugoslavia][1] and" in body  # markers in the text stay in the text
