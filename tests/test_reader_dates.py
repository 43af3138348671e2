"""The date line: every printed form the archive uses, and the ones that must be refused."""

from __future__ import annotations

import pytest

from kg.errors import RecordError
from kg.records import DateValue, PartialDate
from tests.test_reader_support import parse, record_text

P = PartialDate


@pytest.mark.parametrize(
    ("printed", "start", "end", "approximate", "edtf"),
    [
        ("July 1, 1953", P(1953, 7, 1), None, False, "1953-07-01"),
        ("1 July 1953", P(1953, 7, 1), None, False, "1953-07-01"),
        ("Sept. 3, 1953", P(1953, 9, 3), None, False, "1953-09-03"),
        ("June 1954", P(1954, 6), None, False, "1954-06"),
        ("1961", P(1961), None, False, "1961"),
        ("February 29, 1952", P(1952, 2, 29), None, False, "1952-02-29"),
        ("March 5-7, 1953", P(1953, 3, 5), P(1953, 3, 7), False, "1953-03-05/1953-03-07"),
        ("5-7 March 1953", P(1953, 3, 5), P(1953, 3, 7), False, "1953-03-05/1953-03-07"),
        ("March 30 - April 2, 1953", P(1953, 3, 30), P(1953, 4, 2), False, "1953-03-30/1953-04-02"),
        ("December 30, 1953 - January 2, 1954", P(1953, 12, 30), P(1954, 1, 2), False, "1953-12-30/1954-01-02"),
        ("1950 - 1953", P(1950), P(1953), False, "1950/1953"),
        ("1950\u20131953", P(1950), P(1953), False, "1950/1953"),
        ("June 1954 - July 1955", P(1954, 6), P(1955, 7), False, "1954-06/1955-07"),
        ("c. 1955", P(1955), None, True, "1955~"),
        ("ca. 1955", P(1955), None, True, "1955~"),
        ("circa 1955", P(1955), None, True, "1955~"),
        ("c. 1950 - 1953", P(1950), P(1953), True, "1950~/1953~"),
    ],
)
def test_date_forms(printed, start, end, approximate, edtf):
    record = parse(record_text(date=printed))
    assert record.date.value == DateValue(printed, start, end, approximate)
    assert record.date.value.edtf == edtf
    assert record.date.line == 3


@pytest.mark.parametrize("printed", ["undated", "Undated", "n.d.", "[undated]"])
def test_undated_keeps_the_printed_form(printed):
    record = parse(record_text(date=printed))
    assert record.date.value == DateValue(printed, start=None)
    assert record.date.value.edtf is None


def test_missing_date_line():
    record = parse(record_text(date=None))
    assert record.date is None
    assert record.title.value == "Letter from Ann Smith to Bob Jones"


@pytest.mark.parametrize(
    ("printed", "problem"),
    [
        ("Juvember 45, 1953", "unknown word 'Juvember'"),
        ("February 30, 1953", "February 1953 has no day 30"),
        ("July 32, 1953", "July 1953 has no day 32"),
        ("1953 - 1950", "the range ends before it starts"),
        ("July 1", "no year"),
        ("1-2-3", "more than one range dash"),
        ("July 1, 1953 1954", "unexpected number 1954"),
    ],
)
def test_unreadable_date_is_an_error_naming_the_line(printed, problem):
    with pytest.raises(RecordError) as caught:
        parse(record_text(date=printed), path="dir/bad.txt")
    error = caught.value
    assert (error.path, error.line) == ("dir/bad.txt", 3)
    assert str(error) == f"dir/bad.txt:3: cannot read the date {printed!r}: {problem}"
