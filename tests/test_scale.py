"""The build at scale: the same bytes whatever the jobs, shards or engine; the pieces it is made of."""

from __future__ import annotations

import random
import re
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.build import build
from kg.cli import cli
from kg.publish import line_sort_key, write_dumps
from kg.publish.dumps import write_dump
from kg.scale.chunks import dump_form, merge_files, merge_unique, sort_form, write_lines
from kg.scale.shacl import validate_paths, validate_record, with_loaded_files
from kg.shacl import validate_store
from kg.scale.store import load_store, ntriples_parts
from kg.scale.shards import parse_shard, select_shard
from kg.synth import generate
from kg.errors import UsageError
from kg.triples import Triples
from kg.validate import Report
from kg.vocab import DCTERMS, DEFAULT_BASE_IRI, KG
from tests.conftest import SEEDS
from tests.test_incremental import assert_same_output


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    generate(folder, 30, seed=9, malformed_rate=0.1)
    (folder / "zz_copy.txt").write_bytes(next(folder.glob("0000000_*")).read_bytes())  # a duplicate document
    return folder


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory):
    """One process, no cache, the default engine: what every other way must reproduce."""
    return build(archive, tmp_path_factory.mktemp("reference"), jobs=1)


def test_the_archive_has_every_kind_of_outcome(reference):
    assert reference.published and reference.rejected
    assert any("already read from" in (o.error or "") for o in reference.rejected)


def test_an_outcome_still_has_its_lines_after_a_build_without_cache(reference):
    dump = set((reference.out_dir / "kg.nt").read_text(encoding="utf-8").splitlines())
    for outcome in reference.published[:3]:
        assert outcome.lines and set(outcome.lines) <= dump
        assert any(f"/document/{outcome.doc_id}>" in line for line in outcome.lines)


def test_worker_processes_give_the_same_bytes(archive, reference, tmp_path):
    result = build(archive, tmp_path / "parallel", jobs=2)
    assert_same_output(reference.out_dir, tmp_path / "parallel")
    assert [o.error for o in result.outcomes] == [o.error for o in reference.outcomes]


def test_shards_merged_give_the_same_bytes(archive, reference, tmp_path):
    shards = [tmp_path / f"shard{i}" for i in (1, 2, 3)]
    for number, folder in enumerate(shards, start=1):
        build(archive, folder, shard=(number, 3), jobs=1)
    build(None, tmp_path / "merged", merge=shards, jobs=2)
    assert_same_output(reference.out_dir, tmp_path / "merged")


def test_shard_and_merge_from_the_command_line(archive, reference, tmp_path):
    runner = CliRunner()
    for part in ("1/2", "2/2"):
        result = runner.invoke(cli, ["build", "--input", str(archive), "--shard", part,
                                     "--out", str(tmp_path / part.replace("/", "of"))])
        assert result.exit_code in (0, 1), result.output
    result = runner.invoke(cli, ["build", "--merge", str(tmp_path / "1of2"), "--merge", str(tmp_path / "2of2"),
                                 "--out", str(tmp_path / "merged")])
    assert result.exit_code == 1 and "rejected" in result.stdout
    assert_same_output(reference.out_dir, tmp_path / "merged")


def test_a_shard_of_other_settings_is_refused(archive, tmp_path):
    build(archive, tmp_path / "shard", shard=(1, 1), jobs=1)
    with pytest.raises(UsageError, match="other settings"):
        build(None, tmp_path / "merged", merge=[tmp_path / "shard"], base="https://other.example.org/")


def test_shards_partition_the_input_in_order():
    paths = list(range(10))
    parts = [select_shard(paths, (i, 3)) for i in (1, 2, 3)]
    assert sum(parts, []) == paths and all(parts)
    assert parse_shard("2/8") == (2, 8)
    for bad in ("0/3", "4/3", "x", "1/2/3"):
        with pytest.raises(UsageError):
            parse_shard(bad)


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
def test_every_engine_publishes_the_same_bytes(archive, reference, tmp_path, engine):
    # The reference build ran the default engine, kg.
    build(archive, tmp_path / engine, engine=engine, jobs=2)
    assert_same_output(reference.out_dir, tmp_path / engine)


def _broken_record_graph() -> tuple[bytes, list[Graph]]:
    from kg.entities import load_authority
    from kg.reader import read_record
    from kg.scale.worker import chunk_lines, record_graphs
    from kg.vocab import IriMinter

    record = read_record(SEEDS / "000_b15e87d12b1721f2.txt")
    parts = record_graphs(record, minter=IriMinter(), authority=load_authority())
    graph = Triples(triple for part in parts for triple in part).graph()
    document = URIRef(IriMinter().document("111310"))
    graph.remove((document, DCTERMS.title, None))  # a required property gone
    graph.add((document, DCTERMS.identifier, URIRef("https://example.org/not-a-literal")))
    lines = chunk_lines([graph])
    return "".join(dump_form(line) + "\n" for line in lines).encode(), [graph]


@pytest.mark.parametrize("engine", ["kg", "turbo"])
def test_per_record_validation_agrees_between_engines(engine):
    data, graphs = _broken_record_graph()
    fast = validate_record(data, None, engine)
    reference = validate_record(data, graphs, "pyshacl")
    assert fast and [v.sentence() for v in fast] == [v.sentence() for v in reference]
    assert validate_record(data, None, "pyshacl") == reference  # from the N-Triples alone


def test_the_kg_engine_reports_exactly_pyshacls_violations_for_a_record():
    data, graphs = _broken_record_graph()
    assert validate_record(data, None, "kg") == validate_record(data, graphs, "pyshacl")


@pytest.mark.parametrize("engine", ["kg", "turbo"])
@pytest.mark.parametrize("suffix", [".nt", ".nq", ".ttl"])  # the kg engine reads N-Triples and N-Quads
def test_kg_validate_agrees_between_engines(tmp_path, engine, suffix):  # with pyoxigraph, Turtle with rdflib
    data, graphs = _broken_record_graph()
    broken = tmp_path / f"broken{suffix}"
    if suffix == ".nt":
        broken.write_bytes(data)
    elif suffix == ".nq":  # in a named graph, which kg validate merges into one
        broken.write_bytes(b"".join(line[:-2] + b" <urn:x-kg:graph> .\n" for line in data.splitlines(keepends=True)))
    else:
        broken.write_text(Graph().parse(data=data, format="nt").serialize(format="turtle"), encoding="utf-8")
    fast, reference = validate_paths([broken], engine), validate_paths([broken], "pyshacl")
    assert not fast.conforms and fast.sentences() == reference.sentences()
    result = CliRunner().invoke(cli, ["validate", "--engine", engine, str(broken)])
    assert result.exit_code == 1 and "title" in result.stdout


def test_kg_validate_runs_the_kg_engine_by_default(tmp_path, monkeypatch):
    import kg.shacl

    data, _ = _broken_record_graph()
    broken = tmp_path / "broken.nt"
    broken.write_bytes(data)
    calls = []
    conforming = Report(conforms=True, violations=(), report_graph=Graph())
    monkeypatch.setattr(kg.shacl, "validate_store", lambda store, **_: calls.append(len(store)) or conforming)
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 0 and calls == [data.count(b"\n")]


# --- the merged graph's check ----------------------------------------------------------------

def _shared_part(lines: list[str]) -> list[str]:
    """The lines outside the records' own blocks (whose subjects are documents or under them)."""
    return [line for line in lines if not line.startswith(f"<{DEFAULT_BASE_IRI}document/")]


def test_the_shared_graph_alone_shows_what_the_whole_graph_shows(reference, tmp_path):
    """No shape on a shared or derived node reads a document's own lines, so the build may check the
    merged graph's shared nodes on its shared lines alone (each document's nodes were checked with
    its record): here, with persons' types and names dropped."""
    lines = (reference.out_dir / "kg.nt").read_text(encoding="utf-8").splitlines()
    person, dropped = f"<{DEFAULT_BASE_IRI}person/", (f" <{RDF.type}> ", "<https://schema.org/name>")
    broken = [line for line in lines if not (line.startswith(person) and any(p in line for p in dropped))]
    assert len(broken) < len(lines)
    whole, shared = tmp_path / "whole.nt", tmp_path / "shared.nt"
    whole.write_text("\n".join(broken) + "\n", encoding="utf-8")
    shared.write_text("\n".join(_shared_part(broken)) + "\n", encoding="utf-8")
    document = URIRef(f"{DEFAULT_BASE_IRI}document/")
    expected = [v for v in validate_paths([whole]).violations if not v.focus_node.startswith(document)]
    assert expected and list(validate_paths([shared]).violations) == expected


def test_a_broken_derived_resource_is_reported_and_the_rest_published(tmp_path, monkeypatch):
    import kg.scale.publish

    pair = f"{DEFAULT_BASE_IRI}dataset/co-mention/broken"
    original = kg.scale.publish.analytics_lines
    monkeypatch.setattr(kg.scale.publish, "analytics_lines", lambda *a, **k: [
        *original(*a, **k), sort_form(f"<{pair}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.CoMention}> .")])
    result = CliRunner().invoke(cli, ["build", "--input", str(SEEDS), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1 and "rejected" not in result.stderr  # every record is fine: the graph is not
    assert re.search(r"^merged graph: \S*co-mention/broken\S*: kg:rank: ", result.stderr, re.MULTILINE)
    report = Graph().parse(tmp_path / "out" / "validation.ttl")
    assert report.query(f"""ASK {{ ?report sh:conforms false ; sh:result [ sh:focusNode <{pair}> ;
                                     sh:resultPath <{KG.rank}> ] }}""", initNs={"sh": SH})
    assert Graph().parse(tmp_path / "out" / "kg.nt").query(f"ASK {{ <{pair}> ?p ?o }}")  # published all the same


def test_work_submitted_apart_runs_in_a_process_that_then_exits():
    import multiprocessing
    import os

    from kg.scale.pool import MIN_PARALLEL, Workers

    with Workers(2, settings=None) as workers:
        before = set(multiprocessing.active_children())
        assert workers.submit_apart(os.getpid, size=MIN_PARALLEL).result() != os.getpid()
        for _ in range(200):  # it exits on its own, before the workers are closed
            if set(multiprocessing.active_children()) <= before:
                break
            time.sleep(0.05)
        assert set(multiprocessing.active_children()) <= before
        assert workers.submit_apart(os.getpid, size=MIN_PARALLEL - 1).result() == os.getpid()  # small: here


def test_the_store_holds_the_dump(archive, tmp_path):
    result = build(archive, tmp_path / "out", store=True, jobs=1)
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    assert len(store) == result.triples
    again = build(archive, tmp_path / "out", store=True, jobs=1)  # replaced, not added to
    assert len(ox.Store.read_only(str(tmp_path / "out" / "store"))) == again.triples


def test_the_store_is_loaded_in_parts_that_end_at_line_ends(reference, tmp_path):
    dump = reference.out_dir / "kg.nt"
    parts = list(ntriples_parts(dump, 4096))
    assert len(parts) > 10 and b"".join(parts) == dump.read_bytes()
    assert all(part.endswith(b"\n") for part in parts)
    load_store(str(dump), str(tmp_path / "store"), part_size=4096)
    whole = ox.Store()  # loaded from the whole file at once (a store writes some literals in canonical form)
    whole.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES)
    assert set(ox.Store.read_only(str(tmp_path / "store"))) == set(whole)


@pytest.fixture
def on_disk(monkeypatch):
    """kg validate with an on-disk store for any file, loaded in parts of a few lines; the stores made."""
    import kg.scale.shacl
    import kg.scale.store

    monkeypatch.setattr(kg.scale.shacl, "IN_MEMORY_MAX_BYTES", 0)
    monkeypatch.setattr(kg.scale.store, "LOAD_PART_BYTES", 1 << 16)
    locations = []
    load = kg.scale.shacl.load_files
    monkeypatch.setattr(kg.scale.shacl, "load_files", lambda paths, location=None: locations.append(location)
                        or load(paths, location))
    return locations


@pytest.mark.parametrize("order", ["sorted", "shuffled"])  # kg.nt's order, and none: the store's index groups
def test_kg_validate_on_disk_reports_what_it_reports_in_memory(reference, tmp_path, on_disk, order):
    data, _ = _broken_record_graph()
    lines = (reference.out_dir / "kg.nt").read_bytes().splitlines(keepends=True) + data.splitlines(keepends=True)
    if order == "sorted":
        lines.sort(key=lambda line: sort_form(line.decode()))
    else:
        random.Random(3).shuffle(lines)
    dump = tmp_path / "dump.nt"
    dump.write_bytes(b"".join(lines))
    in_memory, disk = with_loaded_files([dump], lambda store, disk: (validate_store(store), disk), in_memory_max=1 << 40)
    assert not disk
    on_disk.clear()
    assert not in_memory.conforms and validate_paths([dump], "kg").sentences() == in_memory.sentences()
    assert len(on_disk) == 1 and on_disk[0] is not None


def test_kg_validate_on_disk_names_the_line_of_a_syntax_error(tmp_path, on_disk):
    broken = tmp_path / "broken.nt"
    broken.write_text("".join(f'<urn:x:{i}> <urn:x:p> "{i}" .\n' for i in range(5000)) + "<urn:x:a> <urn:x:p> bad .\n",
                      encoding="utf-8")  # past the first part
    with pytest.raises(UsageError, match=r"broken\.nt: not valid N-Triples: .*line 5001\b"):
        validate_paths([broken], "kg")
    assert on_disk and on_disk[0] is not None


def test_kg_validate_says_where_it_could_not_write_its_on_disk_store(tmp_path, on_disk, monkeypatch):
    import tempfile

    data, _ = _broken_record_graph()
    (tmp_path / "dump.nt").write_bytes(data)
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "not-a-folder"))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "dump.nt")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "not-a-folder" in result.output and "TMPDIR sets the folder" in result.output


# --- the pieces ---------------------------------------------------------------------------

LINES = [
    '<https://x.org/a/b> <https://x.org/p> "1" .',
    '<https://x.org/a/b/c> <https://x.org/p> "2" .',
    '<https://x.org/a/b> <https://x.org/q> <https://x.org/a/b/c> .',
    '<https://x.org/a> <https://x.org/p> "with > and \\u0000 inside" .',
    '<https://x.org/a/b-> <https://x.org/p> "3" .',
]


def test_sort_form_orders_lines_as_the_dumps_do():
    shuffled = LINES * 2
    random.Random(1).shuffle(shuffled)
    assert [dump_form(line) for line in sorted({sort_form(l) for l in shuffled})] == sorted(set(LINES), key=line_sort_key)


def test_merge_keeps_each_line_once_in_order():
    one, two = sorted(map(sort_form, LINES[:3])), sorted(map(sort_form, LINES[1:]))
    assert list(merge_unique([one, two])) == sorted(set(map(sort_form, LINES)))


def test_merging_many_files_in_rounds_gives_the_same_stream(tmp_path):
    rng = random.Random(2)
    files = []
    for number in range(7):
        path = tmp_path / f"chunk{number}.nt"
        write_lines(sorted({sort_form(line) for line in rng.sample(LINES, 3)}), path)
        files.append(path)
    (tmp_path / "scratch").mkdir()
    assert list(merge_files(files, scratch=tmp_path / "scratch", fan_in=2)) == sorted(set(map(sort_form, LINES)))


# --- the dumps assembled from pieces --------------------------------------------------------

BASE = "https://kg.example.org/id/"


def assert_assembled_as_one_writer(out) -> None:
    """kg.ttl and kg.jsonld, assembled from blocks, are what one writer makes of the sorted kg.nt."""
    lines = (out / "kg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines), key=line_sort_key)
    for name in ("kg.ttl", "kg.jsonld"):
        whole = out / f"whole-{name}"
        write_dump(name, out / "kg.nt", whole, BASE)
        assert (out / name).read_bytes() == whole.read_bytes(), name
        whole.unlink()


def test_dumps_assembled_from_pieces_equal_one_writer(reference):
    assert_assembled_as_one_writer(reference.out_dir)


def test_small_batches_of_shared_lines_give_the_same_dumps(archive, reference, tmp_path, monkeypatch):
    monkeypatch.setattr("kg.scale.assemble.BATCH_LINES", 3)
    build(archive, tmp_path / "small", jobs=1)
    assert_same_output(reference.out_dir, tmp_path / "small")


def test_document_numbers_that_interleave_are_merged_line_by_line(tmp_path):
    # Without a page URL the document number is the file name's slug: "a" and "a-b" interleave
    # in the dump order (document/a, then document/a-b..., then document/a/...).
    text = (SEEDS / "000_b15e87d12b1721f2.txt").read_text(encoding="utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    without_url = "".join(line for line in text.splitlines(keepends=True) if "/document/" not in line)
    for name in ("a.txt", "a-b.txt", "b.txt"):
        (folder / name).write_text(without_url, encoding="utf-8")
    result = build(folder, tmp_path / "out", jobs=1)
    assert sorted(o.doc_id for o in result.published) == ["a", "a-b", "b"]
    assert_assembled_as_one_writer(tmp_path / "out")
    assert len(Graph().parse(tmp_path / "out" / "kg.nt", format="nt")) == result.triples


def test_write_dumps_still_takes_lines(tmp_path):
    write_dumps(sorted(set(LINES), key=line_sort_key), tmp_path)
    assert len(Graph().parse(tmp_path / "kg.ttl")) == len(Graph().parse(tmp_path / "kg.nt", format="nt")) == 5
