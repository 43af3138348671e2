"""The reader stage: Markdown exports of archive pages -> typed :class:`~kg.records.Record` objects.

``parse_record`` is the pure core (text in, record out); ``read_record`` adds the file
(size limit, UTF-8, checksum); ``read_records`` reads many and never lets one bad file
stop the rest.  Every problem is a :class:`kg.errors.RecordError` naming file and line.
"""

from kg.reader.files import MAX_RECORD_BYTES, RECORD_SUFFIXES, read_record, read_records, record_paths
from kg.reader.record import parse_record
from kg.reader.titles import KINDS, OTHER_KIND

__all__ = [
    "KINDS",
    "MAX_RECORD_BYTES",
    "OTHER_KIND",
    "RECORD_SUFFIXES",
    "parse_record",
    "read_record",
    "read_records",
    "record_paths",
]
