"""``parse_record``: one record's text to a typed :class:`~kg.records.Record`, without I/O.

A record page is: a bold date line, a bold title (perhaps over several lines joined by
hard breaks), then bold-headed sections (``Citation:``, ``Summary:``, ``Credits:``,
``Original Language:``, ``Contents:``) in any order, any of them missing.  What the
record cannot do without (text, a title, a readable date) raises :class:`RecordError`;
anything else odd becomes a warning on the record, each naming its line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from kg.errors import RecordError
from kg.reader.citation import parse_citation
from kg.reader.contents import read_items, split_footnotes
from kg.reader.dates import DateError, parse_date
from kg.reader.languages import lookup_language, split_language_names
from kg.reader.markdown import Block, Section, parse_blocks, split_sections
from kg.reader.titles import TitleAgent, read_title
from kg.records import AgentRef, Citation, DateValue, Footnote, Language, Located, Record, SourceFile
from kg.vocab import slug

_DOCUMENT_NUMBER = re.compile(r"/document/(?P<number>\d+)(?:[/?#]|$)")


@dataclass
class _Reading:
    """What is known while one record is read: its path for errors, and its warnings."""

    path: str
    warnings: list[str] = field(default_factory=list)

    def warn(self, line: int, problem: str) -> None:
        self.warnings.append(f"line {line}: {problem}")

    def error(self, line: int | None, problem: str) -> RecordError:
        return RecordError(self.path, line, problem)


def parse_record(text: str, *, source: SourceFile, path: str) -> Record:
    """Read one record's Markdown ``text``; ``path`` names the file in errors and warnings."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reading = _Reading(path)
    blocks = parse_blocks(text)
    if not blocks:
        raise reading.error(1, "empty record: the file holds no text")
    layout = split_sections(blocks)
    date_block, title_block = _date_and_title(layout.head, blocks[0].line, reading)
    title, line_at = _title(title_block)
    facts = read_title(title)
    sections = _first_sections(layout.sections, reading)
    citation, url_line = _citation(sections.get("citation"), reading)
    contents = _blocks(sections.get("contents"), reading, until_unknown_heading=False)
    items, body_blocks = read_items(contents, reading.warn)
    body_blocks, footnotes = split_footnotes(body_blocks)
    footnotes = _unique_footnotes(footnotes, reading)
    return Record(
        source=source,
        doc_id=_doc_id(citation, url_line, source, title_block.line, reading),
        title=Located(title, title_block.line),
        kind=facts.kind,
        is_excerpt=facts.is_excerpt,
        date=_date(date_block, reading) if date_block else None,
        citation=citation,
        summary=_prose(sections.get("summary"), reading),
        credits=_prose(sections.get("credits"), reading),
        languages=_languages(sections.get("languages"), reading),
        contents=tuple(items),
        body=Located("\n\n".join(block.text for block in body_blocks), body_blocks[0].line) if body_blocks else None,
        footnotes=tuple(footnotes),
        creators=_located_agents(facts.creators, line_at),
        recipients=_located_agents(facts.recipients, line_at),
        warnings=tuple(reading.warnings),
    )


def _date_and_title(head: list[Block], first_line: int, reading: _Reading) -> tuple[Block | None, Block]:
    """The bold date line and bold title before the first section; the date may be missing."""
    bold = [block for block in head if block.emphasised and block.heading is None]
    ignored = [block for block in head if not any(block is chosen for chosen in bold[:2])]
    if ignored:
        reading.warn(ignored[0].line, f"text before the first section ignored ({len(ignored)} block(s))")
    if len(bold) >= 2:
        return bold[0], bold[1]
    if bold and not _is_date(bold[0]):
        return None, bold[0]
    raise reading.error(first_line, "no title: expected a bold title line before the first section")


def _is_date(block: Block) -> bool:
    try:
        parse_date(block.flat)
    except DateError:
        return False
    return True


def _date(block: Block, reading: _Reading) -> Located[DateValue]:
    try:
        return Located(parse_date(block.flat), block.line)
    except DateError as error:
        raise reading.error(block.line, f"cannot read the date {block.flat!r}: {error}") from None


def _title(block: Block) -> tuple[str, Callable[[int], int]]:
    """The title on one line, and a function from an offset in it to its source line."""
    starts, lines, pieces, offset = [], [], [], 0
    for segment in block.segments:
        piece = " ".join(segment.text.split())
        if piece:
            starts.append(offset)
            lines.append(segment.line)
            pieces.append(piece)
            offset += len(piece) + 1
    return " ".join(pieces), lambda position: lines[bisect.bisect_right(starts, position) - 1]


def _located_agents(agents: tuple[TitleAgent, ...], line_at: Callable[[int], int]) -> tuple[Located[AgentRef], ...]:
    return tuple(Located(found.agent, line_at(found.offset)) for found in agents)


def _first_sections(sections: list[Section], reading: _Reading) -> dict[str, Section]:
    first: dict[str, Section] = {}
    for section in sections:
        if section.key in first:
            reading.warn(section.heading.line, f"second {section.heading.flat!r} section ignored")
        else:
            first[section.key] = section
    return first


def _blocks(section: Section | None, reading: _Reading, *, until_unknown_heading: bool = True) -> list[Block]:
    """A section's blocks, ending at an unknown heading such as ``Tags:`` unless the section
    holds a body (``Contents``), whose own bold lines can look like headings."""
    if section is None:
        return []
    if not section.blocks:
        reading.warn(section.heading.line, f"empty section {section.heading.flat!r}")
    if not until_unknown_heading:
        return section.blocks
    for index, block in enumerate(section.blocks):
        if block.heading is not None:
            reading.warn(block.line, f"unknown section {block.flat!r} ignored")
            return section.blocks[:index]
    return section.blocks


def _prose(section: Section | None, reading: _Reading) -> Located[str] | None:
    blocks = _blocks(section, reading)
    return Located("\n\n".join(block.text for block in blocks), blocks[0].line) if blocks else None


def _citation(section: Section | None, reading: _Reading) -> tuple[Located[Citation] | None, int | None]:
    """The citation, and the line of its page URL (often a line, or a paragraph, of its own)."""
    blocks = _blocks(section, reading)
    if not blocks:
        return None, None
    citation = parse_citation(" ".join(block.flat for block in blocks))
    if citation.archival is None:
        reading.warn(blocks[0].line, "no archival reference found in the citation")
    segments = [segment for block in blocks for segment in block.segments]
    url_line = next((segment.line for segment in segments if citation.url and citation.url in segment.text), None)
    return Located(citation, blocks[0].line), url_line


def _languages(section: Section | None, reading: _Reading) -> tuple[Located[Language], ...]:
    found: dict[str, Located[Language]] = {}
    for block in _blocks(section, reading):
        for segment in block.segments:
            for name in split_language_names(segment.text):
                language = lookup_language(name)
                if language is None:
                    reading.warn(segment.line, f"unknown language {name!r} (not an ISO 639 name)")
                else:
                    found.setdefault(language.iso639_3, Located(language, segment.line))
    return tuple(found.values())


def _doc_id(
    citation: Located[Citation] | None, url_line: int | None, source: SourceFile, title_line: int, reading: _Reading
) -> Located[str]:
    """The archive's document number from the page URL; else a stable stand-in from the file name.

    The stand-in is located at the title, the nearest thing the file has to an identity.
    """
    url = citation.value.url if citation else None
    if url and url_line and (number := _DOCUMENT_NUMBER.search(url)):
        return Located(number["number"], url_line)
    stand_in = slug(PurePath(source.name).stem)
    reading.warn(citation.line if citation else title_line, f"no document number in a page URL; using {stand_in!r}")
    return Located(stand_in, title_line)


def _unique_footnotes(footnotes: list[Located[Footnote]], reading: _Reading) -> list[Located[Footnote]]:
    """One footnote per number: a repeated ``[n]`` is reported and the first one kept."""
    kept: dict[int, Located[Footnote]] = {}
    for note in footnotes:
        if note.value.number in kept:
            reading.warn(note.line, f"footnote [{note.value.number}] appears again; the first one "
                                    f"(line {kept[note.value.number].line}) is kept")
        else:
            kept[note.value.number] = note
    return list(kept.values())
