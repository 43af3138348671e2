"""Typed records: what the reader makes of one archive page, before any RDF.

Every value read from a file is wrapped in :class:`Located`, which remembers
the 1-based source line it came from, so an error message, a SHACL violation
or a provenance statement can point back at the line in the input.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

Precision = Literal["day", "month", "year"]
AgentKind = Literal["person", "organization"]
ContentKind = Literal["translation", "transcript", "original", "scan", "other"]
PublicationRelation = Literal["printed", "see-also"]


@dataclass(frozen=True)
class Located(Generic[T]):
    """A value and the 1-based line of the input file where it starts."""

    value: T
    line: int


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def lexical(self) -> str:
        """ISO 8601 / XSD lexical form at this precision: 1953-07-01, 1954-06, 1961."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)


@dataclass(frozen=True)
class DateValue:
    """A record's date: the printed form and, when it can be read, its normal form.

    ``start`` is None for ``undated``; ``end`` is set only for ranges.
    """

    printed: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.end is not None

    @property
    def edtf(self) -> str | None:
        """The date in EDTF (Library of Congress Extended Date/Time Format)."""
        if self.start is None:
            return None
        mark = "~" if self.approximate else ""
        text = self.start.lexical + mark
        if self.end is not None:
            text += "/" + self.end.lexical + mark
        return text

    @property
    def earliest(self) -> dt.date | None:
        return self.start.earliest if self.start else None

    @property
    def latest(self) -> dt.date | None:
        if self.start is None:
            return None
        return (self.end or self.start).latest


@dataclass(frozen=True)
class Language:
    """A language named in a record, with its ISO 639 codes (from pycountry's ISO 639-3 data)."""

    name: str
    iso639_3: str
    bcp47: str  # ISO 639-1 code where one exists, else the ISO 639-3 code


@dataclass(frozen=True)
class AgentRef:
    """A person or organization as a record names it, in a role such as creator."""

    name: str
    kind: AgentKind
    office: str | None = None  # e.g. "First Secretary"
    office_organization: "AgentRef | None" = None  # the body the office belongs to
    parent: "AgentRef | None" = None  # e.g. the party a Central Committee belongs to


@dataclass(frozen=True)
class ArchivalUnit:
    """One level of an archival reference: fond 3, opis 24, delo 463, ..."""

    level: str  # "fond", "opis", "papka", "delo", "collection", ...
    identifier: str


@dataclass(frozen=True)
class ArchivalReference:
    """Where the original is held, verbatim and broken into its parts."""

    verbatim: str  # "AP RF, f. 3, op. 24, d. 463, ll. 163-174"
    archive: str  # as printed: "AP RF", "Arhiv Jugoslavije"
    archive_gloss: str | None = None  # bracketed translation, "National Archives of Yugoslavia"
    collection: str | None = None  # "Arhiv CK SKJ"
    collection_gloss: str | None = None
    shelfmark: str = ""  # the reference within the archive: "f. 3, op. 24, d. 463, ll. 163-174"
    units: tuple[ArchivalUnit, ...] = ()  # parsed fond/opis/delo, outermost first
    folios: str | None = None  # "163-174" (listy)


@dataclass(frozen=True)
class PublicationRef:
    """A publication that printed the record or that the citation points to."""

    verbatim: str
    relation: PublicationRelation
    periodical: str  # "Istochnik", "CWIHP Bulletin"
    issue: str | None = None  # "4", "10"
    date: PartialDate | None = None  # year (and month) of the issue
    pages: str | None = None  # "4-8", "99"
    note: str | None = None  # "in its entirety"


@dataclass(frozen=True)
class Citation:
    """The archive's suggested citation, as printed and in parts."""

    text: str
    quoted_title: str | None = None
    date_text: str | None = None
    digital_archive: str | None = None  # "Wilson Center Digital Archive"
    archival: ArchivalReference | None = None
    publications: tuple[PublicationRef, ...] = ()
    translators: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class ContentItem:
    """An entry of the record's ``Contents:`` list, e.g. ``Translation - English``."""

    label: str
    kind: ContentKind
    language: Language | None = None


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class SourceFile:
    """The input file a record was read from, for provenance."""

    name: str  # file name, e.g. "000_b15e87d12b1721f2.txt"
    sha256: str
    size: int


@dataclass(frozen=True)
class Record:
    """One archive page, read and typed, not yet mapped to RDF."""

    source: SourceFile
    doc_id: Located[str]  # the archive's document number, from the page URL
    title: Located[str]
    kind: str  # document kind key from ontology/kinds.ttl: "letter", "telegram", ...
    is_excerpt: bool
    date: Located[DateValue] | None = None
    citation: Located[Citation] | None = None
    summary: Located[str] | None = None
    credits: Located[str] | None = None
    languages: tuple[Located[Language], ...] = ()
    contents: tuple[Located[ContentItem], ...] = ()
    body: Located[str] | None = None
    footnotes: tuple[Located[Footnote], ...] = ()
    creators: tuple[Located[AgentRef], ...] = ()
    recipients: tuple[Located[AgentRef], ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
