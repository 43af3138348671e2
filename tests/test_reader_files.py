"""Reading files: bad bytes, size limit, and many files where one bad one stops nothing."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from kg.errors import RecordError
from kg.reader import MAX_RECORD_BYTES, read_record, read_records
from kg.records import Record
from tests.test_reader_support import SEED_000, SEED_004, record_text

HINT = "; is it in another encoding?"


def error_of(path) -> RecordError:
    with pytest.raises(RecordError) as caught:
        read_record(path)
    return caught.value


def test_source_file_is_the_raw_bytes(tmp_path):
    path = tmp_path / "one.txt"
    path.write_bytes(b"\xef\xbb\xbf" + record_text().replace("\n", "\r\n").encode())
    record = read_record(path)
    data = path.read_bytes()
    assert (record.source.name, record.source.size) == ("one.txt", len(data))
    assert record.source.sha256 == hashlib.sha256(data).hexdigest()
    assert record.date.line == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "{path}:1: empty record: the file holds no text"),
        (b"**July 1, 1953**\n\nLatin-1: Mali\xe8re\n", "{path}:3: not UTF-8 text (byte 0xe8 at offset 31)" + HINT),
        (b"\n\n\x89PNG\r\n\x1a\n\x00\x00", "{path}:3: not UTF-8 text (byte 0x89 at offset 2)" + HINT),
        (b"**July 1, 1953**\n\n**T\x00itle**\n", "{path}:3: not a text file (NUL byte at offset 21)"),
        (b"\xff\xfe*\x00*\x00", "{path}:1: not UTF-8 text (byte 0xff at offset 0)" + HINT),
        (b"\xef\xbb\xbf\n\xc3(", "{path}:2: not UTF-8 text (byte 0xc3 at offset 4)" + HINT),
    ],
    ids=["empty", "latin-1", "binary", "nul-byte", "utf-16", "after-bom"],
)
def test_bad_bytes_are_one_line_errors_naming_file_and_line(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = error_of(path)
    assert str(error) == message.format(path=path)
    assert "\n" not in str(error)


def test_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: 20 MB without writing them
        stream.truncate(20_000_000)

    def no_reading(*args, **kwargs):
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(type(path), "open", no_reading)
    error = error_of(path)
    assert str(error) == f"{path}: file too large for a record (over {MAX_RECORD_BYTES:,} bytes)"


def test_file_that_cannot_be_read(tmp_path):
    error = error_of(tmp_path / "missing.txt")
    assert error.path == str(tmp_path / "missing.txt")
    assert error.problem == "cannot read the file: No such file or directory"
    assert str(error).startswith(f"{tmp_path / 'missing.txt'}: cannot read")


def test_read_records_from_a_directory_sorted_and_resilient(tmp_path):
    shutil.copy(SEED_004, tmp_path / "b.md")
    shutil.copy(SEED_000, tmp_path / "c.txt")
    (tmp_path / "a.txt").write_bytes(b"\x00junk")
    (tmp_path / "notes.csv").write_text("not a record")
    (tmp_path / "sub.txt").mkdir()  # a directory with a record-like name is no record

    results = list(read_records(tmp_path))

    assert [type(result) for result in results] == [RecordError, Record, Record]
    assert results[0].path == str(tmp_path / "a.txt")
    assert [result.source.name for result in results[1:]] == ["b.md", "c.txt"]
    assert [result.doc_id.value for result in results[1:]] == ["112968", "111310"]


def test_read_records_from_paths_sorted_by_name(tmp_path):
    missing = tmp_path / "0-missing.txt"
    results = list(read_records([str(SEED_004), SEED_000, missing]))
    assert isinstance(results[0], RecordError) and results[0].path == str(missing)
    assert [result.doc_id.value for result in results[1:]] == ["111310", "112968"]


def test_file_gone_between_listing_and_reading_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(record_text())
    (tmp_path / "b.txt").write_text(record_text())
    results = read_records(tmp_path)
    assert isinstance(next(results), Record)
    (tmp_path / "b.txt").unlink()
    error = next(results)
    assert isinstance(error, RecordError) and error.path == str(tmp_path / "b.txt")
    assert list(results) == []


def test_read_records_of_one_file_path():
    [record] = read_records(str(SEED_000))
    assert record.doc_id.value == "111310"
