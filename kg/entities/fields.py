"""The text fields of a record that the entity stage reads, each with its name.

Offsets of mentions count characters (Unicode code points, as the W3C
TextPositionSelector does) in exactly these strings.  In the citation, the
parts the reader has already parsed into structured data (archival reference,
publications, digital archive, URL) are blanked out, without moving any
offset: the mapper publishes them as archives and periodicals, so reading
``AP RF`` or ``CWIHP Bulletin`` there as a mention would describe them twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.records import Citation, Record


@dataclass(frozen=True)
class FieldText:
    name: str  # "title", "summary", "body", "citation" or "footnote/N"
    text: str  # the field's text as the record holds it
    searchable: str  # the same length, with parsed parts of the citation blanked


def record_fields(record: Record) -> list[FieldText]:
    """The title, summary, body, footnotes and citation of ``record``, in reading order."""
    fields = [_plain("title", record.title.value)]
    if record.summary is not None:
        fields.append(_plain("summary", record.summary.value))
    if record.body is not None:
        fields.append(_plain("body", record.body.value))
    numbers: set[int] = set()
    for note in record.footnotes:  # a repeated number would mint the same mention IRIs twice
        if note.value.number not in numbers:
            numbers.add(note.value.number)
            fields.append(_plain(f"footnote/{note.value.number}", note.value.text))
    if record.citation is not None:
        citation = record.citation.value
        fields.append(FieldText("citation", citation.text, _blank(citation.text, _parsed_parts(citation))))
    return fields


def _plain(name: str, text: str) -> FieldText:
    return FieldText(name, text, text)


def _parsed_parts(citation: Citation) -> list[str]:
    parts = [citation.digital_archive, citation.url]
    if citation.archival is not None:
        parts.append(citation.archival.verbatim)
    parts += [publication.verbatim for publication in citation.publications]
    return [part for part in parts if part]


def _blank(text: str, parts: list[str]) -> str:
    for part in parts:
        start = text.find(part)
        while start >= 0:
            text = text[:start] + " " * len(part) + text[start + len(part):]
            start = text.find(part, start + len(part))
    return text


__all__ = ["FieldText", "record_fields"]
