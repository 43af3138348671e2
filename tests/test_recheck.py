"""The merged shared graph rechecked where it changed: the same violations as a full check."""

from __future__ import annotations

import contextlib
import random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.build import build
from kg.scale import shacl
from kg.scale.chunks import sort_form
from kg.scale.recheck import MAX_CHANGED_SHARE, FullCheckNeeded, _object, _subject, changed_lines, recheck
from kg.shacl.reach import object_targets, reach
from kg.synth import generate
from kg.validate import load_shapes
from tests.test_incremental import _edit, _first_good, assert_same_output

XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@pytest.fixture(scope="module")
def shared_lines(tmp_path_factory) -> list[str]:
    """The shared graph of a built synthetic archive, as the build keeps it for the next one."""
    folder = tmp_path_factory.mktemp("recheck")
    generate(folder / "records", 30, seed=9, malformed_rate=0.1)
    build(folder / "records", folder / "out", cache=folder / "cache", jobs=1)
    return (folder / "cache" / "runs" / "checked" / "graph.nt").read_text(encoding="utf-8").splitlines(keepends=True)


def _write(path, lines) -> None:
    path.write_text("".join(sorted(set(lines), key=sort_form)), encoding="utf-8")


def _mutated(lines: list[str], rng: random.Random) -> list[str]:
    """One random change a derived or shared resource could suffer."""
    lines = list(lines)
    index = rng.randrange(len(lines))
    subject, predicate, obj = lines[index].removesuffix(" .\n").split(" ", 2)
    kind = rng.choice(["drop", "drop types", "other object", "bad literal", "new subject"])
    if kind == "drop":
        del lines[index]
    elif kind == "drop types":  # a value node's classes gone: the nodes before it must be rechecked
        target = obj if obj.startswith("<") else subject
        lines = [line for line in lines if not line.startswith(f"{target} {RDF_TYPE} ")]
    elif kind == "other object":
        other = rng.choice(lines).split(" ", 1)[0]
        lines[index] = f"{subject} {predicate} {other} .\n"
    elif kind == "bad literal":
        lines[index] = f'{subject} {predicate} "not a number"^^{XSD_INTEGER} .\n'
    else:
        lines.append(f"{subject[:-1]}-new> {predicate} {obj} .\n")
    return lines


def test_a_recheck_finds_what_a_full_check_finds(shared_lines, tmp_path):
    rng, old, new = random.Random(5), tmp_path / "old.nt", tmp_path / "new.nt"
    _write(old, shared_lines)
    original = shacl.validate_paths([old]).violations
    rechecked = differing = 0
    for _ in range(40):
        _write(new, _mutated(shared_lines, rng))
        full = shacl.validate_paths([new]).violations
        differing += full != original
        for before, after, known, expected in ((old, new, original, full), (new, old, full, original)):
            with contextlib.suppress(FullCheckNeeded):  # a literal focus node: only a full check will do
                found = recheck(before, after, known, "kg")
                rechecked += 1
                assert found == expected
    assert differing >= 10 and rechecked >= 60  # the mutations break things, and are rechecked


def test_a_graph_changed_past_the_share_is_checked_whole(shared_lines, tmp_path):
    old, new = tmp_path / "old.nt", tmp_path / "new.nt"
    _write(old, shared_lines)
    changed = int(len(shared_lines) * MAX_CHANGED_SHARE * 2)  # lines are of similar lengths: about twice the share
    _write(new, [line.replace(" ", "-changed> ", 1).replace(">-changed>", "-changed>", 1) if i < changed else line
                 for i, line in enumerate(shared_lines)])
    with pytest.raises(FullCheckNeeded, match="too much changed"):
        recheck(old, new, (), "kg")
    _write(new, shared_lines[1:])  # one line fewer: well within it
    known = shacl.validate_paths([old]).violations
    assert recheck(old, new, known, "kg") == shacl.validate_paths([new]).violations


def test_changed_lines_are_the_lines_in_only_one_file(tmp_path):
    old, new = tmp_path / "old.nt", tmp_path / "new.nt"
    a, b, c, d = (f"<https://x.example/{n}> <https://x.example/p> \"{n}\" .\n" for n in "abcd")
    _write(old, [a, b, d])
    _write(new, [b, c, d])
    assert sorted(changed_lines(old, new)) == [a, c]
    assert list(changed_lines(old, old)) == []


@pytest.mark.parametrize("obj", ['<https://x.example/b>', '"a <https://x.example/b>"', '"<https://x.example/b>"@en',
                                 '"x <https://x.example/b>"^^<https://x.example/b>', '"two words"'])
def test_the_quick_object_of_a_line_is_the_object_only_when_it_is_an_iri(obj):
    line = f"<https://x.example/a> <https://x.example/p> {obj} .\n"
    assert (_object(line) == "<https://x.example/b>") == (obj == "<https://x.example/b>")
    assert _subject(line) == "<https://x.example/a>"


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://x.example/> .
ex:Own a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:Typed a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:class ex:B ] .
ex:Nested a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:node ex:Typed ] .
ex:Loop a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:node ex:Loop ] .
"""


@pytest.mark.parametrize("shape, steps", [("Own", 0), ("Typed", 1), ("Nested", 2), ("Loop", None)])
def test_the_reach_of_shapes_is_how_far_their_checks_read(shape, steps):
    graph = Graph().parse(data=SHAPES, format="turtle")
    for other in {"Own", "Typed", "Nested", "Loop"} - {shape}:  # only this one keeps its target
        graph.remove((graph.namespace_manager.expand_curie(f"ex:{other}"), SH.targetClass, None))
    assert reach(graph) == steps


def test_a_path_other_than_a_predicate_has_no_bounded_reach():
    graph = Graph().parse(data=SHAPES + "ex:Inverse a sh:NodeShape ; sh:targetClass ex:A ; "
                          "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .", format="turtle")
    assert reach(graph) is None  # it reads the triples naming a node, which a step forward does not find


def test_the_predicates_whose_objects_are_targeted():
    graph = Graph().parse(data=SHAPES + "ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:p, ex:q .", format="turtle")
    assert object_targets(graph) == {"<https://x.example/p>", "<https://x.example/q>"}
    assert "<https://schema.org/workTranslation>" in object_targets(load_shapes())  # kgsh:TranslationShape


def test_kgs_shapes_have_a_bounded_reach():
    assert reach(load_shapes()) is not None


WORK_TRANSLATION = "<https://schema.org/workTranslation>"
USED = "<http://www.w3.org/ns/prov#used>"


def test_an_object_that_becomes_or_stops_being_a_focus_node_is_rechecked(shared_lines, tmp_path):
    # an IRI named only as a translation is a focus node of kgsh:TranslationShape, with no original
    old, new = tmp_path / "old.nt", tmp_path / "new.nt"
    subject = shared_lines[0].split(" ", 1)[0]
    _write(old, shared_lines)
    _write(new, shared_lines + [f"{subject} {WORK_TRANSLATION} <https://x.example/translation> .\n"])
    before, after = (shacl.validate_paths([path]).violations for path in (old, new))
    assert URIRef("https://x.example/translation") in {v.focus_node for v in after} - {v.focus_node for v in before}
    assert recheck(old, new, before, "kg") == after
    assert recheck(new, old, after, "kg") == before
    _write(new, shared_lines + [f'{subject} {WORK_TRANSLATION} "a translation" .\n'])  # a literal becomes one
    assert any(isinstance(v.focus_node, Literal) for v in shacl.validate_paths([new]).violations)
    with pytest.raises(FullCheckNeeded, match="a literal focus node"):
        recheck(old, new, before, "kg")


def test_an_object_named_alike_on_both_sides_is_not_rechecked(shared_lines, tmp_path, monkeypatch):
    # the build activity is renamed with every build: each source it used is used still
    old, new = tmp_path / "old.nt", tmp_path / "new.nt"
    renamed, kept = "<https://x.example/activity-1>", "<https://x.example/activity-2>"
    used = [line for line in shared_lines if f" {USED} <" in line]
    assert used  # the synthetic archive's build activity uses its sources
    _write(old, shared_lines + [line.replace(line.split(" ", 1)[0], renamed, 1) for line in used])
    _write(new, shared_lines + [line.replace(line.split(" ", 1)[0], kept, 1) for line in used])
    original, evaluated = shacl.validate_paths, set()

    def validate_paths(paths, engine, *, focus=None):
        evaluated.update(focus)
        return original(paths, engine, focus=focus)

    monkeypatch.setattr(shacl, "validate_paths", validate_paths)
    assert recheck(old, new, original([old]).violations, "kg") == original([new]).violations
    sources = {URIRef(line.rsplit(" ", 2)[1][1:-1]) for line in used}
    assert URIRef(kept[1:-1]) in evaluated and not sources & evaluated


def test_an_incremental_build_rechecks_only_what_changed(tmp_path, monkeypatch):
    records = tmp_path / "records"
    generate(records, 24, seed=3, malformed_rate=0.0)
    cache = tmp_path / "cache"
    build(records, tmp_path / "inc", cache=cache, jobs=1)
    full_checks = []
    original = shacl.validate_shared_graph
    monkeypatch.setattr(shacl, "validate_shared_graph", lambda *a: full_checks.append(a) or original(*a))
    _edit(_first_good(records), "\n\nOne more paragraph.")
    timings: dict[str, float] = {}
    build(records, tmp_path / "inc", cache=cache, jobs=1, timings=timings)
    assert full_checks == [] and "shared graph: recheck" in timings
    build(records, tmp_path / "full", jobs=1)
    assert len(full_checks) == 1  # a build without a kept graph checks it whole
    assert_same_output(tmp_path / "inc", tmp_path / "full")
