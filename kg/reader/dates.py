"""Reading a printed date: exact days, months, years, ranges, approximate and undated dates.

The archive prints dates in English, mostly as ``July 1, 1953`` but also ``1 July 1953``,
``June 1954``, ``1961``, ranges (``March 5-7, 1953``, ``March 30 - April 2, 1953``,
``1950 - 1953``) and approximations (``c. 1955``).  A range side may leave out what the
other side states (the month in ``March 5-7``, the year in ``March 30 - April 2, 1953``);
those gaps are filled from the other side before the calendar is checked.
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

from kg.records import DateValue, PartialDate

# English month names are written out here rather than taken from ``calendar.month_name``,
# which follows the process locale: the archive's language does not.
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

UNDATED = frozenset({"undated", "n.d.", "n. d.", "nd", "no date", "date unknown"})
"""Printed forms (compared in lower case) that mean the record carries no date."""

_APPROXIMATE = re.compile(r"^(?:c\.|ca\.|circa|approx\.|approximately)\s*", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s*[-\u2010-\u2015]\s*|\s+to\s+")
_TOKEN = re.compile(r"\s*(?:(?P<number>\d+)(?:st|nd|rd|th)?\b|(?P<word>[^\W\d_]+)\.?|(?P<comma>,))")
_MONTH_YEAR = re.compile(r"(?:\b(?P<month>[A-Za-z]+)\.?\s+)?\b(?P<year>\d{4})\b")


class DateError(ValueError):
    """A printed date that cannot be read; the message says why."""


class _Parts(NamedTuple):  # a named tuple: it is remade for every part read, and a tuple is quick to make
    """What one side of a date states; any part may be missing until filled in."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def parse_date(printed: str) -> DateValue:
    """Read a printed date into a :class:`DateValue`, keeping ``printed`` as given.

    Raises :class:`DateError` for text that is not a date or not a calendar date.
    """
    text = " ".join(printed.split()).strip("[]").strip()
    if not text or text.lower() in UNDATED:
        return DateValue(printed=printed)
    approximate = False
    sides = []
    for side in _RANGE_DASH.split(text):
        side, marked = _strip_approximate(side)
        approximate = approximate or marked
        sides.append(side)
    if len(sides) == 1:
        return DateValue(printed, start=_complete(_parts(sides[0])), approximate=approximate)
    if len(sides) == 2:
        start, end = _fill_range(_parts(sides[0]), _parts(sides[1]))
        return DateValue(printed, start=start, end=end, approximate=approximate)
    raise DateError("more than one range dash")


def find_partial_date(text: str) -> PartialDate | None:
    """The first ``Month YYYY`` or ``YYYY`` in free text such as ``(March 1998)`` or ``(1996-97)``.

    Lenient on purpose: it reads publication dates inside citations, where a season
    (``Winter 1995``) or a double issue year is common and only the year is needed.
    """
    match = _MONTH_YEAR.search(text)
    if match is None:
        return None
    return PartialDate(int(match["year"]), MONTHS.get((match["month"] or "").lower()))


def _strip_approximate(text: str) -> tuple[str, bool]:
    stripped = _APPROXIMATE.sub("", text)
    return stripped, stripped != text


def _parts(text: str) -> _Parts:
    """The year, month and day one side of a date states, in any order."""
    parts = _Parts()
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None or token.end() == position:
            raise DateError(f"unexpected {text[position:].strip()[:1]!r}")
        position = token.end()
        if token["number"]:
            parts = _with_number(parts, token["number"])
        elif token["word"]:
            parts = _with_month(parts, token["word"])
    if parts == _Parts():
        raise DateError("no date in it")
    return parts


def _with_number(parts: _Parts, digits: str) -> _Parts:
    if len(digits) == 4 and parts.year is None:
        return parts._replace(year=int(digits))
    if len(digits) <= 2 and parts.day is None:
        return parts._replace(day=int(digits))
    raise DateError(f"unexpected number {digits}")


def _with_month(parts: _Parts, word: str) -> _Parts:
    month = MONTHS.get(word.lower())
    if month is None:
        raise DateError(f"unknown word {word!r}")
    if parts.month is not None:
        raise DateError(f"two months in one date ({word!r})")
    return parts._replace(month=month)


def _fill_range(first: _Parts, last: _Parts) -> tuple[PartialDate, PartialDate]:
    """Complete both sides of a range from each other, then check it runs forwards."""
    last = _expand_short_year(first, last)
    if first.day is not None and first.month is None:  # "5-7 March 1953"
        first = first._replace(month=last.month)
    if last.day is not None and last.month is None:  # "March 5-7, 1953"
        last = last._replace(month=first.month)
    if first.year is None:  # "March 30 - April 2, 1953"
        first = first._replace(year=last.year)
    start, end = _complete(first), _complete(last)
    if end.latest < start.earliest:
        raise DateError("the range ends before it starts")
    return start, end


def _expand_short_year(first: _Parts, last: _Parts) -> _Parts:
    """Read ``1996-97``: a bare two-digit end after a bare year is a year in the same century."""
    if first.month is None and first.day is None and first.year is not None:
        if last.year is None and last.month is None and last.day is not None:
            year = first.year // 100 * 100 + last.day
            return _Parts(year=year if year >= first.year else year + 100)
    return last


def _complete(parts: _Parts) -> PartialDate:
    """Check a side has a year, a month for its day, and a day its month really has."""
    if parts.year is None:
        raise DateError("no year")
    if parts.year < 1:
        raise DateError(f"year {parts.year} is not a calendar year")
    if parts.day is not None:
        if parts.month is None:
            raise DateError(f"day {parts.day} without a month")
        days = calendar.monthrange(parts.year, parts.month)[1]
        if not 1 <= parts.day <= days:
            month = _MONTH_NAMES[parts.month - 1].capitalize()
            raise DateError(f"{month} {parts.year} has no day {parts.day}")
    return PartialDate(parts.year, parts.month, parts.day)
