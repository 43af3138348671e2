"""A record's Markdown as top-level blocks with source lines, grouped into its sections.

markdown-it-py does the Markdown; this module keeps, for every top-level block, the
plain text of each source line (a *segment*) so that a field, an agent in a title
spread over several lines, or the page URL can be located to its own line.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

SECTION_NAMES: dict[str, str] = {
    "citation": "citation",
    "summary": "summary",
    "credits": "credits",
    "credit": "credits",
    "original language": "languages",
    "original languages": "languages",
    "contents": "contents",
}
"""Section headings as printed (lower case, without the colon) -> the section's key."""

_MAX_HEADING_WORDS = 5
_LINE_BREAKS = frozenset({"softbreak", "hardbreak"})
_TEXT_TOKENS = frozenset({"text", "code_inline", "html_inline", "image"})

_parser = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Segment:
    """The plain text of one source line of a block."""

    line: int  # 1-based
    text: str
    hard_break: bool = True  # the line ends in a Markdown hard break (or is a raw line)


@dataclass(frozen=True)
class Block:
    """One top-level Markdown block: a paragraph, heading, list, quote, code or HTML."""

    segments: tuple[Segment, ...]
    emphasised: bool = False  # bold as a whole, or a Markdown heading

    @property
    def line(self) -> int:
        return self.segments[0].line

    @property
    def text(self) -> str:
        """The block's text with its hard line breaks; soft breaks read as spaces."""
        pieces = []
        for segment in self.segments[:-1]:
            pieces += [segment.text, "\n" if segment.hard_break else " "]
        return "".join(pieces + [self.segments[-1].text])

    @property
    def flat(self) -> str:
        """The block's text on one line, whitespace collapsed (titles, citations)."""
        return " ".join(" ".join(segment.text for segment in self.segments).split())

    @property
    def heading(self) -> str | None:
        """The heading this block is, lower case and without its colon; None if it is none.

        A heading is a short bold line ending in a colon (``**Citation:**``) or a
        known section name in bold or as a Markdown heading.
        """
        if not self.emphasised or len(self.segments) != 1:
            return None
        text = self.flat
        name = text.rstrip(":").strip().lower()
        if name in SECTION_NAMES or (text.endswith(":") and len(name.split()) <= _MAX_HEADING_WORDS):
            return name
        return None


@dataclass
class Section:
    key: str  # a value of SECTION_NAMES
    heading: Block
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Layout:
    """A record split at its known section headings."""

    head: list[Block]  # before the first section: date line and title
    sections: list[Section]


def parse_blocks(text: str) -> list[Block]:
    """The top-level blocks of Markdown ``text`` (lines separated by ``\\n``)."""
    lines = text.split("\n")
    tokens = _parser.parse(text)
    blocks = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        if token.type in ("paragraph_open", "heading_open"):
            block = _inline_block(tokens[index + 1], heading=token.type == "heading_open")
        else:
            block = _raw_block(lines, *token.map)
        if block is not None:
            blocks.append(block)
    return blocks


def split_sections(blocks: list[Block]) -> Layout:
    """Group blocks under the known section headings that precede them."""
    layout = Layout(head=[], sections=[])
    for block in blocks:
        key = SECTION_NAMES.get(block.heading or "")
        if key is not None:
            layout.sections.append(Section(key, block))
        elif layout.sections:
            layout.sections[-1].blocks.append(block)
        else:
            layout.head.append(block)
    return layout


def _inline_block(inline: Token, *, heading: bool) -> Block | None:
    """A paragraph or heading: one segment per source line, Markdown rendered to plain text."""
    line = inline.map[0] + 1
    segments, pieces, depth, all_bold, any_text = [], [], 0, True, False
    for child in inline.children or ():
        if child.type in _LINE_BREAKS:
            segments.append(Segment(line, "".join(pieces).strip(), child.type == "hardbreak"))
            pieces, line = [], line + 1
        elif child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in _TEXT_TOKENS:
            pieces.append(child.content)
            if child.content.strip():
                any_text, all_bold = True, all_bold and depth > 0
    segments.append(Segment(line, "".join(pieces).strip()))
    if not any_text:
        return None
    return Block(tuple(segments), emphasised=heading or all_bold)


def _raw_block(lines: list[str], start: int, end: int) -> Block | None:
    """Lists, quotes, code and HTML keep their source lines: their markup is part of the text."""
    raw = textwrap.dedent("\n".join(lines[start:end])).split("\n")
    while raw and not raw[-1].strip():
        raw.pop()
    if not raw:
        return None
    return Block(tuple(Segment(start + offset + 1, text.rstrip()) for offset, text in enumerate(raw)))
