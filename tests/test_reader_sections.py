"""Sections in any order or missing, languages, contents items, body, footnotes, document number."""

from __future__ import annotations

import pytest

from kg.errors import RecordError
from kg.records import ContentItem, Footnote, Language, Located
from tests.test_reader_support import SECTIONS, parse, record_text, line_of

ENGLISH = Language("English", "eng", "en")
RUSSIAN = Language("Russian", "rus", "ru")


def with_sections(**changes: str | None) -> dict[str, str]:
    """The sample sections, with ``Original_Language``-style keys replaced (None: removed)."""
    sections = dict(SECTIONS)
    for key, value in changes.items():
        heading = key.replace("_", " ")
        sections.pop(heading, None)
        if value is not None:
            sections[heading] = value
    return sections


def test_sample_record_reads_cleanly():
    text = record_text()
    record = parse(text)
    assert record.doc_id == Located("123456", line_of(text, "<https://"))
    assert record.summary == Located("Ann writes to Bob.", line_of(text, "Ann writes"))
    assert record.languages == (Located(RUSSIAN, line_of(text, "Russian")),)
    item = ContentItem("Translation - English", "translation", ENGLISH)
    assert record.contents == (Located(item, line_of(text, "Translation -")),)
    assert record.body == Located("Dear Bob!\n\nAll is well.", line_of(text, "Dear Bob"))
    assert record.warnings == ()


def test_shuffled_sections_still_parse_to_the_same_values():
    def values(record):
        return (
            record.doc_id.value,
            record.citation.value,
            record.summary.value,
            [language.value for language in record.languages],
            [item.value for item in record.contents],
            record.body.value,
        )

    shuffled = {key: SECTIONS[key] for key in ("Contents", "Original Language", "Citation", "Summary")}
    assert list(shuffled) != list(SECTIONS)
    record = parse(record_text(sections=shuffled))
    assert values(record) == values(parse(record_text()))
    assert record.warnings == ()


def test_body_ends_at_the_next_known_section():
    sections = {"Contents": SECTIONS["Contents"], "Summary": "Ann writes to Bob."}
    record = parse(record_text(sections=sections))
    assert record.body.value == "Dear Bob!\n\nAll is well."
    assert record.summary.value == "Ann writes to Bob."


@pytest.mark.parametrize("missing", ["Citation", "Summary", "Original_Language", "Contents"])
def test_any_section_may_be_missing(missing):
    record = parse(record_text(sections=with_sections(**{missing: None})))
    assert record.title.value == "Letter from Ann Smith to Bob Jones"


def test_credits_section():
    record = parse(record_text(sections=with_sections(Credits="Digitized by the Wilson Center.")))
    assert record.credits.value == "Digitized by the Wilson Center."


@pytest.mark.parametrize(
    ("printed", "codes"),
    [
        ("Russian", [("rus", "ru")]),
        ("Russian, German", [("rus", "ru"), ("deu", "de")]),
        ("Russian and German", [("rus", "ru"), ("deu", "de")]),
        ("Russian\n\nGerman", [("rus", "ru"), ("deu", "de")]),
        ("Serbo-Croatian", [("hbs", "sh")]),
        ("Chinese", [("zho", "zh")]),
        ("Greek", [("ell", "el")]),
    ],
)
def test_original_languages(printed, codes):
    record = parse(record_text(sections=with_sections(Original_Language=printed)))
    assert [(language.value.iso639_3, language.value.bcp47) for language in record.languages] == codes


def test_unknown_language_is_a_warning_not_an_error():
    text = record_text(sections=with_sections(Original_Language="Russian, Martian"))
    record = parse(text)
    assert [language.value for language in record.languages] == [RUSSIAN]
    line = line_of(text, "Russian, Martian")
    assert record.warnings == (f"line {line}: unknown language 'Martian' (not an ISO 639 name)",)


@pytest.mark.parametrize(
    ("label", "kind", "language"),
    [
        ("Translation - English", "translation", ENGLISH),
        ("English Translation", "translation", ENGLISH),
        ("Transcript - Russian", "transcript", RUSSIAN),
        ("Original Scan", "scan", None),
        ("Original - Chinese", "original", Language("Chinese", "zho", "zh")),
        ("Audio - Russian", "other", RUSSIAN),
    ],
)
def test_contents_items(label, kind, language):
    record = parse(record_text(sections=with_sections(Contents=f"{label}\n\nDear Bob!")))
    assert [item.value for item in record.contents] == [ContentItem(label, kind, language)]
    assert record.body.value == "Dear Bob!"


def test_several_contents_items_in_one_paragraph_or_several():
    contents = "Original Scan\nTranscript - Russian\n\nTranslation - English\n\nDear Bob!"
    text = record_text(sections=with_sections(Contents=contents))
    record = parse(text)
    assert [(item.value.kind, item.line) for item in record.contents] == [
        ("scan", line_of(text, "Original Scan")),
        ("transcript", line_of(text, "Transcript -")),
        ("translation", line_of(text, "Translation -")),
    ]
    assert record.body.value == "Dear Bob!"


def test_unknown_language_in_a_contents_item_warns():
    record = parse(record_text(sections=with_sections(Contents="Translation - Martian\n\nDear Bob!")))
    assert [item.value for item in record.contents] == [ContentItem("Translation - Martian", "translation", None)]
    assert "unknown language 'Martian'" in record.warnings[0]


def test_footnotes_end_the_body_and_markers_stay_in_it():
    contents = "Translation - English\n\nDear Bob![1] All is well.[2]\n\n[1] A greeting.\n\n[2] A lie.  \nA long one."
    text = record_text(sections=with_sections(Contents=contents))
    record = parse(text)
    assert record.body.value == "Dear Bob![1] All is well.[2]"
    assert record.footnotes == (
        Located(Footnote(1, "A greeting."), line_of(text, "[1] A greeting")),
        Located(Footnote(2, "A lie.\nA long one."), line_of(text, "[2] A lie")),
    )


def test_body_keeps_hard_breaks_and_lists():
    contents = "Translation - English\n\nTo Bob  \nMoscow\n\n1. first\n2. second"
    record = parse(record_text(sections=with_sections(Contents=contents)))
    assert record.body.value == "To Bob\nMoscow\n\n1. first\n2. second"


def test_doc_id_falls_back_to_the_file_name_with_a_warning():
    sections = with_sections(Citation=SECTIONS["Citation"].split("  \n")[0])
    record = parse(record_text(sections=sections))
    assert record.doc_id.value == "sample"
    assert record.citation.value.url is None
    assert any("no document number" in warning for warning in record.warnings)


def test_unknown_heading_ends_a_section_with_a_warning():
    record = parse(record_text(sections=with_sections(Summary="Ann writes to Bob.\n\n**Tags:**\n\nharvest")))
    assert record.summary.value == "Ann writes to Bob."
    assert any("unknown section 'Tags:' ignored" in warning for warning in record.warnings)


def test_second_section_of_a_kind_is_ignored_with_a_warning():
    text = record_text() + "\n**Summary:**\n\nSomething else.\n"
    record = parse(text)
    assert record.summary.value == "Ann writes to Bob."
    second = text.count("\n", 0, text.rindex("**Summary:**")) + 1
    assert record.warnings == (f"line {second}: second 'Summary:' section ignored",)


def test_crlf_line_endings_and_byte_order_mark():
    plain = parse(record_text())
    windows = parse("\ufeff" + record_text().replace("\n", "\r\n"))
    assert windows == plain
    assert windows.date.line == plain.date.line == 3


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_record_is_an_error(text):
    with pytest.raises(RecordError) as caught:
        parse(text, path="empty.txt")
    assert str(caught.value) == "empty.txt:1: empty record: the file holds no text"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (record_text(title=None, date=None), 3),
        (record_text(title=None), 3),  # the date alone is no title
        ("\nJust some text.\n", 2),
    ],
)
def test_record_without_title_is_an_error(text, line):
    with pytest.raises(RecordError) as caught:
        parse(text, path="untitled.txt")
    assert (caught.value.path, caught.value.line) == ("untitled.txt", line)
    assert "no title" in caught.value.problem


def test_a_repeated_footnote_number_keeps_the_first_and_warns():
    from kg.reader import parse_record
    from kg.records import SourceFile
    from tests.conftest import SEED_KHRUSHCHEV

    text = SEED_KHRUSHCHEV.read_text(encoding="utf-8") + "\n\n[1] A second note numbered one.\n"
    record = parse_record(text, source=SourceFile("x.txt", "0" * 64, 0), path="x.txt")
    assert [note.value.number for note in record.footnotes] == [1, 2, 3]
    assert record.footnotes[0].value.text.startswith("Communist Party of Yugoslavia")
    assert any("footnote [1] appears again" in warning for warning in record.warnings)
