"""Reading record files: size limit, UTF-8 decoding, checksums, and many files in a row."""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import RecordError
from kg.reader.record import parse_record
from kg.records import Record, SourceFile

MAX_RECORD_BYTES = 5_000_000
"""Larger files are refused unread: an archive page is tens of kilobytes."""

RECORD_SUFFIXES = frozenset({".txt", ".md"})
"""The files a directory contributes (file name suffix, lower case)."""

PathsOrDir = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def read_record(path: Path) -> Record:
    """Read one record file; every problem with it is a :class:`RecordError`."""
    path = Path(path)
    data = _read_bytes(path)
    source = SourceFile(name=path.name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return parse_record(decode(data, str(path)), source=source, path=str(path))


def read_records(paths_or_dir: PathsOrDir) -> Iterator[Record | RecordError]:
    """Read many records, sorted by file name; a bad one is yielded as its error and the rest go on.

    ``paths_or_dir`` is a directory (its ``*.txt`` and ``*.md`` files), a file, or an
    iterable of files and directories.
    """
    paths, errors = record_paths(paths_or_dir)
    yield from errors
    for path in paths:
        try:
            yield read_record(path)
        except RecordError as error:
            yield error
        except Exception as error:  # noqa: BLE001 - a reader bug must not stop the other records
            yield RecordError(str(path), None, f"kg's reader failed on this record "
                              f"({type(error).__name__}: {error}); please report it as a kg bug")


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of ``data`` (a byte order mark dropped); binary data and other encodings refused."""
    shift = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[shift:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = shift + error.start
        raise RecordError(
            path,
            _line_at(data, offset),
            f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}); is it in another encoding?",
        ) from None
    if (nul := data.find(b"\x00")) >= 0:
        raise RecordError(path, _line_at(data, nul), f"not a text file (NUL byte at offset {nul})")
    return text


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file over the limit before reading it."""
    try:
        if path.stat().st_size <= MAX_RECORD_BYTES:
            with path.open("rb") as stream:
                data = stream.read(MAX_RECORD_BYTES + 1)  # +1: a file that grew since stat is still caught
        else:
            data = None
    except OSError as error:
        raise RecordError(str(path), None, f"cannot read the file: {error.strerror or error}") from None
    if data is None or len(data) > MAX_RECORD_BYTES:
        raise RecordError(str(path), None, f"file too large for a record (over {MAX_RECORD_BYTES:,} bytes)")
    return data


def record_paths(paths_or_dir: PathsOrDir) -> tuple[list[Path], list[RecordError]]:
    """The files to read, sorted by name, and an error for each directory that cannot be listed."""
    items = [paths_or_dir] if isinstance(paths_or_dir, str | os.PathLike) else list(paths_or_dir)
    files, errors = [], []
    for item in map(Path, items):
        if not item.is_dir():
            files.append(item)  # a missing file is reported when it is read
            continue
        try:
            files += [child for child in item.iterdir() if child.suffix.lower() in RECORD_SUFFIXES and child.is_file()]
        except OSError as error:
            errors.append(RecordError(str(item), None, f"cannot list the directory: {error.strerror or error}"))
    return sorted(files, key=lambda file: (file.name, str(file))), errors


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
