"""The bundled authority file and the curated decisions."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from kg.assets import data_file
from kg.entities.authority import PUBLISHED_CONFIDENCE, load_authority
from kg.errors import UsageError
from tests.entities_support import small_authority

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikidata-seed-entities.json"


@pytest.fixture(scope="module")
def bundled():
    return load_authority(data_file("authority.csv"), data_file("decisions.csv"))


@pytest.fixture(scope="module")
def rows():
    with data_file("authority.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_bundled_authority_loads_and_knows_the_seed_people(bundled):
    for key in ("lavrentiy-beria", "georgy-malenkov", "nikita-khrushchev", "nikolai-bulganin",
                "joseph-stalin", "imre-nagy", "dwight-d-eisenhower", "winston-churchill",
                "josip-broz-tito", "milovan-djilas"):
        assert bundled.get(key).type == "person"


def test_every_qid_has_its_evidence_and_every_date_its_source(rows):
    for row in rows:
        if row["qid"]:
            assert row["qid_source"] and row["qid_confidence"], row["id"]
        if row["born"] or row["died"]:
            assert row["dates_source"], row["id"]


def test_only_doubly_sourced_qids_are_published(bundled):
    for entry in bundled:
        if entry.published_qid:
            assert entry.qid_confidence in PUBLISHED_CONFIDENCE
    assert bundled.get("council-of-ministers-of-the-soviet-union").published_qid is None  # one source, doubted
    assert bundled.get("communist-party-of-the-soviet-union").published_qid is None  # one source
    assert bundled.get("joseph-stalin").published_qid == "Q855"


@pytest.mark.skipif(not SHARED.exists(), reason="shared/data is not beside the checkout")
def test_qids_come_from_the_shared_verified_file_and_nulls_stay_null(rows):
    entries = json.loads(SHARED.read_text(encoding="utf-8"))
    text = SHARED.read_text(encoding="utf-8")
    null_labels = {e["label"] for e in entries if e["qid"] is None}
    by_qid = {e["qid"]: e for e in entries if e["qid"]}
    for row in rows:
        if not row["qid"]:
            continue
        # Each shipped QID is in the shared file, as an entry or in the evidence quoted in its notes.
        assert re.search(rf"\b{row['qid']}\b", text), row["id"]
        if row["qid"] in by_qid:
            assert row["qid_confidence"] == by_qid[row["qid"]]["confidence"]
    nulls_in_authority = {row["preferred_name"] for row in rows} & null_labels
    assert nulls_in_authority  # e.g. Georgy Malenkov, Josip Broz Tito
    for row in rows:
        if row["preferred_name"] in null_labels:
            assert not row["qid"], f"{row['id']} must not get a QID the shared file leaves null"


def test_parent_templates_expand_to_every_name_of_the_parent(bundled):
    names = bundled.names("central-committee-of-the-communist-party-of-the-soviet-union")
    assert {"CC CPSU", "CPSU CC", "CC of the Communist Party of the Soviet Union"} <= set(names)
    assert "CC {parent}" not in bundled.get("central-committee-of-the-communist-party-of-the-soviet-union").plain_alt_names


@pytest.mark.parametrize("row, problem", [
    ({"id": "x", "type": "person", "preferred_name": "X", "qid": "855", "qid_source": "s"}, "not a Wikidata item"),
    ({"id": "x", "type": "person", "preferred_name": "X", "qid": "Q855"}, "no qid_source"),
    ({"id": "x", "type": "person", "preferred_name": "X", "born": "1900"}, "without dates_source"),
    ({"id": "x", "type": "thing", "preferred_name": "X"}, "type must be"),
    ({"id": "X Y", "type": "person", "preferred_name": "X"}, "lower-case"),
    ({"id": "x", "type": "organization", "preferred_name": "X", "parent": "nobody"}, "unknown parent"),
    ({"id": "x", "type": "organization", "preferred_name": "X", "alt_names": "CC {parent}"}, "no parent"),
])
def test_bad_rows_are_refused_with_file_and_line(tmp_path, row, problem):
    with pytest.raises(UsageError, match=problem):
        small_authority(tmp_path, [row])


def test_a_parent_cycle_is_refused(tmp_path):
    rows = [{"id": "a", "type": "organization", "preferred_name": "A", "parent": "b"},
            {"id": "b", "type": "organization", "preferred_name": "B", "parent": "a"}]
    with pytest.raises(UsageError, match="own ancestor"):
        small_authority(tmp_path, rows)


ROWS = [
    {"id": "ann-example", "type": "person", "preferred_name": "Ann Example", "qid": "Q900000101",
     "qid_source": "test", "qid_confidence": "one source"},
    {"id": "bob-example", "type": "person", "preferred_name": "Bob Example", "qid": "Q900000102",
     "qid_source": "test", "qid_confidence": "two sources"},
]
HEADER = "entity_id,type,name,decision,qid,note,date\n"


def test_decisions_accept_and_reject_on_load(tmp_path):
    decisions = (HEADER + "ann-example,person,Ann Example,accepted,Q900000101,checked,2024-01-01\n"
                 "bob-example,person,Bob Example,rejected,Q900000102,wrong person,2024-01-01\n"
                 "new-person,person,New Person,accepted,Q900000103,found by rules,2024-01-01\n")
    authority = small_authority(tmp_path, ROWS, decisions)
    assert authority.link("ann-example") == "Q900000101"
    assert authority.get("ann-example").qid_confidence == "accepted"
    assert authority.link("bob-example") is None
    assert authority.link("new-person") == "Q900000103"  # not in the file: the decision alone links it


@pytest.mark.parametrize("line, problem", [
    ("ann-example,person,Ann,maybe,Q1,,\n", "decision must be one of"),
    ("ann-example,person,Ann,accepted,,,\n", "needs a QID"),
    (",person,Ann,no-match,,,\n", "entity_id is empty"),
])
def test_bad_decisions_are_refused(tmp_path, line, problem):
    with pytest.raises(UsageError, match=problem):
        small_authority(tmp_path, ROWS, HEADER + line)


def test_two_accepted_qids_for_one_entity_conflict(tmp_path):
    decisions = HEADER + ("ann-example,person,Ann,accepted,Q900000101,,\n"
                          "ann-example,person,Ann,accepted,Q900000109,,\n")
    with pytest.raises(UsageError, match="keep one"):
        small_authority(tmp_path, ROWS, decisions)


def test_bundled_decisions_file_is_well_formed():
    from kg.entities.decisions import read_decisions

    read_decisions(data_file("decisions.csv"))
