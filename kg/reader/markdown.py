"""A record's Markdown as top-level blocks with source lines, grouped into its sections.

markdown-it-py does the Markdown; this module keeps, for every top-level block, the
plain text of each source line (a *segment*) so that a field, an agent in a title
spread over several lines, or the page URL can be located to its own line.

The block structure of the whole record is always parsed.  The inline structure is
parsed only where the reader uses it and where there is any: for top-level paragraphs
and headings (the reader keeps lists, quotes and code as raw source lines), and only
when their text holds a character that can start inline markup.  Two shortcuts through
markdown-it skip work whose outcome is known: a line of text goes straight to the
paragraph rules, and a plain URL is not normalised.  Everything reads as markdown-it's
complete parse would read it, which ``tests/test_reader_markdown.py`` checks.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, lheading, paragraph
from markdown_it.token import Token
from markdown_it.utils import EnvType

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
# ``text_special`` is an escaped character or an entity, which markdown-it's core rule
# ``text_join`` would turn into text; the reader joins the pieces of a line itself.
_TEXT_TOKENS = frozenset({"text", "text_special", "code_inline", "html_inline", "image"})

# What can start inline markup in CommonMark in a record without link reference
# definitions: an escape, a code span, emphasis, an autolink or raw HTML, an entity, or
# the ``](`` of an inline link or image.  Text without any of these is plain text lines
# to markdown-it (its other inline rules are not enabled); so is a bracket alone, as in
# ``[sic]`` or ``[1]``, which could only name a reference definition.  The characters and
# the ``](`` are looked for apart: one regular expression for both is twice as slow.
_INLINE_MARKUP_CHARACTERS = re.compile(r"[\\`*_<&]")
_INLINE_LINK = "]("
# In a record that defines link references, ``[name]`` may be a link too.
_INLINE_MARKUP_OR_BRACKET = re.compile(r"[\\`*_<&\[]")

_INLINE_CACHE_SIZE = 512  # the section headings and labels every record repeats, with room to spare


# A URL of the archive's kind (``https://digitalarchive.wilsoncenter.org/document/111310``):
# http(s), a host of lower-case ASCII labels (none punycode, none over 63 characters, 255
# in all), a port perhaps, then only characters that URLs keep as they are, none of them
# percent-encoded.  markdown-it's normalisations of a link and of its text (with mdurl and
# punycode) leave such a URL as it is, which ``tests/test_reader_markdown.py`` checks; they
# are most of the cost of reading an autolink, so for such a URL they are skipped.
_PLAIN_URL = re.compile(
    r"https?://(?=[a-z0-9.-]{1,255}(?![a-z0-9.-]))(?!xn--)[a-z0-9-]{1,63}(?:\.(?!xn--)[a-z0-9-]{1,63})*"
    r"(?::[0-9]+)?(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@/?#-]*)?"
)


class _Parser(MarkdownIt):
    """markdown-it, which leaves a plain URL (see ``_PLAIN_URL``) as it is without normalising it."""

    def normalizeLink(self, url: str) -> str:
        return url if _PLAIN_URL.fullmatch(url) else super().normalizeLink(url)

    def normalizeLinkText(self, link: str) -> str:
        return link if _PLAIN_URL.fullmatch(link) else super().normalizeLinkText(link)


# What the other CommonMark blocks open with: a code fence, a quote, a thematic break, a
# list item, a link reference definition, HTML or an ATX heading.  A line that opens with
# anything else (and is no indented code) can only start a paragraph or a setext heading.
_BLOCK_MARKERS = frozenset("`~>*-_+[<#0123456789")


def _text_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A markdown-it block rule, tried first: a line of text goes straight to the two rules
    that can read it, without markdown-it trying its other eight on it first."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    if state.is_code_block(start_line) or start >= state.eMarks[start_line] or state.src[start] in _BLOCK_MARKERS:
        return False
    return lheading(state, start_line, end_line, silent) or paragraph(state, start_line, end_line, silent)


_parser = _Parser("commonmark")
_parser.disable(["inline", "text_join"])  # block structure only; inline parsed on demand below
_parser.block.ruler.before("code", "text_block", _text_block)  # code: the first block rule CommonMark enables


class Segment(NamedTuple):  # a named tuple, not a dataclass: a record has dozens, and tuples are quick to make
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
    env: EnvType = {}  # the record's link reference definitions, which its links may use
    tokens = _parser.parse(text, env)
    blocks = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        if token.type in ("paragraph_open", "heading_open"):
            block = _inline_block(tokens[index + 1], env, heading=token.type == "heading_open")
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


class _Inline(NamedTuple):
    """A paragraph's or heading's text read as inline Markdown, before it is placed on its lines."""

    lines: tuple[tuple[str, bool], ...]  # each line's plain text, and whether it ends in a hard break
    has_text: bool  # some text is not blank
    all_bold: bool  # some text is not blank, and all such text is in strong emphasis


def _inline_block(inline: Token, env: EnvType, *, heading: bool) -> Block | None:
    """A paragraph or heading: one segment per source line, Markdown rendered to plain text."""
    read = _read_inline(inline.content, env)
    if not read.has_text:
        return None
    first_line = inline.map[0] + 1
    segments = tuple([Segment(first_line + offset, text, hard) for offset, (text, hard) in enumerate(read.lines)])
    return Block(segments, emphasised=heading or read.all_bold)


def _read_inline(content: str, env: EnvType) -> _Inline:
    if env.get("references"):  # its links may use the record's own definitions: the text alone is no key
        return _parse_inline(content, env) if _INLINE_MARKUP_OR_BRACKET.search(content) else _plain_inline(content)
    if _INLINE_MARKUP_CHARACTERS.search(content) or _INLINE_LINK in content:
        return _parse_inline_cached(content)
    return _plain_inline(content)


def _plain_inline(content: str) -> _Inline:
    """Text without inline markup as markdown-it reads it, without running its inline parser.

    Its ``text`` and ``newline`` rules are the only ones that apply: each source line is
    one piece of text (markdown-it trims its spaces, the reader all its white space), and
    it ends in a hard break when two spaces or more end it.  A block's last line counts
    as hard, as in :func:`_parse_inline`.
    """
    lines = content.split("\n")
    texts = [line.strip() for line in lines]
    hard_breaks = [line.endswith("  ") for line in lines[:-1]] + [True]
    return _Inline(tuple(zip(texts, hard_breaks)), has_text=any(texts), all_bold=False)


@lru_cache(maxsize=_INLINE_CACHE_SIZE)
def _parse_inline_cached(content: str) -> _Inline:
    """:func:`_parse_inline` for a record without link definitions, where the text is all it
    depends on: section headings and bold labels recur in every record."""
    return _parse_inline(content, {})


def _parse_inline(content: str, env: EnvType) -> _Inline:
    """markdown-it's inline parse of ``content``, as its core ``inline`` rule runs it."""
    return _rendered(_parser.inline.parse(content, _parser, env, []))


def _rendered(children: list[Token]) -> _Inline:
    """Inline tokens as plain text lines: markup dropped, the text of links and code kept."""
    lines, pieces, depth, all_bold, has_text = [], [], 0, True, False
    for child in children:
        if child.type in _LINE_BREAKS:
            lines.append(("".join(pieces).strip(), child.type == "hardbreak"))
            pieces = []
        elif child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in _TEXT_TOKENS:
            pieces.append(child.content)
            if child.content.strip():
                has_text, all_bold = True, all_bold and depth > 0
    lines.append(("".join(pieces).strip(), True))
    return _Inline(tuple(lines), has_text=has_text, all_bold=has_text and all_bold)


def _raw_block(lines: list[str], start: int, end: int) -> Block | None:
    """Lists, quotes, code and HTML keep their source lines: their markup is part of the text."""
    raw = textwrap.dedent("\n".join(lines[start:end])).split("\n")
    while raw and not raw[-1].strip():
        raw.pop()
    if not raw:
        return None
    return Block(tuple(Segment(start + offset + 1, text.rstrip()) for offset, text in enumerate(raw)))
