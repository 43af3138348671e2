"""Archival references: ``AP RF, f. 3, op. 24, d. 463, ll. 163-174`` into archive, shelfmark and units.

The reference is a comma-separated list: the archive (perhaps with a bracketed English
gloss), perhaps a named collection, then the shelfmark.  Russian-style shelfmarks are
broken into their levels (fond > opis > papka > delo) and folios (listy); any other
shelfmark (``DY 30/IV 2/2.039/319``) is kept whole, with no units.
"""

from __future__ import annotations

import re

from kg.records import ArchivalReference, ArchivalUnit

LEVELS: dict[str, str] = {
    "f": "fond",
    "fond": "fond",
    "fonds": "fond",
    "op": "opis",
    "opis": "opis",
    "p": "papka",  # in a Russian shelfmark "p." is the folder (papka), not a page
    "pap": "papka",
    "papka": "papka",
    "d": "delo",
    "delo": "delo",
}
"""Abbreviations as printed (lower case, without the dot) -> archival level."""

LEVEL_ORDER = ("fond", "opis", "papka", "delo")
"""Levels outermost first."""

_FOLIO_WORDS = "ll|l|listy|list"
_UNIT = re.compile(rf"(?P<word>{'|'.join(LEVELS)})\.?\s*(?P<id>\d[\w./-]*)", re.IGNORECASE)
_FOLIOS = re.compile(rf"(?:{_FOLIO_WORDS})\.?\s*(?P<folios>\d.*)", re.IGNORECASE)
_UNIT_START = re.compile(rf"(?:^|\s)(?=(?:{'|'.join(LEVELS)}|{_FOLIO_WORDS})\.?\s*\d)", re.IGNORECASE)
_GLOSSED = re.compile(r"(?P<name>[^\[\]]*?)\s*\[(?P<gloss>[^\[\]]*)\]\s*")
_DIGIT = re.compile(r"\d")
_COMMA_OR_BRACKET = re.compile(r"[,\[\]()]")


def parse_archival(verbatim: str) -> ArchivalReference | None:
    """Read an archival reference; None when it names no archive before its shelfmark."""
    verbatim = " ".join(verbatim.split())
    parts = _split_parts(verbatim)
    archive_offset, archive_text = parts[0]
    inline = _UNIT_START.search(archive_text)  # "AVPRF f. 0100, op. 34": no comma after the archive
    if inline:
        archive_text = archive_text[: inline.start()]
        parts[0] = (archive_offset + inline.end(), verbatim[archive_offset + inline.end():])
    else:
        parts.pop(0)
    archive, archive_gloss = _gloss(archive_text)
    if not archive:
        return None
    collection, collection_gloss = None, None
    if not inline and parts and not _DIGIT.search(parts[0][1]):
        collection, collection_gloss = _gloss(parts.pop(0)[1])
    shelfmark = verbatim[parts[0][0]:].strip() if parts else ""
    units, folios = _units(shelfmark)
    return ArchivalReference(
        verbatim=verbatim,
        archive=archive,
        archive_gloss=archive_gloss,
        collection=collection,
        collection_gloss=collection_gloss,
        shelfmark=shelfmark,
        units=units,
        folios=folios,
    )


def _split_parts(text: str) -> list[tuple[int, str]]:
    """Comma-separated parts with their offsets; commas inside brackets do not split."""
    ends, depth = [], 0
    for found in _COMMA_OR_BRACKET.finditer(text):  # only these characters matter, not every one
        char = found.group()
        if char == ",":
            if depth <= 0:
                ends.append(found.start())
        else:
            depth += 1 if char in "[(" else -1
    parts, start = [], 0
    for end in ends + [len(text)]:
        part = text[start:end]
        stripped = part.lstrip()
        parts.append((start + len(part) - len(stripped), stripped.rstrip()))
        start = end + 1
    return parts


def _gloss(text: str) -> tuple[str, str | None]:
    """``Arhiv Jugoslavije [National Archives of Yugoslavia]`` -> name and gloss."""
    match = _GLOSSED.fullmatch(text)
    if match:
        return match["name"].strip(), match["gloss"].strip() or None
    return text.strip(), None


def _units(shelfmark: str) -> tuple[tuple[ArchivalUnit, ...], str | None]:
    """The fond/opis/papka/delo units (outermost first, each level once) and the folios.

    Parts that are neither (a year such as ``1946``) stay only in the shelfmark.
    """
    found: dict[str, str] = {}
    folios = None
    for _, part in _split_parts(shelfmark):
        unit = _UNIT.fullmatch(part)
        if unit:
            found.setdefault(LEVELS[unit["word"].lower()], unit["id"])
        elif folios is None and (folio_match := _FOLIOS.fullmatch(part)):
            folios = folio_match["folios"].strip()
    units = tuple(ArchivalUnit(level, found[level]) for level in LEVEL_ORDER if level in found)
    return units, folios
