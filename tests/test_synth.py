"""The synthetic archive generator: deterministic, in the seed format, readable, malformed on purpose."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kg.errors import RecordError
from kg.synth import MTIME, generate, synth_record
from kg.synth.record import DEFECTS


def test_same_seed_and_index_give_the_same_bytes():
    assert [synth_record(i, seed=7).data for i in range(50)] == [synth_record(i, seed=7).data for i in range(50)]


def test_another_seed_gives_another_archive():
    assert synth_record(3, seed=1).data != synth_record(3, seed=2).data


def test_a_record_does_not_depend_on_the_archive_size(tmp_path):
    small = generate(tmp_path / "small", 30, seed=5)
    large = generate(tmp_path / "large", 60, seed=5)
    assert large.names[:30] == small.names
    for name in small.names:
        assert (tmp_path / "small" / name).read_bytes() == (tmp_path / "large" / name).read_bytes()


def test_generate_writes_n_files_with_a_fixed_mtime_and_reuses_them(tmp_path):
    manifest = generate(tmp_path, 40, seed=1, jobs=2)
    files = sorted(tmp_path.glob("*.txt"))
    assert [f.name for f in files] == sorted(manifest.names) and len(files) == 40
    assert {int(os.stat(f).st_mtime) for f in files} == {MTIME}
    assert generate(tmp_path, 40, seed=1) == manifest
    assert len(list(tmp_path.glob("*.txt"))) == 40


def test_regenerating_with_other_settings_leaves_no_stale_records(tmp_path):
    generate(tmp_path, 40, seed=1)
    again = generate(tmp_path, 10, seed=2)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(again.names)


def test_records_have_the_seed_layout():
    record = next(r for i in range(100) if (r := synth_record(i)).defect is None and len(r.data) > 2000)
    text = record.data.decode("utf-8")
    assert text.startswith("\n\n**") and not text.endswith("\n")
    for heading in ("**Citation:**", "**Summary:**", "**Original Language:**", "**Contents:**"):
        assert f"\n\n{heading}\n\n" in text
    assert "Wilson Center Digital Archive" in text
    assert re.search(r"<https://[^>]+/document/\d+>", text)
    assert re.fullmatch(r"\d{7}_[0-9a-f]{16}\.txt", record.name)


def test_titles_wrap_with_two_space_hard_breaks():
    texts = [synth_record(i).data.decode("utf-8", "replace") for i in range(60)]
    wrapped = [t for t in texts if re.search(r"\n\n\*\*[^*\n]+[^ ]  \n[^*\n]+\*\*\n", t)]
    assert wrapped


def test_about_one_to_two_percent_are_malformed_in_every_way():
    defects = [synth_record(i).defect for i in range(3000)]
    broken = [d for d in defects if d]
    assert 0.01 <= len(broken) / len(defects) <= 0.02
    assert set(broken) == set(DEFECTS)


def test_no_authority_identifiers_are_invented():
    for i in range(300):
        text = synth_record(i).data.decode("utf-8", "replace")
        assert "wikidata" not in text.lower()
        assert not re.search(r"\bQ\d+\b", text)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    return generate(folder, 400, seed=11, malformed_rate=0.05)


def test_every_well_formed_record_reads_and_every_malformed_one_is_rejected(archive):
    from kg.reader import read_records

    accepted, rejected = set(), set()
    for item in read_records(archive.folder):
        if isinstance(item, RecordError):
            rejected.add(Path(item.path).name)
        else:
            accepted.add(item.source.name)
            assert item.title.value and item.doc_id.value
    assert accepted == set(archive.well_formed)
    assert rejected == set(archive.defects)
