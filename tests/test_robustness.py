"""Property-based: mutated seeds never crash kg, and whatever it accepts maps to a conforming graph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import RecordError
from kg.mapper import map_record
from kg.reader import parse_record
from kg.records import SourceFile
from kg.validate import validate
from tests.conftest import SEED_BERIA, SEED_KHRUSHCHEV

SEED_LINES = [path.read_text(encoding="utf-8").split("\n") for path in (SEED_BERIA, SEED_KHRUSHCHEV)]
SOURCE = SourceFile(name="mutated.txt", sha256="0" * 64, size=0)


@st.composite
def mutated_seed(draw) -> str:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "unbold"]))
        if operation == "delete":
            del lines[at : at + draw(st.integers(1, 6))]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            lines.insert(at, draw(st.text(max_size=80)))
        elif operation == "truncate":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines[at] = lines[at].replace("**", "")
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_records_read_or_fail_cleanly_and_accepted_ones_conform(text):
    try:
        record = parse_record(text, source=SOURCE, path="mutated.txt")
    except RecordError as error:
        assert str(error).startswith("mutated.txt"), str(error)
        assert "\n" not in str(error)
        return
    report = validate(map_record(record))
    assert report.conforms, [v.sentence() for v in report.violations]
