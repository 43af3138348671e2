"""``kg build`` end to end: dumps, determinism, two parsers, bad input, atomic writes, exit codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph

from kg.build import build
from kg.cli import cli
from tests.conftest import SEED_BERIA, SEED_KHRUSHCHEV, SEEDS
from tests.rdf_compare import ask, assert_isomorphic

DUMPS = ("kg.ttl", "kg.nt", "kg.jsonld")


def _oxigraph_as_rdflib(path: Path) -> Graph:
    """Parse with pyoxigraph (an independent parser), hand the triples to rdflib for comparison."""
    text = ox.serialize(ox.parse(path=str(path)), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=text.decode("utf-8"), format="nt")


def test_build_writes_every_output(built_seeds):
    out = built_seeds.out_dir
    for name in (*DUMPS, "validation.ttl", "documents/111310.ttl", "documents/112968.ttl"):
        assert (out / name).is_file(), name
    assert built_seeds.records_read == 2 and len(built_seeds.published) == 2
    assert built_seeds.ok and not built_seeds.violations


@pytest.mark.parametrize("name", DUMPS)
def test_dumps_parse_to_the_same_graph_with_rdflib_and_pyoxigraph(built_seeds, name):
    reference = Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")
    path = built_seeds.out_dir / name
    assert_isomorphic(reference, Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[path.suffix[1:]]))
    assert_isomorphic(reference, _oxigraph_as_rdflib(path))
    assert len(reference) == built_seeds.triples


def test_dump_has_no_blank_nodes_and_conforms(built_seeds):
    graph = Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]
    report = Graph().parse(built_seeds.out_dir / "validation.ttl")
    assert ask(report, "ASK { ?r a sh:ValidationReport ; sh:conforms true }")


def test_per_document_files_hold_each_document(built_seeds):
    graph = Graph().parse(built_seeds.out_dir / "documents" / "112968.ttl")
    assert ask(graph, 'ASK { ?d dcterms:identifier "112968" ; dcterms:created "1954-06-22"^^xsd:date }')
    assert not ask(graph, 'ASK { ?d dcterms:identifier "111310" }')


def test_dataset_description_records_the_build(built_seeds):
    graph = Graph().parse(built_seeds.out_dir / "kg.nt", format="nt")
    assert ask(graph, """ASK { ?ds a void:Dataset ; prov:wasGeneratedBy ?b .
        ?b a prov:Activity ; prov:endedAtTime ?t ; prov:used ?src ; prov:wasAssociatedWith ?kg .
        ?kg a prov:SoftwareAgent ; schema:softwareVersion ?v .
        ?doc prov:wasDerivedFrom ?src }""")


def test_two_builds_are_byte_identical(tmp_path):
    first, second = build(SEEDS, tmp_path / "a"), build(SEEDS, tmp_path / "b")
    for path in sorted(p for p in first.out_dir.rglob("*") if p.is_file()):
        twin = second.out_dir / path.relative_to(first.out_dir)
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_base_iri_is_configurable(tmp_path):
    result = build(SEEDS, tmp_path, base="https://archive.example.net/kg/")
    graph = Graph().parse(result.out_dir / "kg.nt", format="nt")
    assert ask(graph, 'ASK { <https://archive.example.net/kg/document/111310> dcterms:identifier "111310" }')


# --- bad input: one clear line each, the rest published -------------------------------------

def _corpus(tmp_path: Path, bad: dict[str, bytes]) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED_BERIA, folder)
    shutil.copy(SEED_KHRUSHCHEV, folder)
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    return folder


def _shuffled_sections(text: str) -> str:
    """Move the Summary section (heading and paragraph) to the end of the record."""
    match = re.search(r"\*\*Summary:\*\*\n\n.*?\n\n", text, re.S)
    return text.replace(match.group(0), "") + "\n\n" + match.group(0)


BERIA_TEXT = SEED_BERIA.read_text(encoding="utf-8")

BAD_RECORDS = {
    "empty.txt": (b"", r"empty.txt.*empty"),
    "no-title.txt": (b"\n\n**July 1, 1953**\n\n**Citation:**\n\nSome citation.\n", r"no-title.txt:\d+: .*title"),
    "bad-date.txt": (BERIA_TEXT.replace("**July 1, 1953**", "**Juvember 45, 1953**").replace("111310", "900001").encode(),
                     r"bad-date.txt:3: .*date"),
    "junk.txt": (bytes(range(256)) * 8, r"junk.txt.*(binary|UTF-8)"),
    "latin1.txt": (BERIA_TEXT.replace("111310", "900002").replace("Beria", "Béria").encode("latin-1"),
                   r"latin1.txt:\d+: .*UTF-8"),
    "huge.txt": (b"**July 1, 1953**\n\n" + b"x" * 20_000_000, r"huge.txt.*(large|MB|bytes)"),
}


@pytest.fixture(scope="module")
def bad_corpus_result(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    bad = {name: content for name, (content, _) in BAD_RECORDS.items()}
    bad["shuffled.txt"] = _shuffled_sections(BERIA_TEXT.replace("111310", "900003")).encode()
    folder = _corpus(tmp, bad)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--input", str(folder), "--out", str(tmp / "dist")])
    return result, tmp / "dist"


@pytest.mark.parametrize("name", BAD_RECORDS)
def test_bad_record_gets_one_clear_line(bad_corpus_result, name):
    result, _ = bad_corpus_result
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1, result.stderr
    assert re.search(BAD_RECORDS[name][1], lines[0]), lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_bad_records_do_not_stop_the_good_ones(bad_corpus_result):
    result, out = bad_corpus_result
    assert result.exit_code == 1
    assert "rejected: 6" in result.stdout
    graph = Graph().parse(out / "kg.nt", format="nt")
    for doc_id in ("111310", "112968", "900003"):  # the shuffled record still reads
        assert ask(graph, f'ASK {{ ?d dcterms:identifier "{doc_id}" ; dcterms:title ?t }}'), doc_id


def test_duplicate_document_is_rejected_once(tmp_path):
    folder = _corpus(tmp_path, {"copy.txt": SEED_BERIA.read_bytes()})
    result = build(folder, tmp_path / "dist")
    assert [o.source for o in result.rejected] == ["copy.txt"]
    assert "already read from 000_b15e87d12b1721f2.txt" in result.rejected[0].error


# --- atomic writes: a crash keeps what was published ----------------------------------------

def test_crash_while_writing_leaves_previous_dumps_intact(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    build(SEEDS, out)
    before = {name: (out / name).read_bytes() for name in DUMPS}

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.scale.assemble.DumpFiles.close", crash)  # the dumps are all but written
    with pytest.raises(KeyboardInterrupt):
        build(SEEDS, out, base="https://other.example.org/")
    for name in DUMPS:  # the previous set, whole and consistent
        assert (out / name).read_bytes() == before[name], name
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


# --- CLI ------------------------------------------------------------------------------------

def test_cli_build_prints_summary_and_exits_0(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--input", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "records read: 2, published: 2, rejected: 0" in result.stdout
    assert re.search(r"triples: \d+, violations: 0", result.stdout)


@pytest.mark.parametrize("args", [["build", "--input", "/no/such/folder"], ["build", "--base", "not an iri"],
                                  ["build", "--frobnicate"], ["validate"], ["validate", "/no/such/file.ttl"]])
def test_cli_usage_errors_exit_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a build that wrongly went ahead would write here, not in the checkout
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_cli_validate_reports_violations_as_sentences(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        "<https://kg.example.org/id/document/1> a schema:ArchiveComponent .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "document/1" in result.stdout and "title" in result.stdout.lower()


def test_cli_validate_accepts_the_build_output(built_seeds):
    result = CliRunner().invoke(cli, ["validate", *(str(built_seeds.out_dir / n) for n in DUMPS)])
    assert result.exit_code == 0, result.output


def test_a_record_that_breaks_a_shape_is_rejected_and_reported(tmp_path, monkeypatch):
    from kg.scale import worker

    chunk_lines = worker.chunk_lines  # document 112968 loses its title between mapping and validation
    monkeypatch.setattr(worker, "chunk_lines", lambda graphs: [
        line for line in chunk_lines(graphs)
        if not ("<http://purl.org/dc/terms/title>" in line and "/document/112968" in line)])
    result = CliRunner().invoke(cli, ["build", "--input", str(SEEDS), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "rejected" in result.stderr and "dcterms:title" in result.stderr
    report = Graph().parse(tmp_path / "out" / "validation.ttl")
    assert ask(report, """ASK { ?r a sh:ValidationReport ; sh:conforms false ;
                              sh:result [ sh:resultSeverity sh:Violation ; sh:resultPath dcterms:title ] }""")
    published = Graph().parse(tmp_path / "out" / "kg.nt")
    assert ask(published, 'ASK { ?d dcterms:identifier "111310" }')
    assert not ask(published, 'ASK { ?d dcterms:identifier "112968" }')
