"""Incremental builds (``kg build --cache``): only changed records are processed, and the output is
byte-identical to a full build of the same inputs."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from kg.build import build
from kg.scale import worker
from kg.synth import generate


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def assert_same_output(first: Path, second: Path) -> None:
    one, two = _files(first), _files(second)
    assert sorted(one) == sorted(two)
    for name in one:
        assert one[name] == two[name], name


@pytest.fixture()
def archive(tmp_path):
    folder = tmp_path / "records"
    generate(folder, 24, seed=3, malformed_rate=0.1)
    return folder


@pytest.fixture()
def processed(monkeypatch):
    """The names of the records the map stage really processed (jobs=1: in this process)."""
    names: list[str] = []
    original = worker.process_record

    def counting(path, clock):
        names.append(Path(path).name)
        return original(path, clock)

    monkeypatch.setattr(worker, "process_record", counting)
    return names


def _edit(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode())


def _first_good(folder: Path) -> Path:
    return next(p for p in sorted(folder.glob("*.txt")) if b"**Citation:**" in p.read_bytes())


def test_a_second_build_processes_nothing_and_writes_the_same(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "a", cache=cache, jobs=1)
    assert len(processed) == 24
    processed.clear()
    build(archive, tmp_path / "b", cache=cache, jobs=1)
    assert processed == []
    assert_same_output(tmp_path / "a", tmp_path / "b")


def test_changing_one_record_reprocesses_only_it_and_matches_a_full_build(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "inc", cache=cache, jobs=1)
    record = _first_good(archive)
    _edit(record, "\n\nA new closing paragraph mentions Comrade Stalin.")
    processed.clear()
    build(archive, tmp_path / "inc", cache=cache, jobs=1)
    assert processed == [record.name]
    build(archive, tmp_path / "full", jobs=1)
    assert_same_output(tmp_path / "inc", tmp_path / "full")


def test_removed_renamed_and_added_records_match_a_full_build(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "inc", cache=cache, jobs=1)
    files = sorted(archive.glob("*.txt"))
    files[0].unlink()
    files[1].rename(archive / ("renamed_" + files[1].name))
    shutil.copy(Path(__file__).parent.parent / "seeds" / "000_b15e87d12b1721f2.txt", archive)
    processed.clear()
    build(archive, tmp_path / "inc", cache=cache, jobs=1)
    assert sorted(processed) == sorted(["renamed_" + files[1].name, "000_b15e87d12b1721f2.txt"])
    build(archive, tmp_path / "full", jobs=1)
    assert_same_output(tmp_path / "inc", tmp_path / "full")


def test_a_touched_but_unchanged_record_is_not_processed(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "out", cache=cache, jobs=1)
    record = _first_good(archive)
    record.write_bytes(record.read_bytes())  # new ctime and mtime, same bytes
    processed.clear()
    build(archive, tmp_path / "out", cache=cache, jobs=1)
    assert processed == []


def test_other_settings_do_not_reuse_the_cache(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "a", cache=cache, jobs=1)
    processed.clear()
    base = "https://archive.example.net/kg/"
    build(archive, tmp_path / "b", cache=cache, jobs=1, base=base)
    assert len(processed) == 24
    build(archive, tmp_path / "c", jobs=1, base=base)
    assert_same_output(tmp_path / "b", tmp_path / "c")


def test_a_deleted_cache_object_is_rebuilt(archive, tmp_path, processed):
    cache = tmp_path / "cache"
    build(archive, tmp_path / "a", cache=cache, jobs=1)
    victim = next((cache / "objects").rglob("*.nt"))
    victim.unlink()
    processed.clear()
    build(archive, tmp_path / "b", cache=cache, jobs=1)
    assert len(processed) == 1
    assert_same_output(tmp_path / "a", tmp_path / "b")


def test_the_parallel_incremental_build_matches_too(archive, tmp_path, monkeypatch):
    from kg.scale import pool

    started = []
    # The worker pool (set up by kg.scale.worker.init), not the process the merged graph's check runs in.
    monkeypatch.setattr(pool, "ProcessPoolExecutor",
                        lambda *a, **k: ("initializer" in k and started.append(1)) or ProcessPoolExecutor(*a, **k))
    cache = tmp_path / "cache"
    build(archive, tmp_path / "inc", cache=cache, jobs=2)
    assert started == [1]
    _edit(_first_good(archive), "\n\nOne more paragraph.")
    build(archive, tmp_path / "inc", cache=cache, jobs=2)
    assert started == [1], "one changed record started worker processes"  # its one bucket is merged here
    build(archive, tmp_path / "full", jobs=1)
    assert_same_output(tmp_path / "inc", tmp_path / "full")


# --- the query store ------------------------------------------------------------------------

def _store_lines(out: Path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(quad.triple) for quad in store)


def _loaded_dump(out: Path) -> list[str]:
    """kg.nt as a store holds it (a store writes some literals canonically: ...Z, not ...+00:00)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(out / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return sorted(str(quad.triple) for quad in store)


@pytest.fixture()
def loads(monkeypatch):
    """How many times the store was bulk-loaded (rather than updated)."""
    from kg.scale import publish

    count = []
    original = publish.load_store

    def counting(*args):
        count.append(args)
        return original(*args)

    monkeypatch.setattr(publish, "load_store", counting)
    return count


def test_the_store_is_updated_in_place_and_holds_the_new_dump(archive, tmp_path, loads):
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(archive, out, cache=cache, jobs=1, store=True)
    assert len(loads) == 1
    files = sorted(archive.glob("*.txt"))
    _edit(_first_good(archive), "\n\nA new closing paragraph mentions Comrade Molotov and the Politburo.")
    files[-1].unlink()
    shutil.copy(Path(__file__).parent.parent / "seeds" / "004_5d627ae21579287d.txt", archive)
    build(archive, out, cache=cache, jobs=1, store=True)
    assert len(loads) == 1, "the store was reloaded, not updated"
    assert _store_lines(out) == _loaded_dump(out)
    build(archive, tmp_path / "full", jobs=1, store=True)
    assert _store_lines(out) == _store_lines(tmp_path / "full")


def test_an_interrupted_store_update_is_followed_by_a_reload(archive, tmp_path, loads):
    from kg.scale.store import StoreState, read_state, write_state

    cache, out = tmp_path / "cache", tmp_path / "out"
    build(archive, out, cache=cache, jobs=1, store=True)
    state = read_state(out / "store")
    write_state(out / "store", StoreState(state.base, state.keys, complete=False))  # as a crash would leave it
    _edit(_first_good(archive), "\n\nOne more paragraph.")
    build(archive, out, cache=cache, jobs=1, store=True)
    assert len(loads) == 2
    assert _store_lines(out) == _loaded_dump(out)
