"""Property-based: mangled seeds never crash kg, and every record it accepts maps to a conforming graph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from kg.build import map_and_validate
from kg.entities import load_authority
from kg.errors import RecordError
from kg.reader import parse_record
from kg.vocab import IriMinter
from tests.test_reader_fuzz import SOURCE, mangled

AUTHORITY = load_authority()
MINTER = IriMinter()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_accepted_records_map_to_conforming_graphs(text):
    """The whole per-record pipeline (map, entities, validate) as ``kg build`` runs it."""
    try:
        record = parse_record(text, source=SOURCE, path="fuzz.txt")
    except RecordError:
        return  # the reader's own fuzz test checks these messages
    outcome = map_and_validate(record, minter=MINTER, authority=AUTHORITY)
    assert outcome.error is None, outcome.error
    assert not outcome.violations, [v.sentence() for v in outcome.violations]
    assert outcome.lines
