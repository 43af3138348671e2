"""The citation paragraph: its parts, the archival reference, publications and translators."""

from __future__ import annotations

import pytest

from kg.records import ArchivalReference, ArchivalUnit, Citation, PartialDate, PublicationRef
from tests.test_reader_support import SECTIONS, parse, record_text

URL = "https://digitalarchive.wilsoncenter.org/document/123456"
HEAD = '"Letter from Ann Smith to Bob Jones", May 4, 1960, Wilson Center Digital Archive, '


def cite(citation: str, url_apart: bool = False) -> Citation:
    """The citation read from a record whose citation section is ``citation`` and the URL."""
    content = f"{citation}\n\n<{URL}>" if url_apart else f"{citation}  \n<{URL}>"
    return parse(record_text(sections={**SECTIONS, "Citation": content})).citation.value


@pytest.mark.parametrize("url_apart", [False, True], ids=["url-on-next-line", "url-in-next-paragraph"])
def test_citation_parts(url_apart):
    citation = cite(HEAD + "RGANI, f. 5, op. 30, d. 1. Translated by Carl Brown.", url_apart)
    assert citation.text == HEAD + "RGANI, f. 5, op. 30, d. 1. Translated by Carl Brown."
    assert citation.url == URL
    assert citation.quoted_title == "Letter from Ann Smith to Bob Jones"
    assert citation.date_text == "May 4, 1960"
    assert citation.digital_archive == "Wilson Center Digital Archive"


@pytest.mark.parametrize(
    "name",
    ["Wilson Center Digital Archive", "History and Public Policy Program Digital Archive", "Some New Digital Archive"],
)
def test_digital_archive_is_recognised_by_its_ending(name):
    citation = cite(f'"T", 1961, {name}, SAPMO-BArch, DY 30/IV 2/2.039/319.')
    assert citation.digital_archive == name
    assert citation.date_text == "1961"
    assert citation.archival.archive == "SAPMO-BArch"


@pytest.mark.parametrize(
    ("verbatim", "expected"),
    [
        (
            "AP RF, f. 3, op. 24, d. 463, ll. 163-174",
            ArchivalReference(
                verbatim="AP RF, f. 3, op. 24, d. 463, ll. 163-174",
                archive="AP RF",
                shelfmark="f. 3, op. 24, d. 463, ll. 163-174",
                units=(ArchivalUnit("fond", "3"), ArchivalUnit("opis", "24"), ArchivalUnit("delo", "463")),
                folios="163-174",
            ),
        ),
        (
            "AVPRF f. 0100, op. 34, 1946, p. 253, d. 18",
            ArchivalReference(
                verbatim="AVPRF f. 0100, op. 34, 1946, p. 253, d. 18",
                archive="AVPRF",
                shelfmark="f. 0100, op. 34, 1946, p. 253, d. 18",
                units=(
                    ArchivalUnit("fond", "0100"),
                    ArchivalUnit("opis", "34"),
                    ArchivalUnit("papka", "253"),
                    ArchivalUnit("delo", "18"),
                ),
            ),
        ),
        (
            "SAPMO-BArch, DY 30/IV 2/2.039/319",
            ArchivalReference(
                verbatim="SAPMO-BArch, DY 30/IV 2/2.039/319", archive="SAPMO-BArch", shelfmark="DY 30/IV 2/2.039/319"
            ),
        ),
        (
            "Arhiv Jugoslavije [National Archives of Yugoslavia], Arhiv CK SKJ [Central Committee of the League "
            "of Communists of Yugoslavia Collection], 507 / IX, 119/I-48",
            ArchivalReference(
                verbatim="Arhiv Jugoslavije [National Archives of Yugoslavia], Arhiv CK SKJ [Central Committee of "
                "the League of Communists of Yugoslavia Collection], 507 / IX, 119/I-48",
                archive="Arhiv Jugoslavije",
                archive_gloss="National Archives of Yugoslavia",
                collection="Arhiv CK SKJ",
                collection_gloss="Central Committee of the League of Communists of Yugoslavia Collection",
                shelfmark="507 / IX, 119/I-48",
            ),
        ),
        (
            "RGASPI f. 17, op. 162, d. 1, l. 5",
            ArchivalReference(
                verbatim="RGASPI f. 17, op. 162, d. 1, l. 5",
                archive="RGASPI",
                shelfmark="f. 17, op. 162, d. 1, l. 5",
                units=(ArchivalUnit("fond", "17"), ArchivalUnit("opis", "162"), ArchivalUnit("delo", "1")),
                folios="5",
            ),
        ),
        (
            "RGANI, fond 5, opis 30, delo 1, listy 1-3",
            ArchivalReference(
                verbatim="RGANI, fond 5, opis 30, delo 1, listy 1-3",
                archive="RGANI",
                shelfmark="fond 5, opis 30, delo 1, listy 1-3",
                units=(ArchivalUnit("fond", "5"), ArchivalUnit("opis", "30"), ArchivalUnit("delo", "1")),
                folios="1-3",
            ),
        ),
    ],
)
def test_archival_reference(verbatim, expected):
    assert cite(HEAD + verbatim + ". Translated by Carl Brown.").archival == expected


def test_archival_reference_ends_at_the_first_citation_sentence():
    citation = cite(HEAD + "RGANI, F. 5, Op. 30, D. 1. Obtained by Ann Smith. Translated by Carl Brown.")
    assert citation.archival.verbatim == "RGANI, F. 5, Op. 30, D. 1"
    assert citation.archival.units[0] == ArchivalUnit("fond", "5")


def test_citation_without_archival_reference_warns():
    record = parse(record_text(sections={**SECTIONS, "Citation": HEAD + "Translated by Carl Brown."}))
    assert record.citation.value.archival is None
    assert any("no archival reference" in warning for warning in record.warnings)


@pytest.mark.parametrize(
    ("sentence", "translators"),
    [
        ("Translated by Vladislav M. Zubok.", ("Vladislav M. Zubok",)),
        ("Translated by Ann Smith and Bob Jones.", ("Ann Smith", "Bob Jones")),
        ("Translated by Ann Smith, Bob Jones, and Carl Brown.", ("Ann Smith", "Bob Jones", "Carl Brown")),
        ("Translated for CWIHP by Gary Goldberg.", ("Gary Goldberg",)),
        ("Obtained and translated for CWIHP by Svetozar Rajak.", ("Svetozar Rajak",)),
        ("Translated from Russian by Gary Goldberg.", ("Gary Goldberg",)),
        ("Translated by Gary Goldberg for CWIHP.", ("Gary Goldberg",)),
        ("Obtained by Ann Smith.", ()),
    ],
)
def test_translators(sentence, translators):
    assert cite(HEAD + "RGANI, f. 5. " + sentence).translators == translators


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Published in its entirety in Istochnik, 4 (1994), p. 4-8",
            dict(relation="printed", periodical="Istochnik", issue="4", date=PartialDate(1994), pages="4-8",
                 note="in its entirety"),
        ),
        (
            "See also CWIHP Bulletin, no. 10 (March 1998), p. 99",
            dict(relation="see-also", periodical="CWIHP Bulletin", issue="10", date=PartialDate(1998, 3), pages="99"),
        ),
        (
            "Published in Cold War International History Project Bulletin 8-9 (1996-97)",
            dict(relation="printed", periodical="Cold War International History Project Bulletin", issue="8-9",
                 date=PartialDate(1996)),
        ),
        (
            "Published in Istochnik, 4 (1994), pp. 4-8",
            dict(relation="printed", periodical="Istochnik", issue="4", date=PartialDate(1994), pages="4-8"),
        ),
        (
            "Reprinted in part in Istochnik, vol. 3, no. 2 (Winter 1995), pp. 10 - 12",
            dict(relation="printed", periodical="Istochnik", issue="vol. 3, no. 2", date=PartialDate(1995),
                 pages="10-12", note="in part"),
        ),
    ],
)
def test_publications(sentence, expected):
    citation = cite(HEAD + "RGANI, f. 5. " + sentence + ". Translated by Carl Brown.")
    assert citation.publications == (PublicationRef(verbatim=sentence, **expected),)
    assert citation.translators == ("Carl Brown",)
