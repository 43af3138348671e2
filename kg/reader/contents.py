"""The ``Contents:`` section: its item labels, then the body text, then the footnotes.

Items are short label lines (``Translation - English``, ``English Translation``,
``Original Scan``); the first block that is no label starts the body.  Trailing
paragraphs that open with ``[1]`` are the footnotes; markers inside the body stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.reader.languages import lookup_language
from kg.reader.markdown import Block, Segment
from kg.records import ContentItem, ContentKind, Footnote, Located

CONTENT_WORDS: dict[str, ContentKind] = {
    "scan": "scan",
    "scanned": "scan",
    "facsimile": "scan",
    "transcript": "transcript",
    "transcription": "transcript",
    "translation": "translation",
    "translated": "translation",
    "original": "original",
}
"""Label words -> item kind; when a label has several (``Original Scan``) the first listed here wins."""

_PRECEDENCE = list(dict.fromkeys(CONTENT_WORDS.values()))
_MAX_LABEL_WORDS = 6
_LABEL_WORD = re.compile(r"\s+[-–—:]\s*|\s*[-–—:]\s+|\s+")
_SENTENCE_PUNCTUATION = re.compile(r"[.,;!?\"“]")  # a label is no sentence
_FOOTNOTE = re.compile(r"\[(?P<number>\d{1,6})\]\s*(?P<text>.*)", re.DOTALL)

Warn = Callable[[int, str], None]


def read_items(blocks: list[Block], warn: Warn) -> tuple[list[Located[ContentItem]], list[Block]]:
    """The leading item labels and the blocks after them."""
    items: list[Located[ContentItem]] = []
    for index, block in enumerate(blocks):
        pending: list[tuple[int, str]] = []  # a block's warnings count only if all its lines are labels
        labels = [read_label(segment, lambda *warning: pending.append(warning)) for segment in block.segments]
        if not all(labels):
            return items, blocks[index:]
        items += labels
        for warning in pending:
            warn(*warning)
    return items, []


def read_label(segment: Segment, warn: Warn) -> Located[ContentItem] | None:
    """One label line as an item, or None if the line is no label."""
    label = segment.text.strip()
    words = [word for word in _LABEL_WORD.split(label) if word]
    if not words or len(words) > _MAX_LABEL_WORDS or _SENTENCE_PUNCTUATION.search(label):
        return None
    kinds = [CONTENT_WORDS[word.lower()] for word in words if word.lower() in CONTENT_WORDS]
    rest = " ".join(word for word in words if word.lower() not in CONTENT_WORDS)
    if not all(word[:1].isupper() for word in rest.split()):
        return None
    if not kinds:  # "Audio - English": a label only if it names a language after the dash
        language = lookup_language(label.partition(" - ")[2])
        return Located(ContentItem(label, "other", language), segment.line) if language else None
    language = lookup_language(rest) if rest else None
    if rest and language is None:
        warn(segment.line, f"unknown language {rest!r} in contents item {label!r}")
    kind = min(kinds, key=_PRECEDENCE.index)
    return Located(ContentItem(label, kind, language), segment.line)


def split_footnotes(blocks: list[Block]) -> tuple[list[Block], list[Located[Footnote]]]:
    """The body blocks and the footnotes that end them."""
    start, notes = len(blocks), []
    while start and (block_notes := _footnotes(blocks[start - 1])):
        start -= 1
        notes[:0] = block_notes
    return blocks[:start], notes


def _footnotes(block: Block) -> list[Located[Footnote]]:
    """The footnotes of one block, if it opens with ``[n]``; a line without ``[n]`` continues the note before."""
    notes: list[tuple[int, list[Segment]]] = []
    for segment in block.segments:
        match = _FOOTNOTE.fullmatch(segment.text)
        if match:
            notes.append((int(match["number"]), [Segment(segment.line, match["text"], segment.hard_break)]))
        elif notes:
            notes[-1][1].append(segment)
        else:
            return []
    return [
        Located(Footnote(number, Block(tuple(segments)).text.strip()), segments[0].line)
        for number, segments in notes
    ]
