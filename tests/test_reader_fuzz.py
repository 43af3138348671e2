"""Mangled records: whatever happens to a page, the reader answers with a Record or a RecordError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import RecordError
from kg.reader import parse_record
from kg.records import Record, SourceFile
from tests.test_reader_support import SEED_000, SEED_004, record_text

SOURCE = SourceFile(name="fuzz.txt", sha256="0" * 64, size=0)
TEXTS = [SEED_000.read_text(encoding="utf-8"), SEED_004.read_text(encoding="utf-8"), record_text()]

# Markdown's own punctuation and the archive's separators make the interesting insertions.
_SNIPPETS = st.sampled_from(
    ["**", "**Citation:**", "**Contents:**", "[1] ", " - ", "\r", "\ufeff", "<", ">", "  ", "\u2028"]
)
_INSERTION = st.one_of(st.text(max_size=12), _SNIPPETS)


@st.composite
def mangled(draw) -> str:
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if operation == "delete" and lines:
            del lines[index]
        elif operation == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif operation == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            line = lines[index] if lines else ""
            at = draw(st.integers(0, len(line)))
            lines[index:index + 1] = [line[:at] + draw(_INSERTION) + line[at:]]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_record_gives_a_record_or_a_record_error(text):
    try:
        result = parse_record(text, source=SOURCE, path="fuzz.txt")
    except RecordError as error:
        assert str(error).startswith("fuzz.txt")
        assert "\n" not in error.problem
    else:
        assert isinstance(result, Record)
        assert result.title.value and result.doc_id.value
