"""The archive's suggested citation, read into its parts.

Its shape is ``"Quoted Title", <date>, <... Digital Archive>, <archival reference>.
<sentences: Published in ... / Translated by ... / See also ...>.`` followed by the
page URL.  The digital archive is found by its ``... Digital Archive`` ending, not from
a list, because the archive has renamed itself over the years.  Sentences are split at
a full stop followed by a capital, except after an initial (``Vladislav M. Zubok``) or
an abbreviation (``no. 10``, ``p. 99``).
"""

from __future__ import annotations

import re

from kg.reader.archival import parse_archival
from kg.reader.dates import find_partial_date
from kg.records import Citation, PublicationRef

ABBREVIATIONS = frozenset(
    "no nos p pp vol vols ed eds trans comp f op d l ll ob jr sr dr mr mrs ms st cf ca c".split()
)
"""Words (lower case, without the dot) whose full stop never ends a citation sentence."""

_LONGEST_WORD = 40  # how far back from a full stop to look for the word it ends

NOTE_START = re.compile(
    r"(?:(?:originally|first|also|previously|partially|partly)\s+)?"
    r"(?:published|reprinted|printed|translated|translation|obtained|see|cf\.|contributed"
    r"|donated|provided|courtesy|transcribed|edited|excerpted|excerpts|copy|original)\b",
    re.IGNORECASE,
)
"""How a sentence after the archival reference starts; the reference ends before the first."""

_URL = re.compile(r"<?(?P<url>https?://[^\s<>]+)>?")
_QUOTED_TITLE = re.compile(r"\s*[\"“”](?P<title>.*?)[\"“”]\s*,\s*")
_DIGITAL_ARCHIVE = re.compile(r"(?:^|,)\s*(?P<name>[^,.]*?\bDigital Archive)\s*(?:,|\.|$)")
_PUBLICATION = re.compile(
    r"(?P<verb>(?:(?:originally|first|also|previously|partially|partly)\s+)?"
    r"(?:published|reprinted|printed)|see\s+also|see|cf\.)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_NOTE_AND_PLACE = re.compile(r"(?P<note>(?:in|with|without|as)\s+[^,()]*?)\s+in\s+(?P<place>[A-Z\"“].*)")
_PAGES = re.compile(r",?\s*\b(?:pp?\.|pages?)\s*(?P<pages>[\dIVXLCivxlc]+(?:\s*[-–]\s*[\dIVXLCivxlc]+)?)\.?\s*$")
_PARENTHESIS = re.compile(r"\s*\((?P<inner>[^()]*)\)")
_ISSUE = re.compile(
    r"(?:,\s*|\s+)(?P<issue>(?:vol\.\s*\d+,?\s*)?(?:(?:nos?\.|#|issue)\s*)?\d+(?:\s*[-/–]\s*\d+)?)\s*,?\s*$",
    re.IGNORECASE,
)
_ISSUE_PREFIX = re.compile(r"^(?:nos?\.|#|issue)\s*", re.IGNORECASE)
_TRANSLATED = re.compile(r"\btranslat", re.IGNORECASE)
_BY = re.compile(r"\bby\s+", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_NAMES_END = re.compile(r"\s+(?:for|from|with)\s+")
_FULL_STOP = re.compile(r"\.\s+(?=[\"“\w])")
_WORD_START = re.compile(r"[\s(\[]")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_PAGE_DASH = re.compile(r"\s*[-–]\s*")


def parse_citation(text: str) -> Citation:
    """Read a citation paragraph (its text on one line, the page URL perhaps at its end)."""
    text, url = split_url(text)
    rest, quoted_title = text, None
    title = _QUOTED_TITLE.match(rest)
    if title:
        quoted_title, rest = title["title"].strip(), rest[title.end():]
    archive = _DIGITAL_ARCHIVE.search(rest)
    date_text, digital_archive = None, None
    if archive:
        date_text = rest[: archive.start()].strip() if title else None
        digital_archive, rest = archive["name"].strip(), rest[archive.end():]
    sentences = split_sentences(rest)
    reference = []
    while archive and sentences and not NOTE_START.match(sentences[0]):
        reference.append(sentences.pop(0))
    return Citation(
        text=text,
        quoted_title=quoted_title,
        date_text=date_text or None,
        digital_archive=digital_archive,
        archival=parse_archival(". ".join(reference)) if reference else None,
        publications=tuple(filter(None, map(parse_publication, sentences))),
        translators=tuple(name for sentence in sentences for name in parse_translators(sentence)),
        url=url,
    )


def split_url(text: str) -> tuple[str, str | None]:
    """The citation (whitespace collapsed) without its trailing page URL(s), and the first such URL."""
    words, urls = text.split(), []
    while words and (match := _URL.fullmatch(words[-1])):
        urls.append(match["url"])
        words.pop()
    return " ".join(words), urls[-1] if urls else None


def split_sentences(text: str) -> list[str]:
    """Sentences without their closing full stop."""
    sentences, start = [], 0
    for stop in _FULL_STOP.finditer(text):
        following = text[stop.end()]
        if (following.isupper() or following in "\"“") and not _ends_in_abbreviation(text, stop.start()):
            sentences.append(text[start: stop.start()].strip())
            start = stop.end()
    last = text[start:].strip()
    if last.endswith(".") and not _ends_in_abbreviation(last, len(last) - 1):
        last = last[:-1].strip()
    return [sentence for sentence in sentences + [last] if sentence]


def _ends_in_abbreviation(text: str, stop: int) -> bool:
    """Whether the word before the full stop at ``stop`` is an initial, an abbreviation or dotted (``U.S``)."""
    word = _WORD_START.split(text[max(0, stop - _LONGEST_WORD): stop])[-1]
    return bool(_INITIALS.fullmatch(word)) or word.lower() in ABBREVIATIONS


def parse_publication(sentence: str) -> PublicationRef | None:
    """``Published in its entirety in Istochnik, 4 (1994), p. 4-8`` and ``See also ...``."""
    match = _PUBLICATION.fullmatch(sentence)
    if match is None:
        return None
    relation = "see-also" if match["verb"].lower().startswith(("see", "cf")) else "printed"
    rest, note = match["rest"], None
    if placed := _NOTE_AND_PLACE.fullmatch(rest):
        note, rest = placed["note"], placed["place"]
    elif rest.lower().startswith("in "):
        rest = rest[3:]
    rest, pages = _take(_PAGES, rest, "pages")
    if pages:
        pages = _PAGE_DASH.sub("-", pages)
    date = None
    for parenthesis in reversed(list(_PARENTHESIS.finditer(rest))):
        if date := find_partial_date(parenthesis["inner"]):
            rest = rest[: parenthesis.start()] + rest[parenthesis.end():]
            break
    rest, issue = _take(_ISSUE, rest, "issue")
    periodical = rest.strip(" ,")
    if not periodical:
        return None
    return PublicationRef(
        verbatim=sentence,
        relation=relation,
        periodical=periodical,
        issue=_ISSUE_PREFIX.sub("", issue) if issue else None,
        date=date,
        pages=pages,
        note=note,
    )


def _take(pattern: re.Pattern[str], text: str, group: str) -> tuple[str, str | None]:
    """``text`` without the match of ``pattern`` (anchored at the end), and its ``group``."""
    match = pattern.search(text)
    if match is None:
        return text, None
    return text[: match.start()] + text[match.end():], match[group]


def parse_translators(sentence: str) -> list[str]:
    """``Translated by A and B`` / ``Obtained and translated for CWIHP by A`` -> names."""
    translated = _TRANSLATED.search(sentence)
    by = _BY.search(sentence, translated.end()) if translated else None
    if by is None:
        return []
    names = _NAMES_END.split(sentence[by.end():])[0]
    return [name for name in _NAME_SEPARATOR.split(names) if name[:1].isupper()]
